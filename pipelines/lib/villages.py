"""Village codes in stewards' files: known to Kemendagri, and inside the area the row names."""

from __future__ import annotations

from typing import Literal

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import MAX_PER_CHECK, Problem, problems_from_rows
from pipelines.lib.wilayah import desa, name_key


def check_villages(
    frame: pl.DataFrame, area_column: str, area: Literal["kecamatan", "kabupaten"]
) -> tuple[pl.DataFrame, list[Problem]]:
    """Add kode_wilayah from kode_desa (every row kept), with the problems: every kode_desa must be
    in the Kemendagri 2025 list, and a filled `area_column` must name the kecamatan / kabupaten the
    village lies in — otherwise the row is another area's row pasted into this export. 'TABANAN',
    'Kab. Tabanan' and 'Kabupaten Tabanan' name the same kabupaten; 'Kota' is kept, so a kota
    never matches a kabupaten."""
    ref_area = "nama_kecamatan" if area == "kecamatan" else "nama_kabupaten"
    ref = desa().select("kode_desa", "kode_wilayah", ref_area)
    joined = frame.drop("kode_wilayah", strict=False).join(ref, on="kode_desa", how="left")
    unknown = joined.filter(pl.col("kode_desa").is_not_null() & pl.col("kode_wilayah").is_null())
    problems = problems_from_rows(unknown, "kode_desa", _("not a desa/kelurahan code in the Kemendagri 2025 list"))
    written, expected = (name_key(pl.col(c), drop_kabupaten=True) for c in (area_column, ref_area))
    elsewhere = joined.filter(pl.col(area_column).is_not_null() & pl.col(ref_area).is_not_null() & (written != expected))
    for rec in elsewhere.head(MAX_PER_CHECK).iter_rows(named=True):  # offending rows only
        problems.append(
            Problem(
                file=rec["source_file"], sheet=rec["source_sheet"], row=rec["source_row"],
                column="kode_desa", value=rec["kode_desa"],
                message=_("this village lies in {area} {actual} ({kode}), but the row says {area} {written}: a row from another area's export?").format(
                    area=area, actual=rec[ref_area], kode=rec["kode_wilayah"], written=rec[area_column]),
            )
        )
    return joined.drop(ref_area), problems
