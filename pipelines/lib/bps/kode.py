"""BPS region codes (vervar) → Kemendagri 2025 region codes, by table, names checked.

`pipelines/reference/bps_kemendagri.csv` lists every BPS code of a province (PP00, as national
tables list them) and kabupaten/kota (PPKK), of BPS's 2020 and 2023 numberings, with the
Kemendagri code of the same region (built by scripts/make_bps_kemendagri.py from public lists;
the two numberings differ for 199 kabupaten/kota and for the Papua provinces since the 2022
split: BPS 9400 PAPUA is Kemendagri 91, BPS 9700 PAPUA PEGUNUNGAN is 95). A steward adds or
overrides rows with `raw/bps/kode_wilayah.csv` (columns kode_bps,kode_wilayah), which is part of
the raw asset's files, never by editing the package.

Every mapping, the steward's too, is checked by name: the label in the answer must name the
BPS region of the table or the Kemendagri region ('PROV BALI', 'KEP. RIAU', 'Kab. Kepulauan
Mentawai', upper or lower case: see lib.wilayah.region_name_key), and a label saying 'Kota'
must be a Kemendagri kota. 9999 is the table's total row: the province the file's other codes
share; in a national table (other codes PP00) it is Indonesia, no region, and is skipped. Some
kabupaten/kota tables list their province total coded like one more kota ('Provinsi Sumatera
Barat' 1378 after Sumatera Barat's 1371-1377): a code in no table whose label names the province
the file's codes share is that province, like 9999.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import MAX_PER_CHECK, SOURCE_FILE, ContractError, Problem
from pipelines.lib.wilayah import REGION_PATTERN, region_name_key, wilayah

TABLE = "bps_kemendagri.csv"
STEWARD_FILE = "bps/kode_wilayah.csv"  # relative to the raw folder
TOTAL = "9999"


@cache
def shipped() -> pl.DataFrame:
    """kode_bps, nama_bps, kode_wilayah of every BPS region code (both numberings)."""
    path = resources.files("pipelines") / "reference" / TABLE
    with resources.as_file(path) as p:
        return pl.read_csv(p, infer_schema=False).select("kode_bps", "nama_bps", "kode_wilayah")


def steward_rows(text: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """The steward's kode_wilayah.csv (all text, with provenance), checked: a 4-digit BPS code and
    a Kemendagri province or kabupaten/kota code per row. The rows that pass, and the problems."""
    if text.is_empty():
        return pl.DataFrame(schema={"kode_bps": pl.String, "kode_wilayah": pl.String}), []
    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"])).get_column("kode")
    checks = [
        ("kode_bps", ~pl.col("kode_bps").fill_null("").str.contains(r"^\d{4}$"), _("a BPS region code has 4 digits (5102, 9100)")),
        ("kode_wilayah", ~pl.col("kode_wilayah").fill_null("").str.contains(REGION_PATTERN) | ~pl.col("kode_wilayah").is_in(regions.implode()),
         _("not a province or kabupaten/kota code of the Kemendagri 2025 list (51, 51.02)")),
    ]
    problems = [
        Problem(file=STEWARD_FILE, row=r["source_row"], column=column, value=r[column] or "", message=message)
        for column, wrong, message in checks
        for r in text.filter(wrong).head(MAX_PER_CHECK).iter_rows(named=True)
    ]
    # A code written twice with two regions is refused naming both rows; the same row twice counts once.
    rows = text.filter(~pl.any_horizontal(wrong for _column, wrong, _message in checks))
    rows = rows.unique(["kode_bps", "kode_wilayah"], keep="first", maintain_order=True)
    first = rows.unique("kode_bps", keep="first", maintain_order=True)
    again = rows.join(first.select("kode_bps", baris_pertama="source_row", kode_pertama="kode_wilayah"), on="kode_bps")
    problems += [
        Problem(file=STEWARD_FILE, row=r["source_row"], column="kode_wilayah", value=r["kode_wilayah"],
                message=_("BPS code {kode_bps} is already mapped to {kode} in row {baris}; keep one of the two rows").format(
                    kode_bps=r["kode_bps"], kode=r["kode_pertama"], baris=r["baris_pertama"]))
        for r in again.filter(pl.col("source_row") != pl.col("baris_pertama")).head(MAX_PER_CHECK).iter_rows(named=True)
    ]
    return first.select("kode_bps", "kode_wilayah"), problems


def province_of(kode_bps: pl.Series, file: str) -> str | None:
    """BPS province code (PP00) of a kabupaten/kota table: the first two digits its codes other
    than 9999 share, the province its total rows stand for.

    None for a national table (its other codes are provinces, PP00: 9999 is then Indonesia, which
    is no region of the partition, so the caller skips that row) and for codes of several
    provinces; a 9999 row among those is refused, it would be no one province.
    """
    others = kode_bps.filter(kode_bps != TOTAL)
    if others.len() and others.str.ends_with("00").all():
        return None
    prefixes = others.str.slice(0, 2).unique().sort().to_list()
    if len(prefixes) == 1:
        return prefixes[0] + "00"
    if (kode_bps == TOTAL).any():
        raise ContractError.single(
            file,
            _("cannot tell which province the total row belongs to: the other region codes start with {prefixes}").format(
                prefixes=", ".join(prefixes) or "-"),
            column="vervar",
            value=TOTAL,
        )
    return None


def by_name(codes: pl.DataFrame) -> pl.Expr:
    """The BPS code of a region a table lists by its own item number (vervar 1 'Ambon' under
    labelvervar 'Kota'): the one region of the table whose name is the label, a kota when the
    table lists kota; null when none or several are."""
    names = shipped().filter(~pl.col("kode_bps").str.ends_with("00")).with_columns(
        _key=region_name_key(pl.col("nama_bps")), _kota=pl.col("kode_bps").str.slice(2, 1) == "7"
    )
    wanted = codes.select(
        _key=region_name_key(pl.col("nama_wilayah")),
        _kota=pl.col("labelvervar").fill_null("").str.contains(r"(?i)^\s*kota\b") | pl.col("nama_wilayah").str.contains(r"(?i)^\s*kota\b"),
    )
    candidates = (
        wanted.unique()
        .join(names, on=["_key", "_kota"], how="inner")
        .group_by("_key", "_kota")
        .agg(pl.col("kode_wilayah").n_unique().alias("n"), pl.col("kode_bps").first())
        .filter(pl.col("n") == 1)  # both numberings of one region count once
    )
    found = wanted.join(candidates, on=["_key", "_kota"], how="left", maintain_order="left").get_column("kode_bps")
    return pl.lit(found)


def names_the_province(codes: pl.DataFrame, table: pl.DataFrame) -> pl.Expr:
    """True for a province total listed like a kabupaten/kota: a 4-digit code in no table whose
    label names the file's province, kode_provinsi ('Provinsi Sumatera Barat', 'PROV. SUMATERA
    BARAT' or 'Sumatera Barat' coded 1378 in a Sumatera Barat table). A province named like a
    kabupaten/kota (Jambi, Bengkulu, Gorontalo) counts only where the label says Provinsi: a
    bare 'Jambi' could as well be Kota Jambi under a new code."""
    kabupaten_kota = table.filter(~pl.col("kode_bps").str.ends_with("00")).select(region_name_key(pl.col("nama_bps")))
    provinces = (
        table.filter(pl.col("kode_bps").str.ends_with("00"))
        .join(wilayah().select(kode_wilayah="kode", nama_kemendagri="nama"), on="kode_wilayah")
        .select(
            kode_provinsi="kode_bps",
            _bps=region_name_key(pl.col("nama_bps")),
            _kemendagri=region_name_key(pl.col("nama_kemendagri")),
            _shared=region_name_key(pl.col("nama_bps")).is_in(kabupaten_kota.to_series().implode()),
        )
    )
    label = region_name_key(pl.col("nama_wilayah"))
    says_provinsi = pl.col("nama_wilayah").str.contains(r"(?i)\bprov(insi)?\b")
    found = codes.join(provinces, on="kode_provinsi", how="left", maintain_order="left").select(
        pl.col("kode_bps").str.contains(r"^\d{4}$")
        & ~pl.col("kode_bps").is_in(table.get_column("kode_bps").implode())
        & ((label == pl.col("_bps")) | (label == pl.col("_kemendagri")))
        & (says_provinsi | ~pl.col("_shared"))
    )
    return pl.lit(found.to_series().fill_null(False))


def kode_wilayah_for(codes: pl.DataFrame, steward: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """Add kode_wilayah to a frame of source_file, kode_bps, nama_wilayah, kode_provinsi,
    labelvervar (`kode_provinsi`, the BPS province code PP00 of the file's codes, is read on its
    total rows: 9999 and those of names_the_province; a vervar that is no 4-digit code is placed
    by name, see by_name). `steward`: rows kode_bps, kode_wilayah that add to or replace the
    shipped table. The rows of a code in no table or of a label naming another region are left
    out, with problems naming file, code and label."""
    table = shipped().join(steward.rename({"kode_wilayah": "_steward"}), on="kode_bps", how="full", coalesce=True).select(
        "kode_bps", "nama_bps", kode_wilayah=pl.coalesce("_steward", "kode_wilayah"), dari_steward=pl.col("_steward").is_not_null()
    )
    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"])).select(
        kode_wilayah="kode", nama_kemendagri="nama"
    )
    lookup = (
        pl.when((pl.col("kode_bps") == TOTAL) | names_the_province(codes, table)).then(pl.col("kode_provinsi"))
        .when(pl.col("kode_bps").str.contains(r"^\d{4}$")).then(pl.col("kode_bps"))
        .otherwise(by_name(codes))
    )
    mapped = (
        codes.with_columns(_lookup=lookup)
        .join(table.rename({"kode_bps": "_lookup"}), on="_lookup", how="left")
        .join(regions, on="kode_wilayah", how="left")
    )
    where = [SOURCE_FILE, "kode_bps", "nama_wilayah", "kode_wilayah", "nama_kemendagri"]
    is_unknown = pl.col("nama_kemendagri").is_null()
    unknown = mapped.filter(is_unknown).unique(where, maintain_order=True)
    label = region_name_key(pl.col("nama_wilayah"))
    says_kota = pl.col("nama_wilayah").str.contains(r"(?i)^\s*kota\b")
    same = ((label == region_name_key(pl.col("nama_bps"))) & ~pl.col("dari_steward")).fill_null(False) | (
        label == region_name_key(pl.col("nama_kemendagri"))
    ).fill_null(False)
    is_mismatch = ~is_unknown & (~same | (says_kota & ~pl.col("nama_kemendagri").str.starts_with("Kota ")))
    mismatch = mapped.filter(is_mismatch).unique(where, maintain_order=True)

    problems: list[Problem] = []
    for rec in unknown.head(MAX_PER_CHECK).iter_rows(named=True):  # offending codes only
        problems.append(
            Problem(
                file=rec[SOURCE_FILE], column="vervar", value=rec["kode_bps"],
                message=_("BPS region '{label}' has a code in no BPS↔Kemendagri table; add a row {kode},<kode_wilayah> to raw/{file}").format(
                    label=rec["nama_wilayah"], kode=rec["kode_bps"], file=STEWARD_FILE),
            )
        )
    for rec in mismatch.head(MAX_PER_CHECK).iter_rows(named=True):
        problems.append(
            Problem(
                file=rec[SOURCE_FILE], column="vervar", value=rec["kode_bps"],
                message=_(
                    "BPS region '{label}' becomes {kode_wilayah}, which Kemendagri names '{nama}'; if BPS renumbered it, add a "
                    "row {kode},<kode_wilayah> to raw/{file} naming the right Kemendagri region"
                ).format(label=rec["nama_wilayah"], kode_wilayah=rec["kode_wilayah"], nama=rec["nama_kemendagri"],
                         kode=rec["kode_bps"], file=STEWARD_FILE),
            )
        )
    return mapped.filter(~is_unknown & ~is_mismatch).drop("_lookup", "nama_bps", "dari_steward", "nama_kemendagri"), problems
