"""raw/published/*.csv — a published report's tables as printed (sources.md §8)."""

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import parse_count, parse_number, printed_decimals, unreadable_count
from pipelines.lib.problems import PROVENANCE, raise_if, unreadable_cells
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"]
FOLDER, EXTENSIONS = "published", (".csv", ".xlsx")


def read_published(sources: list[SourceFile]) -> pl.DataFrame:
    text = read_tables(sources, COLUMNS)
    raise_if(unreadable_cells(text, ["tahun"], lambda c: unreadable_count(c) | parse_count(c).is_null(), _("not a year")))
    money = pl.col("kolom").is_in(["pagu", "realisasi_keuangan"])
    # The number as printed, without what the report writes around it: "Rp9.770.736.608",
    # "94,19 (AA)", "1.03 %". Printed words (predikat) and "-" have none; that is not an error here.
    printed = pl.col("nilai_terbit").str.extract(r"(-?\d[\d.,]*\d|\d)")
    frame = text.with_columns(
        tahun=parse_count(pl.col("tahun")),
        kolom=pl.col("kolom").str.to_lowercase(),
        nilai=pl.when(money).then(parse_number(printed, thousands=True)).otherwise(parse_number(printed)),
        desimal=printed_decimals(printed).fill_null(0),
    )
    frame = drop_reexports(
        frame, ["kode_wilayah", "tahun", "tabel", "kunci", "kolom"], ["nilai_terbit"], what=_("published cell")
    )
    return frame.select(*COLUMNS, "nilai", "desimal", *PROVENANCE)
