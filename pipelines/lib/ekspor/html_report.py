"""The offline report: lkjip_<kode_wilayah>_<tahun>.html, one self-contained file.

The BAB III tables, the reviu findings and charts (inline SVG from `charts`), with the style
sheet inside the file: no script, no font, image or style sheet from the internet, so it opens
the same on a laptop without a network. Cells print as the Word tables print them
(`format.sel_teks`, in the one notation of `pipelines/lib/angka.py`).

Python prepares plain values (texts, formatted numbers, chart SVG); the jinja2 templates in
templates/ lay them out with autoescape on, so text from the data files is always shown as text,
never read as markup. `render` is shared with the other offline page (perbandingan_wilayah).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pipelines.lib.ekspor import charts
from pipelines.lib.angka import angka_dari_teks, kosong, persen, rupiah
from schemas.pesan import _, bahasa
from pipelines.lib.reviu.temuan import severity_word
from pipelines.lib.ekspor.format import (
    KET_SEPARATOR, NILAI, NO, Baris, Laporan, Tabel, nama_triwulan, sel_teks, TataLetak,
)

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> Environment:
    """The templates, loaded once. Autoescape is on for every template whatever its name (all
    are HTML, the .css files are included into them and hold no values); a value the template
    names but the caller did not pass fails the render (StrictUndefined) instead of printing ''."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )


def render(template: str, **values: object) -> str:
    """One page from `template` in templates/ (its text values are escaped there)."""
    return environment().get_template(template).render(**values)


def svg(markup: str) -> Markup:
    # SVG drawn by our own code (charts escapes every text it draws): markup, not data text
    return Markup(markup)


@dataclass(frozen=True)
class HeadCell:
    teks: str
    scope: str = "col"
    colspan: int | None = None  # an upper heading over the columns that share it
    rowspan: int | None = None  # a single heading over both rows of a two-row head


@dataclass(frozen=True)
class Cell:
    teks: str
    kelas: str = ""
    indent: int | None = None  # padding-left (px) of an indented uraian
    lencana: str = ""  # "predikat" or "tingkat": the text is drawn as a badge
    warna: str | None = None  # the predikat's colour; None: plain text
    peringatan: str = ""  # the warning printed after the predikat


@dataclass(frozen=True)
class Row:
    kelas: str  # the row's jenis (program, total, error, …)
    sel: list[Cell]


@dataclass(frozen=True)
class TableView:
    id: str
    kelas: str
    judul: str
    lebar: list[str]  # column widths in percent
    kepala: list[list[HeadCell]]
    baris: list[Row]
    kosong: str  # shown when there are no rows
    catatan: list[str]


@dataclass(frozen=True)
class Figure:
    svg: Markup
    keterangan: str


@dataclass(frozen=True)
class Section:
    kunci: str
    judul: str
    gambar: list[Figure]
    tabel: TableView


def _cell(tabel: Tabel, i: int, baris: Baris) -> Cell:
    """Column i of a row: its printed text, classes, indentation and badge."""
    kolom, value = tabel.kolom[i], baris.sel[i]
    text = sel_teks(kolom, baris, value)
    classes = []
    if kolom.angka or (kolom.jenis == NILAI and angka_dari_teks(str(value)) is not None):
        classes.append("num")
    if kolom.jenis == NO:
        classes.append("no")
    if kolom.angka and kosong(value):
        classes.append("kosong")
    indent = 6 + 18 * baris.tingkat if i == tabel.kolom_uraian and baris.tingkat else None
    kelas = " ".join(classes)
    if kolom.lencana == "predikat" and text:
        predikat, _sep, warning = text.partition(KET_SEPARATOR)
        colour = charts.warna_predikat(predikat)
        return Cell(predikat, kelas, indent, "predikat", None if colour == charts.TANPA_PREDIKAT else colour, warning)
    if kolom.lencana == "tingkat" and text:
        return Cell(text, kelas, indent, "tingkat")
    return Cell(text, kelas, indent)


