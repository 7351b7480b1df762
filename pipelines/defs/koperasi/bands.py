"""Assessment predikat: the KSP/USP health bands as data, and the quality verdicts (sources.md §3).

The bands are kept here once: the schema takes its code lists from them, and the review
compares a printed predikat with `predikat_for_skor` to find contradictions.
"""

from __future__ import annotations

import polars as pl

KESEHATAN = "kesehatan"
KUALITAS = "kualitas"
JENIS_PENILAIAN = [KESEHATAN, KUALITAS]

# (predikat, lowest skor in the band), highest band first; the last band has no floor.
HEALTH_BANDS: list[tuple[str, float | None]] = [
    ("Sehat", 80.0),
    ("Cukup Sehat", 66.0),
    ("Dalam Pengawasan", 51.0),
    ("Dalam Pengawasan Khusus", None),
]

PREDIKAT_KESEHATAN = [name for name, _ in HEALTH_BANDS]
PREDIKAT_KUALITAS = ["Berkualitas", "Tidak Berkualitas"]
PREDIKAT = {KESEHATAN: PREDIKAT_KESEHATAN, KUALITAS: PREDIKAT_KUALITAS}


def predikat_for_skor(skor: pl.Expr) -> pl.Expr:
    """The health predikat a skor earns (80 → Sehat, 79.99 → Cukup Sehat); null stays null."""
    verdict = pl.lit(None, pl.String)
    # Built from the lowest band up, so the highest floor a skor reaches wins.
    for name, floor in reversed(HEALTH_BANDS):
        verdict = pl.lit(name) if floor is None else pl.when(skor >= floor).then(pl.lit(name)).otherwise(verdict)
    return pl.when(skor.is_not_null()).then(verdict)
