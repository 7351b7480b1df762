"""raw/sipd/*.xlsx — SIPD Laporan Realisasi Fisik dan Keuangan (sources.md §5).

One workbook per SKPD and cut-off date. The title block above the header says whose budget it
is (region, fiscal year, SKPD, DPA/DPPA, cut-off date); every printed line below becomes one
row with its level, so printed subtotals can later be checked against their sub kegiatan.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dates import BULAN
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import PROVENANCE, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, Problem, Problems, problems_from_rows
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import HEADER_SEARCH_ROWS, header_name, read_cells
from pipelines.lib.wilayah import region_by_name
from schemas.sipd import KEGIATAN, KEY, KODE_SKPD_PATTERN, PROGRAM, SUB_KEGIATAN, TOTAL, level_of

FOLDER, EXTENSIONS = "sipd", (".xlsx",)

# Our column -> how the printed header reads, for messages and for "not found" problems.
HEADERS = {
    "kode": "KODE",
    "uraian": "URAIAN",
    "pagu": "PAGU (Rp)",
    "realisasi": "REALISASI KEUANGAN (Rp)",
    "persen_keuangan": "REALISASI KEUANGAN (%)",
    "persen_fisik": "REALISASI FISIK (%)",
}
# Rupiah columns: a separator before three digits always groups thousands. Percent columns: the
# workbook's notation says (numbers.py).
AMOUNTS = ["pagu", "realisasi"]
PERCENTS = ["persen_keuangan", "persen_fisik"]
VALUES = ["uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik"]
TITLE_ROWS = 15  # where to look for the title block when no header row is found

# Quarter ends: SIPD realisation is cumulative up to one of these cut-off dates.
QUARTER_END = {(3, 31): 1, (6, 30): 2, (9, 30): 3, (12, 31): 4}

OUTPUT = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "kode_skpd": pl.String, "nama_skpd": pl.String,
    "jenis_dokumen": pl.String, "tanggal_keadaan": pl.Date, "triwulan": pl.Int64, "periode": pl.String,
    "kode": pl.String, "parent_kode": pl.String, "level": pl.String, "urusan": pl.String,
    "kode_program": pl.String, "uraian": pl.String, "pagu": pl.Float64, "realisasi": pl.Float64,
    "persen_keuangan": pl.Float64, "persen_fisik": pl.Float64,
    SOURCE_FILE: pl.String, SOURCE_SHEET: pl.String, SOURCE_ROW: pl.Int64,
}


def read_rfk(sources: list[SourceFile]) -> pl.DataFrame:
    """Every printed line of every workbook, with its title block; re-exports counted once."""
    problems = Problems()
    frames = [frame for source in sources if (frame := problems.keep(read_workbook(source))) is not None]
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=OUTPUT)
    # Keyed by level too: a program and the JUMLAH row can never be the same record.
    frame = problems.keep(drop_reexports(frame, key=KEY, values=VALUES, what=_("SIPD line")))
    problems.raise_any()
    return frame


def read_workbook(source: SourceFile) -> tuple[pl.DataFrame | None, list[Problem]]:
    """First sheet only: SIPD prints the report there (later sheets are not part of it). The lines
    that read (None without a readable title block and header), and the workbook's problems."""
    problems = Problems()
    read = problems.attempt(read_cells, source.path, source.name, True)  # the first sheet only
    if read is None:
        return None, problems.found
    sheet, cells = read[0]
    header = find_rfk_header(cells)
    title = problems.keep(parse_title(cells.head(header if header is not None else TITLE_ROWS), source.name, sheet))
    if header is None:
        problems.add([
            Problem(
                file=source.name, sheet=sheet,
                message=_("header row with {columns} not found in the first {rows} rows").format(columns=", ".join(HEADERS.values()), rows=HEADER_SEARCH_ROWS),
            )
        ])
        return None, problems.found
    body = problems.keep(parse_body(cells, header, source.name, sheet))
    if title is None:
        return None, problems.found
    return body.with_columns(**title.columns()).select([pl.col(c).cast(t) for c, t in OUTPUT.items()]), problems.found


