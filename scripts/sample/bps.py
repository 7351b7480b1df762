"""BPS WebAPI answers: labour force, open unemployment and TPT for Bali's regencies.

Tabanan's persons are fixed (the TPT IKU of the report is unemployed over labour force);
the other regencies are invented around a plausible size and TPT with the seed, and the
province is the sum of its regencies. Each variable is one JSON file shaped like a
WebAPI data answer (``vervar``, ``tahun``, ``datacontent``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .seed import rng
from .writers import write_text

Figures = dict[int, dict[int, tuple[int, int]]]

BPS_YEARS = [2021, 2022, 2023]
BPS_PROVINCE = (9999, "Bali")
# BPS code, name, (labour force, unemployed) per year in persons; None = invent.
BPS_REGENCIES: list[tuple[int, str, dict[int, tuple[int, int]] | None]] = [
    (5101, "Jembrana", None),
    (5102, "Tabanan", {2021: (283_914, 11_186), 2022: (287_569, 11_000),
                       2023: (284_621, 7_514)}),
    (5103, "Badung", None),
    (5104, "Gianyar", None),
    (5105, "Klungkung", None),
    (5106, "Bangli", None),
    (5107, "Karangasem", None),
    (5108, "Buleleng", None),
    (5171, "Denpasar", None),
]
# Invented regencies: labour force around this size, TPT (%) per year 2021/2022/2023.
BPS_INVENTED = {
    5101: (171_000, (4.21, 3.32, 2.43)),
    5103: (379_000, (5.87, 4.78, 2.91)),
    5104: (296_000, (5.12, 4.06, 2.62)),
    5105: (111_000, (3.18, 2.61, 1.93)),
    5106: (152_000, (2.14, 1.71, 1.52)),
    5107: (291_000, (2.63, 2.19, 1.64)),
    5108: (426_000, (4.38, 3.57, 2.77)),
    5171: (478_000, (5.79, 4.88, 3.31)),
}
BPS_VARIABLES: list[tuple[str, int, str, str, Callable[[int, int], float]]] = [
    # file, var id, label, unit, value(ak, pt) -> json value
    ("angkatan_kerja.json", 541, "Angkatan Kerja", "Ribu Orang",
     lambda ak, pt: round(ak / 1000, 3)),
    ("pengangguran_terbuka.json", 543, "Pengangguran Terbuka", "Orang",
     lambda ak, pt: pt),
    ("tpt.json", 31, "Tingkat Pengangguran Terbuka (TPT)", "Persen",
     lambda ak, pt: round(100 * pt / ak, 2)),
]


def bps_figures() -> Figures:
    """(labour force, unemployed) in persons per BPS code and year, province = sum."""
    r = rng()
    figures: Figures = {}
    for code, _name, known in BPS_REGENCIES:
        if known:
            figures[code] = dict(known)
            continue
        base, tpts = BPS_INVENTED[code]
        figures[code] = {}
        for year, tpt in zip(BPS_YEARS, tpts):
            ak = round(base * (1 + r.uniform(-0.015, 0.02)))
            figures[code][year] = (ak, round(ak * tpt / 100))
    figures[BPS_PROVINCE[0]] = {
        year: (sum(f[year][0] for f in list(figures.values())),
               sum(f[year][1] for f in list(figures.values())))
        for year in BPS_YEARS
    }
    return figures


def bps_body(var: int, label: str, unit: str, value: Callable[[int, int], float],
             figures: Figures) -> dict[str, Any]:
    """One WebAPI answer; ``datacontent`` keys are vervar, var, turvar, tahun, turtahun."""
    vervar: list[dict[str, Any]] = [{"val": c, "label": n} for c, n, _ in BPS_REGENCIES]
    vervar.append({"val": BPS_PROVINCE[0], "label": BPS_PROVINCE[1]})
    tahun = [{"val": y - 1900, "label": str(y)} for y in BPS_YEARS]
    turvar, turtahun = 0, 0
    content = {}
    for v in vervar:
        for t in tahun:
            ak, pt = figures[v["val"]][int(t["label"])]
            key = f"{v['val']}{var}{turvar}{t['val']}{turtahun}"
            content[key] = value(ak, pt)
    return {
        "status": "OK",
        "data-availability": "available",
        "var": [{"val": var, "label": label, "unit": unit, "subj": "Tenaga Kerja",
                 "def": "", "note": ""}],
        "turvar": [{"val": turvar, "label": "Tidak Ada"}],
        "labelvervar": "Kabupaten/Kota",
        "vervar": vervar,
        "tahun": tahun,
        "turtahun": [{"val": turtahun, "label": "Tahun"}],
        "datacontent": content,
    }


def write(out: Path) -> list[Path]:
    """``raw/bps/<variable>.json``, one answer per variable."""
    figures = bps_figures()
    return [write_text(out / "bps" / filename,
                       json.dumps(bps_body(var, label, unit, value, figures),
                                  ensure_ascii=False))
            for filename, var, label, unit, value in BPS_VARIABLES]
