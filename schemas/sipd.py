"""SIPD Laporan Realisasi Fisik dan Keuangan: one row per printed line of the workbook."""

from __future__ import annotations

import datetime

import pandera.polars as pa
import polars as pl

from schemas.common import Provenance, kode_wilayah, tahun
from schemas.pesan import _

# Permendagri 90/2019 codes: program U.BB.PP, kegiatan U.BB.PP.K.KK, sub kegiatan U.BB.PP.K.KK.SSSS.
PROGRAM_PATTERN = r"^\d\.\d{2}\.\d{2}$"
KEGIATAN_PATTERN = r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$"
SUB_KEGIATAN_PATTERN = r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$"
# Budgets up to 2020 are coded by Permendagri 13/2006: program and kegiatan only, codes read as
# printed (dotted numbers of no fixed width, often with the SKPD inside: 1.15.1.15.01.15.01); the
# kegiatan lines are the data, and a kegiatan's program is its code without the last segment.
TAHUN_13_2006 = 2020  # the last fiscal year coded by Permendagri 13/2006
KODE_13_2006_PATTERN = r"^\d+(\.\d+)+$"
# The JUMLAH row has no code: kode is empty text there, so keys stay comparable in DuckDB.
KODE_PATTERN = r"^(\d\.\d{2}\.\d{2}(\.\d\.\d{2}(\.\d{4})?)?)?$|" + KODE_13_2006_PATTERN
KODE_PROGRAM_PATTERN = f"{PROGRAM_PATTERN}|{KODE_13_2006_PATTERN}"  # a program's code in either coding
KODE_SKPD_PATTERN = r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$"

PROGRAM, KEGIATAN, SUB_KEGIATAN, TOTAL = "program", "kegiatan", "sub_kegiatan", "total"
DICETAK, NOMENKLATUR, PERMENDAGRI_13_2006 = "dicetak", "nomenklatur", "permendagri_13_2006"  # where a line's code came from
DIHITUNG, TIDAK_DIHITUNG = "dihitung", "tidak_dihitung"  # a hidden row: counted, or left out
KODE_DARI = [DICETAK, NOMENKLATUR, PERMENDAGRI_13_2006]
LEVELS = [PROGRAM, KEGIATAN, SUB_KEGIATAN, TOTAL]
PRINTED_SUBTOTALS = [PROGRAM, KEGIATAN, TOTAL]
# dihitung: a hidden row left out is another record than a visible line of the same code
KEY = ["kode_wilayah", "tahun", "skpd", "kode_unit", "jenis_dokumen", "tanggal_keadaan", "tata_letak", "level", "kode", "dihitung"]


def level_of(kode: pl.Expr) -> pl.Expr:
    """The level a (normalised) Permendagri 90/2019 code's shape implies; null for any other shape."""
    return (
        pl.when(kode == "").then(pl.lit(TOTAL))
        .when(kode.str.contains(PROGRAM_PATTERN)).then(pl.lit(PROGRAM))
        .when(kode.str.contains(KEGIATAN_PATTERN)).then(pl.lit(KEGIATAN))
        .when(kode.str.contains(SUB_KEGIATAN_PATTERN)).then(pl.lit(SUB_KEGIATAN))
    )


def coded_13_2006(tahun: pl.Expr) -> pl.Expr:
    """A budget of a year coded by Permendagri 13/2006."""
    return tahun <= TAHUN_13_2006


def program_13_2006(kode: pl.Expr) -> pl.Expr:
    """A 13/2006 kegiatan's program: its code without the last segment."""
    return kode.str.replace(r"\.\d+$", "")


def is_data(level: pl.Expr, tahun: pl.Expr) -> pl.Expr:
    """The lines that are the budget's data, every subtotal a sum of them: sub kegiatan, and the
    kegiatan of a Permendagri 13/2006 budget (which has no sub kegiatan)."""
    return (level == SUB_KEGIATAN) | ((level == KEGIATAN) & coded_13_2006(tahun))


def fits_level(kode: pl.Expr, level: pl.Expr, tahun: pl.Expr) -> pl.Expr:
    """A line's code fits its level: by its shape (90/2019), or, in a 13/2006 budget, a printed
    program or kegiatan code (its level comes from the file's tree, not its shape)."""
    printed = (kode == "") & (level == TOTAL) | kode.str.contains(KODE_13_2006_PATTERN) & level.is_in([PROGRAM, KEGIATAN])
    return pl.when(coded_13_2006(tahun)).then(printed).otherwise(level_of(kode).eq_missing(level))


