"""Measures the dinas keeps in its own documents (no system of record)."""

import pandera.polars as pa

from schemas.common import Provenance, kode_wilayah, tahun
from schemas.pesan import _


class ManualUkuran(Provenance):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    ukuran: str = pa.Field(str_matches=r"^manual\.[a-z0-9_]+$", nullable=False, description=_("manual.<name>"))
    nilai: float = pa.Field(nullable=False, description=_("The number, in satuan"))
    satuan: str = pa.Field(nullable=True, description=_("Unit of the number"))
    sumber: str = pa.Field(str_length={"min_value": 1}, nullable=False, description=_("The document the number comes from"))

    class Config:
        unique = ["kode_wilayah", "tahun", "ukuran"]
