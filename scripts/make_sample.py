"""Generate the shipped sample raw data for Kabupaten Tabanan (kode_wilayah 51.02).

The sample reconstructs the figures of the published LKjIP 2023 of Dinas Koperasi UKM dan
Tenaga Kerja Kabupaten Tabanan (Tabel 2.1-2.3 and 3.1-3.7) from the bottom up, in the
exact export formats of every source system (see the spec's ``sources.md``):

* every total the report prints is reproduced exactly by the source rows (581 cooperatives,
  9/34 healthy cooperatives, 41,025/42,651 MSMEs, the 24 sub kegiatan of Tabel 3.7, ...);
* where the report is silent (which cooperatives, which villages, the other Bali regencies,
  the first-semester budget, ...) realistic detail is invented with a fixed random seed;
* the report's own mistakes are kept where they belong: in the SIPD subtotals SIPD printed
  and in ``raw/published/`` (the report as printed), never in the underlying records;
* the messiness of real exports is deliberate: mixed date and number notations, numbers
  stored as text, title rows above headers, the same cooperative in two snapshots, an
  older SIPD export with two-digit sub kegiatan codes, a superseded DPA next to its DPPA.

Output is deterministic: one ``random.Random(20231231)`` per source, no timestamps; CSV,
JSON and YAML are byte-identical on every run, and so are the xlsx files (fixed document
properties and fixed zip entry times).

Usage:  python scripts/make_sample.py [--out raw/] [--wilayah path/to/wilayah.csv[.gz]]
Needs only the standard library and openpyxl.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

SEED = 20231231
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "raw"
WILAYAH_CANDIDATES = [
    ROOT / "pipelines" / "reference" / "wilayah_kepmendagri_2025.csv.gz",
    ROOT.parent / "shared" / "reference" / "wilayah_kepmendagri_2025.csv",
]

KODE_WILAYAH = "51.02"
NAMA_KABUPATEN = "Kabupaten Tabanan"
FIXED_TIME = dt.datetime(2024, 1, 31, 8, 0, 0)  # xlsx document properties and zip entries


def rng() -> random.Random:
    """A fresh generator per source, so editing one source never shifts another."""
    return random.Random(SEED)


# --------------------------------------------------------------------------------------
# Small shared helpers: notation, files
# --------------------------------------------------------------------------------------

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


def ribuan(n: int) -> str:
    """8294394608 -> '8.294.394.608' (Indonesian thousands dots)."""
    return f"{n:,}".replace(",", ".")


def desimal(x: float, places: int = 2) -> str:
    """94.19 -> '94,19' (Indonesian decimal comma)."""
    return f"{x:.{places}f}".replace(".", ",")


def tanggal(d: dt.date, style: str) -> str:
    """The three date notations found in ODS exports."""
    return {"iso": d.isoformat(), "slash": d.strftime("%d/%m/%Y"),
            "dash": d.strftime("%d-%m-%Y")}[style]


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save an xlsx byte-for-byte reproducibly (openpyxl's own save stamps 'now')."""
    wb.properties.creator = "SIPD / Dinas Koperasi UKM dan Tenaga Kerja"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))


# --------------------------------------------------------------------------------------
# Reference: Tabanan's kecamatan and villages (Kepmendagri 2025)
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Desa:
    kode: str
    nama: str
    kecamatan: str


def load_villages(path: Path) -> list[Desa]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kode"].startswith(KODE_WILAYAH + ".")]
    kecamatan = {r["kode"]: r["nama"] for r in rows if r["tingkat"] == "kecamatan"}
    villages = [Desa(r["kode"], r["nama"], kecamatan[r["kode"][:8]])
                for r in rows if r["tingkat"] == "desa_kelurahan"]
    return sorted(villages, key=lambda d: d.kode)


# --------------------------------------------------------------------------------------
# 1. BPS WebAPI: labour force, open unemployment, TPT for Bali's regencies
# --------------------------------------------------------------------------------------

