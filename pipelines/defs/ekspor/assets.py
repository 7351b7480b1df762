"""Exports of the years built, one folder per region: <warehouse-dir>/exports/<kode_wilayah>/<tahun>/.

Every region's files are written into a staging folder first; only when all of them are written
does each region-year folder replace its old one whole (the old one is kept until then). A
failed run therefore leaves the previous exports as they were.
"""

import shutil
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.lib.validation import empty_of
from pipelines.lib.wilayah import region_names
from pipelines.lib.anggaran.keuangan import in_tree_order
from pipelines.lib.ekspor import perbandingan_wilayah
from pipelines.lib.ekspor.berkas import STAGING, publish, write_all
from pipelines.lib.ekspor.format import Laporan
from pipelines.lib.measures.kamus import kamus_ukuran
from pipelines.defs.label import OWNERS
from pipelines.defs.partitions import PER_TAHUN, TRIWULAN_DALAM_TAHUN, years_of
from pipelines.defs.plan import WILAYAH_TAG
from pipelines.defs.resources import ExportFolder, budget_periodes, read_rows, sources_present, table_exists
from pipelines.lib import ketersediaan as sumber
from pipelines.lib.reviu.temuan import COLUMNS as FINDINGS_COLUMNS
from schemas.measures import Ukuran
from schemas.pesan import _

BUDGET = "anggaran.realisasi_anggaran"
SERAPAN = "anggaran.serapan"
FINDINGS = "reviu.findings"
CAKUPAN = "reviu.cakupan"
KATALOG = "staged.perjanjian_kinerja"
MEASURES = "staged.measures"
FED_BY = {BUDGET: (sumber.SIPD,), SERAPAN: (sumber.SIPD,)}


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _rows(warehouse: DuckDBResource, table: str, years: list[int], ada: frozenset[str]) -> pl.DataFrame | None:
    """The years' rows of a table, or None when it was not built: the table does not exist (yet),
    or a source it needs has no data in raw/ (what it holds is stale)."""
    if not all(s.folder in ada for s in FED_BY.get(table, ())) or not table_exists(warehouse, table):
        return None
    if table in FED_BY:  # a budget table: the quarters the budget files hold now
        return read_rows(warehouse, table, tahun=years, periode=budget_periodes(warehouse))
    return read_rows(warehouse, table, tahun=years)


def _kamus(warehouse: DuckDBResource, ada: frozenset[str]) -> pl.DataFrame:
    """Each measure's name and unit, as the raw BPS answers and manual measures describe theirs."""
    def described(table: str, columns: str, source: sumber.Sumber) -> pl.DataFrame | None:
        if source.folder not in ada or not table_exists(warehouse, table):
            return None
        with warehouse.get_connection() as conn:
            return conn.execute(f"SELECT DISTINCT {columns} FROM {table} ORDER BY ALL").pl()

    return kamus_ukuran(
        described("raw.bps_tenaga_kerja", "ukuran, var_id, var_label, satuan", sumber.BPS),
        described("raw.manual_ukuran", "ukuran, satuan", sumber.MANUAL),
    )


def _per_region_year(frame: pl.DataFrame | None) -> dict[tuple, pl.DataFrame] | None:
    """One pass: the frame's rows per (kode_wilayah, tahun), instead of a filter per region."""
    return None if frame is None else frame.partition_by("kode_wilayah", "tahun", as_dict=True, maintain_order=True)


def _of(parts: dict[tuple, pl.DataFrame] | None, empty: pl.DataFrame | None, kode: str, tahun: int) -> pl.DataFrame | None:
    """A region-year's rows, an empty frame of the table's columns when it has none, None without a table."""
    if parts is None or empty is None:
        return None
    return parts.get((kode, tahun), empty)


def _budget(warehouse: DuckDBResource, table: str, years: list[int], ada: frozenset[str]) -> pl.DataFrame | None:
    """Tabel 3.7 or absorption rows of the years, in the order Tabel 3.7 prints them."""
    rows = _rows(warehouse, table, years, ada)
    return None if rows is None else in_tree_order(rows)


