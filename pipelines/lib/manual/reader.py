"""raw/manual/*.csv|*.xlsx — measures with no system of record (sources.md §7)."""

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import PROVENANCE, Problems
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"]
REQUIRED = ["kode_wilayah", "tahun", "ukuran", "nilai", "sumber"]
FOLDER, EXTENSIONS = "manual", (".csv", ".xlsx")


def read_manual(sources: list[SourceFile]) -> pl.DataFrame:
    problems = Problems()
    text = problems.keep(read_tables(sources, COLUMNS, REQUIRED))
    frame = problems.keep(read_numbers(text, [Number("nilai", _("not a number")), Number("tahun", _("not a year"), whole=True)]))
    frame = problems.keep(drop_reexports(
        frame.filter(pl.col(NUMBERS_READ)).with_columns(pl.col("ukuran").str.to_lowercase()),
        ["kode_wilayah", "tahun", "ukuran"], ["nilai"], what=_("manual measure"),
    ))
    problems.raise_any()
    return frame.select(*COLUMNS, *PROVENANCE)