class SipdRfk(Provenance):
    """One budget line as a budget file gives it (README: budget files), whatever its layout."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    skpd: str = pa.Field(nullable=False, description=_("Whose budget: the catalog's OPD where the region has a catalog, else the SKPD code or name"))
    kode_skpd: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=True, description=_("SKPD code (2.17.2.07.0.00.01.0000) where the file prints one"))
    nama_skpd: str = pa.Field(nullable=True, description=_("The SKPD as the file names it"))
    kode_unit: str = pa.Field(str_matches=KODE_SKPD_PATTERN, nullable=True, description=_("Sub-unit (an RSUD, a puskesmas) where the file names one"))
    nama_unit: str = pa.Field(nullable=True, description=_("The sub-unit as the file names it"))
    jenis_dokumen: str = pa.Field(isin=["DPA", "DPPA"], nullable=False, description=_("DPA = original budget, DPPA = revised"))
    tanggal_keadaan: datetime.date = pa.Field(nullable=True, description=_("Cut-off date, cumulative; empty for a file of the whole year (a rekap)"))
    triwulan: int = pa.Field(ge=1, le=4, nullable=True, description=_("Quarter of the cut-off (1–4); empty for a file of the whole year"))
    periode: str = pa.Field(str_matches=r"^\d{4}-Q[1-4]$", nullable=True, description=_("The quarter holding the cut-off (2023-Q4); empty for a file of the whole year"))
    kode: str = pa.Field(str_matches=KODE_PATTERN, nullable=False, description=_("Program/kegiatan/sub kegiatan code; empty on the total line"))
    parent_kode: str = pa.Field(nullable=True, description=_("Kegiatan of a sub kegiatan, program of a kegiatan"))
    level: str = pa.Field(isin=LEVELS, nullable=False, description=_("Line level: program, kegiatan, sub_kegiatan or total"))
    urusan: str = pa.Field(str_matches=r"^\d\.\d{2}$", nullable=True, description=_("Urusan/bidang (2.07 = Tenaga Kerja)"))
    kode_program: str = pa.Field(str_matches=KODE_PROGRAM_PATTERN, nullable=True, description=_("Program code, by the year's nomenclature"))
    uraian: str = pa.Field(nullable=False, description=_("Name of the program, kegiatan or sub kegiatan as the budget file prints it"))
    pagu: float = pa.Field(ge=0, nullable=True, description=_("Budget ceiling, rupiah; empty where the file gives none (a realisasi per document)"))
    realisasi: float = pa.Field(ge=0, nullable=True, description=_("Financial realisation, rupiah (may exceed pagu); empty where the file gives none (a rekap)"))
    persen_keuangan: float = pa.Field(nullable=True, description=_("Printed realisasi ÷ pagu, percent"))
    persen_fisik: float = pa.Field(ge=0, le=100, nullable=True, description=_("Printed physical progress, percent"))
    dihitung: bool = pa.Field(nullable=False, description=_(
        "Whether the line counts in the budget: false only for a line whose rows are all hidden in the sheet and that the "
        "sheet's printed total does not include"))
    tersembunyi: str = pa.Field(isin=[DIHITUNG, TIDAK_DIHITUNG], nullable=True, description=_(
        "For a line holding rows hidden in the sheet: dihitung (the sheet's printed total includes them) or tidak_dihitung "
        "(left out); empty for a visible line"))
    baris_tersembunyi: str = pa.Field(nullable=True, description=_("The hidden rows (Excel's row numbers) the line holds"))
    pagu_tersembunyi: float = pa.Field(nullable=True, description=_("Pagu of the hidden rows, rupiah"))
    realisasi_tersembunyi: float = pa.Field(nullable=True, description=_("Realisasi of the hidden rows, rupiah"))
    tata_letak: str = pa.Field(nullable=False, description=_("The layout the file was read as (sipd_rfk, sipd_ri_rekap, rfk_bulanan, …)"))
    kode_dari: str = pa.Field(isin=KODE_DARI, nullable=False, description=_(
        "The code as printed, matched by name to the national nomenclature, or printed in a Permendagri 13/2006 budget (up to 2020)"))
    wilayah_dari: str = pa.Field(isin=["judul", "pemetaan", "katalog", "satu_wilayah"], nullable=False,
                                 description=_("How the region was found: the title, raw/sipd/wilayah.csv, the catalog naming the SKPD, the only region with a catalog"))

    class Config:
        unique = KEY

    @pa.dataframe_check(name="level_matches_kode")
    @classmethod
    def level_matches_kode(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(fits_level(pl.col("kode"), pl.col("level"), pl.col("tahun")))

    @pa.dataframe_check(name="13_2006_up_to_2020")
    @classmethod
    def coded_by_the_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(coded_13_2006(pl.col("tahun")) == (pl.col("kode_dari") == PERMENDAGRI_13_2006))


class SipdSubKegiatan(SipdRfk):
    """Only the budget data itself: sub kegiatan rows (kegiatan rows in a 13/2006 budget)."""

    @pa.dataframe_check(name="only_sub_kegiatan")
    @classmethod
    def only_sub_kegiatan(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(is_data(pl.col("level"), pl.col("tahun")))


class SipdSubtotalCetak(SipdRfk):
    """Only program, kegiatan and JUMLAH rows as SIPD printed them: compared, never summed."""

    @pa.dataframe_check(name="only_printed_subtotals")
    @classmethod
    def only_printed_subtotals(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("level").is_in(PRINTED_SUBTOTALS) & ~is_data(pl.col("level"), pl.col("tahun")))
