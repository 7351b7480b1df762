"""The steward-facing suites: what each one reads and what it expects.

Plain data, no Great Expectations import: `expectations(gxe)` receives the
`great_expectations.expectations` module when a suite runs. A suite is the same for every
region and runs on every region of a year or quarter at once.

Notes for whoever adds an expectation here:
- The regex expectations do not work on the duckdb dialect: write an UnexpectedRowsExpectation
  with `regexp_full_match(col, '...')`. Its query goes through str.format, so a regex brace is
  doubled (`\\d{{4}}`); `{batch}` is the partition's slice.
- Rules owned by a pandera contract or a blocking reader (types, patterns, ranges, keys, non-null
  columns, Kemendagri village codes) stay there: one owner per rule. A suite only warns about
  what a contract-valid table can still get wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from schemas.pesan import _


YEAR = "tahun"
QUARTER = "periode"

# Free text in the contract, but inconsistent spellings split the breakdown by sector.
SEKTOR_UMKM = [
    "Perdagangan", "Aneka Jasa", "Pertanian", "Industri Pengolahan", "Kuliner", "Peternakan", "Perikanan", "Kerajinan",
]
# Free text in the contract, but a form outside the official Primer/Sekunder list splits the breakdown by bentuk.
BENTUK_KOPERASI = [
    "Primer Kabupaten/Kota", "Primer Provinsi", "Primer Nasional",
    "Sekunder Kabupaten/Kota", "Sekunder Provinsi", "Sekunder Nasional",
]


@dataclass(frozen=True)
class Suite:
    """A suite is named after the table it reads; its description is what a steward reads about it
    (the asset check's description and the Data Docs' notes)."""

    table: str
    slice_column: str  # the partition column: tahun or periode
    expectations: Callable[[Any], list[Any]]
    description: str

    @property
    def name(self) -> str:
        return self.table.split(".")[-1]

    @property
    def asset_key(self) -> list[str]:
        return self.table.split(".")


def _in_code_list(gxe: Any, column: str, values: list[str], mostly: float, why: str) -> Any:
    return gxe.ExpectColumnValuesToBeInSet(
        column=column,
        value_set=values,
        mostly=mostly,
        description=f"{column} is one of {', '.join(values)} in at least {mostly:.0%} of rows: {why}.",
    )


def _name_is_not_a_number(gxe: Any, column: str) -> Any:
    return gxe.UnexpectedRowsExpectation(
        description=f"{column} is a name, not a number or a code (columns shifted in the export?).",
        unexpected_rows_query=(
            f"SELECT b.{column}, b.source_file, b.source_sheet, b.source_row FROM (SELECT * FROM {{batch}}) b "
            f"WHERE regexp_full_match(trim(b.{column}), '[0-9][0-9 .,/-]*')"
        ),
    )


def _filled(gxe: Any, column: str, mostly: float, why: str) -> Any:
    return gxe.ExpectColumnValuesToNotBeNull(
        column=column, mostly=mostly, description=f"{column} is filled in at least {mostly:.0%} of rows: {why}."
    )


def _umkm_desa(gxe: Any) -> list[Any]:
    return [
        _in_code_list(gxe, "sektor", SEKTOR_UMKM, 0.9, "a misspelled sector is counted apart in the breakdown by sector"),
        gxe.ExpectColumnSumToBeBetween(
            column="jumlah_usaha", min_value=1, description="The region counts at least one UMKM this year."
        ),
        _filled(gxe, "nama_desa", 0.95, "the village name a steward recognises"),
        _filled(gxe, "kecamatan", 0.95, "needed to confirm the village lies in the area of the export"),
        _filled(gxe, "jumlah_tenaga_kerja", 0.9, "workers per village and sector"),
        _name_is_not_a_number(gxe, "nama_desa"),
    ]


def _realisasi_anggaran(gxe: Any) -> list[Any]:
    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=1, description="Tabel 3.7 has lines for this quarter."),
        gxe.UnexpectedRowsExpectation(
            description="The total (JUMLAH) pagu of the quarter is above zero.",
            unexpected_rows_query="SELECT b.level, b.uraian, b.pagu FROM (SELECT * FROM {batch}) b WHERE b.level = 'total' AND NOT b.pagu > 0",
        ),
        _filled(gxe, "uraian", 0.95, "the program, kegiatan or sub kegiatan name printed in Tabel 3.7"),
    ]


STOCK_MEASURES = ("umkm.jumlah", "koperasi.jumlah", "bps.angkatan_kerja")


def _measures(gxe: Any) -> list[Any]:
    stocks = ", ".join(f"'{m}'" for m in STOCK_MEASURES)
    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=1, description="The year has at least one measure."),
        gxe.ExpectColumnValuesToBeBetween(
            column="nilai", min_value=0, description="No measure is negative (counts, rupiah and percentages)."
        ),
        gxe.UnexpectedRowsExpectation(
            description=(
                "Stocks (" + ", ".join(STOCK_MEASURES) + ") change by at most half from the year before "
                "(a bigger jump is usually a missing or doubled source file)."
            ),
            unexpected_rows_query=(
                "SELECT b.ukuran, p.nilai AS nilai_tahun_lalu, b.nilai FROM (SELECT * FROM {batch}) b "
                "JOIN staged.measures p ON p.kode_wilayah = b.kode_wilayah AND p.tahun = b.tahun - 1 AND p.ukuran = b.ukuran "
                f"WHERE b.ukuran IN ({stocks}) AND p.nilai > 0 AND abs(b.nilai / p.nilai - 1) > 0.5"
            ),
        ),
    ]


def _iku_capaian(gxe: Any) -> list[Any]:
    return [
        _filled(gxe, "sasaran", 0.9, "the sasaran strategis each indicator serves"),
        _filled(gxe, "satuan", 0.9, "the unit printed next to target and realisasi"),
        _filled(gxe, "realisasi", 0.8, "an empty realisasi carries its reason in keterangan"),
        gxe.UnexpectedRowsExpectation(
            description="Every program indicator (Tabel 3.6) has its pagu from SIPD.",
            unexpected_rows_query="SELECT b.indicator_id, b.program FROM (SELECT * FROM {batch}) b WHERE b.jenis = 'program' AND b.pagu IS NULL",
        ),
    ]


def _koperasi(gxe: Any) -> list[Any]:
    return [
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1, description="The ODS registry lists at least one cooperative for the region at year end."
        ),
        _in_code_list(
            gxe, "bentuk_koperasi", BENTUK_KOPERASI, 0.95, "an unknown form is counted apart in the breakdown by bentuk"
        ),
        _filled(gxe, "nomor_induk_koperasi", 0.9, "a cooperative without NIK is not yet registered in ODS"),
        _filled(gxe, "jenis_koperasi", 0.9, "needed for the breakdown by type"),
        _filled(gxe, "kelompok_koperasi", 0.9, "needed for the breakdown by group"),
        _filled(gxe, "sektor_usaha", 0.9, "needed for the breakdown by sector"),
        _filled(gxe, "status_koperasi", 0.95, "aktif / tidak aktif at export time"),
        _filled(gxe, "desa", 0.95, "the village name a steward recognises"),
        _filled(gxe, "alamat_lengkap", 0.9, "needed to visit or contact the cooperative"),
        _name_is_not_a_number(gxe, "nama_koperasi"),
    ]


UMKM_DESA = Suite("staged.umkm_desa", YEAR, _umkm_desa, _(
    "UMKM per village: usual sector names, total UMKM, filled names and workers."
))
KOPERASI = Suite("staged.koperasi", YEAR, _koperasi, _(
    "Cooperative registry at year end: at least one cooperative, usual bentuk names, filled descriptive "
    "fields."
))
REALISASI_ANGGARAN = Suite("anggaran.realisasi_anggaran", QUARTER, _realisasi_anggaran, _(
    "Tabel 3.7 per quarter: a positive total, named lines (realisasi above pagu is the reviu's "
    "realisasi_over_pagu)."
))
MEASURES = Suite("staged.measures", YEAR, _measures, _(
    "Measures per year, every region: at least one, none negative, stocks within half of last year."
))
IKU_CAPAIAN = Suite("kinerja.iku_capaian", YEAR, _iku_capaian, _(
    "Tabel 3.1/3.2/3.6: filled sasaran, satuan and realisasi; program rows with their pagu (an "
    "implausible capaian is the reviu's capaian_implausible)."
))

SUITES = [UMKM_DESA, KOPERASI, REALISASI_ANGGARAN, MEASURES, IKU_CAPAIAN]
