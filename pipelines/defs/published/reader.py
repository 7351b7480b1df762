"""raw/published/*.csv — a published report's tables as printed (sources.md §8)."""

import polars as pl

from pipelines.core.dedupe import drop_reexports
from pipelines.core.numbers import parse_number, printed_decimals
from pipelines.core.problems import PROVENANCE, problems_from_rows, raise_if
from pipelines.core.provenance import SourceFile
from pipelines.core.tabular import read_tables

COLUMNS = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"]
FOLDER, PATTERNS = "published", ("*.csv", "*.xlsx")


def read_published(sources: list[SourceFile]) -> pl.DataFrame:
    text = read_tables(sources, COLUMNS)
    raise_if(problems_from_rows(text.filter(parse_number(pl.col("tahun")).is_null()), "tahun", "not a year"))
    money = pl.col("kolom").is_in(["pagu", "realisasi_keuangan"])
    frame = text.with_columns(
        tahun=parse_number(pl.col("tahun")).cast(pl.Int64, strict=False),
        kolom=pl.col("kolom").str.to_lowercase(),
        # Printed words (predikat) and "-" have no number; that is not an error here.
        nilai=pl.when(money)
        .then(parse_number(pl.col("nilai_terbit"), thousands=True))
        .otherwise(parse_number(pl.col("nilai_terbit"))),
        desimal=printed_decimals(pl.col("nilai_terbit")),
    )
    frame = drop_reexports(
        frame, ["kode_wilayah", "tahun", "tabel", "kunci", "kolom"], ["nilai_terbit"], what="published cell"
    )
    return frame.select(*COLUMNS, "nilai", "desimal", *PROVENANCE)
