"""Measures the dinas keeps in its own documents (no system of record)."""

import pandera.polars as pa

from schemas.common import Provenance, kode_wilayah, tahun


class ManualUkuran(Provenance):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    ukuran: str = pa.Field(str_matches=r"^manual\.[a-z0-9_]+$", nullable=False, description="manual.<name>")
    nilai: float = pa.Field(nullable=False)
    satuan: str = pa.Field(nullable=True)
    sumber: str = pa.Field(str_length={"min_value": 1}, nullable=False, description="The document the number comes from")

    class Config:
        unique = ["kode_wilayah", "tahun", "ukuran"]
