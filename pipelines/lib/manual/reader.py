"""raw/manual/*.csv|*.xlsx — measures with no system of record (docs/sumber.md §7)."""

import polars as pl

from schemas.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import PROVENANCE, Problems, problems_from_rows
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables
from schemas.common import SATUAN_HITUNG

COLUMNS = ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"]
REQUIRED = ["kode_wilayah", "tahun", "ukuran", "nilai", "sumber"]
FOLDER, EXTENSIONS = "manual", (".csv", ".xlsx")


def read_manual(sources: list[SourceFile]) -> pl.DataFrame:
    problems = Problems()
    text = problems.keep(read_tables(sources, COLUMNS, REQUIRED))
    frame = problems.keep(read_numbers(text, [Number("nilai", _("not a number"), into="angka"), Number("tahun", _("not a year"), whole=True)]))
    # A count of persons, documents, … is whole: 1,345 orang in a file of decimal commas is a typing
    # error (or a thousands separator the file's notation contradicts), never 1.345 persons.
    counts = pl.col("satuan").str.strip_chars().str.to_lowercase().is_in(list(SATUAN_HITUNG)).fill_null(False)
    problems.add(problems_from_rows(
        frame.filter(counts & (pl.col("angka") != pl.col("angka").round(0)).fill_null(False)), "nilai",
        _("a count (its satuan) that is not a whole number in this file's notation; write it without separators (1345)"),
    ))
    frame = frame.with_columns(nilai=pl.col("angka"))
    frame = problems.keep(drop_reexports(
        frame.filter(pl.col(NUMBERS_READ)).with_columns(pl.col("ukuran").str.to_lowercase()),
        ["kode_wilayah", "tahun", "ukuran"], ["nilai"], what=_("manual measure"),
    ))
    problems.raise_any()
    return frame.select(*COLUMNS, *PROVENANCE)
