"""Cooperative assessments: kesehatan (health) and kualitas (quality) per year.

The counts per predikat reproduce the report (9 healthy cooperatives in 2022, 34 in 2023;
the Berkualitas counts behind the koperasi_berkualitas IKU). Only active savings-and-loan
cooperatives with a NIK, founded by 2020, are assessed for kesehatan. One 2023 row keeps a
deliberate contradiction: predikat Cukup Sehat with a skor in the Sehat band.
"""

from __future__ import annotations

from pathlib import Path

from .koperasi import Koperasi
from .notation import desimal
from .seed import rng
from .writers import Cell, write_csv

PENILAIAN_COLUMNS = ["nomor_induk_koperasi", "nama_koperasi", "tahun_penilaian",
                     "jenis_penilaian", "skor", "predikat"]
# Kesehatan per year: slices of one pool of savings-and-loan cooperatives (the healthy
# ones of one year stay healthy the next), counts per predikat.
KESEHATAN_COUNTS = {   # Sehat, Cukup Sehat, Dalam Pengawasan, Dalam Pengawasan Khusus
    2021: (6, 10, 4, 2),
    2022: (9, 10, 4, 2),
    2023: (34, 11, 4, 1),
}
KESEHATAN_BANDS = {    # skor range in hundredths, inside each predikat's band
    "Sehat": (8000, 9650),
    "Cukup Sehat": (6600, 7975),
    "Dalam Pengawasan": (5100, 6575),
    "Dalam Pengawasan Khusus": (3200, 5075),
}
BAND_CONTRADICTION = (2023, "Cukup Sehat", 8125)   # predikat says Cukup Sehat, skor says Sehat
KUALITAS_COUNTS = {2021: (0, 5), 2022: (0, 6), 2023: (3, 7)}   # Berkualitas, Tidak Berkualitas


def penilaian_rows(koperasi: list[Koperasi]) -> list[list[Cell]]:
    """Kesehatan rows from one pool, then kualitas rows from the other eligible ones."""
    r = rng()
    eligible = sorted((k for k in koperasi if k.nik and k.status == "Aktif"
                       and k.tanggal_bh.year <= 2020 and not k.tanggal_bubar),
                      key=lambda k: k.nik)
    simpan_pinjam = [k for k in eligible if k.jenis == "Simpan Pinjam"]
    pool = r.sample(simpan_pinjam, sum(KESEHATAN_COUNTS[2023]))
    rows: list[list[Cell]] = []
    for year, counts in KESEHATAN_COUNTS.items():
        start = 0
        for predikat, count in zip(KESEHATAN_BANDS, counts):
            for i, k in enumerate(pool[start:start + count]):
                skor = r.randint(*KESEHATAN_BANDS[predikat])
                if (year, predikat) == BAND_CONTRADICTION[:2] and i == 0:
                    skor = BAND_CONTRADICTION[2]
                rows.append([k.nik, k.nama, year, "kesehatan", desimal(skor / 100), predikat])
            start += count
    others = [k for k in eligible if k not in pool]
    graded_a = [k for k in others if k.grade == "A"]
    for year, (berkualitas, tidak) in KUALITAS_COUNTS.items():
        good = r.sample(graded_a, berkualitas)
        rest = r.sample([k for k in others if k not in good], tidak)
        for chosen, (low, high), predikat in ((good, (8500, 9600), "Berkualitas"),
                                              (rest, (4000, 7900), "Tidak Berkualitas")):
            for k in chosen:
                rows.append([k.nik, k.nama, year, "kualitas",
                             desimal(r.randint(low, high) / 100), predikat])
    rows.sort(key=lambda row: (row[2], row[3], row[0]))
    return rows


def write(koperasi: list[Koperasi], out: Path) -> list[Path]:
    """``raw/koperasi_penilaian/penilaian_koperasi_tabanan.csv``."""
    path = out / "koperasi_penilaian" / "penilaian_koperasi_tabanan.csv"
    return [write_csv(path, PENILAIAN_COLUMNS, penilaian_rows(koperasi))]
