"""Exports of one region-year under <warehouse-dir>/exports/<kode_wilayah>/<tahun>/."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.ekspor.files import write_tables
from pipelines.defs.ingest import OWNERS
from pipelines.defs.partitions import QUARTERS_TO_YEAR, region_and_year, region_year
from pipelines.defs.resources import ExportFolder, read_rows, table_exists

BUDGET = "anggaran.realisasi_anggaran"


@dg.asset(
    key=["ekspor", "csv"],
    ins={
        "iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"]),
        "iku_perbandingan": dg.AssetIn(key=["kinerja", "iku_perbandingan"]),
        "findings": dg.AssetIn(key=["reviu", "findings"]),
    },
    deps=[dg.AssetDep(dg.AssetKey(BUDGET.split(".")), partition_mapping=QUARTERS_TO_YEAR)],
    partitions_def=region_year,
    group_name="ekspor",
    owners=OWNERS,
    kinds={"csv"},
    description=(
        "The report tables as CSV for one region and year, in exports/<kode_wilayah>/<tahun>/: "
        "iku_capaian.csv (Tabel 3.1, 3.2, 3.6 rows by jenis), iku_perbandingan.csv (Tabel 3.3) and "
        "budget_realization.csv (Tabel 3.7, every quarter present) and findings.csv (the reviu), with the "
        "exact columns of the output "
        "contract, numbers unrounded. Lineage leads from each file back to the raw files."
    ),
)
def ekspor_csv(
    context: dg.AssetExecutionContext,
    iku_capaian: pl.DataFrame,
    iku_perbandingan: pl.DataFrame,
    findings: pl.DataFrame,
    warehouse: DuckDBResource,
    exports: ExportFolder,
) -> dg.MaterializeResult:
    kode, tahun = region_and_year(context)
    budget = (
        read_rows(warehouse, BUDGET, kode_wilayah=kode, tahun=tahun).sort("periode", pl.col("level") == "total", "kode")
        if table_exists(warehouse, BUDGET)  # no SIPD workbook has ever been read: no budget table
        else pl.DataFrame()
    )
    folder = exports.folder(kode, tahun)
    written = write_tables(
        folder,
        {
            "iku_capaian.csv": iku_capaian,
            "iku_perbandingan.csv": iku_perbandingan,
            "budget_realization.csv": budget,
            "findings.csv": findings,
        },
    )
    return dg.MaterializeResult(
        metadata={"folder": dg.MetadataValue.path(str(folder)), "files": [p.name for p in written]}
    )
