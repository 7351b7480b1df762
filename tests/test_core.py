"""Number and date notation, header search, re-export de-duplication, contract messages."""

from __future__ import annotations

from pathlib import Path

import pandera.polars as pa
import polars as pl
import pytest

from pipelines.lib.dates import parse_date, unreadable_date
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import INDONESIAN, PLAIN, Number, parse_number, read_numbers
from pipelines.lib.problems import ContractError, Problem
from pipelines.lib.tabular import read_table
from pipelines.lib.validation import validate
from tests.conftest import write_csv, write_xlsx


def numbers(texts: list[str | None], **kw: object) -> list[float | None]:
    return pl.DataFrame({"t": texts}, schema={"t": pl.String}).select(parse_number(pl.col("t"), **kw)).to_series().to_list()


def cells(files: dict[str, list[str | None]], **number: object) -> tuple[pl.DataFrame, list[Problem]]:
    """read_numbers over column t of several files' rows (row numbers from 2, as under a header)."""
    frame = pl.DataFrame(
        [(text, name, None, row) for name, texts in files.items() for row, text in enumerate(texts, start=2)],
        schema={"t": pl.String, "source_file": pl.String, "source_sheet": pl.String, "source_row": pl.Int64},
        orient="row",
    )
    return read_numbers(frame, [Number("t", "not a number", **number)])


def test_indonesian_and_plain_notation():
    assert numbers(["1.234.567,89", "94,19", "94.19", "8.294.394.608", "Rp 1.597.963.341,50", "88,68%", " 277 % "]) == [
        1234567.89, 94.19, 94.19, 8294394608.0, 1597963341.5, 88.68, 277.0,
    ]
    assert numbers(["1,004,422,800", "1,234.5", "1234,567", "0.500"]) == [1004422800.0, 1234.5, 1234.567, 0.5]


def test_one_separator_before_three_digits_groups_thousands_in_amounts_and_counts_only():
    assert numbers(["999.000", "1,204", "1597963341.5", "1597963341,5"], thousands=True) == [999000.0, 1204.0, 1597963341.5, 1597963341.5]
    assert numbers(["999.000", "1,204"]) == [None, None]  # alone, its notation is unknown
    assert numbers(["999.000", "1,204"], notation=INDONESIAN) == [999000.0, 1.204]
    assert numbers(["999.000", "1,204"], notation=PLAIN) == [999.0, 1204.0]


def test_an_ambiguous_cell_takes_the_notation_of_its_file():
    frame, problems = cells({"koma.csv": ["1.000", "68,10"], "titik.csv": ["1.000", "92.04"], "ribuan.csv": ["1,000", "1,004,422,800"]})
    assert frame.get_column("t").to_list() == [1000.0, 68.1, 1.0, 92.04, 1000.0, 1004422800.0] and problems == []


def test_an_ambiguous_cell_without_evidence_or_with_both_is_a_problem_naming_the_cell():
    frame, problems = cells({"polos.csv": ["1.000", "12"], "campur.csv": ["68,10", "92.04", "2,500"]})
    assert frame.get_column("t").to_list() == [None, 12.0, 68.1, 92.04, None]
    assert frame.get_column("numbers_read").to_list() == [False, True, True, True, False]
    named = {p.file: p for p in problems}
    assert sorted((p.file, p.row, p.column, p.value) for p in problems) == [("campur.csv", 4, "t", "2,500"), ("polos.csv", 2, "t", "1.000")]
    assert "one, or one thousand" in named["polos.csv"].message and "no other number in this file" in named["polos.csv"].message
    assert "writes both decimal commas (68,10) and decimal points (92.04)" in named["campur.csv"].message


def test_a_column_s_own_notation_comes_before_the_file_s():
    frame = pl.DataFrame(
        {"target": ["1.000", "81,02", None, None], "pagu": [None, None, "1,004,422,800", "2,500"], "capaian": ["98", "1.000", None, None],
         "source_file": ["p.csv"] * 4, "source_sheet": [None] * 4, "source_row": [2, 3, 4, 5]},
        schema_overrides={"source_sheet": pl.String},
    )
    read, problems = read_numbers(frame, [Number("target", "x"), Number("pagu", "x", thousands=True), Number("capaian", "x")])
    assert read.get_column("target").to_list()[:2] == [1000.0, 81.02]  # its column writes decimal commas
    assert read.get_column("pagu").to_list()[2:] == [1004422800.0, 2500.0]
    # capaian shows nothing itself and the file shows both notations (81,02 and 1,004,422,800)
    assert [(p.row, p.column, p.value) for p in problems] == [(3, "capaian", "1.000")]
    assert "the file's other columns write both" in problems[0].message


