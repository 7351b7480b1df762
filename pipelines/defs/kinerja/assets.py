"""Kinerja: catalog + measures → realisasi → capaian/predikat (Tabel 3.1, 3.2, 3.6) and Tabel 3.3."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.ingest import KINDS, OWNERS, contract_check, contract_failure, staged_output
from pipelines.defs.kinerja import tabel
from pipelines.defs.partitions import PARTITION_METADATA, region_and_year, region_year
from pipelines.defs.resources import read_rows
from schemas.kinerja import IkuCapaian, IkuPerbandingan, Realisasi

GROUP = "kinerja"
COMMON = dict(partitions_def=region_year, metadata=PARTITION_METADATA, group_name=GROUP, owners=OWNERS, kinds=KINDS)


@dg.asset(
    key=["kinerja", "realisasi"],
    check_specs=[contract_check(["kinerja", "realisasi"])],
    ins={"katalog": dg.AssetIn(key=["staged", "perjanjian_kinerja"])},
    deps=[dg.AssetKey(["staged", "measures"])],
    description=(
        "Realisasi of every Perjanjian Kinerja indicator of the region and year, computed from the "
        "catalog's formula (nilai, rasio, pertumbuhan) over the measures, each read at its source's "
        "tahun_data year (e.g. BPS at N−1). Each row lists the measures, years and values it used and "
        "the raw files behind them, so a capaian can be followed back to the BPS JSON or the village "
        "workbook. Undefined values (growth from zero, a zero denominator) stay empty with a reason."
    ),
    **COMMON,
)
def realisasi(context: dg.AssetExecutionContext, katalog: pl.DataFrame, warehouse: DuckDBResource):
    kode, _ = region_and_year(context)
    with contract_failure():
        frame = tabel.hitung_realisasi(katalog, read_rows(warehouse, "staged.measures", kode_wilayah=kode))
    yield from staged_output(frame.select(tabel.REALISASI_COLUMNS), Realisasi, "kinerja.realisasi")


@dg.asset(
    key=["kinerja", "iku_capaian"],
    check_specs=[contract_check(["kinerja", "iku_capaian"])],
    ins={"realisasi": dg.AssetIn(key=["kinerja", "realisasi"]), "katalog": dg.AssetIn(key=["staged", "perjanjian_kinerja"])},
    description=(
        "Target, realisasi, capaian and predikat per indicator: LKjIP Tabel 3.1 (jenis iku), Tabel 3.2 "
        "(tambahan) and Tabel 3.6 (program, with the program's pagu and realisasi anggaran from SIPD). "
        "Capaian follows arah (naik: realisasi/target; turun: (2·target − realisasi)/target, or "
        "target/realisasi with rumus_capaian rasio_terbalik) and the catalog's predikat scale. Full "
        "precision; rounding happens only in presentation."
    ),
    **COMMON,
)
def iku_capaian(
    context: dg.AssetExecutionContext, realisasi: pl.DataFrame, katalog: pl.DataFrame, warehouse: DuckDBResource
):
    kode, _ = region_and_year(context)
    frame = tabel.iku_capaian(realisasi, katalog, read_rows(warehouse, "staged.measures", kode_wilayah=kode))
    yield from staged_output(frame, IkuCapaian, "kinerja.iku_capaian")


@dg.asset(
    key=["kinerja", "iku_perbandingan"],
    check_specs=[contract_check(["kinerja", "iku_perbandingan"])],
    ins={"iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"])},
    description=(
        "LKjIP Tabel 3.3: each IKU's target, realisasi and capaian against the year before, the prior "
        "year as computed from that year's own catalog and data (its iku_capaian partition)."
    ),
    **COMMON,
)
def iku_perbandingan(
    context: dg.AssetExecutionContext, iku_capaian: pl.DataFrame, warehouse: DuckDBResource
):
    kode, tahun = region_and_year(context)
    last_year = read_rows(warehouse, "kinerja.iku_capaian", kode_wilayah=kode, tahun=tahun - 1)
    yield from staged_output(tabel.iku_perbandingan(iku_capaian, last_year), IkuPerbandingan, "kinerja.iku_perbandingan")
