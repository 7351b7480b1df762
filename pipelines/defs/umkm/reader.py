"""raw/umkm_desa/*.csv|*.xlsx — UMKM counts per village (sources.md §4)."""

from __future__ import annotations

import polars as pl

from pipelines.core.dedupe import drop_reexports
from pipelines.core.numbers import parse_count, unreadable_count
from pipelines.core.problems import PROVENANCE, Problem, problems_from_rows, raise_if
from pipelines.core.provenance import SourceFile
from pipelines.core.tabular import read_tables
from pipelines.core.wilayah import desa, name_key

COLUMNS = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala", "jumlah_usaha", "jumlah_tenaga_kerja"]
REQUIRED = ["tahun", "kode_desa", "sektor", "skala", "jumlah_usaha"]
COUNTS = ["tahun", "jumlah_usaha", "jumlah_tenaga_kerja"]
FOLDER, PATTERNS = "umkm_desa", ("*.csv", "*.xlsx")


def read_umkm(sources: list[SourceFile]) -> pl.DataFrame:
    text = read_tables(sources, COLUMNS, REQUIRED)
    problems: list[Problem] = []
    for col in COUNTS:
        bad = text.filter(unreadable_count(pl.col(col)))
        problems += problems_from_rows(bad, col, "not a whole number")
    raise_if(problems)

    frame = text.with_columns(
        *[parse_count(pl.col(c)) for c in COUNTS],
        pl.col("skala").str.to_lowercase(),
    )
    frame = check_villages(frame)
    frame = drop_reexports(
        frame,
        key=["tahun", "kode_desa", "sektor", "skala"],
        values=["jumlah_usaha", "jumlah_tenaga_kerja"],
        what="UMKM count",
    )
    return frame.select(
        "tahun", "kode_wilayah", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala",
        "jumlah_usaha", "jumlah_tenaga_kerja", *PROVENANCE,
    )


def check_villages(frame: pl.DataFrame) -> pl.DataFrame:
    """kode_desa must exist in the Kemendagri list, and the kecamatan written in the row must be
    the one the code lies in (catches one region's rows pasted into another region's export)."""
    ref = desa().select("kode_desa", "kode_wilayah", ref_kecamatan="nama_kecamatan")
    joined = frame.join(ref, on="kode_desa", how="left")
    unknown = joined.filter(pl.col("kode_desa").is_not_null() & pl.col("kode_wilayah").is_null())
    problems = problems_from_rows(unknown, "kode_desa", "not a desa/kelurahan code in the Kemendagri 2025 list")
    elsewhere = joined.filter(
        pl.col("kecamatan").is_not_null()
        & pl.col("ref_kecamatan").is_not_null()
        & (name_key(pl.col("kecamatan")) != name_key(pl.col("ref_kecamatan")))
    )
    for rec in elsewhere.head(200).iter_rows(named=True):  # offending rows only
        problems.append(
            Problem(
                file=rec["source_file"], sheet=rec["source_sheet"], row=rec["source_row"],
                column="kode_desa", value=rec["kode_desa"],
                message=f"this village lies in kecamatan {rec['ref_kecamatan']} ({rec['kode_wilayah']}), "
                f"but the row says kecamatan {rec['kecamatan']}: a row from another area?",
            )
        )
    raise_if(problems)
    return joined.drop("ref_kecamatan")
