"""Charts of the HTML report as inline SVG strings, drawn in Python: no script, no external file.

- `capaian_chart`: capaian per indicator as horizontal bars against the 100% line, coloured by
  predikat; an indicator whose capaian is empty gets a note instead of a bar (never a 0 bar).
  The axis stops at 200%; a longer bar is cut with a break mark and its value printed.
- `serapan_chart`: budget absorption per program: the grey track is the program's pagu, the
  blue bar its realisasi, with the percent and both amounts.
- `triwulan_chart`: absorption per program in every quarter present, one bar per quarter.
- `region_bars`: one bar per region, for the regions side by side.

Numbers are printed in the one notation of `pipelines/lib/angka.py`.
"""

from __future__ import annotations

import math
import textwrap
from html import escape

from pipelines.lib.angka import angka, kosong, persen, rupiah
from schemas.pesan import _

WIDTH = 960
FONT = 12
ROW = 38
BAR = 16
AXIS_CAP = 200.0

PREDIKAT_WARNA = {
    "sangat berhasil": "#1b7f3b",
    "berhasil": "#74b816",
    "cukup berhasil": "#f08c00",
    "tidak berhasil": "#c92a2a",
}
TANPA_PREDIKAT = "#adb5bd"
PAGU_WARNA = "#e9ecef"
REALISASI_WARNA = "#1c7ed6"
TRIWULAN_WARNA = ["#a5d8ff", "#4dabf7", "#1c7ed6", "#1864ab"]
TEKS_WARNA = "#212529"
REDUP = "#6c757d"


def warna_predikat(predikat: str | None) -> str:
    return PREDIKAT_WARNA.get((predikat or "").strip().lower(), TANPA_PREDIKAT)


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = FONT, fill: str = TEKS_WARNA,
          weight: str = "normal", italic: bool = False, halo: bool = False) -> str:
    style = ' font-style="italic"' if italic else ""
    if halo:  # a white outline keeps a value readable where it crosses the 100% line
        style += ' stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'

    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}" '
        f'font-weight="{weight}"{style}>{escape(content)}</text>'
    )


def text_width(text: str, size: int = FONT) -> float:
    """Estimated width in pixels of `text` in a sans-serif font (no font metrics offline):
    capitals and digits are wider than lower case, so 'PROGRAM PENUNJANG' wraps earlier."""
    def em(c: str) -> float:
        if c == " ":
            return 0.32
        if c in "IJiljtf.,;:'!|()[]/-":
            return 0.34
        if c.isupper() or c in "mw%":
            return 0.76
        if c.isdigit():
            return 0.64
        return 0.61  # DejaVu Sans, the widest of the fallback fonts
    return sum(em(c) for c in text) * size


def wrap(text: str, max_px: float, size: int = FONT, lines: int = 2) -> list[str]:
    """Words into at most `lines` lines no wider than max_px; the last one shortened with '…'."""
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size) > max_px:
            out.append(current)
            current = word
        else:
            current = candidate
    if current:
        out.append(current)
    if len(out) > lines:
        last = " ".join(out[lines - 1:])
        while last and text_width(last + " …", size) > max_px:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out = out[: lines - 1] + [last + " …"]
    return out or [""]


def _label(x: float, y_mid: float, label: str, *, width: float, weight: str = "normal") -> str:
    """A right-aligned label of at most two lines, vertically centred on y_mid."""
    lines = wrap(label, width - 8)
    top = y_mid + 4 - (len(lines) - 1) * 7
    return "".join(_text(x, top + k * 14, line, anchor="end", weight=weight) for k, line in enumerate(lines))


