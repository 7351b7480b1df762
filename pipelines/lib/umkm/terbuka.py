"""UMKM figures as open-data portals publish them, beside the dinas's own village file:

- **per desa**, in the standard several provinces' open-data portals use (Open Data Jabar:
  `kode_provinsi, …, kemendagri_kode_desa_kelurahan, kemendagri_nama_desa_kelurahan, <measure>,
  satuan, tahun`): village rows like the dinas's own (sektor and skala absent: all of them);
- **per kabupaten/kota**, one level up in the same standard (`kode_kabupaten_kota,
  nama_kabupaten_kota, <measure>, satuan, tahun`), or a Satu Data indicator table (one row per
  indicator, its `satuan`, the years as columns, Indonesian notation, `kode_wilayah` without dots):
  region-level measures, `umkm.<measure>` (`umkm.jumlah` for a count of UMKM), which the catalog's
  formulas read where no village data give them.

A file is told apart by its header; codes without dots (`3505`, `3201022001`) are Kemendagri codes
written plainly, checked against the region's printed name where the file prints one.
"""

from __future__ import annotations

import re

import polars as pl

from pipelines.lib.numbers import Number, read_numbers
from schemas.pesan import _
from pipelines.lib.problems import PROVENANCE, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, Problem, Problems, problems_from_rows
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import HEADER_SEARCH_ROWS, header_name, read_cells
from pipelines.lib.wilayah import region_name_key, wilayah

DESA, KABUPATEN, SATU_DATA = "odj_desa", "odj_kabupaten", "satu_data"
# The columns of the open-data standard that are no measure.
STANDARD = {
    "id", "_id", "no", "kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota", "satuan", "tahun",
    "bps_kode_kabupaten_kota", "bps_nama_kabupaten_kota", "bps_kode_kecamatan", "bps_nama_kecamatan", "bps_kode_desa_kelurahan",
    "bps_nama_desa_kelurahan", "kemendagri_kode_kecamatan", "kemendagri_nama_kecamatan", "kemendagri_kode_desa_kelurahan",
    "kemendagri_nama_desa_kelurahan", "kode_wilayah", "nama_wilayah", "level_wilayah", "status", "timestamp", "periode",
}
# Names of a count of UMKM: the measure umkm.jumlah.
JUMLAH = {"jumlah_umkm", "jumlah_usaha_mikro_kecil_dan_menengah", "jumlah_usaha_mikro_kecil_menengah", "jumlah_ukm"}
_YEAR = re.compile(r"^(19|20)\d{2}$")
_INDICATOR = ("indikator", "uraian", "judul", "nama_indikator")

WILAYAH_COLUMNS = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "ukuran": pl.String, "indikator": pl.String, "satuan": pl.String,
    "nilai": pl.Float64, SOURCE_FILE: pl.String, SOURCE_SHEET: pl.String, SOURCE_ROW: pl.Int64,
}


def layout_of(names: list[str]) -> str | None:
    """Which open-data layout a header row is (None: none of them)."""
    present = set(names)
    if "kemendagri_kode_desa_kelurahan" in present and "tahun" in present:
        return DESA
    if "kode_kabupaten_kota" in present and "tahun" in present and "satuan" in present:
        return KABUPATEN
    if "satuan" in present and any(_YEAR.match(n) for n in names) and present & set(_INDICATOR):
        return SATU_DATA
    return None


def open_data_sheets(
    source: SourceFile, read: list[tuple[str | None, pl.DataFrame]]
) -> list[tuple[str | None, pl.DataFrame, int, list[str], str]]:
    """The sheets of a file (as read_cells read them) that hold an open-data table: (sheet,
    cells, header row, names, layout)."""
    found = []
    for sheet, cells in read:
        head = cells.head(HEADER_SEARCH_ROWS)
        # every open-data layout has a satuan or a kemendagri_… column: a sheet without either word is not one
        if head.width == 0 or not head.select(pl.any_horizontal(pl.col(c).str.contains(r"(?i)satuan|kemendagri") for c in head.columns).any()).item():
            continue
        for top, row in enumerate(head.iter_rows()):
            names = [header_name(v) for v in row]
            if (layout := layout_of(names)) is not None:
                found.append((sheet, cells, top, names, layout))
                break
    return found


