"""raw/umkm_desa/*.csv|*.xlsx — UMKM counts per village: the dinas's own collection, and
open-data portals' per-desa tables (terbuka.py)."""

from __future__ import annotations

import polars as pl

from schemas.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import PROVENANCE, Problems
from pipelines.lib.villages import check_villages
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import empty_text, read_cells, table_of_sheets
from pipelines.lib.umkm import terbuka

COLUMNS = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala", "jumlah_usaha", "jumlah_tenaga_kerja"]
REQUIRED = ["tahun", "kode_desa", "sektor", "skala", "jumlah_usaha"]
COUNTS = ["tahun", "jumlah_usaha", "jumlah_tenaga_kerja"]
FOLDER, EXTENSIONS = "umkm_desa", (".csv", ".xlsx")


def read_umkm(sources: list[SourceFile]) -> pl.DataFrame:
    """Every village file: the dinas's own (sector and scale per village), and open-data per-desa
    tables (terbuka); a region-level open-data table is read_umkm_wilayah's, not a village file."""
    problems = Problems()
    frames = []
    for source in sources:
        read = problems.attempt(read_cells, source.path, source.name) or []
        open_data = terbuka.open_data_sheets(source, read)
        if open_data:
            frame = problems.keep(terbuka.village_rows(source, open_data))
        else:
            frame = problems.keep(table_of_sheets(read, source.name, COLUMNS, REQUIRED))
        if frame is not None:
            frames.append(frame.select(*COLUMNS, *PROVENANCE))
    text = pl.concat(frames) if frames else empty_text(COLUMNS)
    frame = problems.keep(read_numbers(text, [Number(c, _("not a whole number"), whole=True) for c in COUNTS]))
    frame = problems.keep(check_villages(frame.with_columns(pl.col("skala").str.to_lowercase()), "kecamatan", "kecamatan"))
    # Copies are compared on their counts: only rows whose counts were read take part.
    frame = problems.keep(drop_reexports(
        frame.filter(pl.col(NUMBERS_READ)),
        key=["tahun", "kode_desa", "sektor", "skala"],
        values=["jumlah_usaha", "jumlah_tenaga_kerja"],
        what=_("UMKM count"),
    ))
    problems.raise_any()
    return frame.select(
        "tahun", "kode_wilayah", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala",
        "jumlah_usaha", "jumlah_tenaga_kerja", *PROVENANCE,
    )
