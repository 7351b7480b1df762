"""Jobs: ingest every raw file; the budget quarters; the years' data; the years' LKjIP.

A year or quarter job runs over a range of partitions in one run (every asset has a single-run
backfill policy), every region together, whether launched by `lkjip run`, a schedule, the
raw-file sensor or the UI.
"""

import dagster as dg

from pipelines.defs.partitions import tahunan, triwulan
from pipelines.defs.plan import DATA_ASSETS, DATA_JOB, INGEST_JOB, LKJIP_JOB, TRIWULAN_JOB, priority_tags
from schemas.pesan import _

RAW = dg.AssetSelection.key_prefixes(["raw"])
KINERJA = dg.AssetSelection.key_prefixes(["kinerja"], ["reviu"], ["ekspor"])
QUARTERLY = dg.AssetSelection.assets(
    ["staged", "sipd_sub_kegiatan"], ["staged", "sipd_subtotal_cetak"], *([["anggaran", n] for n in ("realisasi_anggaran", "serapan", "perubahan_pagu")])
)

ingest_job = dg.define_asset_job(
    INGEST_JOB, RAW, tags=priority_tags(INGEST_JOB),
    description=_("Read and validate every file under raw/; a source's table is replaced only when all its files pass their contract."),
)

triwulan_job = dg.define_asset_job(
    TRIWULAN_JOB, QUARTERLY, partitions_def=triwulan, tags=priority_tags(TRIWULAN_JOB),
    description=_("Budget of the quarters, every region: SIPD sub kegiatan lines, Tabel 3.7, absorption per program, DPA→DPPA changes."),
)

data_job = dg.define_asset_job(
    DATA_JOB, dg.AssetSelection.assets(*(dg.AssetKey.from_user_string(k) for k in DATA_ASSETS)), partitions_def=tahunan, tags=priority_tags(DATA_JOB),
    description=_("The years' staged slices of every source and the measures (one number per region, year and measure), every region."),
)

lkjip_job = dg.define_asset_job(
    LKJIP_JOB, KINERJA, partitions_def=tahunan, tags=priority_tags(LKJIP_JOB),
    description=_("The years' LKjIP, every region with a Perjanjian Kinerja catalog: realisasi, capaian (Tabel 3.1, 3.2, 3.3, 3.6), the reviu and every export file."),
)
