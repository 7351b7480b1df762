"""Read a CSV or XLSX export as text, find its header row, keep where each row came from.

Stewards' files carry title rows, blank rows and re-typed headers, so the header is searched
for (the first row holding every required column), never assumed to be row 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import fastexcel
import polars as pl

from schemas.pesan import _
from pipelines.lib.csv_text import read_csv_cells
from pipelines.lib.html_table import looks_like_html, read_html_cells
from pipelines.lib.provenance import SourceFile
from pipelines.lib.xlsx_extent import used_sheets
from pipelines.lib.problems import MAX_PER_CHECK, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, ContractError, Problem, Problems

HEADER_SEARCH_ROWS = 30


def header_name(text: object) -> str:
    """Normalise a header cell: case, spaces and punctuation do not matter."""
    return re.sub(r"[^a-z0-9%]+", "_", str(text or "").strip().lower()).strip("_")


def read_cells(path: Path, display: str, first_sheet_only: bool = False) -> list[tuple[str | None, pl.DataFrame]]:
    """Every visible sheet a source uses (one for CSV and for an HTML page saved as .xls) as an
    all-text frame without header, columns c0, c1, … Hidden sheets are never read: what a
    steward sees is what counts.

    A workbook's extent is checked before anything is loaded (an .xls sheet is bounded by the
    format: 65,536 × 256 cells); what cannot be read is refused naming the file (and sheet)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [(None, _positional(read_csv_cells(path, display)))]
    if suffix == ".xls":
        with path.open("rb") as fh:
            if looks_like_html(fh.read(512)):
                return [(None, read_html_cells(path.read_bytes(), display))]
        names = None
    else:
        names = used_sheets(path, display, first_sheet_only)
    sheets = []
    try:
        reader = fastexcel.read_excel(path)
        for name in names if names is not None else reader.sheet_names:
            # skip_rows=0: keep leading blank rows so source_row is the row number Excel shows.
            sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            if sheet.visible != "visible":
                continue
            sheets.append((name, _positional(sheet.to_polars())))
            if first_sheet_only:
                break
    except (fastexcel.FastExcelError, pl.exceptions.PolarsError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        kind = "xls" if suffix == ".xls" else "xlsx"
        raise ContractError.single(display, _("not a readable {kind} workbook ({error}); save it again from Excel as .xlsx").format(
            kind=kind, error=first)) from None
    return sheets


def _positional(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})


def find_header(cells: pl.DataFrame, required: list[str]) -> int | None:
    """Index of the first row that names every required column."""
    wanted = set(required)
    for i, row in enumerate(cells.head(HEADER_SEARCH_ROWS).iter_rows()):
        if wanted <= {header_name(v) for v in row}:
            return i
    return None


def read_table(
    path: Path,
    display: str,
    columns: list[str],
    required: list[str] | None = None,
    first_sheet_only: bool = False,
) -> tuple[pl.DataFrame, list[Problem]]:
    """Rows below the header as text, columns named as in `columns`, plus provenance; and the
    problems of the file: a sheet without the header or with a column twice gives no rows, a CSV
    row with a cell too many is left out, a file that cannot be read at all gives nothing.

    `required` columns must be present (default: all); optional ones missing are added empty.
    `source_row` is the row number a steward sees in Excel or a text editor (1-based).
    """
    problems = Problems()
    sheets = problems.attempt(read_cells, path, display, first_sheet_only) or []
    return table_of_sheets(sheets, display, columns, required, problems)


