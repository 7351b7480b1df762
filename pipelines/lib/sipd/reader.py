"""raw/sipd/ — budget files as stewards have them: one canonical table of budget lines.

Every visible sheet of every file (xlsx; xls, binary or an HTML page saved as .xls; csv) is
recognised by its header as one of the known layouts (tata_letak: the sample's SIPD RFK, a SIPD-RI
rekap, a monthly RFK, the wp-sipd download, a Rekapitulasi Belanja, a Laporan Realisasi Per
Dokumen, or a steward's own in raw/sipd/tata_letak.yaml). Each line becomes a row with its level
and code (printed, or matched by name to the national nomenclature), its pagu and realisasi (either
may be undefined: a rekap has no realisasi, a per-document export no pagu), and where it came from:
file, sheet, row, layout, and how its region was found. A sheet no layout fits is left out; a file
none of whose sheets fits is a problem saying what was looked for.

Lines of a rekening or document layout are summed per sub kegiatan and unit; printed subtotals are
kept as printed (compared, never summed); re-exported lines count once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re

import polars as pl

from pipelines.lib.dates import BULAN
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from schemas.pesan import _
from pipelines.lib.problems import PROVENANCE, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, Problem, Problems, problems_from_rows
from pipelines.lib.provenance import SourceFile
from pipelines.lib.sipd import baris, judul, nomenklatur, penempatan, tata_letak, tersembunyi
from pipelines.lib.tabular import read_cells
from pipelines.lib.xlsx_extent import sheet_layout
from schemas.sipd import (
    DICETAK, KEGIATAN, KEY, KODE_13_2006_PATTERN, NOMENKLATUR, PERMENDAGRI_13_2006, PROGRAM, SUB_KEGIATAN,
    SUB_KEGIATAN_PATTERN, TOTAL, coded_13_2006, level_of, program_13_2006,
)

FOLDER = "sipd"
# Budget files, and the steward's settings files: which region a file is (wilayah.csv), layouts
# (tata_letak.yaml), codes of names the nomenclature does not code (kode_sub_kegiatan.csv).
EXTENSIONS = (".xlsx", ".xls", ".csv", ".yaml", ".yml")
CODES_FILE = nomenklatur.CODES_FILE
SETTINGS = (penempatan.MAPPING_FILE, tata_letak.STEWARD_FILE, "tata_letak.yml", CODES_FILE)

AMOUNTS = ["pagu", "realisasi"]
PERCENTS = ["persen_keuangan", "persen_fisik"]
VALUES = ["uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik"]

OUTPUT = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "skpd": pl.String, "kode_skpd": pl.String, "nama_skpd": pl.String,
    "kode_unit": pl.String, "nama_unit": pl.String,
    "jenis_dokumen": pl.String, "tanggal_keadaan": pl.Date, "triwulan": pl.Int64, "periode": pl.String,
    "kode": pl.String, "parent_kode": pl.String, "level": pl.String, "urusan": pl.String,
    "kode_program": pl.String, "uraian": pl.String, "pagu": pl.Float64, "realisasi": pl.Float64,
    "persen_keuangan": pl.Float64, "persen_fisik": pl.Float64,
    "tata_letak": pl.String, "kode_dari": pl.String, "wilayah_dari": pl.String,
    "dihitung": pl.Boolean, "tersembunyi": pl.String, "baris_tersembunyi": pl.String, "pagu_tersembunyi": pl.Float64,
    "realisasi_tersembunyi": pl.Float64,
    SOURCE_FILE: pl.String, SOURCE_SHEET: pl.String, SOURCE_ROW: pl.Int64,
}


@dataclass(frozen=True)
class Konteks:
    """What placing a file needs beyond the file: the catalogs (kode_wilayah, opd, kode_skpd,
    kode_unit), the steward's file → region mapping and layouts."""

    katalog: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(
        schema={"kode_wilayah": pl.String, "opd": pl.String, "kode_skpd": pl.String, "kode_unit": pl.String}))
    pemetaan: dict[str, str] = field(default_factory=dict)
    tata_letak: tuple[tata_letak.TataLetak, ...] = ()
    kode_nama: dict[str, str] = field(default_factory=dict)  # a name's key → the steward's sub kegiatan code


