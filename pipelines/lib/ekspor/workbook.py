"""The stewards' workbook: lkjip_<kode_wilayah>_<tahun>.xlsx, one sheet per LKjIP table.

Numbers are numeric cells holding the full-precision value; their number formats group
thousands and show two decimals (`#,##0` for rupiah, `#,##0.00` for target, realisasi,
capaian and percentages), so an Indonesian-locale Excel shows `8.294.394.608` and `88,68`
and a formula over the cells uses every digit. An undefined value is an empty cell, never 0.
Each sheet has a title row (table, OPD and region, year), frozen header rows and column
widths for reading; Tabel 3.7 indents kegiatan and sub kegiatan and prints programs in bold.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.lib.ekspor.netral import neutralise
from pipelines.lib.angka import angka_dari_teks, kosong
from schemas.pesan import _
from pipelines.lib.ekspor.format import (
    NILAI, NO, NUMBER_FORMAT, Laporan, Tabel, TataLetak,
)

TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 4

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
PROGRAM_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
SEVERITY_FONT = {"error": Font(color="C00000", bold=True), "warning": Font(color="9C5700")}


def _header(ws: Worksheet, tabel: Tabel, columns: list[int]) -> int:
    """Write the heading rows; returns the first data row. Columns that share a `kelompok` get
    one merged upper heading (REALISASI KEUANGAN over (Rp) and (%)), the others span both rows."""
    two = tabel.bertingkat
    for pos, i in enumerate(columns, start=1):
        kolom = tabel.kolom[i]
        top = _text(ws, HEADER_ROW, pos, kolom.kelompok or kolom.judul)
        cells = [top]
        if two:
            bottom = _text(ws, HEADER_ROW + 1, pos, kolom.judul if kolom.kelompok else None)
            cells.append(bottom)
            if not kolom.kelompok:
                ws.merge_cells(start_row=HEADER_ROW, start_column=pos, end_row=HEADER_ROW + 1, end_column=pos)
        for cell in cells:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if two:  # merge each run of columns under the same kelompok
        pos = 1
        while pos <= len(columns):
            group = tabel.kolom[columns[pos - 1]].kelompok
            end = pos
            while group and end < len(columns) and tabel.kolom[columns[end]].kelompok == group:
                end += 1
            if group and end > pos:
                ws.merge_cells(start_row=HEADER_ROW, start_column=pos, end_row=HEADER_ROW, end_column=end)
            pos = end + 1
    return HEADER_ROW + (2 if two else 1)


def _text(ws: Worksheet, row: int, column: int, text: str | None):  # noqa: ANN202
    """A text cell that stays text (see _write_value)."""
    cell = ws.cell(row, column)
    if text is not None:
        cell.value = neutralise(text)
        cell.data_type = "s"
    return cell


def _write_value(cell, kolom, value) -> None:  # noqa: ANN001
    if kolom.jenis == NILAI:  # findings values are text; numbers among them become numbers
        number = angka_dari_teks(None if kosong(value) else str(value))
        if number is not None:
            cell.value = number
            cell.number_format = "#,##0" if number == int(number) else "#,##0.00"
            return
    if kosong(value):
        cell.value = None
        return
    if isinstance(value, str):
        # Always a text cell: openpyxl would store a text starting with "=" as a formula.
        cell.value = neutralise(value)
        cell.data_type = "s"
        return
    cell.value = value
    if kolom.jenis in NUMBER_FORMAT:
        cell.number_format = NUMBER_FORMAT[kolom.jenis]


def write_sheet(ws: Worksheet, tabel: Tabel, subtitle: str) -> None:
    columns = tabel.kolom_untuk(xlsx=True)
    _text(ws, TITLE_ROW, 1, tabel.judul).font = Font(bold=True, size=13)
    _text(ws, SUBTITLE_ROW, 1, subtitle).font = Font(italic=True, color="595959")
    first = _header(ws, tabel, columns)
    row_no = first
    # openpyxl registers every style object it is given (hashing it); a body cell has one of few
    # looks, so each look is set once and its style indices are copied to the cells that share it.
    looks: dict[tuple, StyleArray] = {}
    for baris in tabel.baris:
        fill = TOTAL_FILL if baris.jenis == "total" else PROGRAM_FILL if baris.jenis == "program" else None
        for pos, i in enumerate(columns, start=1):
            kolom = tabel.kolom[i]
            cell = ws.cell(row_no, pos)
            _write_value(cell, kolom, baris.sel[i])
            look = (i, baris.tebal, baris.jenis, baris.tingkat, cell.number_format, isinstance(cell.value, float))
            if look in looks:
                cell._style = copy(looks[look])
                continue
            cell.border = BORDER
            font = SEVERITY_FONT.get(baris.jenis) if kolom.lencana == "tingkat" else None
            cell.font = font or Font(bold=baris.tebal)
            if fill:
                cell.fill = fill
            if kolom.angka or (kolom.jenis == NILAI and isinstance(cell.value, float)):
                cell.alignment = Alignment(horizontal="right", vertical="top")
            elif kolom.jenis == NO:
                cell.alignment = Alignment(horizontal="center", vertical="top")
            else:
                indent = baris.tingkat * 2 if i == tabel.kolom_uraian else 0
                cell.alignment = Alignment(wrap_text=True, vertical="top", indent=indent)
            looks[look] = copy(cell._style)
        row_no += 1
    if not tabel.baris:
        _text(ws, row_no, 1, tabel.kosong).font = Font(italic=True)
        row_no += 1
    for note in tabel.catatan_tercetak:
        row_no += 1
        _text(ws, row_no, 1, note).font = Font(italic=True, color="595959")
    for pos, i in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(pos)].width = tabel.kolom[i].lebar
    ws.freeze_panes = ws.cell(first, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{first - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_workbook(path: Path, laporan: Laporan, letak: TataLetak) -> Path:
    """Write the workbook of one region-year to `path` (the caller makes it atomic)."""
    wb = Workbook()
    wb.remove(wb.active)
    subtitle = _(
        "{wilayah} (region code {kode_wilayah}) · year {tahun} · numbers recomputed from the source data, full values "
        "in the cells, shown with two decimals"
    ).format(wilayah=laporan.nama_wilayah or laporan.kode_wilayah, kode_wilayah=laporan.kode_wilayah, tahun=laporan.tahun)
    for tabel in [*letak.bab3, letak.temuan]:
        write_sheet(wb.create_sheet(tabel.sheet), tabel, subtitle)
    wb.properties.creator = "lkjip pipeline"
    wb.properties.title = f"LKjIP {laporan.instansi} {laporan.tahun}"
    wb.save(path)
    return path
