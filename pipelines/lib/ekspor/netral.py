"""Text from a source file never becomes a formula in a spreadsheet (CSV injection).

Following OWASP's CSV Injection guidance, a text cell starting with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a leading single quote, so Excel and LibreOffice show it as text
instead of evaluating `=HYPERLINK(…)` or `=cmd|' /C calc'!A0`. A cell that is a plain number
(`-0,05`, `+12`) is left alone: it is not a formula and the quote would change how it reads.
An Excel whose list separator is `;` (the Indonesian locale) or `,` splits an unquoted CSV line
there, so a trigger right after a `;`, `,` or tab inside a text (`Pelatihan;=cmd|…`) gets the
same quote: no piece of any cell starts a formula, whichever separator the reader's Excel uses.
"""

from __future__ import annotations

import re

import polars as pl

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a formula start after a separator: `=` or `@`, or a sign before something that is not a number
_AFTER_SEPARATOR = r"([;,\t]\s*)(=|@|[+\-][^\d\s.,\-])"
_TRIGGER = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"^(-|[+-]?(\d[\d.,]*([eE][+-]?\d+)?|inf)%?)$"  # 1.234,5  -0,05  -1e-05  -inf  and a lone dash


def neutralise(text: str) -> str:
    """One text cell, neutralised (see module docstring)."""
    if text.startswith(TRIGGERS) and not _is_number(text):
        text = "'" + text
    return re.sub(_AFTER_SEPARATOR, r"\1'\2", text)


def _is_number(text: str) -> bool:
    return pl.select(pl.lit(text).str.contains(_PLAIN_NUMBER)).item()


def neutralise_text_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column of a table, neutralised the same way, in one vectorised pass."""
    text = [c for c, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_TRIGGER) & ~pl.col(c).str.contains(_PLAIN_NUMBER))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .str.replace_all(_AFTER_SEPARATOR, "${1}'${2}")
        .alias(c)
        for c in text
    )