def is_setting(source: SourceFile) -> bool:
    return source.name.split("/")[-1].lower() in SETTINGS


def _rows(source: SourceFile, problems: Problems) -> list[tuple[int, str, str]]:
    """(row, first cell, second cell) of a two-column settings CSV, below its header."""
    table = problems.attempt(read_cells, source.path, source.name)
    cells = table[0][1] if table else pl.DataFrame()
    return [(i, *(str(v or "").strip() for v in (row + (None, None))[:2])) for i, row in enumerate(cells.slice(1).rows(), start=2)]


def settings(sources: list[SourceFile]) -> tuple[Konteks, list[Problem]]:
    """The steward's settings: which region a file is (raw/sipd/wilayah.csv: berkas,kode_wilayah),
    layouts (tata_letak.yaml) and codes for names (kode_sub_kegiatan.csv: uraian,kode)."""
    mapping: dict[str, str] = {}
    codes: dict[str, str] = {}
    layouts: list[tata_letak.TataLetak] = []
    problems = Problems()
    regions = penempatan.known_regions()
    for source in sources:
        name = source.name.split("/")[-1].lower()
        if name == penempatan.MAPPING_FILE:
            for i, berkas, kode in _rows(source, problems):
                if kode not in regions:
                    problems.add([Problem(file=source.name, row=i, column="kode_wilayah", value=kode,
                                          message=_("not a province or kabupaten/kota code of the Kemendagri 2025 list (51, 51.02)"))])
                elif berkas:
                    mapping[berkas] = kode
        elif name == CODES_FILE:
            for i, uraian, kode in _rows(source, problems):
                if not re.match(SUB_KEGIATAN_PATTERN, kode):
                    problems.add([Problem(file=source.name, row=i, column="kode", value=kode,
                                          message=_("not a sub kegiatan code (U.BB.PP.K.KK.SSSS)"))])
                elif uraian:
                    codes[pl.select(nomenklatur.name_key(pl.lit(uraian))).item()] = kode
        elif name in (tata_letak.STEWARD_FILE, "tata_letak.yml"):
            layouts += problems.keep(tata_letak.dari_berkas(source.path.read_text(encoding="utf-8"), source.name))
    return Konteks(pemetaan=mapping, tata_letak=tuple(layouts), kode_nama=codes), problems.found


def read_rfk(sources: list[SourceFile], konteks: Konteks | None = None) -> pl.DataFrame:
    """Every budget line of every file, placed and coded; re-exports counted once. Raises one
    ContractError with every problem of every file."""
    problems = Problems()
    steward = problems.keep(settings([s for s in sources if is_setting(s)]))
    konteks = konteks or Konteks()
    konteks = Konteks(
        konteks.katalog, {**konteks.pemetaan, **steward.pemetaan}, (*konteks.tata_letak, *steward.tata_letak),
        {**konteks.kode_nama, **steward.kode_nama},
    )
    frames = [f for s in sources if not is_setting(s) and (f := problems.keep(read_file(s, konteks))) is not None]
    frame = pl.concat(frames, how="vertical_relaxed") if frames else pl.DataFrame(schema=OUTPUT)
    # Keyed by level too: a program and the JUMLAH row can never be the same record.
    frame = problems.keep(drop_reexports(frame, key=KEY, values=VALUES, what=_("SIPD line")))
    problems.raise_any()
    return frame


