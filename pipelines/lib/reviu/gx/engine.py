"""Run one suite on one partition's slice of a DuckDB table through GX's SQL engine.

Pinned to great-expectations 1.24.1 with duckdb-engine 0.17 (tests/test_gx.py fails when a
workaround stops working):

- GX fetches metric results after closing the SQLAlchemy connection, which duckdb_engine does
  not survive: every expectation fails with `IndexError: list index out of range` unless the
  duckdb dialect keeps one persisted connection, like sqlite. `patch_duckdb_dialect()` adds it
  to `_PERSISTED_CONNECTION_DIALECTS` (an entry must compare equal to "duckdb" and have
  `.value == "duckdb"`).
- DuckDB refuses a second connection to the same file with another configuration in the same
  process, and duckdb_engine always adds its own user agent. So GX does not open the file
  itself: its SQLAlchemy engine gets cursors of a connection opened the caller's way (in Dagster,
  the `warehouse` resource's, with the same configuration as every other connection of the run).
- The slice is a query asset (`SELECT * FROM table WHERE tahun = …`, every region of the
  partition; one region can be asked for), so the SQL stays in DuckDB and only aggregates and
  unexpected values come back to Python.
- The GX context (3 s to import and build) is made once per process and warehouse, so a run
  pays for it once, not per check.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from pipelines import settings
from pipelines.lib.reviu.gx import docs
from pipelines.lib.reviu.gx.docs import SITE, STORE
from pipelines.lib.reviu.gx.outcome import Failure, Outcome
from pipelines.lib.reviu.gx.suites import Suite

DATASOURCE = "lkjip_warehouse"

# Our page view (view.py), named, not imported: only GX imports it, when it builds the site.
VIEW = {"module_name": "pipelines.lib.reviu.gx.view", "class_name": "OfflinePageView"}

SAMPLE = 10  # unexpected values / rows reported per failed expectation (results stay small: SUMMARY)

Connect = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]


def docs_dir(warehouse_dir: Path) -> Path:
    return warehouse_dir / settings.DATA_DOCS


class _DuckdbDialect(str):
    """An entry of _PERSISTED_CONNECTION_DIALECTS: GX compares entries with the engine's dialect
    name (`in`) and with the connection string (`.value`)."""

    @property
    def value(self) -> str:
        return str(self)


def patch_duckdb_dialect() -> None:
    """Make GX keep one persisted connection for duckdb (idempotent)."""
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine

    if "duckdb" not in engine._PERSISTED_CONNECTION_DIALECTS:
        engine._PERSISTED_CONNECTION_DIALECTS = (*engine._PERSISTED_CONNECTION_DIALECTS, _DuckdbDialect("duckdb"))


def sql_literal(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def slice_query(suite: Suite, slice_value: object) -> str:
    """Every region of one year or quarter: what a partition holds."""
    value = int(slice_value) if suite.slice_column == "tahun" else str(slice_value)
    return f"SELECT * FROM {suite.table} WHERE {suite.slice_column} = {sql_literal(value)}"


def _context(warehouse_dir: Path) -> Any:
    """An ephemeral GX context: suites and the latest validation results on disk under
    data_docs/.gx (so the index lists every partition), the rest in memory; Data Docs pages
    rendered through view.OfflinePageView; no analytics, no progress bars, nothing in the
    user's home."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import DataContextConfig, ProgressBarsConfig

    site = docs_dir(warehouse_dir)
    store = site / STORE  # suites and the latest validation result per suite and partition

    def on_disk(folder: str) -> dict[str, str]:
        return {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(store / folder)}

    config = DataContextConfig(
        stores={
            "expectations_store": {"class_name": "ExpectationsStore", "store_backend": on_disk("expectations")},
            "validation_results_store": {"class_name": "ValidationResultsStore", "store_backend": on_disk("validations")},
            "validation_definition_store": {
                "class_name": "ValidationDefinitionStore",
                "store_backend": {"class_name": "InMemoryStoreBackend"},
            },
            "checkpoint_store": {"class_name": "CheckpointStore", "store_backend": {"class_name": "InMemoryStoreBackend"}},
        },
        expectations_store_name="expectations_store",
        validation_results_store_name="validation_results_store",
        checkpoint_store_name="checkpoint_store",
        data_docs_sites={
            SITE: {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(site)},
                # merged into GX's defaults: our page view in both sections, no profiling section
                # (the string "None": GX's index builder fails on a Python None)
                "site_section_builders": {"expectations": {"view": VIEW}, "validations": {"view": VIEW}, "profiling": "None"},
            }
        },
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(project_config=config, mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


# One context per process and warehouse: a run builds it once, not per check.
context_for = cache(_context)


@contextmanager
def _datasource(context: Any, database: Path, connect: Connect) -> Iterator[tuple[Any, duckdb.DuckDBPyConnection]]:
    """A GX SQL datasource whose engine hands out cursors of one connection opened by `connect`;
    everything closed on exit."""
    from duckdb_engine import ConnectionWrapper

    with connect() as conn:

        def cursor() -> Any:
            return ConnectionWrapper(conn.cursor())

        datasource = context.data_sources.add_or_update_sql(
            DATASOURCE, connection_string=f"duckdb:///{database}", kwargs={"creator": cursor}
        )
        try:
            yield datasource, conn
        finally:
            datasource.get_execution_engine().engine.dispose()
            datasource.get_engine().dispose()


def _forget_previous_result(context: Any, site: Path, suite_name: str, partition: str) -> None:
    """Keep one validation result per suite and partition: drop the previous one and its page."""
    from great_expectations.data_context.types.resource_identifiers import ValidationResultIdentifier

    parts = docs.previous_result(site, suite_name, partition)
    if not parts:
        return
    key = ValidationResultIdentifier.from_tuple(tuple(parts))
    if context.validation_results_store.has_key(key):
        context.validation_results_store.remove_key(key)
    page = docs.result_page(site, parts)
    page.unlink(missing_ok=True)
    for folder in [page.parent, page.parent.parent]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _text(value: object, limit: int = 200) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unexpected_rows(conn: duckdb.DuckDBPyConnection, query: str, batch: str) -> list[str]:
    """A few of the rows an UnexpectedRowsExpectation found (GX keeps only their count in SUMMARY)."""
    cursor = conn.cursor()
    found = cursor.execute(f"SELECT * FROM ({query.format(batch=f'({batch}) AS subselect')}) LIMIT {SAMPLE}")
    columns = [d[0] for d in found.description]
    rows = [", ".join(f"{c}={v}" for c, v in zip(columns, row, strict=True)) for row in found.fetchall()]
    cursor.close()
    return rows


def _failures(results: Any, conn: duckdb.DuckDBPyConnection, batch: str) -> list[Failure]:
    failures = []
    for res in results.results:
        if res.success:
            continue
        config = res.expectation_config
        result = res.result or {}
        info = res.exception_info or {}
        if info.get("raised_exception"):
            error = info.get("exception_message")
        else:
            errors = [v.get("exception_message") for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
            error = "; ".join(e for e in errors if e) or None
        query = config.kwargs.get("unexpected_rows_query")
        if query and not error:
            sample = [_text(r, 300) for r in _unexpected_rows(conn, query, batch)]
        else:
            sample = [_text(v) for v in (result.get("partial_unexpected_list") or [])[:SAMPLE]]
        column = config.kwargs.get("column")
        failures.append(
            Failure(
                expectation=config.type,
                column=column,
                description=config.description,
                observed=_text(result.get("observed_value", "")),
                unexpected_count=result.get("unexpected_count"),
                unexpected_percent=result.get("unexpected_percent"),
                sample=sample,
                error=_text(error, 500) if error else None,
            )
        )
    return failures


def run_suite(
    suite: Suite,
    *,
    database: Path,
    connect: Connect,
    slice_value: object,
    warehouse_dir: Path | None = None,
    build_docs: bool = True,
) -> Outcome:
    """Validate one year (or quarter) of `suite.table`, every region, keep the result as
    the partition's latest and update the Data Docs. `connect()` opens the DuckDB connection."""
    started = time.perf_counter()
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    patch_duckdb_dialect()
    warehouse_dir = warehouse_dir or database.parent
    site = docs_dir(warehouse_dir)
    context = context_for(warehouse_dir)
    partition = str(slice_value)
    asset_name = f"{suite.table} {partition}"
    # the time given, or GX reads a run name like '2023' as the run's time and every run of a
    # partition would share one result key
    run_id = RunIdentifier(run_name=partition, run_time=dt.datetime.now(dt.timezone.utc))
    with _datasource(context, database, connect) as (datasource, conn):
        asset = datasource.add_query_asset(asset_name, query=slice_query(suite, slice_value))
        batch = asset.add_batch_definition_whole_table("slice")
        expectation_suite = context.suites.add_or_update(
            gx.ExpectationSuite(name=suite.name, expectations=suite.expectations(gx.expectations), meta={"notes": suite.description})
        )
        validation = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{suite.name} {partition}", data=batch, suite=expectation_suite)
        )
        _forget_previous_result(context, site, suite.name, partition)
        results = validation.run(
            run_id=run_id,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE},
        )
        batch = slice_query(suite, slice_value)
        rows = conn.execute(f"SELECT count(*) FROM ({batch})").fetchone()[0]
        failures = _failures(results, conn, batch)
    outcome = Outcome(
        suite=suite.name,
        table=suite.table,
        slice_value=partition,
        success=bool(results.success),
        evaluated=int(results.statistics.get("evaluated_expectations", 0)),
        failures=failures,
        docs_index=site / "index.html",
        docs_page=None,
        seconds=0.0,
        rows=int(rows),
    )
    if build_docs:
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite.name),
            run_id=results.meta["run_id"],
            batch_identifier=f"{DATASOURCE}-{asset_name}",
        )
        docs.escape_source_text(results)
        context.validation_results_store.set(key, results)
        try:
            outcome.docs_page = docs.publish(context, site, suite, outcome, key, expectation_suite.to_json_dict())
        except Exception as err:  # noqa: BLE001 - the docs are a report; the check still reports its result
            outcome.docs_error = f"{type(err).__name__}: {err}"
    outcome.seconds = time.perf_counter() - started
    return outcome
