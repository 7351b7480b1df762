"""UMKM counts per village, as collected from each kepala desa."""

from __future__ import annotations

import pandera.polars as pa

from schemas.common import Provenance, kode_desa, kode_wilayah, tahun


class UmkmDesa(Provenance):
    tahun: int = tahun()
    kode_wilayah: str = kode_wilayah()
    kode_desa: str = kode_desa()
    nama_desa: str = pa.Field(nullable=True)
    kecamatan: str = pa.Field(nullable=True)
    sektor: str = pa.Field(nullable=False, description="Free text (Perdagangan, Aneka Jasa, …)")
    skala: str = pa.Field(isin=["mikro", "kecil", "menengah"], nullable=False)
    jumlah_usaha: int = pa.Field(ge=0, nullable=False)
    jumlah_tenaga_kerja: int = pa.Field(ge=0, nullable=True)

    class Config:
        unique = ["tahun", "kode_desa", "sektor", "skala"]
