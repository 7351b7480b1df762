"""The message catalogue: every text a steward reads (finding messages, keterangan, severity
words, report notes, CLI messages about their files) goes through `_`, Python's gettext.

The msgids in the code are English; `pipelines/locale/id/LC_MESSAGES/lkjip.po` holds the
Indonesian, compiled to `lkjip.mo` (`make messages`). Indonesian is the default; English is
`LKJIP_BAHASA=en` (or `lkjip run --bahasa en`). The language is read at each call, so a run's
worker processes follow the environment they inherit. Placeholders are named (`{tahun}`) and
filled with str.format after translation, so a translation may reorder them.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "lkjip"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
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
