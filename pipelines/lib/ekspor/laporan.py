"""The report tables of one region-year in the shapes people paste into the LKjIP: a stewards'
workbook, Word tables and an offline HTML report with charts, plus Parquet copies of the marts
for downstream tools, all in exports/<kode_wilayah>/<tahun>/ next to the CSV exports."""

from pathlib import Path

import polars as pl

from pipelines.lib.atomic import write_atomic
from pipelines.lib.ekspor.format import Laporan, tata_letak
from pipelines.lib.ekspor.html_report import write_html
from pipelines.lib.ekspor.word import write_word
from pipelines.lib.ekspor.workbook import write_workbook

PARQUET = "parquet"


def write_laporan(folder: Path, laporan: Laporan) -> list[Path]:
    """The workbook, the Word tables and the HTML report of one region-year, each written to a
    temporary name and renamed into place (a failure keeps the previous file)."""
    name, letak = laporan.nama_berkas, tata_letak(laporan)  # laid out once, rendered three times
    return [
        write_atomic(folder / f"{name}.xlsx", lambda tmp: write_workbook(tmp, laporan, letak)),
        write_atomic(folder / f"{name}.docx", lambda tmp: write_word(tmp, laporan, letak)),
        write_atomic(folder / f"{name}.html", lambda tmp: write_html(tmp, laporan, letak)),
    ]


def write_parquet(folder: Path, marts: dict[str, pl.DataFrame | None]) -> list[Path]:
    """parquet/<mart>.parquet for every mart whose table exists (None: no table; its old copy
    is removed). Zero rows still write a file: the schema says the table is there and empty."""
    written = []
    for name, frame in marts.items():
        path = folder / PARQUET / f"{name}.parquet"
        if frame is None:
            path.unlink(missing_ok=True)
            continue
        written.append(write_atomic(path, lambda tmp, frame=frame: frame.write_parquet(tmp)))
    return written
