"""The ODS cooperative registry (Online Data System of the Kementerian Koperasi dan UKM).

The report counts 575 cooperatives at the end of 2022 and 581 at the end of 2023; the
registry reproduces that from founding dates (567 older ones, 8 founded in 2022, 6 in
2023) plus 4 dissolved before 2022 that must never be counted. Which cooperatives, where
and under which name is invented with the seed.

Two snapshots: a mid-2023 xlsx and a January 2024 CSV, with
different sort orders and date notations, the same cooperative in both, and about 20
cooperatives that have no nomor induk (NIK) yet.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .notation import ROMAN_MONTHS, tanggal
from .region import NAMA_KABUPATEN, Desa
from .seed import rng
from .writers import write_csv, write_sheet

T = TypeVar("T")

ODS_COLUMNS = [
    "nomor_induk_koperasi", "nama_koperasi", "nomor_badan_hukum", "tanggal_badan_hukum",
    "bentuk_koperasi", "jenis_koperasi", "kelompok_koperasi", "sektor_usaha",
    "status_koperasi", "grade_koperasi", "kode_desa", "desa", "kecamatan", "kabupaten",
    "provinsi", "alamat_lengkap", "tanggal_pembubaran",
]
ODS_WIDTHS = [20, 40, 38, 14, 22, 14, 34, 34, 12, 8, 16, 18, 16, 18, 8, 48, 14]
# kelompok, name prefix, jenis choices, sektor usaha, weight
KELOMPOK = [
    ("Koperasi Simpan Pinjam", "KSP", ["Simpan Pinjam"], "Jasa Keuangan dan Asuransi", 34),
    ("Koperasi Serba Usaha", "KSU", ["Jasa", "Konsumen", "Pemasaran"],
     "Perdagangan Besar dan Eceran", 22),
    ("Koperasi Unit Desa", "KUD", ["Produsen", "Pemasaran"],
     "Pertanian, Kehutanan dan Perikanan", 6),
    ("Koperasi Wanita", "Kopwan", ["Simpan Pinjam", "Konsumen"],
     "Jasa Keuangan dan Asuransi", 8),
    ("Koperasi Pegawai Republik Indonesia", "KPRI", ["Konsumen", "Simpan Pinjam"],
     "Perdagangan Besar dan Eceran", 7),
    ("Koperasi Karyawan", "Kopkar", ["Konsumen"], "Perdagangan Besar dan Eceran", 5),
    ("Koperasi Tani", "Koperasi Tani", ["Produsen", "Pemasaran"],
     "Pertanian, Kehutanan dan Perikanan", 8),
    ("Koperasi Jasa", "Koperasi Jasa", ["Jasa"], "Penyediaan Akomodasi dan Makan Minum", 5),
    ("Koperasi Produsen", "Koperasi Produsen", ["Produsen"], "Industri Pengolahan", 5),
]
NAME_WORDS = ["Amerta", "Artha", "Bhakti", "Bhuana", "Dana", "Dharma", "Giri", "Guna", "Jaya",
              "Kencana", "Kerta", "Laksmi", "Lestari", "Mandiri", "Mekar", "Merta", "Mertha",
              "Santhi", "Sari", "Sedana", "Sejahtera", "Sentosa", "Sukma", "Tunas", "Utama",
              "Werdhi", "Winangun", "Wisesa", "Yowana", "Abdi", "Asih", "Karya", "Nadi",
              "Prima", "Sadhu", "Shanti", "Wibawa"]
BANJAR = ["Kaja", "Kelod", "Kangin", "Kauh", "Tengah", "Anyar", "Pasek", "Pande", "Dukuh",
          "Gede", "Puseh", "Sakenan", "Tegal", "Delod Rurung", "Dangin Carik"]
BENTUK = [("Primer Kabupaten/Kota", 95), ("Primer Provinsi", 3), ("Sekunder Kabupaten/Kota", 2)]
GRADES_AKTIF = [("A", 14), ("B", 26), ("C1", 20), ("C2", 14), ("D", 6), ("", 20)]
GRADES_TIDAK_AKTIF = [("D", 40), ("", 60)]
# Founding years before 2022 and their weights (KUD era, then steady growth).
FOUNDING_YEAR_WEIGHTS = [(y, w) for first, last, w in [(1968, 1979, 1), (1980, 1989, 3),
                                                       (1990, 1999, 5), (2000, 2009, 9),
                                                       (2010, 2017, 10), (2018, 2021, 6)]
                         for y in range(first, last + 1)]
KOPERASI_OLD = 567            # founded before 2022, still existing: 567 + 8 = 575 at end 2022
KOPERASI_NEW = {              # founded in 2022 (8) and 2023 (6): 575 + 6 = 581 at end 2023
    2022: ["2022-01-18", "2022-03-09", "2022-04-27", "2022-06-14", "2022-08-02",
           "2022-09-21", "2022-11-08", "2022-12-31"],
    2023: ["2023-01-02", "2023-03-21", "2023-05-17", "2023-06-30", "2023-08-08",
           "2023-11-23"],
}
KOPERASI_DISSOLVED = [        # (tanggal badan hukum, tanggal pembubaran): never counted 2022+
    ("1986-07-12", "2019-03-26"), ("1998-02-03", "2020-09-15"),
    ("2008-10-21", "2021-06-30"), ("2016-04-05", "2021-12-31"),
]
KOPERASI_NO_NIK = 20
ODS_MID_SNAPSHOT = dt.date(2023, 6, 30)
DATE_STYLES = [("iso", 5), ("slash", 3), ("dash", 2)]
KECAMATAN_WEIGHT = {"Tabanan": 1.8, "Kediri": 1.6}


def weighted(r: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    """One value drawn from (value, weight) pairs."""
    values, weights = zip(*pairs)
    return r.choices(values, weights=weights)[0]


@dataclass
class Koperasi:
    """One registry row; each snapshot writes its dates in its own notation."""

    nik: str
    nama: str
    nomor_bh: str
    tanggal_bh: dt.date
    bentuk: str
    jenis: str
    kelompok: str
    sektor: str
    status: str
    grade: str
    desa: Desa
    kabupaten: str
    alamat: str
    tanggal_bubar: dt.date | None
    style_csv: str
    style_xlsx: str

    def row(self, style: str) -> list[str]:
        return [self.nik, self.nama, self.nomor_bh, tanggal(self.tanggal_bh, style),
                self.bentuk, self.jenis, self.kelompok, self.sektor, self.status, self.grade,
                self.desa.kode, self.desa.nama, self.desa.kecamatan, self.kabupaten, "Bali",
                self.alamat, tanggal(self.tanggal_bubar, style) if self.tanggal_bubar else ""]


def nomor_badan_hukum(r: random.Random, d: dt.date, taken: set[str]) -> str:
    """A unique badan hukum number: AHU numbers from 2018, the older BH/KDK notation before."""
    while True:
        if d.year >= 2018:
            nomor = f"AHU-{r.randint(1, 9_999_999):07d}.AH.01.26.TAHUN {d.year}"
        else:
            nomor = f"{r.randint(1, 999)}/BH/KDK/1.6/{ROMAN_MONTHS[d.month - 1]}/{d.year}"
        if nomor not in taken:
            taken.add(nomor)
            return nomor


def nomor_induk(r: random.Random, taken: set[str]) -> str:
    """A unique 16-digit nomor induk koperasi, a tenth of them starting with a zero."""
    while True:
        nik = ("0" + f"{r.randrange(10**15):015d}" if r.random() < 0.1
               else "5102" + f"{r.randrange(10**12):012d}")
        if nik not in taken:
            taken.add(nik)
            return nik


def nama_koperasi(r: random.Random, prefix: str, desa: Desa, taken: set[str]) -> str:
    """A unique Balinese-sounding name, sometimes with the village's name."""
    while True:
        w1, w2 = r.sample(NAME_WORDS, 2)
        nama = f"{prefix} {w1} {w2}" + (f" {desa.nama}" if r.random() < 0.4 else "")
        if nama not in taken:
            taken.add(nama)
            return nama