# --- title block -------------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    kode_wilayah: str
    tahun: int
    kode_skpd: str
    nama_skpd: str
    jenis_dokumen: str
    tanggal_keadaan: datetime.date
    triwulan: int

    def columns(self) -> dict[str, pl.Expr]:
        return {
            "kode_wilayah": pl.lit(self.kode_wilayah, pl.String),
            "tahun": pl.lit(self.tahun, pl.Int64),
            "kode_skpd": pl.lit(self.kode_skpd, pl.String),
            "nama_skpd": pl.lit(self.nama_skpd, pl.String),
            "jenis_dokumen": pl.lit(self.jenis_dokumen, pl.String),
            "tanggal_keadaan": pl.lit(self.tanggal_keadaan, pl.Date),
            "triwulan": pl.lit(self.triwulan, pl.Int64),
            "periode": pl.lit(f"{self.tahun}-Q{self.triwulan}", pl.String),
        }


# Each title line: what it is called in messages (read in the steward's language when said), and
# the pattern that finds it.
_REGION = (lambda: _("region (PEMERINTAH KABUPATEN/KOTA/PROVINSI …)"), re.compile(r"^PEMERINTAH\s+(KABUPATEN|KOTA|PROVINSI)\b", re.I))
_TAHUN = (lambda: _("fiscal year (TAHUN ANGGARAN yyyy)"), re.compile(r"\bTAHUN\s+ANGGARAN\s*:?\s*(\d{4})\b", re.I))
_SKPD = (lambda: _("SKPD (SKPD : <kode> <nama>)"), re.compile(r"^SKPD\s*:?\s*(\S+)\s+(.*\S)", re.I))
_JENIS = (lambda: _("document type (JENIS DOKUMEN : DPA|DPPA)"), re.compile(r"^JENIS\s+DOKUMEN\s*:?\s*(\S+)", re.I))
_KEADAAN = (
    lambda: _("cut-off date (KEADAAN S.D. : <tanggal>)"),
    re.compile(r"^KEADAAN\s+(?:S\s*[./]?\s*D\.?|SAMPAI\s+DENGAN)\s*:?\s*(.+)$", re.I),
)
_TANGGAL = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_EXCEL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # a real date cell, read as text


def title_lines(cells: pl.DataFrame) -> list[tuple[int, str]]:
    """(Excel row, the row's cells joined): a label and its value may sit in separate cells."""
    lines = []
    for i, row in enumerate(cells.iter_rows()):
        text = " ".join(str(v).strip() for v in row if v is not None and str(v).strip())
        if text:
            lines.append((i + 1, re.sub(r"\s+", " ", text)))
    return lines


