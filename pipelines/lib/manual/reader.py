"""raw/manual/*.csv|*.xlsx — measures with no system of record (sources.md §7)."""

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import parse_count, parse_number, unreadable_count, unreadable_number
from pipelines.lib.problems import PROVENANCE, raise_if, unreadable_cells
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"]
REQUIRED = ["kode_wilayah", "tahun", "ukuran", "nilai", "sumber"]
FOLDER, EXTENSIONS = "manual", (".csv", ".xlsx")


def read_manual(sources: list[SourceFile]) -> pl.DataFrame:
    text = read_tables(sources, COLUMNS, REQUIRED)
    raise_if(
        unreadable_cells(text, ["nilai"], unreadable_number, _("not a number"))
        + unreadable_cells(text, ["tahun"], unreadable_count, _("not a year"))
    )
    frame = text.with_columns(
        # A single dot is a decimal point here (94.19); a comma is one too (94,19).
        nilai=parse_number(pl.col("nilai")),
        tahun=parse_count(pl.col("tahun")),
        ukuran=pl.col("ukuran").str.to_lowercase(),
    )
    frame = drop_reexports(frame, ["kode_wilayah", "tahun", "ukuran"], ["nilai"], what=_("manual measure"))
    return frame.select(*COLUMNS, *PROVENANCE)
