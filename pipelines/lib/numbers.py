"""Indonesian and plain number notation as polars expressions (docs/sumber.md, "Numbers").

The notation belongs to the file, not the cell (README, Decisions: Numbers). Most cells show
theirs: a decimal comma (`68,10`), dots grouping thousands more than once (`8.294.394.608`) or
before a decimal comma (`1.234,5`) are Indonesian; a decimal point that cannot group thousands
(`92.04`), commas grouping thousands more than once (`1,004,422,800`) or before a decimal point
(`1,234.5`) are plain. One separator with exactly three digits after it (`1.000`, `1,345`) is
either; `read_numbers` gives it the notation its column shows in its file, else the one the
file's other number columns show, and refuses it naming the cell when they show both or none.
In rupiah amounts and counts a separator always groups thousands (`1.204` and `1,204` are 1204),
whatever the file shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import PROVENANCE, SOURCE_FILE, Problem, problems_from_rows

INDONESIAN, PLAIN = "indonesian", "plain"

_LEAD = r"[1-9]\d{0,2}"  # the first group of a grouped number: 0.500 groups nothing
_AMBIGUOUS = rf"^-?{_LEAD}[.,]\d{{3}}$"
_INDONESIAN = rf"^-?(?:{_LEAD}(?:\.\d{{3}})+,\d+|{_LEAD}(?:\.\d{{3}}){{2,}}|\d+,\d+)$"
_PLAIN = rf"^-?(?:{_LEAD}(?:,\d{{3}})+\.\d+|{_LEAD}(?:,\d{{3}}){{2,}}|\d+\.\d+)$"
# What else a float cast reads (1500, -2, .5, 1.23457E+12): the exponent's two digits at most keep
# 1e400 (infinity) out, and "inf" and "nan", which no source means, never match.
_FLOAT = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,2})?$"

# True on a row whose every number was read: checks that compare parsed values run on those rows.
NUMBERS_READ = "numbers_read"


def _clean(text: pl.Expr) -> pl.Expr:
    """Strip decoration: Rp, %, spaces (also non-breaking)."""
    return text.cast(pl.String).str.replace_all(r"(?i)rp\.?|[%\s\u00a0]", "")


def _written(cleaned: pl.Expr) -> pl.Expr:
    """A value was written: nothing or a lone dash means empty (never 0)."""
    return ~cleaned.is_in(["", "-", "–", "—"]) & cleaned.is_not_null()


def _flag(value: bool | pl.Expr) -> pl.Expr:
    return (pl.lit(value) if isinstance(value, bool) else value).fill_null(False)


def _evidence(cleaned: pl.Expr) -> pl.Expr:
    """The notation a cell shows on its own: INDONESIAN, PLAIN, or null (a whole number, an
    ambiguous or unreadable cell)."""
    shown = ~cleaned.str.contains(_AMBIGUOUS)
    return (
        pl.when(shown & cleaned.str.contains(_INDONESIAN)).then(pl.lit(INDONESIAN))
        .when(shown & cleaned.str.contains(_PLAIN)).then(pl.lit(PLAIN))
    )


def _value(cleaned: pl.Expr, thousands: pl.Expr, notation: pl.Expr) -> pl.Expr:
    """The number the cleaned text writes; null when it is no number, or when it is ambiguous and
    neither `thousands` nor `notation` says how to read it."""
    value = _plain_text(cleaned, thousands, notation).cast(pl.Float64, strict=False)
    return value.replace([float("inf"), float("-inf")], None)  # 400 digits overflow to infinity


def _plain_text(cleaned: pl.Expr, thousands: pl.Expr, notation: pl.Expr) -> pl.Expr:
    """The cleaned text as a float cast reads it (`1234.5`), or null."""
    dot = cleaned.str.contains(".", literal=True)
    groups = thousands | (dot == (notation == INDONESIAN))  # null while the notation is open
    return (
        pl.when(cleaned.str.contains(_AMBIGUOUS)).then(
            pl.when(groups).then(cleaned.str.replace(r"[.,]", ""))
            .when(notation.is_not_null()).then(cleaned.str.replace(",", ".", literal=True))
        )
        .when(cleaned.str.contains(_INDONESIAN)).then(cleaned.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .when(cleaned.str.contains(_PLAIN)).then(cleaned.str.replace_all(",", "", literal=True))
        .when(cleaned.str.contains(_FLOAT)).then(cleaned)
    )


def parse_number(text: pl.Expr, *, thousands: bool | pl.Expr = False, notation: str | pl.Expr | None = None) -> pl.Expr:
    """Float value of one cell; null when empty, unreadable, or ambiguous without `notation`.

    thousands: rupiah amounts and counts, where a separator before three digits groups thousands.
    notation: INDONESIAN or PLAIN, the file's (`read_numbers` works it out from the file).
    """
    chosen = notation if isinstance(notation, pl.Expr) else pl.lit(notation, pl.String)
    return _value(_clean(text), _flag(thousands), chosen)


@dataclass(frozen=True)
class Number:
    """A column of numbers in a source's files, and what it must hold."""

    column: str
    unreadable: str  # the problem when a cell is no number ("not a year"), in the steward's language
    thousands: bool | pl.Expr = False  # rupiah amounts (an expression where only some rows are)
    whole: bool = False  # counts and years: separators group thousands and there is no fraction
    within: tuple[str, ...] = ()  # columns that split this one into the columns the file really has (published: kolom)
    text: pl.Expr | None = None  # the number inside the cell, when words surround it (default: the cell)
    into: str | None = None  # where the value goes (default: replaces the text)
    decimals: str | None = None  # also how many decimals the cell shows, into this column
    label: str | None = None  # how problems name the column (default: its name)


