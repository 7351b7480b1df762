"""Kinerja: catalog + measures → realisasi → capaian/predikat (Tabel 3.1, 3.2, 3.6) and Tabel 3.3."""

import dagster as dg
import polars as pl

from pipelines.defs.ingest import KINDS, OWNERS, contract_check, contract_failure, staged_output
from pipelines.defs.kinerja import tabel
from pipelines.defs.partitions import PER_TAHUN, TAHUN_INI_DAN_LALU, TIGA_TAHUN, years_of
from schemas.kinerja import IkuCapaian, IkuPerbandingan, Realisasi

GROUP = "kinerja"
COMMON = dict(**PER_TAHUN, group_name=GROUP, owners=OWNERS, kinds=KINDS)
KATALOG = dg.AssetIn(key=["staged", "perjanjian_kinerja"])
# A year's formulas read measures of the year and the two before (tahun_data −1, growth −1).
MEASURES = dg.AssetIn(key=["staged", "measures"], partition_mapping=TIGA_TAHUN)


@dg.asset(
    key=["kinerja", "realisasi"],
    check_specs=[contract_check(["kinerja", "realisasi"])],
    ins={"katalog": KATALOG, "measures": MEASURES},
    description=(
        "Realisasi of every Perjanjian Kinerja indicator of every region for the year, computed from the "
        "catalog's formula (nilai, rasio, pertumbuhan) over the measures, each read at its source's "
        "tahun_data year (e.g. BPS at N−1). Each row lists the measures, years and values it used and "
        "the raw files behind them, so a capaian can be followed back to the BPS JSON or the village "
        "workbook. Undefined values (growth from zero, a zero denominator) stay empty with a reason."
    ),
    **COMMON,
)
def realisasi(katalog: pl.DataFrame, measures: pl.DataFrame):
    with contract_failure():
        frame = tabel.hitung_realisasi(katalog, measures)
    yield from staged_output(frame.select(tabel.REALISASI_COLUMNS), Realisasi, "kinerja.realisasi")


@dg.asset(
    key=["kinerja", "iku_capaian"],
    check_specs=[contract_check(["kinerja", "iku_capaian"])],
    ins={"realisasi": dg.AssetIn(key=["kinerja", "realisasi"]), "katalog": KATALOG, "measures": MEASURES},
    description=(
        "Target, realisasi, capaian and predikat per indicator: LKjIP Tabel 3.1 (jenis iku), Tabel 3.2 "
        "(tambahan) and Tabel 3.6 (program, with the program's pagu and realisasi anggaran from SIPD). "
        "Capaian follows arah (naik: realisasi/target; turun: (2·target − realisasi)/target, or "
        "target/realisasi with rumus_capaian rasio_terbalik) and the catalog's predikat scale. Full "
        "precision; rounding happens only in presentation."
    ),
    **COMMON,
)
def iku_capaian(realisasi: pl.DataFrame, katalog: pl.DataFrame, measures: pl.DataFrame):
    frame = tabel.iku_capaian(realisasi, katalog, measures)
    yield from staged_output(frame, IkuCapaian, "kinerja.iku_capaian")


@dg.asset(
    key=["kinerja", "iku_perbandingan"],
    check_specs=[contract_check(["kinerja", "iku_perbandingan"])],
    # the year's rows and the year before's, as that year's own catalog and data gave them
    ins={"iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"], partition_mapping=TAHUN_INI_DAN_LALU)},
    description=(
        "LKjIP Tabel 3.3: each IKU's target, realisasi and capaian against the year before, the prior "
        "year as computed from that year's own catalog and data (its iku_capaian partition)."
    ),
    **COMMON,
)
def iku_perbandingan(context: dg.AssetExecutionContext, iku_capaian: pl.DataFrame):
    this_year = iku_capaian.filter(pl.col("tahun").is_in(years_of(context)))
    yield from staged_output(tabel.iku_perbandingan(this_year, iku_capaian), IkuPerbandingan, "kinerja.iku_perbandingan")
