"""raw/umkm_desa/*.csv|*.xlsx — UMKM counts per village (sources.md §4)."""

from __future__ import annotations

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import parse_count, unreadable_count
from pipelines.lib.problems import PROVENANCE, raise_if, unreadable_cells
from pipelines.lib.villages import check_villages
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables

COLUMNS = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala", "jumlah_usaha", "jumlah_tenaga_kerja"]
REQUIRED = ["tahun", "kode_desa", "sektor", "skala", "jumlah_usaha"]
COUNTS = ["tahun", "jumlah_usaha", "jumlah_tenaga_kerja"]
FOLDER, EXTENSIONS = "umkm_desa", (".csv", ".xlsx")


def read_umkm(sources: list[SourceFile]) -> pl.DataFrame:
    text = read_tables(sources, COLUMNS, REQUIRED)
    raise_if(unreadable_cells(text, COUNTS, unreadable_count, _("not a whole number")))

    frame = text.with_columns(
        *[parse_count(pl.col(c)) for c in COUNTS],
        pl.col("skala").str.to_lowercase(),
    )
    frame = check_villages(frame, "kecamatan", "kecamatan")
    frame = drop_reexports(
        frame,
        key=["tahun", "kode_desa", "sektor", "skala"],
        values=["jumlah_usaha", "jumlah_tenaga_kerja"],
        what=_("UMKM count"),
    )
    return frame.select(
        "tahun", "kode_wilayah", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala",
        "jumlah_usaha", "jumlah_tenaga_kerja", *PROVENANCE,
    )
