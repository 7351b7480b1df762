"""Regions side by side for one year: exports/perbandingan_wilayah/<tahun>/ holds a workbook and
an offline HTML page (inline SVG, no scripts) comparing every region on each measure they share
(the TPT of Bali's nine regencies from one BPS answer) and on each indicator id they share
(target, realisasi, capaian, predikat), with region names. Written only where two or more
regions share something.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pipelines.lib.atomic import write_atomic, write_text_atomic
from schemas.pesan import _, bahasa
from pipelines.lib.ekspor import charts
from pipelines.lib.angka import angka, persen
from pipelines.lib.ekspor.html_report import render, svg
from pipelines.lib.ekspor.netral import neutralise

FOLDER = "perbandingan_wilayah"
UKURAN = ["ukuran", "nama_ukuran", "satuan", "tahun_data", "kode_wilayah", "nama_wilayah", "nilai", "sumber"]
INDIKATOR = ["indicator_id", "indikator", "satuan", "kode_wilayah", "nama_wilayah", "target", "realisasi", "capaian", "predikat"]
PERSEN = ("persen", "%")


LEVEL = pl.when(pl.col("kode_wilayah").str.len_chars() == 2).then(pl.lit("provinsi")).otherwise(pl.lit("kabupaten_kota"))


def shared(frame: pl.DataFrame, by: str) -> pl.DataFrame:
    """Rows of every `by` value that two or more regions of one level have (a province is not
    compared with its own regencies)."""
    return frame.with_columns(tingkat=LEVEL).filter(pl.col("kode_wilayah").n_unique().over(by, "tingkat") >= 2)


def plain_measures(measures: pl.DataFrame) -> pl.DataFrame:
    """Each figure once: without the [period] forms, and without the bps.var<id> name of a
    variable that also has a standard name."""
    same = ["kode_wilayah", "sumber", "periode", "nilai"]
    named = measures.filter(~pl.col("ukuran").str.starts_with("bps.var")).select(same)
    aliases = measures.filter(pl.col("ukuran").str.starts_with("bps.var")).join(named, on=same, how="semi")
    return measures.filter(~pl.col("ukuran").str.contains("[", literal=True)).join(aliases, on=["kode_wilayah", "ukuran"], how="anti")


def tables(
    measures: pl.DataFrame, iku_capaian: pl.DataFrame, names: dict[str, str], kamus: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(measures, indicators) of one year that two or more regions share, region names added;
    each measure with its name, unit and data year (`kamus`: ukuran, nama_ukuran, satuan)."""
    named = {"nama_wilayah": pl.col("kode_wilayah").replace_strict(names, default="")}
    order = ["tingkat", "kode_wilayah"]
    # the BPS period read, said beside its file for people (the measures keep it as data)
    sumber = pl.when(pl.col("periode").is_not_null()).then(pl.format("{}, periode {}", "sumber", pl.col("periode").str.to_titlecase()))
    ukuran = (
        shared(plain_measures(measures), "ukuran").with_columns(**named, tahun_data="tahun", sumber=sumber.otherwise("sumber"))
        .join(kamus, on="ukuran", how="left").sort("ukuran", *order).select(UKURAN)
    )
    indikator = shared(iku_capaian, "indicator_id").with_columns(**named).sort("indicator_id", *order).select(INDIKATOR)
    return ukuran, indikator


