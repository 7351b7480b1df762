"""A published LKjIP as its Word file (raw/published/*.docx), read as published: every table
recognised by its header (Target / Realisasi / Capaian; Pagu / Realisasi / %; Target Akhir;
Nasional / Provinsi; one column per month), whatever number the report gives it, into the same
printed cells a transcribed CSV holds. Nobody types cells by hand for a report that exists as a
Word file; the CSV stays for what exists only on paper or PDF."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import Problem, Problems
from pipelines.lib.provenance import SourceFile
from pipelines.lib.xlsx_extent import max_unpacked_bytes

CELL_COLUMNS = ["kode_wilayah", "tahun", "tabel", "label", "kunci", "kolom", "nilai_terbit", "source_file", "source_sheet", "source_row"]
HEADER_ROWS = 4  # a header spans at most this many rows (merged group headers, units, column numbers)
BULAN = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember")
_NUMBER = re.compile(r"-?\d[\d.,]*")
_KODE = re.compile(r"^\d+(\.\d+)*$")
_LABEL = re.compile(r"^\s*tabel\s*[;:.]?\s*([0-9IVX]+(?:[.\-][0-9]+)*)", re.IGNORECASE)
_REGION = re.compile(r"(?<![\d.])(\d{2}\.\d{2})(?![\d.])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TARGET_AKHIR = r"target\s*akhir|akhir\s*(periode|renstra)|target\s*renstra"  # the Renstra's end-of-period target


@dataclass(frozen=True)
class Kolom:
    """A recognised column: its printed kolom, and the year its header names (if any)."""

    kolom: str
    tahun: int | None


def _budget(labels: list[str]) -> bool:
    return any(re.search(r"\b(pagu|anggaran|dpa|alokasi)\b", label) for label in labels)


def _kolom(label: str, budget: bool, renstra: bool) -> str | None:
    """The printed kolom a header names, or None (the name column, numbers, analysis text)."""
    if budget:
        month = next((i for i, m in enumerate(BULAN, start=1) if re.search(rf"\b{m}\b", label)), None)
        if month and "s.d" not in label and "s/d" not in label:
            return f"realisasi_bulan_{month}"
        for kolom, pattern in (("persen_fisik", r"fisik"), ("pagu", r"\b(pagu|anggaran|dpa|alokasi)\b"),
                               ("persen_keuangan", r"%|persen|capaian"), ("realisasi_keuangan", r"realisasi")):
            if re.search(pattern, label):
                return kolom
        return None
    for kolom, pattern in (
        ("target_akhir", _TARGET_AKHIR),
        ("persen_nasional", r"nasional.*%|%.*nasional"), ("persen_provinsi", r"provinsi.*%|%.*provinsi"),
        ("nasional", r"nasional"), ("provinsi", r"provinsi"),
        ("predikat", r"predikat|prediket|kategori"),
        ("capaian_akhir" if renstra else "capaian", r"capaian|^%$"),
        ("realisasi", r"realisasi"), ("target", r"\btarget\b"),
    ):
        if re.search(pattern, label):
            return kolom
    return None


def _name_column(labels: list[str], budget: bool) -> tuple[int | None, int | None]:
    """(the column naming a row, the column of its budget code)."""
    kode = next((i for i, label in enumerate(labels) if re.search(r"\bkode\b|\brek", label)), None) if budget else None
    for pattern in (r"indikator", r"uraian|program|kegiatan|keluaran"):
        found = next((i for i, label in enumerate(labels) if re.search(pattern, label) and _kolom(label, budget, False) is None), None)
        if found is not None:
            return found, kode
    return None, kode


def _kind(caption: str, kolom: list[Kolom], budget: bool) -> str:
    words = caption.lower()
    names = {k.kolom for k in kolom}
    if budget:
        return "realisasi_anggaran"
    if names & {"target_akhir", "capaian_akhir"}:
        return "perbandingan_renstra"
    if names & {"nasional", "provinsi", "persen_nasional", "persen_provinsi"}:
        return "perbandingan_nasional"
    if len({k.tahun for k in kolom if k.tahun}) > 1:
        return "perbandingan_tahun_lalu"
    for kind, pattern in (("capaian_tambahan", r"tambahan"), ("capaian_program", r"\bprogram\b"), ("capaian_kegiatan", r"kegiatan")):
        if re.search(pattern, words):
            return kind
    return "capaian_iku"


def _texts(row) -> list[str]:  # noqa: ANN001 — a python-docx row
    return [" ".join(cell.text.split()) for cell in row.cells]


def _is_header(texts: list[str]) -> bool:
    """A header row carries words; a row of column numbers (1 2 3 …) also belongs to the header."""
    filled = [t for t in texts if t]
    numbers = [t for t in filled if _NUMBER.fullmatch(t)]
    return not numbers or all(t.isdigit() and int(t) <= len(texts) + 1 for t in numbers) and len(numbers) == len(filled)


def _table_cells(table, caption: str, index: int, file: str, kode_wilayah: str, tahun: int) -> list[dict]:  # noqa: ANN001
    """The printed cells of one recognised table; none when its header names no figures."""
    rows = [_texts(row) for row in table.rows]
    depth = 0
    while depth < min(HEADER_ROWS, len(rows)) and _is_header(rows[depth]):
        depth += 1
    if depth == 0:
        return []
    width = max(len(r) for r in rows)
    labels = []
    for c in range(width):
        parts = [rows[r][c] for r in range(depth) if c < len(rows[r]) and rows[r][c] and not rows[r][c].isdigit()]
        labels.append(" ".join(dict.fromkeys(parts)).lower())
    budget = _budget(labels)
    renstra = any(re.search(_TARGET_AKHIR, label) for label in labels)
    columns = {}
    for c, label in enumerate(labels):
        kolom = _kolom(label, budget, renstra)
        if kolom:
            years = _YEAR.findall(label)
            columns[c] = Kolom(kolom, int(years[-1]) if years else None)
    name, kode = _name_column(labels, budget)
    if name is None and kode is None or not any(k.kolom in ("realisasi", "realisasi_keuangan", "capaian", "pagu") for k in columns.values()):
        return []
    kind = _kind(caption, list(columns.values()), budget)
    label_match = _LABEL.match(caption)
    label = label_match.group(1) if label_match else _("Word table {n}").format(n=index)
    cells = []
    for r, texts in enumerate(rows[depth:], start=depth + 1):
        text_of = dict(enumerate(texts))
        kunci = _kunci(text_of, name, kode, budget)
        if kunci is None:
            continue
        for c, kolom in columns.items():
            value = text_of.get(c, "")
            if value:
                cells.append({"kode_wilayah": kode_wilayah, "tahun": kolom.tahun or tahun, "tabel": kind, "label": label, "kunci": kunci,
                              "kolom": kolom.kolom, "nilai_terbit": value, "source_file": file, "source_sheet": label, "source_row": r})
    return cells


def _kunci(text_of: dict[int, str], name: int | None, kode: int | None, budget: bool) -> str | None:
    """What a row is: an indicator's printed name; a budget line's code, or JUMLAH; None for
    averages, totals of an indicator table and lines without a code."""
    named = text_of.get(name, "") if name is not None else ""
    if budget:
        code = text_of.get(kode, "").replace(" ", "") if kode is not None else named.split(" ")[0]  # "2.07.03 PROGRAM …"
        if _KODE.match(code) and "." in code:
            return code
        first = next((t for t in text_of.values() if t), "")
        return "JUMLAH" if re.match(r"(?i)^(jumlah|total)\b", named or first) else None
    if not named or re.match(r"(?i)^(rata|jumlah|total)", named):
        return None
    return named


def _where(source: SourceFile) -> tuple[str | None, int | None]:
    """Region and year of a report, from its file name (lkjip_51.02_2023.docx)."""
    stem = source.name.rsplit("/", 1)[-1]
    region, years = _REGION.search(stem), _YEAR.findall(_REGION.sub("", stem))
    return (region.group(1) if region else None), (int(years[-1]) if years else None)


def read_word(sources: list[SourceFile]) -> tuple[pl.DataFrame, list[Problem]]:
    """Every recognised table of every .docx as printed cells (CELL_COLUMNS, all text but tahun
    and source_row), with one problem per file that cannot be read."""
    problems = Problems()
    cells: list[dict] = []
    for source in sources:  # a handful of reports
        kode_wilayah, tahun = _where(source)
        if kode_wilayah is None or tahun is None:
            problems.add([Problem(file=source.name, message=_(
                "the file name must carry the report's region code and year, e.g. lkjip_51.02_2023.docx"))])
            continue
        document = _open(source, problems)
        if document is None:
            continue
        caption, index = "", 0
        for block in document.iter_inner_content():  # paragraphs and tables in reading order
            if hasattr(block, "rows"):
                index += 1
                cells += _table_cells(block, caption, index, source.name, kode_wilayah, tahun)
                caption = ""
            elif block.text.strip():
                caption = block.text.strip() if _LABEL.match(block.text) else caption
    frame = pl.DataFrame(cells, schema={c: (pl.Int64 if c in ("tahun", "source_row") else pl.String) for c in CELL_COLUMNS})
    return frame.with_columns(pl.col("tahun").cast(pl.String)), problems.found


def max_word_part_bytes() -> int:
    """Unpacked size of any one part of a report's Word file (LKJIP_MAX_WORD_PART_MB, default 50
    MB; a 200-page LKjIP's document.xml is a few MB)."""
    return int(float(os.environ.get("LKJIP_MAX_WORD_PART_MB", "50")) * 1024 * 1024)


