"""Findings: the shape every rule produces, severities, printed precision and number wording."""

from __future__ import annotations

import polars as pl

from pipelines.core.pesan import _

COLUMNS = ["kode_wilayah", "tahun", "severity", "rule", "tabel", "kunci", "expected", "actual", "message"]
SCHEMA = {c: (pl.Int64 if c == "tahun" else pl.String) for c in COLUMNS}

SEVERITY = {
    "subtotal_mismatch": "error",
    "percent_mismatch": "warning",
    "published_mismatch": "error",
    "capaian_direction": "error",
    "target_mismatch": "warning",
    "predikat_mismatch": "warning",
    "zero_base_growth": "warning",
    "missing_data": "warning",
    "capaian_implausible": "warning",
    "assessment_band_mismatch": "warning",
    "missing_village": "warning",
    "realisasi_over_pagu": "warning",
    "umkm_workers_below_enterprises": "warning",
}
RULES = list(SEVERITY)


def severity_word(severity: str | None) -> str:
    """The severity as a steward reads it (the data keep the codes error and warning)."""
    words = {"error": _("error"), "warning": _("warning")}
    return words.get(severity or "", severity or "")


def half_unit(desimal: pl.Expr) -> pl.Expr:
    """Half a unit of the printed precision: 3,83 gives 0.005, 98 gives 0.5 (what rounding explains)."""
    return pl.lit(0.5) * pl.lit(10.0).pow(-desimal.cast(pl.Float64))


def decimals_shown(value: pl.Expr, most: int = 4) -> pl.Expr:
    """Decimals a stored number carries (79.82: 2, 80.0: 0), for numeric cells whose printed
    precision is not known otherwise."""
    steps = [pl.when((value * 10**d).round(6) == (value * 10**d).round(0)).then(pl.lit(d)) for d in range(most + 1)]
    return pl.coalesce([*steps, pl.lit(most)]).cast(pl.Int32)


def angka(value: float | None, decimals: int | None = None) -> str:
    """A number as a steward reads it: 7.416.394.916, 101,92 (Indonesian separators)."""
    if value is None:
        return "-"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def exact(value: float | None) -> str:
    """Full-precision text for the expected/actual columns ('' when undefined)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """Findings from dicts with kode_wilayah, tahun, rule, tabel, kunci, expected, actual, message."""
    return pl.DataFrame([{**r, "severity": SEVERITY[str(r["rule"])]} for r in rows], schema=SCHEMA).select(COLUMNS)