def founding_dates(r: random.Random) -> list[tuple[dt.date, dt.date | None]]:
    """(founded, dissolved) per cooperative: invented old ones, the fixed new and dissolved."""
    dates: list[tuple[dt.date, dt.date | None]] = []
    for _ in range(KOPERASI_OLD):
        year = weighted(r, FOUNDING_YEAR_WEIGHTS)
        dates.append((dt.date(year, 1, 1) + dt.timedelta(days=r.randrange(365)), None))
    for year in sorted(KOPERASI_NEW):
        dates += [(dt.date.fromisoformat(d), None) for d in KOPERASI_NEW[year]]
    dates += [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in KOPERASI_DISSOLVED]
    return dates


def make_koperasi(villages: list[Desa]) -> list[Koperasi]:
    """Every cooperative the registry has ever held, including the dissolved ones."""
    r = rng()
    village_weights = [KECAMATAN_WEIGHT.get(v.kecamatan, 1.0) for v in villages]
    taken_bh: set[str] = set()
    taken_nik: set[str] = set()
    taken_nama: set[str] = set()
    result = []
    for founded, dissolved in founding_dates(r):
        kelompok, prefix, jenis_choices, sektor, _ = r.choices(
            KELOMPOK, weights=[k[-1] for k in KELOMPOK])[0]
        desa = r.choices(villages, weights=village_weights)[0]
        status = "Tidak Aktif" if dissolved or r.random() < 0.2 else "Aktif"
        grade = weighted(r, GRADES_AKTIF if status == "Aktif" else GRADES_TIDAK_AKTIF)
        if dissolved:
            grade = ""
        style = weighted(r, DATE_STYLES)
        other_style = weighted(r, DATE_STYLES) if r.random() < 0.2 else style
        alamat = (f"Br. {r.choice(BANJAR)}, Desa {desa.nama}" if r.random() < 0.6
                  else f"Jl. Raya {desa.nama} No. {r.randint(1, 120)}")
        result.append(Koperasi(
            nik=nomor_induk(r, taken_nik),
            nama=nama_koperasi(r, prefix, desa, taken_nama),
            nomor_bh=nomor_badan_hukum(r, founded, taken_bh),
            tanggal_bh=founded,
            bentuk=weighted(r, BENTUK),
            jenis=r.choice(jenis_choices),
            kelompok=kelompok,
            sektor=sektor,
            status=status,
            grade=grade,
            desa=desa,
            kabupaten=NAMA_KABUPATEN if r.random() < 0.7 else "TABANAN",
            alamat=f"{alamat}, Kec. {desa.kecamatan}",
            tanggal_bubar=dissolved,
            style_csv=style,
            style_xlsx=other_style,
        ))
    # ~20 cooperatives without a NIK yet: some of the newest, the rest among the old.
    new = [i for i, k in enumerate(result) if k.tanggal_bh.year >= 2022]
    old = [i for i, k in enumerate(result) if k.tanggal_bh.year < 2022]
    for i in r.sample(new, 4) + r.sample(old, KOPERASI_NO_NIK - 4):
        result[i].nik = ""
    return result


def write(koperasi: list[Koperasi], out: Path) -> list[Path]:
    """``raw/ods_koperasi/``: the mid-2023 xlsx snapshot and the January 2024 CSV."""
    folder = out / "ods_koperasi"
    # Mid-2023 snapshot (xlsx): everything founded on or before 30 June 2023.
    mid = sorted((k for k in koperasi if k.tanggal_bh <= ODS_MID_SNAPSHOT),
                 key=lambda k: (k.tanggal_bh, k.nama))
    xlsx = write_sheet(folder / "ods_koperasi_tabanan_2023-06.xlsx", "Data Koperasi",
                       ODS_COLUMNS,
                       ([v if v != "" else None for v in k.row(k.style_xlsx)] for k in mid),
                       ODS_WIDTHS)
    # Full snapshot of January 2024 (csv), another sort order.
    full = sorted(koperasi, key=lambda k: (k.desa.kode, k.nama))
    csv_path = write_csv(folder / "ods_koperasi_tabanan_2024-01.csv", ODS_COLUMNS,
                         [k.row(k.style_csv) for k in full])
    return [xlsx, csv_path]