@dg.asset(
    key=["ekspor", "laporan"],
    ins={
        "iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"]),
        "iku_perbandingan": dg.AssetIn(key=["kinerja", "iku_perbandingan"]),
    },
    deps=[
        dg.AssetDep(_key(BUDGET), partition_mapping=TRIWULAN_DALAM_TAHUN),
        dg.AssetDep(_key(SERAPAN), partition_mapping=TRIWULAN_DALAM_TAHUN),
        _key(FINDINGS),
        _key(CAKUPAN),
        _key(KATALOG),
        _key(MEASURES),
    ],
    **PER_TAHUN,
    group_name="ekspor",
    owners=OWNERS,
    kinds={"csv", "excel", "docx", "html", "parquet"},
    description=_(
        "Every region's LKjIP report tables for the year, one folder each: `exports/<kode_wilayah>/<tahun>/` "
        "holds iku_capaian.csv (Tabel 3.1, 3.2, 3.6 rows by jenis), iku_perbandingan.csv (Tabel 3.3), "
        "budget_realization.csv (Tabel 3.7, every quarter present) and findings.csv (the reviu), numbers "
        "unrounded; `lkjip_<kode>_<tahun>.xlsx` (one sheet per table and Temuan, numbers as real numbers), "
        "`lkjip_<kode>_<tahun>.docx` (the BAB III tables with captions) and `lkjip_<kode>_<tahun>.html` "
        "(offline: tables, findings, charts of capaian and budget absorption); parquet/ holds copies of the "
        "marts. `exports/perbandingan_wilayah/<tahun>/` compares the regions side by side (xlsx and offline "
        "html) on every measure and indicator two or more of them share. A folder is replaced whole, only "
        "after every region's files were written. Nothing is written for a region-year without a Perjanjian "
        "Kinerja catalog."
    ),
)
def ekspor_laporan(
    context: dg.AssetExecutionContext,
    iku_capaian: pl.DataFrame,
    iku_perbandingan: pl.DataFrame,
    warehouse: DuckDBResource,
    exports: ExportFolder,
) -> dg.MaterializeResult:
    years = years_of(context)
    ada = sources_present(warehouse)
    tables = {
        "budget": _budget(warehouse, BUDGET, years, ada),
        "serapan": _budget(warehouse, SERAPAN, years, ada),
        "findings": _rows(warehouse, FINDINGS, years, ada),
        "cakupan": _rows(warehouse, CAKUPAN, years, ada),
        "katalog": _rows(warehouse, KATALOG, years, ada),
        "perbandingan": iku_perbandingan,
    }
    parts = {name: _per_region_year(frame) for name, frame in tables.items()}
    empty = {name: None if frame is None else frame.clear() for name, frame in tables.items()}

    def of(name: str, kode: str, tahun: int) -> pl.DataFrame | None:
        return _of(parts[name], empty[name], kode, tahun)

    only = context.run.tags.get(WILAYAH_TAG)
    if only:  # `lkjip run --region`: the other regions' folders stay as they are
        iku_capaian = iku_capaian.filter(kode_wilayah=only)
    names = region_names()
    root = Path(exports.root)
    staging = root / f"{STAGING}{context.run_id}"
    reports: list[Laporan] = []
    try:
        for (kode, tahun), capaian in iku_capaian.group_by("kode_wilayah", "tahun", maintain_order=True):
            findings, katalog = of("findings", kode, tahun), of("katalog", kode, tahun)
            reports.append(
                Laporan(  # one region-year's marts, sliced here, written below
                    kode_wilayah=kode,
                    tahun=tahun,
                    iku_capaian=capaian,
                    iku_perbandingan=of("perbandingan", kode, tahun),  # type: ignore[arg-type]
                    realisasi_anggaran=of("budget", kode, tahun) if tables["budget"] is not None else pl.DataFrame(),  # type: ignore[arg-type]
                    serapan=of("serapan", kode, tahun) if tables["serapan"] is not None else pl.DataFrame(),  # type: ignore[arg-type]
                    findings=None if findings is None else findings.select(FINDINGS_COLUMNS),
                    cakupan=of("cakupan", kode, tahun),
                    opd=None if katalog is None else katalog.get_column("opd").drop_nulls().first(),  # type: ignore[arg-type]
                    nama_wilayah=names.get(kode),
                )
            )
        write_all(staging, reports)
        stale = []
        if not only:  # regions side by side, where two or more share a measure or an indicator
            measures = _rows(warehouse, MEASURES, years, ada)
            kamus = _kamus(warehouse, ada)
            for tahun in years:
                written = perbandingan_wilayah.write(
                    staging / perbandingan_wilayah.FOLDER / str(tahun), tahun,
                    measures.filter(tahun=tahun) if measures is not None else empty_of(Ukuran),
                    iku_capaian.filter(tahun=tahun), names, kamus,
                )
                if not written:  # nothing shared any more: an older comparison would mislead
                    stale.append(root / perbandingan_wilayah.FOLDER / str(tahun))
        folders = publish(staging, root)
        for folder in stale:  # only once the new exports are in place
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dg.MaterializeResult(
        metadata={
            "exports": dg.MetadataValue.path(str(root)),
            "folders": dg.MetadataValue.table(
                records=[
                    dg.TableRecord({"wilayah": f"{f.parent.name} {names.get(f.parent.name) or ''}".strip(), "tahun": int(f.name), "folder": str(f), "files": sum(1 for p in f.rglob("*") if p.is_file())})
                    for f in folders
                ],
                schema=dg.TableSchema(
                    columns=[dg.TableColumn("wilayah", "string"), dg.TableColumn("tahun", "int"), dg.TableColumn("folder", "string"), dg.TableColumn("files", "int")]
                ),
            ),
        }
    )
