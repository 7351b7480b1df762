"""One WARN asset check per Great Expectations suite, on the asset whose table it reads.

Each check validates the partition being materialised (one region-year, or one region-quarter
for Tabel 3.7), never blocks anything downstream, and reports the failed expectations with
their observed values, and where the Data Docs are (<warehouse-dir>/data_docs/index.html). GX
is imported only when a check runs (engine.py).
"""

import warnings
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.partitions import region_periode, region_year
from pipelines.defs.reviu.gx.suites import IKU_CAPAIAN, KOPERASI, MEASURES, QUARTER, REALISASI_ANGGARAN, UMKM_DESA, Suite

FAILED_COLUMNS = ["expectation", "column", "observed", "unexpected", "unexpected_percent", "sample", "description"]


def check_name(suite: Suite) -> str:
    return f"gx_{suite.name}"


def _failed_table(records: list[dict[str, str]]) -> dg.TableMetadataValue:
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in records],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "string") for c in FAILED_COLUMNS]),
    )


def gx_check(suite: Suite) -> dg.AssetChecksDefinition:
    partitions_def = region_periode if suite.slice_column == QUARTER else region_year

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.PreviewWarning)  # partitions_def on an asset check

        @dg.asset_check(
            asset=dg.AssetKey(suite.asset_key),
            name=check_name(suite),
            description=f"Great Expectations suite '{suite.name}' (warning only): {suite.description}",
            blocking=False,
            partitions_def=partitions_def,
            metadata={"suite": suite.name, "table": suite.table},
        )
        def _check(context: dg.AssetCheckExecutionContext, warehouse: DuckDBResource) -> dg.AssetCheckResult:
            from pipelines.defs.reviu.gx import engine

            keys = context.partition_key.keys_by_dimension  # type: ignore[attr-defined]
            kode, value = keys["kode_wilayah"], keys[suite.slice_column]
            database = Path(warehouse.database)
            try:
                outcome = engine.run_suite(
                    suite, database=database, connect=warehouse.get_connection, kode_wilayah=kode, slice_value=value
                )
            except Exception as err:  # noqa: BLE001 - a quality warning must not stop the run
                context.log.exception(f"GX suite {suite.name} could not run on {kode} {value}")
                return dg.AssetCheckResult(
                    passed=False,
                    severity=dg.AssetCheckSeverity.WARN,
                    description=f"The suite could not run: {type(err).__name__}",
                    metadata={"suite": suite.name, "partition": f"{kode} {value}", "error": f"{type(err).__name__}: {err}"},
                )
            metadata: dict[str, object] = {
                "suite": suite.name,
                "table": suite.table,
                "partition": f"{kode} {value}",
                "rows": outcome.rows,
                "evaluated_expectations": outcome.evaluated,
                "failed_expectations": len(outcome.failures),
                "failed": _failed_table([f.as_record() for f in outcome.failures]),
                "data_docs": dg.MetadataValue.path(str(outcome.docs_index)),
                "seconds": round(outcome.seconds, 2),
            }
            if outcome.docs_page is not None:
                metadata["data_docs_page"] = dg.MetadataValue.path(str(outcome.docs_page))
            if outcome.docs_error:
                metadata["data_docs_error"] = outcome.docs_error
            failed = ", ".join(sorted({f"{f.expectation}({f.column})" if f.column else f.expectation for f in outcome.failures}))
            return dg.AssetCheckResult(
                passed=outcome.success,
                severity=dg.AssetCheckSeverity.WARN,
                description=(
                    f"All {outcome.evaluated} expectations met."
                    if outcome.success
                    else f"{len(outcome.failures)} of {outcome.evaluated} expectations not met: {failed}."
                ),
                metadata=metadata,
            )

    return _check


gx_umkm_desa = gx_check(UMKM_DESA)
gx_koperasi = gx_check(KOPERASI)
gx_realisasi_anggaran = gx_check(REALISASI_ANGGARAN)
gx_measures = gx_check(MEASURES)
gx_iku_capaian = gx_check(IKU_CAPAIAN)
