"""Source-data rules: assessment predikat against the skor band, villages that disappear."""

from __future__ import annotations

import polars as pl

from pipelines.defs.koperasi.bands import KESEHATAN, predikat_for_skor
from pipelines.defs.reviu.temuan import angka, frame


def assessment_bands(penilaian: pl.DataFrame) -> list[dict]:
    """assessment_band_mismatch: a health assessment whose predikat contradicts its skor band."""
    off = penilaian.filter(pl.col("jenis_penilaian") == KESEHATAN).with_columns(band=predikat_for_skor(pl.col("skor"))).filter(
        pl.col("band").is_not_null() & (pl.col("band") != pl.col("predikat"))
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "assessment_band_mismatch", "tabel": "penilaian",
         "kunci": r["nomor_induk_koperasi"], "expected": r["band"], "actual": r["predikat"],
         "message": f"{r['nama_koperasi'] or 'Cooperative'} ({r['nomor_induk_koperasi']}), kesehatan {r['tahun']}: skor "
         f"{angka(r['skor'])} lies in the band '{r['band']}' but the assessment says '{r['predikat']}' "
         f"({r['source_file']} row {r['source_row']}). koperasi.sehat counts the printed predikat; correct one of the two."}
        for r in off.iter_rows(named=True)
    ]


def missing_villages(umkm: pl.DataFrame, tahun: int) -> list[dict]:
    """missing_village: a village with UMKM counts in the year before and none this year (an
    incomplete collection inflates or deflates growth). Silent when this year has no data at all."""
    this_year = umkm.filter(pl.col("tahun") == tahun)
    if this_year.is_empty():
        return []
    before = umkm.filter(pl.col("tahun") == tahun - 1).group_by("kode_wilayah", "kode_desa").agg(
        pl.col("nama_desa").first(), pl.col("jumlah_usaha").sum()
    )
    gone = before.join(this_year.select("kode_desa").unique(), on="kode_desa", how="anti").sort("kode_desa")
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": tahun, "rule": "missing_village", "tabel": "umkm_desa",
         "kunci": r["kode_desa"], "expected": str(r["jumlah_usaha"]), "actual": "",
         "message": f"Desa {r['nama_desa'] or ''} ({r['kode_desa']}) reported {angka(r['jumlah_usaha'])} UMKM in {tahun - 1} "
         f"and nothing in {tahun}: collect its count, or umkm.jumlah {tahun} and its growth are understated."}
        for r in gone.iter_rows(named=True)
    ]


def fewer_workers_than_enterprises(umkm: pl.DataFrame, tahun: int) -> list[dict]:
    """umkm_workers_below_enterprises: every enterprise has at least its owner at work, so a line
    with fewer workers than enterprises is a typing error or two columns swapped."""
    off = umkm.filter((pl.col("tahun") == tahun) & (pl.col("jumlah_tenaga_kerja") < pl.col("jumlah_usaha")))
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": tahun, "rule": "umkm_workers_below_enterprises", "tabel": "umkm_desa",
         "kunci": f"{r['kode_desa']} {r['sektor']} {r['skala']}", "expected": f">= {r['jumlah_usaha']}", "actual": str(r["jumlah_tenaga_kerja"]),
         "message": f"Desa {r['nama_desa'] or ''} ({r['kode_desa']}), {r['sektor']} {r['skala']}: {angka(r['jumlah_tenaga_kerja'])} "
         f"workers for {angka(r['jumlah_usaha'])} enterprises ({r['source_file']} row {r['source_row']}); every enterprise "
         "has at least its owner at work. Check the two columns."}
        for r in off.iter_rows(named=True)
    ]


def findings(penilaian: pl.DataFrame, umkm: pl.DataFrame, tahun: int) -> pl.DataFrame:
    return frame(assessment_bands(penilaian) + missing_villages(umkm, tahun) + fewer_workers_than_enterprises(umkm, tahun))
