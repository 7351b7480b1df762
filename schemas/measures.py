"""The measures table: one number per region, year and measure, with the files it came from."""

import pandera.polars as pa

from pipelines.defs.katalog.model import MEASURE_PATTERN
from schemas.common import kode_wilayah, tahun


class Ukuran(pa.DataFrameModel):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    ukuran: str = pa.Field(str_matches=MEASURE_PATTERN, nullable=False, description="<source>.<name>, e.g. umkm.jumlah")
    nilai: float = pa.Field(nullable=False)
    sumber: str = pa.Field(nullable=False, description="Source files under raw/ the number was computed from")

    class Config:
        strict = True
        coerce = True
        unique = ["kode_wilayah", "tahun", "ukuran"]
