"""Split one region-year of SIPD lines into the data and the subtotals SIPD printed."""

from __future__ import annotations

import polars as pl

from schemas.sipd import PRINTED_SUBTOTALS, SUB_KEGIATAN


def sub_kegiatan(frame: pl.DataFrame) -> pl.DataFrame:
    """The budget data: every program, kegiatan and total is rebuilt from these rows."""
    return frame.filter(pl.col("level") == SUB_KEGIATAN)


def printed_subtotals(frame: pl.DataFrame) -> pl.DataFrame:
    """Program, kegiatan and JUMLAH lines as printed: kept only to compare with the sums."""
    return frame.filter(pl.col("level").is_in(PRINTED_SUBTOTALS))
