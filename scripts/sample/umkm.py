"""MSMEs (UMKM) per village, sektor and skala, as the dinas recaps them each year.

The yearly totals are the report's (38,341 / 41,025 / 42,651, behind the
pertumbuhan_umkm IKU); how they spread over villages, sectors and scales is invented with
the seed, the market towns larger. 2021 arrives as a CSV; 2022 and 2023 as hand-typed
workbooks with title rows above the header, 2022 with a few counts typed as text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .notation import ribuan
from .region import Desa
from .seed import rng
from .writers import write_csv, write_sheet

UMKM_COLUMNS = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala",
                "jumlah_usaha", "jumlah_tenaga_kerja"]
UMKM_WIDTHS = [8, 16, 20, 18, 22, 10, 14, 20]
UMKM_TOTALS = {2021: 38_341, 2022: 41_025, 2023: 42_651}
UMKM_SEKTOR_WEIGHT = {"Perdagangan": 36, "Kuliner": 20, "Pertanian": 18, "Aneka Jasa": 14,
                      "Industri Pengolahan": 12}
UMKM_SKALA_SHARE = {"mikro": 1.0, "kecil": 0.06, "menengah": 0.012}
UMKM_WORKERS_PER_UNIT = {"mikro": (1.3, 2.6), "kecil": (4.0, 9.0), "menengah": (15.0, 35.0)}
UMKM_BIG_VILLAGE = {"Delod Peken": 5.0, "Dauh Peken": 5.0, "Dajan Peken": 4.5, "Kediri": 4.0,
                    "Abian Tuwung": 2.5, "Banjar Anyar": 2.5, "Baturiti": 2.0, "Pupuan": 2.0}
SKALA_ORDER = list(UMKM_SKALA_SHARE)
SEKTOR_ORDER = sorted(UMKM_SEKTOR_WEIGHT)


def split_total(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    """Largest-remainder split of an integer total, every part at least `minimum`."""
    rest = total - minimum * len(weights)
    scale = rest / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[:rest - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


@dataclass
class UmkmRow:
    """A (village, sektor, skala) line reported every year, with its share and workforce."""

    desa: Desa
    sektor: str
    skala: str
    weight: float
    workers: float


def umkm_structure(r: random.Random,
                   villages: list[Desa]) -> tuple[dict[str, float], list[UmkmRow]]:
    """Village size weights and the (sektor, skala) rows each village reports every year."""
    size = {v.kode: UMKM_BIG_VILLAGE.get(v.nama, 1.0) * r.uniform(0.45, 1.6) for v in villages}
    rows = []
    for v in villages:
        sektors = ["Perdagangan"] + r.sample([s for s in SEKTOR_ORDER if s != "Perdagangan"],
                                             r.randint(2, 4))
        kecil = r.sample(sektors, r.randint(1, 2))
        menengah = [r.choice(sektors)] if r.random() < 0.25 else []
        for sektor in sektors:
            for skala, chosen in (("mikro", sektors), ("kecil", kecil), ("menengah", menengah)):
                if sektor in chosen:
                    weight = (UMKM_SEKTOR_WEIGHT[sektor] * UMKM_SKALA_SHARE[skala]
                              * r.uniform(0.7, 1.3))
                    rows.append(UmkmRow(v, sektor, skala, weight,
                                        r.uniform(*UMKM_WORKERS_PER_UNIT[skala])))
    rows.sort(key=lambda u: (u.desa.kode, SEKTOR_ORDER.index(u.sektor),
                             SKALA_ORDER.index(u.skala)))
    return size, rows


def umkm_year(r: random.Random, year: int, villages: list[Desa], size: dict[str, float],
              rows: list[UmkmRow]) -> list[list[Any]]:
    """One year's rows: the report's total split over villages, then over their lines."""
    village_totals = split_total(UMKM_TOTALS[year],
                                 [size[v.kode] * r.uniform(0.95, 1.05) for v in villages],
                                 minimum=20)
    result: list[list[Any]] = []
    for v, total in zip(villages, village_totals):
        own = [u for u in rows if u.desa.kode == v.kode]
        counts = split_total(total, [u.weight * r.uniform(0.93, 1.07) for u in own])
        for u, n in zip(own, counts):
            workers = max(n, round(n * u.workers * r.uniform(0.95, 1.05)))
            result.append([year, v.kode, v.nama, v.kecamatan, u.sektor, u.skala, n, workers])
    return result


def write_recap(path: Path, year: int, rows: list[list[Any]],
                as_text: set[tuple[int, int]]) -> Path:
    """The dinas' hand-typed recap: two title rows and a blank row above the header."""
    return write_sheet(path, f"UMKM {year}", UMKM_COLUMNS,
                       ([ribuan(v) if (i, j) in as_text else v for j, v in enumerate(row)]
                        for i, row in enumerate(rows)),
                       UMKM_WIDTHS,
                       titles=["REKAPITULASI DATA UMKM PER DESA",
                               f"KABUPATEN TABANAN TAHUN {year}"])


def write(villages: list[Desa], out: Path) -> list[Path]:
    """``raw/umkm_desa/``: the 2021 CSV and the 2022 and 2023 workbooks."""
    r = rng()
    size, rows = umkm_structure(r, villages)
    by_year = {year: umkm_year(r, year, villages, size, rows) for year in UMKM_TOTALS}
    folder = out / "umkm_desa"
    written = [write_csv(folder / "umkm_desa_tabanan_2021.csv", UMKM_COLUMNS, by_year[2021])]
    # 2022: a few counts of 1,000 or more typed as text with thousands dots ("1.204").
    big = [(i, j) for i, row in enumerate(by_year[2022]) for j in (6, 7) if row[j] >= 1000]
    as_text = set(r.sample(big, min(5, len(big))))
    for year, text_cells in ((2022, as_text), (2023, set())):
        written.append(write_recap(folder / f"umkm_desa_tabanan_{year}.xlsx", year,
                                   by_year[year], text_cells))
    return written

