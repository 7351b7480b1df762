"""Budget marts: Tabel 3.7 tree per quarter, absorption per program, DPA→DPPA pagu changes."""

import datetime

import pandera.polars as pa

from schemas.common import Kontrak, kode_wilayah, tahun
from schemas.sipd import KODE_PATTERN, KODE_SKPD_PATTERN, SUB_KEGIATAN_PATTERN

_periode = dict(str_matches=r"^\d{4}-Q[1-4]$", nullable=False, description="Year and quarter of the cut-off (2023-Q4)")
_rupiah = dict(ge=0, nullable=False)


class RealisasiAnggaran(Kontrak):
    """LKjIP Tabel 3.7 for one quarter: every amount a sum of its sub kegiatan."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    periode: str = pa.Field(**_periode)
    level: str = pa.Field(isin=["program", "kegiatan", "sub_kegiatan", "total"], nullable=False)
    kode: str = pa.Field(str_matches=KODE_PATTERN, nullable=False, description="Empty on the total row")
    parent_kode: str = pa.Field(nullable=True)
    uraian: str = pa.Field(nullable=True)
    pagu: float = pa.Field(**_rupiah)
    realisasi: float = pa.Field(**_rupiah)
    persen_keuangan: float = pa.Field(nullable=True, description="realisasi ÷ pagu × 100, full precision")
    persen_fisik: float = pa.Field(ge=0, le=100, nullable=True, description="Pagu-weighted mean of the children")
    sumber: str = pa.Field(nullable=False)

    class Config:
        unique = ["kode_wilayah", "periode", "level", "kode"]


class Serapan(Kontrak):
    """Budget absorption per program and quarter (and the total)."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    periode: str = pa.Field(**_periode)
    level: str = pa.Field(isin=["program", "total"], nullable=False)
    kode: str = pa.Field(str_matches=KODE_PATTERN, nullable=False)
    uraian: str = pa.Field(nullable=True)
    pagu: float = pa.Field(**_rupiah)
    realisasi: float = pa.Field(**_rupiah)
    sisa_anggaran: float = pa.Field(nullable=False, description="pagu − realisasi to date (negative when overspent)")
    persen: float = pa.Field(nullable=True)

    class Config:
        unique = ["kode_wilayah", "periode", "level", "kode"]


class PerubahanPagu(Kontrak):
    """Pagu per sub kegiatan before (DPA) and after (DPPA) the revision, same SKPD and cut-off."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    kode_skpd: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=False)
    tanggal_keadaan: datetime.date = pa.Field(nullable=False)
    periode: str = pa.Field(**_periode)
    kode: str = pa.Field(str_matches=SUB_KEGIATAN_PATTERN, nullable=False)
    uraian: str = pa.Field(nullable=True)
    pagu_dpa: float = pa.Field(ge=0, nullable=True)
    pagu_dppa: float = pa.Field(ge=0, nullable=True)
    selisih: float = pa.Field(nullable=False)

    class Config:
        unique = ["kode_wilayah", "kode_skpd", "tanggal_keadaan", "kode"]
