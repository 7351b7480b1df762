"""The offline report: lkjip_<kode_wilayah>_<tahun>.html, one self-contained file.

The BAB III tables, the reviu findings and charts (inline SVG from `charts`), with the style
sheet inside the file: no script, no font, image or style sheet from the internet, so it opens
the same on a laptop without a network. Numbers are printed with `format` (the rounding rule
the Word tables use).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import polars as pl

from pipelines.lib.ekspor import charts
from pipelines.lib.reviu.temuan import severity_word
from pipelines.lib.ekspor.format import (
    KET_SEPARATOR, NILAI, NO, Laporan, Tabel, angka_dari_teks, kosong, nama_triwulan, persen, rupiah, sel_teks, tabel_3_1, tabel_3_2, tabel_3_3,
    tabel_3_6, tabel_3_7, tabel_temuan,
)

CSS = """
:root { --teks: #212529; --redup: #6c757d; --garis: #dee2e6; --kepala: #e7eef9; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
       color: var(--teks); margin: 0 auto; padding: 24px 32px 48px; max-width: 1240px; font-size: 14px; line-height: 1.4; }
header { border-bottom: 3px solid #1864ab; margin-bottom: 16px; padding-bottom: 8px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--garis); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: var(--redup); margin: 0; }
nav { font-size: 13px; margin: 8px 0 16px; }
nav a { color: #1864ab; margin-right: 14px; text-decoration: none; }
.ringkasan { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.kartu { border: 1px solid var(--garis); border-radius: 6px; padding: 10px 14px; min-width: 210px; flex: 1; }
.kartu .angka { font-size: 22px; font-weight: 700; }
.kartu .ket { color: var(--redup); font-size: 12px; }
table.laporan { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0 4px; }
table.laporan caption { caption-side: top; text-align: left; font-weight: 700; font-size: 14px; padding: 4px 0 6px; }
table.laporan th, table.laporan td { border: 1px solid #adb5bd; padding: 4px 6px; vertical-align: top; }
table.laporan th { background: var(--kepala); text-align: center; vertical-align: middle; }
table.tetap { table-layout: fixed; }
table.tetap td { overflow-wrap: anywhere; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.no { text-align: center; }
td.kosong { color: var(--redup); }
tr.program td { font-weight: 700; background: #f8f9fa; }
tr.total td { font-weight: 700; background: #e2efda; }
.catatan { color: var(--redup); font-size: 12px; margin: 2px 0; }
.kosong-tabel { color: var(--redup); font-style: italic; }
.predikat { display: inline-block; padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 11.5px; white-space: nowrap; }
.tingkat { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 11.5px; font-weight: 700; white-space: nowrap; }
.tingkat-error { background: #ffe3e3; color: #c92a2a; }
.tingkat-warning { background: #fff3bf; color: #8f5b00; }
figure { margin: 8px 0 12px; overflow-x: auto; }
figcaption { color: var(--redup); font-size: 12px; }
svg.chart { max-width: 100%; height: auto; }
footer { margin-top: 36px; color: var(--redup); font-size: 12px; border-top: 1px solid var(--garis); padding-top: 8px; }
@media print { body { padding: 0; max-width: none; } nav { display: none; } section { break-inside: avoid-page; } }
"""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _predikat_badge(text: str) -> str:
    predikat, _sep, warning = text.partition(KET_SEPARATOR)
    colour = charts.warna_predikat(predikat)
    badge = escape(predikat) if colour == charts.TANPA_PREDIKAT else f'<span class="predikat" style="background:{colour}">{escape(predikat)}</span>'
    return badge + (f' <span class="tingkat tingkat-warning">{escape(warning)}</span>' if warning else "")


def table_html(tabel: Tabel) -> str:
    """One report table as an HTML table, headings as in the report (two rows when columns share
    an upper heading), numbers in the report's notation."""
    columns = tabel.kolom_untuk(xlsx=False)
    two = tabel.bertingkat
    head_top, head_bottom = [], []
    pos = 0
    while pos < len(columns):
        kolom = tabel.kolom[columns[pos]]
        if two and kolom.kelompok:
            end = pos
            while end + 1 < len(columns) and tabel.kolom[columns[end + 1]].kelompok == kolom.kelompok:
                end += 1
            head_top.append(f'<th colspan="{end - pos + 1}" scope="colgroup">{escape(kolom.kelompok)}</th>')
            head_bottom += [f'<th scope="col">{escape(tabel.kolom[columns[j]].judul)}</th>' for j in range(pos, end + 1)]
            pos = end + 1
            continue
        span = ' rowspan="2"' if two else ""
        head_top.append(f'<th scope="col"{span}>{escape(kolom.judul)}</th>')
        pos += 1
    head = f"<tr>{''.join(head_top)}</tr>" + (f"<tr>{''.join(head_bottom)}</tr>" if two else "")
    body = []
    for baris in tabel.baris:
        cells = []
        for i in columns:
            kolom = tabel.kolom[i]
            text = sel_teks(kolom, baris, baris.sel[i])
            classes = []
            if kolom.angka or (kolom.jenis == NILAI and angka_dari_teks(str(baris.sel[i])) is not None):
                classes.append("num")
            if kolom.jenis == NO:
                classes.append("no")
            if kolom.angka and kosong(baris.sel[i]):
                classes.append("kosong")
            style = ""
            if i == tabel.kolom_uraian and baris.tingkat:
                style = f' style="padding-left:{6 + 18 * baris.tingkat}px"'
            if kolom.judul == "Ket." and text:
                content = _predikat_badge(text)
            elif kolom.judul == "Tingkat" and text:
                content = f'<span class="tingkat tingkat-{_attr(baris.jenis)}">{escape(text)}</span>'
            else:
                content = escape(text)
            cls = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{cls}{style}>{content}</td>")
        row_cls = f' class="{_attr(baris.jenis)}"' if baris.jenis else ""
        body.append(f"<tr{row_cls}>{''.join(cells)}</tr>")
    total = sum(tabel.kolom[i].lebar for i in columns)
    colgroup = "".join(f'<col style="width:{100 * tabel.kolom[i].lebar / total:.1f}%">' for i in columns)
    parts = [
        # the findings' long messages get their share of the width; report tables size to content
        f'<table class="laporan{" tetap" if tabel.kode == "temuan" else ""}" id="t-{_attr(tabel.kode.replace(".", "-"))}">',
        f"<caption>{escape(tabel.judul)}</caption>",
        f"<colgroup>{colgroup}</colgroup>",
        f"<thead>{head}</thead>",
        f"<tbody>{''.join(body)}</tbody></table>",
    ]
    if not tabel.baris:
        parts.append(f'<p class="kosong-tabel">{escape(tabel.kosong)}</p>')
    parts += [f'<p class="catatan">Catatan: {escape(note)}</p>' for note in tabel.catatan]
    return "".join(parts)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _capaian_figure(lap: Laporan, jenis: str, title: str) -> str:
    frame = lap.iku_capaian.filter(pl.col("jenis") == jenis)
    if frame.is_empty():
        return ""
    if "urutan" in frame.columns:
        frame = frame.sort("urutan")
    # program rows are named by their program (the indicator names repeat Tabel 3.1's)
    label = pl.coalesce("sasaran", "indikator") if jenis == "program" else pl.col("indikator")
    rows = frame.select(label.alias("indikator"), "capaian", "predikat", "keterangan").to_dicts()
    return _figure(
        charts.capaian_chart(rows, title),
        "Garis putus-putus: target (capaian 100%). Warna: predikat. Sumbu berhenti di 200%; batang yang lebih "
        "panjang dipotong (▸) dan nilainya tertulis.",
    )


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


def anggaran_html(lap: Laporan) -> str:
    rows, periodes = _serapan_rows(lap)
    if not rows:
        return ""
    latest = periodes[-1]
    parts = [
        _figure(
            charts.serapan_chart(
                [r for r in rows if r["periode"] == latest], f"Serapan anggaran per program, {nama_triwulan(latest)}"
            ),
            f"Serapan anggaran per program, keadaan {nama_triwulan(latest)} ({latest}). Batang abu-abu: pagu program "
            "(100%); batang biru: realisasi keuangan.",
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
        parts.append(
            _figure(
                charts.triwulan_chart(ordered, periodes, "Serapan anggaran per triwulan"),
                "Serapan anggaran (realisasi ÷ pagu) per program di setiap triwulan yang tersedia: "
                + ", ".join(f"{nama_triwulan(p)} ({p})" for p in periodes) + ". Pagu dapat berubah antar triwulan (DPA → DPPA).",
            )
        )
    return "".join(parts)


def _ringkasan(lap: Laporan) -> str:
    cards = []
    iku = lap.iku_capaian.filter(pl.col("jenis") == "iku")
    if not iku.is_empty():
        counts = iku.group_by("predikat").len().to_dicts()
        detail = "; ".join(f"{c['predikat'] or 'tanpa capaian'}: {c['len']}" for c in sorted(counts, key=lambda c: (-c["len"], c["predikat"] or "~")))
        cards.append(("Indikator kinerja utama", str(iku.height), detail))
    rows, periodes = _serapan_rows(lap)
    total = [r for r in rows if r["level"] == "total" and periodes and r["periode"] == periodes[-1]]
    if total:
        t = total[0]
        cards.append((
            f"Serapan anggaran ({periodes[-1]})", persen(t.get("persen")),
            f"Rp {rupiah(t.get('realisasi'))} dari pagu Rp {rupiah(t.get('pagu'))}",
        ))
    if lap.findings is None:
        cards.append(("Temuan reviu", "-", "reviu otomatis belum tersedia"))
    else:
        by = {s: lap.findings.filter(pl.col("severity") == s).height for s in ("error", "warning")}
        cards.append(("Temuan reviu", str(lap.findings.height), f"{severity_word('error')}: {by['error']}; {severity_word('warning')}: {by['warning']}"))
    return '<div class="ringkasan">' + "".join(
        f'<div class="kartu"><div class="ket">{escape(a)}</div><div class="angka">{escape(b)}</div>'
        f'<div class="ket">{escape(c)}</div></div>'
        for a, b, c in cards
    ) + "</div>"


def render_html(lap: Laporan) -> str:
    t31, t32, t33, t36, t37, temuan = tabel_3_1(lap), tabel_3_2(lap), tabel_3_3(lap), tabel_3_6(lap), tabel_3_7(lap), tabel_temuan(lap)
    sections = [
        ("tabel-3-1", "Capaian Kinerja (Tabel 3.1)", _capaian_figure(lap, "iku", "Capaian indikator kinerja utama") + table_html(t31)),
        ("tabel-3-2", "Capaian Kinerja Tambahan (Tabel 3.2)", _capaian_figure(lap, "tambahan", "Capaian kinerja tambahan") + table_html(t32)),
        ("tabel-3-3", "Perbandingan dengan Tahun Lalu (Tabel 3.3)", table_html(t33)),
        ("tabel-3-6", "Capaian Program (Tabel 3.6)", _capaian_figure(lap, "program", "Capaian indikator program") + table_html(t36)),
        ("tabel-3-7", "Realisasi Anggaran (Tabel 3.7)", anggaran_html(lap) + table_html(t37)),
        ("temuan", "Temuan Reviu Otomatis", table_html(temuan)),
    ]
    nav = "".join(f'<a href="#{key}">{escape(title)}</a>' for key, title, _ in sections)
    body = "".join(f'<section id="{key}"><h2>{escape(title)}</h2>{content}</section>' for key, title, content in sections)
    title = f"LKjIP {lap.instansi} Tahun {lap.tahun}"
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>Laporan Kinerja Instansi Pemerintah Tahun {lap.tahun}</h1>"
        f'<p class="sub">{escape(lap.instansi)} · kode wilayah {escape(lap.kode_wilayah)}</p></header>'
        f"<nav>{nav}</nav>"
        f"{_ringkasan(lap)}{body}"
        "<footer>Dihitung ulang dari data sumber oleh pipeline LKjIP. Angka ditampilkan dengan dua desimal "
        "(pembulatan setengah ke atas), pemisah ribuan titik dan desimal koma; rupiah tanpa desimal; '-' berarti "
        "nilai tidak terdefinisi. Nilai penuh ada di lkjip_*.xlsx, CSV dan Parquet.</footer>"
        "</body></html>\n"
    )


def write_html(path: Path, laporan: Laporan) -> Path:
    """Write the HTML report of one region-year to `path` (the caller makes it atomic)."""
    path.write_text(render_html(laporan), encoding="utf-8")
    return path
