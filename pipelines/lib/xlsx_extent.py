"""Look inside an xlsx before loading it: a few kB can declare a sheet of 17 billion cells.

The reader builds a dense rows × columns grid, so one stray cell at XFD1048576 makes it try to
allocate hundreds of GB. The workbook is a zip of XML parts, streamed through an XML parser a
chunk at a time (never a whole part in memory, no DTD, entity expansion bounded by expat): each
sheet's declared extent (`<dimension ref=…>`) and actual extent (where its rows and cells are),
its hidden rows and its merged areas. The parts' unpacked size is bounded too.
"""

from __future__ import annotations

import functools
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Callable
from xml.parsers import expat

from schemas.pesan import _
from pipelines.lib.problems import ContractError, Problem

CHUNK = 1 << 20


def max_cells() -> int:
    """Cells (rows × columns) the sheets read of one workbook may span together
    (LKJIP_MAX_SHEET_CELLS, default 10 million): the reader holds them at about 120 bytes a cell,
    so 10 million stay near 1.2 GB (scripts/bench_bombs.py)."""
    return int(os.environ.get("LKJIP_MAX_SHEET_CELLS", "10000000"))


def max_unpacked_bytes() -> int:
    """Unpacked size of a workbook's parts (LKJIP_MAX_UNPACKED_MB, default 2,000 MB)."""
    return int(float(os.environ.get("LKJIP_MAX_UNPACKED_MB", "2000")) * 1024 * 1024)


def max_part_bytes() -> int:
    """Unpacked size of any one part (LKJIP_MAX_PART_MB, default 200 MB; a SIPD-RI rekap of 6,600
    rekening rows is 6 MB): a few MB of shared strings that unpack to gigabytes would be held
    whole by the reader."""
    return int(float(os.environ.get("LKJIP_MAX_PART_MB", "200")) * 1024 * 1024)


def column_number(letters: str) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


@functools.lru_cache(maxsize=1024)
def _column(letters: str) -> int:
    return column_number(letters) if letters.isalpha() and letters.isupper() and len(letters) <= 3 else 0


def _cell(ref: str) -> tuple[int, int] | None:
    """'B7' → (7, 2); None for anything else."""
    ref = ref.replace("$", "")
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    column = _column(letters)
    return (int(digits), column) if column and digits.isdigit() else None


class _NotAnExport(Exception):
    """A part declares a DTD: no workbook Excel writes has one (the way to entity tricks)."""


def _parse(fh: IO[bytes], start: Callable[[str, list[str]], None]) -> None:
    """Stream an XML part through expat a chunk at a time (memory follows the chunk, not the
    part), calling `start(name, [attribute, value, …])` for every element; a DTD is refused."""

    def doctype(*_args: object) -> None:
        raise _NotAnExport

    parser = expat.ParserCreate()
    parser.ordered_attributes = True  # a flat list: cheaper than a dict for every cell
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    while chunk := fh.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rpartition(":")[2] if ":" in name else name


def _attrs(flat: list[str]) -> dict[str, str]:
    return {_local(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _elements(fh: IO[bytes], wanted: str) -> list[dict[str, str]]:
    """The attributes of every `wanted` element of a small part (workbook.xml, its rels)."""
    found: list[dict[str, str]] = []
    _parse(fh, lambda name, flat: found.append(_attrs(flat)) if _local(name) == wanted else None)
    return found


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, path of its XML part) of the visible sheets, in workbook order (a hidden
    sheet is never read, so its extent does not matter)."""
    with archive.open("xl/_rels/workbook.xml.rels") as fh:
        targets = {}
        for a in _elements(fh, "Relationship"):
            target = a.get("Target", "")
            targets[a.get("Id")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    with archive.open("xl/workbook.xml") as fh:
        return [(a.get("name", ""), targets.get(a.get("id"), "")) for a in _elements(fh, "sheet")
                if a.get("state", "visible") == "visible"]


@dataclass(frozen=True)
class Lembar:
    """What a sheet's XML says before it is loaded: the extent it spans (the larger of what it
    declares and where its cells are), its hidden rows (Excel's row numbers) and merged areas
    (first row, first column, last row, last column; 0-based)."""

    rows: int
    columns: int
    hidden_rows: frozenset[int]
    merged: tuple[tuple[int, int, int, int], ...]


EXCEL_ROWS = 1_048_576  # a row number beyond is no row Excel shows: never recorded as hidden
MAX_MERGED = 10_000  # merged areas kept (header headings come first); more only in a planted file


def _reference(flat: list[str]) -> str:
    for i in range(0, len(flat), 2):
        if flat[i] == "r":
            return flat[i + 1]
    return ""


def scan(archive: zipfile.ZipFile, part: str) -> Lembar:
    """One sheet's Lembar, in one pass. A row or cell without a reference is where the reader
    puts it: after the previous one. Called for every element of the sheet, so kept lean; what
    it keeps is bounded (hidden rows by Excel's rows, merged areas by MAX_MERGED)."""
    rows = columns = row = column = 0
    hidden: set[int] = set()
    merged: list[tuple[int, int, int, int]] = []

    def start(name: str, flat: list[str]) -> None:
        nonlocal rows, columns, row, column
        local = _local(name)
        if local == "c":
            cell = _cell(_reference(flat))
            row, column = cell if cell else (max(row, 1), column + 1)
            if row > rows:
                rows = row
            if column > columns:
                columns = column
        elif local == "row":
            a = _attrs(flat)
            r = a.get("r", "")
            row, column = (int(r) if r.isdigit() else row + 1), 0
            rows = max(rows, row)
            if a.get("hidden", "0") in ("1", "true") and row <= EXCEL_ROWS:
                hidden.add(row)
        elif local in ("dimension", "mergeCell"):
            corners = [c for c in map(_cell, _attrs(flat).get("ref", "").split(":")) if c]
            if local == "dimension":
                rows = max(rows, *(r for r, _c in corners), 0)
                columns = max(columns, *(c for _r, c in corners), 0)
            elif len(corners) == 2 and len(merged) < MAX_MERGED:
                (r1, c1), (r2, c2) = corners
                merged.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))

    with archive.open(part) as fh:
        _parse(fh, start)
    return Lembar(rows, columns, frozenset(hidden), tuple(merged))


