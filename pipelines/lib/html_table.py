"""An HTML page saved as `.xls` (what web tools such as the wp-sipd plugin download as "Excel"):
its title lines and table rows as one grid of text cells, the way Excel shows the file.

Parsed with lxml's HTML parser (no network, no entities from outside); a cell spanning several
columns or rows keeps its text in its first cell, like a merged Excel cell, and spans are capped at
a worksheet's size, so a few bytes cannot declare a huge grid.
"""

from __future__ import annotations

import lxml.html
import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import ContractError
from pipelines.lib.xlsx_extent import max_cells

MAX_COLUMNS, MAX_ROWS = 16_384, 1_048_576  # an Excel worksheet
TITLE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "caption"}


def looks_like_html(head: bytes) -> bool:
    """True for a file that starts (after a byte-order mark and blanks) with markup."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    return text.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<"))


def _text(element: lxml.html.HtmlElement) -> str:
    """An element's text with its line breaks (<br>) kept, spaces (&nbsp; too) collapsed per line."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = (" ".join(line.split()) for line in element.text_content().replace("\xa0", " ").split("\n"))
    return "\n".join(line for line in lines if line)


def _span(value: str | None) -> int:
    try:
        return max(1, int(str(value or "1").strip()))
    except ValueError:
        return 1


def read_html_cells(data: bytes, display: str) -> pl.DataFrame:
    """The page as a text grid (columns c0, c1, …): first its title lines (headings and paragraphs
    before the first table, one row per line), then every table row, spans kept in their first
    cell. Refused naming the file when no table is in it or it spans more cells than a sheet may."""
    try:
        page = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(no_network=True, huge_tree=False))
    except (ValueError, lxml.etree.ParserError) as err:
        raise ContractError.single(display, _("not a readable HTML page saved as .xls ({error})").format(error=err)) from None
    tables = page.xpath("//table")
    if not tables:
        raise ContractError.single(display, _("an HTML page saved as .xls, but it holds no table"))
    first = tables[0]
    rows: list[dict[int, str]] = []
    for element in page.iter():  # document order: the title lines come before the table
        if element is first:
            break
        if element.tag in TITLE_TAGS:
            rows += [{0: line} for line in _text(element).split("\n") if line]
    below: dict[int, int] = {}  # column → the last table row an earlier cell's rowspan covers
    width = 0
    for table_row, tr in enumerate(first.xpath(".//tr")):
        cells: dict[int, str] = {}
        column = 0
        for cell in tr.xpath("./td|./th"):
            while below.get(column, -1) >= table_row:
                column += 1
            colspan, rowspan = min(_span(cell.get("colspan")), MAX_COLUMNS), min(_span(cell.get("rowspan")), MAX_ROWS)
            if column + colspan > MAX_COLUMNS:
                raise ContractError.single(display, _("the HTML table is wider than a worksheet ({columns} columns)").format(columns=MAX_COLUMNS))
            if text := _text(cell):
                cells[column] = text
            if rowspan > 1:
                below.update((c, table_row + rowspan - 1) for c in range(column, column + colspan))
            column += colspan
        width = max(width, column)
        rows.append(cells)
        if len(rows) * max(width, 1) > max_cells():
            raise ContractError.single(display, _(
                "the HTML table spans more than the {limit} cells an export may span (LKJIP_MAX_SHEET_CELLS)").format(limit=f"{max_cells():,}"))
    columns = {f"c{i}": [row.get(i) for row in rows] for i in range(max(width, 1))}
    return pl.DataFrame(columns, schema={c: pl.String for c in columns})
