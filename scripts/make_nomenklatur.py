"""Build pipelines/reference/nomenklatur.csv: the national nomenclature of bidang urusan, program,
kegiatan and sub kegiatan (versi, kode, level, nama) from the public lists in
pipelines/reference/sources/ (origins in its README.md), in two versions: Kepmendagri 050-5889
Tahun 2021 (fiscal years up to 2023) and 900.1.15.5-1317 Tahun 2023 (from 2024). Codes are padded
to Permendagri 90/2019's widths (U.BB.PP.K.KK.SSSS) and names have their runs of spaces and line
breaks collapsed. Program Penunjang stays under `X.XX`: SIPD codes it under each SKPD's first
urusan, which the reader fills in.

The script stops on a code it cannot read or a code listed twice in one version.

    .venv/bin/python scripts/make_nomenklatur.py
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "pipelines" / "reference" / "sources"
SOURCE = SOURCES / "nomenklatur_kabkota_900.xlsx"
SOURCE_2021 = SOURCES / "nomenklatur_kabkota_050-5889.csv"
VERSI_2021, VERSI_2023 = "050-5889/2021", "900.1.15.5-1317/2023"
TARGET = ROOT / "pipelines" / "reference" / "nomenklatur.csv"
PARTS = ["urusan", "bidang", "program", "kegiatan", "sub_kegiatan"]


def from_900(source: Path = SOURCE) -> pl.DataFrame:
    """The 2023 list: the decree's table converted from PDF, its code over five unpadded columns."""
    cells = fastexcel.read_excel(source).load_sheet(0, header_row=None, dtypes="string").to_polars()
    cells = cells.rename(dict(zip(cells.columns[:6], [*PARTS, "nama"], strict=True))).slice(1)
    part = {p: pl.col(p).str.strip_chars() for p in PARTS}
    bidang = part["bidang"].str.zfill(2)
    program = pl.format("{}.{}.{}", part["urusan"], bidang, part["program"].str.zfill(2))
    kegiatan = pl.format("{}.{}", program, part["kegiatan"].str.replace(r"^(\d)\.(\d)$", "${1}.0${2}"))
    sub = pl.format("{}.{}", kegiatan, part["sub_kegiatan"].str.zfill(4))
    rows = cells.filter(part["bidang"].is_not_null()).select(
        kode=pl.when(part["sub_kegiatan"].is_not_null()).then(sub).when(part["kegiatan"].is_not_null()).then(kegiatan)
        .when(part["program"].is_not_null()).then(program).otherwise(pl.format("{}.{}", part["urusan"], bidang)),
        level=pl.when(part["sub_kegiatan"].is_not_null()).then(pl.lit("sub_kegiatan"))
        .when(part["kegiatan"].is_not_null()).then(pl.lit("kegiatan"))
        .when(part["program"].is_not_null()).then(pl.lit("program")).otherwise(pl.lit("bidang")),
        nama=pl.col("nama"),
    )
    return rows.with_columns(versi=pl.lit(VERSI_2023))


def build() -> pl.DataFrame:
    older = pl.read_csv(SOURCE_2021, infer_schema=False).with_columns(versi=pl.lit(VERSI_2021))
    rows = pl.concat([older, from_900()], how="diagonal").with_columns(
        nama=pl.col("nama").str.replace_all(r"_x000D_|\\n|\s+", " ").str.strip_chars(),
    )
    shape = r"^(\d|X)\.(\d{2}|XX)(\.\d{2}(\.\d\.\d{2}(\.\d{4})?)?)?$"
    wrong = rows.filter(~pl.col("kode").str.contains(shape))
    if wrong.height:
        raise SystemExit(f"codes the script cannot read: {wrong.head(5).to_dicts()}")
    twice = rows.filter(pl.struct("versi", "kode").is_duplicated())
    if twice.height:
        raise SystemExit(f"codes listed twice: {twice.head(5).to_dicts()}")
    return rows.select("versi", "kode", "level", "nama").sort("versi", "kode")


if __name__ == "__main__":
    table = build()
    table.write_csv(TARGET)
    print(f"{TARGET}: {table.height} codes ({sorted(table.group_by('versi', 'level').len().iter_rows())})")
