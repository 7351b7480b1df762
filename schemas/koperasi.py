"""Cooperatives: the ODS registry, its year-end view, and the assessments (docs/sumber.md §2–3)."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData

from schemas.common import Provenance, kode_desa, kode_wilayah, tahun
from schemas.pesan import _

# The assessment bands as data, once: the readers, the measures and the review take them from here.
KESEHATAN = "kesehatan"
KUALITAS = "kualitas"
JENIS_PENILAIAN = [KESEHATAN, KUALITAS]

# (predikat, lowest skor in the band), highest band first; the last band has no floor.
HEALTH_BANDS: list[tuple[str, float | None]] = [
    ("Sehat", 80.0),
    ("Cukup Sehat", 66.0),
    ("Dalam Pengawasan", 51.0),
    ("Dalam Pengawasan Khusus", None),
]

PREDIKAT_KESEHATAN = [name for name, _ in HEALTH_BANDS]
PREDIKAT_KUALITAS = ["Berkualitas", "Tidak Berkualitas"]
PREDIKAT = {KESEHATAN: PREDIKAT_KESEHATAN, KUALITAS: PREDIKAT_KUALITAS}


NIK_PATTERN = r"^\d{16}$"
JENIS_KOPERASI = ["Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa"]
STATUS_KOPERASI = ["Aktif", "Tidak Aktif"]
GRADE_KOPERASI = ["A", "B", "C1", "C2", "D"]


def nomor_induk_koperasi(nullable: bool) -> object:
    return pa.Field(
        str_matches=NIK_PATTERN,
        nullable=nullable,
        description=_("NIK koperasi: 16 digits kept as text (leading zeros matter)"),
    )


class KoperasiRegistry(Provenance):
    """One row per cooperative, as in the ODS export (re-exports counted once)."""

    kode_wilayah: str = kode_wilayah()
    koperasi_id: str = pa.Field(
        nullable=False, description=_("NIK when the cooperative has one, else its nomor badan hukum")
    )
    nomor_induk_koperasi: str = nomor_induk_koperasi(nullable=True)
    nama_koperasi: str = pa.Field(nullable=False, description=_("Name of the cooperative"))
    nomor_badan_hukum: str = pa.Field(nullable=False, description=_("e.g. 126/BH/KDK/1.6/II/2000"))
    tanggal_badan_hukum: date = pa.Field(nullable=False, description=_("Date of the legal entity (founding)"))
    bentuk_koperasi: str = pa.Field(nullable=True, description=_("Primer/Sekunder + level"))
    jenis_koperasi: str = pa.Field(isin=JENIS_KOPERASI, nullable=True, description=_("Type of cooperative as ODS records it"))
    kelompok_koperasi: str = pa.Field(nullable=True, description=_("Group of cooperative as ODS records it"))
    sektor_usaha: str = pa.Field(nullable=True, description=_("Business sector as ODS records it"))
    status_koperasi: str = pa.Field(isin=STATUS_KOPERASI, nullable=True, description=_("Status at export time"))
    grade_koperasi: str = pa.Field(isin=GRADE_KOPERASI, nullable=True, description=_("RAT reporting record"))
    kode_desa: str = kode_desa()
    desa: str = pa.Field(nullable=True, description=_("Village name as the file gives it"))
    kecamatan: str = pa.Field(nullable=True, description=_("Kecamatan name as the file gives it"))
    kabupaten: str = pa.Field(nullable=True, description=_("Kabupaten/kota name as the file gives it"))
    provinsi: str = pa.Field(nullable=True, description=_("Province name as the file gives it"))
    tanggal_pembubaran: date = pa.Field(nullable=True, description=_("Date dissolved; empty while it exists"))
    alamat_lengkap: str = pa.Field(nullable=True, description=_("Full address"))

    class Config:
        unique = ["koperasi_id"]

    @pa.dataframe_check
    def dissolved_after_founded(cls, data: PolarsData) -> pl.LazyFrame:
        """A cooperative cannot be dissolved before its badan hukum date."""
        return data.lazyframe.select(
            (pl.col("tanggal_pembubaran") >= pl.col("tanggal_badan_hukum")).fill_null(True)
        )


class KoperasiAkhirTahun(KoperasiRegistry):
    """The registry as at 31 Dec of `tahun`: cooperatives founded by then (koperasi.jumlah/baru)."""

    tahun: int = tahun()
    aktif_akhir_tahun: bool = pa.Field(nullable=False, description=_("Not dissolved by 31 Dec of tahun"))
    baru: bool = pa.Field(nullable=False, description=_("Badan hukum dated in tahun"))

    class Config:
        unique = ["tahun", "koperasi_id"]

    @pa.dataframe_check
    def founded_by_year_end(cls, data: PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("tanggal_badan_hukum").dt.year() <= pl.col("tahun"))


class KoperasiPenilaian(Provenance):
    """One assessment of one cooperative in one year; the region comes from the registry."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    nomor_induk_koperasi: str = nomor_induk_koperasi(nullable=False)
    nama_koperasi: str = pa.Field(nullable=True, description=_("Name of the cooperative"))
    jenis_penilaian: str = pa.Field(isin=JENIS_PENILAIAN, nullable=False, description=_("kesehatan (KSP/USP health) or kualitas (koperasi berkualitas)"))
    skor: float = pa.Field(ge=0, le=100, nullable=True, description=_("0–100; a quality verdict may have none"))
    predikat: str = pa.Field(isin=PREDIKAT[KESEHATAN] + PREDIKAT[KUALITAS], nullable=False, description=_("The assessment's verdict (Sehat … Dalam Pengawasan Khusus; Berkualitas / Tidak Berkualitas)"))

    class Config:
        unique = ["nomor_induk_koperasi", "tahun", "jenis_penilaian"]

    @pa.dataframe_check
    def predikat_fits_jenis(cls, data: PolarsData) -> pl.LazyFrame:
        """Sehat … Dalam Pengawasan Khusus only for kesehatan; Berkualitas/Tidak only for kualitas."""
        jenis, predikat = pl.col("jenis_penilaian"), pl.col("predikat")
        fits = (
            pl.when(jenis == KESEHATAN).then(predikat.is_in(PREDIKAT[KESEHATAN]))
            .when(jenis == KUALITAS).then(predikat.is_in(PREDIKAT[KUALITAS]))
            .otherwise(pl.lit(True))  # an unknown jenis is reported by its own isin check
        )
        return data.lazyframe.select(fits.fill_null(True))

    @pa.dataframe_check
    def kesehatan_has_skor(cls, data: PolarsData) -> pl.LazyFrame:
        """A health assessment is a score; without it the band cannot be reviewed."""
        has_skor = (pl.col("jenis_penilaian") != KESEHATAN) | pl.col("skor").is_not_null()
        return data.lazyframe.select(has_skor.fill_null(True))