def parse_title(cells: pl.DataFrame, file: str, sheet: str | None) -> tuple[Title | None, list[Problem]]:
    """The title block above the header; one problem per item missing or unreadable."""
    lines = title_lines(cells)
    problems: list[Problem] = []

    def find(item: tuple[Callable[[], str], re.Pattern[str]]) -> tuple[int, str, re.Match[str]] | None:
        for row, text in lines:
            if match := item[1].search(text):
                return row, text, match
        problems.append(Problem(file=file, sheet=sheet, message=_("title block has no {item} above the header").format(item=item[0]())))
        return None

    def bad(row: int, value: str, message: str) -> None:
        problems.append(Problem(file=file, sheet=sheet, row=row, value=value, message=message))

    kode_wilayah = tahun = kode_skpd = nama_skpd = jenis = tanggal = None
    if found := find(_REGION):
        row, text, _match = found
        codes = region_by_name(text)
        if len(codes) == 1:
            kode_wilayah = codes[0]
        else:
            bad(row, text, _("no region in the Kemendagri 2025 list has this name")
                if not codes else _("this name fits several regions ({codes})").format(codes=", ".join(codes)))
    if found := find(_TAHUN):
        tahun = int(found[2].group(1))
    if found := find(_SKPD):
        row, _text, match = found
        if re.match(KODE_SKPD_PATTERN, match.group(1)):
            kode_skpd, nama_skpd = match.group(1), match.group(2).lstrip("-–: ")
        else:
            bad(row, match.group(1), _("not an SKPD code like 2.17.2.07.0.00.01.0000"))
    if found := find(_JENIS):
        row, _text, match = found
        jenis = match.group(1).upper()
        if jenis not in ("DPA", "DPPA"):
            bad(row, match.group(1), _("JENIS DOKUMEN must be DPA or DPPA"))
            jenis = None
    if found := find(_KEADAAN):
        row, _text, match = found
        tanggal = cutoff_date(match.group(1).strip())
        if tanggal is None:
            bad(row, match.group(1), _("not a date like '31 Desember 2023' (Indonesian month name)"))
        elif (tanggal.month, tanggal.day) not in QUARTER_END:
            bad(row, match.group(1), _("cut-off is not a quarter end (31 Maret, 30 Juni, 30 September, 31 Desember)"))
            tanggal = None
        elif tahun is not None and tanggal.year != tahun:
            bad(row, match.group(1), _("cut-off date lies outside TAHUN ANGGARAN {tahun}").format(tahun=tahun))
            tanggal = None

    if problems or None in (kode_wilayah, tahun, kode_skpd, nama_skpd, jenis, tanggal):
        return None, problems
    return (
        Title(
            kode_wilayah=kode_wilayah, tahun=tahun, kode_skpd=kode_skpd, nama_skpd=nama_skpd,  # type: ignore[arg-type]
            jenis_dokumen=jenis, tanggal_keadaan=tanggal, triwulan=QUARTER_END[(tanggal.month, tanggal.day)],  # type: ignore[arg-type, union-attr]
        ),
        [],
    )


def cutoff_date(text: str) -> datetime.date | None:
    """'31 Desember 2023' (as SIPD prints it) or a real date cell; None when neither."""
    try:
        if match := _TANGGAL.match(text):
            bulan = BULAN.get(match.group(2).lower())
            return None if bulan is None else datetime.date(int(match.group(3)), bulan, int(match.group(1)))
        if match := _EXCEL_DATE.match(text):
            return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:  # 31 Juni and the like
        return None
    return None


# --- header and body ---------------------------------------------------------------------


def column_of(header: object) -> str | None:
    """Our column for a printed header; the two REALISASI KEUANGAN columns differ by (Rp)/(%)."""
    name = header_name(header)
    if name == "kode" or name == "uraian":
        return name
    if name.startswith("pagu"):
        return "pagu"
    if name.startswith("realisasi_keuangan"):
        return "realisasi" if name.endswith("rp") else "persen_keuangan" if name.endswith("%") else None
    if name.startswith("realisasi_fisik"):
        return "persen_fisik"
    return None


def find_rfk_header(cells: pl.DataFrame) -> int | None:
    for i, row in enumerate(cells.head(HEADER_SEARCH_ROWS).iter_rows()):
        if set(HEADERS) <= {column_of(v) for v in row}:
            return i
    return None


_SUB_KEGIATAN_2 = r"^(\d\.\d{2}\.\d{2}\.\d\.\d{2})\.(\d{2})$"  # older exports: …KK.SS


