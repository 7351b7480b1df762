"""DuckDB warehouse primitives: one transaction, replacing partitions, reading a slice.

Plain DuckDB, no Dagster: the warehouse IO manager, the computed tables (sql_table.py) and
the tests use the same three functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager

import duckdb
import polars as pl


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection):
    """One DuckDB transaction: committed when the block ends, rolled back when it raises."""
    conn.begin()
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def replace_partitions(conn: duckdb.DuckDBPyConnection, table: str, source: str, column: str | None, values: Sequence[object]) -> None:
    """Inside the caller's transaction: replace a table (column None) or the rows of some partitions
    of it with the rows of `source` (a table, view or registered frame), by column name; a table is created
    even for zero rows, so the next step finds it."""
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.split('.')[0]}")
    if column is None:
        conn.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {source}")
        return
    conn.execute(f"CREATE TABLE IF NOT EXISTS {table} AS SELECT * FROM {source} LIMIT 0")
    conn.execute(f"DELETE FROM {table} WHERE list_contains(?, {column})", [list(values)])
    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {source}")


def select_rows(conn: duckdb.DuckDBPyConnection, table: str, **equal: object) -> pl.DataFrame:
    """Rows of a warehouse table where every given column equals its value (or, for a list, one
    of its values), filtered in DuckDB so memory follows the slice, not the table."""
    where = " AND ".join(f"list_contains(?, {c})" if isinstance(v, list) else f"{c} = ?" for c, v in equal.items()) or "TRUE"
    return conn.execute(f"SELECT * FROM {table} WHERE {where}", list(equal.values())).pl()
