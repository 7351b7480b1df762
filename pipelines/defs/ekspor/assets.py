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

from pipelines.defs.anggaran.tabel import in_tree_order
from pipelines.defs.ekspor.berkas import publish, write_all
from pipelines.defs.ekspor.format import Laporan
from pipelines.defs.ekspor.laporan import nama_wilayah
from pipelines.defs.ingest import OWNERS
from pipelines.defs.partitions import PER_TAHUN, TRIWULAN_DALAM_TAHUN, years_of
from pipelines.defs.plan import WILAYAH_TAG
from pipelines.defs.resources import ExportFolder, read_rows, table_exists
from pipelines.defs.reviu.temuan import COLUMNS as FINDINGS_COLUMNS

BUDGET = "anggaran.realisasi_anggaran"
SERAPAN = "anggaran.serapan"
FINDINGS = "reviu.findings"
KATALOG = "staged.perjanjian_kinerja"
STAGING = ".staging-"


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _rows(warehouse: DuckDBResource, table: str, years: list[int]) -> pl.DataFrame | None:
    """The years' rows of a table, or None when the table does not exist (yet)."""
    return read_rows(warehouse, table, tahun=years) if table_exists(warehouse, table) else None


def _of(frame: pl.DataFrame | None, kode: str, tahun: int) -> pl.DataFrame | None:
    return None if frame is None else frame.filter(kode_wilayah=kode, tahun=tahun)


def _budget(warehouse: DuckDBResource, table: str, years: list[int]) -> pl.DataFrame | None:
    """Tabel 3.7 or absorption rows of the years, in the order Tabel 3.7 prints them."""
    rows = _rows(warehouse, table, years)
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
        _key(KATALOG),
    ],
    **PER_TAHUN,
    group_name="ekspor",
    owners=OWNERS,
    kinds={"csv", "excel", "docx", "html", "parquet"},
    description=(
        "Every region's LKjIP report tables for the year, one folder each: exports/<kode_wilayah>/<tahun>/ holds "
        "iku_capaian.csv (Tabel 3.1, 3.2, 3.6 rows by jenis), iku_perbandingan.csv (Tabel 3.3), "
        "budget_realization.csv (Tabel 3.7, every quarter present) and findings.csv (the reviu), numbers "
        "unrounded; lkjip_<kode>_<tahun>.xlsx (one sheet per table and Temuan, numbers as real numbers), "
        "lkjip_<kode>_<tahun>.docx (the BAB III tables with captions) and lkjip_<kode>_<tahun>.html (offline: "
        "tables, findings, charts of capaian and budget absorption); parquet/ holds copies of the marts. "
        "A folder is replaced whole, only after every region's files were written. Nothing is written for "
        "a region-year without a Perjanjian Kinerja catalog."
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
    budget, serapan = _budget(warehouse, BUDGET, years), _budget(warehouse, SERAPAN, years)
    findings, katalog = _rows(warehouse, FINDINGS, years), _rows(warehouse, KATALOG, years)
    only = context.run.tags.get(WILAYAH_TAG)
    if only:  # `lkjip run --region`: the other regions' folders stay as they are
        iku_capaian = iku_capaian.filter(kode_wilayah=only)
    root = Path(exports.root)
    staging = root / f"{STAGING}{context.run_id}"
    reports: list[Laporan] = []
    try:
        for (kode, tahun), capaian in iku_capaian.group_by("kode_wilayah", "tahun", maintain_order=True):
            region_findings = _of(findings, kode, tahun)
            region_katalog = _of(katalog, kode, tahun)
            laporan = Laporan(  # one region-year's marts, sliced here, written below
                kode_wilayah=kode,
                tahun=tahun,
                iku_capaian=capaian,
                iku_perbandingan=iku_perbandingan.filter(kode_wilayah=kode, tahun=tahun),
                realisasi_anggaran=_of(budget, kode, tahun) if budget is not None else pl.DataFrame(),
                serapan=_of(serapan, kode, tahun) if serapan is not None else pl.DataFrame(),
                findings=None if region_findings is None else region_findings.select(FINDINGS_COLUMNS),
                opd=None if region_katalog is None else region_katalog.get_column("opd").drop_nulls().first(),  # type: ignore[arg-type]
                nama_wilayah=nama_wilayah(kode),
            )
            reports.append(laporan)
        write_all(staging, reports)
        folders = publish(staging, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dg.MaterializeResult(
        metadata={
            "exports": dg.MetadataValue.path(str(root)),
            "folders": dg.MetadataValue.table(
                records=[
                    dg.TableRecord({"wilayah": f"{f.parent.name} {nama_wilayah(f.parent.name) or ''}".strip(), "tahun": int(f.name), "folder": str(f), "files": sum(1 for p in f.rglob("*") if p.is_file())})
                    for f in folders
                ],
                schema=dg.TableSchema(
                    columns=[dg.TableColumn("wilayah", "string"), dg.TableColumn("tahun", "int"), dg.TableColumn("folder", "string"), dg.TableColumn("files", "int")]
                ),
            ),
        }
    )
