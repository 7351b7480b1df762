"""Which predikat scale a printed word belongs to: the catalog's; the one the report prints (a
`skala_predikat` table of its words and lower bounds); else a scale real reports use, when
exactly one of them has the word. A word of no scale, or of two, is not guessed."""

from __future__ import annotations

import polars as pl

from pipelines.lib.katalog.reader import SCALE_SCHEMA
from schemas.pesan import _

KATALOG, LAPORAN = "katalog", "laporan"
# Each scale from the top: a word and the lowest capaian that earns it (inclusive); the last step
# takes the rest. A band printed as 76–90 starts at 76 (a capaian of 90,5 is still Tinggi).
KNOWN = {
    "permendagri_86_2017": (("Sangat Tinggi", 91.0), ("Tinggi", 76.0), ("Sedang", 66.0), ("Rendah", 51.0), ("Sangat Rendah", None)),
    "sangat_baik_sangat_kurang": (("Sangat Baik", 91.0), ("Baik", 76.0), ("Cukup", 66.0), ("Kurang", 51.0), ("Sangat Kurang", None)),
}


def title(skala: str) -> str:
    """A scale as a finding names it."""
    return {
        KATALOG: _("the catalog's scale"),
        LAPORAN: _("the scale the report prints"),
        "permendagri_86_2017": _("Permendagri 86/2017's scale (Sangat Tinggi ≥ 91, Tinggi 76–90, Sedang 66–75, Rendah 51–65, Sangat Rendah ≤ 50)"),
        "sangat_baik_sangat_kurang": _("the scale Sangat Baik ≥ 91, Baik 76–90, Cukup 66–75, Kurang 51–65, Sangat Kurang ≤ 50"),
    }[skala]


def known_titles() -> str:
    return "; ".join(title(k) for k in KNOWN)


def _steps(nama: pl.Expr, batas: pl.Expr) -> dict[str, pl.Expr]:
    """SCALE_SCHEMA lists of a scale given as words and inclusive lower bounds, top first."""
    n = nama.list.len()
    return {
        "predikat_batas": batas, "predikat_bawah_termasuk": pl.lit(True).repeat_by(n), "predikat_atas": pl.lit(None, pl.Float64).repeat_by(n),
        "predikat_atas_termasuk": pl.lit(False).repeat_by(n), "predikat_nama": nama,
    }


def known_scales() -> pl.DataFrame:
    """skala and the SCALE_SCHEMA lists of each KNOWN scale."""
    frame = pl.DataFrame(
        {"skala": list(KNOWN), "nama": [[w for w, _b in s] for s in KNOWN.values()], "batas": [[b for _w, b in s] for s in KNOWN.values()]},
        schema={"skala": pl.String, "nama": pl.List(pl.String), "batas": pl.List(pl.Float64)},
    )
    return frame.select("skala", **_steps(pl.col("nama"), pl.col("batas"))).cast(SCALE_SCHEMA)


def printed_scales(published: pl.DataFrame) -> pl.DataFrame:
    """Each report's own scale (kode_wilayah, tahun, SCALE_SCHEMA lists) from its skala_predikat
    cells: kunci the word, batas_bawah its printed lower bound."""
    bounds = published.filter((pl.col("tabel") == "skala_predikat") & (pl.col("kolom") == "batas_bawah"))
    ordered = bounds.sort("nilai", descending=True, nulls_last=True).group_by("kode_wilayah", "tahun", maintain_order=True).agg(
        nama=pl.col("kunci").str.strip_chars(), batas=pl.col("nilai")
    )
    return ordered.select("kode_wilayah", "tahun", **_steps(pl.col("nama"), pl.col("batas"))).cast(SCALE_SCHEMA)


def _has(word: pl.Expr) -> pl.Expr:
    return pl.col("predikat_nama").list.eval(pl.element().str.to_lowercase().str.strip_chars()).list.contains(word).fill_null(False)


def scale_of_words(
    cells: pl.DataFrame, katalog: pl.DataFrame, printed: pl.DataFrame, key: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`cells` (rows with nilai_terbit_predikat and the catalog's scale lists, null where no catalog
    row) with the scale their word belongs to (SCALE_SCHEMA lists and `skala`), and the words of
    no scale or of two: one row per report (kode_wilayah, tahun, label, kata). A row of no catalog
    indicator takes the scale of its region's catalog when that has the word."""
    word = pl.col("nilai_terbit_predikat").str.strip_chars().str.to_lowercase()
    scale = list(SCALE_SCHEMA)
    region = ["kode_wilayah", "tahun"]
    catalog = cells.filter(_has(word)).with_columns(skala=pl.lit(KATALOG))
    rest = cells.join(catalog.select(key), on=key, how="anti").drop(scale)
    regional = katalog.select(*region, *scale).group_by(region).agg(pl.all().first())
    same_region = rest.join(regional, on=region, how="inner").filter(_has(word)).with_columns(skala=pl.lit(KATALOG))
    catalog = pl.concat([catalog, same_region], how="diagonal_relaxed")
    rest = rest.join(same_region.select(key), on=key, how="anti")
    own = rest.join(printed, on=region, how="inner").filter(_has(word)).with_columns(skala=pl.lit(LAPORAN))
    rest = rest.join(own.select(key), on=key, how="anti")
    candidates = rest.join(known_scales(), how="cross").filter(_has(word))
    single = candidates.filter(pl.len().over(key) == 1)
    unknown = (
        rest.join(single.select(key), on=key, how="anti")
        .group_by("kode_wilayah", "tahun", maintain_order=True)
        .agg(label=pl.col("label").unique(maintain_order=True).str.join(", "),
             kata=pl.format("'{}'", pl.col("nilai_terbit_predikat").str.strip_chars()).unique(maintain_order=True).str.join(", "))
    )
    return pl.concat([catalog, own, single], how="diagonal_relaxed"), unknown