def _body(source: SourceFile, sheet: str | None, cells: pl.DataFrame, top: int, names: list[str]) -> pl.DataFrame:
    """The rows under the header, columns named as the header names them (the first of a repeat)."""
    keep = {f"c{i}": n for i, n in enumerate(names) if n and n not in names[:i]}
    body = cells.with_row_index(SOURCE_ROW, offset=1).slice(top + 1).select(
        pl.col(SOURCE_ROW).cast(pl.Int64), *(pl.col(c).str.strip_chars().alias(n) for c, n in keep.items())
    )
    values = [c for c in body.columns if c != SOURCE_ROW]
    return body.filter(~pl.all_horizontal(pl.col(values).fill_null("") == "")).with_columns(
        pl.lit(source.name).alias(SOURCE_FILE), pl.lit(sheet, pl.String).alias(SOURCE_SHEET)
    )


def _measure(names: list[str], file: str, sheet: str | None, row: int) -> tuple[str | None, list[Problem]]:
    """The one measure column of a standard table (the column no standard name is)."""
    measures = [n for n in names if n and n not in STANDARD and not n.startswith(("kode_", "nama_", "bps_", "kemendagri_"))]
    if len(measures) == 1:
        return measures[0], []
    return None, [Problem(file=file, sheet=sheet, row=row + 1, message=_(
        "an open-data table has one measure column beside its standard columns; this one has {found}").format(
        found=", ".join(measures) or "-"))]


def _plain_code(text: pl.Expr, dots: tuple[int, ...]) -> pl.Expr:
    """A Kemendagri code written plainly or as a float ('3201022001', '3201.0') in its dotted form."""
    digits = text.str.replace(r"\.0+$", "").str.replace_all(r"\.", "")
    parts, start = [], 0
    for width in dots:
        parts.append(digits.str.slice(start, width))
        start += width
    dotted = pl.concat_str(parts, separator=".")
    return pl.when(text.str.contains(r"^\d{2}(\.\d{2})+(\.\d{4})?$")).then(text).when(digits.str.len_chars() == sum(dots)).then(dotted)


def village_rows(source: SourceFile, tables: list[tuple[str | None, pl.DataFrame, int, list[str], str]]) -> tuple[pl.DataFrame, list[Problem]]:
    """A file's open-data per-desa tables as the village reader's text columns (sektor 'Semua',
    skala 'semua': the table counts every sector and scale)."""
    problems = Problems()
    frames = []
    for sheet, cells, top, names, layout in tables:
        if layout != DESA:
            continue
        measure = problems.keep(_measure(names, source.name, sheet, top))
        if measure is None:
            continue
        body = _body(source, sheet, cells, top, names)
        kecamatan = next((c for c in ("kemendagri_nama_kecamatan", "nama_kecamatan") if c in body.columns), None)
        frames.append(body.select(
            tahun=pl.col("tahun").str.replace(r"\.0+$", ""),
            kode_desa=_plain_code(pl.col("kemendagri_kode_desa_kelurahan"), (2, 2, 2, 4)).fill_null(pl.col("kemendagri_kode_desa_kelurahan")),
            nama_desa=pl.col("kemendagri_nama_desa_kelurahan") if "kemendagri_nama_desa_kelurahan" in body.columns else pl.lit(None, pl.String),
            kecamatan=pl.col(kecamatan) if kecamatan else pl.lit(None, pl.String),
            sektor=pl.lit("Semua"), skala=pl.lit("semua"),
            jumlah_usaha=pl.col(measure), jumlah_tenaga_kerja=pl.lit(None, pl.String),
            **{c: pl.col(c) for c in PROVENANCE},
        ))
    return (pl.concat(frames) if frames else None), problems.found  # type: ignore[return-value]


