"""CSV files as stewards save them: UTF-8 (with or without BOM) or UTF-16 from Excel's
"Unicode text", separated by commas, or by semicolons where Excel runs in an Indonesian locale
(the comma is the decimal mark there). Anything else is refused, naming the file and what to do.
"""

from __future__ import annotations


import codecs
import os
import re
from collections import Counter
from pathlib import Path

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import ContractError

SEPARATORS = (",", ";", "\t")
SNIFF_LINES = 30
_QUOTED = re.compile(r'"[^"]*"')


def save_as() -> str:
    return _("in Excel choose Save As › 'CSV UTF-8 (Comma delimited)'")


def decode(data: bytes, display: str) -> str:
    """The file's text; UTF-8 and UTF-16 with a byte-order mark are read, others refused."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ContractError.single(display, _("not readable as UTF-16 text; {todo}").format(todo=save_as())) from None
    if b"\x00" in data[:4096]:
        raise ContractError.single(display, _("looks like UTF-16 text without a byte-order mark; {todo}").format(todo=save_as()))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ContractError.single(
            display,
            _("not UTF-8 text (byte 0x{byte} on line {line}, e.g. Windows-1252 from an older Excel); {todo}").format(
                byte=f"{data[err.start]:02x}", line=line, todo=save_as()),
            row=line,
        ) from None


def separator(text: str) -> str:
    """The separator most lines agree on: for each candidate, how many of the first lines hold
    the same number of it (outside quotes). A decimal comma in a semicolon file varies from line
    to line; the separator does not."""
    lines = [_QUOTED.sub("", line) for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    best, score = ",", (0, 0)
    for candidate in SEPARATORS:
        counts = Counter(line.count(candidate) for line in lines if candidate in line)
        if counts:
            n, agreeing = counts.most_common(1)[0]
            if (agreeing, n) > score:
                best, score = candidate, (agreeing, n)
    return best


MAX_CELL_CHARS = 32_767


def max_line_bytes() -> int:
    """The longest line a CSV may have (LKJIP_MAX_LINE_KB, default 1,024 kB)."""
    return int(float(os.environ.get("LKJIP_MAX_LINE_KB", "1024")) * 1024)


def read_csv_cells(path: Path, display: str) -> pl.DataFrame:
    """Every cell as text, no header, columns as polars names them (column_1, …)."""
    data = path.read_bytes()
    if not data.strip():
        raise ContractError.single(display, _("the file is empty"))
    # before decoding, and only for a file longer than a line may be (most are not)
    lengths = list(map(len, data.split(b"\n"))) if len(data) > max_line_bytes() else [0]
    if max(lengths) > max_line_bytes():
        raise ContractError.single(display, row=lengths.index(max(lengths)) + 1, message=_(
            "a line longer than {limit} kB (LKJIP_MAX_LINE_KB): no export writes such a row; not a table as exported").format(
                limit=f"{max_line_bytes() // 1024:,}"))
    text = decode(data, display)
    sep = separator(text)
    # As wide as the widest line: a title row narrower than the table, or a row with one cell too
    # many (a decimal comma in a comma-separated file), must neither cut nor lose cells.
    fields = pl.Series(text.splitlines(), dtype=pl.String).str.replace_all(_QUOTED.pattern, "").str.count_matches(sep, literal=True)
    width = int(fields.max() or 0) + 1
    try:
        cells = pl.read_csv(
            text.encode("utf-8"), has_header=False, separator=sep, truncate_ragged_lines=True,
            schema={f"column_{i}": pl.String for i in range(width)}, missing_columns="insert",
        )
    except pl.exceptions.PolarsError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ContractError.single(display, _("not readable as CSV ({error}); {todo}").format(error=first, todo=save_as())) from None
    # Excel holds at most 32,767 characters in a cell: a longer one is no table a person made
    long = cells.with_row_index("baris", offset=1).filter(pl.any_horizontal(pl.col(cells.columns).str.len_chars() > MAX_CELL_CHARS))
    if long.height:
        raise ContractError.single(display, row=long.item(0, "baris"), message=_(
            "a cell longer than {limit} characters (what Excel can hold): not a table as exported").format(limit=f"{MAX_CELL_CHARS:,}"))
    return cells
