"""The budget tree from sub kegiatan up: one sum, used by Tabel 3.7 and by anggaran measures.

Program, kegiatan and total amounts are always sums of their sub kegiatan (the printed
subtotals are only compared, in the reviu). Physical progress of a parent is the pagu-weighted
mean of the sub kegiatan below it, which equals the pagu-weighted mean of its children.
"""

from __future__ import annotations

import polars as pl

from pipelines.core.problems import SOURCE_FILE

# Segments of a Permendagri 90/2019 code at each level (U.BB | .PP | .K.KK | .SSSS).
SEGMENTS = {"urusan": 2, "program": 3, "kegiatan": 5, "sub_kegiatan": 6}
PARENT = {"urusan": None, "program": None, "kegiatan": "program", "sub_kegiatan": "kegiatan"}
TOTAL = "total"


def prefix(level: str | None) -> pl.Expr:
    if level is None:
        return pl.lit(None, pl.String)
    return pl.col("kode").str.split(".").list.slice(0, SEGMENTS[level]).list.join(".")


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
    has_fisik = pl.col("persen_fisik").is_not_null()
    return (
        stacked.group_by([*by, "level", "kode_rollup", "parent_kode"])
        .agg(
            pagu=pl.col("pagu").sum(),
            realisasi=pl.col("realisasi").sum(),
            persen_fisik=(pl.col("pagu") * pl.col("persen_fisik")).filter(has_fisik).sum()
            / pl.col("pagu").filter(has_fisik).sum(),
            sumber=pl.col(SOURCE_FILE).unique().sort().str.join("; "),
        )
        .rename({"kode_rollup": "kode"})
    )
