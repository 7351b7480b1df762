"""Findings: the shape every rule produces, severities, printed precision and number wording."""

from __future__ import annotations

import polars as pl

from pipelines.lib.angka import angka as format_angka
from schemas.pesan import _
from schemas.reviu import SEVERITY  # the rules and their severities are the contract's

COLUMNS = ["kode_wilayah", "tahun", "severity", "rule", "tabel", "kunci", "kolom", "expected", "actual", "aturan_lain", "message"]
SCHEMA = {c: (pl.Int64 if c == "tahun" else pl.String) for c in COLUMNS}
CELL = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom"]
# When several rules see one printed cell, the one that explains it best speaks for it: the wrong
# formula, then what the data give, then the printed subtotal, then the printed arithmetic.
PRECEDENCE = ["capaian_direction", "published_mismatch", "subtotal_mismatch", "percent_mismatch"]



def severity_word(severity: str | None) -> str:
    """The severity as a steward reads it (the data keep the codes error and warning)."""
    words = {"error": _("error"), "warning": _("warning")}
    return words.get(severity or "", severity or "")


def rule_words() -> dict[str, str]:
    """Each rule as a steward reads it (the data and findings.csv keep the codes)."""
    return {
        "subtotal_mismatch": _("subtotal does not add up"),
        "percent_mismatch": _("percentage does not match its amounts"),
        "published_mismatch": _("printed figure differs from the data"),
        "capaian_direction": _("capaian computed in the wrong direction"),
        "target_mismatch": _("target differs from the Perjanjian Kinerja"),
        "predikat_mismatch": _("predikat does not fit the capaian"),
        "predikat_scale_unknown": _("predikat scale unknown"),
        "zero_base_growth": _("growth from zero"),
        "missing_data": _("data missing"),
        "capaian_implausible": _("implausible capaian"),
        "predikat_gap": _("capaian outside the predikat scale"),
        "assessment_band_mismatch": _("assessment predikat outside its skor band"),
        "missing_village": _("village missing from the UMKM data"),
        "realisasi_over_pagu": _("realisasi above pagu"),
        "umkm_workers_below_enterprises": _("fewer workers than enterprises"),
        "hidden_rows": _("hidden rows"),
    }


def rule_word(rules: str | None) -> str:
    """A rule code, or several joined by ', ' (aturan_lain), in words."""
    words = rule_words()
    return ", ".join(words.get(code, code) for code in (rules or "").split(", ") if code)


def half_unit(desimal: pl.Expr) -> pl.Expr:
    """Half a unit of the printed precision: 3,83 gives 0.005, 98 gives 0.5 (what rounding explains)."""
    return pl.lit(0.5) * pl.lit(10.0).pow(-desimal.cast(pl.Float64))


def decimals_shown(value: pl.Expr, most: int = 4) -> pl.Expr:
    """Decimals a stored number carries (79.82: 2, 80.0: 0), for numeric cells whose printed
    precision is not known otherwise."""
    steps = [pl.when((value * 10**d).round(6) == (value * 10**d).round(0)).then(pl.lit(d)) for d in range(most + 1)]
    return pl.coalesce([*steps, pl.lit(most)]).cast(pl.Int32)


def angka(value: float | None, decimals: int | None = None) -> str:
    """A number inside a finding's sentence: the one formatter (lib.angka), whole numbers
    without decimals unless `decimals` says otherwise."""
    return format_angka(value, decimals)


def exact(value: float | None) -> str:
    """Full-precision text for the expected/actual columns ('' when undefined)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """Findings from dicts with kode_wilayah, tahun, rule, tabel, kunci, expected, actual, message
    and, for a printed cell, its kolom."""
    return pl.DataFrame([{**r, "severity": SEVERITY[str(r["rule"])]} for r in rows], schema=SCHEMA).select(COLUMNS)


def one_per_cell(found: pl.DataFrame) -> pl.DataFrame:
    """One finding per printed cell: where several rules see the same cell (a wrong capaian is both
    not what the data give and not what its printed inputs give), the first in PRECEDENCE keeps
    its row, names the others in aturan_lain and takes the highest severity among them. Findings
    about no printed cell (kolom empty) are left as they are."""
    rank = pl.col("rule").replace_strict({r: i for i, r in enumerate(PRECEDENCE)}, default=len(PRECEDENCE), return_dtype=pl.Int32)
    severe = pl.col("severity").replace_strict({"error": 0}, default=1, return_dtype=pl.Int32)
    cells = found.filter(pl.col("kolom").is_not_null()).sort(rank, "rule", maintain_order=True)
    merged = cells.group_by(CELL, maintain_order=True).agg(
        pl.all().exclude(CELL, "aturan_lain").first(),
        aturan_lain=pl.col("rule").slice(1).unique(maintain_order=True).str.join(", "),
        worst=severe.min(),
    ).with_columns(
        severity=pl.when(pl.col("worst") == 0).then(pl.lit("error")).otherwise(pl.col("severity")),
        aturan_lain=pl.when(pl.col("aturan_lain") != "").then(pl.col("aturan_lain")),
    )
    return pl.concat([found.filter(pl.col("kolom").is_null()), merged.select(COLUMNS)])
