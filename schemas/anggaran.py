"""Budget marts: Tabel 3.7 tree per quarter, absorption per program, DPA→DPPA pagu changes."""

import datetime

import pandera.polars as pa

from schemas.common import Kontrak, kode_wilayah, tahun
from schemas.pesan import _
from schemas.sipd import KODE_13_2006_PATTERN, KODE_PATTERN, SUB_KEGIATAN_PATTERN

_periode = dict(str_matches=r"^\d{4}-Q[1-4]$", nullable=False, description=_("Year and quarter of the cut-off (2023-Q4)"))


class RealisasiAnggaran(Kontrak):
    """LKjIP Tabel 3.7 for one quarter: every amount a sum of its sub kegiatan."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    periode: str = pa.Field(**_periode)
    level: str = pa.Field(isin=["program", "kegiatan", "sub_kegiatan", "total"], nullable=False, description=_("Line level: program, kegiatan, sub_kegiatan or total"))
    kode: str = pa.Field(str_matches=KODE_PATTERN, nullable=False, description=_("Empty on the total row"))
    parent_kode: str = pa.Field(nullable=True, description=_("Code of the line one level up (the kegiatan of a sub kegiatan, the program of a kegiatan)"))
    uraian: str = pa.Field(nullable=True, description=_("Name of the program, kegiatan or sub kegiatan as the budget file prints it"))
    pagu: float = pa.Field(ge=0, nullable=True, description=_("Empty where no budget file gives the pagu"))
    realisasi: float = pa.Field(ge=0, nullable=True, description=_("Empty where a budget file gives no realisasi (a rekap): undefined, never 0"))
    persen_keuangan: float = pa.Field(nullable=True, description=_("realisasi ÷ pagu × 100, full precision"))
    persen_fisik: float = pa.Field(ge=0, le=100, nullable=True, description=_("Pagu-weighted mean of the children"))
    sumber: str = pa.Field(nullable=False, description=_("Budget files under raw/ the line's sub kegiatan came from"))

    class Config:
        unique = ["kode_wilayah", "periode", "level", "kode"]


class Serapan(Kontrak):
    """Budget absorption per program and quarter (and the total)."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    periode: str = pa.Field(**_periode)
    level: str = pa.Field(isin=["program", "total"], nullable=False, description=_("program, or total for the whole budget"))
    kode: str = pa.Field(str_matches=KODE_PATTERN, nullable=False, description=_("Program code; empty on the total row"))
    uraian: str = pa.Field(nullable=True, description=_("Name of the program, kegiatan or sub kegiatan as the budget file prints it"))
    pagu: float = pa.Field(ge=0, nullable=True, description=_("Pagu, rupiah; empty where no budget file gives it"))
    realisasi: float = pa.Field(ge=0, nullable=True, description=_("Empty when undefined (no realisasi in the budget files)"))
    sisa_anggaran: float = pa.Field(nullable=True, description=_("pagu − realisasi to date (negative when overspent); empty when either is"))
    persen: float = pa.Field(nullable=True, description=_("Percent absorbed: realisasi ÷ pagu × 100, full precision"))

    class Config:
        unique = ["kode_wilayah", "periode", "level", "kode"]


class PerubahanPagu(Kontrak):
    """Pagu per sub kegiatan before (DPA) and after (DPPA) the revision, same SKPD and cut-off."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    skpd: str = pa.Field(nullable=False, description=_("Whose budget (the catalog's OPD, or the SKPD's code or name)"))
    tanggal_keadaan: datetime.date = pa.Field(nullable=False, description=_("Cut-off date of the DPA and DPPA compared"))
    periode: str = pa.Field(**_periode)
    kode: str = pa.Field(str_matches=f"{SUB_KEGIATAN_PATTERN}|{KODE_13_2006_PATTERN}", nullable=False,
                         description=_("Sub kegiatan (a kegiatan in a Permendagri 13/2006 budget, up to 2020)"))
    uraian: str = pa.Field(nullable=True, description=_("Name of the program, kegiatan or sub kegiatan as the budget file prints it"))
    pagu_dpa: float = pa.Field(ge=0, nullable=True, description=_("Pagu in the DPA (before the revision), rupiah"))
    pagu_dppa: float = pa.Field(ge=0, nullable=True, description=_("Pagu in the DPPA (after the revision), rupiah"))
    selisih: float = pa.Field(nullable=False, description=_("pagu_dppa − pagu_dpa, rupiah (negative when the pagu was cut)"))

    class Config:
        unique = ["kode_wilayah", "skpd", "tanggal_keadaan", "kode"]