def table_view(tabel: Tabel) -> TableView:
    """One report table for the template: headings as in the report (two rows when columns share
    an upper heading), numbers in the report's notation."""
    columns = tabel.kolom_untuk(xlsx=False)
    two = tabel.bertingkat
    head_top: list[HeadCell] = []
    head_bottom: list[HeadCell] = []
    pos = 0
    while pos < len(columns):
        kolom = tabel.kolom[columns[pos]]
        if two and kolom.kelompok:
            end = pos
            while end + 1 < len(columns) and tabel.kolom[columns[end + 1]].kelompok == kolom.kelompok:
                end += 1
            head_top.append(HeadCell(kolom.kelompok, "colgroup", colspan=end - pos + 1))
            head_bottom += [HeadCell(tabel.kolom[columns[j]].judul) for j in range(pos, end + 1)]
            pos = end + 1
            continue
        head_top.append(HeadCell(kolom.judul, rowspan=2 if two else None))
        pos += 1
    total = sum(tabel.kolom[i].lebar for i in columns)
    return TableView(
        id=f"t-{tabel.kode.replace('.', '-')}",
        # the findings' long messages get their share of the width; report tables size to content
        kelas="laporan tetap" if tabel.kode == "temuan" else "laporan",
        judul=tabel.judul,
        lebar=[f"{100 * tabel.kolom[i].lebar / total:.1f}" for i in columns],
        kepala=[head_top, head_bottom] if two else [head_top],
        baris=[Row(baris.jenis, [_cell(tabel, i, baris) for i in columns]) for baris in tabel.baris],
        kosong=tabel.kosong,
        catatan=tabel.catatan_tercetak,
    )


def _capaian_figure(lap: Laporan, jenis: str, title: str) -> list[Figure]:
    frame = lap.iku_capaian.filter(pl.col("jenis") == jenis)
    if frame.is_empty():
        return []
    if "urutan" in frame.columns:
        frame = frame.sort("urutan")
    # program rows are named by their program (the indicator names repeat Tabel 3.1's)
    label = pl.coalesce("sasaran", "indikator") if jenis == "program" else pl.col("indikator")
    rows = frame.select(label.alias("indikator"), "capaian", "predikat", "keterangan").to_dicts()
    return [Figure(
        svg(charts.capaian_chart(rows, title)),
        _("Dashed line: the target (capaian 100%). Colour: the predikat. The axis stops at 200%; a longer bar is "
          "cut (▸) and its value written."),
    )]


def _serapan_rows(lap: Laporan) -> tuple[list[dict], list[str]]:
    """Programs and the total of every quarter, from anggaran.serapan (or the Tabel 3.7 tree
    when serapan is not there)."""
    source = lap.serapan
    if source.is_empty() and not lap.realisasi_anggaran.is_empty():
        source = lap.realisasi_anggaran.filter(pl.col("level").is_in(["program", "total"])).with_columns(
            persen=pl.col("persen_keuangan")
        )
    if source.is_empty():
        return [], []
    periodes = sorted(source.get_column("periode").unique().to_list())
    return source.sort(pl.col("level") == "total", "kode").to_dicts(), periodes


def anggaran_figures(lap: Laporan) -> list[Figure]:
    rows, periodes = _serapan_rows(lap)
    if not rows:
        return []
    latest = periodes[-1]
    triwulan = nama_triwulan(latest)
    figures = [
        Figure(
            svg(charts.serapan_chart(
                [r for r in rows if r["periode"] == latest], _("Budget absorption per program, {triwulan}").format(triwulan=triwulan)
            )),
            _("Budget absorption per program, as of {triwulan} ({periode}). Grey bar: the program's pagu (100%); "
              "blue bar: its financial realisasi.").format(triwulan=triwulan, periode=latest),
        )
    ]
    if len(periodes) > 1:
        wide: dict[str, dict] = {}
        for r in rows:
            entry = wide.setdefault(r["kode"], {"kode": r["kode"], "uraian": r["uraian"], "level": r["level"]})
            entry[f"persen_{r['periode']}"] = r.get("persen")
            if r["periode"] == latest or not entry.get("uraian"):
                entry["uraian"] = r["uraian"]
        ordered = sorted(wide.values(), key=lambda e: (e["level"] == "total", e["kode"]))
        figures.append(
            Figure(
                svg(charts.triwulan_chart(ordered, periodes, _("Budget absorption per quarter"))),
                _("Budget absorption (realisasi ÷ pagu) per program in every quarter available: {triwulan}. The pagu may "
                  "change between quarters (DPA → DPPA).").format(triwulan=", ".join(f"{nama_triwulan(p)} ({p})" for p in periodes)),
            )
        )
    return figures


