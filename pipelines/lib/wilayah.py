"""Kemendagri 2025 region and village codes, shipped in pipelines/reference/wilayah_kepmendagri_2025.csv.gz."""

from __future__ import annotations

from functools import cache
from importlib import resources

import polars as pl

from schemas.common import DESA_PATTERN, REGION_PATTERN  # noqa: F401 - the codes' grammar, owned by the contracts



@cache
def wilayah() -> pl.DataFrame:
    """kode, nama, tingkat (provinsi, kabupaten_kota, kecamatan, desa_kelurahan)."""
    path = resources.files("pipelines") / "reference" / "wilayah_kepmendagri_2025.csv.gz"
    with resources.as_file(path) as p:
        return pl.read_csv(p, schema={"kode": pl.String, "nama": pl.String, "tingkat": pl.String})


@cache
def region_names() -> dict[str, str]:
    """kode → nama of the provinces and kabupaten/kota (51.02 → Kabupaten Tabanan), the regions
    a code in the UI, exports and messages stands for."""
    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"]))
    return dict(zip(regions.get_column("kode").to_list(), regions.get_column("nama").to_list(), strict=True))


@cache
def region_codes() -> list[str]:
    """Provinces and kabupaten/kota, sorted (regions are data inside a partition, not a dimension of it)."""
    return (
        wilayah()
        .filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"]))
        .get_column("kode")
        .sort()
        .to_list()
    )


def region_of(kode: pl.Expr) -> pl.Expr:
    """The kabupaten/kota part (PP.KK) of a kecamatan or desa code."""
    return kode.str.slice(0, 5)


def desa() -> pl.DataFrame:
    """Villages with their kecamatan and region: kode_desa, nama_desa, kode_kecamatan,
    nama_kecamatan, kode_wilayah, nama_kabupaten."""
    w = wilayah()
    kec = w.filter(pl.col("tingkat") == "kecamatan").select(kode_kecamatan="kode", nama_kecamatan="nama")
    kab = w.filter(pl.col("tingkat") == "kabupaten_kota").select(kode_wilayah="kode", nama_kabupaten="nama")
    return (
        w.filter(pl.col("tingkat") == "desa_kelurahan")
        .select(kode_desa="kode", nama_desa="nama")
        .with_columns(kode_kecamatan=pl.col("kode_desa").str.slice(0, 8), kode_wilayah=region_of(pl.col("kode_desa")))
        .join(kec, on="kode_kecamatan", how="left")
        .join(kab, on="kode_wilayah", how="left")
    )


def name_key(expr: pl.Expr, *, drop_kabupaten: bool = False) -> pl.Expr:
    """Comparable region name: 'PEMERINTAH KABUPATEN TABANAN' ~ 'Kabupaten Tabanan'.

    BPS labels omit 'Kabupaten' (but keep 'Kota'): compare those with drop_kabupaten=True.
    """
    noise = r"\b(pemerintah|pemkab|pemkot|pemprov|provinsi" + (r"|kabupaten|kab)\b" if drop_kabupaten else r")\b")
    n = expr.str.to_lowercase().str.replace_all(r"[^a-z0-9 ]+", " ").str.replace_all(noise, " ")
    return n.str.replace_all(r"\s+", " ").str.strip_chars()


# BPS abbreviations, spelled out as Kemendagri writes them ("KEP. RIAU", "DKI JAKARTA", "DI YOGYAKARTA").
_ABBREVIATIONS = {"kep": "kepulauan", "dki": "daerah khusus ibukota", "di": "daerah istimewa", "adm": "administrasi"}
_NOT_THE_NAME = r"\b(pemerintah|pemkab|pemkot|pemprov|provinsi|prov|kabupaten|kab|kota|administrasi)\b"


def region_name_key(expr: pl.Expr) -> pl.Expr:
    """A region name reduced to what names it, for BPS labels against Kemendagri names:
    'PROV BALI' ~ 'Bali', 'KEP. RIAU' ~ 'Kepulauan Riau', 'DKI JAKARTA' ~ 'Daerah Khusus Ibukota
    Jakarta', 'Kab. Kepulauan Mentawai' ~ 'Kabupaten Kepulauan Mentawai', 'FAKFAK' ~ 'Fak Fak'.
    'Kota' is dropped too (BPS often omits it): whether a region is a kota is compared apart."""
    words = expr.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", " ")
    for short, full in _ABBREVIATIONS.items():
        words = words.str.replace_all(rf"\b{short}\b", full)
    return words.str.replace_all(_NOT_THE_NAME, " ").str.replace_all(r"\s+", "")


def region_by_name(name: str) -> list[str]:
    """Region codes whose name matches a printed name ('PEMERINTAH KOTA DENPASAR', 'PROVINSI BALI')."""
    key = pl.select(name_key(pl.lit(name))).item()
    return (
        wilayah()
        .filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"]))
        .filter(name_key(pl.col("nama")) == key)
        .get_column("kode")
        .to_list()
    )