def _open(source: SourceFile, problems: Problems):  # noqa: ANN202 — a python-docx Document, or None
    import docx  # only when a report is a Word file

    try:
        with zipfile.ZipFile(source.path) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_unpacked_bytes():
                problems.add([Problem(file=source.name, message=_(
                    "unpacks to more than {limit} MB (LKJIP_MAX_UNPACKED_MB): not a report as published").format(
                        limit=f"{max_unpacked_bytes() / 1024 / 1024:,.0f}"))])
                return None
            # python-docx holds the whole document as a tree, about 15 times its XML in memory
            if big := [i for i in archive.infolist() if i.file_size > max_word_part_bytes()]:
                problems.add([Problem(file=source.name, value=i.filename, message=_(
                    "this part of the Word file unpacks to {size} MB, above the limit of {limit} MB a part may take "
                    "(LKJIP_MAX_WORD_PART_MB): not a report as published").format(
                        size=f"{i.file_size / 1024 / 1024:,.0f}", limit=f"{max_word_part_bytes() / 1024 / 1024:,.0f}")) for i in big])
                return None
        return docx.Document(str(source.path))
    except Exception as err:  # noqa: BLE001 — any broken package is the same problem for a steward
        problems.add([Problem(file=source.name, message=_("not a readable Word .docx ({error}); save it again from Word as .docx").format(
            error=type(err).__name__))])
        return None
