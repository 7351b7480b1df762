"""Writing the export folders of many region-years: each into a staging folder (in parallel over
the machine's cores when there are many), then each folder swapped into place whole.

Kept free of Dagster so worker processes start light.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import polars as pl

from pipelines.lib.ekspor.files import write_tables
from pipelines.lib.ekspor.format import Laporan
from pipelines.lib.ekspor.laporan import write_laporan, write_parquet

STAGING = ".staging-"  # exports/.staging-<run id>/: a run's folders before they are swapped in

# Below this many region-years, starting worker processes costs more than it saves.
PARALLEL_FROM = 16


def write_region_year(folder: Path, laporan: Laporan) -> list[Path]:
    """Every export file of one region-year: the CSV tables, the report and the Parquet marts."""
    findings = laporan.findings if laporan.findings is not None else pl.DataFrame()
    written = write_tables(
        folder,
        {
            "iku_capaian.csv": laporan.iku_capaian,
            "iku_perbandingan.csv": laporan.iku_perbandingan,
            "budget_realization.csv": laporan.realisasi_anggaran,
            "findings.csv": findings,
        },
    )
    written += write_laporan(folder, laporan)
    written += write_parquet(
        folder,
        {
            "iku_capaian": laporan.iku_capaian,
            "iku_perbandingan": laporan.iku_perbandingan,
            "realisasi_anggaran": laporan.realisasi_anggaran if laporan.realisasi_anggaran.width else None,
            "serapan": laporan.serapan if laporan.serapan.width else None,
            "findings": laporan.findings,
        },
    )
    return written


def publish(staging: Path, root: Path) -> list[Path]:
    """Swap each staged <kode>/<tahun> folder into the exports (old one out, new one in)."""
    published = []
    for folder in sorted(p for p in staging.glob("*/*") if p.is_dir()):
        target = root / folder.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(folder, target)
        shutil.rmtree(old, ignore_errors=True)
        published.append(target)
    return published


def write_all(staging: Path, laporan: list[Laporan]) -> None:
    """Every region-year's files under staging/<kode>/<tahun>/; a failure in any raises."""
    folders = [staging / lap.kode_wilayah / str(lap.tahun) for lap in laporan]
    workers = min(os.cpu_count() or 1, len(laporan) // PARALLEL_FROM)
    if workers < 2:
        for folder, lap in zip(folders, laporan, strict=True):
            write_region_year(folder, lap)
        return
    # spawn, not fork: the parent holds DuckDB connections and Dagster threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for done in pool.map(write_region_year, folders, laporan, chunksize=8):
            del done  # results are the paths; errors surface here
