"""One WARN asset check per Great Expectations suite, on the asset whose table it reads.

Each check validates every year (or quarter, for Tabel 3.7) being materialised, every region of
it together, one GX validation per year or quarter; it never blocks anything downstream, and reports the failed expectations with
their observed values, and where the Data Docs are (<warehouse-dir>/data_docs/index.html). GX
is imported only when a check runs (engine.py).
"""

import warnings
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.partitions import column_values, tahunan, triwulan
from pipelines.lib.reviu.gx.suites import IKU_CAPAIAN, KOPERASI, MEASURES, QUARTER, REALISASI_ANGGARAN, UMKM_DESA, Suite
from schemas.pesan import _

FAILED_COLUMNS = ["partition", "expectation", "column", "observed", "unexpected", "unexpected_percent", "sample", "description"]


def check_name(suite: Suite) -> str:
    return f"gx_{suite.name}"


def _failed_table(records: list[dict[str, str]]) -> dg.TableMetadataValue:
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in records],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "string") for c in FAILED_COLUMNS]),
    )


def _run(suite: Suite, warehouse: DuckDBResource, value: object):
    from pipelines.lib.reviu.gx import engine

    return engine.run_suite(suite, database=Path(warehouse.database), connect=warehouse.get_connection, slice_value=value)


def gx_check(suite: Suite) -> dg.AssetChecksDefinition:
    partitions_def = triwulan if suite.slice_column == QUARTER else tahunan

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.PreviewWarning)  # partitions_def on an asset check

        @dg.asset_check(
            asset=dg.AssetKey(suite.asset_key),
            name=check_name(suite),
            description=_("Great Expectations suite '{suite}' (warning only): {description}").format(suite=suite.name, description=suite.description),
            blocking=False,
            partitions_def=partitions_def,
            metadata={"suite": suite.name, "table": suite.table},
        )
        def _check(context: dg.AssetCheckExecutionContext, warehouse: DuckDBResource) -> dg.AssetCheckResult:
            values = column_values(partitions_def, context.partition_keys)
            outcomes, errors, failures = [], [], []
            for value in values:
                try:
                    outcome = _run(suite, warehouse, value)
                except Exception as err:  # noqa: BLE001 - a quality warning must not stop the run
                    context.log.exception(f"GX suite {suite.name} could not run on {value}")
                    errors.append(f"{value}: {type(err).__name__}: {err}")
                    continue
                outcomes.append(outcome)
                failures += [{**f.as_record(), "partition": str(value)} for f in outcome.failures]
            metadata: dict[str, object] = {
                "suite": suite.name,
                "table": suite.table,
                "partitions": ", ".join(map(str, values)),
                "rows": sum(o.rows for o in outcomes),
                "evaluated_expectations": sum(o.evaluated for o in outcomes),
                "failed_expectations": len(failures),
                "failed": _failed_table(failures),
                "data_docs": dg.MetadataValue.path(str(outcomes[0].docs_index)) if outcomes else "",
                "seconds": round(sum(o.seconds for o in outcomes), 2),
            }
            if errors:
                metadata["error"] = "; ".join(errors)
            docs_errors = [o.docs_error for o in outcomes if o.docs_error]
            if docs_errors:
                metadata["data_docs_error"] = "; ".join(docs_errors)
            failed = ", ".join(sorted({f"{f['expectation']}({f['column']})" if f["column"] else f["expectation"] for f in failures}))
            passed = not errors and all(o.success for o in outcomes)
            return dg.AssetCheckResult(
                passed=passed,
                severity=dg.AssetCheckSeverity.WARN,
                description=(
                    _("The suite could not run.") if errors and not outcomes
                    else _("All {count} expectations met.").format(count=metadata["evaluated_expectations"]) if passed
                    else _("{count} expectations not met: {failed}.").format(count=len(failures), failed=failed)
                ),
                metadata=metadata,
            )

    return _check


gx_umkm_desa = gx_check(UMKM_DESA)
gx_koperasi = gx_check(KOPERASI)
gx_realisasi_anggaran = gx_check(REALISASI_ANGGARAN)
gx_measures = gx_check(MEASURES)
gx_iku_capaian = gx_check(IKU_CAPAIAN)