def read_file(source: SourceFile, konteks: Konteks) -> tuple[pl.DataFrame | None, list[Problem]]:
    """One file's lines (None when nothing in it reads), and its problems."""
    problems = Problems()
    sheets = problems.attempt(read_cells, source.path, source.name)
    if sheets is None:
        return None, problems.found
    layouts = [*konteks.tata_letak, *tata_letak.BAWAAN]
    frames, others = [], []
    for sheet, cells in sheets:
        xml = sheet_layout(source.path, sheet) if sheet is not None and source.path.suffix.lower() == ".xlsx" else None
        merged = list(xml.merged) if xml else None
        recognised = tata_letak.kenali(cells, layouts, merged)
        if recognised is None:
            continue
        hidden = xml.hidden_rows if xml else frozenset()
        frame = problems.keep(read_sheet(source, sheet, cells, merged, hidden, recognised, konteks, others))
        if frame is not None:
            frames.append(frame)
    if not frames and not problems.found:
        problems.add([Problem(file=source.name, message=_(
            "no sheet has the header of a budget layout known here ({layouts}); describe the layout in raw/sipd/{file}"
        ).format(layouts=tata_letak.dikenal(layouts), file=tata_letak.STEWARD_FILE))])
    elif frames and others and not problems.found and sum(f.height for f in frames) == 0:
        problems.add([Problem(file=source.name, message=_(
            "none of its SKPDs ({skpd}) is the OPD of its region's Perjanjian Kinerja catalog: nothing was loaded; "
            "write the SKPD's code in the catalog (kode_skpd) or name the OPD as the file does"
        ).format(skpd="; ".join(sorted(set(others))[:10])))])
    return (pl.concat(frames, how="vertical_relaxed") if frames else None), problems.found


def read_sheet(
    source: SourceFile, sheet: str | None, cells: pl.DataFrame, merged: list[tuple[int, int, int, int]] | None,
    hidden: frozenset[int], recognised: tuple[tata_letak.TataLetak, int, list[str]], konteks: Konteks, others: list[str],
) -> tuple[pl.DataFrame | None, list[Problem]]:
    """One recognised sheet's lines (layout, header row and column names: `recognised`), placed
    (the lines of SKPDs that are not their region's OPD are left out; their names go to
    `others`), its hidden rows counted or left out (tersembunyi), and the sheet's problems."""
    layout, top, paths = recognised
    problems = Problems()
    # Title items sit above the header; a cut-off may sit in the header itself (`SD JUNI`).
    lines_above = judul.title_lines(cells.head(top + layout.baris_header))
    found = judul.find(layout.judul, lines_above)
    hint = " ".join([source.name, *(text for _row, text in lines_above)])
    title = problems.keep(judul.read_title(found, source.name, sheet, hint))
    missing = [item for item in layout.judul_wajib if item not in found]
    problems.add(
        Problem(file=source.name, sheet=sheet, message=_("title block has no {item} above the header").format(item=tata_letak.judul_item(item)))
        for item in missing
    )
    if missing:  # whose budget, and when, cannot be told: nothing more to say about its lines
        return None, problems.found
    columns = layout.kolom_dari(paths)
    printed = tata_letak.header_paths(cells, top, layout.baris_header, merged, printed=True)
    labels = {c: printed[i] or c for c, i in columns.items()}
    lines = tersembunyi.mark(baris.lines(cells, layout, top, columns), hidden).with_columns(
        pl.lit(source.name).alias(SOURCE_FILE), pl.lit(sheet, pl.String).alias(SOURCE_SHEET)
    )
    lines = problems.keep(_numbers(lines, columns, labels))
    lines = problems.keep(_year(lines, title, source.name, sheet))
    if layout.baris_rekening or title.satu_sub_kegiatan:
        lines = _per_sub_kegiatan(lines, title, {c for c in AMOUNTS if c in columns})
    else:
        lines = tersembunyi.of_line(lines)
    lines = lines.with_columns(
        kode_skpd=pl.coalesce(pl.col("kode_skpd"), pl.lit(title.kode_skpd, pl.String)),
        nama_skpd=pl.coalesce(pl.col("nama_skpd"), pl.lit(title.nama_skpd, pl.String)),
        jenis_dokumen=pl.lit(title.jenis_dokumen),
        tata_letak=pl.lit(layout.nama),
    )
    # Placed first: the lines of another SKPD (another sheet of an RFK workbook) are not coded.
    placed = problems.keep(_place(lines, source.name, sheet, title, konteks, others))
    if placed is None:
        return None, problems.found
    placed = problems.keep(_codes(placed, layout, title, labels, konteks.kode_nama))
    placed = _cutoff(placed, title)
    if problems.found:
        return None, problems.found
    placed = tersembunyi.decide(placed.with_columns(**_tree(pl.col("kode"), pl.col("level"), pl.col("tahun"))))
    return placed.select([pl.col(c).cast(t) for c, t in OUTPUT.items()]), []


