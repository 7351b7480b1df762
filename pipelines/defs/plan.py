"""Which runs build what the warehouse holds: the same plan for `lkjip run`, the schedules and the
raw-file sensor, so every path builds the same partitions in the same order.

After ingest, in order: `anggaran_triwulan` over the quarters with SIPD lines, `data_tahunan`
over the years with data (staged slices and measures), `lkjip_tahunan` over the years with a
Perjanjian Kinerja catalog (kinerja, reviu, exports). Each is one run per stretch of consecutive
partitions with data, so no year or quarter is built empty; and a source without data in raw/
gets no staged slice (absent is not empty: the measures and the reviu say what it leaves out).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.partitions import contiguous_ranges, tahunan, triwulan
from pipelines.lib import ketersediaan as sumber
from pipelines.lib.periode import key_of_periode
from pipelines.lib.sipd.split import quarters_with_lines

INGEST_JOB = "ingest"
TRIWULAN_JOB = "anggaran_triwulan"
DATA_JOB = "data_tahunan"
LKJIP_JOB = "lkjip_tahunan"
# Where each job's runs stand in the instance's run queue, in the plan's order. The instance
# starts one run at a time (settings.INSTANCE_SETTINGS); Dagster's queue starts the queued run
# with the highest `dagster/priority` tag first and, among equal ones, the one submitted first.
# The tag is a job tag (jobs.py), which Dagster 1.13 copies onto every run of the job whoever
# launches it (the UI's launchpad and backfills, `dagster job launch`, schedules, sensors), so a
# later stage queued first still waits: ingest, then the budget quarters, the data years, the
# LKjIP years. Runs of one job keep the order submitted: the plan submits its ranges oldest
# first, and no range reads another range of its own job (measures read their own year; a report
# reads the year before only when that year has a catalog, and then both are one range).
# A run without the tag (an asset materialized from the asset graph) has priority 0: it waits
# for every queued run of the plan.
PRIORITY_TAG = "dagster/priority"
PRIORITY = {INGEST_JOB: 40, TRIWULAN_JOB: 30, DATA_JOB: 20, LKJIP_JOB: 10}


def priority_tags(job: str) -> dict[str, str]:
    """The job tag that queues `job`'s runs in the plan's order (see PRIORITY)."""
    return {PRIORITY_TAG: str(PRIORITY[job])}

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
# A run tagged with a kode_wilayah writes only that region's export folders (`lkjip run --region`).
WILAYAH_TAG = "lkjip/wilayah"
# How far back a report year reads: tahun_data −1 and growth −1 (see partitions.TIGA_TAHUN).
LOOKBACK = 2
# What `data_tahunan` builds: each source's staged slice of the years, then the measures.
SLICES: dict[str, sumber.Sumber] = {
    "staged/bps_tenaga_kerja": sumber.BPS,
    "staged/koperasi": sumber.ODS,
    "staged/koperasi_penilaian": sumber.PENILAIAN,
    "staged/umkm_desa": sumber.UMKM,
    "staged/umkm_wilayah": sumber.UMKM_WILAYAH,
    "staged/manual_ukuran": sumber.MANUAL,
    "staged/angka_terbit": sumber.TERBIT,
    "staged/perjanjian_kinerja": sumber.KATALOG,
}
MEASURES = "staged/measures"
DATA_ASSETS = (*SLICES, MEASURES)


@dataclass(frozen=True)
class Step:
    """One Dagster run: a job over a range of consecutive partitions."""

    job: str
    first: str
    last: str
    tanpa: tuple[str, ...] = ()  # assets of the job left out: their source has no data in raw/

    @property
    def tags(self) -> dict[str, str]:
        return {RANGE_START: self.first, RANGE_END: self.last}

    @property
    def asset_selection(self) -> list[dg.AssetKey] | None:
        """The assets this run builds: the whole job (None), or the data job without `tanpa`."""
        if not self.tanpa:
            return None
        return [dg.AssetKey.from_user_string(k) for k in DATA_ASSETS if k not in self.tanpa]

    def __str__(self) -> str:
        return f"{self.job} {self.first}" + ("" if self.first == self.last else f"–{self.last}")


def _years_in_raw(conn: duckdb.DuckDBPyConnection) -> tuple[set[int], set[int], set[str]]:
    """(years with any data, years with a catalog, SIPD periodes) in the raw tables."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'raw' AND column_name = 'tahun'"
        ).fetchall()
    ]
    years: set[int] = set()
    for table in tables:
        years |= {int(r[0]) for r in conn.execute(f"SELECT DISTINCT tahun FROM raw.{table} WHERE tahun IS NOT NULL").fetchall()}
    katalog = {int(r[0]) for r in conn.execute("SELECT DISTINCT tahun FROM raw.perjanjian_kinerja").fetchall()} if "perjanjian_kinerja" in tables else set()
    periodes: set[str] = set()
    if "sipd_rfk" in tables:
        budget = conn.execute("SELECT DISTINCT periode, tahun FROM raw.sipd_rfk").pl()
        periodes = quarters_with_lines(budget.get_column("periode"), budget.get_column("tahun"))
    return years, katalog, periodes