def _ringkasan(lap: Laporan) -> list[tuple[str, str, str]]:
    """The summary cards: (label, figure, detail)."""
    cards = []
    iku = lap.iku_capaian.filter(pl.col("jenis") == "iku")
    if not iku.is_empty():
        counts = iku.group_by("predikat").len().to_dicts()
        detail = "; ".join(f"{c['predikat'] or _('no capaian')}: {c['len']}" for c in sorted(counts, key=lambda c: (-c["len"], c["predikat"] or "~")))
        cards.append((_("Main performance indicators"), str(iku.height), detail))
    rows, periodes = _serapan_rows(lap)
    total = [r for r in rows if r["level"] == "total" and periodes and r["periode"] == periodes[-1]]
    if total:
        t = total[0]
        cards.append((
            _("Budget absorption ({periode})").format(periode=periodes[-1]), persen(t.get("persen")),
            _("Rp {realisasi} of pagu Rp {pagu}").format(realisasi=rupiah(t.get("realisasi")), pagu=rupiah(t.get("pagu"))),
        ))
    if lap.findings is None:
        cards.append((_("Reviu findings"), "-", _("automatic reviu not available yet")))
    else:
        by = {s: lap.findings.filter(pl.col("severity") == s).height for s in ("error", "warning")}
        cards.append((_("Reviu findings"), str(lap.findings.height), f"{severity_word('error')}: {by['error']}; {severity_word('warning')}: {by['warning']}"))
    return cards


def render_html(lap: Laporan, letak: TataLetak) -> str:
    sections = [
        Section("tabel-3-1", _("Performance Achievement (Table 3.1)"),
                _capaian_figure(lap, "iku", _("Capaian of the main performance indicators")), table_view(letak.t3_1)),
        Section("tabel-3-2", _("Additional Performance Achievement (Table 3.2)"),
                _capaian_figure(lap, "tambahan", _("Capaian of the additional performance")), table_view(letak.t3_2)),
        Section("tabel-3-3", _("Comparison with the Previous Year (Table 3.3)"), [], table_view(letak.t3_3)),
        Section("tabel-3-6", _("Program Achievement (Table 3.6)"),
                _capaian_figure(lap, "program", _("Capaian of the program indicators")), table_view(letak.t3_6)),
        Section("tabel-3-7", _("Budget realisation (Table 3.7)"), anggaran_figures(lap), table_view(letak.t3_7)),
        Section("temuan", _("Automatic Reviu Findings"), [], table_view(letak.temuan)),
    ]
    return render(
        "laporan.html.j2",
        bahasa=bahasa(),
        judul=_("LKjIP {instansi}, {tahun}").format(instansi=lap.instansi, tahun=lap.tahun),
        kepala=_("Government Agency Performance Report, {tahun}").format(tahun=lap.tahun),
        sub=_("{instansi} · region code {kode_wilayah}").format(instansi=lap.instansi, kode_wilayah=lap.kode_wilayah),
        kartu=_ringkasan(lap),
        sections=sections,
        kaki=_("Recomputed from the source data by the LKjIP pipeline. Numbers are shown with two decimals (rounded "
               "half up), '.' grouping thousands and ',' as the decimal separator; rupiah without decimals; '-' means "
               "the value is undefined. The full values are in lkjip_*.xlsx, the CSV and the Parquet files."),
    )


def write_html(path: Path, laporan: Laporan, letak: TataLetak) -> Path:
    """Write the HTML report of one region-year to `path` (the caller makes it atomic)."""
    path.write_text(render_html(laporan, letak), encoding="utf-8")
    return path
