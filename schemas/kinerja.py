"""Performance tables: realisasi per indicator, Tabel 3.1/3.2/3.6 rows, Tabel 3.3."""

import pandera.polars as pa

from schemas.common import Kontrak, indicator_id, kode_wilayah, tahun
from schemas.katalog import Indikator


class Realisasi(Kontrak):
    """One row per catalog indicator: the measures it read, their values, and where they came from."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    rumus: str = pa.Field(isin=["nilai", "rasio", "pertumbuhan"], nullable=False)
    satuan: str = pa.Field(nullable=True)
    ukuran: str = pa.Field(nullable=True)
    pembilang: str = pa.Field(nullable=True)
    penyebut: str = pa.Field(nullable=True)
    nilai_ukuran: float = pa.Field(nullable=True)
    nilai_ukuran_lalu: float = pa.Field(nullable=True)
    nilai_pembilang: float = pa.Field(nullable=True)
    nilai_penyebut: float = pa.Field(nullable=True)
    realisasi: float = pa.Field(nullable=True, description="Full precision; empty when undefined (see keterangan)")
    keterangan: str = pa.Field(nullable=True, description="Why a value is empty")
    data_kosong: bool = pa.Field(nullable=False, description="A measure it reads has no value (not yet published, or its source has no data in raw/)")
    ukuran_dipakai: str = pa.Field(nullable=False, description="measure, year read and value, e.g. bps.angkatan_kerja 2022 = 287569.0")
    sumber: str = pa.Field(nullable=False, description="Raw files the measures came from")
    source_file: str = pa.Field(nullable=False, description="The catalog file")

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id"]

    @pa.dataframe_check
    def empty_only_with_a_reason(cls, df):  # noqa: N805 — pandera passes the class
        import polars as pl

        return df.lazyframe.select(pl.col("realisasi").is_not_null() | pl.col("keterangan").is_not_null())


class IkuCapaian(Indikator):
    """LKjIP Tabel 3.1 (jenis iku), 3.2 (tambahan) and 3.6 (program) rows."""

    realisasi: float = pa.Field(nullable=True)
    capaian: float = pa.Field(nullable=True, description="Percent of target, full precision")
    predikat: str = pa.Field(nullable=True)
    keterangan: str = pa.Field(nullable=True)
    data_kosong: bool = pa.Field(nullable=False, description="A measure it reads has no value: realisasi is unknown, not undefined")
    program: str = pa.Field(nullable=True)
    pagu: float = pa.Field(ge=0, nullable=True, description="Program pagu (jenis program rows)")
    realisasi_anggaran: float = pa.Field(ge=0, nullable=True)
    sumber: str = pa.Field(nullable=False)
    source_file: str = pa.Field(nullable=False)


class IkuPerbandingan(Kontrak):
    """LKjIP Tabel 3.3: each IKU against the year before."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    urutan: int = pa.Field(ge=1, nullable=False)
    tahun_lalu: int = pa.Field(nullable=False)
    target_lalu: float = pa.Field(nullable=True)
    realisasi_lalu: float = pa.Field(nullable=True)
    capaian_lalu: float = pa.Field(nullable=True)
    target: float = pa.Field(nullable=False)
    realisasi: float = pa.Field(nullable=True)
    capaian: float = pa.Field(nullable=True)

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id"]