def read_numbers(
    frame: pl.DataFrame, numbers: Sequence[Number], by: Sequence[str] = (SOURCE_FILE,)
) -> tuple[pl.DataFrame, list[Problem]]:
    """Every Number of `frame` read in the notation of its file (the rows sharing `by`), with the
    problems: cells that are no number, and ambiguous cells whose file does not say how to read
    them. Every row is kept (a value is null where its cell was refused) and NUMBERS_READ added.

    The evidence is the notation the unambiguous cells show. An ambiguous cell takes the one its
    column shows in its file when that is one notation only; when the column shows none, the one
    the file's other Number columns show when that is one only. Otherwise it stays open."""
    by = list(by)
    # Each step's result is a column the next steps read, so no text is cleaned or classified twice.
    text, shows, notation, why, unreadable, open_ = (
        [f"_{step}{i}" for i in range(len(numbers))] for step in ("text", "shows", "notation", "why", "unreadable", "open")
    )
    thousands = [_flag(n.whole or n.thousands) for n in numbers]
    steps = [
        [_clean(n.text if n.text is not None else pl.col(n.column)).alias(text[i]) for i, n in enumerate(numbers)],
        [_evidence(pl.col(text[i])).alias(shows[i]) for i in range(len(numbers))],
    ]

    def seen(notation_: str, columns: list[str], over: list[str]) -> pl.Expr:
        return pl.any_horizontal(pl.col(c) == notation_ for c in columns).fill_null(False).any().over(over)

    in_file = {nt: seen(nt, shows, by) for nt in (INDONESIAN, PLAIN)}
    # Only an ambiguous cell needs its file's notation: most frames have none, and weighing the
    # evidence (windows over every file of the frame) is most of the cost.
    needed = frame.lazy().select(pl.any_horizontal(cleaned.str.contains(_AMBIGUOUS).any() for cleaned in steps[0])).collect().item()
    notations = []
    for i, n in enumerate(numbers):
        if not needed:
            notations += [pl.lit(None, pl.String).alias(notation[i]), pl.lit("none").alias(why[i])]
            continue
        in_column = {nt: seen(nt, [shows[i]], [*by, *n.within]) for nt in (INDONESIAN, PLAIN)}
        blank = ~in_column[INDONESIAN] & ~in_column[PLAIN]
        notations += [
            pl.when(in_column[INDONESIAN] & ~in_column[PLAIN]).then(pl.lit(INDONESIAN))
            .when(in_column[PLAIN] & ~in_column[INDONESIAN]).then(pl.lit(PLAIN))
            .when(blank & in_file[INDONESIAN] & ~in_file[PLAIN]).then(pl.lit(INDONESIAN))
            .when(blank & in_file[PLAIN] & ~in_file[INDONESIAN]).then(pl.lit(PLAIN))
            .alias(notation[i]),
            # Why the notation is open, for the message: both in the column, both in the file, or none.
            pl.when(~blank).then(pl.lit("column")).when(in_file[INDONESIAN] & in_file[PLAIN]).then(pl.lit("file"))
            .otherwise(pl.lit("none")).alias(why[i]),
        ]
    steps.append(notations)
    steps.append([
        _value(pl.col(text[i]), thousands[i], pl.col(notation[i])).alias(f"_value{i}") for i in range(len(numbers))
    ])
    flags = []
    for i, n in enumerate(numbers):
        ambiguous = (pl.col(text[i]).str.contains(_AMBIGUOUS) & ~thousands[i] & pl.col(notation[i]).is_null()).fill_null(False)
        value = pl.col(f"_value{i}")
        wrong = _written(pl.col(text[i])) & value.is_null() & ~ambiguous
        if n.whole:  # and within Int64
            wrong = wrong | (value.is_not_null() & ((value.round(0) != value) | value.cast(pl.Int64, strict=False).is_null()))
        flags += [wrong.alias(unreadable[i]), ambiguous.alias(open_[i])]
    steps.append(flags)
    checked = frame.lazy()
    for step in steps:
        checked = checked.with_columns(step)
    checked = checked.collect()

    open_because = {
        "column": _("this column of the file writes both decimal commas (68,10) and decimal points (92.04)"),
        "file": _("its column shows neither notation while the file's other columns write both decimal commas (68,10) "
                  "and decimal points (92.04)"),
        "none": _("no other number in this file shows whether it writes decimal commas (68,10) or decimal points (92.04)"),
    }
    problems: list[Problem] = []
    flagged = checked.filter(pl.any_horizontal(pl.col(c) for c in [*unreadable, *open_]))
    for i, n in enumerate(numbers if flagged.height else ()):
        label = n.label or n.column
        cells = flagged.filter(pl.col(unreadable[i]) | pl.col(open_[i])).select(
            *PROVENANCE, pl.col(n.column).alias(label), unreadable[i], why[i]
        )
        problems += problems_from_rows(cells.filter(pl.col(unreadable[i])), label, n.unreadable)
        for reason, message in open_because.items():
            problems += problems_from_rows(
                cells.filter(~pl.col(unreadable[i]) & (pl.col(why[i]) == reason)), label, _(
                    "one separator before three digits could be a decimal or group thousands (is 1.000 one, or one "
                    "thousand?), and {why}; write thousands without a separator (1000) and fractions with other than "
                    "three decimals (1,0 or 1,2340)").format(why=message),
            )

    refused = [pl.col(unreadable[i]) | pl.col(open_[i]) for i in range(len(numbers))]
    values = []
    for i, n in enumerate(numbers):
        values.append(
            pl.when(~refused[i]).then(pl.col(f"_value{i}")).cast(pl.Int64 if n.whole else pl.Float64, strict=False)
            .alias(n.into or n.column)
        )
        if n.decimals:
            # Decimals shown: the digits after the point once the value is written plainly.
            plain = _plain_text(pl.col(text[i]), thousands[i], pl.col(notation[i]))
            values.append(
                pl.when(plain.str.contains(".", literal=True)).then(plain.str.split(".").list.last().str.len_chars())
                .otherwise(0).cast(pl.Int32).alias(n.decimals)
            )
    helpers = [c for c in checked.columns if c not in frame.columns]
    read = checked.lazy().with_columns(*values, (~pl.any_horizontal(refused)).alias(NUMBERS_READ)).drop(helpers)
    return read.collect(), problems
