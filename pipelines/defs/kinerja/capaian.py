"""Capaian and predikat (report §3.1): arah naik/turun, rasio_terbalik, capaian_maks, scale."""

from __future__ import annotations

import polars as pl

from pipelines.core.pesan import _


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
        pl.format(capaian_tidak_wajar() + ": " + _("{capaian}% is above {batas}%; check realisasi and target").format(capaian="{}", batas="{}"),
                  *shown)
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
    """The first step of the indicator's scale whose `lebih_dari` the capaian exceeds; the floor
    step (lebih_dari null) takes the rest. No capaian, no predikat."""
    steps = (
        frame.select(*key, "capaian", "predikat_batas", "predikat_nama")
        .with_columns(step=pl.int_ranges(pl.col("predikat_nama").list.len()))
        .explode("predikat_batas", "predikat_nama", "step")
        .filter(pl.col("capaian").is_not_null())
        .filter(pl.col("predikat_batas").is_null() | (pl.col("capaian") > pl.col("predikat_batas")))
        .sort("step")
        .group_by(key, maintain_order=True)
        .agg(predikat=pl.col("predikat_nama").first())
    )
    return frame.join(steps, on=key, how="left")
