"""Schedules and sensors: what makes the pipeline run unattended, on Bali's clock (WITA).
This module holds the schedules; `sensors.py` the two sensors, `pipelines/lib/raw_scan.py` how raw/ is scanned.

Times are Asia/Makassar (WITA, UTC+8, no daylight saving). Everything starts RUNNING: a dinas
that runs `lkjip ui` (webserver + daemon) expects its schedules to tick and new files to be
picked up without anyone switching them on; a steward can stop any of them in the UI (the UI's
choice is kept in the instance and wins over the default).

**Annual LKjIP** (`lkjip_tahunan_schedule`, cron in LKJIP_JADWAL_TAHUNAN, default
`0 7 15 1 *` = 15 January, 07:00 WITA). The LKjIP of year N is written and signed in the first
quarter of N+1: it needs the whole of year N (SIPD's year-end cut-off, the registry as at
31 December, the village counts of N) and BPS's Sakernas August figures, which BPS releases in
early November — those of N−1 for the usual `tahun_data: {bps: -1}`, and even those of N are out
by January. So the annual run comes in January, after the Q4 budget run of 10 January, and builds
the *last calendar year that has ended* (a tick in January 2025 builds 2024), every region
together — the LKjIP runs of `lkjip run --year N` (defs/plan.py): `lkjip_tahunan` for N (and
N−1 when it has a catalog, since Tabel 3.3 of N reads it), with the exports. A schedule launches
only its own job (Dagster's scheduler ignores a request's job name), so the budget quarters and
data years N reads are not rebuilt here: the raw-file sensor rebuilds them whenever a file changes. A dinas that wants a draft earlier (e.g. in October, right after BPS's release)
sets LKJIP_JADWAL_TAHUNAN="0 7 1 10 *"; the rule "last year that has ended" stays the same.

**Quarterly budget** (`anggaran_triwulan_schedule`, cron in LKJIP_JADWAL_TRIWULAN, default
`0 7 10 1,4,7,10 *` = the 10th of January, April, July and October, 07:00 WITA, i.e. ten days
after each quarter's cut-off, when the SIPD realisation of the quarter is final). It runs
`anggaran_triwulan` (Tabel 3.7 and absorption) for the quarter that closed last (10 April →
Q1; 10 January 2025 → 2024-Q4) for every region at once, when SIPD workbooks for that quarter are
in the warehouse; with none yet it skips and says so (when the workbook arrives, the raw-file
sensor builds it).

Both schedules build from what is already ingested: keeping `raw.*` current is the sensor's job.

**Raw files** (`raw_files_sensor`, every 30 s). Notices new, changed and deleted files under
`raw/` by content hash (sha256), not by timestamp: a file that was only touched or copied
again unchanged requests nothing, and a file is re-hashed only when its size or mtime changed.
The cursor is JSON: `{"sha256": {path: hash}, "stat": {path: [size, mtime_ns]}}`, paths
relative to the raw folder. A file modified in the last few seconds is left for the next tick
(it may still be copying). On its first tick the sensor has no cursor: a file counts as already
ingested when the latest materialization of its raw asset (from this raw folder) lists it with
the same sha256 *and* the warehouse holds rows from it — so `lkjip ui` after `lkjip run` starts
quietly; any other file is new, and one ingest brings the UI's warehouse up to date. A raw
folder that is missing or empty (an unmounted share) is waited for, never ingested as "every file
deleted".

On a change it requests one `ingest` run (every file is read and validated; a source's table is
replaced only when all its files pass), tagged with the changed files. When that ingest run has
succeeded, a second sensor, **`raw_files_ingested`**, requests the runs of `lkjip run` (defs/plan.py):
every year and quarter with data, every region together — a handful of runs whatever the number
of regions, so nothing finer-grained is worth tracking. When an ingest fails (a broken file),
nothing follows; the next successful one rebuilds everything.

The runs rely on the instance running one run at a time (`lkjip ui` sets
`concurrency: runs: max_concurrent_runs: 1` in dagster.yaml): DuckDB has one writer, and queued
runs start in the plan's order whoever launches them (each job's dagster/priority tag: quarters, then data years, then the LKjIP years).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs import plan as planning
from pipelines.defs.jobs import lkjip_job, triwulan_job
from pipelines.defs.partitions import triwulan
from pipelines.lib.periode import key_of_periode
from schemas.pesan import _
from pipelines.defs.resources import table_exists, written_database

TIMEZONE = "Asia/Makassar"  # WITA: Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara, Sulawesi
WITA = ZoneInfo(TIMEZONE)

JADWAL_TAHUNAN_ENV = "LKJIP_JADWAL_TAHUNAN"
JADWAL_TAHUNAN_DEFAULT = "0 7 15 1 *"  # 15 January, 07:00 WITA
JADWAL_TRIWULAN_ENV = "LKJIP_JADWAL_TRIWULAN"
JADWAL_TRIWULAN_DEFAULT = "0 7 10 1,4,7,10 *"  # 10 Jan/Apr/Jul/Oct, 07:00 WITA

SIPD_TABLE = "raw.sipd_rfk"


def _cron(env: str, default: str) -> str:
    return os.environ.get(env, "").strip() or default


def _local(moment: datetime | None) -> datetime:
    """The tick's time on the WITA clock (a naive time is taken as WITA already)."""
    if moment is None:
        return datetime.now(WITA)
    return moment.replace(tzinfo=WITA) if moment.tzinfo is None else moment.astimezone(WITA)


