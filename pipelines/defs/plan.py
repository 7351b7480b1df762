"""Which runs build what the warehouse holds: the same plan for `lkjip run`, the schedules and the
raw-file sensor, so every path builds the same partitions in the same order.

After ingest, in order: `anggaran_triwulan` over the quarters with SIPD lines, `data_tahunan`
over the years with data (staged slices and measures), `lkjip_tahunan` over the years with a
Perjanjian Kinerja catalog (kinerja, reviu, exports). Each is one run per stretch of consecutive
partitions with data, so no year or quarter is built empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.partitions import contiguous_ranges, tahunan, triwulan
from pipelines.lib.periode import key_of_periode

TRIWULAN_JOB = "anggaran_triwulan"
DATA_JOB = "data_tahunan"
LKJIP_JOB = "lkjip_tahunan"
RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
# A run tagged with a kode_wilayah writes only that region's export folders (`lkjip run --region`).
WILAYAH_TAG = "lkjip/wilayah"
# How far back a report year reads: tahun_data −1 and growth −1 (see partitions.TIGA_TAHUN).
LOOKBACK = 2


@dataclass(frozen=True)
class Step:
    """One Dagster run: a job over a range of consecutive partitions."""

    job: str
    first: str
    last: str

    @property
    def tags(self) -> dict[str, str]:
        return {RANGE_START: self.first, RANGE_END: self.last}

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
    periodes = {r[0] for r in conn.execute("SELECT DISTINCT periode FROM raw.sipd_rfk").fetchall()} if "sipd_rfk" in tables else set()
    return years, katalog, periodes


def plan(database: Path, year: int | None = None) -> list[Step]:
    """The runs that build the warehouse's years (or year `year` and what it reads), in order."""
    if not database.is_file():
        return []
    with duckdb.connect(str(database), read_only=True) as conn:
        years, katalog, periodes = _years_in_raw(conn)
    # A report year and the year before (Tabel 3.3 compares with that year's own report).
    reports = {t for t in katalog if year is None or t in (year, year - 1)}
    if reports:
        data = {t for t in years if min(reports) - LOOKBACK <= t <= max(reports)}
    else:  # no catalog: every year with data is staged and measured, nothing is reported
        data = {t for t in years if year is None or year - LOOKBACK <= t <= year}
    # Budget quarters are reported quarterly, catalog or not; a year asked for builds those it reads.
    quarters = {key_of_periode(p) for p in periodes if year is None or int(p[:4]) in data}
    steps = [Step(TRIWULAN_JOB, a, b) for a, b in contiguous_ranges(quarters, triwulan)]
    steps += [Step(DATA_JOB, a, b) for a, b in contiguous_ranges({str(t) for t in data}, tahunan)]
    steps += [Step(LKJIP_JOB, a, b) for a, b in contiguous_ranges({str(t) for t in reports}, tahunan)]
    return steps


def outside_partitions(database: Path) -> list[int]:
    """Years with data that no partition holds (before LKJIP_TAHUN_AWAL or after this year)."""
    if not database.is_file():
        return []
    with duckdb.connect(str(database), read_only=True) as conn:
        years, _, _ = _years_in_raw(conn)
    keys = set(tahunan.get_partition_keys())
    return sorted(t for t in years if str(t) not in keys)


def run_requests(steps: list[Step], run_key: str, tags: dict[str, str] | None = None) -> list[dg.RunRequest]:
    return [
        dg.RunRequest(job_name=s.job, run_key=f"{run_key}|{s}", tags={**(tags or {}), **s.tags}) for s in steps
    ]