def parse_body(cells: pl.DataFrame, header: int, file: str, sheet: str | None) -> tuple[pl.DataFrame, list[Problem]]:
    """Rows below the header: kode normalised, level from its shape, amounts as numbers in the
    workbook's notation; the lines that read, and the problems of the others."""
    picked: dict[str, str] = {}
    for i, printed in enumerate(cells.row(header)):
        name = column_of(printed)
        if name is not None and name not in picked.values():  # a repeated header: the first counts
            picked[f"c{i}"] = name
    body = (
        cells.with_row_index(SOURCE_ROW, offset=1)
        .slice(header + 1)
        .select(pl.col(SOURCE_ROW).cast(pl.Int64), *[pl.col(c).str.strip_chars().alias(n) for c, n in picked.items()])
        .with_columns(pl.lit(file).alias(SOURCE_FILE), pl.lit(sheet, pl.String).alias(SOURCE_SHEET))
        .with_columns(kode_cetak=pl.col("kode"), kode=normalise_kode(pl.col("kode")))
    )
    number_cols = AMOUNTS + PERCENTS
    is_total = (pl.col("kode") == "") & pl.col("uraian").str.to_uppercase().eq_missing("JUMLAH")
    no_numbers = pl.all_horizontal(pl.col(number_cols).fill_null("") == "")
    below_total = is_total.cum_sum().shift(1, fill_value=0) > 0
    # Lines without a kode and without amounts are wrapped text or, below JUMLAH, the signature
    # block: nothing to count. A kode-less line with amounts is not skipped silently.
    body = body.filter(~((pl.col("kode") == "") & ~is_total & (no_numbers | below_total)))
    body = body.with_columns(level=pl.when(is_total).then(pl.lit(TOTAL)).when(pl.col("kode") != "").then(level_of(pl.col("kode"))))

    kode_unknown = pl.col("level").is_null() & (pl.col("kode") != "")
    kode_missing = pl.col("level").is_null() & (pl.col("kode") == "")
    problems = cell_problems(
        body.filter(kode_unknown), "kode_cetak", "KODE",
        _("not a program (U.BB.PP), kegiatan (U.BB.PP.K.KK) or sub kegiatan (U.BB.PP.K.KK.SSSS) code"),
    )
    problems += cell_problems(
        body.filter(kode_missing), "uraian", "URAIAN", _("a line with amounts but an empty KODE that is not the JUMLAH line")
    )
    body, number_problems = read_numbers(
        body, [Number(c, _("not a number"), thousands=c in AMOUNTS, label=HEADERS[c]) for c in number_cols]
    )
    # The lines with a problem are named above and left out; the others are still checked.
    frame = body.filter(pl.col(NUMBERS_READ) & pl.col("level").is_not_null()).with_columns(
        **tree_columns(pl.col("kode"), pl.col("level"))
    )
    return frame, problems + number_problems


def cell_problems(rows: pl.DataFrame, value: str, header: str, message: str) -> list[Problem]:
    """Problems naming the column as the steward sees it printed, with the cell's text."""
    return problems_from_rows(rows.select(*PROVENANCE, pl.col(value).alias(header)), header, message)


def normalise_kode(kode: pl.Expr) -> pl.Expr:
    """Spaces removed; a two-digit sub kegiatan segment widened to four (`…01.01` → `…01.0001`)."""
    compact = kode.fill_null("").str.replace_all(r"\s", "")
    return compact.str.replace(_SUB_KEGIATAN_2, "${1}.00${2}")


def tree_columns(kode: pl.Expr, level: pl.Expr) -> dict[str, pl.Expr]:
    """Parent, urusan and program from the code itself, so a sub kegiatan whose program or
    kegiatan line is missing from the workbook still finds its place in the tree."""
    program = kode.str.extract(r"^(\d\.\d{2}\.\d{2})", 1)
    kegiatan = kode.str.extract(r"^(\d\.\d{2}\.\d{2}\.\d\.\d{2})", 1)
    return {
        "parent_kode": pl.when(level == KEGIATAN).then(program).when(level == SUB_KEGIATAN).then(kegiatan),
        "urusan": pl.when(level != TOTAL).then(kode.str.extract(r"^(\d\.\d{2})", 1)),
        "kode_program": pl.when(level.is_in([PROGRAM, KEGIATAN, SUB_KEGIATAN])).then(program),
    }
