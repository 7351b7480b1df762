"""BPS region codes (vervar) → Kemendagri region codes, kept as a table.

Default derivation: a BPS kabupaten/kota code PPKK is Kemendagri PP.KK (5102 → 51.02) and a
province code PP00 is PP (5100 → 51, as national tables list provinces). 9999 is the total row
of the table: the province the file's other codes share (5101, 5102, … → 51); in a national
table (other codes PP00) it is Indonesia, no region of the partition, and is skipped.

`pipelines/reference/bps_kemendagri.csv` (columns kode_bps,kode_wilayah) holds only the
exceptions, where BPS and Kemendagri codes differ (regions renumbered or moved to a new
province). An override row is the steward's statement that the two are the same region, so its
names are not compared; a derived code must exist in the Kemendagri 2025 list and carry the same
name. BPS labels omit "Kabupaten" and usually keep "Kota"; some tables also drop it ("Denpasar"
for 5171), which is accepted, while a label saying "Kota" must name a Kemendagri kota.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import polars as pl

from pipelines.core.problems import SOURCE_FILE, ContractError, Problem, raise_if
from pipelines.core.wilayah import name_key, wilayah

OVERRIDES = "bps_kemendagri.csv"
OVERRIDES_PATH = f"pipelines/reference/{OVERRIDES}"
TOTAL = "9999"


@cache
def overrides() -> pl.DataFrame:
    """kode_bps, kode_wilayah: the codes the default derivation gets wrong."""
    path = resources.files("pipelines") / "reference" / OVERRIDES
    with resources.as_file(path) as p:
        return pl.read_csv(p, schema={"kode_bps": pl.String, "kode_wilayah": pl.String})


def province_of_total(kode_bps: pl.Series, file: str) -> str | None:
    """Province code of a file's 9999 row, from the other codes' first two digits.

    None for a national table (its other codes are provinces, PP00): 9999 is then Indonesia,
    which is no region of the partition, so the caller skips that row.
    """
    others = kode_bps.filter(kode_bps != TOTAL)
    if others.len() and others.str.ends_with("00").all():
        return None
    prefixes = others.str.slice(0, 2).unique().sort().to_list()
    if len(prefixes) != 1:
        raise ContractError.single(
            file,
            "cannot tell which province the total row belongs to: the other region codes start with "
            f"{', '.join(prefixes) or 'nothing'}",
            column="vervar",
            value=TOTAL,
        )
    return prefixes[0]


def _derived(kode_bps: pl.Expr, kode_provinsi: pl.Expr) -> pl.Expr:
    return (
        pl.when(kode_bps == TOTAL)
        .then(kode_provinsi)
        .when(kode_bps.str.ends_with("00"))
        .then(kode_bps.str.slice(0, 2))
        .otherwise(kode_bps.str.slice(0, 2) + "." + kode_bps.str.slice(2))
    )


def same_region_name() -> pl.Expr:
    """nama_wilayah (BPS) names the same region as nama_kemendagri."""
    bps = name_key(pl.col("nama_wilayah"), drop_kabupaten=True)
    kemendagri = name_key(pl.col("nama_kemendagri"), drop_kabupaten=True)
    return (bps == kemendagri) | (bps == kemendagri.str.strip_prefix("kota "))


def kode_wilayah_for(codes: pl.DataFrame) -> pl.DataFrame:
    """Add kode_wilayah to a frame of source_file, kode_bps, nama_wilayah, kode_provinsi.

    `kode_provinsi` is only read on 9999 rows. Raises ContractError naming file, code and
    label for a code outside the Kemendagri list or a name that does not match.
    """
    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"])).select(
        kode_wilayah="kode", nama_kemendagri="nama"
    )
    mapped = (
        codes.join(overrides().rename({"kode_wilayah": "_override"}), on="kode_bps", how="left")
        .with_columns(kode_wilayah=pl.coalesce("_override", _derived(pl.col("kode_bps"), pl.col("kode_provinsi"))))
        .join(regions, on="kode_wilayah", how="left")
    )
    where = [SOURCE_FILE, "kode_bps", "nama_wilayah", "kode_wilayah", "nama_kemendagri"]
    unknown = mapped.filter(pl.col("nama_kemendagri").is_null()).unique(where, maintain_order=True)
    mismatch = mapped.filter(
        pl.col("_override").is_null() & pl.col("nama_kemendagri").is_not_null() & ~same_region_name()
    ).unique(where, maintain_order=True)

    problems = []
    for rec in unknown.head(200).iter_rows(named=True):  # offending codes only
        problems.append(
            Problem(
                file=rec[SOURCE_FILE], column="vervar", value=rec["kode_bps"],
                message=f"BPS region '{rec['nama_wilayah']}' becomes {rec['kode_wilayah']}, which is not in the "
                f"Kemendagri 2025 list; add a row kode_bps,kode_wilayah to {OVERRIDES_PATH}",
            )
        )
    for rec in mismatch.head(200).iter_rows(named=True):
        problems.append(
            Problem(
                file=rec[SOURCE_FILE], column="vervar", value=rec["kode_bps"],
                message=f"BPS region '{rec['nama_wilayah']}' becomes {rec['kode_wilayah']}, which Kemendagri names "
                f"'{rec['nama_kemendagri']}'; add a row {rec['kode_bps']},<kode_wilayah> to {OVERRIDES_PATH} "
                "naming the right Kemendagri region",
            )
        )
    raise_if(problems)
    return mapped.drop("_override", "nama_kemendagri")