def write_workbook(path: Path, tahun: int, ukuran: pl.DataFrame, indikator: pl.DataFrame) -> None:
    """Two sheets, one row per region and measure (or indicator); numbers are numeric cells."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, frame, title in (
        (_("Measures"), ukuran, _("Measures shared by several regions, {tahun}")),
        (_("Indicators"), indikator, _("Indicators shared by several regions, {tahun}")),
    ):
        ws = wb.create_sheet(sheet)
        ws.cell(1, 1, neutralise(title.format(tahun=tahun))).font = Font(bold=True, size=13)
        for j, column in enumerate(frame.columns, start=1):
            ws.cell(3, j, column).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(j)].width = 40 if column in ("indikator", "sumber", "nama_wilayah", "nama_ukuran") else 16
        for i, row in enumerate(frame.iter_rows(), start=4):
            for j, value in enumerate(row, start=1):
                cell = ws.cell(i, j)
                if isinstance(value, str):
                    cell.value, cell.data_type = neutralise(value), "s"  # text never becomes a formula
                else:
                    cell.value = value
    write_atomic(path, wb.save)


def render_html(tahun: int, ukuran: pl.DataFrame, indikator: pl.DataFrame) -> str:
    """The page: a chart per shared measure, a chart and a table per shared indicator, numbers
    formatted here and laid out by templates/perbandingan_wilayah.html.j2."""
    def region(r: dict) -> str:
        return f"{r['kode_wilayah']} {r['nama_wilayah']}"

    def measure(code: str, rows: pl.DataFrame) -> dict:
        first = rows.row(0, named=True)
        unit = "%" if first["satuan"] in PERSEN else ""
        nama = _("{nama} ({ukuran}), {satuan}, data of {tahun_data}").format(
            nama=first["nama_ukuran"] or code, ukuran=code, satuan=first["satuan"] or "-", tahun_data=first["tahun_data"])
        pairs = [(region(r), r["nilai"]) for r in rows.iter_rows(named=True)]
        return {"nama": nama, "svg": svg(charts.region_bars(f"{first['nama_ukuran'] or code} {first['tahun_data']}", pairs, unit))}

    measures = [measure(code, rows) for (code,), rows in ukuran.group_by(["ukuran"], maintain_order=True)]
    indicators = [
        {
            "id": indicator_id,
            "nama": rows.item(0, "indikator") or "",
            "svg": svg(charts.region_bars(f"{indicator_id} {tahun}", [(region(r), r["capaian"]) for r in rows.iter_rows(named=True)], "%")),
            "baris": [
                {"wilayah": region(r), "satuan": r["satuan"] or "-", "target": angka(r["target"]), "realisasi": angka(r["realisasi"]),
                 "capaian": persen(r["capaian"]), "predikat": r["predikat"] or "-"}
                for r in rows.iter_rows(named=True)
            ],
        }
        for (indicator_id,), rows in indikator.group_by(["indicator_id"], maintain_order=True)
    ]
    return render(
        "perbandingan_wilayah.html.j2",
        bahasa=bahasa(),
        judul=_("Regions side by side, {tahun}").format(tahun=tahun),
        judul_ukuran=_("Measures"),
        catatan_ukuran=_(
            "Each measure is its figure for {tahun} itself; an LKjIP of {tahun} may read another year's (the TPT of "
            "{lalu}, as BPS publishes it a year later): the indicators below show what each report used."
        ).format(tahun=tahun, lalu=tahun - 1),
        judul_indikator=_("Indicators"),
        kepala=[_("Region"), _("Unit"), _("Target"), _("Realisasi"), _("Capaian"), _("Predikat")],
        daftar_ukuran=measures,
        daftar_indikator=indicators,
    )


def write(
    folder: Path, tahun: int, measures: pl.DataFrame, iku_capaian: pl.DataFrame, names: dict[str, str], kamus: pl.DataFrame
) -> list[Path]:
    """The workbook and page of one year into `folder`; nothing when no two regions share anything."""
    ukuran, indikator = tables(measures, iku_capaian, names, kamus)
    if ukuran.is_empty() and indikator.is_empty():
        return []
    stem = f"perbandingan_wilayah_{tahun}"
    write_workbook(folder / f"{stem}.xlsx", tahun, ukuran, indikator)
    html = render_html(tahun, ukuran, indikator)
    write_text_atomic(folder / f"{stem}.html", html)
    return [folder / f"{stem}.xlsx", folder / f"{stem}.html"]