def table_of_sheets(
    sheets: list[tuple[str | None, pl.DataFrame]], display: str, columns: list[str], required: list[str] | None = None,
    problems: Problems | None = None,
) -> tuple[pl.DataFrame, list[Problem]]:
    """read_table on sheets already read (read_cells): a reader that looks at a file's header
    before choosing how to read it reads the file once."""
    required = columns if required is None else required
    problems = problems or Problems()
    frames = []
    for sheet, cells in sheets:
        if cells.height == 0:
            continue
        header = find_header(cells, required)
        if header is None:
            found = [header_name(v) for v in cells.row(0)] if cells.height else []
            missing = sorted(set(required) - set(found))
            problems.add(
                Problem(
                    file=display,
                    sheet=sheet,
                    row=1,
                    column=col,
                    message=_("required column '{column}' not found in the first {rows} rows (header seen: {seen})").format(
                        column=col, rows=HEADER_SEARCH_ROWS, seen=", ".join(filter(None, found))),
                )
                for col in missing or required
            )
            continue
        names = [header_name(v) for v in cells.row(header)]
        repeated = sorted(n for n in set(names) if n in columns and names.count(n) > 1)
        if repeated:
            problems.add(
                Problem(file=display, sheet=sheet, row=header + 1, column=n,
                        message=_("this column appears {count} times in the header; keep one").format(count=names.count(n)))
                for n in repeated
            )
            continue
        keep = {f"c{i}": n for i, n in enumerate(names) if n in columns}
        body = cells.with_row_index(SOURCE_ROW, offset=1).slice(header + 1)
        if sheet is None:
            body = problems.keep(_without_cells_beyond_header(body, names, display))
        body = body.select([SOURCE_ROW, *keep]).rename(keep)
        data_cols = [c for c in body.columns if c != SOURCE_ROW]
        body = body.filter(~pl.all_horizontal(pl.col(data_cols).str.strip_chars().fill_null("") == ""))
        body = body.with_columns(
            *[pl.lit(None, pl.String).alias(c) for c in columns if c not in body.columns]
        ).with_columns(
            # one spelling per text: a name typed in NFD prints and compares like its NFC twin
            pl.col(columns).str.strip_chars().str.normalize("NFC"),
            pl.lit(display).alias(SOURCE_FILE),
            pl.lit(sheet, pl.String).alias(SOURCE_SHEET),
            pl.col(SOURCE_ROW).cast(pl.Int64),
        )
        body, controls = _without_control_characters(body, columns, display, sheet)
        problems.add(controls)
        frames.append(body.select([*columns, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW]))
    return (pl.concat(frames) if frames else empty_text(columns)), problems.found


CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # not text: every control character but tab, line feed and carriage return


def _without_control_characters(body: pl.DataFrame, columns: list[str], display: str, sheet: str | None) -> tuple[pl.DataFrame, list[Problem]]:
    """A cell holding a control character (NUL, vertical tab, …) is no text a person typed, and no
    workbook can hold it: refused at ingest naming the cell, so it never reaches an export."""
    bad = pl.any_horizontal(pl.col(c).str.contains(CONTROL).fill_null(False) for c in columns)
    rows = body.filter(bad)
    problems = [
        Problem(file=display, sheet=sheet, row=r[SOURCE_ROW], column=c, value=r[c].encode("unicode_escape").decode("ascii"),
                message=_("holds a control character (shown escaped, as \\x0b), which no text may hold; retype the cell"))
        for r in rows.head(MAX_PER_CHECK).iter_rows(named=True) for c in columns if r[c] is not None and re.search(CONTROL, r[c])
    ]
    return body.filter(~bad), problems


def _without_cells_beyond_header(body: pl.DataFrame, names: list[str], display: str) -> tuple[pl.DataFrame, list[Problem]]:
    """A CSV row with a value right of the header's last column has one cell too many: most often
    a decimal comma in a comma-separated file (94,19 read as 94 and 19), which would shift every
    later value. Such a row is refused naming the row and the cell, never read shifted."""
    last = max(i for i, n in enumerate(names) if n)
    beyond = [f"c{i}" for i in range(last + 1, len(names))]
    if not beyond:
        return body, []
    marked = body.with_columns(_extra=pl.coalesce(pl.col(beyond).str.strip_chars().replace("", None)))
    extra = marked.filter(pl.col("_extra").is_not_null())
    problems = [
        Problem(file=display, row=r[SOURCE_ROW], value=r["_extra"], message=_(
            "this row has more cells than the header has columns (a decimal comma in a comma-separated file?); "
            "write 94.19, or save the file with ';' as separator"))
        for r in extra.head(MAX_PER_CHECK).iter_rows(named=True)
    ]
    return marked.filter(pl.col("_extra").is_null()).drop("_extra"), problems


def read_tables(
    sources: list[SourceFile], columns: list[str], required: list[str] | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    """All files of one source stacked (an empty folder gives an empty table of the same shape),
    and the problems of every file."""
    problems = Problems()
    frames = [problems.keep(read_table(s.path, s.name, columns, required)) for s in sources]
    return (pl.concat(frames) if frames else empty_text(columns)), problems.found


def empty_text(columns: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        schema={**{c: pl.String for c in columns}, SOURCE_FILE: pl.String, SOURCE_SHEET: pl.String, SOURCE_ROW: pl.Int64}
    )
