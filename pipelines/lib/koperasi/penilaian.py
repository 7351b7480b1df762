"""raw/koperasi_penilaian/*.csv|*.xlsx — cooperative assessments (docs/sumber.md §3).

Assessments name a cooperative by NIK only; its region is taken from the registry.
"""

from __future__ import annotations

import polars as pl

from schemas.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import PROVENANCE, Problem, Problems, problems_from_rows
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["nomor_induk_koperasi", "nama_koperasi", "tahun_penilaian", "jenis_penilaian", "skor", "predikat"]
REQUIRED = ["nomor_induk_koperasi", "tahun_penilaian", "jenis_penilaian", "skor", "predikat"]
FOLDER, EXTENSIONS = "koperasi_penilaian", (".csv", ".xlsx")
OUTPUT = ["kode_wilayah", "tahun", "nomor_induk_koperasi", "nama_koperasi", "jenis_penilaian", "skor", "predikat", *PROVENANCE]


def read_penilaian(sources: list[SourceFile], registry: pl.DataFrame | None) -> pl.DataFrame:
    """Every assessment file, parsed, de-duplicated and placed in its region by the registry
    (columns nomor_induk_koperasi, kode_wilayah); `tahun` is the assessment year. Without any
    registry (None) the files are checked all the same, but no assessment can be placed: no rows."""
    problems = Problems()
    text = problems.keep(read_tables(sources, COLUMNS, REQUIRED))
    frame = problems.keep(read_numbers(text, [
        Number("tahun_penilaian", _("not a year"), whole=True),
        Number("skor", _("not a number (82,50 or 82.50)")),
    ]))
    if registry is None:
        frame = frame.with_columns(kode_wilayah=pl.lit(None, pl.String))
    else:
        frame = problems.keep(with_region(frame, registry))
    frame = problems.keep(drop_reexports(
        frame.filter(pl.col(NUMBERS_READ)).with_columns(
            # Verdicts arrive in any case; the schema holds the canonical spelling.
            pl.col("jenis_penilaian").str.to_lowercase(),
            pl.col("predikat").str.to_titlecase(),
        ),
        key=["nomor_induk_koperasi", "tahun_penilaian", "jenis_penilaian"],
        values=["nama_koperasi", "skor", "predikat"],
        what=_("assessment"),
    ))
    problems.raise_any()
    frame = frame.rename({"tahun_penilaian": "tahun"}).select(OUTPUT)
    return frame if registry is not None else frame.clear()


def with_region(penilaian: pl.DataFrame, registry: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """Add kode_wilayah from the registry, with the problems: an assessment of a cooperative the
    registry does not know cannot be placed in any region; it is an error, not a silent drop."""
    regions = registry.select("nomor_induk_koperasi", "kode_wilayah").drop_nulls("nomor_induk_koperasi")
    joined = penilaian.join(regions, on="nomor_induk_koperasi", how="left")
    unknown = joined.filter(pl.col("nomor_induk_koperasi").is_not_null() & pl.col("kode_wilayah").is_null())
    return joined, problems_from_rows(unknown, "nomor_induk_koperasi", _("this NIK is not in the cooperative registry (raw/ods_koperasi)"))
