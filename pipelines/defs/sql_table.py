"""A table computed by DuckDB SQL inside the warehouse, as an asset's result: its contract check
and row counts (the write itself is pipelines/lib/sql_table.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import dagster as dg
import duckdb
import pandera.polars as pa

from pipelines.defs.kontrak import CONTRACT, column_schema, contract_failure, problems_table
from pipelines.defs.resources import per_partition, row_metadata
from pipelines.lib.problems import ContractError
from pipelines.lib.sql_table import write_validated


def sql_output(
    conn: duckdb.DuckDBPyConnection, table: str, query: duckdb.DuckDBPyRelation, model: type[pa.DataFrameModel],
    column: str, values: Sequence[object],
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """write_validated as an asset's result: the contract check's outcome and the row counts."""
    try:
        counts = write_validated(conn, table, query, model, column, values)
    except ContractError as err:
        yield dg.AssetCheckResult(check_name=CONTRACT, passed=False, metadata={"failure_cases": problems_table(err.problems)})
        with contract_failure():
            raise
    rows = int(counts.get_column("rows").sum()) if counts.height else 0
    metadata: dict[str, object] = {"dagster/table_name": table, "dagster/column_schema": column_schema(model), **row_metadata(counts)}
    per_partition(dg.AssetExecutionContext.get().asset_key, counts, column)
    yield dg.MaterializeResult(metadata=metadata)
    yield dg.AssetCheckResult(check_name=CONTRACT, passed=True, metadata={"rows": rows})
