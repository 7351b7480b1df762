"""Source-data rules: assessment predikat against the skor band, villages that disappear."""

from __future__ import annotations

import polars as pl

from schemas.pesan import _
from pipelines.lib.koperasi.bands import predikat_for_skor
from schemas.koperasi import KESEHATAN
from pipelines.lib.reviu.temuan import angka, frame


def assessment_bands(penilaian: pl.DataFrame) -> list[dict]:
    """assessment_band_mismatch: a health assessment whose predikat contradicts its skor band."""
    off = penilaian.filter(pl.col("jenis_penilaian") == KESEHATAN).with_columns(band=predikat_for_skor(pl.col("skor"))).filter(
        pl.col("band").is_not_null() & (pl.col("band") != pl.col("predikat"))
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "assessment_band_mismatch", "tabel": "penilaian",
         "kunci": r["nomor_induk_koperasi"], "expected": r["band"], "actual": r["predikat"],
         "message": _(
             "{nama} ({nik}), kesehatan {tahun}: skor {skor} lies in the band '{band}' but the assessment says '{predikat}' "
             "({berkas} row {baris}). koperasi.sehat counts the printed predikat; correct one of the two."
         ).format(nama=r["nama_koperasi"] or _("Cooperative"), nik=r["nomor_induk_koperasi"], tahun=r["tahun"], skor=angka(r["skor"]),
                  band=r["band"], predikat=r["predikat"], berkas=r["source_file"], baris=r["source_row"])}
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
         "message": _(
             "Desa {desa} ({kode}) reported {jumlah} UMKM in {lalu} and nothing in {tahun}: collect its count, or "
             "umkm.jumlah {tahun} and its growth are understated."
         ).format(desa=r["nama_desa"] or "", kode=r["kode_desa"], jumlah=angka(r["jumlah_usaha"]), lalu=tahun - 1, tahun=tahun)}
        for r in gone.iter_rows(named=True)
    ]


def fewer_workers_than_enterprises(umkm: pl.DataFrame, tahun: int) -> list[dict]:
    """umkm_workers_below_enterprises: every enterprise has at least its owner at work, so a line
    with fewer workers than enterprises is a typing error or two columns swapped."""
    off = umkm.filter((pl.col("tahun") == tahun) & (pl.col("jumlah_tenaga_kerja") < pl.col("jumlah_usaha")))
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": tahun, "rule": "umkm_workers_below_enterprises", "tabel": "umkm_desa",
         "kunci": f"{r['kode_desa']} {r['sektor']} {r['skala']}", "expected": f">= {r['jumlah_usaha']}", "actual": str(r["jumlah_tenaga_kerja"]),
         "message": _(
             "Desa {desa} ({kode}), {sektor} {skala}: {pekerja} workers for {usaha} enterprises ({berkas} row {baris}); "
             "every enterprise has at least its owner at work. Check the two columns."
         ).format(desa=r["nama_desa"] or "", kode=r["kode_desa"], sektor=r["sektor"], skala=r["skala"],
                  pekerja=angka(r["jumlah_tenaga_kerja"]), usaha=angka(r["jumlah_usaha"]), berkas=r["source_file"], baris=r["source_row"])}
        for r in off.iter_rows(named=True)
    ]


def findings(penilaian: pl.DataFrame, umkm: pl.DataFrame, tahun: int) -> pl.DataFrame:
    return frame(assessment_bands(penilaian) + missing_villages(umkm, tahun) + fewer_workers_than_enterprises(umkm, tahun))