@functools.lru_cache(maxsize=32)
def _scanned(path: str, size: int, modified: int, part: str) -> Lembar:
    # The extent guard and the budget reader ask for the same sheet: its XML is streamed once.
    with zipfile.ZipFile(path) as archive:
        return scan(archive, part)


def lembar(path: Path, part: str) -> Lembar:
    stat = path.stat()
    return _scanned(str(path), stat.st_size, stat.st_mtime_ns, part)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: legacy .xls, or an encrypted OOXML package
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def encrypted(path: Path) -> bool:
    """Whether a file is an Office workbook saved with a password: a compound file holding an
    EncryptedPackage stream (what Excel writes instead of the zip)."""
    with path.open("rb") as fh:
        if fh.read(8) != _OLE:
            return False
        return _ENCRYPTED in fh.read(max_unpacked_bytes())


def used_sheets(path: Path, display: str, first_only: bool = False) -> list[str]:
    """Names of the sheets to load (the first only, or all), each checked against the limits;
    refuses the workbook naming file and sheet when one is absurd. Raises ContractError."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > max_unpacked_bytes():
                raise ContractError.single(
                    display,
                    _("unpacks to {size} MB, above the limit of {limit} MB (LKJIP_MAX_UNPACKED_MB): not an export as exported").format(
                        size=f"{unpacked / 1024 / 1024:,.0f}", limit=f"{max_unpacked_bytes() / 1024 / 1024:,.0f}"),
                )
            if big := [i for i in archive.infolist() if i.file_size > max_part_bytes()]:
                raise ContractError([Problem(file=display, value=i.filename, message=_(
                    "this part of the workbook unpacks to {size} MB, above the limit of {limit} MB a part may take "
                    "(LKJIP_MAX_PART_MB): not an export as exported").format(
                        size=f"{i.file_size / 1024 / 1024:,.0f}", limit=f"{max_part_bytes() / 1024 / 1024:,.0f}")) for i in big])
            sheets = sheet_parts(archive)
        chosen = sheets[:1] if first_only else sheets
        problems = []
        spans = [lembar(path, part) for _name, part in chosen]
        for (name, _part), found in zip(chosen, spans):
            if found.rows * found.columns > max_cells():
                problems.append(
                    Problem(
                        file=display,
                        sheet=name,
                        message=_(
                            "the sheet spans {extent} ({rows} rows × {columns} columns), more than the {limit} cells an export "
                            "may span (LKJIP_MAX_SHEET_CELLS); delete the stray cells far from the table and save again"
                        ).format(extent=f"A1:{column_letters(found.columns)}{found.rows}", rows=f"{found.rows:,}",
                                 columns=f"{found.columns:,}", limit=f"{max_cells():,}"),
                    )
                )
        together = sum(found.rows * found.columns for found in spans)
        if not problems and together > max_cells():
            problems.append(Problem(file=display, message=_(
                "its sheets together span {cells} cells, more than the {limit} cells a workbook may span "
                "(LKJIP_MAX_SHEET_CELLS); delete the stray cells far from the tables, or split the workbook"
            ).format(cells=f"{together:,}", limit=f"{max_cells():,}")))
    except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, EOFError, zlib.error) as err:
        if encrypted(path):
            raise ContractError.single(display, _(
                "the workbook is protected with a password (encrypted), so it cannot be read; open it in Excel, remove the "
                "password (File › Info › Protect Workbook › Encrypt with Password) and save it again")) from None
        raise ContractError.single(display, _("not a readable xlsx workbook ({error}); save it again from Excel as .xlsx").format(error=err)) from None
    except (expat.ExpatError, _NotAnExport) as err:
        raise ContractError.single(display, _("not a readable xlsx workbook ({error}); save it again from Excel as .xlsx").format(
            error=str(err) or _("a part declares a DTD"))) from None
    if problems:
        raise ContractError(problems)
    return [name for name, _part in chosen]


def sheet_layout(path: Path, sheet: str) -> Lembar | None:
    """The Lembar of a visible sheet of an xlsx (None for a sheet the workbook does not list:
    the caller has already read it, so it exists)."""
    with zipfile.ZipFile(path) as archive:
        part = dict(sheet_parts(archive)).get(sheet)
    return lembar(path, part) if part is not None else None
