"""The LKjIP performance tables: Tabel 3.1/3.2/3.6 rows (iku_capaian) and Tabel 3.3."""

from __future__ import annotations

import polars as pl

from pipelines.lib.kinerja.capaian import capaian, predikat
from pipelines.lib.kinerja.rumus import measure_reads, read_measures, realisasi

KEY = ["kode_wilayah", "tahun", "indicator_id"]

REALISASI_COLUMNS = [
    *KEY, "rumus", "satuan", "ukuran", "pembilang", "penyebut", "nilai_ukuran", "nilai_ukuran_lalu",
    "nilai_pembilang", "nilai_penyebut", "realisasi", "keterangan", "data_kosong", "sumber", "source_file",
]
CAPAIAN_COLUMNS = [
    *KEY, "urutan", "jenis", "sasaran", "indikator", "definisi", "satuan", "arah", "target",
    "realisasi", "capaian", "predikat", "keterangan", "data_kosong", "program", "pagu", "realisasi_anggaran",
    "sumber", "source_file",
]


def hitung_masukan(katalog: pl.DataFrame, measures: pl.DataFrame, ada: frozenset[str]) -> pl.DataFrame:
    """Every read of every catalog indicator (kinerja.realisasi_masukan), from `measures` (all
    years of the region); `ada` names the source folders with data (ketersediaan.tersedia)."""
    return read_measures(measure_reads(katalog), measures, ada)


def hitung_realisasi(katalog: pl.DataFrame, masukan: pl.DataFrame) -> pl.DataFrame:
    """Every catalog indicator's realisasi from its reads (hitung_masukan)."""
    return realisasi(katalog, masukan).select(REALISASI_COLUMNS)


def program_budget(katalog: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """Pagu and realisasi of the budget program a row names (Tabel 3.6), read like any anggaran
    measure (latest cut-off of its year, DPPA over DPA). Rows without a program or without budget
    data get empty amounts."""
    frame = katalog.select(*KEY, "program", tahun_dibaca=pl.col("tahun") + pl.col("tahun_data_anggaran"))
    for jenis, column in (("pagu", "pagu"), ("realisasi", "realisasi_anggaran")):
        amounts = measures.select("kode_wilayah", tahun_dibaca="tahun", ukuran="ukuran", **{column: "nilai"})
        frame = frame.with_columns(ukuran=pl.format(f"anggaran.{jenis}[{{}}]", "program")).join(
            amounts, on=["kode_wilayah", "tahun_dibaca", "ukuran"], how="left"
        )
    return frame.select(*KEY, "pagu", "realisasi_anggaran")


def iku_capaian(realisasi_table: pl.DataFrame, katalog: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """Target, realisasi, capaian and predikat per indicator; program rows with their budget."""
    found = realisasi_table.select(*KEY, "realisasi", "keterangan", "data_kosong", "sumber")
    scored = predikat(capaian(katalog.join(found, on=KEY, how="left")), KEY)
    budget = program_budget(katalog, measures)
    return scored.join(budget, on=KEY, how="left").select(CAPAIAN_COLUMNS).sort("kode_wilayah", "tahun", "urutan")


def iku_perbandingan(this_year: pl.DataFrame, last_year: pl.DataFrame) -> pl.DataFrame:
    """Tabel 3.3: each IKU of `this_year` (any regions and years) against the same indicator the
    year before in `last_year`, as that year's own catalog and data gave it (an indicator new
    this year has empty *_lalu columns)."""
    lalu = last_year.filter(pl.col("jenis") == "iku").select(
        "kode_wilayah", "indicator_id", pl.col("tahun").alias("tahun_lalu"),
        target_lalu="target", realisasi_lalu="realisasi", capaian_lalu="capaian",
    )
    return (
        this_year.filter(pl.col("jenis") == "iku")
        .with_columns(tahun_lalu=pl.col("tahun") - 1)
        .join(lalu, on=["kode_wilayah", "indicator_id", "tahun_lalu"], how="left")
        .select(
            "kode_wilayah", "tahun", "indicator_id", "urutan", "tahun_lalu", "target_lalu", "realisasi_lalu",
            "capaian_lalu", "target", "realisasi", "capaian",
        )
        .sort("kode_wilayah", "tahun", "urutan")
    )