def _numbers(lines: pl.DataFrame, columns: dict[str, int], labels: dict[str, str]) -> tuple[pl.DataFrame, list[Problem]]:
    """Amounts and percentages in the file's notation; an Excel error value (#DIV/0!) in a
    percentage is no value, in an amount a problem. A Rekapitulasi Belanja's total is operasi
    plus modal where it prints no total column."""
    split = {"pagu": ("pagu_operasi", "pagu_modal"), "realisasi": ("realisasi_operasi", "realisasi_modal")}
    numbers = [c for c in [*AMOUNTS, *PERCENTS, *(p for parts in split.values() for p in parts)] if c in lines.columns]
    lines = lines.with_columns(pl.when(~baris.excel_error(c)).then(pl.col(c)).alias(c) for c in PERCENTS if c in lines.columns)
    read, problems = read_numbers(
        lines, [Number(c, _("not a number"), thousands=c not in PERCENTS, label=labels.get(c, c)) for c in numbers],
        by=(SOURCE_FILE, SOURCE_SHEET),
    )
    for total, parts in split.items():
        if all(p in read.columns for p in parts) and total not in columns:
            read = read.with_columns(pl.sum_horizontal(parts, ignore_nulls=True).alias(total))
    return read.filter(pl.col(NUMBERS_READ)).drop(NUMBERS_READ), problems


def _year(lines: pl.DataFrame, title: judul.Judul, file: str, sheet: str | None) -> tuple[pl.DataFrame, list[Problem]]:
    """The fiscal year: the line's own (a rekap's TAHUN column), else the title's, else its cut-off's."""
    year = pl.col("tahun").str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
    cutoff = title.tanggal_keadaan.year if title.tanggal_keadaan else None
    lines = lines.with_columns(tahun=pl.coalesce(year, pl.lit(title.tahun, pl.Int64), pl.lit(cutoff, pl.Int64)))
    missing = lines.filter(pl.col("tahun").is_null())
    if missing.height:
        return lines.filter(pl.col("tahun").is_not_null()), [Problem(
            file=file, sheet=sheet, message=_("no fiscal year: neither a TAHUN ANGGARAN title nor a TAHUN column"))]
    return lines, []


def _document_date(text: pl.Expr) -> pl.Expr:
    """'7 Januari 2026' (a per-document export's dates) or an ISO date cell."""
    parts = text.str.strip_chars().str.extract_groups(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
    month = parts.struct.field("2").str.to_lowercase().replace_strict(BULAN, default=None, return_dtype=pl.Int64)
    spoken = pl.date(parts.struct.field("3").cast(pl.Int64), month, parts.struct.field("1").cast(pl.Int64))
    return pl.coalesce(spoken, text.str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False))


