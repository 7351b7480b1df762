"""Anggaran: SIPD sub kegiatan lines → Tabel 3.7 per quarter, absorption, DPA→DPPA changes.

Partitioned by quarter, every region together. Tabel 3.7 is computed by DuckDB inside the
warehouse (tens of millions of lines at national scale never pass through Python).
"""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.lib.anggaran import keuangan
from pipelines.defs.kontrak import contract_check, staged_output
from pipelines.defs.label import KINDS, OWNERS
from pipelines.defs.partitions import PER_TRIWULAN, periodes_of
from pipelines.defs.sql_table import sql_output
from schemas.anggaran import PerubahanPagu, RealisasiAnggaran, Serapan
from schemas.pesan import _

GROUP = "anggaran"
SUB_KEGIATAN = dg.AssetKey(["staged", "sipd_sub_kegiatan"])
SUBTOTAL = dg.AssetKey(["staged", "sipd_subtotal_cetak"])
TREE = dg.AssetKey(["anggaran", "realisasi_anggaran"])
COMMON = dict(**PER_TRIWULAN, group_name=GROUP, owners=OWNERS, kinds=KINDS)


def periode_slice(table: str, periodes: list[str]) -> str:
    """The rows of some quarters, as SQL text to read FROM (periodes are 'YYYY-Qn', checked)."""
    quoted = ", ".join(f"'{p}'" for p in periodes if len(p) == 7 and p[4:6] == "-Q" and p[:4].isdigit())
    return f"(SELECT * FROM {table} WHERE periode IN ({quoted or 'NULL'}))"


@dg.asset(
    key=TREE.path,
    check_specs=[contract_check(TREE.path)],
    deps=[SUB_KEGIATAN, SUBTOTAL],
    **COMMON,
    description=_(
        "LKjIP Tabel 3.7 per quarter for every region: pagu, realisasi keuangan (rupiah and %) and realisasi "
        "fisik per program, kegiatan and sub kegiatan, and the total. Every program, kegiatan and total "
        "amount is the sum of its sub kegiatan from SIPD (never the printed subtotal); fisik of a parent is "
        "the pagu-weighted mean of its children. Where one SKPD's cut-off arrived as DPA and DPPA, the DPPA "
        "is reported. SIPD figures are cumulative to the quarter's cut-off."
    ),
)
def realisasi_anggaran(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    periodes = periodes_of(context)
    with warehouse.get_connection() as conn:
        query = keuangan.realisasi_anggaran(
            conn, periode_slice("staged.sipd_sub_kegiatan", periodes), periode_slice("staged.sipd_subtotal_cetak", periodes)
        )
        yield from sql_output(conn, "anggaran.realisasi_anggaran", query, RealisasiAnggaran, "periode", periodes)


@dg.asset(
    key=["anggaran", "serapan"],
    check_specs=[contract_check(["anggaran", "serapan"])],
    deps=[TREE],
    **COMMON,
    description=_(
        "Budget absorption per program and quarter, and for the whole budget, for every region: pagu, "
        "realisasi to date, sisa anggaran and percent absorbed. Feeds the absorption charts and the budget "
        "columns of Tabel 3.6."
    ),
)
def serapan(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    with warehouse.get_connection() as conn:
        programs = conn.execute(
            f"SELECT * FROM {periode_slice('anggaran.realisasi_anggaran', periodes_of(context))} WHERE level IN ('program', 'total')"
        ).pl()
    yield from staged_output(keuangan.serapan(programs), Serapan, "anggaran.serapan")


@dg.asset(
    key=["anggaran", "perubahan_pagu"],
    check_specs=[contract_check(["anggaran", "perubahan_pagu"])],
    ins={"sub_kegiatan": dg.AssetIn(key=SUB_KEGIATAN)},
    **COMMON,
    description=_(
        "Pagu per sub kegiatan before (DPA) and after (DPPA) the budget revision, where the same SKPD and "
        "cut-off arrived in both versions. The DPPA is what Tabel 3.7 reports; this keeps the original next "
        "to it."
    ),
)
def perubahan_pagu(sub_kegiatan: pl.DataFrame):
    yield from staged_output(keuangan.perubahan_pagu(sub_kegiatan.lazy()), PerubahanPagu, "anggaran.perubahan_pagu")
