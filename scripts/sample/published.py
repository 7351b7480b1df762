"""The LKjIP 2023 as printed (for the automatic reviu).

Every cell of Tabel 3.1-3.4, 3.6 and 3.7 that the reviu compares, exactly as the report
prints it: its notation, its rounding and its mistakes. The pipeline recomputes these
figures from the other sources; the differences are the findings.
"""

from __future__ import annotations

from pathlib import Path

from schemas.published import JENIS_TABEL

from .katalog import IKU, PROGRAMS, TAMBAHAN
from .notation import ribuan
from .region import KODE_WILAYAH
from .sipd import budget_rows, sub_kegiatan_list
from .writers import Cell, write_csv

PUBLISHED_COLUMNS = ["kode_wilayah", "tahun", "tabel", "label", "kunci", "kolom", "nilai_terbit"]
# Each table by what it is, with the report's own number as its label.
KIND = {number: kind for kind, number in JENIS_TABEL.items() if number}
IKU_IDS = [i[0] for i in IKU]
# Tabel 3.1 (2023): target, realisasi, capaian, predikat per IKU.
PRINTED_3_1 = [
    ("94", "94,19", "100%", "Sangat Berhasil"),
    ("81,02", "67,10", "83%", "Berhasil"),
    ("3%", "1,03%", "34%", "Tidak Berhasil"),
    ("3%", "3,96%", "132%", "Sangat Berhasil"),
    ("3%", "3", "100%", "Sangat Berhasil"),
    ("15%", "277,8%", "1852%", "Sangat Berhasil"),
    ("3,9%", "3,83%", "98%", "Sangat Berhasil"),
    ("2%", "2,18%", "109%", "Sangat Berhasil"),
    ("7,5%", "4,85%", "65%", "Cukup Berhasil"),
]
# Tabel 3.2 (2023): target, realisasi, capaian, predikat per kinerja tambahan.
PRINTED_3_2 = [
    ("25", "25", "100%", "Sangat Berhasil"),
    ("25%", "45,8%", "183%", "Sangat Berhasil"),
    ("95%", "97,27%", "102%", "Sangat Berhasil"),
    ("100%", "100,00%", "100%", "Sangat Berhasil"),
    ("81", "85,09", "105%", "Sangat Berhasil"),
    ("40%", "63,00%", "158%", "Sangat Berhasil"),
    ("40%", "56,00%", "140%", "Sangat Berhasil"),
    ("50%", "94%", "188%", "Sangat Berhasil"),
]
# Tabel 3.3: (target, realisasi, capaian) for 2022 and for 2023 per IKU.
PRINTED_3_3 = [
    (("92", "92,04", "100%"), ("94", "94,19", "100%")),
    (("77", "68,10", "88,44%"), ("81,02", "67,10", "83%")),
    (("2%", "1,39%", "69,5%"), ("3%", "1,03%", "34%")),
    (("3%", "7%", "233%"), ("3%", "3,96%", "132%")),
    (("2%", "-", "0%"), ("3%", "3", "100%")),
    (("10%", "40%", "400%"), ("15%", "277,8%", "1852%")),
    (("4,00%", "3,94%", "101,5"), ("3,9%", "3,83%", "98%")),
    (("2,0%", "0,91%", "45,5"), ("2%", "2,18%", "109%")),
    (("7,1%", "12,02%", "169,29"), ("7,5%", "4,85%", "65%")),
]
# Tabel 3.4 (titled 2022, reports 2023): target, realisasi per IKU.
PRINTED_3_4 = [
    ("94 (AA)", "94,19 (AA)"), ("81,02 (A)", "67,10 (B)"), ("3%", "1.03 %"), ("3%", "3.96%"),
    ("3%", "3%"), ("15%", "277 %"), ("3,9%", "3,83%"), ("2,0%", "2,18%"), ("7,1%", "4,85%"),
]
# Tabel 3.6: per program indicator target, realisasi; per program kode pagu, realisasi.
PRINTED_3_6 = [
    ("100%", "25,53%", "416.200.000", "332.224.170"),
    ("80%", "62,34%", "75.000.000", "51.569.613"),
    ("100%", "89,41%", "8.294.394.608", "7.416.394.916"),
    ("3%", "3%", "334.995.000", "286.123.754"),
    ("9%", "3,96%", "239.977.000", "170.942.571"),
]
# Tabel 3.7: printed % keuangan and % fisik per budget row (amounts follow the SIPD tree,
# except where the report printed something else, PRINTED_3_7_AMOUNTS).
PRINTED_3_7_PERCENT = {
    "2.07.03": ("80%", "100"), "2.07.03.2.01": ("80%", "100"),
    "2.07.03.2.01.0001": ("80%", "100"), "2.07.03.2.02": ("87%", "100"),
    "2.07.03.2.02.0001": ("87%", "100"),
    "2.07.04": ("69%", "100"), "2.07.04.2.01": ("68%", "100"),
    "2.07.04.2.01.0001": ("68%", "100"), "2.07.04.2.03": ("71%", "100"),
    "2.07.04.2.03.0002": ("71%", "100"),
    "2.07.01": ("89%", "100"), "2.07.01.2.01": ("78%", "100"),
    "2.07.01.2.01.0001": ("77%", "100"), "2.07.01.2.01.0007": ("81%", "100"),
    "2.07.01.2.02": ("88%", "86"), "2.07.01.2.02.0001": ("88%", "100"),
    "2.07.01.2.02.0007": ("78%", "50"),
    "2.07.01.2.06": ("87%", "100"), "2.07.01.2.06.0001": ("76%", "100"),
    "2.07.01.2.06.0003": ("92%", "100"), "2.07.01.2.06.0004": ("97%", "100"),
    "2.07.01.2.06.0005": ("89%", "100"), "2.07.01.2.06.0007": ("86%", "100"),
    "2.07.01.2.06.0009": ("73%", "100"),
    "2.07.01.2.07": ("97%", "100"), "2.07.01.2.07.0006": ("97%", "100"),
    "2.07.01.2.08": ("97%", "100"), "2.07.01.2.08.0001": ("100%", "100"),
    "2.07.01.2.08.0002": ("92%", "100"), "2.07.01.2.08.0004": ("97%", None),  # fisik illegible
    "2.07.01.2.09": ("94%", "100"), "2.07.01.2.09.0002": ("89%", "100"),
    "2.07.01.2.09.0006": ("96%", "100"), "2.07.01.2.09.0009": ("94%", "100"),
    "2.17.06": ("85%", "100"), "2.17.06.2.01": ("85%", "100"),
    "2.17.06.2.01.0001": ("85%", "100"),
    "2.17.07": ("71%", "100"), "2.17.07.2.01": ("71%", "100"),
    "2.17.07.2.01.0003": ("68%", "100"), "2.17.07.2.01.0004": ("87%", "100"),
    "JUMLAH": ("88,68", "100"),
}
PRINTED_3_7_AMOUNTS = {
    "2.07.01": (None, "7.370.004.916"),
    "JUMLAH": ("Rp9.770.736.608", "Rp8.664.217.088"),
}