def _per_sub_kegiatan(lines: pl.DataFrame, title: judul.Judul, amounts: set[str]) -> pl.DataFrame:
    """Rekening or document lines summed per sub kegiatan and unit (the first line's row kept for
    lineage). An amount the layout has is summed, an empty cell as nothing (a rekap lists a sub
    kegiatan without rincian with an empty PAGU: nothing budgeted); one it lacks stays undefined.
    A document listed twice (the same document, rekening and amount, once per SPD) counts once. A
    form of one sub kegiatan (its title names it) sums to that one line."""
    if title.satu_sub_kegiatan:
        lines = lines.filter(pl.col("level") != baris.TOTAL).with_columns(
            uraian=pl.lit(title.satu_sub_kegiatan), kode_cetak=pl.lit(None, pl.String),
            judul=pl.lit(title.kegiatan if title.sub_kegiatan else None, pl.String),
        )
    documents = [c for c in ("nomor_dokumen", "kode_rekening") if lines.get_column(c).null_count() < lines.height]
    if "nomor_dokumen" in documents:
        lines = lines.unique([SOURCE_FILE, SOURCE_SHEET, "kode_skpd", "kode_unit", "kode_cetak", *documents, "realisasi", "tanggal"],
                             keep="first", maintain_order=True)
    group = [SOURCE_FILE, SOURCE_SHEET, "tahun", "kode_skpd", "nama_skpd", "kode_unit", "nama_unit", "kode_cetak", "level", "judul"]
    return (
        lines.with_columns(tanggal=_document_date(pl.col("tanggal")))
        .group_by(group, maintain_order=True)
        .agg(
            pl.col("uraian").drop_nulls().first(),
            *(pl.col(c).sum() if c in amounts else pl.lit(None, pl.Float64).alias(c) for c in AMOUNTS),
            *(pl.lit(None, pl.Float64).alias(c) for c in PERCENTS),
            pl.col("tanggal").max().alias("_tanggal"),
            pl.col(SOURCE_ROW).min(),
            pl.col("nomor").first(),
            *tersembunyi.parts(pl.col(tersembunyi.HIDDEN), amounts),
        )
    )


