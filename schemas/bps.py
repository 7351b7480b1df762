"""Labour force, unemployment and TPT per region and year from BPS dynamic tables."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData

from schemas.common import Provenance, kode_wilayah
from schemas.pesan import _

# The units each standard measure must arrive in; a steward mapping a percentage to a count
# (or the reverse) in variabel.yaml would otherwise put a 3.83 "persons" into a ratio.
SATUAN = {"bps.angkatan_kerja": "orang", "bps.pengangguran_terbuka": "orang", "bps.tpt": "persen"}


class BpsTenagaKerja(Provenance):
    # BPS series reach back before 2000 (common.tahun starts there), so the year range is wider.
    tahun: int = pa.Field(ge=1900, le=2100, nullable=False, description=_("Year of the figure (tahun.label)"))
    kode_wilayah: str = kode_wilayah()
    kode_bps: str = pa.Field(str_matches=r"^\d+$", nullable=False, description=_("BPS vervar code (5102; 9999 = total), or the table's own item number (placed by name)"))
    nama_wilayah: str = pa.Field(nullable=False, description=_("BPS vervar label (Tabanan)"))
    ukuran: str = pa.Field(str_matches=r"^bps\.[a-z0-9_]+$", nullable=False, description=_("Measure name (bps.tpt; bps.var<id> when not a standard one)"))
    periode: str = pa.Field(str_matches=r"^[a-z0-9_]+$", nullable=False, description=_("BPS period (turtahun): tahunan, februari, agustus, …"))
    turvar: str = pa.Field(str_matches=r"^[a-z0-9_]+$", nullable=False, description=_("BPS turvar label, 'total' for the whole"))
    nilai: float = pa.Field(nullable=False, description=_("In satuan: persons, percent, or the variable's own unit"))
    satuan: str = pa.Field(str_matches=r"^[a-z0-9_%/]+$", nullable=False, description=_("orang, persen, or BPS's unit in lower case (ribu/juta scaled)"))
    var_id: int = pa.Field(ge=0, nullable=False, description=_("BPS variable id (differs per domain)"))
    var_label: str = pa.Field(nullable=False, description=_("BPS variable label"))
    bps_key: str = pa.Field(str_matches=r"^\d+$", nullable=False, description=_("datacontent key the value came from"))

    class Config:
        unique = ["kode_wilayah", "tahun", "ukuran", "periode", "turvar"]

    @pa.dataframe_check(name="satuan_of_ukuran", description=_("bps.tpt is in persen, the counts in orang"))
    @classmethod
    def satuan_of_ukuran(cls, data: PolarsData) -> pl.LazyFrame:
        expected = pl.col("ukuran").replace_strict(SATUAN, default=None)
        return data.lazyframe.select(expected.is_null() | (expected == pl.col("satuan")))

    @pa.check("nilai", name="standard_measure_in_range", description=_("persons at least 0; bps.tpt between 0 and 100"))
    @classmethod
    def standard_measure_in_range(cls, data: PolarsData) -> pl.LazyFrame:
        # A check on nilai (so a failure names the column and its value) that reads the row's ukuran and satuan.
        standard = pl.col("ukuran").is_in(list(SATUAN))
        in_range = pl.when(pl.col("satuan") == "persen").then(pl.col("nilai").is_between(0, 100)).otherwise(pl.col("nilai") >= 0)
        return data.lazyframe.select(~standard | in_range)
