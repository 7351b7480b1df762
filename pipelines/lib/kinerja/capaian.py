"""Capaian and predikat (report §3.1): arah naik/turun, rasio_terbalik, capaian_maks, scale."""

from __future__ import annotations

import polars as pl

from pipelines.lib.angka import angka
from schemas.pesan import _


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
    existing = pl.col("keterangan") if "keterangan" in frame.columns else pl.lit(None, pl.String)
    out = frame.with_row_index("_baris").with_columns(
        capaian=capped.cast(pl.Float64), keterangan=pl.coalesce(existing, why), _capaian=value, _batas=limit,
    )
    # the few implausible rows get their note through the one formatter (1.851,85%)
    wild = out.filter(pl.col("_capaian") > pl.col("_batas")).select("_baris", "_capaian", "_batas")
    notes = pl.DataFrame(
        {"_baris": wild.get_column("_baris"), "_tidak_wajar": [
            capaian_tidak_wajar() + ": " + _("{capaian}% is above {batas}%; check realisasi and target").format(capaian=angka(c), batas=angka(b))
            for _baris, c, b in wild.iter_rows()]},
        schema={"_baris": wild.schema["_baris"], "_tidak_wajar": pl.String},
    )
    return out.join(notes, on="_baris", how="left", maintain_order="left").with_columns(
        keterangan=pl.concat_str("keterangan", "_tidak_wajar", separator="; ", ignore_nulls=True).replace("", None),
    ).drop("_baris", "_capaian", "_batas", "_tidak_wajar")


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