def _cutoff(lines: pl.DataFrame, title: judul.Judul) -> pl.DataFrame:
    """The cut-off: the title's; for a per-document export, its latest document date. None: a
    file of the whole year (a rekap)."""
    date = pl.lit(title.tanggal_keadaan, pl.Date)
    if "_tanggal" in lines.columns:
        lines = lines.with_columns(_tanggal=pl.coalesce(date, pl.col("_tanggal").max()))
        date = pl.col("_tanggal")
    return lines.with_columns(tanggal_keadaan=date).drop("_tanggal", strict=False).with_columns(
        triwulan=((pl.col("tanggal_keadaan").dt.month() - 1) // 3 + 1).cast(pl.Int64),
    ).with_columns(periode=pl.when(pl.col("triwulan").is_not_null()).then(pl.format("{}-Q{}", "tahun", "triwulan")))


_SUB_KEGIATAN_2 = r"^(\d\.\d{2}\.\d{2}\.\d\.\d{2})\.(\d{2})$"  # older exports: …KK.SS


def normalise_kode(kode: pl.Expr) -> pl.Expr:
    """Spaces removed; a two-digit sub kegiatan segment widened to four (`…01.01` → `…01.0001`)."""
    compact = kode.fill_null("").str.replace_all(r"\s", "")
    return compact.str.replace(_SUB_KEGIATAN_2, "${1}.00${2}")


def _codes(
    lines: pl.DataFrame, layout: tata_letak.TataLetak, title: judul.Judul, labels: dict[str, str], steward: dict[str, str]
) -> tuple[pl.DataFrame, list[Problem]]:
    """Each line's level and code: from the printed code's shape, or, for lines named only, from
    the steward's codes (raw/sipd/kode_sub_kegiatan.csv), else the nomenclature within the SKPD's
    urusan; a Permendagri 13/2006 budget's (up to 2020) as printed (_codes_13_2006). A printed
    code of no known shape, a line with amounts and no code, and a name no or several codes fit
    are problems."""
    lama = coded_13_2006(pl.col("tahun"))
    if lines.select(lama.any()).item():
        old, old_problems = _codes_13_2006(lines.filter(lama), labels)
        new, new_problems = _codes(lines.filter(~lama), layout, title, labels, steward)
        return pl.concat([old, new], how="vertical_relaxed"), old_problems + new_problems
    problems: list[Problem] = []
    lines = lines.with_columns(kode=normalise_kode(pl.col("kode_cetak")))
    named = (pl.col("level") == SUB_KEGIATAN) & (pl.col("kode") == "")
    if layout.kode == tata_letak.BERNAMA or title.satu_sub_kegiatan:
        lines = lines.with_row_index("baris")
        bidang = nomenklatur.bidang_of_skpd(title.kode_skpd, title.nama_skpd)
        wanted = lines.filter(named).select("baris", "uraian", "judul", "kode_wilayah", "tahun", bidang=pl.lit(bidang, pl.List(pl.String)))
        chosen = wanted.select("baris", _steward=nomenklatur.name_key(pl.col("uraian")).replace_strict(steward, default=None, return_dtype=pl.String))
        coded = nomenklatur.code_by_name(wanted).join(chosen, on="baris", how="left").with_columns(
            kode=pl.coalesce("_steward", "kode")
        ).drop("_steward")
        lines = lines.join(coded, on="baris", how="left", maintain_order="left").with_columns(
            kode_dari=pl.when(pl.col("calon").is_not_null()).then(pl.lit(NOMENKLATUR)).otherwise(pl.lit(DICETAK)),
            kode=pl.coalesce("kode_right", "kode"),
        )
        unmatched = lines.filter(pl.col("calon").is_not_null() & pl.col("kode_right").is_null())
        for r in unmatched.head(200).iter_rows(named=True):
            problems.append(Problem(file=r[SOURCE_FILE], sheet=r[SOURCE_SHEET], row=r[SOURCE_ROW], column=labels.get("uraian"), value=r["uraian"],
                                    message=nomenklatur.not_coded(r["uraian"], bidang, r["calon"], r["tahun"])))
        lines = lines.drop("baris", "calon", "kode_right")
    else:
        lines = lines.with_columns(kode_dari=pl.lit(DICETAK))
    matched_by_name = pl.col("kode_dari") == NOMENKLATUR
    lines = lines.with_columns(
        level=pl.when(pl.col("level") == baris.TOTAL).then(pl.lit(TOTAL)).when(pl.col("kode") != "").then(level_of(pl.col("kode")))
    )
    unknown = lines.filter(pl.col("level").is_null() & (pl.col("kode") != "") & ~matched_by_name)
    kode, uraian = labels.get("kode", "kode"), labels.get("uraian", "uraian")
    problems += problems_from_rows(unknown.select(*PROVENANCE, pl.col("kode_cetak").alias(kode)), kode, _(
        "not a program (U.BB.PP), kegiatan (U.BB.PP.K.KK) or sub kegiatan (U.BB.PP.K.KK.SSSS) code"))
    missing = lines.filter(pl.col("level").is_null() & (pl.col("kode") == "") & ~matched_by_name)
    problems += problems_from_rows(missing.select(*PROVENANCE, pl.col("uraian").alias(uraian)), uraian, _(
        "a line with amounts but no code that is not the total line"))
    return lines.filter(pl.col("level").is_not_null()), problems


def _codes_13_2006(lines: pl.DataFrame, labels: dict[str, str]) -> tuple[pl.DataFrame, list[Problem]]:
    """A Permendagri 13/2006 budget (up to 2020): program and kegiatan, codes read as printed
    (spaces removed: `1.15 . 1.15.01 . 15 . 01`), never matched by name (the nomenclature shipped
    starts in 2021). The level is the sheet's tree: its deepest codes are the kegiatan (the data),
    one segment shorter the programs; shorter codes (urusan, SKPD) are headings whose amounts the
    total repeats, not lines. A line with amounts and no code that is not the total is a problem."""
    kode = pl.col("kode_cetak").fill_null("").str.replace_all(r"\s", "")
    depth = kode.str.count_matches(r"\.") + 1
    deepest = depth.max().over(SOURCE_FILE, SOURCE_SHEET)
    total = (pl.col("level") == baris.TOTAL).fill_null(False)
    lines = lines.with_columns(kode=pl.when(total).then(pl.lit("")).otherwise(kode), kode_dari=pl.lit(PERMENDAGRI_13_2006))
    missing = lines.filter(~total & (pl.col("kode") == ""))
    uraian = labels.get("uraian", "uraian")
    problems = problems_from_rows(missing.select(*PROVENANCE, pl.col("uraian").alias(uraian)), uraian, _(
        "a line with amounts but no printed code in a budget of up to 2020 (Permendagri 13/2006): its codes are read "
        "as printed, and no nomenclature of that time is shipped to code it by name"))
    unknown = lines.filter(~total & (pl.col("kode") != "") & ~pl.col("kode").str.contains(KODE_13_2006_PATTERN))
    kolom = labels.get("kode", "kode")
    problems += problems_from_rows(unknown.select(*PROVENANCE, pl.col("kode_cetak").alias(kolom)), kolom, _(
        "not a Permendagri 13/2006 code (dotted numbers, as 1.15.1.15.01.15.01)"))
    coded = pl.col("kode").str.contains(KODE_13_2006_PATTERN)
    level = (
        pl.when(total).then(pl.lit(TOTAL))
        .when(coded & (depth == deepest)).then(pl.lit(KEGIATAN))
        .when(coded & (depth == deepest - 1)).then(pl.lit(PROGRAM))
    )
    return lines.with_columns(level=level).filter(pl.col("level").is_not_null()), problems


def _place(
    lines: pl.DataFrame, file: str, sheet: str | None, title: judul.Judul, konteks: Konteks, others: list[str]
) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The region of the sheet's lines, and only the catalog OPD's SKPD where its region has a
    catalog (see penempatan); the names of the SKPDs left out go to `others`."""
    opd = penempatan.catalog_skpd(konteks.katalog)
    skpd = lines.select("kode_skpd", "nama_skpd").unique()
    kode, dari, problem = penempatan.region_for_file(
        file, title.wilayah, skpd.get_column("nama_skpd").drop_nulls().to_list(), skpd.get_column("kode_skpd").drop_nulls().to_list(),
        konteks.pemetaan, opd,
    )
    if problem:
        return None, [Problem(file=file, sheet=sheet, row=title.wilayah_baris, value=title.wilayah, message=problem)]
    placed = penempatan.with_opd(lines.with_columns(kode_wilayah=pl.lit(kode), wilayah_dari=pl.lit(dari)), opd)
    ours = pl.col("skpd").is_not_null()
    others += placed.filter(~ours).get_column("nama_skpd").drop_nulls().unique().to_list()
    return placed.filter(ours & penempatan.unit_taken(opd)), []


def _tree(kode: pl.Expr, level: pl.Expr, tahun: pl.Expr) -> dict[str, pl.Expr]:
    """Parent, urusan and program from the code itself, so a sub kegiatan whose program or
    kegiatan line is missing from the file still finds its place in the tree. A 13/2006
    kegiatan's program is its code without the last segment."""
    lama = coded_13_2006(tahun)
    program = pl.when(lama & (level == KEGIATAN)).then(program_13_2006(kode)).when(lama).then(kode).otherwise(
        kode.str.extract(r"^(\d\.\d{2}\.\d{2})", 1))
    kegiatan = kode.str.extract(r"^(\d\.\d{2}\.\d{2}\.\d\.\d{2})", 1)
    return {
        "parent_kode": pl.when(level == KEGIATAN).then(program).when(level == SUB_KEGIATAN).then(kegiatan),
        "urusan": pl.when(level != TOTAL).then(kode.str.extract(r"^(\d\.\d{2})(\.|$)", 1)),
        "kode_program": pl.when(level.is_in([PROGRAM, KEGIATAN, SUB_KEGIATAN])).then(program),
    }

