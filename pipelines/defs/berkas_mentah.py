"""The raw files behind a table, as the run's raw assets recorded them (path, sha256, rows)."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipelines import settings


def files_metadata(files: pl.DataFrame) -> dg.TableMetadataValue:
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in files.iter_rows(named=True)],
        schema=dg.TableSchema(
            columns=[dg.TableColumn("file", "string"), dg.TableColumn("sha256", "string"), dg.TableColumn("rows", "int")]
        ),
    )


def source_files_table(files: list[str]) -> dg.TableMetadataValue:
    """The raw files rows came from, each with its sha256 in full as the run's raw assets
    recorded it: a steward checks a file without opening the warehouse."""
    context = dg.AssetExecutionContext.get()
    hashes = raw_file_hashes(context.instance, context.resources.io_manager.database)
    return dg.MetadataValue.table(
        records=[dg.TableRecord({"berkas": f, "sha256": hashes.get(f, "")}) for f in files],
        schema=dg.TableSchema(columns=[dg.TableColumn("berkas", "string"), dg.TableColumn("sha256", "string")]),
    )


def raw_file_hashes(instance: dg.DagsterInstance, database: str) -> dict[str, str]:
    """file (relative to raw/) → sha256, as the latest materialisation of each raw asset into this
    warehouse recorded it: the files a run read, not what raw/ holds now, nor what a run into
    another warehouse on the same instance read."""
    hashes: dict[str, str] = {}
    runs: dict[str, bool] = {}  # run id → whether it wrote this warehouse

    def ours(run_id: str) -> bool:
        if run_id not in runs:
            run = instance.get_run_by_id(run_id)
            config = (run.run_config or {}).get("resources", {}).get("io_manager", {}).get("config", {}) if run else {}
            runs[run_id] = str(Path(config.get("database") or settings.database_path()).resolve()) == str(Path(database).resolve())
        return runs[run_id]

    for key in instance.get_asset_keys(prefix=["raw"]):
        records = instance.fetch_materializations(key, limit=RUNS_LOOKED_AT).records
        event = next((r for r in records if ours(r.run_id)), None)
        files = event.asset_materialization.metadata.get("files") if event and event.asset_materialization else None
        for record in files.value.records if files is not None else []:
            hashes[str(record.data["file"])] = str(record.data["sha256"])
    return hashes


RUNS_LOOKED_AT = 50  # per raw asset, newest first: enough for several warehouses on one instance
