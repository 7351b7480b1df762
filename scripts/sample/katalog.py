"""The Perjanjian Kinerja catalogs: which indicators the dinas committed to, and how each is
computed from the measures of the other sources.

One YAML per year (``<kode_wilayah>_<tahun>.yaml``). 2022 holds the nine IKU of Tabel 2.1;
2023 adds the kinerja tambahan of Tabel 2.2 and the program indicators of Tabel 2.3/3.6.
Free text is written as the report words it, including its "Definisi Operasional/Formula".
"""

from __future__ import annotations

import json
from pathlib import Path

from .region import KODE_WILAYAH
from .writers import write_text

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
    """The ``definisi`` field of an indicator, where the report gives one."""
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
    """The whole catalog of one year; 2023 adds kinerja tambahan and program indicators."""
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


def write(out: Path) -> list[Path]:
    """``raw/perjanjian_kinerja/51.02_2023.yaml`` and ``..._2022.yaml``."""
    return [write_text(out / "perjanjian_kinerja" / f"{KODE_WILAYAH}_{year}.yaml",
                       catalog_yaml(year))
            for year in (2023, 2022)]
