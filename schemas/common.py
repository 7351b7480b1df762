"""Column contracts shared by several tables (one definition per rule)."""

from __future__ import annotations

import pandera.polars as pa

from schemas.pesan import _

# kode of a kabupaten/kota (51.02) or a province (51): the regions an OPD reports for.
REGION_PATTERN = r"^\d{2}(\.\d{2})?$"
DESA_PATTERN = r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"


def kode_wilayah() -> object:
    return pa.Field(str_matches=REGION_PATTERN, nullable=False, description=_("Kemendagri region code (51.02)"))


def kode_desa() -> object:
    return pa.Field(str_matches=DESA_PATTERN, nullable=False, description=_("Kemendagri village code (51.02.01.2001)"))


def tahun() -> object:
    return pa.Field(ge=2000, le=2100, nullable=False, description=_("Year the value belongs to"))


def source_file() -> object:
    return pa.Field(nullable=False, description=_("File under raw/ the row was read from"))


def source_sheet() -> object:
    return pa.Field(nullable=True, description=_("Sheet of a workbook (empty for CSV/JSON/YAML)"))


def source_row() -> object:
    return pa.Field(ge=1, nullable=True, description=_("Row number as a steward sees it in the file"))


def indicator_id() -> object:
    return pa.Field(str_matches=r"^[a-z][a-z0-9_]*$", nullable=False, description=_("The catalog's id of the indicator"))


class Kontrak(pa.DataFrameModel):
    """Every table's contract: exactly its columns (strict), values coerced to the declared types.
    A table adds its key as `class Config: unique = [...]` (pandera merges the Config blocks)."""

    class Config:
        strict = True
        coerce = True


class Provenance(Kontrak):
    """Where every staged row came from."""

    source_file: str = source_file()
    source_sheet: str = source_sheet()
    source_row: int = source_row()


# Units that count whole things (a catalog's or a manual row's satuan): such a value is a whole
# number (205 lembaga is 205), and a printed one hides no rounding.
SATUAN_HITUNG = frozenset({
    "unit", "orang", "jiwa", "koperasi", "lembaga", "dokumen", "usaha", "umkm", "kali", "kegiatan", "paket", "buah", "desa", "laporan",
})
