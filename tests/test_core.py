"""Number and date notation, header search, re-export de-duplication, contract messages."""

from __future__ import annotations

from pathlib import Path

import pandera.polars as pa
import polars as pl
import pytest

from pipelines.lib.dates import parse_date, unreadable_date
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import parse_count, parse_number, printed_decimals, unreadable_count, unreadable_number
from pipelines.lib.problems import ContractError
from pipelines.lib.tabular import read_table
from pipelines.lib.validation import validate
from tests.conftest import write_csv, write_xlsx


def numbers(texts: list[str | None], **kw: bool) -> list[float | None]:
    return pl.DataFrame({"t": texts}, schema={"t": pl.String}).select(parse_number(pl.col("t"), **kw)).to_series().to_list()


def test_indonesian_and_plain_notation():
    assert numbers(["1.234.567,89", "94,19", "94.19", "8.294.394.608", "Rp 1.597.963.341,50", "88,68%", " 277 % "]) == [
        1234567.89, 94.19, 94.19, 8294394608.0, 1597963341.5, 88.68, 277.0,
    ]


def test_single_dot_groups_thousands_only_where_values_are_whole():
    assert numbers(["999.000", "1597963341.5"], thousands=True) == [999000.0, 1597963341.5]
    assert numbers(["999.000"]) == [999.0]


def test_dash_and_empty_are_missing_not_errors():
    frame = pl.DataFrame({"t": ["-", "", None, "abc", "12x"]})
    assert frame.select(parse_number(pl.col("t"))).to_series().to_list() == [None] * 5
    assert frame.select(unreadable_number(pl.col("t"))).to_series().to_list() == [False, False, False, True, True]


def test_counts_must_be_whole():
    frame = pl.DataFrame({"t": ["1.204", "12", "2,5"]})
    assert frame.select(parse_count(pl.col("t"))).to_series().to_list()[:2] == [1204, 12]
    assert frame.select(unreadable_count(pl.col("t"))).to_series().to_list() == [False, False, True]


def test_printed_precision():
    frame = pl.DataFrame({"t": ["3,83%", "98%", "8.294.394.608", "101,5", "Sangat Berhasil"]})
    assert frame.select(printed_decimals(pl.col("t"))).to_series().to_list() == [2, 0, 0, 1, 0]


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
    table = read_table(path, "umkm/x.xlsx", ["kode_desa", "jumlah_usaha"])
    assert table.get_column("kode_desa").to_list() == ["51.02.01.2001"]
    assert table.get_column("source_row").to_list() == [5]  # the row a steward sees in Excel
    assert table.get_column("source_sheet").to_list() == ["Sheet1"]


def test_missing_required_column_is_named(tmp_path: Path):
    path = write_csv(tmp_path / "x.csv", ["kode_desa", "sektor"], [["51.02.01.2001", "Jasa"]])
    with pytest.raises(ContractError) as err:
        read_table(path, "umkm/x.csv", ["kode_desa", "jumlah_usaha"])
    assert "umkm/x.csv" in str(err.value) and "'jumlah_usaha'" in str(err.value)


def provenance_frame(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["k", "v", "source_file", "source_sheet", "source_row"], orient="row")


def test_reexport_counted_once_conflict_names_both_places():
    same = provenance_frame([("a", 1, "f1.csv", None, 2), ("a", 1, "f2.csv", None, 7), ("b", 2, "f2.csv", None, 8)])
    assert drop_reexports(same, ["k"], ["v"], "record").height == 2
    clash = provenance_frame([("a", 1, "f1.csv", None, 2), ("a", 3, "f2.csv", None, 7)])
    with pytest.raises(ContractError) as err:
        drop_reexports(clash, ["k"], ["v"], "record")
    text = str(err.value)
    assert "f2.csv" in text and "row 7" in text and "f1.csv row 2" in text and "'3'" in text


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
