"""measures: every measure (`<source>.<name>`) per region and year, every region at once, each with its source files."""

import re
from collections.abc import Callable

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.kontrak import contract_check, staged_output
from pipelines.defs.label import OWNERS, STAGED_KINDS
from pipelines.defs.partitions import PER_TAHUN, TRIWULAN_DALAM_TAHUN, years_of
from pipelines.defs.resources import budget_periodes, read_rows, sources_present, table_exists
from pipelines.lib import ketersediaan as sumber
from pipelines.lib.measures import ukuran
from schemas.measures import Ukuran
from schemas.pesan import _

SUB_KEGIATAN = "staged.sipd_sub_kegiatan"

# staged slice → (the sources it needs, how it becomes measures)
SLICES: dict[str, tuple[tuple[sumber.Sumber, ...], Callable[[pl.LazyFrame], pl.LazyFrame]]] = {
    "staged.bps_tenaga_kerja": ((sumber.BPS,), ukuran.from_bps),
    "staged.koperasi": ((sumber.ODS,), ukuran.from_koperasi),
    "staged.koperasi_penilaian": ((sumber.ODS, sumber.PENILAIAN), ukuran.from_penilaian),
    "staged.umkm_desa": ((sumber.UMKM,), ukuran.from_umkm),
    "staged.umkm_wilayah": ((sumber.UMKM_WILAYAH,), ukuran.from_umkm_wilayah),
    "staged.manual_ukuran": ((sumber.MANUAL,), ukuran.from_manual),
}


def anggaran_measures(warehouse: DuckDBResource, years: list[int]) -> pl.LazyFrame:
    """The budget measures, computed by DuckDB over the years' SIPD lines in the warehouse (at
    national scale tens of millions of lines, which never pass through Python), in the quarters
    the budget files hold now."""
    tahun = ", ".join(str(int(y)) for y in years) or "NULL"
    periode = ", ".join(f"'{p}'" for p in budget_periodes(warehouse) if re.fullmatch(r"\d{4}-Q[1-4]", p)) or "NULL"
    with warehouse.get_connection() as conn:
        lines = f"(SELECT * FROM {SUB_KEGIATAN} WHERE tahun IN ({tahun}) AND periode IN ({periode}))"
        return ukuran.from_anggaran(conn, lines).pl().lazy()


@dg.asset(
    key=["staged", "measures"],
    deps=[
        *(dg.AssetKey(table.split(".")) for table in SLICES),
        # every quarter of the year: the budget measures read its latest cut-off
        dg.AssetDep(dg.AssetKey(SUB_KEGIATAN.split(".")), partition_mapping=TRIWULAN_DALAM_TAHUN),
    ],
    check_specs=[contract_check(["staged", "measures"])],
    **PER_TAHUN,
    group_name="kinerja",
    owners=OWNERS,
    kinds=STAGED_KINDS,
    description=_(
        "One number per region, year and measure, for every region at once (`bps.*`, "
        "koperasi.jumlah/baru/sehat/berkualitas, umkm.jumlah, anggaran.pagu/realisasi per kode prefix, "
        "`manual.*`), each with the raw files it was computed from. The catalog's formulas read realisasi "
        "from here (Tabel 3.1, 3.2, 3.3, 3.6). A source without data in raw/ gives no measure (not zero): the "
        "metadata names it, and the indicators reading it say why they are empty."
    ),
)
def measures(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    years = years_of(context)
    ada = sources_present(warehouse)
    parts = {
        table: measure(read_rows(warehouse, table, tahun=years).lazy())
        for table, (needs, measure) in SLICES.items()
        if all(s.folder in ada for s in needs) and table_exists(warehouse, table)
    }
    if "staged.umkm_wilayah" in parts and "staged.umkm_desa" in parts:
        # a region-level open-data figure counts where the villages give none
        parts["staged.umkm_wilayah"] = parts["staged.umkm_wilayah"].join(parts["staged.umkm_desa"], on=[*ukuran.KEY, "ukuran"], how="anti")
    if sumber.SIPD.folder in ada and table_exists(warehouse, SUB_KEGIATAN):
        parts["anggaran"] = anggaran_measures(warehouse, years)
    absent = [f"raw/{folder}/" for folder in sumber.FOLDERS if folder not in ada]
    yield from staged_output(ukuran.all_measures(list(parts.values())), Ukuran, "staged.measures", {"sumber_tanpa_data": absent})
