"""The message catalogue: every text a steward reads (finding messages, keterangan, severity
words, report notes, CLI messages about their files) goes through `_`, Python's gettext.

It lives in schemas/ so that contracts (column descriptions) and pipelines alike may use it.
The msgids in the code are English; `schemas/locale/id/LC_MESSAGES/lkjip.po` holds the
Indonesian, compiled to `lkjip.mo` (`make messages`). Indonesian is the default; English is
`LKJIP_BAHASA=en` (or `lkjip run --bahasa en`). The language is read at each call, so a run's
worker processes follow the environment they inherit. Placeholders are named (`{tahun}`) and
filled with str.format after translation, so a translation may reorder them; `per_row` does the
same for a message filled from columns.
"""

from __future__ import annotations

import gettext
import os
import string
from functools import cache
from pathlib import Path

import polars as pl

DOMAIN = "lkjip"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
BAHASA = ("id", "en")
DEFAULT = "id"


def bahasa() -> str:
    """The language a steward reads: LKJIP_BAHASA (id or en), Indonesian when unset or unknown."""
    chosen = os.environ.get("LKJIP_BAHASA", DEFAULT).strip().lower()
    return chosen if chosen in BAHASA else DEFAULT


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    # English is the msgids themselves: no catalogue, the fallback returns them as written.
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=language != DEFAULT)


def _(message: str) -> str:
    """`message` in the steward's language."""
    return catalogue(bahasa()).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet: for texts defined at import
    and read later, which translate with `_` when read (gettext's convention)."""
    return message


def per_row(message: str, **columns: str | pl.Expr) -> pl.Expr:
    """`message` in the steward's language for every row, each named placeholder filled from its
    column. pl.format fills by position, so the columns follow the order the translation gives
    the placeholders, not the order the English has them."""
    text = _(message)
    order = [name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name]
    return pl.format(text.format(**dict.fromkeys(columns, "{}")), *(columns[name] for name in order))
