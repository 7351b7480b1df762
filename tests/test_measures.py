"""Measures per region-year from staged slices: counts, sums, versions, missing ≠ zero."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from pipelines.lib.measures import ukuran

PROV = {"source_file": "f.csv"}


def as_dict(frame: pl.DataFrame) -> dict[str, float]:
    return dict(zip(frame.get_column("ukuran"), frame.get_column("nilai")))


def test_penilaian_counts_per_kind_and_missing_kind_gives_no_measure():
    frame = pl.LazyFrame(
        {
            "kode_wilayah": ["51.02"] * 3, "tahun": [2023] * 3,
            "jenis_penilaian": ["kesehatan", "kesehatan", "kesehatan"],
            "predikat": ["Sehat", "Cukup Sehat", "Sehat"], **{k: [v] * 3 for k, v in PROV.items()},
        }
    )
    got = as_dict(ukuran.all_measures([ukuran.from_penilaian(frame)]))
    assert got == {"koperasi.sehat": 2.0}  # no kualitas assessments: no koperasi.berkualitas at all


def test_koperasi_counts():
    frame = pl.LazyFrame(
        {"kode_wilayah": ["51.02"] * 4, "tahun": [2023] * 4, "aktif_akhir_tahun": [True, True, False, True], "baru": [False, True, False, True], **{k: [v] * 4 for k, v in PROV.items()}}
    )
    assert as_dict(ukuran.all_measures([ukuran.from_koperasi(frame)])) == {"koperasi.jumlah": 3.0, "koperasi.baru": 2.0}


def sipd(rows: list[tuple]) -> pl.LazyFrame:
    return pl.LazyFrame(
        rows,
        schema=["skpd", "jenis_dokumen", "tanggal_keadaan", "kode", "pagu", "realisasi"],
        orient="row",
    ).with_columns(kode_wilayah=pl.lit("51.02"), tahun=pl.lit(2023), persen_fisik=pl.lit(100.0), source_file=pl.lit("rfk.xlsx"))


def test_anggaran_reads_latest_cutoff_and_dppa_over_dpa():
    q2, q4 = dt.date(2023, 6, 30), dt.date(2023, 12, 31)
    skpd = "2.17.2.07.0.00.01.0000"
    lines = sipd(
        [
            (skpd, "DPA", q2, "2.07.01.2.01.0001", 100.0, 10.0),
            (skpd, "DPA", q4, "2.07.01.2.01.0001", 100.0, 90.0),
            (skpd, "DPPA", q4, "2.07.01.2.01.0001", 150.0, 90.0),
            (skpd, "DPPA", q4, "2.07.01.2.02.0001", 50.0, 25.0),
            (skpd, "DPPA", q4, "2.17.06.2.01.0001", 30.0, 30.0),
        ]
    )
    with duckdb.connect() as conn:  # as the warehouse runs it: SQL over a table (here a registered frame)
        conn.register("lines", lines.collect().to_arrow())
        got = as_dict(ukuran.all_measures([ukuran.from_anggaran(conn, "lines").pl().lazy()]))
    assert got["anggaran.pagu"] == 230.0 and got["anggaran.realisasi"] == 145.0
    assert got["anggaran.pagu[2.07.01]"] == 200.0 and got["anggaran.realisasi[2.07.01]"] == 115.0
    assert got["anggaran.pagu[2.07.01.2.01]"] == 150.0
    assert got["anggaran.pagu[2.17]"] == 30.0
    assert got["anggaran.realisasi[2.07.01.2.02.0001]"] == 25.0


def test_umkm_sum_and_sources_listed():
    frame = pl.LazyFrame({"kode_wilayah": ["51.02"] * 3, "tahun": [2023] * 3, "jumlah_usaha": [5, 7, 11], "source_file": ["b.xlsx", "a.csv", "a.csv"]})
    out = ukuran.all_measures([ukuran.from_umkm(frame)])
    assert out.row(0, named=True)["nilai"] == 23.0
    assert out.row(0, named=True)["sumber"] == "a.csv; b.xlsx"
