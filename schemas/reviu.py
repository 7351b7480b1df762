"""Findings of the automatic reviu (README, "The automatic reviu")."""

import pandera.polars as pa

from schemas.common import Kontrak, kode_wilayah, tahun
from schemas.pesan import _

SEVERITY = {
    "subtotal_mismatch": "error",
    "percent_mismatch": "warning",
    "published_mismatch": "error",
    "capaian_direction": "error",
    "target_mismatch": "warning",
    "predikat_mismatch": "warning",
    "predikat_scale_unknown": "warning",
    "zero_base_growth": "warning",
    "missing_data": "warning",
    "capaian_implausible": "warning",
    "predikat_gap": "warning",
    "assessment_band_mismatch": "warning",
    "missing_village": "warning",
    "realisasi_over_pagu": "warning",
    "umkm_workers_below_enterprises": "warning",
    "hidden_rows": "warning",
}
RULES = list(SEVERITY)


class Temuan(Kontrak):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    severity: str = pa.Field(isin=sorted(set(SEVERITY.values())), nullable=False, description=_("error or warning"))
    rule: str = pa.Field(isin=RULES, nullable=False, description=_("The rule's code (capaian_direction, subtotal_mismatch, …)"))
    tabel: str = pa.Field(nullable=False, description=_("LKjIP table (3.1 … 3.7), SIPD, penilaian or umkm_desa"))
    kunci: str = pa.Field(nullable=False, description=_("Indicator id, budget kode, JUMLAH, NIK koperasi or kode_desa"))
    kolom: str = pa.Field(nullable=True, description=_("The printed column of the cell (capaian, pagu, …); empty for a finding about no printed cell"))
    expected: str = pa.Field(nullable=True, description=_("What the data or the sum give (full precision; empty when undefined)"))
    actual: str = pa.Field(nullable=True, description=_("What was printed"))
    aturan_lain: str = pa.Field(nullable=True, description=_("Other rules that saw the same printed cell (one finding per cell)"))
    message: str = pa.Field(str_length={"min_value": 20}, nullable=False, description=_("What is wrong and what to do"))


class Cakupan(Kontrak):
    """What the reviu of one report covered: one row per check, run or not, and for lack of what."""

    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    pemeriksaan: str = pa.Field(nullable=False, description=_("The check's code (sipd, terbit_kinerja, …); reports print its title"))
    aturan: str = pa.Field(nullable=False, description=_("The rules of findings it runs (rule codes)"))
    dijalankan: bool = pa.Field(nullable=False, description=_("Whether the check ran for this report"))
    alasan: str = pa.Field(nullable=True, description=_("Why it did not run: which source has no data"))

    class Config:
        unique = ["kode_wilayah", "tahun", "pemeriksaan"]

    @pa.dataframe_check
    def a_reason_when_not_run(cls, df):  # noqa: N805 — pandera passes the class
        import polars as pl

        return df.lazyframe.select(pl.col("dijalankan") | pl.col("alasan").is_not_null())
