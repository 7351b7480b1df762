"""Run a pandera.polars contract and turn its failure cases into readable problems."""

from __future__ import annotations

import polars as pl
import pandera.polars as pa
from pandera.config import ValidationDepth, config_context

from schemas.pesan import _
from pipelines.lib.problems import MAX_PER_CHECK, PROVENANCE, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, ContractError, Problem


def validate(
    model: type[pa.DataFrameModel] | pa.DataFrameSchema, frame: pl.DataFrame, what: str
) -> pl.DataFrame:
    """Validate data, not just dtypes; raise ContractError naming file, sheet, row, column, value.

    `what` names the table in messages when rows carry no provenance (derived tables).
    """
    with config_context(validation_depth=ValidationDepth.SCHEMA_AND_DATA):
        try:
            return model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as err:
            raise ContractError(failure_problems(err.failure_cases, frame, what)) from None


def failure_problems(cases: pl.DataFrame, frame: pl.DataFrame, what: str) -> list[Problem]:
    has_provenance = all(c in frame.columns for c in PROVENANCE)
    problems = []
    # Failure cases only, capped per column and check so one broken column hides no other.
    capped = cases.filter(pl.int_range(pl.len()).over("column", "check") < MAX_PER_CHECK)
    for case in capped.iter_rows(named=True):
        index = case.get("index")
        column = case.get("column")
        check = case.get("check")
        where: dict[str, object] = {"file": what}
        if index is not None and has_provenance and index < frame.height:
            row = frame.row(index, named=True)
            where = {"file": row[SOURCE_FILE], "sheet": row[SOURCE_SHEET], "row": row[SOURCE_ROW]}
        elif index is not None:
            where["row"] = index + 1
        column_name = None if column == case.get("schema_context") or column is None else column
        if case.get("schema_context") == "DataFrameSchema":
            column_name = None
        problems.append(
            Problem(
                **where,  # type: ignore[arg-type]
                column=column_name,
                value=None if case.get("failure_case") is None else str(case["failure_case"]),
                message=describe(check),
            )
        )
    return problems


def describe(check: str | None) -> str:
    """A steward-readable sentence for pandera's check names."""
    text = str(check)
    known = {
        "not_nullable": _("a value is required here"),
        "multiple_fields_uniqueness": _("this key appears more than once"),
        "field_uniqueness": _("this value appears more than once"),
        "column_in_dataframe": _("required column missing"),
        "dtype": _("wrong type"),
    }
    for key, sentence in known.items():
        if text.startswith(key):
            return sentence
    return _("breaks the rule {rule}").format(rule=text)


def empty_of(model: type[pa.DataFrameModel]) -> pl.DataFrame:
    """A zero-row frame with the model's columns and types (a table not built yet reads as this)."""
    return pl.DataFrame(schema={name: col.dtype.type for name, col in model.to_schema().columns.items()})
