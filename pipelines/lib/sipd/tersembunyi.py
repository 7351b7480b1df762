"""Hidden rows of a budget sheet: counted or left out by what the sheet's own printed subtotals say.

A dinas often hides rekening detail that its printed subtotals still count; a row hidden so that
it is summed without anyone seeing it is counted by none. So a hidden line is judged by its
nearest printed subtotal (its kegiatan, program, or the sheet's JUMLAH): when that equals the sum
of its data lines with the hidden ones, they are counted; otherwise (it equals the visible lines'
sum, or nothing above is printed, or neither sum fits) they are left out, as a steward reading
the sheet would. Either way
every hidden row stays in raw.sipd_rfk with what was decided, and the reviu names those that carry
amounts (hidden_rows).
"""

from __future__ import annotations

import polars as pl

from pipelines.lib.problems import SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET
from schemas.sipd import DIHITUNG, KEGIATAN, PROGRAM, TIDAK_DIHITUNG, TOTAL, is_data

HIDDEN = "_tersembunyi"  # while reading: the line's row is hidden in the sheet
AMOUNTS = ("pagu", "realisasi")
SHEET = [SOURCE_FILE, SOURCE_SHEET]  # a subtotal counts the lines of its own sheet
TOLERANCE = 0.5  # rupiah: a printed amount rounds to the rupiah


def mark(lines: pl.DataFrame, hidden_rows: frozenset[int]) -> pl.DataFrame:
    """The sheet's lines with HIDDEN: whether Excel hides the line's row."""
    return lines.with_columns(pl.col(SOURCE_ROW).is_in(sorted(hidden_rows)).alias(HIDDEN))


def parts(hidden: pl.Expr, amounts: set[str]) -> list[pl.Expr]:
    """Aggregations for lines summed from several rows (rekening, documents): which of them are
    hidden, the amounts they carry (of those the layout has), and whether every row is."""
    return [
        pl.col(SOURCE_ROW).filter(hidden).cast(pl.String).str.join(", ").replace("", None).alias("baris_tersembunyi"),
        *(pl.when(hidden.any()).then(pl.col(a).filter(hidden).sum() if a in amounts else None).cast(pl.Float64).alias(f"{a}_tersembunyi")
          for a in AMOUNTS),
        hidden.all().alias(HIDDEN),
    ]


def of_line(lines: pl.DataFrame) -> pl.DataFrame:
    """parts() for lines that are one row each."""
    hidden = pl.col(HIDDEN)
    return lines.with_columns(
        baris_tersembunyi=pl.when(hidden).then(pl.col(SOURCE_ROW).cast(pl.String)),
        **{f"{a}_tersembunyi": pl.when(hidden).then(pl.col(a).cast(pl.Float64)) for a in AMOUNTS},
    )


def decide(lines: pl.DataFrame) -> pl.DataFrame:
    """`tersembunyi` (counted or left out, for a line holding hidden rows) and `dihitung` (false
    for a data line all of whose rows are hidden and left out); a line only partly hidden and
    left out keeps its visible rows' amounts. Each hidden data line is judged by its nearest
    printed subtotal (kegiatan, program, then the JUMLAH): counted when that subtotal equals the
    sum of its data lines with the hidden ones (and without them it would not). Needs level,
    tahun, kode, parent_kode, kode_program, the amounts and parts()."""
    holds = pl.col("baris_tersembunyi").is_not_null()
    if not lines.select(holds.any()).item():
        return lines.with_columns(tersembunyi=pl.lit(None, pl.String), dihitung=pl.lit(True)).drop(HIDDEN)
    lines = lines.with_columns(pl.col(a).cast(pl.Float64) for a in AMOUNTS).with_row_index("_line")
    data = lines.filter(is_data(pl.col("level"), pl.col("tahun")))
    printed = (
        lines.filter(pl.col("level").is_in([KEGIATAN, PROGRAM, TOTAL]))
        .group_by(*SHEET, _ancestor=pl.col("kode"))
        .agg(*(pl.col(a).sum().alias(f"_printed_{a}") for a in AMOUNTS), *(pl.col(a).is_not_null().any().alias(f"_has_{a}") for a in AMOUNTS))
    )
    ancestry = data.select(
        "_line", *SHEET, _hidden=holds,
        *AMOUNTS, *(pl.col(f"{a}_tersembunyi").fill_null(0) for a in AMOUNTS),
        _ancestor=pl.concat_list(pl.col("parent_kode"), pl.col("kode_program"), pl.lit("")), _rank=pl.lit([0, 1, 2]),
    ).explode("_ancestor", "_rank").filter(pl.col("_ancestor").is_not_null())
    sums = ancestry.group_by(*SHEET, "_ancestor").agg(
        *(pl.col(a).sum().alias(f"_all_{a}") for a in AMOUNTS), *(pl.col(f"{a}_tersembunyi").sum().alias(f"_hid_{a}") for a in AMOUNTS)
    ).join(printed, on=[*SHEET, "_ancestor"], how="inner")
    fits = pl.all_horizontal(~pl.col(f"_has_{a}") | ((pl.col(f"_printed_{a}") - pl.col(f"_all_{a}")).abs() <= TOLERANCE) for a in AMOUNTS)
    matters = pl.any_horizontal(pl.col(f"_has_{a}") & (pl.col(f"_hid_{a}").abs() > TOLERANCE) for a in AMOUNTS)
    judged = (
        ancestry.filter("_hidden").join(sums.with_columns(_counted=fits & matters), on=[*SHEET, "_ancestor"], how="inner")
        .sort("_rank").group_by("_line").agg(pl.col("_counted").first())
    )
    lines = lines.join(judged, on="_line", how="left").with_columns(pl.col("_counted").fill_null(False))
    left_out = holds & ~pl.col("_counted") & is_data(pl.col("level"), pl.col("tahun"))
    return lines.with_columns(
        tersembunyi=pl.when(holds).then(pl.when(pl.col("_counted")).then(pl.lit(DIHITUNG)).otherwise(pl.lit(TIDAK_DIHITUNG))),
        dihitung=~(left_out & pl.col(HIDDEN)),
        **{a: pl.when(left_out & ~pl.col(HIDDEN)).then(pl.col(a) - pl.col(f"{a}_tersembunyi").fill_null(0)).otherwise(pl.col(a))
           for a in AMOUNTS},
    ).sort("_line").drop(HIDDEN, "_line", "_counted")