def test_dash_and_empty_are_missing_not_errors():
    frame, problems = cells({"a.csv": ["-", "", None, "abc", "12x", "inf", "1e400"]})
    assert frame.get_column("t").to_list() == [None] * 7
    assert [p.value for p in problems] == ["abc", "12x", "inf", "1e400"] and problems[0].message == "not a number"


def test_counts_must_be_whole_and_group_thousands():
    frame, problems = cells({"a.csv": ["1.204", "12", "2,5", "1,345"]}, whole=True)
    assert frame.get_column("t").to_list() == [1204, 12, None, 1345]
    assert [p.value for p in problems] == ["2,5"]


def test_printed_precision():
    frame, _problems = cells({"a.csv": ["3,83%", "98%", "8.294.394.608", "101,5", "Sangat Berhasil"]}, decimals="desimal")
    assert frame.get_column("desimal").to_list() == [2, 0, 0, 1, 0]


def test_mixed_date_formats():
    frame = pl.DataFrame({"t": ["2023-05-17", "17/05/2023", "17-05-2023", "2023-05-17 00:00:00", "31/02/2023", "Mei 2023"]})
    parsed = frame.select(parse_date(pl.col("t"))).to_series().to_list()
    assert len(set(parsed[:4])) == 1 and parsed[0].isoformat() == "2023-05-17"
    assert frame.select(unreadable_date(pl.col("t"))).to_series().to_list() == [False] * 4 + [True, True]


def test_header_found_below_title_rows(tmp_path: Path):
    path = write_xlsx(
        tmp_path / "x.xlsx",
        [["REKAP DATA"], ["TAHUN 2023"], [], ["Kode Desa", "Jumlah  Usaha", "lain"], ["51.02.01.2001", 5, "x"], [None, None, None]],
    )
    table, problems = read_table(path, "umkm/x.xlsx", ["kode_desa", "jumlah_usaha"])
    assert problems == []
    assert table.get_column("kode_desa").to_list() == ["51.02.01.2001"]
    assert table.get_column("source_row").to_list() == [5]  # the row a steward sees in Excel
    assert table.get_column("source_sheet").to_list() == ["Sheet1"]


def test_missing_required_column_is_named(tmp_path: Path):
    path = write_csv(tmp_path / "x.csv", ["kode_desa", "sektor"], [["51.02.01.2001", "Jasa"]])
    table, problems = read_table(path, "umkm/x.csv", ["kode_desa", "jumlah_usaha"])
    assert table.is_empty() and [(p.file, p.column) for p in problems] == [("umkm/x.csv", "jumlah_usaha")]


def provenance_frame(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["k", "v", "source_file", "source_sheet", "source_row"], orient="row")


def test_reexport_counted_once_conflict_names_both_places():
    same = provenance_frame([("a", 1, "f1.csv", None, 2), ("a", 1, "f2.csv", None, 7), ("b", 2, "f2.csv", None, 8)])
    kept, problems = drop_reexports(same, ["k"], ["v"], "record")
    assert kept.height == 2 and problems == []
    clash = provenance_frame([("a", 1, "f1.csv", None, 2), ("a", 3, "f2.csv", None, 7)])
    kept, problems = drop_reexports(clash, ["k"], ["v"], "record")
    text = str(ContractError(problems))
    assert "f2.csv" in text and "row 7" in text and "f1.csv row 2" in text and "'3'" in text
    assert kept.get_column("source_file").to_list() == ["f1.csv"]  # the first place, so no later check reports the copy again


class Small(pa.DataFrameModel):
    k: str = pa.Field(str_matches=r"^\d{2}$", nullable=False)
    v: int = pa.Field(ge=0, nullable=False)
    source_file: str
    source_sheet: str = pa.Field(nullable=True)
    source_row: int


def test_contract_failure_names_file_row_column_value():
    frame = pl.DataFrame(
        {"k": ["12", "123"], "v": [1, -5], "source_file": ["a.csv", "a.csv"], "source_sheet": [None, None], "source_row": [2, 3]},
        schema_overrides={"source_sheet": pl.String},
    )
    with pytest.raises(ContractError) as err:
        validate(Small, frame, "small")
    lines = str(err.value).splitlines()
    assert any("a.csv" in l and "row 3" in l and "'v'" in l and "'-5'" in l for l in lines)
    assert any("a.csv" in l and "row 3" in l and "'k'" in l and "'123'" in l for l in lines)
