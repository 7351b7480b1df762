"""Table writes: one transaction per write, only the partitions written, contracts before commit."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandera.polars as pa
import polars as pl
import pytest

from pipelines.lib.problems import ContractError
from pipelines.lib import sql_table
from pipelines.lib.warehouse import replace_partitions, transaction


class Baris(pa.DataFrameModel):
    kode_wilayah: str
    tahun: int
    nilai: float = pa.Field(ge=0)

    class Config:
        unique = ["kode_wilayah", "tahun"]


def rows(database: Path) -> list[tuple]:
    with duckdb.connect(str(database)) as conn:
        return conn.execute("SELECT * FROM s.t ORDER BY ALL").fetchall()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    first = pl.DataFrame({"kode_wilayah": ["51.02", "51.02", "51.71"], "tahun": [2022, 2023, 2023], "nilai": [1.0, 2.0, 3.0]})
    with duckdb.connect(str(path)) as conn, transaction(conn):
        conn.register("frame", first.to_arrow())
        replace_partitions(conn, "s.t", "frame", "tahun", [2022, 2023])
    return path


def test_a_write_replaces_only_its_partitions_every_region_of_them(database: Path):
    new = pl.DataFrame({"nilai": [9.0], "tahun": [2023], "kode_wilayah": ["51.03"]})  # columns by name, not position
    with duckdb.connect(str(database)) as conn, transaction(conn):
        conn.register("frame", new.to_arrow())
        replace_partitions(conn, "s.t", "frame", "tahun", [2023])
    assert rows(database) == [("51.02", 2022, 1.0), ("51.03", 2023, 9.0)]


def test_a_table_of_an_earlier_version_takes_the_new_columns(database: Path):
    """A column added since the warehouse was written: the other partitions keep their rows (the new
    column empty), the partition written gets the new rows."""
    new = pl.DataFrame({"kode_wilayah": ["51.02"], "tahun": [2023], "nilai": [5.0], "skpd": ["Dinas X"]})
    with duckdb.connect(str(database)) as conn, transaction(conn):
        conn.register("frame", new.to_arrow())
        replace_partitions(conn, "s.t", "frame", "tahun", [2023])
    assert rows(database) == [("51.02", 2022, 1.0, None), ("51.02", 2023, 5.0, "Dinas X")]


def test_a_failed_write_leaves_the_table_as_it_was(database: Path):
    bad = pl.DataFrame({"kode_wilayah": ["51.02"], "tahun": [2023], "nilai": ["tidak ada"]})
    with pytest.raises(duckdb.Error), duckdb.connect(str(database)) as conn, transaction(conn):
        conn.register("frame", bad.to_arrow())
        replace_partitions(conn, "s.t", "frame", "tahun", [2023])  # the delete ran, the insert fails
    assert rows(database) == [("51.02", 2022, 1.0), ("51.02", 2023, 2.0), ("51.71", 2023, 3.0)]


def test_a_computed_table_commits_only_when_every_batch_meets_its_contract(database: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sql_table, "BATCH_ROWS", 1)  # every row its own batch
    with duckdb.connect(str(database)) as conn:
        negative = conn.sql("SELECT '51.02' AS kode_wilayah, 2023::BIGINT AS tahun, -5.0 AS nilai")
        with pytest.raises(ContractError, match="greater_than_or_equal_to"):
            sql_table.write_validated(conn, "s.t", negative, Baris, "tahun", [2023])
        # a key repeated across two batches: no batch alone sees it, the whole slice does
        twice = conn.sql("SELECT '51.02' AS kode_wilayah, 2023::BIGINT AS tahun, x::DOUBLE AS nilai FROM range(2) r(x)")
        with pytest.raises(ContractError, match="appears 2 times"):
            sql_table.write_validated(conn, "s.t", twice, Baris, "tahun", [2023])
    assert rows(database) == [("51.02", 2022, 1.0), ("51.02", 2023, 2.0), ("51.71", 2023, 3.0)]
    with duckdb.connect(str(database)) as conn:
        good = conn.sql("SELECT '51.02' AS kode_wilayah, 2023::BIGINT AS tahun, 7.0 AS nilai")
        counts = sql_table.write_validated(conn, "s.t", good, Baris, "tahun", [2023])
    assert counts.rows() == [(2023, "51.02", 1)]
    assert rows(database) == [("51.02", 2022, 1.0), ("51.02", 2023, 7.0)]
