"""What is late, at a glance: one WARN check per raw source (`tepat_waktu`), run by the ingest job
right after the source's table, saying which region's next file is overdue (pipelines/lib/jatuh_tempo.py).

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


def tepat_waktu(s: sumber.Sumber) -> dg.AssetChecksDefinition:
    # After the catalogs too: a region with a catalog is expected to have every used source's files.
    katalog = [] if s == sumber.KATALOG else [dg.AssetKey(sumber.KATALOG.table.split("."))]

    @dg.asset_check(
        asset=dg.AssetKey(s.table.split(".")),
        name=CHECK,
        description=_("{rule} Warning only: lists each region whose next file is overdue (as of LKJIP_HARI_INI when set).").format(
            rule=jatuh_tempo.aturan(s)),
        blocking=False,
        additional_deps=katalog,
    )
    def _check(warehouse: DuckDBResource) -> dg.AssetCheckResult:
        hari_ini = settings.hari_ini()
        with warehouse.get_connection() as conn:
            ada = jatuh_tempo.terakhir(conn)
        late = jatuh_tempo.terlambat(ada, hari_ini).filter(pl.col("sumber") == s.table)
        today = pl.select(tanggal(pl.lit(hari_ini))).item()
        return dg.AssetCheckResult(
            passed=late.is_empty(),
            severity=dg.AssetCheckSeverity.WARN,
            description=(
                _("Nothing overdue on {today}.") if late.is_empty() else _("{count} file(s) overdue on {today}.")
            ).format(today=today, count=late.height),
            metadata={"hari_ini": hari_ini.isoformat(), "terlambat": _late_table(late)},
        )

    return _check


defs = dg.Definitions(asset_checks=[tepat_waktu(s) for s in sumber.SUMBER])