def plan(database: Path, year: int | None = None) -> list[Step]:
    """The runs that build the warehouse's years (or year `year` and what it reads), in order."""
    if not database.is_file():
        return []
    with duckdb.connect(str(database), read_only=True) as conn:
        years, katalog, periodes = _years_in_raw(conn)
        ada = sumber.tersedia(conn)
    # A report year and the year before (Tabel 3.3 compares with that year's own report).
    reports = {t for t in katalog if year is None or t in (year, year - 1)}
    if reports:
        data = {t for t in years if min(reports) - LOOKBACK <= t <= max(reports)}
    else:  # no catalog: every year with data is staged and measured, nothing is reported
        data = {t for t in years if year is None or year - LOOKBACK <= t <= year}
    # Budget quarters are reported quarterly, catalog or not; a year asked for builds those it reads.
    quarters = {key_of_periode(p) for p in periodes if year is None or int(p[:4]) in data}
    steps = [Step(TRIWULAN_JOB, a, b) for a, b in contiguous_ranges(quarters, triwulan)]
    tanpa = tuple(k for k, s in SLICES.items() if s.folder not in ada)
    steps += [Step(DATA_JOB, a, b, tanpa) for a, b in contiguous_ranges({str(t) for t in data}, tahunan)]
    steps += [Step(LKJIP_JOB, a, b) for a, b in contiguous_ranges({str(t) for t in reports}, tahunan)]
    return steps


@dataclass(frozen=True)
class Outside:
    """Years no partition holds: reports before the first partition (an error: a setting must
    change), later reports (built once their year begins) and data years no report reads."""

    reports_before: list[int]
    reports_after: list[int]
    data: list[int]


def outside_partitions(database: Path) -> Outside:
    """The years with data that no partition holds (before LKJIP_TAHUN_AWAL or after this year)."""
    if not database.is_file():
        return Outside([], [], [])
    with duckdb.connect(str(database), read_only=True) as conn:
        years, katalog, _ = _years_in_raw(conn)
    keys = tahunan.get_partition_keys()
    first, last = int(keys[0]), int(keys[-1])
    return Outside(
        reports_before=sorted(t for t in katalog if t < first),
        reports_after=sorted(t for t in katalog if t > last),
        data=sorted(t for t in years - katalog if not first <= t <= last),
    )


def run_requests(steps: list[Step], run_key: str, tags: dict[str, str] | None = None) -> list[dg.RunRequest]:
    return [
        dg.RunRequest(job_name=s.job, run_key=f"{run_key}|{s}", tags={**(tags or {}), **s.tags}, asset_selection=s.asset_selection)
        for s in steps
    ]
