"""Capaian and predikat (report §3.1): arah naik/turun, rasio_terbalik, capaian_maks, scale."""

from __future__ import annotations

import polars as pl

from pipelines.lib.pesan import _, per_row


def capaian(frame: pl.DataFrame) -> pl.DataFrame:
    """capaian (percent of target achieved) in full precision; empty where realisasi is, or
    where the target is 0 (no ratio can be formed). Multiplying before dividing keeps exact
    cases exact (55 of 100 is 55.0, not 55.000000000000007), which matters at predikat edges."""
    r, t = pl.col("realisasi"), pl.col("target")
    value = (
        pl.when(t == 0).then(None)
        .when(pl.col("arah") == "naik").then(r * 100 / t)
        # lower is better: (target − (realisasi − target)) / target, or target / realisasi
        .when(pl.col("rumus_capaian") == "rasio_terbalik")
        .then(pl.when(r != 0).then(t * 100 / r))
        .otherwise((2 * t - r) * 100 / t)
    )
    capped = pl.when(pl.col("capaian_maks").is_not_null()).then(pl.min_horizontal(value, pl.col("capaian_maks"))).otherwise(value)
    why = pl.when(r.is_not_null() & (t == 0)).then(pl.lit(_("undefined: target is 0")))
    limit = pl.coalesce(pl.col("capaian_maks"), pl.lit(CAPAIAN_WAJAR))
    shown = [x.round(2).cast(pl.String).str.replace(r"\.0$", "").str.replace(".", ",", literal=True) for x in (value, limit)]
    implausible = pl.when(value > limit).then(
        pl.concat_str(pl.lit(capaian_tidak_wajar() + ": "),
                      per_row("{capaian}% is above {batas}%; check realisasi and target", capaian=shown[0], batas=shown[1]))
    )
    existing = pl.col("keterangan") if "keterangan" in frame.columns else pl.lit(None, pl.String)
    return frame.with_columns(
        capaian=capped.cast(pl.Float64),
        keterangan=pl.concat_str(pl.coalesce(existing, why), implausible, separator="; ", ignore_nulls=True).replace("", None),
    )


CAPAIAN_WAJAR = 200.0  # the highest plausible capaian where the catalog sets no capaian_maks


def capaian_tidak_wajar() -> str:
    """How keterangan marks an implausible capaian (the reviu looks for it)."""
    return _("implausible capaian")


def predikat(frame: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    """The first step of the indicator's scale that holds the capaian: above a `lebih_dari` (the
    floor step takes the rest), or inside a printed band. No capaian, no predikat; a capaian in a
    gap between bands or beyond the last one has none either (the reviu reports it)."""
    lists = ["predikat_batas", "predikat_bawah_termasuk", "predikat_atas", "predikat_atas_termasuk", "predikat_nama"]
    c, low, high = pl.col("capaian"), pl.col("predikat_batas"), pl.col("predikat_atas")
    above_low = low.is_null() | pl.when(pl.col("predikat_bawah_termasuk")).then(c >= low).otherwise(c > low)
    below_high = high.is_null() | pl.when(pl.col("predikat_atas_termasuk")).then(c <= high).otherwise(c < high)
    steps = (
        frame.select(*key, "capaian", *lists)
        .with_columns(step=pl.int_ranges(pl.col("predikat_nama").list.len()))
        .explode(*lists, "step")
        .filter(c.is_not_null())
        .filter(above_low & below_high)
        .sort("step")
        .group_by(key, maintain_order=True)
        .agg(predikat=pl.col("predikat_nama").first())
    )
    return frame.join(steps, on=key, how="left")
