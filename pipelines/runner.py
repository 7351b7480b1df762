"""Run the pipeline through the Dagster instance, all or nothing.

Every run works on a copy of the warehouse and writes its exports to a staging folder; only
when every step succeeded does the copy replace lkjip.duckdb and each staged folder replace
exports/<kode_wilayah>/<tahun>/. Data Docs, written in place, are put back as they were when a
run fails. A failed run leaves the last good warehouse, exports and Data Docs as they were.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.defs.partitions import YEARS, partition_key, periode_key
from pipelines.defs.resources import run_config

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}

Progress = Callable[[str, int, int], None]


@dataclass
class Outcome:
    ok: bool
    database: Path
    partitions: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    run_ids: list[str] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)


def present_partitions(database: Path) -> list[tuple[str, int]]:
    """(kode_wilayah, tahun) pairs to build, oldest year first so a year's growth can read the
    year before: every year found in the raw tables for each region that has a Perjanjian
    Kinerja catalog (a BPS answer lists a whole province; only the reporting regions matter).
    Without any catalog, every region-year found."""
    with DuckDBResource(database=str(database)).get_connection() as conn:
        tables = conn.execute(
            """SELECT table_name FROM information_schema.columns
               WHERE table_schema = 'raw' AND column_name IN ('kode_wilayah', 'tahun')
               GROUP BY table_name HAVING count(*) = 2"""
        ).fetchall()
        if not tables:
            return []
        union = " UNION ".join(f"SELECT DISTINCT kode_wilayah, tahun FROM raw.{t}" for (t,) in tables)
        rows = conn.execute(
            f"""WITH present AS ({union}),
                    reporting AS (SELECT DISTINCT kode_wilayah FROM raw.perjanjian_kinerja)
                SELECT kode_wilayah, tahun FROM present
                WHERE kode_wilayah IN (SELECT kode_wilayah FROM reporting)
                   OR NOT EXISTS (SELECT 1 FROM reporting)
                ORDER BY tahun, kode_wilayah"""
        ).fetchall()
    return [(k, int(t)) for k, t in rows if str(t) in YEARS]


def present_quarters(database: Path) -> dict[tuple[str, int], list[str]]:
    """The budget quarters (periode) each region-year's SIPD workbooks report."""
    with DuckDBResource(database=str(database)).get_connection() as conn:
        rows = conn.execute("SELECT DISTINCT kode_wilayah, tahun, periode FROM raw.sipd_rfk ORDER BY periode").fetchall()
    quarters: dict[tuple[str, int], list[str]] = {}
    for kode, tahun, periode in rows:
        quarters.setdefault((kode, int(tahun)), []).append(periode)
    return quarters


def select_partitions(
    present: list[tuple[str, int]], region: str | None, year: int | None
) -> list[tuple[str, int]]:
    """The partitions asked for, plus the earlier years of the same regions: a year's growth and
    tahun_data offsets read the measures of the years before it."""
    chosen = [(k, t) for k, t in present if (region is None or k == region) and (year is None or t <= year)]
    if region is not None and year is not None and (region, year) not in chosen:
        chosen.append((region, year))  # asked for explicitly: build it, the tables say what is missing
    return sorted(chosen, key=lambda kt: (kt[1], kt[0]))


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


def _working_copy(database: Path, run_tag: str) -> Path:
    work = database.with_name(f".{database.name}.run-{run_tag}")
    if database.exists():
        shutil.copy2(database, work)
    return work


def _snapshot(folder: Path, run_tag: str) -> Path | None:
    """A copy of a folder the run writes in place (Data Docs), to put back if the run fails."""
    if not folder.exists():
        return None
    copy = folder.with_name(f".{folder.name}.before-{run_tag}")
    shutil.copytree(folder, copy)
    return copy


def _restore(folder: Path, snapshot: Path | None) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if snapshot is not None:
        os.replace(snapshot, folder)


def _publish_exports(staged: Path, exports: Path, run_tag: str) -> list[Path]:
    """Swap each region-year folder written by this run into exports/ (old one out, new one in)."""
    published = []
    for folder in sorted(p for p in staged.glob("*/*") if p.is_dir()):
        target = exports / folder.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        old = target.with_name(f".{target.name}.old-{run_tag}")
        if target.exists():
            os.replace(target, old)
        os.replace(folder, target)
        shutil.rmtree(old, ignore_errors=True)
        published.append(target)
    return published


def _discard(work: Path) -> None:
    for path in (work, work.with_name(work.name + ".wal")):
        path.unlink(missing_ok=True)


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
    run_tag = uuid.uuid4().hex[:8]
    work = _working_copy(database, run_tag)
    staged_exports = database.parent / f".{settings.EXPORTS}-run-{run_tag}"
    data_docs = database.parent / settings.DATA_DOCS
    docs_before = _snapshot(data_docs, run_tag)
    config = {**run_config(raw_dir.resolve(), work, staged_exports), **QUIET_LOGS}
    outcome = Outcome(ok=False, database=database)
    try:
        notify = progress or (lambda *_: None)
        notify("ingest: reading every file under raw/", 0, 1)
        result = defs.resolve_job_def("ingest").execute_in_process(
            run_config=config, instance=instance, raise_on_error=False
        )
        outcome.run_ids.append(result.run_id)
        if not result.success:
            outcome.problems = _failures(result)
            return outcome
        outcome.partitions = select_partitions(present_partitions(work), region, year)
        quarters = present_quarters(work)
        for i, (kode, tahun) in enumerate(outcome.partitions, start=1):
            steps = [("lkjip_tahunan", partition_key(kode, tahun))]
            steps += [("anggaran_triwulan", periode_key(kode, p)) for p in quarters.get((kode, tahun), [])]
            steps += [("ekspor", partition_key(kode, tahun))]
            for job_name, key in steps:
                notify(f"{kode} {tahun} · {job_name}", i, len(outcome.partitions))
                result = defs.resolve_job_def(job_name).execute_in_process(
                    run_config=config, instance=instance, partition_key=key, raise_on_error=False
                )
                outcome.run_ids.append(result.run_id)
                if not result.success:
                    outcome.problems = [f"{kode} {tahun} ({job_name}): {m}" for m in _failures(result)]
                    return outcome
        os.replace(work, database)
        outcome.exports = _publish_exports(staged_exports, database.parent / settings.EXPORTS, run_tag)
        outcome.ok = True
        return outcome
    finally:
        _discard(work)
        shutil.rmtree(staged_exports, ignore_errors=True)
        if not outcome.ok:
            _restore(data_docs, docs_before)
        elif docs_before is not None:
            shutil.rmtree(docs_before, ignore_errors=True)
