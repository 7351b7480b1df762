"""The Perjanjian Kinerja catalog, one row per indicator with its effective settings."""

import pandera.polars as pa
import polars as pl

from schemas.measures import MEASURE_PATTERN
from schemas.common import Kontrak, Provenance, indicator_id, kode_wilayah, tahun
from schemas.sipd import KODE_PROGRAM_PATTERN, KODE_SKPD_PATTERN

# pandera's str_matches anchors only the start: both alternatives of the grammar end in `$`.
_measure = dict(str_matches=MEASURE_PATTERN, nullable=True)


class Indikator(Kontrak):
    """An indicator as its catalog declares it; the rows of Tabel 3.1, 3.2 and 3.6 carry the same columns."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    urutan: int = pa.Field(ge=1, nullable=False, description="Order in the catalog (row number in the LKjIP table)")
    jenis: str = pa.Field(isin=["iku", "tambahan", "program"], nullable=False)
    sasaran: str = pa.Field(nullable=True)
    indikator: str = pa.Field(nullable=False)
    definisi: str = pa.Field(nullable=True)
    satuan: str = pa.Field(nullable=True)
    arah: str = pa.Field(isin=["naik", "turun"], nullable=False)
    target: float = pa.Field(nullable=False)

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id"]


class KatalogIndikator(Indikator, Provenance):
    """A catalog indicator with its effective settings: formula, measures, data years and predikat scale."""

    opd: str = pa.Field(nullable=False)
    kode_skpd: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=True, description="The OPD's SKPD code, when the catalog gives it")
    kode_unit: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=True, description="One sub-unit of the SKPD, when the catalog reports only that")
    rumus: str = pa.Field(isin=["nilai", "rasio", "pertumbuhan"], nullable=False)
    ukuran: str = pa.Field(**_measure)
    pembilang: str = pa.Field(**_measure)
    penyebut: str = pa.Field(**_measure)
    program: str = pa.Field(str_matches=KODE_PROGRAM_PATTERN, nullable=True)
    capaian_maks: float = pa.Field(gt=0, nullable=True)
    rumus_capaian: str = pa.Field(isin=["standar", "rasio_terbalik"], nullable=False)
    tahun_data_bps: int = pa.Field(nullable=False)
    tahun_data_koperasi: int = pa.Field(nullable=False)
    tahun_data_umkm: int = pa.Field(nullable=False)
    tahun_data_anggaran: int = pa.Field(nullable=False)
    tahun_data_manual: int = pa.Field(nullable=False)
    predikat_batas: pl.List(pl.Float64) = pa.Field(nullable=False, description="Lower bound of each step of the scale")  # type: ignore[valid-type]
    predikat_bawah_termasuk: pl.List(pl.Boolean) = pa.Field(nullable=False)  # type: ignore[valid-type]
    predikat_atas: pl.List(pl.Float64) = pa.Field(nullable=False, description="Upper bound of each band (none for lebih_dari steps)")  # type: ignore[valid-type]
    predikat_atas_termasuk: pl.List(pl.Boolean) = pa.Field(nullable=False)  # type: ignore[valid-type]
    predikat_nama: pl.List(pl.String) = pa.Field(nullable=False)  # type: ignore[valid-type]