def published_rows() -> list[list[Cell]]:
    """kode_wilayah, tahun, tabel (its kind), label (its number), kunci (indicator id or budget kode), kolom, printed value."""
    rows: list[list[Cell]] = []

    def add(tahun: int, tabel: str, kunci: str, kolom: str, nilai: str | None) -> None:
        """One printed cell; cells the report leaves empty or illegible are skipped."""
        if nilai is not None:
            rows.append([KODE_WILAYAH, tahun, KIND[tabel], tabel, kunci, kolom, nilai])

    four = ("target", "realisasi", "capaian", "predikat")
    for ident, printed in zip(IKU_IDS, PRINTED_3_1):
        for kolom, nilai in zip(four, printed):
            add(2023, "3.1", ident, kolom, nilai)
    for (ident, *_), printed in zip(TAMBAHAN, PRINTED_3_2):
        for kolom, nilai in zip(four, printed):
            add(2023, "3.2", ident, kolom, nilai)
    for ident, columns in zip(IKU_IDS, PRINTED_3_3):
        for tahun, printed in zip((2022, 2023), columns):
            for kolom, nilai in zip(four[:3], printed):
                add(tahun, "3.3", ident, kolom, nilai)
    for ident, (target, realisasi) in zip(IKU_IDS, PRINTED_3_4):
        add(2023, "3.4", ident, "target", target)
        add(2023, "3.4", ident, "realisasi", realisasi)
    for (ident, kode, *_), (target, realisasi, pagu, keu) in zip(PROGRAMS, PRINTED_3_6):
        add(2023, "3.6", ident, "target", target)
        add(2023, "3.6", ident, "realisasi", realisasi)
        add(2023, "3.6", kode, "pagu", pagu)
        add(2023, "3.6", kode, "realisasi_keuangan", keu)
    subs = {s.kode: s for s in sub_kegiatan_list()}
    tree = budget_rows({k: s.pagu for k, s in subs.items()},
                       {k: s.realisasi for k, s in subs.items()},
                       {k: 100 for k in subs}, False)
    for row in tree:
        kunci = row.kode or "JUMLAH"
        pagu, keu = PRINTED_3_7_AMOUNTS.get(kunci, (None, None))
        persen, fisik = PRINTED_3_7_PERCENT[kunci]
        add(2023, "3.7", kunci, "pagu", pagu or ribuan(row.pagu))
        add(2023, "3.7", kunci, "realisasi_keuangan", keu or ribuan(row.realisasi))
        add(2023, "3.7", kunci, "persen_keuangan", persen)
        add(2023, "3.7", kunci, "persen_fisik", fisik)
    return rows


def write(out: Path) -> list[Path]:
    """``raw/published/lkjip_51.02_2023.csv``, one printed cell a row."""
    path = out / "published" / f"lkjip_{KODE_WILAYAH}_2023.csv"
    return [write_csv(path, PUBLISHED_COLUMNS, published_rows())]
