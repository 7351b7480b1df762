"""Figures as printed in a published LKjIP (for the reviu): one row per printed cell."""

import pandera.polars as pa

from schemas.common import Provenance, kode_wilayah, tahun
from schemas.pesan import _

# A published table is named by what it is, whatever number its report gives it; the number the
# seed report (and PermenPAN-RB 53/2014's usual order) gives is its label when a file names none.
JENIS_TABEL = {
    "capaian_iku": "3.1",
    "capaian_tambahan": "3.2",
    "perbandingan_tahun_lalu": "3.3",
    "analisis_iku": "3.4",
    "capaian_program": "3.6",
    "realisasi_anggaran": "3.7",
    # BAB III tables the seed does not print (53/2014): no usual number
    "perbandingan_renstra": None,
    "perbandingan_nasional": None,
    "capaian_kegiatan": None,
    "skala_predikat": None,  # the predikat words the report uses and the lower bound of each
}
INDIKATOR = ["target", "realisasi", "capaian", "predikat"]
ANGGARAN = ["pagu", "realisasi_keuangan", "persen_keuangan", "persen_fisik"]
BULAN = [f"realisasi_bulan_{m}" for m in range(1, 13)]  # realisasi keuangan of (or up to) each month
RENSTRA = ["target_akhir", "capaian_akhir"]  # the Renstra's end-of-period target; realisasi to date against it
PEMBANDING = ["nasional", "provinsi", "persen_nasional", "persen_provinsi"]  # the region's realisasi against theirs
KOLOM = [*INDIKATOR, *ANGGARAN, *BULAN, *RENSTRA, *PEMBANDING, "batas_bawah"]


class AngkaTerbit(Provenance):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    tabel: str = pa.Field(isin=list(JENIS_TABEL), nullable=False, description=_("What the table is (capaian_iku, realisasi_anggaran, …)"))
    label: str = pa.Field(nullable=False, description=_("The table's number in its report (3.1, 2.5, …), for findings"))
    kunci: str = pa.Field(nullable=False, description=_("Indicator id or name, budget kode or JUMLAH"))
    kolom: str = pa.Field(isin=KOLOM, nullable=False, description=_("Which printed column the cell is in (target, realisasi, capaian, pagu, …)"))
    nilai_terbit: str = pa.Field(nullable=False, description=_("The printed text: 3,83%, Rp9.770.736.608, Sangat Berhasil, -"))
    nilai: float = pa.Field(nullable=True, description=_("The printed number, where the text is one"))
    desimal: int = pa.Field(ge=0, nullable=False, description=_("Decimals shown in print (precision for comparisons)"))

    class Config:
        unique = ["kode_wilayah", "tahun", "tabel", "label", "kunci", "kolom"]
