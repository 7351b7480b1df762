"""Look inside an xlsx before loading it: a few kB can declare a sheet of 17 billion cells.

The reader builds a dense rows × columns grid, so one stray cell at XFD1048576 makes it try to
allocate hundreds of GB. The workbook is a zip of XML parts: the sheets' declared extent
(`<dimension ref=…>`) and actual extent (the highest row and column any cell names) are read
from the XML stream without building anything, and the parts' unpacked size is bounded too.
"""

from __future__ import annotations

import html
import os
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from pipelines.lib.pesan import _
from pipelines.lib.problems import ContractError, Problem

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')  # XML allows either quote
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*["\']([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?["\']')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br\s*=\s*["\']([A-Z]{1,3})(\d+)["\']')
_BARE_ROW = re.compile(rb"<(?:\w+:)?row(?![^>]*\br=)[\s>/]")
_BARE_CELL = re.compile(rb"<(?:\w+:)?c(?![^>]*\br=)[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["\']([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)["\']')
CHUNK = 1 << 20


def max_cells() -> int:
    """Cells (rows × columns) one sheet may span (LKJIP_MAX_SHEET_CELLS, default 20 million)."""
    return int(os.environ.get("LKJIP_MAX_SHEET_CELLS", "20000000"))


def max_unpacked_bytes() -> int:
    """Unpacked size of a workbook's parts (LKJIP_MAX_UNPACKED_MB, default 2,000 MB)."""
    return int(float(os.environ.get("LKJIP_MAX_UNPACKED_MB", "2000")) * 1024 * 1024)


def max_part_bytes() -> int:
    """Unpacked size of any one part (LKJIP_MAX_PART_MB, default 500 MB): a few MB of shared
    strings that unpack to gigabytes would be held whole by the reader."""
    return int(float(os.environ.get("LKJIP_MAX_PART_MB", "500")) * 1024 * 1024)


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


def _attrs(tag: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1]: html.unescape((double or single).decode("utf-8", "replace")) for k, double, single in _ATTR.findall(tag)}


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, path of its XML part) of the visible sheets, in workbook order (a hidden
    sheet is never read, so its extent does not matter)."""
    targets = {}
    for tag in _REL.findall(archive.read("xl/_rels/workbook.xml.rels")):
        a = _attrs(tag)
        target = a.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[a.get("Id")] = path
    sheets = []
    for tag in _SHEET.findall(archive.read("xl/workbook.xml")):
        a = _attrs(tag)
        if a.get("state", "visible") == "visible":
            sheets.append((a.get("name", ""), targets.get(a.get("id"), "")))
    return sheets


def extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """(rows, columns) the sheet spans: the larger of what it declares and what its cells name,
    whatever namespace prefix the XML uses. A row or cell without a reference is placed after
    the previous one by the reader, so those are counted too (an upper bound for cells)."""
    rows = columns = unreferenced_rows = unreferenced_cells = 0
    tail = b""
    with archive.open(part) as fh:
        while chunk := fh.read(CHUNK):
            text = tail + chunk
            if not tail and (dim := _DIMENSION.search(text)):
                first, top, last, bottom = (g.decode() if g else None for g in dim.groups())
                columns = column_number(last or first or "A")
                rows = int(bottom or top or 0)
            for letters, number in _CELL_REF.findall(text):
                rows = max(rows, int(number))
                columns = max(columns, column_number(letters.decode()))
            unreferenced_rows += len(_BARE_ROW.findall(chunk))
            unreferenced_cells += len(_BARE_CELL.findall(chunk))
            tail = text[-256:]  # a reference cut at the chunk's end is seen whole in the next round
    return rows + unreferenced_rows, max(columns, unreferenced_cells)


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
            for name, part in chosen:
                rows, columns = extent(archive, part)
                if rows * columns > max_cells():
                    problems.append(
                        Problem(
                            file=display,
                            sheet=name,
                            message=_(
                                "the sheet spans {extent} ({rows} rows × {columns} columns), more than the {limit} cells an export "
                                "may span (LKJIP_MAX_SHEET_CELLS); delete the stray cells far from the table and save again"
                            ).format(extent=f"A1:{column_letters(columns)}{rows}", rows=f"{rows:,}", columns=f"{columns:,}", limit=f"{max_cells():,}"),
                        )
                    )
    except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, EOFError, zlib.error) as err:
        if encrypted(path):
            raise ContractError.single(display, _(
                "the workbook is protected with a password (encrypted), so it cannot be read; open it in Excel, remove the "
                "password (File › Info › Protect Workbook › Encrypt with Password) and save it again")) from None
        raise ContractError.single(display, _("not a readable xlsx workbook ({error}); save it again from Excel as .xlsx").format(error=err)) from None
    if problems:
        raise ContractError(problems)
    return [name for name, _part in chosen]


def merged_ranges(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    """The merged areas of a sheet (first row, first column, last row, last column; 0-based), read
    from its XML: a group heading merged over its sub-columns names each of them. Empty for a
    sheet the workbook does not list (the caller has already read it, so it exists)."""
    with zipfile.ZipFile(path) as archive:
        part = dict(sheet_parts(archive)).get(sheet)
        if part is None:
            return []
        found, tail = [], b""
        with archive.open(part) as fh:
            while chunk := fh.read(CHUNK):
                text = tail + chunk
                # a mergeCell cut at the chunk's end is whole in the next round; one whole in the tail is not counted twice
                found += [m for m in _MERGE.finditer(text) if m.end() > len(tail)]
                tail = text[-256:]
    return [
        (int(r1) - 1, column_number(c1.decode()) - 1, int(r2) - 1, column_number(c2.decode()) - 1)
        for c1, r1, c2, r2 in (m.groups() for m in found)
    ]
