"""Performance tables: realisasi per indicator and the measures it read, Tabel 3.1/3.2/3.6 rows, Tabel 3.3."""

import pandera.polars as pa

from schemas.common import Kontrak, indicator_id, kode_wilayah, tahun
from schemas.katalog import Indikator
from schemas.measures import MEASURE_PATTERN
from schemas.pesan import _


class Realisasi(Kontrak):
    """One row per catalog indicator: the measures it read, their values, and where they came from."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    rumus: str = pa.Field(isin=["nilai", "rasio", "pertumbuhan"], nullable=False, description=_("How realisasi is computed: nilai (one measure), rasio (pembilang ÷ penyebut) or pertumbuhan (growth on the year before)"))
    satuan: str = pa.Field(nullable=True, description=_("Unit of target and realisasi (persen, orang, unit, …)"))
    ukuran: str = pa.Field(nullable=True, description=_("The measure read (rumus nilai and pertumbuhan)"))
    pembilang: str = pa.Field(nullable=True, description=_("Numerator measure (rumus rasio)"))
    penyebut: str = pa.Field(nullable=True, description=_("Denominator measure (rumus rasio)"))
    nilai_ukuran: float = pa.Field(nullable=True, description=_("Value of ukuran in the year read"))
    nilai_ukuran_lalu: float = pa.Field(nullable=True, description=_("Value of ukuran in the year before (rumus pertumbuhan)"))
    nilai_pembilang: float = pa.Field(nullable=True, description=_("Value of pembilang in the year read"))
    nilai_penyebut: float = pa.Field(nullable=True, description=_("Value of penyebut in the year read"))
    realisasi: float = pa.Field(nullable=True, description=_("Full precision; empty when undefined (see keterangan)"))
    keterangan: str = pa.Field(nullable=True, description=_("Why a value is empty"))
    data_kosong: bool = pa.Field(nullable=False, description=_("A measure it reads has no value (not yet published, or its source has no data in raw/)"))
    sumber: str = pa.Field(nullable=False, description=_("Raw files the measures came from"))
    source_file: str = pa.Field(nullable=False, description=_("The catalog file"))

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id"]

    @pa.dataframe_check
    def empty_only_with_a_reason(cls, df):  # noqa: N805 — pandera passes the class
        import polars as pl

        return df.lazyframe.select(pl.col("realisasi").is_not_null() | pl.col("keterangan").is_not_null())


class RealisasiMasukan(Kontrak):
    """One row per measure an indicator's realisasi read: the provenance trace and the reviu read,
    as data (sentences are made from it for people, never parsed back)."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    peran: str = pa.Field(isin=["ukuran", "ukuran_lalu", "pembilang", "penyebut"], nullable=False, description=_("The measure's role in the formula: ukuran, ukuran_lalu (the year before, rumus pertumbuhan), pembilang or penyebut"))
    ukuran: str = pa.Field(str_matches=MEASURE_PATTERN, nullable=False, description=_("The measure read, as the catalog names it"))
    tahun_data: int = pa.Field(nullable=False, description=_("The year the measure was read at (tahun plus its source's tahun_data offset; a year earlier for ukuran_lalu)"))
    periode: str = pa.Field(nullable=True, description=_("The BPS period the figure was read at (tahunan, agustus, …); empty for other sources"))
    nilai: float = pa.Field(nullable=True, description=_("The measure's value in that year; empty when the data has none (see keterangan)"))
    sumber: str = pa.Field(nullable=True, description=_("Source files under raw/ the number was computed from"))
    keterangan: str = pa.Field(nullable=True, description=_("Why the value is empty"))

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id", "peran"]


class IkuCapaian(Indikator):
    """LKjIP Tabel 3.1 (jenis iku), 3.2 (tambahan) and 3.6 (program) rows."""

    realisasi: float = pa.Field(nullable=True, description=_("Realisasi of the indicator, full precision; empty when undefined (see keterangan)"))
    capaian: float = pa.Field(nullable=True, description=_("Percent of target, full precision"))
    predikat: str = pa.Field(nullable=True, description=_("Predikat of the capaian on the catalog's scale"))
    keterangan: str = pa.Field(nullable=True, description=_("Why a value is empty"))
    data_kosong: bool = pa.Field(nullable=False, description=_("A measure it reads has no value: realisasi is unknown, not undefined"))
    program: str = pa.Field(nullable=True, description=_("Program code (jenis program rows)"))
    pagu: float = pa.Field(ge=0, nullable=True, description=_("Program pagu (jenis program rows)"))
    realisasi_anggaran: float = pa.Field(ge=0, nullable=True, description=_("Realisasi anggaran of the program to date, rupiah (jenis program rows)"))
    sumber: str = pa.Field(nullable=False, description=_("Raw files the measures came from"))
    source_file: str = pa.Field(nullable=False, description=_("The catalog file"))


class IkuPerbandingan(Kontrak):
    """LKjIP Tabel 3.3: each IKU against the year before."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    indicator_id: str = indicator_id()
    urutan: int = pa.Field(ge=1, nullable=False, description=_("Order in the catalog (row number in the LKjIP table)"))
    tahun_lalu: int = pa.Field(nullable=False, description=_("The year before (tahun − 1)"))
    target_lalu: float = pa.Field(nullable=True, description=_("Target of the year before, from that year's catalog"))
    realisasi_lalu: float = pa.Field(nullable=True, description=_("Realisasi of the year before, full precision"))
    capaian_lalu: float = pa.Field(nullable=True, description=_("Capaian of the year before, percent, full precision"))
    target: float = pa.Field(nullable=False, description=_("Target of the year, in satuan"))
    realisasi: float = pa.Field(nullable=True, description=_("Realisasi of the indicator, full precision; empty when undefined (see keterangan)"))
    capaian: float = pa.Field(nullable=True, description=_("Percent of target, full precision"))

    class Config:
        unique = ["kode_wilayah", "tahun", "indicator_id"]
