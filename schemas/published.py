"""Figures as printed in a published LKjIP, transcribed cell by cell (for the reviu)."""

import pandera.polars as pa

from schemas.common import Provenance, kode_wilayah, tahun

TABEL = ["3.1", "3.2", "3.3", "3.4", "3.6", "3.7"]
KOLOM = ["target", "realisasi", "capaian", "predikat", "pagu", "realisasi_keuangan", "persen_keuangan", "persen_fisik"]


class AngkaTerbit(Provenance):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    tabel: str = pa.Field(isin=TABEL, nullable=False, description="LKjIP table number")
    kunci: str = pa.Field(nullable=False, description="Indicator id, budget kode or JUMLAH")
    kolom: str = pa.Field(isin=KOLOM, nullable=False)
    nilai_terbit: str = pa.Field(nullable=False, description="The printed text: 3,83%, Rp9.770.736.608, Sangat Berhasil, -")
    nilai: float = pa.Field(nullable=True, description="The printed number, where the text is one")
    desimal: int = pa.Field(ge=0, nullable=False, description="Decimals shown in print (precision for comparisons)")

    class Config:
        unique = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom"]
