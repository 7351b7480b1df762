"""Shared by every source's assets: contract failures, provenance and schema metadata."""

import hashlib
from dataclasses import dataclass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import pandera.polars as pa
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.lib.ketersediaan import akibat, tidak_ada
from pipelines.lib.problems import SOURCE_FILE, ContractError, Problems
from pipelines.lib.provenance import Listing, SourceFile, file_table, list_folder
from pipelines.defs.partitions import PER_TAHUN, column_values
from pipelines.defs.resources import RawFiles, read_rows
from pipelines.lib.validation import validate
from schemas.pesan import _

OWNERS = ["team:data-stewards"]
KINDS = {"polars", "duckdb"}
# Raw and staged assets share their last key part (raw/umkm_desa, staged/umkm_desa): a kind
# badge on each node tells them apart at a glance in the lineage graph.
RAW_KINDS = KINDS | {"raw"}


def file_kinds(extensions: tuple[str, ...]) -> set[str]:
    """The UI badges of a raw asset: the kinds of file its folder is read for."""
    return {{".yml": "yaml"}.get(e, e.lstrip(".")) for e in extensions}
STAGED_KINDS = KINDS | {"staged"}

Reader = Callable[[list[SourceFile]], pl.DataFrame]


CONTRACT = "kontrak"


def contract_check(key: list[str]) -> dg.AssetCheckSpec:
    """The pandera contract of an asset's table, recorded as a check (it blocks: nothing is
    written when it fails)."""
    return dg.AssetCheckSpec(
        CONTRACT,
        asset=dg.AssetKey(key),
        blocking=True,
        description=_("The table meets its pandera contract in schemas/ (columns, types, keys, row rules); failures list file, row, column and value."),
    )


def problems_table(problems: list) -> dg.TableMetadataValue:
    return dg.MetadataValue.table(
        records=[dg.TableRecord({k: ("" if v is None else str(v)) for k, v in p.as_dict().items()}) for p in problems],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "string") for c in ["file", "sheet", "row", "column", "value", "message"]]),
    )


@contextmanager
def contract_failure() -> Iterator[None]:
    """Stop the run with one line per problem, shown in the UI and printed by the CLI."""
    try:
        yield
    except ContractError as err:
        raise dg.Failure(description=str(err), metadata={"problems": problems_table(err.problems)}) from None


def column_schema(model: type[pa.DataFrameModel]) -> dg.TableSchema:
    """dagster/column_schema from the pandera model, the single owner of column contracts."""
    schema = model.to_schema()
    unique = set(schema.unique or [])
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=name,
                type=str(col.dtype),
                description=col.description,
                constraints=dg.TableColumnConstraints(nullable=col.nullable, unique=col.unique or {name} == unique),
            )
            for name, col in schema.columns.items()
        ]
    )


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


