"""The BAB III tables as Word tables ready to paste: lkjip_<kode_wilayah>_<tahun>.docx.

Each table has its caption above it ("Tabel 3.1 Capaian Kinerja … Tahun 2023"), the report's
headings (repeated on every page), and its numbers as text in the report's notation from
`format` (`8.294.394.608`, `94,19`, `3,00%`, capaian `100,20%`, `-` when undefined). Landscape
A4, like the report's wide tables; Tabel 3.7 indents kegiatan and sub kegiatan and prints
programs and JUMLAH in bold.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from pipelines.lib.ekspor.format import NO, Laporan, Tabel, TataLetak, sel_teks
from schemas.pesan import _

FONT_PT = 9
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(2.0)


def _shade(cell, color: str) -> None:  # noqa: ANN001
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    props.append(shading)


def _repeat_header(row) -> None:  # noqa: ANN001
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _put(cell, text: str, *, bold: bool = False, align=None, indent_cm: float = 0) -> None:  # noqa: ANN001
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if align is not None:
        paragraph.alignment = align
    if indent_cm:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    run = paragraph.add_run(text)
    run.font.size = Pt(FONT_PT)
    run.bold = bold


def _header(table, tabel: Tabel, columns: list[int]) -> None:  # noqa: ANN001
    two = tabel.bertingkat
    rows = table.rows[: 2 if two else 1]
    for row in rows:
        _repeat_header(row)
    for pos, i in enumerate(columns):
        kolom = tabel.kolom[i]
        top = rows[0].cells[pos]
        if two and not kolom.kelompok:
            top = top.merge(rows[1].cells[pos])
        if two and kolom.kelompok:
            _put(rows[1].cells[pos], kolom.judul, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            _shade(rows[1].cells[pos], "D9E2F3")
        _shade(top, "D9E2F3")
    done: set[int] = set()
    for pos, i in enumerate(columns):  # upper headings: merge each run of the same kelompok
        if pos in done:
            continue
        kolom = tabel.kolom[i]
        cell = rows[0].cells[pos]
        end = pos
        while kolom.kelompok and end + 1 < len(columns) and tabel.kolom[columns[end + 1]].kelompok == kolom.kelompok:
            end += 1
        if end > pos:
            cell = cell.merge(rows[0].cells[end])
        done.update(range(pos, end + 1))
        _put(cell, kolom.kelompok or kolom.judul, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_table(document, tabel: Tabel) -> None:  # noqa: ANN001
    """Caption, then the table (or a line saying why it is empty), then its notes."""
    caption = document.add_paragraph(tabel.judul, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in caption.runs:
        run.font.size = Pt(10)
        run.font.bold = True
        run.font.italic = False
        run.font.color.rgb = RGBColor(0, 0, 0)
    columns = tabel.kolom_untuk(xlsx=False)
    header_rows = 2 if tabel.bertingkat else 1
    table = document.add_table(rows=header_rows + len(tabel.baris), cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _header(table, tabel, columns)
    usable = PAGE_WIDTH - 2 * MARGIN
    total = sum(tabel.kolom[i].lebar for i in columns)
    widths = [int(usable * tabel.kolom[i].lebar / total) for i in columns]
    for row in table.rows[:header_rows]:  # a row's cells are found by walking its XML: once per row
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    # A body cell is one of few shapes (bold, alignment, indent, shading, width): each shape is
    # built once through python-docx and copied, its text set by python-docx's own run setter,
    # so the XML is what _put would write, at a fraction of the cost per cell.
    shapes: dict[tuple, CT_Tc] = {}
    for r, baris in enumerate(tabel.baris, start=header_rows):
        row = table.rows[r]
        for pos, (i, tc) in enumerate(zip(columns, row._tr.tc_lst, strict=True)):
            kolom = tabel.kolom[i]
            align = WD_ALIGN_PARAGRAPH.RIGHT if kolom.angka else WD_ALIGN_PARAGRAPH.CENTER if kolom.jenis == NO else None
            indent = 0.4 * baris.tingkat if i == tabel.kolom_uraian else 0
            shape = (baris.tebal, align, indent, baris.jenis == "total", widths[pos])
            if shape not in shapes:
                cell = _Cell(tc, table)
                _put(cell, "", bold=baris.tebal, align=align, indent_cm=indent)
                if baris.jenis == "total":
                    _shade(cell, "E2EFDA")
                cell.width = widths[pos]
                shapes[shape] = deepcopy(tc)
            else:
                copied = deepcopy(shapes[shape])
                tc.getparent().replace(tc, copied)
                tc = copied
            tc.p_lst[0].r_lst[0].text = sel_teks(kolom, baris, baris.sel[i])
    if not tabel.baris:
        document.add_paragraph(tabel.kosong).runs[0].italic = True
    for note in tabel.catatan_tercetak:
        paragraph = document.add_paragraph(note)
        paragraph.paragraph_format.space_after = Pt(0)
        for run in paragraph.runs:
            run.font.size = Pt(8)
            run.italic = True
    document.add_paragraph()


def write_word(path: Path, laporan: Laporan, letak: TataLetak) -> Path:
    """Write the Word file of one region-year to `path` (the caller makes it atomic)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.author = "lkjip pipeline"
    names = {"instansi": laporan.instansi, "tahun": laporan.tahun}
    document.core_properties.title = _("LKjIP {instansi} {tahun}: BAB III tables").format(**names)
    document.add_heading(_("BAB III Performance Accountability: the tables of {instansi}, {tahun}").format(**names), level=1)
    intro = document.add_paragraph(
        _("The tables are recomputed from the source data. Numbers are rounded to two decimals (capaian in percent, "
          "two decimals); '-' means the value is undefined (see the notes under the tables).")
    )
    intro.runs[0].font.size = Pt(9)
    for tabel in letak.bab3:
        add_table(document, tabel)
    document.save(path)
    return path
