"""`lkjip run`: ingest, then the plan's runs (defs/plan.py), all through the Dagster instance.

No hand-written loop over partitions: each run is a job over a range of years or quarters with
every region inside it. The guarantees live in the assets, so a run launched from the UI, a
schedule or the sensor gets the same ones: each table write is one DuckDB transaction, a failed
blocking check stops everything downstream, and each region-year export folder is replaced whole
only after every file of the run was written. A failed run leaves the tables it did not reach and
the last good exports as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import settings
from pipelines.defs import plan as planning
from pipelines.defs.partitions import TAHUN_AWAL
from pipelines.lib import ketersediaan as sumber
from pipelines.lib.pesan import _
from pipelines.lib.ekspor.perbandingan_wilayah import FOLDER as PERBANDINGAN
from pipelines.defs.resources import run_config
from pipelines.lib.writer_lock import WarehouseBusy, single_writer

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}

# (what is running, runs done, runs in all)
Progress = Callable[[str, int, int], None]


@dataclass
class Outcome:
    ok: bool
    database: Path
    partitions: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    run_ids: list[str] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    outside: planning.Outside = field(default_factory=lambda: planning.Outside([], [], []))  # years no partition holds
    ignored: list[str] = field(default_factory=list)  # entries of raw/ not read, with the reason
    tanpa_data: list[str] = field(default_factory=list)  # source folders without data (raw/<folder>/)


def _failures(result: dg.ExecuteInProcessResult) -> list[str]:
    messages = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                messages += data.user_failure_data.description.splitlines()
            else:
                error = data.error.cause or data.error if data.error else None
                messages.append(f"{event.step_key}: {error.message.strip() if error else 'failed'}")
    return messages or ["the run failed; see the Dagster UI for details"]


def ignored_files(ingest: dg.ExecuteInProcessResult) -> list[str]:
    """What the ingest left unread under raw/ (subfolders, other extensions), as its raw assets
    recorded it in their materialisations."""
    ignored = []
    for event in ingest.get_asset_materialization_events():
        entry = event.materialization.metadata.get("ignored_files")
        ignored += list(entry.value) if entry is not None else []
    return sorted(set(ignored))


def reported(database: Path, steps: list[planning.Step], region: str | None) -> list[tuple[str, int]]:
    """(kode_wilayah, tahun) of every region-year the LKjIP runs built (narrowed to `region`)."""
    years = [int(s.first) + i for s in steps if s.job == planning.LKJIP_JOB for i in range(int(s.last) - int(s.first) + 1)]
    if not years:
        return []
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute(
            "SELECT DISTINCT kode_wilayah, tahun FROM kinerja.iku_capaian WHERE list_contains(?, tahun) "
            "AND (? IS NULL OR kode_wilayah = ?) ORDER BY tahun, kode_wilayah",
            [years, region, region],
        ).fetchall()
    return [(k, int(t)) for k, t in rows]


def run(
    raw_dir: Path,
    warehouse_dir: Path,
    region: str | None = None,
    year: int | None = None,
    progress: Progress | None = None,
) -> Outcome:
    from pipelines.definitions import defs  # the code location, loaded once per process

    settings.ensure_dagster_home()
    instance = dg.DagsterInstance.get()
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    database = settings.database_path(warehouse_dir.resolve())
    exports = database.parent / settings.EXPORTS
    config = {**run_config(raw_dir.resolve(), database, exports), **QUIET_LOGS}
    tags = {planning.WILAYAH_TAG: region} if region else {}
    outcome = Outcome(ok=False, database=database)
    notify = progress or (lambda *_: None)

    def execute(step: planning.Step | None, done: int, total: int, what: str) -> dg.ExecuteInProcessResult | None:
        """The run's result (the ingest's when `step` is None), or None when it failed (its
        problems are in the outcome)."""
        notify(what, done, total)
        job = step.job if step else "ingest"
        result = defs.resolve_job_def(job).execute_in_process(
            run_config=config, instance=instance, tags={**tags, **(step.tags if step else {})}, raise_on_error=False,
            asset_selection=step.asset_selection if step else None,
        )
        outcome.run_ids.append(result.run_id)
        if not result.success:
            outcome.problems = [f"{what}: {m}" if job != "ingest" else m for m in _failures(result)]
            return None
        return result

    try:
        with single_writer(database.parent, "lkjip run"):
            if (unusable := _unusable(database)) is not None:
                outcome.problems = [unusable]
                return outcome
            return _run_plan(execute, outcome, database, exports, region, year, notify)
    except WarehouseBusy as err:
        outcome.problems = [str(err)]
        return outcome
    except OSError as err:  # the folder cannot be written: read-only, full, not ours
        outcome.problems = [_("the warehouse folder {folder} cannot be written ({error}); run with --warehouse-dir on a folder "
                              "you can write").format(folder=database.parent, error=err.strerror or err)]
        return outcome


def _unusable(database: Path) -> str | None:
    """Why the warehouse database cannot be used, as one message with what to do; None when it
    opens. The warehouse is built from raw/ alone, so a damaged or foreign one can be moved away."""
    try:
        duckdb.connect(str(database)).close()
    except duckdb.Error as err:
        return _(
            "the warehouse database {database} cannot be opened ({error}); it is damaged, from another program or read-only. "
            "Move it away (or restore it from a backup) and run again: lkjip builds a new one from raw/"
        ).format(database=database, error=str(err).splitlines()[0])
    return None


def _run_plan(
    execute: Callable[[planning.Step | None, int, int, str], dg.ExecuteInProcessResult | None],
    outcome: Outcome,
    database: Path,
    exports: Path,
    region: str | None,
    year: int | None,
    notify: Progress,
) -> Outcome:
    ingest = execute(None, 0, 1, "ingest: reading every file under raw/")
    if ingest is None:
        return outcome
    outcome.ignored = ignored_files(ingest)
    with duckdb.connect(str(database), read_only=True) as conn:
        ada = sumber.tersedia(conn)
    outcome.tanpa_data = [folder for folder in sumber.FOLDERS if folder not in ada]
    outcome.outside = planning.outside_partitions(database)
    if outcome.outside.reports_before:
        outcome.problems = [_(
            "years {years} have a Perjanjian Kinerja catalog but come before the first partition year {first}: set "
            "LKJIP_TAHUN_AWAL to {need} or earlier (it also serves the two years a report reads) and run again"
        ).format(years=", ".join(map(str, outcome.outside.reports_before)), first=TAHUN_AWAL,
                 need=min(outcome.outside.reports_before) - planning.LOOKBACK)]
        return outcome
    steps = planning.plan(database, year)
    outcome.steps = [str(s) for s in steps]
    for i, step in enumerate(steps):
        if execute(step, i + 1, len(steps) + 1, str(step)) is None:
            return outcome
    notify("done", len(steps) + 1, len(steps) + 1)
    outcome.partitions = reported(database, steps, region)
    outcome.exports = [p for k, t in outcome.partitions if (p := exports / k / str(t)).is_dir()]
    if region is None:  # regions side by side, where the run wrote them
        years = sorted({t for _k, t in outcome.partitions})
        outcome.exports += [p for t in years if (p := exports / PERBANDINGAN / str(t)).is_dir()]
    outcome.ok = True
    return outcome
