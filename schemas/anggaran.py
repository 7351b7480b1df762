"""Budget marts: Tabel 3.7 tree per quarter, absorption per program, DPA→DPPA pagu changes."""

import datetime

import pandera.polars as pa

from schemas.common import Kontrak, kode_wilayah, tahun
from schemas.sipd import KODE_13_2006_PATTERN, KODE_PATTERN, SUB_KEGIATAN_PATTERN

_periode = dict(str_matches=r"^\d{4}-Q[1-4]$", nullable=False, description="Year and quarter of the cut-off (2023-Q4)")


class RealisasiAnggaran(Kontrak):
    """LKjIP Tabel 3.7 for one quarter: every amount a sum of its sub kegiatan."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    periode: str = pa.Field(**_periode)
    level: str = pa.Field(isin=["program", "kegiatan", "sub_kegiatan", "total"], nullable=False)
    kode: str = pa.Field(str_matches=KODE_PATTERN, nullable=False, description="Empty on the total row")
    parent_kode: str = pa.Field(nullable=True)
    uraian: str = pa.Field(nullable=True)
    pagu: float = pa.Field(ge=0, nullable=True, description="Empty where no budget file gives the pagu")
    realisasi: float = pa.Field(ge=0, nullable=True, description="Empty where a budget file gives no realisasi (a rekap): undefined, never 0")
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
    pagu: float = pa.Field(ge=0, nullable=True)
    realisasi: float = pa.Field(ge=0, nullable=True, description="Empty when undefined (no realisasi in the budget files)")
    sisa_anggaran: float = pa.Field(nullable=True, description="pagu − realisasi to date (negative when overspent); empty when either is")
    persen: float = pa.Field(nullable=True)

    class Config:
        unique = ["kode_wilayah", "periode", "level", "kode"]


class PerubahanPagu(Kontrak):
    """Pagu per sub kegiatan before (DPA) and after (DPPA) the revision, same SKPD and cut-off."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    skpd: str = pa.Field(nullable=False, description="Whose budget (the catalog's OPD, or the SKPD's code or name)")
    tanggal_keadaan: datetime.date = pa.Field(nullable=False)
    periode: str = pa.Field(**_periode)
    kode: str = pa.Field(str_matches=f"{SUB_KEGIATAN_PATTERN}|{KODE_13_2006_PATTERN}", nullable=False,
                         description="Sub kegiatan (a kegiatan in a Permendagri 13/2006 budget, up to 2020)")
    uraian: str = pa.Field(nullable=True)
    pagu_dpa: float = pa.Field(ge=0, nullable=True)
    pagu_dppa: float = pa.Field(ge=0, nullable=True)
    selisih: float = pa.Field(nullable=False)

    class Config:
        unique = ["kode_wilayah", "skpd", "tanggal_keadaan", "kode"]
