"""Jobs: ingest every raw file, then build one region-year's tables."""

import dagster as dg

from pipelines.defs.partitions import region_year

RAW = dg.AssetSelection.key_prefixes(["raw"])

ingest_job = dg.define_asset_job(
    "ingest",
    selection=RAW,
    description="Read and validate every file under raw/ (nothing is written unless every file passes its contract).",
)

tahunan_job = dg.define_asset_job(
    "lkjip_tahunan",
    selection=dg.AssetSelection.all() - RAW,
    partitions_def=region_year,
    description="Build one region-year: staged slices, measures and the LKjIP tables.",
)
