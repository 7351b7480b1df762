"""Measures typed in by hand: inspectorate scores, BLK and placement reports, the dinas'
own recaps. They feed the indicators no source system covers.

Values are kept as typed, with comma or dot decimals, and each names its source document.
"""

from __future__ import annotations

from pathlib import Path

from .region import KODE_WILAYAH
from .writers import write_csv

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


def write(out: Path) -> list[Path]:
    """``raw/manual/manual_measures.csv``; measure names get the ``manual.`` prefix."""
    return [write_csv(out / "manual" / "manual_measures.csv", MANUAL_COLUMNS,
                      [[KODE_WILAYAH, year, f"manual.{name}", nilai, satuan, sumber]
                       for year, name, nilai, satuan, sumber in MANUAL_MEASURES])]