def reporting_year(moment: datetime) -> int:
    """The LKjIP year an annual tick builds: the last calendar year that has ended."""
    return _local(moment).year - 1


def closed_quarter(moment: datetime) -> str:
    """The last quarter that has ended before the tick, as a periode ('2024-Q4')."""
    local = _local(moment)
    quarter = (local.month - 1) // 3  # quarters fully ended this year (0 in January…March)
    return f"{local.year - 1}-Q4" if quarter == 0 else f"{local.year}-Q{quarter}"


# --- annual -------------------------------------------------------------------------------

def annual_requests(database: Path | None, tahun: int) -> list[dg.RunRequest] | dg.SkipReason:
    """The LKjIP runs of `lkjip run --year tahun` (a schedule launches only its own job; the
    quarters and data years they read are kept current by the raw-file sensor)."""
    if database is None:
        return dg.SkipReason(_("no warehouse yet: nothing has been ingested (drop files in raw/ or run `lkjip run`)"))
    steps = [s for s in planning.plan(database, tahun) if s.job == planning.LKJIP_JOB]
    if not any(s.first <= str(tahun) <= s.last for s in steps):
        return dg.SkipReason(_("no Perjanjian Kinerja catalog for {tahun} in the warehouse yet; nothing to build").format(tahun=tahun))
    return planning.run_requests(steps, f"tahunan|{tahun}", {"lkjip/tahun_laporan": str(tahun)})


def _wita_schedule(name: str, env: str, default: str, job: dg.UnresolvedAssetJobDefinition, what: str, requests) -> dg.ScheduleDefinition:
    """A schedule on the WITA clock whose cron a dinas sets in `env`; a wrong cron names the variable."""
    cron = _cron(env, default)
    try:
        return dg.schedule(
            name=name,
            cron_schedule=cron,
            execution_timezone=TIMEZONE,
            job=job,
            default_status=dg.DefaultScheduleStatus.RUNNING,
            description=_("{what} ({env}, now '{cron}' WITA).").format(what=what, env=env, cron=cron),
        )(requests)
    except dg.DagsterInvalidDefinitionError as error:
        raise ValueError(
            f"{env}={cron!r} is not a cron string (minute hour day month weekday, e.g. {default!r}): {error}"
        ) from None


def _annual(context: dg.ScheduleEvaluationContext, warehouse: DuckDBResource):
    return annual_requests(written_database(warehouse), reporting_year(context.scheduled_execution_time))


lkjip_tahunan_schedule = _wita_schedule(
    "lkjip_tahunan_schedule", JADWAL_TAHUNAN_ENV, JADWAL_TAHUNAN_DEFAULT, lkjip_job,
    _(
        "Annual LKjIP: builds the last calendar year that has ended, with the earlier years present, for "
        "every region with data for it, and writes its exports"
    ),
    _annual,
)


# --- quarterly ----------------------------------------------------------------------------


def quarterly_requests(warehouse: DuckDBResource, periode: str) -> list[dg.RunRequest] | dg.SkipReason:
    if written_database(warehouse) is None or not table_exists(warehouse, SIPD_TABLE):
        return dg.SkipReason(_("no SIPD workbook has been ingested yet"))
    with warehouse.get_connection() as conn:
        found = conn.execute(f"SELECT count(*) FROM {SIPD_TABLE} WHERE periode = ?", [periode]).fetchone()
    key = key_of_periode(periode)
    if not (found and found[0]) or key not in triwulan.get_partition_keys():
        return dg.SkipReason(_(
            "no SIPD workbook for {periode} in the warehouse yet: drop it in raw/sipd/ "
            "(the raw-file sensor ingests it and builds the quarter)"
        ).format(periode=periode))
    return planning.run_requests([planning.Step(planning.TRIWULAN_JOB, key, key)], f"triwulan|{periode}")


def _quarterly(context: dg.ScheduleEvaluationContext, warehouse: DuckDBResource):
    return quarterly_requests(warehouse, closed_quarter(context.scheduled_execution_time))


anggaran_triwulan_schedule = _wita_schedule(
    "anggaran_triwulan_schedule", JADWAL_TRIWULAN_ENV, JADWAL_TRIWULAN_DEFAULT, triwulan_job,
    _(
        "Quarterly budget realization: Tabel 3.7 and absorption for the quarter that closed last, for every "
        "region with SIPD workbooks for it"
    ),
    _quarterly,
)
