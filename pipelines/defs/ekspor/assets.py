"""Exports of one region-year under <warehouse-dir>/exports/<kode_wilayah>/<tahun>/."""

import dagster as dg
import polars as pl

from pipelines.defs.ekspor.files import write_tables
from pipelines.defs.ingest import OWNERS
from pipelines.defs.partitions import region_and_year, region_year
from pipelines.defs.resources import ExportFolder


@dg.asset(
    key=["ekspor", "csv"],
    ins={
        "iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"]),
        "iku_perbandingan": dg.AssetIn(key=["kinerja", "iku_perbandingan"]),
    },
    partitions_def=region_year,
    group_name="ekspor",
    owners=OWNERS,
    kinds={"csv"},
    description=(
        "The report tables as CSV for one region and year, in exports/<kode_wilayah>/<tahun>/: "
        "iku_capaian.csv (Tabel 3.1, 3.2, 3.6 rows by jenis) and iku_perbandingan.csv (Tabel 3.3), with "
        "the exact columns of the output contract, numbers unrounded. Lineage leads from each file back "
        "to the raw files."
    ),
)
def ekspor_csv(
    context: dg.AssetExecutionContext, iku_capaian: pl.DataFrame, iku_perbandingan: pl.DataFrame, exports: ExportFolder
) -> dg.MaterializeResult:
    kode, tahun = region_and_year(context)
    folder = exports.folder(kode, tahun)
    written = write_tables(folder, {"iku_capaian.csv": iku_capaian, "iku_perbandingan.csv": iku_perbandingan})
    return dg.MaterializeResult(
        metadata={"folder": dg.MetadataValue.path(str(folder)), "files": [p.name for p in written]}
    )