def _svg(height: float, body: list[str], title: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'role="img" aria-label="{escape(title)}" font-family="system-ui, \'Segoe UI\', \'DejaVu Sans\', Arial, sans-serif">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _legend(x: float, y: float, items: list[tuple[str, str]]) -> list[str]:
    out = []
    for colour, name in items:
        out.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" rx="2" fill="{colour}"/>')
        out.append(_text(x + 17, y, name, size=11))
        x += 17 + 6.6 * len(name) + 18
    return out


def axis_max(values: list[float]) -> float:
    """At least 120% (so the 100% line sits inside), rounded up to 50%, at most 200%."""
    top = max([v for v in values if not kosong(v)] or [0.0])
    return min(AXIS_CAP, max(120.0, math.ceil(top / 50.0) * 50.0))


def capaian_chart(rows: list[dict], title: str) -> str:
    """rows: dicts with indikator, capaian, predikat, keterangan (one per indicator)."""
    label_w, bar_x, bar_w = 372.0, 384.0, 440.0
    top_pad = 52.0
    scale_max = axis_max([r.get("capaian") for r in rows])  # type: ignore[misc]
    height = top_pad + ROW * max(len(rows), 1) + 26

    def x_of(v: float) -> float:
        return bar_x + bar_w * min(max(v, 0.0), scale_max) / scale_max

    body = _legend(bar_x, 16, [(c, n.title()) for n, c in PREDIKAT_WARNA.items()] + [(TANPA_PREDIKAT, _("No predikat"))])
    axis_top, axis_bottom = top_pad - 8, top_pad + ROW * max(len(rows), 1)
    tick = 50.0 if scale_max > 120 else 20.0
    v = 0.0
    while v <= scale_max + 1e-9:
        x = x_of(v)
        body.append(f'<line x1="{x:.1f}" y1="{axis_top:.1f}" x2="{x:.1f}" y2="{axis_bottom:.1f}" stroke="#dee2e6" stroke-width="1"/>')
        body.append(_text(x, axis_bottom + 16, f"{v:.0f}%", anchor="middle", size=10, fill=REDUP))
        v += tick
    labels: list[str] = []
    for k, r in enumerate(rows):
        y = top_pad + k * ROW
        mid = y + ROW / 2
        indikator = str(r.get("indikator") or "")
        value = r.get("capaian")
        body.append("<g>")
        body.append(_label(label_w, mid, indikator, width=label_w))
        if kosong(value):
            reason = str(r.get("keterangan") or _("realisasi or target not available"))
            note = textwrap.shorten(_("capaian empty: {alasan}").format(alasan=reason), 80, placeholder=" …")
            tooltip = _("{indikator}: the capaian is empty ({alasan})").format(indikator=indikator, alasan=reason)
            body.append(f"<title>{escape(tooltip)}</title>")
            body.append(f'<rect x="{bar_x:.1f}" y="{mid - BAR / 2:.1f}" width="{bar_w:.1f}" height="{BAR}" fill="none" '
                        f'stroke="{TANPA_PREDIKAT}" stroke-dasharray="4 3"/>')
            body.append(_text(bar_x + 8, mid + 4, note, size=11, fill=REDUP, italic=True))
        else:
            colour = warna_predikat(r.get("predikat"))
            end = x_of(value)  # type: ignore[arg-type]
            body.append(f"<title>{escape(indikator)}: {persen(value)} ({escape(str(r.get('predikat') or '-'))})</title>")
            body.append(f'<rect class="bar" x="{bar_x:.1f}" y="{mid - BAR / 2:.1f}" width="{max(end - bar_x, 0):.1f}" '
                        f'height="{BAR}" rx="2" fill="{colour}"/>')
            label = persen(value)
            if value > scale_max:  # type: ignore[operator]
                for dx in (-14, -9):  # break mark: the bar continues beyond the axis
                    body.append(f'<line x1="{end + dx:.1f}" y1="{mid + BAR / 2 + 2:.1f}" x2="{end + dx + 5:.1f}" '
                                f'y2="{mid - BAR / 2 - 2:.1f}" stroke="#ffffff" stroke-width="2.5"/>')
                label += " ▸"
            labels.append(_text(end + 6, mid + 4, label, size=11, weight="bold", halo=True))
        body.append("</g>")
    x100 = x_of(100.0)  # over the bars, under the values
    body.append(f'<line x1="{x100:.1f}" y1="{axis_top:.1f}" x2="{x100:.1f}" y2="{axis_bottom:.1f}" stroke="{TEKS_WARNA}" '
                f'stroke-width="1.5" stroke-dasharray="5 3"/>')
    body.append(_text(x100, axis_top - 4, "100%", anchor="middle", size=10, weight="bold"))
    body += labels
    if not rows:
        body.append(_text(bar_x, top_pad + 20, _("No indicators."), fill=REDUP, italic=True))
    return _svg(height, body, title)


def serapan_chart(rows: list[dict], title: str) -> str:
    """rows: dicts with uraian, pagu, realisasi, persen, level (program rows, then the total)."""
    label_w, bar_x, bar_w = 372.0, 384.0, 330.0
    top_pad = 34.0
    height = top_pad + ROW * max(len(rows), 1) + 10
    body = _legend(bar_x, 16, [(PAGU_WARNA, _("Pagu")), (REALISASI_WARNA, _("Realisasi"))])
    for k, r in enumerate(rows):
        y = top_pad + k * ROW
        mid = y + ROW / 2
        total = r.get("level") == "total"
        uraian = str(r.get("uraian") or r.get("kode") or "")
        share = r.get("persen")
        fill_w = 0.0 if kosong(share) else bar_w * min(max(share, 0.0), 100.0) / 100.0  # type: ignore[arg-type]
        weight = "bold" if total else "normal"
        if total and k:
            body.append(f'<line x1="12" y1="{y:.1f}" x2="{WIDTH - 12}" y2="{y:.1f}" stroke="#adb5bd"/>')
        body.append("<g>")
        tooltip = _("{uraian}: realisasi Rp {realisasi} of pagu Rp {pagu} ({persen})").format(
            uraian=uraian, realisasi=rupiah(r.get("realisasi")), pagu=rupiah(r.get("pagu")), persen=persen(share)
        )
        body.append(f"<title>{escape(tooltip)}</title>")
        body.append(_label(label_w, mid, uraian, width=label_w, weight=weight))
        body.append(f'<rect x="{bar_x:.1f}" y="{mid - BAR / 2:.1f}" width="{bar_w:.1f}" height="{BAR}" rx="2" fill="{PAGU_WARNA}"/>')
        body.append(f'<rect class="bar" x="{bar_x:.1f}" y="{mid - BAR / 2:.1f}" width="{fill_w:.1f}" height="{BAR}" rx="2" '
                    f'fill="{REALISASI_WARNA}"/>')
        body.append(_text(bar_x + bar_w + 10, mid - 2, persen(share), size=12, weight="bold"))
        body.append(_text(bar_x + bar_w + 10, mid + 12, f"Rp {rupiah(r.get('realisasi'))} / Rp {rupiah(r.get('pagu'))}",
                          size=10, fill=REDUP))
        body.append("</g>")
    if not rows:
        body.append(_text(bar_x, top_pad + 20, _("No budget data."), fill=REDUP, italic=True))
    return _svg(height, body, title)


def triwulan_chart(rows: list[dict], periodes: list[str], title: str) -> str:
    """rows: dicts with kode, uraian, level and persen_<periode> for every periode (a missing
    quarter of a program stays without a bar)."""
    label_w, bar_x, bar_w = 372.0, 384.0, 430.0
    bar_h, gap = 11.0, 3.0
    group = len(periodes) * (bar_h + gap) + 14
    top_pad = 34.0
    height = top_pad + group * max(len(rows), 1) + 26
    colours = TRIWULAN_WARNA[-len(periodes):] if len(periodes) <= len(TRIWULAN_WARNA) else [REALISASI_WARNA] * len(periodes)
    body = _legend(bar_x, 16, list(zip(colours, periodes)))
    axis_bottom = top_pad + group * max(len(rows), 1)
    for v in range(0, 101, 25):
        x = bar_x + bar_w * v / 100
        body.append(f'<line x1="{x:.1f}" y1="{top_pad - 4:.1f}" x2="{x:.1f}" y2="{axis_bottom:.1f}" stroke="#dee2e6"/>')
        body.append(_text(x, axis_bottom + 16, f"{v}%", anchor="middle", size=10, fill=REDUP))
    for k, r in enumerate(rows):
        y = top_pad + k * group
        uraian = str(r.get("uraian") or r.get("kode") or "")
        body.append(_label(label_w, y + group / 2 - 4, uraian, width=label_w,
                          weight="bold" if r.get("level") == "total" else "normal"))
        for j, periode in enumerate(periodes):
            share = r.get(f"persen_{periode}")
            by = y + 4 + j * (bar_h + gap)
            if kosong(share):
                body.append(_text(bar_x + 4, by + bar_h - 2, _("{periode}: no data").format(periode=periode), size=9, fill=REDUP, italic=True))
                continue
            w = bar_w * min(max(share, 0.0), 100.0) / 100.0  # type: ignore[arg-type]
            body.append(f'<g><title>{escape(uraian)} {periode}: {persen(share)}</title>'
                        f'<rect class="bar" x="{bar_x:.1f}" y="{by:.1f}" width="{w:.1f}" height="{bar_h}" rx="1.5" '
                        f'fill="{colours[j]}"/></g>')
            body.append(_text(bar_x + w + 5, by + bar_h - 1.5, f"{periode} {persen(share)}", size=10))
    return _svg(height, body, title)


def region_bars(title: str, rows: list[tuple[str, float | None]], unit: str) -> str:
    """Horizontal bars, one per region, labelled with its name and value (the regions side by side)."""
    top = max((v for _region, v in rows if v is not None), default=0.0) or 1.0
    label_w, bar_w, row_h = 300.0, WIDTH - 300.0 - 120.0, 22.0
    body = []
    for k, (label, value) in enumerate(rows):
        y = 10 + k * row_h
        body.append(_label(label_w - 6, y + row_h / 2, label, width=label_w))
        if value is None:
            body.append(_text(label_w + 4, y + row_h / 2 + 4, "-", fill=REDUP))
            continue
        width = max(0.0, value) / top * bar_w
        body.append(f'<rect x="{label_w:.1f}" y="{y + 3:.1f}" width="{width:.1f}" height="{row_h - 6:.1f}" fill="{REALISASI_WARNA}"/>')
        shown = angka(value, 0 if float(value).is_integer() else 2)
        body.append(_text(label_w + width + 6, y + row_h / 2 + 4, f"{shown}{unit}"))
    return _svg(20 + len(rows) * row_h, body, title)
