"""Export files: exact columns (README, "Running": the exports), numbers unrounded, `.` decimal, empty when undefined.

Each file is written to a temporary name and renamed into place, so a reader never sees half a
file; the CLI additionally stages whole folders so a failed run keeps the previous exports.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.lib.atomic import write_atomic
from pipelines.lib.ekspor.netral import neutralise_text_columns
from pipelines.lib.reviu.temuan import COLUMNS as FINDINGS_COLUMNS

COLUMNS = {
    "iku_capaian.csv": [
        "indicator_id", "jenis", "sasaran", "indikator", "satuan", "arah", "target", "realisasi", "capaian", "predikat",
        "keterangan", "sumber",
    ],
    "iku_perbandingan.csv": ["indicator_id", "tahun_lalu", "target_lalu", "realisasi_lalu", "capaian_lalu", "target", "realisasi", "capaian"],
    "budget_realization.csv": ["periode", "level", "kode", "parent_kode", "uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik"],
    # the findings table's columns, without the region and year its folder already names
    "findings.csv": [c for c in FINDINGS_COLUMNS if c not in ("kode_wilayah", "tahun")],
}


def _whole(values: pl.Series) -> bool:
    values = values.drop_nulls()
    return values.len() > 0 and bool((values == values.round(0)).all()) and values.abs().max() < 2**53


def whole_numbers_as_integers(frame: pl.DataFrame) -> pl.DataFrame:
    """Rupiah and counts print as 8294394608, not 8294394608.0; a column with any fraction keeps
    every digit. Lossless: only columns whose every value is whole change type."""
    whole = [c for c, dtype in frame.schema.items() if dtype == pl.Float64 and _whole(frame.get_column(c))]
    return frame.with_columns(pl.col(whole).cast(pl.Int64))


def write_csv(frame: pl.DataFrame, folder: Path, name: str) -> Path:
    table = neutralise_text_columns(whole_numbers_as_integers(frame.select(COLUMNS[name])))
    return write_atomic(folder / name, lambda tmp: table.write_csv(tmp, null_value=""))


def write_tables(folder: Path, tables: dict[str, pl.DataFrame]) -> list[Path]:
    """The CSV exports of one region-year, every one of them: a table without rows is its header
    only (no findings reads differently from no review). A table that was never built (no
    columns: the reviu or the budget has no table yet) writes no file."""
    return [write_csv(frame, folder, name) for name, frame in tables.items() if frame.width]
