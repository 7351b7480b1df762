"""Tables computed by DuckDB SQL inside the warehouse (the budget at national scale), validated
by their pandera contract in batches before the transaction that wrote them commits.

Tens of millions of budget lines never pass through Python: DuckDB computes and inserts, then
the inserted rows are read back in batches of BATCH_ROWS and checked against the contract, so
memory follows a batch, not the table. Keys are checked for uniqueness over the whole slice in
SQL, since a batch only sees itself.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import duckdb
import pandera.polars as pa
import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import ContractError, Problem
from pipelines.lib.validation import validate
from pipelines.lib.warehouse import replace_partitions, transaction

BATCH_ROWS = 1_000_000


def _duplicate_keys(conn: duckdb.DuckDBPyConnection, table: str, where: str, params: list, key: list[str], what: str) -> list[Problem]:
    cols = ", ".join(key)
    rows = conn.execute(
        f"SELECT {cols}, count(*) AS n FROM {table} WHERE {where} GROUP BY ALL HAVING count(*) > 1 LIMIT 20", params
    ).fetchall()
    return [
        Problem(file=what, column=cols, value=" | ".join(map(str, r[:-1])), message=_("this key appears {count} times").format(count=r[-1]))
        for r in rows
    ]


def write_validated(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    query: duckdb.DuckDBPyRelation,
    model: type[pa.DataFrameModel],
    column: str,
    values: Sequence[object],
) -> pl.DataFrame:
    """Replace the rows of `values` (of partition column `column`) in `table` with the result of
    `query`, in one transaction that commits only when every batch meets the contract. Returns
    the rows per partition and region (`column`, kode_wilayah, rows) for metadata. Raises ContractError otherwise."""
    where, params = f"list_contains(?, {column})", [list(values)]
    query.create_view("_hasil", replace=True)
    # A table has no row order; keeping the insertion order of millions of rows costs memory.
    conn.execute("SET preserve_insertion_order = false")
    try:
        with transaction(conn):
            replace_partitions(conn, table, "_hasil", column, values)
            rows = copy.copy(model.to_schema())  # the model's schema is shared: change a copy
            key = list(rows.unique or [])
            rows.unique = None  # a batch only sees itself: the key is checked over the slice below
            reader = conn.execute(f"SELECT * FROM {table} WHERE {where}", params).fetch_record_batch(BATCH_ROWS)
            for batch in reader:
                validate(rows, pl.from_arrow(batch), what=table)  # type: ignore[arg-type]
            duplicates = _duplicate_keys(conn, table, where, params, key, table) if key else []
            if duplicates:
                raise ContractError(duplicates)
            return conn.execute(f"SELECT {column}, kode_wilayah, count(*) AS rows FROM {table} WHERE {where} GROUP BY 1, 2", params).pl()
    finally:
        conn.execute("DROP VIEW IF EXISTS _hasil")
        conn.execute("RESET preserve_insertion_order")
