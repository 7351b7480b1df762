"""measures: every measure of indicators.md per region and year, every region at once, each with its source files."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.ingest import OWNERS, STAGED_KINDS, contract_check, staged_output
from pipelines.lib.measures import ukuran
from pipelines.defs.partitions import PER_TAHUN, TRIWULAN_DALAM_TAHUN, years_of
from pipelines.defs.resources import table_exists
from schemas.measures import Ukuran

SUB_KEGIATAN = "staged.sipd_sub_kegiatan"


def _staged(name: str) -> dg.AssetIn:
    return dg.AssetIn(key=["staged", name])


def anggaran_measures(warehouse: DuckDBResource, years: list[int]) -> pl.LazyFrame:
    """The budget measures, computed by DuckDB over the years' SIPD lines in the warehouse (at
    national scale tens of millions of lines, which never pass through Python)."""
    if not table_exists(warehouse, SUB_KEGIATAN):  # no SIPD workbook has ever been read
        return pl.LazyFrame(schema=ukuran.SCHEMA)
    tahun = ", ".join(str(int(y)) for y in years) or "NULL"
    with warehouse.get_connection() as conn:
        return ukuran.from_anggaran(conn, f"(SELECT * FROM {SUB_KEGIATAN} WHERE tahun IN ({tahun}))").pl().lazy()


@dg.asset(
    key=["staged", "measures"],
    ins={
        "bps": _staged("bps_tenaga_kerja"),
        "koperasi": _staged("koperasi"),
        "penilaian": _staged("koperasi_penilaian"),
        "umkm": _staged("umkm_desa"),
        "manual": _staged("manual_ukuran"),
    },
    # every quarter of the year: the budget measures read its latest cut-off
    deps=[dg.AssetDep(dg.AssetKey(SUB_KEGIATAN.split(".")), partition_mapping=TRIWULAN_DALAM_TAHUN)],
    check_specs=[contract_check(["staged", "measures"])],
    **PER_TAHUN,
    group_name="kinerja",
    owners=OWNERS,
    kinds=STAGED_KINDS,
)
def measures(
    context: dg.AssetExecutionContext,
    bps: pl.DataFrame,
    koperasi: pl.DataFrame,
    penilaian: pl.DataFrame,
    umkm: pl.DataFrame,
    manual: pl.DataFrame,
    warehouse: DuckDBResource,
):
    """One number per region, year and measure, for every region at once (`bps.*`,
    koperasi.jumlah/baru/sehat/berkualitas, umkm.jumlah, anggaran.pagu/realisasi per kode prefix,
    `manual.*`), each with the raw files it was computed from. The catalog's formulas read realisasi
    from here (Tabel 3.1, 3.2, 3.3, 3.6)."""
    frame = ukuran.all_measures(
        [
            ukuran.from_bps(bps.lazy()),
            ukuran.from_koperasi(koperasi.lazy()),
            ukuran.from_penilaian(penilaian.lazy()),
            ukuran.from_umkm(umkm.lazy()),
            anggaran_measures(warehouse, years_of(context)),
            ukuran.from_manual(manual.lazy()),
        ]
    )
    yield from staged_output(frame, Ukuran, "staged.measures")
