"""Mixed date formats: 2023-05-17, 17/05/2023, 17-05-2023, and Excel's datetime text.

The year is always written with four digits: `17/05/23` could be 1923 or 2023 and is refused
(the reader names the cell and quotes the text), never read as the year 23. A year outside
1900–2099 is refused the same way.
"""

from __future__ import annotations

import polars as pl

from schemas.pesan import _

_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
_FOUR_DIGIT_YEAR = r"^(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/(?:19|20)\d{2}|\d{1,2}-\d{1,2}-(?:19|20)\d{2})$"


def _clean(text: pl.Expr) -> pl.Expr:
    # Excel cells arrive as "2023-05-17 00:00:00"; keep the date part only.
    t = text.cast(pl.String).str.strip_chars().str.replace(r"[ T]00:00:00(\.0+)?$", "")
    return pl.when(t != "").then(t)


def parse_date(text: pl.Expr) -> pl.Expr:
    t = _clean(text)
    t = pl.when(t.str.contains(_FOUR_DIGIT_YEAR)).then(t)
    return pl.coalesce([t.str.strptime(pl.Date, f, strict=False) for f in _FORMATS])


def unreadable_date(text: pl.Expr) -> pl.Expr:
    return _clean(text).is_not_null() & parse_date(text).is_null()


BULAN = {
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}


def nama_bulan() -> dict[int, str]:
    """Month number → its name in the steward's language (Januari … Desember by default)."""
    names = (_("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"), _("August"),
             _("September"), _("October"), _("November"), _("December"))
    return dict(enumerate(names, start=1))


def tanggal(day: pl.Expr) -> pl.Expr:
    """A date as people write it: 10 Januari 2026 (no leading zero, the month by name)."""
    return pl.format("{} {} {}", day.dt.day(), day.dt.month().replace_strict(nama_bulan(), return_dtype=pl.String), day.dt.year())
