"""SIPD Laporan Realisasi Fisik dan Keuangan (RFK) of the dinas, the source of Tabel 3.7.

The 24 sub kegiatan carry the report's DPPA pagu and 31 December realisasi, so every
program and kegiatan subtotal, and the JUMLAH, add up as in the report (checked by
``check_budget``). Three exports: the 31 December DPPA (with the subtotals SIPD printed,
mistakes included, and amounts stored as text in Indonesian notation), a 30 June DPA
from an older SIPD with two-digit sub kegiatan codes and an invented first-semester
realisation, and the superseded 31 December DPA next to its DPPA.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .notation import BULAN, desimal, ribuan
from .seed import rng
from .writers import Cell, write_sheet

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


SIPD_WIDTHS = [22, 90, 20, 24, 14, 14]


@dataclass
class BudgetRow:
    """One line of the RFK tree; subtotals are computed, never typed."""

    level: str            # program | kegiatan | sub_kegiatan | total
    kode: str
    uraian: str
    pagu: int
    realisasi: int
    fisik: float | None


@dataclass(frozen=True)
class SubKegiatan:
    """A leaf of BUDGET_TREE with its full kode."""

    kode: str
    uraian: str
    pagu: int
    realisasi: int


def sub_kegiatan_list() -> list[SubKegiatan]:
    """The 24 sub kegiatan in tree order."""
    return [SubKegiatan(f"{k}.{s}", u, p, r)
            for _, _, kegiatan in BUDGET_TREE for k, _, subs in kegiatan for s, u, p, r in subs]


def weighted_fisik(rows: list[BudgetRow]) -> float:
    """Physical progress of a subtotal: the pagu-weighted mean of its parts."""
    return round(sum((r.fisik or 0) * r.pagu for r in rows) / sum(r.pagu for r in rows), 2)


def budget_rows(pagu: dict[str, int], realisasi: dict[str, int], fisik: dict[str, float],
                two_digit: bool) -> list[BudgetRow]:
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


def amount_cell(value: int, style: str | None) -> Cell:
    """An amount as a number, or as text: '1.234', 'Rp 1.234' or 'Rp 1.234,00'."""
    if style == "plain":
        return ribuan(value)
    if style == "rp":
        return f"Rp {ribuan(value)}"
    if style == "rp_sen":
        return f"Rp {ribuan(value)},00"
    return value


def percent_cell(value: float | None, style: str | None) -> Cell:
    """A percentage as a number, or as text with a decimal comma."""
    if value is None:
        return None
    return desimal(value) if style == "text" else value


def write_rfk(path: Path, dokumen: str, cutoff: dt.date, rows: list[BudgetRow],
              printed: dict[str, dict[str, int]], text: dict[str, dict[str, str]],
              fisik_total: bool) -> Path:
    """One RFK export: SIPD's six title rows, a blank row, the header, the tree."""
    lines: list[list[Cell]] = []
    for row in rows:
        key = row.kode or "JUMLAH"
        pagu = printed.get(key, {}).get("pagu", row.pagu)
        realisasi = printed.get(key, {}).get("realisasi", row.realisasi)
        style = text.get(key, {})
        fisik = row.fisik if (row.level != "total" or fisik_total) else None
        lines.append([row.kode or None, row.uraian,
                      amount_cell(pagu, style.get("pagu")),
                      amount_cell(realisasi, style.get("realisasi")),
                      percent_cell(round(100 * realisasi / pagu, 2), style.get("persen")),
                      percent_cell(fisik, style.get("fisik"))])
    titles = ["PEMERINTAH KABUPATEN TABANAN", "LAPORAN REALISASI FISIK DAN KEUANGAN",
              f"TAHUN ANGGARAN {cutoff.year}", f"SKPD : {SKPD}",
              f"JENIS DOKUMEN : {dokumen}",
              f"KEADAAN S.D. : {cutoff.day} {BULAN[cutoff.month - 1]} {cutoff.year}"]
    return write_sheet(path, "RFK", SIPD_HEADER, lines, SIPD_WIDTHS, titles=titles)


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



def write(out: Path) -> list[Path]:
    """``raw/sipd/``: the Q4 DPPA, the Q2 DPA and the superseded Q4 DPA."""
    r = rng()
    subs = sub_kegiatan_list()
    check_budget(subs)
    pagu_dppa = {s.kode: s.pagu for s in subs}
    pagu_dpa = {s.kode: DPA_PAGU.get(s.kode, s.pagu) for s in subs}
    real_q4 = {s.kode: s.realisasi for s in subs}
    fisik_q4: dict[str, float] = {s.kode: FISIK_Q4.get(s.kode, 100) for s in subs}
    real_q2: dict[str, int] = {}
    fisik_q2: dict[str, float] = {}
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
    return [write_rfk(out / "sipd" / name, dokumen, cutoff, rows, printed, text, fisik_total)
            for name, dokumen, cutoff, rows, printed, text, fisik_total in files]
