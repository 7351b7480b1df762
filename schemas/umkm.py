"""UMKM counts per village, as collected from each kepala desa."""

from __future__ import annotations

import pandera.polars as pa

from schemas.common import Provenance, kode_desa, kode_wilayah, tahun
from schemas.pesan import _


class UmkmDesa(Provenance):
    tahun: int = tahun()
    kode_wilayah: str = kode_wilayah()
    kode_desa: str = kode_desa()
    nama_desa: str = pa.Field(nullable=True, description=_("Village name as the file gives it"))
    kecamatan: str = pa.Field(nullable=True, description=_("Kecamatan name as the file gives it"))
    sektor: str = pa.Field(nullable=False, description=_("Free text (Perdagangan, Aneka Jasa, …)"))
    skala: str = pa.Field(isin=["mikro", "kecil", "menengah", "semua"], nullable=False, description=_("semua: a table that counts every scale (open data)"))
    jumlah_usaha: int = pa.Field(ge=0, nullable=False, description=_("Number of UMKM of the village, sector and scale"))
    jumlah_tenaga_kerja: int = pa.Field(ge=0, nullable=True, description=_("Workers of those UMKM; empty where not collected"))

    class Config:
        unique = ["tahun", "kode_desa", "sektor", "skala"]


class UmkmWilayah(Provenance):
    """One region-level UMKM figure of an open-data table (per kabupaten/kota, or a Satu Data
    indicator with years as columns): a measure the formulas read where no village data give it."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    ukuran: str = pa.Field(str_matches=r"^umkm\.[a-z0-9_]+$", nullable=False, description=_("umkm.jumlah for a count of UMKM, else umkm.<indicator>"))
    indikator: str = pa.Field(nullable=False, description=_("The indicator or measure column as the table names it"))
    satuan: str = pa.Field(nullable=True, description=_("Unit of the number"))
    nilai: float = pa.Field(nullable=False, description=_("The number, in satuan"))

    class Config:
        unique = ["kode_wilayah", "tahun", "ukuran"]
