"""Which SIPD document is reported: DPPA supersedes DPA for the same SKPD and cut-off."""

import polars as pl

DOCUMENT_RANK = {"DPA": 0, "DPPA": 1}
DOCUMENT_KEY = ["kode_wilayah", "tahun", "kode_skpd", "tanggal_keadaan"]


def reported_documents(lines: pl.LazyFrame) -> pl.LazyFrame:
    """Keep, per SKPD and cut-off, the lines of the latest document version (DPPA over DPA)."""
    rank = pl.col("jenis_dokumen").replace_strict(DOCUMENT_RANK, return_dtype=pl.Int8)
    return lines.filter(rank == rank.max().over(DOCUMENT_KEY))


def latest_cutoff(lines: pl.LazyFrame) -> pl.LazyFrame:
    """Keep, per SKPD and year, the lines of the latest cut-off (SIPD figures are cumulative)."""
    key = ["kode_wilayah", "tahun", "kode_skpd"]
    return lines.filter(pl.col("tanggal_keadaan") == pl.col("tanggal_keadaan").max().over(key))
