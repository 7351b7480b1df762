"""The Perjanjian Kinerja catalog, one row per indicator with its effective settings."""

import pandera.polars as pa
import polars as pl

from schemas.measures import MEASURE_PATTERN
from schemas.common import Kontrak, Provenance, indicator_id, kode_wilayah, tahun
from schemas.pesan import _
from schemas.sipd import KODE_PROGRAM_PATTERN, KODE_SKPD_PATTERN

# pandera's str_matches anchors only the start: both alternatives of the grammar end in `$`.
_measure = dict(str_matches=MEASURE_PATTERN, nullable=True)


class Indikator(Kontrak):
    """An indicator as its catalog declares it; the rows of Tabel 3.1, 3.2 and 3.6 carry the same columns."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    urutan: int = pa.Field(ge=1, nullable=False, description=_("Order in the catalog (row number in the LKjIP table)"))
    jenis: str = pa.Field(isin=["iku", "tambahan", "program"], nullable=False, description=_("Which LKjIP table: iku (Tabel 3.1), tambahan (3.2) or program (3.6)"))
    sasaran: str = pa.Field(nullable=True, description=_("The sasaran strategis the indicator serves"))
    indikator: str = pa.Field(nullable=False, description=_("The indicator's name as the LKjIP prints it"))
    definisi: str = pa.Field(nullable=True, description=_("How the indicator is defined, in words"))
    satuan: str = pa.Field(nullable=True, description=_("Unit of target and realisasi (persen, orang, unit, …)"))
    arah: str = pa.Field(isin=["naik", "turun"], nullable=False, description=_("naik: higher is better; turun: lower is better"))
    target: float = pa.Field(nullable=False, description=_("Target of the year, in satuan"))

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id"]


class KatalogIndikator(Indikator, Provenance):
    """A catalog indicator with its effective settings: formula, measures, data years and predikat scale."""

    opd: str = pa.Field(nullable=False, description=_("The OPD whose Perjanjian Kinerja it is"))
    kode_skpd: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=True, description=_("The OPD's SKPD code, when the catalog gives it"))
    kode_unit: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=True, description=_("One sub-unit of the SKPD, when the catalog reports only that"))
    rumus: str = pa.Field(isin=["nilai", "rasio", "pertumbuhan"], nullable=False, description=_("How realisasi is computed: nilai (one measure), rasio (pembilang ÷ penyebut) or pertumbuhan (growth on the year before)"))
    ukuran: str = pa.Field(**_measure, description=_("The measure read (rumus nilai and pertumbuhan)"))
    pembilang: str = pa.Field(**_measure, description=_("Numerator measure (rumus rasio)"))
    penyebut: str = pa.Field(**_measure, description=_("Denominator measure (rumus rasio)"))
    program: str = pa.Field(str_matches=KODE_PROGRAM_PATTERN, nullable=True, description=_("Program code of a jenis program indicator (its pagu and realisasi anggaran come from SIPD)"))
    capaian_maks: float = pa.Field(gt=0, nullable=True, description=_("Upper limit of capaian, percent; empty for none"))
    rumus_capaian: str = pa.Field(isin=["standar", "rasio_terbalik"], nullable=False, description=_("standar: realisasi ÷ target (arah turun: (2·target − realisasi) ÷ target); rasio_terbalik: target ÷ realisasi"))
    tahun_data_bps: int = pa.Field(nullable=False, description=_("Year offset at which BPS data are read (−1: the year before)"))
    tahun_data_koperasi: int = pa.Field(nullable=False, description=_("Year offset at which cooperative data are read (−1: the year before)"))
    tahun_data_umkm: int = pa.Field(nullable=False, description=_("Year offset at which UMKM data are read (−1: the year before)"))
    tahun_data_anggaran: int = pa.Field(nullable=False, description=_("Year offset at which budget data are read (−1: the year before)"))
    tahun_data_manual: int = pa.Field(nullable=False, description=_("Year offset at which manual measures are read (−1: the year before)"))
    predikat_batas: pl.List(pl.Float64) = pa.Field(nullable=False, description=_("Lower bound of each step of the scale"))  # type: ignore[valid-type]
    predikat_bawah_termasuk: pl.List(pl.Boolean) = pa.Field(nullable=False, description=_("Whether each lower bound belongs to its step"))  # type: ignore[valid-type]
    predikat_atas: pl.List(pl.Float64) = pa.Field(nullable=False, description=_("Upper bound of each band (none for lebih_dari steps)"))  # type: ignore[valid-type]
    predikat_atas_termasuk: pl.List(pl.Boolean) = pa.Field(nullable=False, description=_("Whether each upper bound belongs to its band"))  # type: ignore[valid-type]
    predikat_nama: pl.List(pl.String) = pa.Field(nullable=False, description=_("Name of each step of the scale (Sangat Berhasil, …)"))  # type: ignore[valid-type]
