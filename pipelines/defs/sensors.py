"""The two sensors (see schedules.py for when and why): `raw_files_sensor` requests an ingest
when the content of raw/ changes, `raw_files_ingested` the plan's runs after a successful ingest."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs import plan as planning
from pipelines.defs.jobs import data_job, ingest_job, lkjip_job, triwulan_job
from pipelines.lib.raw_scan import candidates, changed_files, load_cursor, scan
from pipelines.defs.resources import RawFiles, written_database
from pipelines.defs.sumber import SOURCES
from pipelines.lib.koperasi import penilaian, registry
from schemas.pesan import _
from pipelines.lib.sipd import reader as sipd

RAW_SENSOR = "raw_files_sensor"
TRIGGER_TAG = "lkjip/trigger"
FILES_TAG = "lkjip/files"  # JSON list of changed paths (relative to raw/), or "*"
ALL = "*"
MAX_TAGGED_FILES = 200  # more changes than this at once: the tag says '*'
# What the ingest reads, folder → extensions: the sensor watches exactly that.
WATCHED = {s.folder: s.extensions for s in SOURCES} | {m.FOLDER: m.EXTENSIONS for m in (registry, penilaian, sipd)}


def _raw_tables(conn) -> list[str]:
    """raw.* tables whose rows name their region and source file."""
    rows = conn.execute(
        """SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'raw' AND column_name IN ('kode_wilayah', 'source_file')
           GROUP BY table_name HAVING count(*) = 2 ORDER BY 1"""
    ).fetchall()
    return [r[0] for r in rows]


def regions_fed_by(database: Path | None, files: Iterable[str]) -> tuple[set[str], set[str]]:
    """(regions whose raw rows came from these files, the files that fed no row at all)."""
    files = sorted(set(files))
    if database is None or not files:
        return set(), set(files)
    with DuckDBResource(database=str(database)).get_connection() as conn:
        tables = _raw_tables(conn)
        if not tables:
            return set(), set(files)
        union = " UNION ALL ".join(
            f"SELECT DISTINCT kode_wilayah, source_file FROM raw.{t} WHERE list_contains(?, source_file)" for t in tables
        )
        rows = conn.execute(union, [files] * len(tables)).fetchall()
    return {r[0] for r in rows if r[0]}, set(files) - {r[1] for r in rows}


def ingested_baseline(instance: dg.DagsterInstance, raw_dir: Path, database: Path | None) -> dict[str, dict]:
    """For a first tick: the files this instance already ingested from this raw folder into this
    warehouse (latest raw materializations' files and sha256, kept only when the warehouse has
    rows from the file). Their stat is unknown, so they are hashed once more."""
    baseline: dict[str, dict] = {"sha256": {}, "stat": {}}
    if database is None:
        return baseline
    recorded: dict[str, str] = {}
    keys = instance.get_asset_keys(prefix=["raw"])
    for event in instance.get_latest_materialization_events(keys).values():
        materialization = event.asset_materialization if event else None
        metadata = materialization.metadata if materialization else {}
        raw_value = metadata.get("raw_dir")
        files = metadata.get("files")
        if raw_value is None or files is None or Path(str(raw_value.value)).resolve() != raw_dir.resolve():
            continue
        for record in files.value.records:  # type: ignore[union-attr]
            recorded[record.data["file"]] = record.data["sha256"]
    if recorded:
        _, without_rows = regions_fed_by(database, recorded)
        baseline["sha256"] = {f: h for f, h in recorded.items() if f not in without_rows}
    return baseline


@dg.sensor(
    name=RAW_SENSOR,
    job=ingest_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=_(
        "Watches raw/ for new, changed or deleted files by content hash (sha256; a file only touched or "
        "re-copied unchanged is ignored) and requests an ingest run; when that run succeeds, "
        "raw_files_ingested rebuilds every year and quarter with data."
    ),
)
def raw_files_sensor(context: dg.SensorEvaluationContext, raw_files: RawFiles, warehouse: DuckDBResource):
    database = written_database(warehouse)
    if context.cursor:
        before = load_cursor(context.cursor)
    else:
        try:
            before = ingested_baseline(context.instance, raw_files.path, database)
        except Exception as error:  # a locked warehouse: ingest everything once
            context.log.warning(_("could not compare with what was ingested ({error}); every file counts as new").format(error=error))
            before = load_cursor(None)
    if before["sha256"] and not candidates(raw_files.path, WATCHED):
        # an unmounted share or a moved folder is not "every file deleted": never ingest nothing
        return dg.SkipReason(_("{folder} is missing or empty; waiting for it to come back").format(folder=raw_files.raw_dir))
    after = scan(raw_files.path, before, WATCHED)
    if after["future"]:
        context.log.warning(
            _("dated in the future (a wrong clock where they were made), taken as changed now: {files}").format(
                files=", ".join(after["future"][:20])))
    changes = changed_files(before, after)
    touched = changes["new"] + changes["changed"] + changes["deleted"]
    cursor = json.dumps(after, sort_keys=True)
    if not touched:
        return dg.SensorResult(
            skip_reason=_("no new or changed files among {count} in {folder}").format(count=len(after["sha256"]), folder=raw_files.raw_dir),
            cursor=cursor,
        )
    summary = ", ".join(f"{len(v)} {k}" for k, v in changes.items() if v)
    context.log.info(f"raw/ changed ({summary}): {', '.join(touched[:20])}{' …' if len(touched) > 20 else ''}")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                tags={
                    TRIGGER_TAG: RAW_SENSOR,
                    FILES_TAG: ALL if len(touched) > MAX_TAGGED_FILES else json.dumps(touched),
                }
            )
        ],
        cursor=cursor,
    )


@dg.run_status_sensor(
    name="raw_files_ingested",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[ingest_job],
    request_jobs=[triwulan_job, data_job, lkjip_job],
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description=_(
        "After an ingest run started by raw_files_sensor succeeds: rebuilds every year and quarter with data, "
        "every region together, in the order `lkjip run` does (anggaran_triwulan, data_tahunan, "
        "lkjip_tahunan; one run per stretch of consecutive years or quarters). Ingest runs started by hand "
        "are left alone."
    ),
)
def raw_files_ingested(context: dg.RunStatusSensorContext, warehouse: DuckDBResource):
    run = context.dagster_run
    if run.tags.get(TRIGGER_TAG) != RAW_SENSOR:
        return dg.SkipReason(_("ingest run {run} was not started by {sensor}").format(run=run.run_id, sensor=RAW_SENSOR))
    database = written_database(warehouse)
    steps = planning.plan(database) if database else []
    if not steps:
        return dg.SkipReason(_("the warehouse holds no year or quarter with data"))
    return planning.run_requests(steps, run.run_id)
