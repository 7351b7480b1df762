"""Assessment predikat from skor (docs/sumber.md §3). The KSP/USP health bands are owned by the
contract (schemas/koperasi.py); the review compares a printed predikat with `predikat_for_skor`
to find contradictions."""

from __future__ import annotations

import polars as pl

from schemas.koperasi import HEALTH_BANDS


def predikat_for_skor(skor: pl.Expr) -> pl.Expr:
    """The health predikat a skor earns (80 → Sehat, 79.99 → Cukup Sehat); null stays null."""
    verdict = pl.lit(None, pl.String)
    # Built from the lowest band up, so the highest floor a skor reaches wins.
    for name, floor in reversed(HEALTH_BANDS):
        verdict = pl.lit(name) if floor is None else pl.when(skor >= floor).then(pl.lit(name)).otherwise(verdict)
    return pl.when(skor.is_not_null()).then(verdict)