def validated(
    model: type[pa.DataFrameModel], what: str, compute: Callable[[], pl.DataFrame], metadata: Callable[[pl.DataFrame], dict]
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Compute the table, validate it, and only then output it; the contract check records the
    outcome either way (failure cases as a table) before a failure stops the run."""
    try:
        frame = validate(model, compute(), what=what)
    except ContractError as err:
        yield dg.AssetCheckResult(check_name=CONTRACT, passed=False, metadata={"failure_cases": problems_table(err.problems)})
        with contract_failure():
            raise
    extra = metadata(frame)
    yield dg.Output(
        frame,
        metadata={"dagster/row_count": frame.height, "dagster/column_schema": column_schema(model), **extra.get("metadata", {})},
        data_version=extra.get("data_version"),
    )
    yield dg.AssetCheckResult(check_name=CONTRACT, passed=True, metadata={"rows": frame.height})


def raw_output(
    context: dg.AssetExecutionContext,
    listing: Listing,
    read: Reader,
    model: type[pa.DataFrameModel],
    raw_dir: str,
    folder: str,
    why_empty: str | None = None,
    describe: Callable[[pl.DataFrame], dict[str, object]] | None = None,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Read every file of a source, validate the contract, record path, sha256 and rows per file
    (and the entries of the folder left unread, with the reason). A source without data is
    written as an empty table (what raw/<folder>/ holds) whose metadata says what that leaves
    unbuilt; `why_empty` explains rows the files have but the table cannot keep; `describe` adds
    what a source says about its files (the layout each was read as, …).

    Nothing is output (so nothing is written) unless every file passes; otherwise every problem
    of the folder and its files is reported at once.
    """
    for name, reason in listing.ignored:
        context.log.warning(f"{name}: ignored ({reason})")

    def files(frame: pl.DataFrame) -> dict:
        table = file_table(listing.sources, frame)
        fingerprint = hashlib.sha256("".join(table.get_column("sha256").to_list()).encode()).hexdigest()
        metadata: dict[str, object] = {"raw_dir": raw_dir, "files": files_metadata(table)}
        if listing.ignored:
            metadata["ignored_files"] = [f"{name}: {reason}" for name, reason in listing.ignored]
        if describe is not None:
            metadata.update(describe(frame))
        if frame.is_empty():
            metadata["tanpa_data"] = "; ".join(filter(None, [why_empty, f"{tidak_ada(folder)}: {akibat(folder)}"]))
            context.log.warning(f"raw/{folder}/: {metadata['tanpa_data']}")
        return {"metadata": metadata, "data_version": dg.DataVersion(fingerprint[:16])}

    def read_folder() -> pl.DataFrame:
        # A folder entry that is a problem (a link leading outside raw/, a file above the size
        # limit) is reported together with the problems of the files that were read.
        problems = Problems()
        problems.add(listing.problems)
        frame = problems.attempt(read, listing.sources)
        problems.raise_any()
        return frame

    return validated(model, f"raw/{model.__name__}", read_folder, files)


def staged_output(
    frame: pl.DataFrame, model: type[pa.DataFrameModel], what: str, metadata: dict | None = None
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Validate a derived table or a slice of years or quarters and name the source files its rows
    came from (plus any other `metadata`)."""

    def sources(valid: pl.DataFrame) -> dict:
        extra = dict(metadata or {})
        if SOURCE_FILE in valid.columns:
            extra["source_files"] = source_files_table(sorted(valid.get_column(SOURCE_FILE).unique().drop_nulls().to_list()))
        return {"metadata": extra}

    return validated(model, what, lambda: frame, sources)


def raw_asset(
    *,
    name: str,
    folder: str,
    extensions: tuple[str, ...],
    read: Reader,
    model: type[pa.DataFrameModel],
    group: str,
    description: str,
) -> dg.AssetsDefinition:
    """raw/<name>: every file of one source folder, validated, with path, sha256 and rows per file."""

    @dg.asset(
        key=["raw", name], group_name=group, owners=OWNERS, kinds=RAW_KINDS | file_kinds(extensions),
        description=description,
        check_specs=[contract_check(["raw", name])],
    )
    def _raw(context: dg.AssetExecutionContext, raw_files: RawFiles):
        listing = list_folder(raw_files.path, folder, extensions)
        yield from raw_output(context, listing, read, model, raw_files.raw_dir, folder)

    return _raw


# (warehouse, the partitions' values of the slice column: years, or periodes like '2023-Q4') → rows
SliceReader = Callable[[DuckDBResource, list], pl.DataFrame]


def staged_asset(
    *,
    name: str,
    upstream: dg.AssetsDefinition,
    model: type[pa.DataFrameModel],
    group: str,
    description: str,
    read: SliceReader | None = None,
    partitioning: dict = PER_TAHUN,
) -> dg.AssetsDefinition:
    """staged/<name>: the years (or quarters) being built, every region together, read in DuckDB
    so memory follows the slice. `read(warehouse, values)` defaults to those years' rows of the
    upstream table."""
    table = ".".join(upstream.key.path)
    column = partitioning["metadata"]["partition_expr"]

    @dg.asset(
        key=["staged", name],
        deps=[upstream],
        **partitioning,
        group_name=group,
        owners=OWNERS,
        kinds=STAGED_KINDS,
        description=description,
        check_specs=[contract_check(["staged", name])],
    )
    def _staged(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
        values = column_values(partitioning["partitions_def"], context.partition_keys)
        frame = read(warehouse, values) if read else read_rows(warehouse, table, **{column: values})
        yield from staged_output(frame, model, f"staged.{name}")

    return _staged


@dataclass(frozen=True)
class Source:
    """One source of raw files: where they are, how they are read, the contract of their table
    and what a steward reads about it (the raw asset and its per-year staged slice)."""

    name: str
    folder: str
    extensions: tuple[str, ...]
    read: Reader
    model: type[pa.DataFrameModel]
    group: str
    raw_description: str
    staged_description: str


def source_assets(source: Source) -> list[dg.AssetsDefinition]:
    """The usual pair for a source: raw/<name> and its per-year slice staged/<name>."""
    raw = raw_asset(
        name=source.name, folder=source.folder, extensions=source.extensions, read=source.read, model=source.model,
        group=source.group, description=source.raw_description,
    )
    return [raw, staged_asset(name=source.name, upstream=raw, model=source.model, group=source.group, description=source.staged_description)]
