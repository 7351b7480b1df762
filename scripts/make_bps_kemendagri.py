"""Build pipelines/reference/bps_kemendagri.csv: every BPS region code (province PP00 and
kabupaten/kota PPKK, as BPS WebAPI answers list them) with the Kemendagri 2025 code of the same
region, from the public lists in pipelines/reference/sources/ (origins in its README.md).

- BPS 2020 codes (34 provinces): BPS's own bridging table to Kemendagri (sig.bps.go.id), each
  pair checked against the Kemendagri 2025 list by normalised name;
- BPS 2023 codes (38 provinces, after the Papua split): the 2022→2023 renumbering, carried to
  Kemendagri through the 2020 pair of the same region, or, in the six Papua provinces (whose
  Kemendagri codes changed too), by normalised name among Kemendagri's Papua regions.

A code present in both vintages must name the same region. The script stops on any code it
cannot place or any conflict; `tests/test_bps_real.py` checks the shipped table.

    .venv/bin/python -m scripts.make_bps_kemendagri
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.lib.wilayah import region_name_key, wilayah

ROOT = Path(__file__).resolve().parents[1]

SOURCES = ROOT / "pipelines" / "reference" / "sources"
TARGET = ROOT / "pipelines" / "reference" / "bps_kemendagri.csv"
PAPUA = ["91", "92", "93", "94", "95", "96"]  # Kemendagri 2025 provinces of the former Papua and Papua Barat


def kemendagri() -> pl.DataFrame:
    return wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"])).select(
        kode_wilayah="kode", nama_kemendagri="nama", kota=pl.col("nama").str.starts_with("Kota ")
    )


def read(name: str) -> pl.DataFrame:
    return pl.read_csv(SOURCES / name, infer_schema=False)


def bridged_2020() -> pl.DataFrame:
    """kode_bps (PPKK or PP00), nama_bps, kode_wilayah from BPS's 2020 bridging table."""
    kab = read("bps2020_kemendagri_kabkota.csv").select(
        "kode_bps", "nama_bps", kode_wilayah=pl.col("kode_dagri").str.slice(0, 2) + "." + pl.col("kode_dagri").str.slice(2)
    )
    prov = read("bps2020_kemendagri_provinsi.csv").select(
        kode_bps=pl.col("kode_bps") + "00", nama_bps="nama_bps", kode_wilayah="kode_dagri"
    )
    return pl.concat([prov, kab]).with_columns(vintage=pl.lit("2020"))


def by_name_in_papua(codes: pl.DataFrame) -> pl.DataFrame:
    """kode_wilayah for BPS codes of the Papua provinces, by normalised name among Kemendagri's
    Papua regions (a kota, BPS code xx71, only to a Kemendagri kota)."""
    regions = kemendagri().filter(pl.col("kode_wilayah").str.slice(0, 2).is_in(PAPUA)).with_columns(
        key=region_name_key(pl.col("nama_kemendagri")), provinsi=pl.col("kode_wilayah").str.len_chars() == 2
    )
    named = codes.with_columns(
        key=region_name_key(pl.col("nama_bps")), provinsi=pl.col("kode_bps").str.ends_with("00"),
        kota=pl.col("kode_bps").str.slice(2, 1) == "7",
    )
    matched = named.join(regions, on=["key", "provinsi", "kota"], how="left")
    ambiguous = matched.filter(pl.col("kode_bps").is_duplicated())
    missing = matched.filter(pl.col("kode_wilayah").is_null())
    if ambiguous.height or missing.height:
        raise SystemExit(f"Papua codes not placed by name:\n{pl.concat([ambiguous, missing], how='diagonal')}")
    return matched.select("kode_bps", "nama_bps", "kode_wilayah")


def renumbered_2023(bridge2020: pl.DataFrame) -> pl.DataFrame:
    """BPS 2023 codes: outside Papua through the 2022 code's 2020 pair, inside Papua by name."""
    kab = read("bps2022_bps2023_kabkota.csv").select(old="idkab22", kode_bps="idkab23", nama_bps="nmkab23")
    prov = read("bps2022_bps2023_provinsi.csv").select(
        old=pl.col("idprov22") + "00", kode_bps=pl.col("idprov23") + "00", nama_bps="nmprov23"
    ).unique("kode_bps")
    codes = pl.concat([prov, kab])
    papua = pl.col("kode_bps").str.slice(0, 2).is_in(["91", "92", "94", "95", "96", "97"])
    elsewhere = codes.filter(~papua).join(
        bridge2020.select(old="kode_bps", kode_wilayah="kode_wilayah"), on="old", how="left"
    ).select("kode_bps", "nama_bps", "kode_wilayah")
    if elsewhere.filter(pl.col("kode_wilayah").is_null()).height:
        raise SystemExit(f"2023 codes without a 2020 pair:\n{elsewhere.filter(pl.col('kode_wilayah').is_null())}")
    return pl.concat([elsewhere, by_name_in_papua(codes.filter(papua).drop("old"))]).with_columns(vintage=pl.lit("2023"))


def build() -> pl.DataFrame:
    bridge = bridged_2020()
    papua_2020 = pl.col("kode_bps").str.slice(0, 2).is_in(["91", "94"])
    # Kemendagri renumbered Papua too: the 2020 pairs there are placed again, by name.
    placed_2020 = pl.concat([bridge.filter(~papua_2020), by_name_in_papua(bridge.filter(papua_2020).drop("kode_wilayah", "vintage")).with_columns(vintage=pl.lit("2020"))])
    rows = pl.concat([renumbered_2023(bridge), placed_2020]).join(kemendagri().drop("kota"), on="kode_wilayah", how="left")
    if rows.filter(pl.col("nama_kemendagri").is_null()).height:
        raise SystemExit(f"codes placed outside the Kemendagri 2025 list:\n{rows.filter(pl.col('nama_kemendagri').is_null())}")
    table = rows.group_by("kode_bps").agg(
        pl.col("kode_wilayah").unique(), pl.col("nama_bps").first(), pl.col("nama_kemendagri").first(),
        pl.col("vintage").unique().sort().str.join(" "),
    )
    conflicts = table.filter(pl.col("kode_wilayah").list.len() > 1)
    if conflicts.height:
        raise SystemExit(f"a BPS code names two regions across vintages:\n{conflicts}")
    return table.with_columns(pl.col("kode_wilayah").list.first()).select(
        "kode_bps", "nama_bps", "kode_wilayah", "nama_kemendagri", "vintage"
    ).sort("kode_bps")


def main() -> None:
    table = build()
    table.write_csv(TARGET)
    differ = table.filter(region_name_key(pl.col("nama_bps")) != region_name_key(pl.col("nama_kemendagri")))
    print(f"{TARGET.relative_to(ROOT)}: {table.height} BPS codes; names differing after normalisation: {differ.height}")
    for row in differ.iter_rows(named=True):
        print(f"  {row['kode_bps']} {row['nama_bps']} → {row['kode_wilayah']} {row['nama_kemendagri']}")


if __name__ == "__main__":
    main()
