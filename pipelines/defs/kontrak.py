"""An asset's table and its pandera contract: the blocking check, validation before output,
contract failures as readable problems, and the column schema shown in the UI."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import dagster as dg
import pandera.polars as pa
import polars as pl

from pipelines.defs.berkas_mentah import source_files_table
from pipelines.lib.problems import SOURCE_FILE, ContractError
from pipelines.lib.validation import validate
from schemas.pesan import _

CONTRACT = "kontrak"


def contract_check(key: list[str]) -> dg.AssetCheckSpec:
    """The pandera contract of an asset's table, recorded as a check (it blocks: nothing is
    written when it fails)."""
    return dg.AssetCheckSpec(
        CONTRACT,
        asset=dg.AssetKey(key),
        blocking=True,
        description=_("The table meets its pandera contract in schemas/ (columns, types, keys, row rules); failures list file, row, column and value."),
    )


def problems_table(problems: list) -> dg.TableMetadataValue:
    return dg.MetadataValue.table(
        records=[dg.TableRecord({k: ("" if v is None else str(v)) for k, v in p.as_dict().items()}) for p in problems],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "string") for c in ["file", "sheet", "row", "column", "value", "message"]]),
    )


@contextmanager
def contract_failure() -> Iterator[None]:
    """Stop the run with one line per problem, shown in the UI and printed by the CLI."""
    try:
        yield
    except ContractError as err:
        raise dg.Failure(description=str(err), metadata={"problems": problems_table(err.problems)}) from None


def column_schema(model: type[pa.DataFrameModel]) -> dg.TableSchema:
    """dagster/column_schema from the pandera model, the single owner of column contracts."""
    schema = model.to_schema()
    unique = set(schema.unique or [])
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=name,
                type=str(col.dtype),
                description=col.description,
                constraints=dg.TableColumnConstraints(nullable=col.nullable, unique=col.unique or {name} == unique),
            )
            for name, col in schema.columns.items()
        ]
    )


def validated(
    model: type[pa.DataFrameModel], what: str, compute: Callable[[], pl.DataFrame], metadata: Callable[[pl.DataFrame], dict]
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Compute the table, validate it, and only then output it; the contract check records the
    outcome either way (failure cases as a table) before a failure stops the run."""
    try:
        frame = validate(model, compute(), what=what)
    except ContractError as err:
        yield dg.AssetCheckResult(check_name=CONTRACT, passed=False, metadata={"failure_cases": problems_table(err.problems)})
        with contract_failure():
            raise
    extra = metadata(frame)
    yield dg.Output(
        frame,
        metadata={"dagster/row_count": frame.height, "dagster/column_schema": column_schema(model), **extra.get("metadata", {})},
        data_version=extra.get("data_version"),
    )
    yield dg.AssetCheckResult(check_name=CONTRACT, passed=True, metadata={"rows": frame.height})


def staged_output(
    frame: pl.DataFrame, model: type[pa.DataFrameModel], what: str, metadata: dict | None = None
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Validate a derived table or a slice of years or quarters and name the source files its rows
    came from (plus any other `metadata`)."""

    def sources(valid: pl.DataFrame) -> dict:
        extra = dict(metadata or {})
        if SOURCE_FILE in valid.columns:
            extra["source_files"] = source_files_table(sorted(valid.get_column(SOURCE_FILE).unique().drop_nulls().to_list()))
        return {"metadata": extra}

    return validated(model, what, lambda: frame, sources)
