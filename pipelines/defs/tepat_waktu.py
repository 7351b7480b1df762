"""What is late, at a glance: one WARN check per raw source (`tepat_waktu`), run by the ingest job
in one step after the raw tables, saying which region's next file is overdue (pipelines/lib/jatuh_tempo.py).

It never blocks: a late file is news for the steward, not a reason to stop building what is there.
Today is LKJIP_HARI_INI when set (YYYY-MM-DD), so a steward or a test can ask "as of" a day.
"""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.lib import jatuh_tempo
from pipelines.lib import ketersediaan as sumber
from pipelines.lib.dates import tanggal
from schemas.pesan import _

CHECK = "tepat_waktu"
COLUMNS = ["kode_wilayah", "berkas", "jatuh_tempo", "hari_terlambat"]


def _late_table(late: pl.DataFrame) -> dg.TableMetadataValue:
    shown = late.with_columns(tanggal(pl.col("jatuh_tempo")).alias("jatuh_tempo")).select(COLUMNS)
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in shown.iter_rows(named=True)],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "int" if c == "hari_terlambat" else "string") for c in COLUMNS]),
    )


def results(warehouse: DuckDBResource) -> list[dg.AssetCheckResult]:
    """Every raw source's check, from one look at what raw/ holds."""
    hari_ini = settings.hari_ini()
    with warehouse.get_connection() as conn:
        ada = jatuh_tempo.terakhir(conn)
    late_all = jatuh_tempo.terlambat(ada, hari_ini)
    today = pl.select(tanggal(pl.lit(hari_ini))).item()
    found = []
    for s in sumber.SUMBER:  # nine sources, not data rows
        late = late_all.filter(pl.col("sumber") == s.table)
        found.append(dg.AssetCheckResult(
            asset_key=dg.AssetKey(s.table.split(".")),
            check_name=CHECK,
            passed=late.is_empty(),
            severity=dg.AssetCheckSeverity.WARN,
            description=(
                _("Nothing overdue on {today}.") if late.is_empty() else _("{count} file(s) overdue on {today}.")
            ).format(today=today, count=late.height),
            metadata={"hari_ini": hari_ini.isoformat(), "terlambat": _late_table(late)},
        ))
    return found


# One step for every source (after all raw tables, the catalogs included: a region with a catalog
# is expected to have every used source's files), each source its own check in the UI.
@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            CHECK,
            asset=dg.AssetKey(s.table.split(".")),
            description=_("{rule} Warning only: lists each region whose next file is overdue (as of LKJIP_HARI_INI when set).").format(
                rule=jatuh_tempo.aturan(s)),
            blocking=False,
        )
        for s in sumber.SUMBER
    ],
    can_subset=False,
)
def tepat_waktu(warehouse: DuckDBResource):
    yield from results(warehouse)


defs = dg.Definitions(asset_checks=[tepat_waktu])