def read_umkm_wilayah(sources: list[SourceFile]) -> pl.DataFrame:
    """Region-level UMKM measures from open-data tables per kabupaten/kota (the standard one level
    up, or a Satu Data table with years as columns); one row per region, year and measure."""
    problems = Problems()
    frames = []
    for source in sources:
        read = problems.attempt(read_cells, source.path, source.name) or []
        for sheet, cells, top, names, layout in open_data_sheets(source, read):
            body = _body(source, sheet, cells, top, names)
            if layout == KABUPATEN:
                measure = problems.keep(_measure(names, source.name, sheet, top))
                if measure is None:
                    continue
                frames.append(body.select(
                    kode=pl.col("kode_kabupaten_kota"), nama=pl.col("nama_kabupaten_kota") if "nama_kabupaten_kota" in body.columns else pl.lit(None, pl.String),
                    tahun=pl.col("tahun").str.replace(r"\.0+$", ""), indikator=pl.lit(measure), satuan=pl.col("satuan"),
                    nilai=pl.col(measure), *PROVENANCE,
                ))
            elif layout == SATU_DATA:
                years = [n for n in names if _YEAR.match(n)]
                label = next(c for c in _INDICATOR if c in body.columns)
                kode = next((c for c in ("kode_wilayah", "kode_kabupaten_kota") if c in body.columns), None)
                if kode is None:
                    problems.add([Problem(file=source.name, sheet=sheet, row=top + 1, message=_(
                        "a Satu Data table needs its region's code (a kode_wilayah column) to say whose figures they are"))])
                    continue
                frames.append(body.unpivot(index=[kode, label, "satuan", *(c for c in ("nama_wilayah",) if c in body.columns), *PROVENANCE],
                                           on=years, variable_name="tahun", value_name="nilai").select(
                    kode=pl.col(kode), nama=pl.col("nama_wilayah") if "nama_wilayah" in body.columns else pl.lit(None, pl.String),
                    tahun="tahun", indikator=pl.col(label), satuan="satuan", nilai="nilai", *PROVENANCE,
                ))
    if not frames:
        problems.raise_any()
        return pl.DataFrame(schema=WILAYAH_COLUMNS)
    text = pl.concat(frames, how="vertical_relaxed")
    read = problems.keep(read_numbers(text, [Number("nilai", _("not a number")), Number("tahun", _("not a year"), whole=True)]))
    read = problems.keep(_regions(read))
    slug = _slug(pl.col("indikator"))
    frame = read.filter(pl.col("nilai").is_not_null() & pl.col("kode_wilayah").is_not_null()).with_columns(
        ukuran=pl.when(slug.is_in(list(JUMLAH))).then(pl.lit("umkm.jumlah")).otherwise(pl.format("umkm.{}", slug)),
    )
    problems.raise_any()
    return frame.select(list(WILAYAH_COLUMNS))


def _slug(text: pl.Expr) -> pl.Expr:
    return text.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "_").str.strip_chars("_")


def _regions(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """kode_wilayah from the printed code ('3505' → 35.05), which must be a kabupaten/kota or
    province of the Kemendagri 2025 list and, where the row names its region, that region."""
    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"])).select(kode_wilayah="kode", _nama="nama")
    coded = frame.with_columns(kode_wilayah=_plain_code(pl.col("kode"), (2, 2))).join(regions, on="kode_wilayah", how="left")
    unknown = coded.filter(pl.col("_nama").is_null())
    problems = problems_from_rows(unknown, "kode", _("not a province or kabupaten/kota code of the Kemendagri 2025 list (51, 51.02)"))
    # the name's key leaves 'Kota' out (wilayah.region_name_key): a kota and a kabupaten of one name are told apart here
    is_kota = pl.col("_nama").str.starts_with("Kota ")
    says = pl.col("nama").str.to_lowercase()
    kind_differs = (says.str.contains(r"\bkota\b") & ~is_kota) | (says.str.contains(r"\bkab(upaten)?\b") & is_kota)
    other = coded.filter(
        pl.col("_nama").is_not_null() & pl.col("nama").is_not_null()
        & ((region_name_key(pl.col("nama")) != region_name_key(pl.col("_nama"))) | kind_differs)
    )
    problems += [
        Problem(file=r[SOURCE_FILE], sheet=r[SOURCE_SHEET], row=r[SOURCE_ROW], column="kode", value=r["kode"], message=_(
            "code {kode} is {kemendagri} in the Kemendagri 2025 list, but the row names {nama}").format(
            kode=r["kode_wilayah"], kemendagri=r["_nama"], nama=r["nama"]))
        for r in other.head(200).iter_rows(named=True)
    ]
    return coded.filter(pl.col("_nama").is_not_null()).join(other.select(*PROVENANCE), on=PROVENANCE, how="anti").drop("_nama"), problems
