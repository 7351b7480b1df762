"""One readable message per problem, naming file, sheet, row, column and value."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import polars as pl

from schemas.pesan import _

# Provenance columns every reader adds; the names are shared by readers, schemas and messages.
SOURCE_FILE = "source_file"
SOURCE_SHEET = "source_sheet"
SOURCE_ROW = "source_row"
PROVENANCE = [SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW]
# Problems one check lists at most: a file broken throughout says so without listing every row,
# and every other check still lists its own.
MAX_PER_CHECK = 200

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [one_line(self.file)]
        if self.sheet:
            where.append(_("sheet '{sheet}'").format(sheet=self.sheet))
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column:
            where.append(_("column '{column}'").format(column=self.column))
        if self.value is not None:
            # One problem is one line, whatever the cell holds.
            where.append(_("value '{value}'").format(value=one_line(self.value)))
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


def one_line(text: str) -> str:
    """Line breaks inside a cell shown as \\n, so one problem is one line of output."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


class ContractError(Exception):
    """Raised when input breaks its contract; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, file: str | Path, message: str, **where: object) -> "ContractError":
        return cls([Problem(file=str(file), message=message, **where)])  # type: ignore[arg-type]


def problems_from_rows(rows: pl.DataFrame, column: str | None, message: str) -> list[Problem]:
    """Turn offending rows (a small frame carrying the provenance columns) into problems.

    `column` names the offending column, whose text becomes the problem's value.
    """
    problems = []
    for rec in rows.head(MAX_PER_CHECK).iter_rows(named=True):  # failure rows only
        value = rec.get(column) if column else None
        problems.append(
            Problem(
                file=str(rec[SOURCE_FILE]),
                sheet=rec.get(SOURCE_SHEET),
                row=rec.get(SOURCE_ROW),
                column=column,
                value=None if value is None else str(value),
                message=message,
            )
        )
    return problems


def unreadable_cells(
    rows: pl.DataFrame, columns: Iterable[str], is_unreadable: Callable[[pl.Expr], pl.Expr], message: str
) -> list[Problem]:
    """Problems for the cells of `columns` that `is_unreadable` flags, column by column."""
    return [p for col in columns for p in problems_from_rows(rows.filter(is_unreadable(pl.col(col))), col, message)]


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ContractError(problems)


class Problems:
    """Every problem of every check a reader runs, so that one run names them all: each check
    adds what it found and the reader goes on (checks that compare parsed values with the rows
    that parsed), and `raise_any` ends the reader with all of them in one ContractError."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, problems: Iterable[Problem]) -> None:
        self.found.extend(problems)

    def keep(self, checked: tuple[T, list[Problem]]) -> T:
        """The result of a check that returns it with its problems."""
        result, problems = checked
        self.add(problems)
        return result

    def attempt(self, step: Callable[..., T], *args: object) -> T | None:
        """step(*args), a step that refuses as a whole (a file that cannot be read), or None."""
        try:
            return step(*args)
        except ContractError as err:
            self.add(err.problems)
            return None

    def raise_any(self) -> None:
        raise_if(self.found)
