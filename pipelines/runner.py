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
from pipelines.lib import jatuh_tempo
from pipelines.lib import ketersediaan as sumber
from schemas.pesan import _
from pipelines.lib.ekspor.perbandingan_wilayah import FOLDER as PERBANDINGAN
from pipelines.lib.katalog.reader import EXTENSIONS as KATALOG_EXTENSIONS
from pipelines.lib.katalog.reader import FOLDER as KATALOG_FOLDER
from pipelines.lib.katalog.reader import read_katalog
from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.wilayah import region_names
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
    terlambat: list[str] = field(default_factory=list)  # each region's overdue next file, one line each
    did_not_start: bool = False  # the warehouse could not be taken: its problem names no raw file


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


YEARS = range(1900, 2100)  # a four-digit year: `--year 23` is a typing slip, not the year 23


def catalogs_present(raw_dir: Path) -> list[tuple[str, int]]:
    """(kode_wilayah, tahun) of the Perjanjian Kinerja catalogs in raw/: what a run can report.
    A catalog that does not read is left to the run, which names its problems."""
    try:
        katalog = read_katalog(list_sources(raw_dir, KATALOG_FOLDER, KATALOG_EXTENSIONS))
    except (ContractError, OSError):
        return []
    return sorted(set(katalog.select("kode_wilayah", "tahun").iter_rows()))


def _present(catalogs: list[tuple[str, int]]) -> str:
    if not catalogs:
        return _("raw/{folder}/ holds no catalog").format(folder=KATALOG_FOLDER)
    per_region = {k: sorted(t for kk, t in catalogs if kk == k) for k in sorted({k for k, _t in catalogs})}
    return _("catalogs in raw/{folder}/: {present}").format(
        folder=KATALOG_FOLDER, present="; ".join(f"{k} ({', '.join(map(str, t))})" for k, t in per_region.items()))


def wrong_choice(region: str | None, year: int | None, catalogs: list[tuple[str, int]]) -> str | None:
    """Why --region or --year cannot be right, naming what raw/ holds; None when both may be."""
    if year is not None and year not in YEARS:
        return _("--year {year} is not a year between {first} and {last}; {present}").format(
            year=year, first=YEARS[0], last=YEARS[-1], present=_present(catalogs))
    if region is not None and region not in region_names():
        return _("--region {region} is not a province or kabupaten/kota code of the Kemendagri 2025 list (as 51.02); {present}").format(
            region=region, present=_present(catalogs))
    return None


def nothing_reported(region: str | None, year: int | None, catalogs: list[tuple[str, int]]) -> str:
    """Why a run asked for a region or year reported nothing."""
    asked = [(k, t) for k, t in catalogs if (region is None or k == region) and (year is None or t == year)]
    what = " ".join(p for p in (region and _("region {region}").format(region=region), year and _("year {year}").format(year=year)) if p)
    reason = _("its catalog is there, but the data for its LKjIP is not (see 'no data' above)") if asked else _(
        "no Perjanjian Kinerja catalog for it")
    return _("nothing reported for {what}: {reason}; {present}").format(what=what, reason=reason, present=_present(catalogs))


def run(
    raw_dir: Path,
    warehouse_dir: Path,
    region: str | None = None,
    year: int | None = None,
    progress: Progress | None = None,
) -> Outcome:
    from pipelines.definitions import defs  # the code location, loaded once per process

    settings.ensure_dagster_home(warehouse_dir)
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
                outcome.problems, outcome.did_not_start = [unusable], True
                return outcome
            return _run_plan(execute, outcome, database, exports, region, year, notify)
    except WarehouseBusy as err:
        outcome.problems, outcome.did_not_start = [str(err)], True
        return outcome
    except OSError as err:  # the folder cannot be written: read-only, full, not ours
        outcome.did_not_start = True
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
        outcome.terlambat = jatuh_tempo.uraian(jatuh_tempo.terlambat(jatuh_tempo.terakhir(conn), settings.hari_ini()))
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
