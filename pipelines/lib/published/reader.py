"""raw/published/ — a published report's tables as printed: cells transcribed into a CSV or xlsx
(what exists only on paper or PDF), or the report's own Word file (published/word.py)."""

import polars as pl

from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from schemas.pesan import _
from pipelines.lib.problems import PROVENANCE, Problems, problems_from_rows
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables
from schemas.published import BULAN, JENIS_TABEL, KOLOM

COLUMNS = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"]
LABEL = "label"  # optional column: the table's number in its report
FOLDER, EXTENSIONS = "published", (".csv", ".xlsx", ".docx")
TABULAR = (".csv", ".xlsx")
AMOUNTS = ["pagu", "realisasi_keuangan", *BULAN]  # rupiah: a dot or comma before three digits groups thousands
# A seed number written where the kind is expected (files of the first format) names its kind.
_KIND_OF_NUMBER = {number: kind for kind, number in JENIS_TABEL.items() if number}


def read_published(sources: list[SourceFile]) -> pl.DataFrame:
    from pipelines.lib.published.word import read_word  # python-docx only when a report is a .docx

    problems = Problems()
    tabular = [s for s in sources if s.name.lower().endswith(TABULAR)]
    word = [s for s in sources if not s.name.lower().endswith(TABULAR)]
    text = problems.keep(read_tables(tabular, [*COLUMNS, LABEL], required=COLUMNS))
    text = pl.concat([text, problems.keep(read_word(word))], how="diagonal_relaxed").with_columns(
        pl.col("kolom").str.strip_chars().str.to_lowercase(), tabel=pl.col("tabel").str.strip_chars()
    )
    return _cells(text, problems)


def _cells(text: pl.DataFrame, problems: Problems) -> pl.DataFrame:
    """Printed text → kind, label, number and the decimals it shows, with every problem at once."""
    kind = pl.col("tabel").replace(_KIND_OF_NUMBER)
    text = text.with_columns(
        label=pl.coalesce(
            pl.col(LABEL).str.strip_chars().replace("", None), pl.col("tabel").replace_strict(JENIS_TABEL, default=None), pl.col("tabel")
        ),
        tabel=kind,
    )
    problems.add(problems_from_rows(
        text.filter(~pl.col("tabel").is_in(list(JENIS_TABEL))), "tabel",
        _("not a published table; write one of: {jenis} (or the number 3.1–3.7 of the seed report)").format(jenis=", ".join(JENIS_TABEL)),
    ))
    problems.add(problems_from_rows(
        text.filter(~pl.col("kolom").is_in(KOLOM)), "kolom", _("not a published column; write one of: {kolom}").format(kolom=", ".join(KOLOM))
    ))
    # The number as printed, without what the report writes around it: "Rp9.770.736.608",
    # "94,19 (AA)", "1.03 %", "1.000 orang". Printed words (predikat) and "-" have none; that is
    # not an error here.
    printed = pl.col("nilai_terbit").str.extract(r"(-?\d[\d.,]*\d|\d)")
    nilai = Number(
        "nilai_terbit", _("not a number"), text=printed, into="nilai", decimals="desimal",
        thousands=pl.col("kolom").is_in(AMOUNTS),
        # Each kolom of each table is a column of the printed report, which may write its own notation.
        within=("tabel", "kolom"),
    )
    frame = problems.keep(read_numbers(text, [Number("tahun", _("not a year"), whole=True), nilai]))
    frame = problems.keep(drop_reexports(
        frame.filter(pl.col(NUMBERS_READ)), ["kode_wilayah", "tahun", "tabel", "label", "kunci", "kolom"], ["nilai_terbit"],
        what=_("published cell"),
    ))
    problems.raise_any()
    return frame.select(*COLUMNS[:3], LABEL, *COLUMNS[3:], "nilai", "desimal", *PROVENANCE)
