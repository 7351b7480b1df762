"""Anggaran: SIPD sub kegiatan lines → Tabel 3.7 per quarter, absorption, DPA→DPPA changes."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.anggaran import tabel
from pipelines.defs.ingest import KINDS, OWNERS, contract_check, staged_output
from pipelines.defs.partitions import (
    PARTITION_METADATA,
    PERIODE_METADATA,
    YEAR_TO_QUARTERS,
    region_and_periode,
    region_periode,
    region_year,
)
from pipelines.defs.resources import read_rows
from schemas.anggaran import PerubahanPagu, RealisasiAnggaran, Serapan

GROUP = "anggaran"
SUB_KEGIATAN = dg.AssetKey(["staged", "sipd_sub_kegiatan"])
SUBTOTAL = dg.AssetKey(["staged", "sipd_subtotal_cetak"])
COMMON = dict(group_name=GROUP, owners=OWNERS, kinds=KINDS)
PER_QUARTER = dict(partitions_def=region_periode, metadata=PERIODE_METADATA, **COMMON)
PER_YEAR = dict(partitions_def=region_year, metadata=PARTITION_METADATA, **COMMON)


@dg.asset(
    key=["anggaran", "realisasi_anggaran"],
    check_specs=[contract_check(["anggaran", "realisasi_anggaran"])],
    deps=[dg.AssetDep(SUB_KEGIATAN, partition_mapping=YEAR_TO_QUARTERS), dg.AssetDep(SUBTOTAL, partition_mapping=YEAR_TO_QUARTERS)],
    **PER_QUARTER,
    description=(
        "LKjIP Tabel 3.7 for one region and quarter: pagu, realisasi keuangan (rupiah and %) and "
        "realisasi fisik per program, kegiatan and sub kegiatan, and the total. Every program, kegiatan "
        "and total amount is the sum of its sub kegiatan from SIPD (never the printed subtotal); fisik of "
        "a parent is the pagu-weighted mean of its children. Where one SKPD's cut-off arrived as DPA and "
        "DPPA, the DPPA is reported. SIPD figures are cumulative to the quarter's cut-off."
    ),
)
def realisasi_anggaran(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    kode, periode = region_and_periode(context)
    lines = read_rows(warehouse, "staged.sipd_sub_kegiatan", kode_wilayah=kode, periode=periode)
    printed = read_rows(warehouse, "staged.sipd_subtotal_cetak", kode_wilayah=kode, periode=periode)
    yield from staged_output(tabel.realisasi_anggaran(lines.lazy(), printed.lazy()), RealisasiAnggaran, "anggaran.realisasi_anggaran")


@dg.asset(
    key=["anggaran", "serapan"],
    check_specs=[contract_check(["anggaran", "serapan"])],
    ins={"tree": dg.AssetIn(key=["anggaran", "realisasi_anggaran"])},
    **PER_QUARTER,
    description=(
        "Budget absorption per program and quarter, and for the whole budget: pagu, realisasi to date, "
        "sisa anggaran and percent absorbed. Feeds the absorption charts and the budget columns of "
        "Tabel 3.6."
    ),
)
def serapan(tree: pl.DataFrame):
    yield from staged_output(tabel.serapan(tree), Serapan, "anggaran.serapan")


@dg.asset(
    key=["anggaran", "perubahan_pagu"],
    check_specs=[contract_check(["anggaran", "perubahan_pagu"])],
    ins={"sub_kegiatan": dg.AssetIn(key=SUB_KEGIATAN)},
    **PER_YEAR,
    description=(
        "Pagu per sub kegiatan before (DPA) and after (DPPA) the budget revision, where the same SKPD and "
        "cut-off arrived in both versions. The DPPA is what Tabel 3.7 reports; this keeps the original "
        "next to it."
    ),
)
def perubahan_pagu(sub_kegiatan: pl.DataFrame):
    yield from staged_output(tabel.perubahan_pagu(sub_kegiatan.lazy()), PerubahanPagu, "anggaran.perubahan_pagu")
