"""raw/published/*.csv — a published report's tables as printed (sources.md §8)."""

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import PROVENANCE, Problems
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"]
FOLDER, EXTENSIONS = "published", (".csv", ".xlsx")


def read_published(sources: list[SourceFile]) -> pl.DataFrame:
    problems = Problems()
    text = problems.keep(read_tables(sources, COLUMNS)).with_columns(pl.col("kolom").str.to_lowercase())
    # The number as printed, without what the report writes around it: "Rp9.770.736.608",
    # "94,19 (AA)", "1.03 %", "1.000 orang". Printed words (predikat) and "-" have none; that is
    # not an error here.
    printed = pl.col("nilai_terbit").str.extract(r"(-?\d[\d.,]*\d|\d)")
    nilai = Number(
        "nilai_terbit", _("not a number"), text=printed, into="nilai", decimals="desimal",
        thousands=pl.col("kolom").is_in(["pagu", "realisasi_keuangan"]),
        # Each kolom is a column of the printed report, which may write its own notation.
        within=("kolom",),
    )
    frame = problems.keep(read_numbers(text, [Number("tahun", _("not a year"), whole=True), nilai]))
    frame = problems.keep(drop_reexports(
        frame.filter(pl.col(NUMBERS_READ)), ["kode_wilayah", "tahun", "tabel", "kunci", "kolom"], ["nilai_terbit"], what=_("published cell")
    ))
    problems.raise_any()
    return frame.select(*COLUMNS, "nilai", "desimal", *PROVENANCE)
