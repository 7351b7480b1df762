"""Deterministic writers: the same content always gives the same bytes.

CSV, JSON and YAML are plain UTF-8 text. openpyxl's own save stamps the current time into
the document properties and the zip entries, so workbooks are saved with fixed ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

FIXED_TIME = dt.datetime(2024, 1, 31, 8, 0, 0)  # xlsx document properties and zip entries

Cell = str | int | float | None


def write_text(path: Path, text: str) -> Path:
    """A UTF-8 text file (JSON answers, YAML catalogs), creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Path:
    """A comma-separated export with a header row and Unix line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_sheet(path: Path, sheet: str, header: Sequence[str],
                rows: Iterable[Sequence[Cell]], widths: Sequence[float],
                titles: Sequence[str] = ()) -> Path:
    """A one-sheet workbook: optional title rows and a blank row, the header, the rows.

    Title rows above the header are how hand-made recaps and SIPD reports look; readers
    have to find the header row rather than assume it is the first.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for line in titles:
        ws.append([line])
    if titles:
        ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return save_workbook(wb, path)


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Save an xlsx byte-for-byte reproducibly (openpyxl's own save stamps 'now')."""
    wb.properties.creator = "SIPD / Dinas Koperasi UKM dan Tenaga Kerja"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))
    return path
