"""raw/ods_koperasi/*.csv|*.xlsx — the cooperative registry export (docs/sumber.md §2)."""

from __future__ import annotations

from datetime import date

import polars as pl

from schemas.pesan import _
from pipelines.lib.dates import parse_date, unreadable_date
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.problems import PROVENANCE, Problems, unreadable_cells
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_tables
from pipelines.lib.villages import check_villages

COLUMNS = [
    "nomor_induk_koperasi", "nama_koperasi", "nomor_badan_hukum", "tanggal_badan_hukum",
    "bentuk_koperasi", "jenis_koperasi", "kelompok_koperasi", "sektor_usaha", "status_koperasi",
    "grade_koperasi", "kode_desa", "desa", "kecamatan", "kabupaten", "provinsi", "alamat_lengkap",
    "tanggal_pembubaran",
]
REQUIRED = ["nama_koperasi", "nomor_badan_hukum", "tanggal_badan_hukum", "kode_desa"]
DATES = ["tanggal_badan_hukum", "tanggal_pembubaran"]
FOLDER, EXTENSIONS = "ods_koperasi", (".csv", ".xlsx")

OUTPUT = [
    "kode_wilayah", "koperasi_id", "nomor_induk_koperasi", "nama_koperasi", "nomor_badan_hukum",
    "tanggal_badan_hukum", "bentuk_koperasi", "jenis_koperasi", "kelompok_koperasi", "sektor_usaha",
    "status_koperasi", "grade_koperasi", "kode_desa", "desa", "kecamatan", "kabupaten", "provinsi",
    "tanggal_pembubaran", "alamat_lengkap", *PROVENANCE,
]


def read_registry(sources: list[SourceFile]) -> pl.DataFrame:
    problems = Problems()
    text = problems.keep(read_tables(sources, COLUMNS, REQUIRED))
    unreadable = [unreadable_date(pl.col(c)) for c in DATES]
    problems.add(unreadable_cells(
        text, DATES, unreadable_date, _("not a date with a four-digit year (expected 2023-05-17, 17/05/2023 or 17-05-2023)")
    ))
    frame = text.with_columns(
        *[parse_date(pl.col(c)).alias(c) for c in DATES],
        # Code lists arrive in any case from ODS; the schema holds the canonical spelling.
        pl.col("jenis_koperasi", "status_koperasi").str.to_titlecase(),
        pl.col("grade_koperasi").str.to_uppercase(),
        # A cooperative without a NIK yet still counts, keyed by its badan hukum.
        koperasi_id=pl.coalesce("nomor_induk_koperasi", "nomor_badan_hukum"),
        _dates_read=~pl.any_horizontal(unreadable),
    )
    frame = problems.keep(check_villages(frame, "kabupaten", "kabupaten"))
    # Copies are compared on every parsed column: only rows whose dates were read take part.
    # Two exports agreeing on every parsed column are one cooperative; any difference is an error.
    frame = problems.keep(drop_reexports(frame.filter(pl.col("_dates_read")), key=["koperasi_id"], values=COLUMNS, what=_("cooperative")))
    # An older export without the NIK and a newer one with it would otherwise count it twice.
    frame = problems.keep(drop_reexports(frame, key=["nomor_badan_hukum"], values=COLUMNS, what=_("cooperative")))
    problems.raise_any()
    return frame.select(OUTPUT)


def registry_at_year_end(registry: pl.DataFrame, tahun: int) -> pl.DataFrame:
    """The registry as at 31 Dec `tahun`: cooperatives founded by then, with
    `aktif_akhir_tahun` (not dissolved by then: counts in koperasi.jumlah) and
    `baru` (badan hukum dated in `tahun`: koperasi.baru)."""
    year_end = date(tahun, 12, 31)
    founded = pl.col("tanggal_badan_hukum")
    dissolved = pl.col("tanggal_pembubaran")
    return registry.filter(founded <= year_end).with_columns(
        tahun=pl.lit(tahun, pl.Int64),
        aktif_akhir_tahun=dissolved.is_null() | (dissolved > year_end),
        baru=founded.dt.year() == tahun,
    )


def registry_at_year_ends(registry: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """The registry as at 31 December of each year, stacked (every region together)."""
    frames = [registry_at_year_end(registry, tahun) for tahun in years]
    return pl.concat(frames) if frames else registry_at_year_end(registry, 1900).clear()