BPS_YEARS = [2021, 2022, 2023]
BPS_PROVINCE = (9999, "Bali")
# BPS code, name, (labour force, unemployed) per year in persons; None = invent.
BPS_REGENCIES = [
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
BPS_VARIABLES = [
    # file, var id, label, unit, value(ak, pt) -> json value
    ("angkatan_kerja.json", 541, "Angkatan Kerja", "Ribu Orang",
     lambda ak, pt: round(ak / 1000, 3)),
    ("pengangguran_terbuka.json", 543, "Pengangguran Terbuka", "Orang",
     lambda ak, pt: pt),
    ("tpt.json", 31, "Tingkat Pengangguran Terbuka (TPT)", "Persen",
     lambda ak, pt: round(100 * pt / ak, 2)),
]


def bps_figures() -> dict[int, dict[int, tuple[int, int]]]:
    """(labour force, unemployed) in persons per BPS code and year, province = sum."""
    r = rng()
    figures: dict[int, dict[int, tuple[int, int]]] = {}
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


def bps_body(var: int, label: str, unit: str, value, figures) -> dict:
    vervar = [{"val": c, "label": n} for c, n, _ in BPS_REGENCIES]
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


def make_bps(out: Path) -> list[Path]:
    figures = bps_figures()
    written = []
    for filename, var, label, unit, value in BPS_VARIABLES:
        path = out / "bps" / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(bps_body(var, label, unit, value, figures),
                                   ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


# --------------------------------------------------------------------------------------
# 2. ODS cooperative registry, 3. cooperative assessments
# --------------------------------------------------------------------------------------

ODS_COLUMNS = [
    "nomor_induk_koperasi", "nama_koperasi", "nomor_badan_hukum", "tanggal_badan_hukum",
    "bentuk_koperasi", "jenis_koperasi", "kelompok_koperasi", "sektor_usaha",
    "status_koperasi", "grade_koperasi", "kode_desa", "desa", "kecamatan", "kabupaten",
    "provinsi", "alamat_lengkap", "tanggal_pembubaran",
]
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


def weighted(r: random.Random, pairs):
    values, weights = zip(*pairs)
    return r.choices(values, weights=weights)[0]


@dataclass
class Koperasi:
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
    while True:
        if d.year >= 2018:
            nomor = f"AHU-{r.randint(1, 9_999_999):07d}.AH.01.26.TAHUN {d.year}"
        else:
            nomor = f"{r.randint(1, 999)}/BH/KDK/1.6/{ROMAN_MONTHS[d.month - 1]}/{d.year}"
        if nomor not in taken:
            taken.add(nomor)
            return nomor


def nomor_induk(r: random.Random, taken: set[str]) -> str:
    while True:
        nik = ("0" + f"{r.randrange(10**15):015d}" if r.random() < 0.1
               else "5102" + f"{r.randrange(10**12):012d}")
        if nik not in taken:
            taken.add(nik)
            return nik


def nama_koperasi(r: random.Random, prefix: str, desa: Desa, taken: set[str]) -> str:
    while True:
        w1, w2 = r.sample(NAME_WORDS, 2)
        nama = f"{prefix} {w1} {w2}" + (f" {desa.nama}" if r.random() < 0.4 else "")
        if nama not in taken:
            taken.add(nama)
            return nama


def founding_dates(r: random.Random) -> list[tuple[dt.date, dt.date | None]]:
    dates = []
    for _ in range(KOPERASI_OLD):
        year = weighted(r, FOUNDING_YEAR_WEIGHTS)
        dates.append((dt.date(year, 1, 1) + dt.timedelta(days=r.randrange(365)), None))
    for year in sorted(KOPERASI_NEW):
        dates += [(dt.date.fromisoformat(d), None) for d in KOPERASI_NEW[year]]
    dates += [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in KOPERASI_DISSOLVED]
    return dates


def make_koperasi(villages: list[Desa]) -> list[Koperasi]:
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


def write_ods(koperasi: list[Koperasi], out: Path) -> list[Path]:
    # Mid-2023 snapshot (xlsx): everything founded on or before 30 June 2023.
    mid = sorted((k for k in koperasi if k.tanggal_bh <= ODS_MID_SNAPSHOT),
                 key=lambda k: (k.tanggal_bh, k.nama))
    wb = Workbook()
    ws = wb.active
    ws.title = "Data Koperasi"
    ws.append(ODS_COLUMNS)
    for k in mid:
        ws.append([v if v != "" else None for v in k.row(k.style_xlsx)])
    for col, width in zip("ABCDEFGHIJKLMNOPQ", [20, 40, 38, 14, 22, 14, 34, 34, 12, 8, 16,
                                                18, 16, 18, 8, 48, 14]):
        ws.column_dimensions[col].width = width
    xlsx = out / "ods_koperasi" / "ods_koperasi_tabanan_2023-06.xlsx"
    save_workbook(wb, xlsx)
    # Full snapshot of January 2024 (csv), another sort order.
    full = sorted(koperasi, key=lambda k: (k.desa.kode, k.nama))
    path = out / "ods_koperasi" / "ods_koperasi_tabanan_2024-01.csv"
    write_csv(path, ODS_COLUMNS, [k.row(k.style_csv) for k in full])
    return [xlsx, path]


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


def make_penilaian(koperasi: list[Koperasi], out: Path) -> list[Path]:
    r = rng()
    eligible = sorted((k for k in koperasi if k.nik and k.status == "Aktif"
                       and k.tanggal_bh.year <= 2020 and not k.tanggal_bubar),
                      key=lambda k: k.nik)
    simpan_pinjam = [k for k in eligible if k.jenis == "Simpan Pinjam"]
    pool = r.sample(simpan_pinjam, sum(KESEHATAN_COUNTS[2023]))
    rows = []
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
        for k in good:
            rows.append([k.nik, k.nama, year, "kualitas", desimal(r.randint(8500, 9600) / 100),
                         "Berkualitas"])
        for k in rest:
            rows.append([k.nik, k.nama, year, "kualitas", desimal(r.randint(4000, 7900) / 100),
                         "Tidak Berkualitas"])
    rows.sort(key=lambda row: (row[2], row[3], row[0]))
    path = out / "koperasi_penilaian" / "penilaian_koperasi_tabanan.csv"
    write_csv(path, PENILAIAN_COLUMNS, rows)
    return [path]


# --------------------------------------------------------------------------------------
# 4. UMKM per village
# --------------------------------------------------------------------------------------

UMKM_COLUMNS = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala",
                "jumlah_usaha", "jumlah_tenaga_kerja"]
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
    desa: Desa
    sektor: str
    skala: str
    weight: float
    workers: float


def umkm_structure(r: random.Random, villages: list[Desa]) -> tuple[dict, list[UmkmRow]]:
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


def umkm_year(r: random.Random, year: int, villages, size, rows) -> list[list]:
    village_totals = split_total(UMKM_TOTALS[year],
                                 [size[v.kode] * r.uniform(0.95, 1.05) for v in villages],
                                 minimum=20)
    result = []
    for v, total in zip(villages, village_totals):
        own = [u for u in rows if u.desa.kode == v.kode]
        counts = split_total(total, [u.weight * r.uniform(0.93, 1.07) for u in own])
        for u, n in zip(own, counts):
            workers = max(n, round(n * u.workers * r.uniform(0.95, 1.05)))
            result.append([year, v.kode, v.nama, v.kecamatan, u.sektor, u.skala, n, workers])
    return result


def umkm_workbook(year: int, rows: list[list], as_text: set[tuple[int, int]]) -> Workbook:
    """The dinas' hand-typed recap: two title rows and a blank row above the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"UMKM {year}"
    ws.append(["REKAPITULASI DATA UMKM PER DESA"])
    ws.append([f"KABUPATEN TABANAN TAHUN {year}"])
    ws.append([])
    ws.append(UMKM_COLUMNS)
    for i, row in enumerate(rows):
        ws.append([ribuan(v) if (i, j) in as_text else v for j, v in enumerate(row)])
    for col, width in zip("ABCDEFGH", [8, 16, 20, 18, 22, 10, 14, 20]):
        ws.column_dimensions[col].width = width
    return wb


def make_umkm(villages: list[Desa], out: Path) -> list[Path]:
    r = rng()
    size, rows = umkm_structure(r, villages)
    by_year = {year: umkm_year(r, year, villages, size, rows) for year in UMKM_TOTALS}
    folder = out / "umkm_desa"
    path_2021 = folder / "umkm_desa_tabanan_2021.csv"
    write_csv(path_2021, UMKM_COLUMNS, by_year[2021])
    # 2022: a few counts of 1,000 or more typed as text with thousands dots ("1.204").
    big = [(i, j) for i, row in enumerate(by_year[2022]) for j in (6, 7) if row[j] >= 1000]
    as_text = set(r.sample(big, min(5, len(big))))
    written = [path_2021]
    for year, text_cells in ((2022, as_text), (2023, set())):
        path = folder / f"umkm_desa_tabanan_{year}.xlsx"
        save_workbook(umkm_workbook(year, by_year[year], text_cells), path)
        written.append(path)
    return written


# --------------------------------------------------------------------------------------
# 5. SIPD Laporan Realisasi Fisik dan Keuangan (Tabel 3.7)
# --------------------------------------------------------------------------------------

SKPD = "2.17.2.07.0.00.01.0000 DINAS KOPERASI UKM DAN TENAGA KERJA"
SKPD_KODE = SKPD.split()[0]
SIPD_HEADER = ["KODE", "URAIAN", "PAGU (Rp)", "REALISASI KEUANGAN (Rp)",
               "REALISASI KEUANGAN (%)", "REALISASI FISIK (%)"]
# Program -> kegiatan -> sub kegiatan (4-digit suffix, uraian, DPPA pagu, realisasi 31 Dec).
BUDGET_TREE = [
    ("2.07.03", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", [
        ("2.07.03.2.01", "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", [
            ("0001", "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari "
                     "Kerja berdasarkan Klaster Kompetensi", 409_200_000, 326_116_638)]),
        ("2.07.03.2.02", "Pembinaan Lembaga Pelatihan Kerja Swasta", [
            ("0001", "Pembinaan Lembaga Pelatihan Kerja Swasta", 7_000_000, 6_107_532)]),
    ]),
    ("2.07.04", "PROGRAM PENEMPATAN TENAGA KERJA", [
        ("2.07.04.2.01", "Pelayanan Antar Kerja di Daerah Kabupaten/Kota", [
            ("0001", "Penyediaan Sumber Daya Pelayanan Antar Kerja", 50_000_000, 33_886_956)]),
        ("2.07.04.2.03", "Pengelolaan Informasi Pasar Kerja", [
            ("0002", "Pelayanan dan Penyediaan Informasi Pasar Kerja Online",
             25_000_000, 17_682_657)]),
    ]),
    ("2.07.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", [
        ("2.07.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", [
            ("0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 2_993_500, 2_303_616),
            ("0007", "Evaluasi Kinerja Perangkat Daerah", 2_000_000, 1_611_807)]),
        ("2.07.01.2.02", "Administrasi Keuangan Perangkat Daerah", [
            ("0001", "Penyediaan Gaji dan Tunjangan ASN", 6_028_980_708, 5_280_397_020),
            ("0007", "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran "
                     "SKPD", 2_499_700, 1_944_405)]),
        ("2.07.01.2.06", "Administrasi Umum Perangkat Daerah", [
            ("0001", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
             1_998_300, 1_510_710),
            ("0003", "Penyediaan Peralatan Rumah Tangga", 2_000_000, 1_844_265),
            ("0004", "Penyediaan Bahan Logistik Kantor", 29_776_300, 28_882_533),
            ("0005", "Penyediaan Barang Cetakan dan Penggandaan", 1_500_000, 1_332_666),
            ("0007", "Penyediaan Bahan/Material", 10_500_000, 9_053_157),
            ("0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
             19_974_000, 14_582_321)]),
        ("2.07.01.2.07", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", [
            ("0006", "Pengadaan Peralatan dan Mesin Lainnya", 48_072_050, 46_390_000)]),
        ("2.07.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", [
            ("0001", "Penyediaan Jasa Surat Menyurat", 3_000_000, 3_000_000),
            ("0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
             27_062_000, 25_014_919),
            # Garbled in the report; realisasi = kegiatan 331,974,719 - 3,000,000 - 25,014,919.
            ("0004", "Penyediaan Jasa Pelayanan Umum Kantor", 313_176_550, 303_959_800)]),
        ("2.07.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan "
                         "Daerah", [
            ("0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan "
                     "Kendaraan Dinas Operasional atau Lapangan", 55_781_500, 49_608_415),
            ("0006", "Pemeliharaan Peralatan dan Mesin Lainnya", 26_300_000, 25_362_000),
            ("0009", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
             1_718_780_000, 1_619_597_282)]),
    ]),
    ("2.17.06", "PROGRAM PEMBERDAYAAN DAN PERLINDUNGAN KOPERASI", [
        ("2.17.06.2.01", "Pemberdayaan dan Perlindungan Koperasi yang Keanggotaannya dalam "
                         "Daerah Kabupaten/Kota", [
            ("0001", "Pemberdayaan Peningkatan Produktivitas, Nilai Tambah, Akses Pasar, Akses "
                     "Pembiayaan, Penguatan Kelembagaan, Penataan Manajemen, Standarisasi, dan "
                     "Restrukturisasi Usaha Koperasi Kewenangan Kabupaten/Kota",
             334_995_000, 286_123_754)]),
    ]),
    ("2.17.07", "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)", [
        ("2.17.07.2.01", "Pemberdayaan Usaha Mikro yang Dilakukan melalui Pendataan, "
                         "Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi "
                         "dengan Para Pemangku Kepentingan", [
            ("0003", "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro",
             204_986_000, 140_400_507),
            ("0004", "Pendataan Potensi dan Pengembangan Usaha Mikro", 34_991_000, 30_542_064)]),
    ]),
]
FISIK_Q4 = {"2.07.01.2.02.0007": 50}           # every other sub kegiatan: 100
# The original DPA (Tabel 2.3): Program Penunjang 5,033,802,950, the cut on salaries.
DPA_PAGU = {"2.07.01.2.02.0001": 6_028_980_708 - 3_260_591_658}
# What SIPD printed on the DPPA export (as the report shows), not the sum of the rows.
DPPA_PRINTED = {"2.07.01": {"realisasi": 7_370_004_916},
                "JUMLAH": {"pagu": 9_770_736_608, "realisasi": 8_664_217_088}}
# Cells written as text in Indonesian notation (kode -> column -> style).
DPPA_TEXT = {
    "2.07.01": {"pagu": "plain", "realisasi": "plain"},
    "2.07.01.2.08.0002": {"realisasi": "plain"},
    "2.07.01.2.09.0009": {"pagu": "rp", "realisasi": "rp_sen"},
    "2.17.07.2.01.0003": {"realisasi": "rp"},
    "JUMLAH": {"pagu": "rp", "realisasi": "rp", "persen": "text"},
    "2.07.03": {"persen": "text"},
    "2.07.04": {"persen": "text"},
    "2.07.01.2.02.0001": {"persen": "text"},
    "2.17.06.2.01": {"persen": "text", "fisik": "text"},
}
Q2_TEXT = {"2.07.01.2.02.0001": {"pagu": "plain"}, "JUMLAH": {"pagu": "rp"}}


@dataclass
class BudgetRow:
    level: str            # program | kegiatan | sub_kegiatan | total
    kode: str
    uraian: str
    pagu: int
    realisasi: int
    fisik: float | None


@dataclass(frozen=True)
class SubKegiatan:
    kode: str
    uraian: str
    pagu: int
    realisasi: int


def sub_kegiatan_list() -> list[SubKegiatan]:
    return [SubKegiatan(f"{k}.{s}", u, p, r)
            for _, _, kegiatan in BUDGET_TREE for k, _, subs in kegiatan for s, u, p, r in subs]


def weighted_fisik(rows: list[BudgetRow]) -> float:
    return round(sum(r.fisik * r.pagu for r in rows) / sum(r.pagu for r in rows), 2)


def budget_rows(pagu: dict, realisasi: dict, fisik: dict, two_digit: bool) -> list[BudgetRow]:
    """Program, kegiatan and sub kegiatan rows in tree order, subtotals = sums, + JUMLAH."""
    result, programs = [], []
    for p_kode, p_uraian, kegiatan in BUDGET_TREE:
        p_row = BudgetRow("program", p_kode, p_uraian, 0, 0, None)
        result.append(p_row)
        k_rows = []
        for k_kode, k_uraian, subs in kegiatan:
            k_row = BudgetRow("kegiatan", k_kode, k_uraian, 0, 0, None)
            result.append(k_row)
            s_rows = []
            for suffix, s_uraian, _, _ in subs:
                kode = f"{k_kode}.{suffix}"
                shown = f"{k_kode}.{suffix[-2:]}" if two_digit else kode
                s_rows.append(BudgetRow("sub_kegiatan", shown, s_uraian, pagu[kode],
                                        realisasi[kode], fisik[kode]))
            result += s_rows
            k_row.pagu = sum(s.pagu for s in s_rows)
            k_row.realisasi = sum(s.realisasi for s in s_rows)
            k_row.fisik = weighted_fisik(s_rows)
            k_rows.append(k_row)
        p_row.pagu = sum(k.pagu for k in k_rows)
        p_row.realisasi = sum(k.realisasi for k in k_rows)
        p_row.fisik = weighted_fisik(k_rows)
        programs.append(p_row)
    total = BudgetRow("total", "", "JUMLAH", sum(p.pagu for p in programs),
                      sum(p.realisasi for p in programs), weighted_fisik(programs))
    return result + [total]


def amount_cell(value: int, style: str | None):
    if style == "plain":
        return ribuan(value)
    if style == "rp":
        return f"Rp {ribuan(value)}"
    if style == "rp_sen":
        return f"Rp {ribuan(value)},00"
    return value


def percent_cell(value: float | None, style: str | None):
    if value is None:
        return None
    return desimal(value) if style == "text" else value


def sipd_workbook(dokumen: str, cutoff: dt.date, rows: list[BudgetRow], printed: dict,
                  text: dict, fisik_total: bool) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "RFK"
    for line in ["PEMERINTAH KABUPATEN TABANAN", "LAPORAN REALISASI FISIK DAN KEUANGAN",
                 f"TAHUN ANGGARAN {cutoff.year}", f"SKPD : {SKPD}",
                 f"JENIS DOKUMEN : {dokumen}",
                 f"KEADAAN S.D. : {cutoff.day} {BULAN[cutoff.month - 1]} {cutoff.year}"]:
        ws.append([line])
    ws.append([])
    ws.append(SIPD_HEADER)
    for row in rows:
        key = row.kode or "JUMLAH"
        pagu = printed.get(key, {}).get("pagu", row.pagu)
        realisasi = printed.get(key, {}).get("realisasi", row.realisasi)
        style = text.get(key, {})
        fisik = row.fisik if (row.level != "total" or fisik_total) else None
        ws.append([row.kode or None, row.uraian,
                   amount_cell(pagu, style.get("pagu")),
                   amount_cell(realisasi, style.get("realisasi")),
                   percent_cell(round(100 * realisasi / pagu, 2), style.get("persen")),
                   percent_cell(fisik, style.get("fisik"))])
    for col, width in zip("ABCDEF", [22, 90, 20, 24, 14, 14]):
        ws.column_dimensions[col].width = width
    return wb


BUDGET_CHECKS = {  # (kode prefix, DPPA pagu, realisasi 31 Dec) = the report's sums
    "": (9_360_566_608, 8_257_255_024),
    "2.07.01.": (8_294_394_608, 7_416_394_916),
}
DPA_PENUNJANG_PAGU = 5_033_802_950            # Tabel 2.3


def check_budget(subs: list[SubKegiatan]) -> None:
    """Fail loudly if an edit to BUDGET_TREE breaks the report's own sums."""
    assert len(subs) == 24, len(subs)
    for prefix, expected in BUDGET_CHECKS.items():
        chosen = [s for s in subs if s.kode.startswith(prefix)]
        assert (sum(s.pagu for s in chosen), sum(s.realisasi for s in chosen)) == expected, prefix
    penunjang = sum(DPA_PAGU.get(s.kode, s.pagu) for s in subs if s.kode.startswith("2.07.01."))
    assert penunjang == DPA_PENUNJANG_PAGU, penunjang


def make_sipd(out: Path) -> list[Path]:
    r = rng()
    subs = sub_kegiatan_list()
    check_budget(subs)
    pagu_dppa = {s.kode: s.pagu for s in subs}
    pagu_dpa = {s.kode: DPA_PAGU.get(s.kode, s.pagu) for s in subs}
    real_q4 = {s.kode: s.realisasi for s in subs}
    fisik_q4 = {s.kode: FISIK_Q4.get(s.kode, 100) for s in subs}
    real_q2, fisik_q2 = {}, {}
    for s in subs:
        share = r.uniform(0.40, 0.55)
        real_q2[s.kode] = round(share * s.realisasi)
        if real_q2[s.kode] > pagu_dpa[s.kode]:       # salaries: the original DPA was smaller
            real_q2[s.kode] = round(share * pagu_dpa[s.kode])
        fisik_q2[s.kode] = r.randint(40, 60)
    q4 = dt.date(2023, 12, 31)
    q2 = dt.date(2023, 6, 30)
    files = [
        (f"rfk_{SKPD_KODE}_2023_Q4_DPPA.xlsx", "DPPA", q4,
         budget_rows(pagu_dppa, real_q4, fisik_q4, False), DPPA_PRINTED, DPPA_TEXT, False),
        (f"rfk_{SKPD_KODE}_2023_Q2_DPA.xlsx", "DPA", q2,
         budget_rows(pagu_dpa, real_q2, fisik_q2, True), {}, Q2_TEXT, True),
        (f"rfk_{SKPD_KODE}_2023_Q4_DPA.xlsx", "DPA", q4,
         budget_rows(pagu_dpa, real_q4, fisik_q4, False), {}, {}, True),
    ]
    written = []
    for name, dokumen, cutoff, rows, printed, text, fisik_total in files:
        path = out / "sipd" / name
        save_workbook(sipd_workbook(dokumen, cutoff, rows, printed, text, fisik_total), path)
        written.append(path)
    return written


# --------------------------------------------------------------------------------------
# 6. Perjanjian Kinerja catalogs, 7. manual measures
# --------------------------------------------------------------------------------------

OPD = "Dinas Koperasi UKM dan Tenaga Kerja Kabupaten Tabanan"
PREDIKAT_SCALE = [(85, "Sangat Berhasil"), (70, "Berhasil"), (55, "Cukup Berhasil"),
                  (None, "Tidak Berhasil")]
# id, sasaran, indikator, satuan, arah, formula (rumus + measures)
IKU = [
    ("reformasi_birokrasi", "Terwujudnya kualitas tata kelola pemerintahan di OPD",
     "Hasil penilaian mandiri pelaksanaan reformasi birokrasi", "nilai", "naik",
     {"rumus": "nilai", "ukuran": "manual.nilai_reformasi_birokrasi"}),
    ("akuntabilitas_kinerja", "Meningkatnya kinerja perangkat daerah",
     "Hasil evaluasi akuntabilitas kinerja perangkat daerah", "nilai", "naik",
     {"rumus": "nilai", "ukuran": "manual.nilai_akip"}),
    ("pertumbuhan_koperasi",
     "Terwujudnya kelembagaan dan Usaha Ekonomi Masyarakat berbasis koperasi",
     "Persentase pertumbuhan koperasi", "%", "naik",
     {"rumus": "rasio", "pembilang": "koperasi.baru", "penyebut": "koperasi.jumlah"}),
    ("pertumbuhan_umkm", "Terwujudnya pertumbuhan daya saing UMKM",
     "Persentase pertumbuhan UMKM", "%", "naik",
     {"rumus": "pertumbuhan", "ukuran": "umkm.jumlah"}),
    ("koperasi_berkualitas", "Meningkatkan kualitas koperasi",
     "Persentase koperasi berkualitas", "%", "naik",
     {"rumus": "pertumbuhan", "ukuran": "koperasi.berkualitas"}),
    ("koperasi_sehat", "Meningkatkan kesehatan koperasi", "Persentase Koperasi sehat", "%",
     "naik", {"rumus": "pertumbuhan", "ukuran": "koperasi.sehat"}),
    ("tpt", "Meningkatnya kesempatan kerja dan produktifitas tenaga kerja",
     "Persentase Tingkat Pengangguran Terbuka", "%", "turun",
     {"rumus": "rasio", "pembilang": "bps.pengangguran_terbuka",
      "penyebut": "bps.angkatan_kerja"}),
    ("tenaga_kerja_terampil", "Meningkatnya tenaga kerja terampil",
     "Persentase jumlah pencari kerja bersertifikasi kompeten berbanding dengan jumlah "
     "pengangguran terbuka", "%", "naik",
     {"rumus": "rasio", "pembilang": "manual.pencari_kerja_bersertifikat",
      "penyebut": "bps.pengangguran_terbuka"}),
    ("perluasan_kesempatan_kerja", "Meningkatnya pelayanan perluasan kesempatan kerja",
     "Persentase jumlah pencari kerja yang memasuki dunia kerja berbanding dengan jumlah "
     "pengangguran terbuka", "%", "naik",
     {"rumus": "rasio", "pembilang": "manual.pencari_kerja_memasuki_dunia_kerja",
      "penyebut": "bps.pengangguran_terbuka"}),
]
IKU_TARGETS = {
    2022: [92, 77, 2, 3, 2, 10, 4.0, 2.0, 7.1],
    2023: [94, 81.02, 3, 3, 3, 15, 3.9, 2, 7.5],
}
# Tabel 2.2 / 3.2: id, Prioritas Pembangunan Daerah (sasaran), Kinerja Kegiatan (indikator),
# satuan, target, realisasi (manual measure of the same id).
TAMBAHAN = [
    ("postingan_media_sosial", "Keterjangkauan Informasi Perangkat Daerah di Media Sosial",
     "Jumlah Postingan Perbulan", "postingan", 25, 25),
    ("like_media_sosial", "Keterjangkauan Informasi Perangkat Daerah di Media Sosial",
     "Persentase minimum \"Like atau Love\" pada setiap unggahan dibandingkan jumlah pegawai "
     "perangkat daerah", "%", 25, 45.8),
    ("disiplin_asn", "Tingkat Kepatuhan Disiplin ASN",
     "Persentase Kepatuhan Capaian Disiplin ASN melalui Presensi Online", "%", 95, 97.27),
    ("informasi_publik_website", "Keterbukaan Informasi Publik",
     "Persentase Informasi Publik dan Dokumentasi yang dimuat dalam Website Perangkat Daerah "
     "(sesuai Peraturan Bupati Tabanan Nomor 16 Tahun 2017)", "%", 100, 100),
    ("standar_pelayanan_publik", "Kepatuhan terhadap Standar Pelayanan",
     "Hasil Penilaian Standar Pelayanan Publik Perangkat Daerah", "nilai", 81, 85.09),
    ("p3dn_belanja_pdn", "Percepatan Penggunaan Produk Dalam Negeri (P3DN)",
     "Persentase belanja barang/jasa yang menggunakan produk dalam negeri", "%", 40, 63),
    ("p3dn_belanja_umkm", "Percepatan Penggunaan Produk Dalam Negeri (P3DN)",
     "Persentase belanja barang/jasa pada usaha mikro, kecil dan koperasi (belanja UMKM "
     "dibagi belanja pengadaan)", "%", 40, 56),
    ("klik_koma_ttk", "Meningkatkan akses lapangan pekerjaan yang layak melalui usaha mikro, "
     "kecil, dan menengah serta Koperasi",
     "Persentase dokumen konsultasi yang sudah ditindaklanjuti", "%", 50, 94),
]
# Tabel 3.6: id, program kode, program (as sasaran), indikator, target, formula.
PROGRAMS = [
    ("program_pelatihan_kerja", "2.07.03",
     "Program pelatihan kerja dan produktivitas tenaga kerja",
     "Persentase tenaga kerja kompeten dan produktif yang dihasilkan terhadap jumlah pencari "
     "kerja terdaftar", 100,
     {"rumus": "rasio", "pembilang": "manual.tenaga_kerja_kompeten",
      "penyebut": "manual.pencari_kerja_terdaftar"}),
    # Tabel 2.3 (the Perjanjian Kinerja) says 75%; Tabel 3.6 printed 80% (a target_mismatch).
    ("program_penempatan_tenaga_kerja", "2.07.04", "Program penempatan tenaga kerja",
     "Persentase tenaga kerja yang memasuki dunia kerja terhadap jumlah pencari kerja", 75,
     {"rumus": "rasio", "pembilang": "manual.penempatan_tenaga_kerja",
      "penyebut": "manual.pencari_kerja_terdaftar"}),
    ("program_penunjang", "2.07.01",
     "Program penunjang urusan Pemerintahan Daerah Kabupaten/Kota",
     "Persentase administrasi perkantoran yang mendukung kelancaran tugas dan fungsi PD", 100,
     {"rumus": "rasio", "pembilang": "anggaran.realisasi[2.07.01]",
      "penyebut": "anggaran.pagu[2.07.01]"}),
    ("program_koperasi", "2.17.06", "Program Pemberdayaan dan Perlindungan Koperasi",
     "Persentase koperasi berkualitas", 3,
     {"rumus": "pertumbuhan", "ukuran": "koperasi.berkualitas"}),
    ("program_umkm", "2.17.07",
     "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",
     "Persentase UMKM berdaya saing", 9,
     {"rumus": "pertumbuhan", "ukuran": "umkm.jumlah"}),
]


# "Definisi Operasional/Formula" column of Tabel 2.1/2.2/2.3 (3.1/3.2/3.6), as the report words it.
DEFINISI = {
    "reformasi_birokrasi": "Hasil evaluasi dari inspektorat",
    "akuntabilitas_kinerja": "Hasil evaluasi dari inspektorat",
    "pertumbuhan_koperasi": "(Jumlah pertumbuhan koperasi baru) : (jumlah total koperasi) x 100",
    "pertumbuhan_umkm": "(Jumlah UMKM Th. n - Jumlah UMKM Th. n-1) : (Jumlah UMKM Th. n-1) x 100",
    "koperasi_berkualitas": "(Jumlah kop. berkualitas Th. n - Jumlah kop. berkualitas Th. n-1) : "
                            "(Jumlah kop. berkualitas Th. n-1) x 100",
    "koperasi_sehat": "(Jumlah kop. sehat Th. n - Jumlah kop. sehat Th. n-1) : (Jumlah kop. sehat Th. n-1) x 100",
    "tpt": "BPS Kabupaten Tabanan",
    "tenaga_kerja_terampil": "(Jumlah tenaga kerja bersertifikasi kompeten) : (Jumlah pengangguran terbuka) x 100%",
    "perluasan_kesempatan_kerja": "(Jumlah pencari kerja yang memasuki dunia kerja) : "
                                  "(Jumlah pengangguran terbuka) x 100%",
    "postingan_media_sosial": "Jumlah Kegiatan Perangkat Daerah yang Diposting di Media Sosial "
                              "(fanspage facebook dan instagram)",
    "disiplin_asn": "Jumlah Capaian Disiplin ASN Dibagi jumlah ASN",
    "p3dn_belanja_pdn": "Belanja PDN dibagi belanja pengadaan dikali 100%",
    "p3dn_belanja_umkm": "Belanja UMKM dibagi belanja pengadaan dikali 100%",
    "program_pelatihan_kerja": "Jumlah tenaga kerja kompeten dan produktif yang dihasilkan : "
                               "jumlah pencari kerja terdaftar x 100%",
    "program_penempatan_tenaga_kerja": "Jumlah tenaga kerja yang memasuki dunia kerja : jumlah pencari kerja x 100%",
    "program_penunjang": "Persentase administrasi perkantoran yang mendukung kelancaran tugas dan fungsi PD x 100%",
}


def definisi(ident: str) -> list[tuple[str, object]]:
    return [("definisi", DEFINISI[ident])] if ident in DEFINISI else []


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


YAML_PLAIN_KEYS = {"id", "jenis", "arah", "rumus", "ukuran", "pembilang", "penyebut"}


def yaml_indicator(fields: list[tuple[str, object]]) -> list[str]:
    """One catalog entry; free text is quoted, identifiers and measure names stay plain."""
    lines = []
    for i, (key, value) in enumerate(fields):
        if isinstance(value, str) and (key not in YAML_PLAIN_KEYS or "[" in value):
            value = q(value)
        lines.append(("  - " if i == 0 else "    ") + f"{key}: {value}")
    return lines


def catalog_yaml(year: int) -> str:
    lines = [
        f"# Perjanjian Kinerja {year}: {OPD}.",
        "# Sample catalog (LKjIP Tabel 2.1" + (", 2.2, 2.3/3.6" if year == 2023 else "") + ").",
        f"kode_wilayah: {q(KODE_WILAYAH)}",
        f"tahun: {year}",
        f"opd: {OPD}",
        "tahun_data:",
        "  bps: -1",
        "predikat:",
    ]
    for threshold, predikat in PREDIKAT_SCALE:
        lines.append(f"  - {{lebih_dari: {'null' if threshold is None else threshold}, "
                     f"predikat: {predikat}}}")
    lines.append("indikator:")
    for (ident, sasaran, indikator, satuan, arah, rumus), target in zip(IKU, IKU_TARGETS[year]):
        lines += yaml_indicator([("id", ident), ("jenis", "iku"), ("sasaran", sasaran),
                                 ("indikator", indikator), *definisi(ident), ("satuan", satuan),
                                 ("arah", arah), ("target", target), *rumus.items()])
    if year == 2023:
        for ident, sasaran, indikator, satuan, target, _ in TAMBAHAN:
            lines += yaml_indicator([("id", ident), ("jenis", "tambahan"), ("sasaran", sasaran),
                                     ("indikator", indikator), *definisi(ident), ("satuan", satuan),
                                     ("arah", "naik"), ("target", target), ("rumus", "nilai"),
                                     ("ukuran", f"manual.{ident}")])
        for ident, kode, program, indikator, target, rumus in PROGRAMS:
            lines += yaml_indicator([("id", ident), ("jenis", "program"), ("program", kode),
                                     ("sasaran", program), ("indikator", indikator),
                                     *definisi(ident), ("satuan", "%"), ("arah", "naik"), ("target", target),
                                     *rumus.items()])
    return "\n".join(lines) + "\n"


def make_catalogs(out: Path) -> list[Path]:
    written = []
    for year in (2023, 2022):
        path = out / "perjanjian_kinerja" / f"{KODE_WILAYAH}_{year}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(catalog_yaml(year), encoding="utf-8")
        written.append(path)
    return written


MANUAL_COLUMNS = ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"]
# tahun, ukuran, nilai as written (comma or dot decimals), satuan, sumber
MANUAL_MEASURES = [
    (2022, "nilai_reformasi_birokrasi", "92.04", "nilai",
     "LHE Reformasi Birokrasi Inspektorat Kabupaten Tabanan 2022"),
    (2022, "nilai_akip", "68,10", "nilai", "LHE AKIP Inspektorat Kabupaten Tabanan 2022"),
    (2022, "pencari_kerja_bersertifikat", "102", "orang", "Laporan UPTD BLK Tabanan 2022"),
    (2022, "pencari_kerja_memasuki_dunia_kerja", "1345", "orang",
     "Laporan Penempatan Tenaga Kerja Bidang Penempatan 2022"),
    (2023, "nilai_reformasi_birokrasi", "94,19", "nilai",
     "LHE Inspektorat 2023 (Reformasi Birokrasi)"),
    (2023, "nilai_akip", "67.10", "nilai", "LHE AKIP Inspektorat Kabupaten Tabanan 2023"),
    (2023, "pencari_kerja_bersertifikat", "240", "orang", "Laporan UPTD BLK"),
    (2023, "pencari_kerja_memasuki_dunia_kerja", "534", "orang",
     "Laporan Penempatan Tenaga Kerja Bidang Penempatan 2023"),
    (2023, "tenaga_kerja_kompeten", "240", "orang", "Laporan UPTD BLK"),
    (2023, "pencari_kerja_terdaftar", "940", "orang", "Rekap Kartu AK-I (pencari kerja) 2023"),
    (2023, "penempatan_tenaga_kerja", "586", "orang",
     "Laporan Penempatan Tenaga Kerja Bidang Penempatan 2023"),
    (2023, "postingan_media_sosial", "25", "postingan",
     "Rekap unggahan Facebook dan Instagram Dinas 2023"),
    (2023, "like_media_sosial", "45,8", "%", "Rekap Like/Love Facebook dan Instagram Dinas 2023"),
    (2023, "disiplin_asn", "97,27", "%", "Rekap Presensi Online ASN 2023"),
    (2023, "informasi_publik_website", "100", "%", "Rekap dokumen Website Dinas 2023"),
    (2023, "standar_pelayanan_publik", "85.09", "nilai",
     "LHP Tim Penilai Standar Pelayanan Publik Kabupaten Tabanan 2023"),
    (2023, "p3dn_belanja_pdn", "63,00", "%",
     "Laporan P3DN 2023: belanja PDN Rp 1.597.963.341,5 dari pengadaan Rp 2.524.066.500"),
    (2023, "p3dn_belanja_umkm", "56.00", "%",
     "Laporan P3DN 2023: belanja UMKM Rp 1.417.628.434 dari pengadaan Rp 2.524.066.500"),
    (2023, "klik_koma_ttk", "94", "%", "Rekap Klik Koma TTK 2023: 58 dari 62 dokumen"),
]


def make_manual(out: Path) -> list[Path]:
    path = out / "manual" / "manual_measures.csv"
    write_csv(path, MANUAL_COLUMNS, [[KODE_WILAYAH, year, f"manual.{name}", nilai, satuan, sumber]
                                     for year, name, nilai, satuan, sumber in MANUAL_MEASURES])
    return [path]


# --------------------------------------------------------------------------------------
# 8. The report as printed (for the automatic reviu)
# --------------------------------------------------------------------------------------

PUBLISHED_COLUMNS = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"]
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


def published_rows() -> list[list]:
    rows = []

    def add(tahun, tabel, kunci, kolom, nilai):
        if nilai is not None:
            rows.append([KODE_WILAYAH, tahun, tabel, kunci, kolom, nilai])

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


def make_published(out: Path) -> list[Path]:
    path = out / "published" / f"lkjip_{KODE_WILAYAH}_2023.csv"
    write_csv(path, PUBLISHED_COLUMNS, published_rows())
    return [path]


# --------------------------------------------------------------------------------------

def find_wilayah(explicit: str | None) -> Path:
    candidates = [Path(explicit)] if explicit else WILAYAH_CANDIDATES
    for path in candidates:
        if path.exists():
            return path
    raise SystemExit("wilayah reference not found; pass --wilayah (tried: "
                     + ", ".join(str(p) for p in candidates) + ")")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="raw/ directory to fill")
    parser.add_argument("--wilayah", help="Kepmendagri kode,nama,tingkat CSV (or .csv.gz)")
    args = parser.parse_args()
    villages = load_villages(find_wilayah(args.wilayah))
    koperasi = make_koperasi(villages)
    written = (make_bps(args.out) + write_ods(koperasi, args.out)
               + make_penilaian(koperasi, args.out) + make_umkm(villages, args.out)
               + make_sipd(args.out) + make_catalogs(args.out) + make_manual(args.out)
               + make_published(args.out))
    for path in written:
        print(path.relative_to(args.out.parent) if args.out.parent in path.parents else path)


if __name__ == "__main__":
    main()
