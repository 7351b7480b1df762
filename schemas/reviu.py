"""Findings of the automatic reviu (outputs.md)."""

import pandera.polars as pa

from schemas.common import Kontrak, kode_wilayah, tahun

SEVERITY = {
    "subtotal_mismatch": "error",
    "percent_mismatch": "warning",
    "published_mismatch": "error",
    "capaian_direction": "error",
    "target_mismatch": "warning",
    "predikat_mismatch": "warning",
    "zero_base_growth": "warning",
    "missing_data": "warning",
    "capaian_implausible": "warning",
    "predikat_gap": "warning",
    "assessment_band_mismatch": "warning",
    "missing_village": "warning",
    "realisasi_over_pagu": "warning",
    "umkm_workers_below_enterprises": "warning",
}
RULES = list(SEVERITY)


class Temuan(Kontrak):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    severity: str = pa.Field(isin=sorted(set(SEVERITY.values())), nullable=False)
    rule: str = pa.Field(isin=RULES, nullable=False)
    tabel: str = pa.Field(nullable=False, description="LKjIP table (3.1 … 3.7), SIPD, penilaian or umkm_desa")
    kunci: str = pa.Field(nullable=False, description="Indicator id, budget kode, JUMLAH, NIK koperasi or kode_desa")
    expected: str = pa.Field(nullable=True, description="What the data or the sum give (full precision; empty when undefined)")
    actual: str = pa.Field(nullable=True, description="What was printed")
    message: str = pa.Field(str_length={"min_value": 20}, nullable=False, description="What is wrong and what to do")
