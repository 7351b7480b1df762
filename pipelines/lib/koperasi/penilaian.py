"""raw/koperasi_penilaian/*.csv|*.xlsx — cooperative assessments (sources.md §3).

Assessments name a cooperative by NIK only; its region is taken from the registry.
"""

from __future__ import annotations

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import parse_count, parse_number, unreadable_count, unreadable_number
from pipelines.lib.problems import PROVENANCE, Problem, problems_from_rows, raise_if
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["nomor_induk_koperasi", "nama_koperasi", "tahun_penilaian", "jenis_penilaian", "skor", "predikat"]
REQUIRED = ["nomor_induk_koperasi", "tahun_penilaian", "jenis_penilaian", "skor", "predikat"]
FOLDER, EXTENSIONS = "koperasi_penilaian", (".csv", ".xlsx")
OUTPUT = ["kode_wilayah", "tahun", "nomor_induk_koperasi", "nama_koperasi", "jenis_penilaian", "skor", "predikat", *PROVENANCE]


def read_penilaian(sources: list[SourceFile]) -> pl.DataFrame:
    """Every assessment file, parsed and de-duplicated; `tahun` is the assessment year."""
    text = read_tables(sources, COLUMNS, REQUIRED)
    problems: list[Problem] = []
    problems += problems_from_rows(
        text.filter(unreadable_count(pl.col("tahun_penilaian"))), "tahun_penilaian", _("not a year")
    )
    problems += problems_from_rows(
        text.filter(unreadable_number(pl.col("skor"))), "skor", _("not a number (82,50 or 82.50)")
    )
    raise_if(problems)

    frame = text.with_columns(
        parse_count(pl.col("tahun_penilaian")).alias("tahun_penilaian"),
        parse_number(pl.col("skor")).alias("skor"),
        # Verdicts arrive in any case; the schema holds the canonical spelling.
        pl.col("jenis_penilaian").str.to_lowercase(),
        pl.col("predikat").str.to_titlecase(),
    )
    frame = drop_reexports(
        frame,
        key=["nomor_induk_koperasi", "tahun_penilaian", "jenis_penilaian"],
        values=["nama_koperasi", "skor", "predikat"],
        what=_("assessment"),
    )
    return frame.rename({"tahun_penilaian": "tahun"})


def with_region(penilaian: pl.DataFrame, registry: pl.DataFrame) -> pl.DataFrame:
    """Add kode_wilayah from the registry (columns nomor_induk_koperasi, kode_wilayah).

    An assessment of a cooperative the registry does not know cannot be placed in any region:
    it is an error, not a silent drop.
    """
    regions = registry.select("nomor_induk_koperasi", "kode_wilayah").drop_nulls("nomor_induk_koperasi")
    joined = penilaian.join(regions, on="nomor_induk_koperasi", how="left")
    unknown = joined.filter(pl.col("nomor_induk_koperasi").is_not_null() & pl.col("kode_wilayah").is_null())
    raise_if(problems_from_rows(unknown, "nomor_induk_koperasi", _("this NIK is not in the cooperative registry (raw/ods_koperasi)")))
    return joined.select(OUTPUT)
