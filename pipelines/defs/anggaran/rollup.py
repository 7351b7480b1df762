"""The budget tree from sub kegiatan up: one sum, used by Tabel 3.7 and by anggaran measures.

Program, kegiatan and total amounts are always sums of their sub kegiatan (the printed
subtotals are only compared, in the reviu). Physical progress of a parent is the pagu-weighted
mean of the sub kegiatan below it, which equals the pagu-weighted mean of its children.
"""

from __future__ import annotations

import polars as pl

from pipelines.core.problems import SOURCE_FILE

# Length of a Permendagri 90/2019 code at each level: U.BB | U.BB.PP | U.BB.PP.K.KK |
# U.BB.PP.K.KK.SSSS. The SIPD contract guarantees these widths (codes are normalised on reading),
# so a prefix is a slice, not a split.
SEGMENTS = {"urusan": 4, "program": 7, "kegiatan": 12, "sub_kegiatan": 17}
PARENT = {"urusan": None, "program": None, "kegiatan": "program", "sub_kegiatan": "kegiatan"}
TOTAL = "total"


def prefix(level: str | None) -> pl.Expr:
    if level is None:
        return pl.lit(None, pl.String)
    return pl.col("kode").str.slice(0, SEGMENTS[level])


def rollup(lines: pl.LazyFrame, by: list[str], levels: list[str]) -> pl.LazyFrame:
    """Sums per `by` and budget code at each level; total has kode "" (SIPD's JUMLAH row)."""
    stacked = pl.concat(
        [
            lines.with_columns(
                level=pl.lit(level),
                kode_rollup=pl.lit("") if level == TOTAL else prefix(level),
                parent_kode=prefix(None if level == TOTAL else PARENT[level]),
            )
            for level in levels
        ]
    )
    return (
        stacked.group_by([*by, "level", "kode_rollup", "parent_kode"])
        .agg(
            pagu=pl.col("pagu").sum(),
            realisasi=pl.col("realisasi").sum(),
            # sums skip nulls: lines without a printed fisik weigh in neither numerator nor denominator
            fisik_x_pagu=(pl.col("pagu") * pl.col("persen_fisik")).sum(),
            pagu_fisik=pl.when(pl.col("persen_fisik").is_not_null()).then(pl.col("pagu")).sum(),
            sumber=pl.col(SOURCE_FILE).unique(),
        )
        # joining text per group inside the aggregation costs 8× more than after it
        .with_columns(
            sumber=pl.col("sumber").list.sort().list.join("; "),
            persen_fisik=pl.when(pl.col("pagu_fisik") > 0).then(pl.col("fisik_x_pagu") / pl.col("pagu_fisik")),
        )
        .drop("fisik_x_pagu", "pagu_fisik")
        .rename({"kode_rollup": "kode"})
    )
