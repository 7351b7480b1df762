"""Indonesian and plain number notation as polars expressions (sources.md, "Numbers")."""

from __future__ import annotations

import polars as pl

# 1.234.567 — dots grouping thousands (first group 1-3 digits, then groups of exactly 3).
_GROUPED = r"^-?\d{1,3}(\.\d{3})+$"


def _clean(text: pl.Expr) -> pl.Expr:
    """Strip decoration: Rp, %, spaces (also non-breaking). A lone dash means empty."""
    cleaned = (
        text.cast(pl.String)
        .str.replace_all(r"(?i)rp\.?", "")
        .str.replace_all(r"[%\s\u00a0]", "")
    )
    return pl.when(~cleaned.is_in(["", "-", "–", "—"])).then(cleaned)


def _normalise(text: pl.Expr, *, thousands: bool) -> pl.Expr:
    """Rewrite Indonesian notation into plain `1234.5` text (still a string)."""
    t = _clean(text)
    has_comma = t.str.contains(",", literal=True)
    grouped = t.str.contains(_GROUPED)
    several_dots = t.str.count_matches(".", literal=True) > 1
    # In rupiah and count columns a single grouping dot still groups thousands ("999.000").
    thousands_only = grouped & (pl.lit(thousands) | several_dots)
    return (
        pl.when(has_comma)
        .then(t.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .when(thousands_only)
        .then(t.str.replace_all(".", "", literal=True))
        .otherwise(t)
    )


def parse_number(text: pl.Expr, *, thousands: bool = False) -> pl.Expr:
    """Float value of Indonesian or plain notation; null when empty or unreadable.

    thousands=True for rupiah amounts and counts, where `1.204` means one thousand two hundred four.

    Callers report unreadable values with `unreadable_number`, so nothing is silently dropped.
    """
    # "inf" and "nan" cast to floats; no source means them, so they are unreadable like any text
    # (tested on the text as given: the cleaned text would be worked out twice).
    written = ~text.cast(pl.String).str.contains(r"(?i)inf|nan|e\+?\d{3}")  # 1e400 overflows to inf
    return pl.when(written).then(_normalise(text, thousands=thousands).cast(pl.Float64, strict=False))


def unreadable_number(text: pl.Expr, *, thousands: bool = False) -> pl.Expr:
    """True where a value was written but is not a number."""
    return _clean(text).is_not_null() & parse_number(text, thousands=thousands).is_null()


def printed_decimals(text: pl.Expr) -> pl.Expr:
    """How many decimals a printed number shows (`3,83%` → 2, `98%` → 0, `8.294.394.608` → 0)."""
    plain = _normalise(text, thousands=False)
    return (
        pl.when(plain.str.contains(".", literal=True))
        .then(plain.str.split(".").list.last().str.len_chars())
        .otherwise(pl.lit(0))
        .cast(pl.Int32)
    )


def parse_count(text: pl.Expr) -> pl.Expr:
    """A whole number (people, enterprises); `1.204` groups thousands."""
    return parse_number(text, thousands=True).cast(pl.Int64, strict=False)


def unreadable_count(text: pl.Expr) -> pl.Expr:
    value = parse_number(text, thousands=True)
    return unreadable_number(text, thousands=True) | (value.is_not_null() & (value.round(0) != value))
