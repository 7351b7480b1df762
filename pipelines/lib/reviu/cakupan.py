"""What the reviu of each report covered: which checks ran, and for lack of what the others did
not. Every source is optional, so a report reviewed without its budget files or without its
published tables says so instead of reading as a report with nothing wrong."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipelines.lib import ketersediaan as sumber
from schemas.pesan import _

KEY = ["kode_wilayah", "tahun"]
COLUMNS = [*KEY, "pemeriksaan", "aturan", "dijalankan", "alasan"]

# What a check needs, named by the region-years that have it (see `cakupan`'s `data`).
KATALOG, TERBIT_KINERJA, TERBIT_37, TERBIT_ANGGARAN, SIPD, PENILAIAN, UMKM = (
    "katalog", "terbit_kinerja", "terbit_3_7", "terbit_anggaran", "sipd", "penilaian", "umkm",
)
# ... and the sources it comes from (the assessments are placed in regions by the registry).
SOURCES = {
    KATALOG: (sumber.KATALOG,), TERBIT_KINERJA: (sumber.TERBIT,), TERBIT_37: (sumber.TERBIT,),
    TERBIT_ANGGARAN: (sumber.TERBIT,), SIPD: (sumber.SIPD,), PENILAIAN: (sumber.ODS, sumber.PENILAIAN), UMKM: (sumber.UMKM,),
}


@dataclass(frozen=True)
class Pemeriksaan:
    kode: str  # what the table keeps; the title is said in the reader's language
    aturan: tuple[str, ...]  # the rules of schemas.reviu it runs
    butuh: tuple[str, ...]  # what it needs (keys of SOURCES)

    @property
    def judul(self) -> str:
        return {
            "kinerja": _("Indicators against the catalog and data (growth from zero, missing data, implausible capaian, predikat scale)"),
            "terbit_kinerja": _("Published Tabel 3.1–3.4 and 3.6 against the recomputed indicators"),
            "terbit_3_7": _("Published Tabel 3.7: printed subtotals and percentages"),
            "terbit_sipd": _("Published Tabel 3.6 and 3.7 amounts against SIPD"),
            "sipd": _("SIPD exports: printed subtotals and percentages, realisasi above pagu, hidden rows"),
            "penilaian": _("Cooperative assessments: predikat against the skor band"),
            "umkm": _("UMKM village data: villages gone since last year, fewer workers than enterprises"),
        }[self.kode]


SIPD_CHECK = Pemeriksaan("sipd", ("subtotal_mismatch", "percent_mismatch", "realisasi_over_pagu", "hidden_rows"), (SIPD,))
PEMERIKSAAN = (
    Pemeriksaan("kinerja", ("zero_base_growth", "missing_data", "capaian_implausible", "predikat_gap"), (KATALOG,)),
    Pemeriksaan(
        "terbit_kinerja",
        ("capaian_direction", "published_mismatch", "percent_mismatch", "target_mismatch", "predikat_mismatch", "predikat_scale_unknown"),
        (TERBIT_KINERJA,),
    ),
    Pemeriksaan("terbit_3_7", ("subtotal_mismatch", "percent_mismatch"), (TERBIT_37,)),
    Pemeriksaan("terbit_sipd", ("published_mismatch",), (TERBIT_ANGGARAN, SIPD)),
    SIPD_CHECK,
    Pemeriksaan("penilaian", ("assessment_band_mismatch",), (PENILAIAN,)),
    Pemeriksaan("umkm", ("missing_village", "umkm_workers_below_enterprises"), (UMKM,)),
)


def _kurang(kebutuhan: str, ada: frozenset[str]) -> str:
    """Why a region-year lacks what a check needs."""
    absent = [s.folder for s in SOURCES[kebutuhan] if s.folder not in ada]
    if absent:
        return sumber.tidak_ada(absent[0])
    if kebutuhan == TERBIT_KINERJA:
        return _("raw/published/ has no cells of Tabel 3.1–3.4 or 3.6 for this report")
    if kebutuhan == TERBIT_37:
        return _("raw/published/ has no cells of Tabel 3.7 for this report")
    if kebutuhan == TERBIT_ANGGARAN:
        return _("raw/published/ has no amounts of Tabel 3.6 or 3.7 for this report")
    return _("raw/{folder}/ has no data for this region and year").format(folder=SOURCES[kebutuhan][-1].folder)


def cakupan(reports: pl.DataFrame, data: dict[str, pl.DataFrame], ada: frozenset[str]) -> pl.DataFrame:
    """One row per report (kode_wilayah, tahun of `reports`) and check: whether it ran and, when
    not, for lack of what. `data` gives, per need, the region-years that have it; `ada` the raw
    folders with data (ketersediaan.tersedia), so an empty folder is named as such."""
    flags = reports.select(KEY).unique()
    for need in SOURCES:
        have = data.get(need, pl.DataFrame(schema={"kode_wilayah": pl.String, "tahun": pl.Int64})).select(KEY).unique()
        flags = flags.join(have.with_columns(pl.lit(True).alias(need)), on=KEY, how="left").with_columns(pl.col(need).fill_null(False))
    rows = []
    for check in PEMERIKSAAN:
        missing = [pl.when(~pl.col(need)).then(pl.lit(_kurang(need, ada))) for need in check.butuh]
        rows.append(
            flags.select(
                *KEY,
                pemeriksaan=pl.lit(check.kode),
                aturan=pl.lit(", ".join(check.aturan)),
                dijalankan=pl.all_horizontal(check.butuh),
                alasan=pl.concat_str(missing, separator="; ", ignore_nulls=True),
            ).with_columns(alasan=pl.when(pl.col("dijalankan")).then(None).otherwise(pl.col("alasan")))
        )
    frame = pl.concat(rows) if rows else pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String))
    return frame.select(COLUMNS).sort(KEY, maintain_order=True)


def judul(kode: str) -> str:
    """A check's title in the current language, from the code the table keeps."""
    return next(p.judul for p in PEMERIKSAAN if p.kode == kode)
