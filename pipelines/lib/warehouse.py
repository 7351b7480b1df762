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
    _take_columns(conn, table, source)
    conn.execute(f"DELETE FROM {table} WHERE list_contains(?, {column})", [list(values)])
    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {source}")


def _take_columns(conn: duckdb.DuckDBPyConnection, table: str, source: str) -> None:
    """A table an earlier version of the pipeline wrote with other columns takes the columns of
    `source`: its rows are carried over by name (a new column empty, a dropped one gone), so an
    upgraded pipeline writes into a warehouse of the last version instead of failing on it. The
    partitions this run writes are replaced right after; the others keep their rows until rebuilt."""
    schema, name = table.split(".")
    existing = [r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?", [schema, name]).fetchall()]
    incoming = [r[0] for r in conn.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    if set(existing) == set(incoming):
        return
    common = ", ".join(f'"{c}"' for c in incoming if c in existing)
    conn.execute(f"CREATE TABLE {table}__baru AS SELECT * FROM {source} LIMIT 0")
    if common:
        conn.execute(f"INSERT INTO {table}__baru BY NAME SELECT {common} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}__baru RENAME TO {name}")


def select_rows(conn: duckdb.DuckDBPyConnection, table: str, **equal: object) -> pl.DataFrame:
    """Rows of a warehouse table where every given column equals its value (or, for a list, one
    of its values), filtered in DuckDB so memory follows the slice, not the table."""
    where = " AND ".join(f"list_contains(?, {c})" if isinstance(v, list) else f"{c} = ?" for c, v in equal.items()) or "TRUE"
    return conn.execute(f"SELECT * FROM {table} WHERE {where}", list(equal.values())).pl()
