"""Jobs: ingest every raw file; build a region-year; a region's budget quarter; the exports."""

import dagster as dg

from pipelines.defs.partitions import region_periode, region_year

RAW = dg.AssetSelection.key_prefixes(["raw"])
EKSPOR = dg.AssetSelection.key_prefixes(["reviu"], ["ekspor"])
TRIWULAN = dg.AssetSelection.assets(["anggaran", "realisasi_anggaran"], ["anggaran", "serapan"])

ingest_job = dg.define_asset_job(
    "ingest",
    selection=RAW,
    description="Read and validate every file under raw/ (nothing is written unless every file passes its contract).",
)

tahunan_job = dg.define_asset_job(
    "lkjip_tahunan",
    selection=dg.AssetSelection.all() - RAW - EKSPOR - TRIWULAN,
    partitions_def=region_year,
    description="Build one region-year: staged slices, measures, realisasi, capaian (Tabel 3.1, 3.2, 3.3, 3.6).",
)

triwulan_job = dg.define_asset_job(
    "anggaran_triwulan",
    selection=TRIWULAN,
    partitions_def=region_periode,
    description="Budget realization of one region and quarter (Tabel 3.7) and its absorption per program.",
)

ekspor_job = dg.define_asset_job(
    "ekspor",
    selection=EKSPOR,
    partitions_def=region_year,
    description="Review one region-year's published report (findings) and write its export files.",
)

lkjip_tahunan_ekspor_job = dg.define_asset_job(
    "lkjip_tahunan_ekspor",
    selection=dg.AssetSelection.all() - RAW - TRIWULAN,
    partitions_def=region_year,
    description=(
        "One region-year's LKjIP in one run: staged slices, measures, realisasi, capaian (Tabel 3.1, "
        "3.2, 3.3, 3.6) and then its export files. What the annual schedule runs; the budget quarters "
        "(Tabel 3.7) come from anggaran_triwulan."
    ),
)

JOBS = [ingest_job, tahunan_job, triwulan_job, ekspor_job, lkjip_tahunan_ekspor_job]
