"""The code location as a steward meets it: described assets, the jobs, schedules and sensors."""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from datetime import datetime, timedelta
from itertools import takewhile
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
from dagster._utils.schedules import cron_string_iterator  # how Dagster's scheduler reads a cron
import pytest
import yaml
from dagster_duckdb import DuckDBResource

from pipelines.definitions import defs
from pipelines.defs import schedules, sensors, tepat_waktu
from pipelines.lib import raw_scan
from pipelines.defs.partitions import tahunan, triwulan
from pipelines.defs.plan import RANGE_END, RANGE_START
from pipelines.defs.resources import RawFiles, run_config
from pipelines.defs.reviu.assets import SHOWN_FINDINGS
from pipelines.lib.reviu.temuan import rule_words, severity_word
from tests.conftest import SAMPLE_RAW

WITA = ZoneInfo("Asia/Makassar")
LONG_AGO = time.time() - 3600


def repository() -> dg.RepositoryDefinition:
    return defs.get_repository_def()


# --- every asset is described ---------------------------------------------------------------


@pytest.mark.parametrize("spec", defs.resolve_all_asset_specs(), ids=lambda s: s.key.to_user_string())
def test_every_asset_is_described_grouped_owned_and_kinded(spec: dg.AssetSpec):
    assert spec.description and len(spec.description.strip()) >= 40, "a steward needs a description"
    assert spec.group_name and spec.group_name != "default"
    assert spec.owners
    assert spec.kinds


def test_every_table_asset_records_columns_and_row_count(sample_run):
    """Each warehouse table's materialization carries its pandera columns and its row count."""
    instance = dg.DagsterInstance.get()
    missing = []
    for spec in defs.resolve_all_asset_specs():
        if "duckdb" not in spec.kinds:
            continue
        event = instance.get_latest_materialization_event(spec.key)
        assert event is not None, f"{spec.key.to_user_string()} was not materialised by the sample run"
        metadata = event.asset_materialization.metadata
        for key in ("dagster/row_count", "dagster/column_schema"):
            if key not in metadata:
                missing.append(f"{spec.key.to_user_string()}: {key}")
        if spec.key.path[0] == "raw":
            assert "files" in metadata, "raw assets list their files with sha256"
    assert not missing


def test_each_partition_of_a_run_over_years_shows_its_own_rows(sample_run):
    """lkjip_tahunan builds 2022 and 2023 in one run: each year's partition records its own row
    count and findings, as the warehouse holds them (not the run's total)."""
    import duckdb

    instance = dg.DagsterInstance.get()
    checked = 0
    with duckdb.connect(str(sample_run.database), read_only=True) as conn:
        for key in (["kinerja", "iku_capaian"], ["reviu", "findings"], ["staged", "measures"]):
            table = f"{key[0]}.{key[1]}"
            per_year = dict(conn.execute(f"SELECT tahun, count(*) FROM {table} GROUP BY 1").fetchall())
            assert len(per_year) > 1, table
            for tahun, rows in per_year.items():
                records = instance.fetch_materializations(
                    dg.AssetRecordsFilter(asset_key=dg.AssetKey(key), asset_partitions=[str(tahun)]), limit=100).records
                # the sample run's own materialization: other tests share the instance
                metadata = next(r for r in records if r.run_id in sample_run.run_ids).asset_materialization.metadata
                assert metadata["dagster/row_count"].value == rows, (table, tahun)
                if "temuan" in metadata:
                    shown = metadata["temuan"].value.records
                    assert len(shown) == min(rows, SHOWN_FINDINGS)
                    # headed and worded for people: rules and severities in words, never their codes
                    assert {"Severity", "Rule", "Expected", "Printed", "Message"} <= set(shown[0].data)
                    assert {r.data["Rule"] for r in shown} <= set(rule_words().values())
                    assert {r.data["Severity"] for r in shown} <= {severity_word("error"), severity_word("warning")}
                checked += 1
    assert checked >= 6


# --- jobs, schedules, sensors ---------------------------------------------------------------


def fire_times(schedule: dg.ScheduleDefinition, year: int) -> list[datetime]:
    start = datetime(year, 1, 1, tzinfo=WITA).timestamp()
    times = cron_string_iterator(start, schedule.cron_schedule, schedule.execution_timezone)
    return list(takewhile(lambda t: t.year == year, times))


def test_schedules_fire_once_a_period_has_closed_on_the_wita_clock():
    annual = fire_times(schedules.lkjip_tahunan_schedule, 2027)
    assert len(annual) == 1 and annual[0].utcoffset() == timedelta(hours=8)
    assert schedules.reporting_year(annual[0]) == 2026
    quarterly = fire_times(schedules.anggaran_triwulan_schedule, 2027)
    assert [schedules.closed_quarter(t) for t in quarterly] == ["2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"]
    assert quarterly[0] < annual[0]  # the year's report comes after its fourth quarter's budget is in


def test_schedules_and_sensors_run_by_default_and_launch_jobs_that_build_their_tables():
    repo = repository()
    built = {job.name: {k.to_user_string() for k in job.asset_layer.selected_asset_keys} for job in repo.get_all_jobs()}
    annual, quarterly = schedules.lkjip_tahunan_schedule, schedules.anggaran_triwulan_schedule
    assert {"ekspor/laporan", "reviu/findings", "kinerja/iku_capaian"} <= built[annual.job_name]
    assert not any(key.startswith("raw/") for key in built[annual.job_name])  # ingest is the sensor's
    assert "anggaran/realisasi_anggaran" in built[quarterly.job_name]
    assert all(key.startswith("raw/") for key in built[sensors.raw_files_sensor.targets[0].job_name])
    followed = {t.job_name for t in sensors.raw_files_ingested.targets}
    assert set().union(*(built[job] for job in followed)) == set().union(*built.values()) - built["ingest"]
    for schedule in repo.schedule_defs:
        assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING and schedule.description
    assert {s.default_status for s in repo.sensor_defs} == {dg.DefaultSensorStatus.RUNNING}


def test_annual_date_is_a_setting(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_JADWAL_TAHUNAN", "0 7 1 10 *")
    def annual() -> dg.ScheduleDefinition:
        return schedules._wita_schedule(
            "s", schedules.JADWAL_TAHUNAN_ENV, schedules.JADWAL_TAHUNAN_DEFAULT, schedules.lkjip_job, "x", schedules._annual
        )

    schedule = annual()
    assert schedule.cron_schedule == "0 7 1 10 *" and schedule.execution_timezone == "Asia/Makassar"
    monkeypatch.setenv("LKJIP_JADWAL_TAHUNAN", "every January")
    with pytest.raises(ValueError, match="LKJIP_JADWAL_TAHUNAN"):
        annual()


def test_reporting_year_and_closed_quarter_on_the_wita_clock():
    assert schedules.reporting_year(datetime(2025, 1, 15, 7, tzinfo=WITA)) == 2024
    assert schedules.reporting_year(datetime(2024, 10, 1, 7, tzinfo=WITA)) == 2023
    assert schedules.closed_quarter(datetime(2025, 1, 10, 7, tzinfo=WITA)) == "2024-Q4"
    assert schedules.closed_quarter(datetime(2024, 4, 10, 7, tzinfo=WITA)) == "2024-Q1"
    assert schedules.closed_quarter(datetime(2024, 10, 10, 7, tzinfo=WITA)) == "2024-Q3"
    # 1 April 07:00 WITA is still 31 March in UTC: the WITA date decides
    assert schedules.closed_quarter(datetime(2024, 3, 31, 23, 0, tzinfo=ZoneInfo("UTC"))) == "2024-Q1"


# --- a warehouse with the sample's raw tables, ingested in an ephemeral instance -------------


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):
    """The sample's raw files ingested as the raw-file sensor would have it (tags included)."""
    folder = tmp_path_factory.mktemp("ingested")
    database = folder / "lkjip.duckdb"
    instance = dg.DagsterInstance.ephemeral()
    failed = dg.DagsterRun(
        job_name="ingest",
        run_id=str(uuid.uuid4()),
        status=dg.DagsterRunStatus.FAILURE,
        tags={
            sensors.TRIGGER_TAG: sensors.RAW_SENSOR,
            sensors.FILES_TAG: json.dumps(["manual/manual_measures.csv"]),
        },
    )
    instance.add_run(failed)  # an earlier batch whose ingest failed: its changes are still owed
    result = defs.resolve_job_def("ingest").execute_in_process(
        run_config=run_config(SAMPLE_RAW, database, folder / "exports"),
        instance=instance,
        tags={
            sensors.TRIGGER_TAG: sensors.RAW_SENSOR,
            sensors.FILES_TAG: json.dumps(["umkm_desa/umkm_desa_tabanan_2023.xlsx"]),
        },
    )
    assert result.success
    return instance, result, database


def warehouse_resource(database: Path) -> DuckDBResource:
    return DuckDBResource(database=str(database))


def schedule_tick(schedule: dg.ScheduleDefinition, instance, database: Path, when: datetime):
    context = dg.build_schedule_context(
        instance=instance,
        scheduled_execution_time=when,
        resources={"warehouse": warehouse_resource(database)},
        repository_def=repository(),
    )
    return schedule.evaluate_tick(context)


def ranges(requests: list[dg.RunRequest]) -> list[tuple[str, str, str]]:
    return [(r.job_name, r.tags[RANGE_START], r.tags[RANGE_END]) for r in requests]


def test_annual_schedule_requests_the_last_closed_year_with_what_it_reads(ingested):
    instance, _, database = ingested
    data = schedule_tick(schedules.lkjip_tahunan_schedule, instance, database, datetime(2024, 1, 15, 7, tzinfo=WITA))
    # 2023's report, and 2022's (Tabel 3.3 of 2023 reads it; it has a catalog), in the schedule's own job:
    # Dagster's scheduler launches a schedule's job whatever job name a request carries
    assert ranges(data.run_requests) == [("lkjip_tahunan", "2022", "2023")]
    for request in data.run_requests:
        assert tahunan.has_partition_key(request.tags[RANGE_START]) and tahunan.has_partition_key(request.tags[RANGE_END])
        assert request.tags["lkjip/tahun_laporan"] == "2023"
    earlier = schedule_tick(schedules.lkjip_tahunan_schedule, instance, database, datetime(2023, 1, 15, 7, tzinfo=WITA))
    assert ranges(earlier.run_requests) == [("lkjip_tahunan", "2022", "2022")]
    nothing = schedule_tick(schedules.lkjip_tahunan_schedule, instance, database, datetime(2031, 1, 15, 7, tzinfo=WITA))
    assert not nothing.run_requests and "2030" in nothing.skip_message


def test_quarterly_schedule_requests_the_closed_quarter_for_every_region(ingested):
    instance, _, database = ingested
    q4 = schedule_tick(schedules.anggaran_triwulan_schedule, instance, database, datetime(2024, 1, 10, 7, tzinfo=WITA))
    assert ranges(q4.run_requests) == [("anggaran_triwulan", "2023-10", "2023-10")]
    assert triwulan.has_partition_key(q4.run_requests[0].tags[RANGE_START])
    q2 = schedule_tick(schedules.anggaran_triwulan_schedule, instance, database, datetime(2023, 7, 10, 7, tzinfo=WITA))
    assert ranges(q2.run_requests) == [("anggaran_triwulan", "2023-04", "2023-04")]
    q1 = schedule_tick(schedules.anggaran_triwulan_schedule, instance, database, datetime(2023, 4, 10, 7, tzinfo=WITA))
    assert not q1.run_requests and "2023-Q1" in q1.skip_message


def test_schedules_skip_without_a_warehouse(tmp_path: Path):
    instance = dg.DagsterInstance.ephemeral()
    absent = tmp_path / "lkjip.duckdb"
    for schedule in (schedules.lkjip_tahunan_schedule, schedules.anggaran_triwulan_schedule):
        data = schedule_tick(schedule, instance, absent, datetime(2024, 1, 15, 7, tzinfo=WITA))
        assert not data.run_requests and data.skip_message
    assert not absent.exists(), "looking must not create an empty warehouse"


# --- the raw-file sensor --------------------------------------------------------------------


def write(path: Path, text: str, mtime: float = LONG_AGO) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def sensor_tick(raw: Path, cursor: str | None, database: Path, instance: dg.DagsterInstance | None = None):
    context = dg.build_sensor_context(
        instance=instance or dg.DagsterInstance.ephemeral(),
        cursor=cursor,
        resources={"raw_files": RawFiles(raw_dir=str(raw)), "warehouse": warehouse_resource(database)},
        repository_def=repository(),
    )
    return sensors.raw_files_sensor(context)


@pytest.fixture
def first_tick(tmp_path: Path):
    """A raw folder with one settled file and the sensor's first tick over it."""
    raw = tmp_path / "raw"
    database = tmp_path / "lkjip.duckdb"
    manual = write(raw / "manual" / "manual_measures.csv", "kode_wilayah,tahun\n51.02,2023\n")
    write(raw / "manual" / ".~lock.manual_measures.csv#", "lock")  # editor lock files are ignored
    return raw, database, manual, sensor_tick(raw, None, database)


def test_sensor_requests_an_ingest_run_for_a_new_file(first_tick):
    raw, database, _manual, first = first_tick
    (request,) = first.run_requests
    assert (request.job_name or sensors.raw_files_sensor.job_name) == "ingest"  # a request without a job runs the sensor's
    assert json.loads(request.tags[sensors.FILES_TAG]) == ["manual/manual_measures.csv"]
    assert set(json.loads(first.cursor)["sha256"]) == {"manual/manual_measures.csv"}
    unchanged = sensor_tick(raw, first.cursor, database)
    assert not unchanged.run_requests and unchanged.skip_reason


def test_sensor_ignores_a_touch_and_does_not_rehash_an_unchanged_file(first_tick, monkeypatch: pytest.MonkeyPatch):
    raw, database, manual, first = first_tick
    # touched (new mtime, same bytes): re-hashed, no run; the new mtime is remembered
    os.utime(manual, (LONG_AGO + 60, LONG_AGO + 60))
    touched = sensor_tick(raw, first.cursor, database)
    assert not touched.run_requests
    assert json.loads(touched.cursor)["stat"]["manual/manual_measures.csv"][1] == manual.stat().st_mtime_ns
    # size and mtime unchanged: the file is not read again
    hashed = []
    monkeypatch.setattr(raw_scan, "sha256_of", lambda p: hashed.append(p) or "x")
    assert not sensor_tick(raw, touched.cursor, database).run_requests and not hashed


def test_sensor_runs_on_changed_content(first_tick):
    raw, database, manual, first = first_tick
    write(manual, "kode_wilayah,tahun\n51.02,2024\n", mtime=LONG_AGO + 120)
    (request,) = sensor_tick(raw, first.cursor, database).run_requests
    assert json.loads(request.tags[sensors.FILES_TAG]) == ["manual/manual_measures.csv"]
    assert request.tags[sensors.TRIGGER_TAG] == "raw_files_sensor"


def test_sensor_ignores_what_no_reader_reads(first_tick):
    raw, database, _manual, first = first_tick
    write(raw / "manual" / "lama" / "manual_measures.csv", "kode_wilayah,tahun\n51.02,2020\n")  # an old copy kept aside
    write(raw / "catatan.csv", "kode_wilayah,tahun\n")  # not in a source folder
    write(raw / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(raw / "manual" / "catatan.txt", "ditanyakan ke BKD\n")  # not a manual measures file
    write(raw / "arsip" / "manual_measures.csv", "kode_wilayah,tahun\n")  # not a source folder
    quiet = sensor_tick(raw, first.cursor, database)
    assert not quiet.run_requests and set(json.loads(quiet.cursor)["sha256"]) == {"manual/manual_measures.csv"}


def test_sensor_waits_for_a_file_still_being_copied(first_tick):
    raw, database, _manual, first = first_tick
    write(raw / "manual" / "lain.csv", "kode_wilayah,tahun\n", mtime=time.time())
    settling = sensor_tick(raw, first.cursor, database)
    assert not settling.run_requests and "manual/lain.csv" not in json.loads(settling.cursor)["sha256"]


def test_sensor_runs_when_a_file_is_deleted(first_tick):
    raw, database, manual, first = first_tick
    write(raw / "umkm_desa" / "umkm.csv", "tahun,kode_desa\n")
    both = sensor_tick(raw, first.cursor, database)
    manual.unlink()
    (request,) = sensor_tick(raw, both.cursor, database).run_requests
    assert json.loads(request.tags[sensors.FILES_TAG]) == ["manual/manual_measures.csv"]
    # the last file gone looks like an unmounted share, not like every file deleted: no ingest of nothing
    (raw / "umkm_desa" / "umkm.csv").unlink()
    assert isinstance(sensor_tick(raw, both.cursor, database), dg.SkipReason)


def test_sensor_waits_for_a_raw_folder_that_disappeared(tmp_path: Path):
    raw = tmp_path / "raw"
    write(raw / "manual" / "manual_measures.csv", "kode_wilayah,tahun\n")
    first = sensor_tick(raw, None, tmp_path / "lkjip.duckdb")
    shutil.rmtree(raw)
    gone = sensor_tick(raw, first.cursor, tmp_path / "lkjip.duckdb")
    assert isinstance(gone, dg.SkipReason) and "missing or empty" in gone.skip_message


def test_instance_gets_what_it_needs_once_and_a_stewards_settings_win(tmp_path: Path, monkeypatch):
    from pipelines import settings

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    settings.ensure_dagster_home()
    config = yaml.safe_load((tmp_path / "dagster.yaml").read_text())
    assert config == {
        "telemetry": {"enabled": False},
        "nux": {"enabled": False},
        "concurrency": {"runs": {"max_concurrent_runs": 1}},
    }
    settings.ensure_dagster_home()
    assert yaml.safe_load((tmp_path / "dagster.yaml").read_text()) == config  # nothing added twice
    own = tmp_path / "own"
    own.mkdir()
    (own / "dagster.yaml").write_text("run_queue:\n  max_concurrent_runs: 2\nnux:\n  enabled: true\n")
    monkeypatch.setenv("DAGSTER_HOME", str(own))
    settings.ensure_dagster_home()
    mine = yaml.safe_load((own / "dagster.yaml").read_text())
    assert mine["nux"] == {"enabled": True} and "concurrency" not in mine and mine["telemetry"] == {"enabled": False}


def test_first_tick_after_a_run_leaves_what_was_ingested_alone(ingested, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`lkjip ui` after `lkjip run`: files the instance ingested from this raw folder into this
    warehouse, unchanged, request nothing; a file that changed since does."""
    instance, _, database = ingested
    baseline = sensors.ingested_baseline(instance, SAMPLE_RAW, database)
    assert baseline["sha256"]["bps/tpt.json"] == raw_scan.sha256_of(SAMPLE_RAW / "bps" / "tpt.json")
    assert not sensors.ingested_baseline(instance, tmp_path, database)["sha256"]  # another raw folder
    assert not sensors.ingested_baseline(instance, SAMPLE_RAW, None)["sha256"]  # no warehouse

    first = sensor_tick(SAMPLE_RAW, None, database, instance)
    requested = json.loads(first.run_requests[0].tags[sensors.FILES_TAG]) if first.run_requests else []
    assert not set(requested) & set(baseline["sha256"])

    stale = {"sha256": {**baseline["sha256"], "bps/tpt.json": "0" * 64}, "stat": {}}
    monkeypatch.setattr(sensors, "ingested_baseline", lambda *_: stale)
    changed = sensor_tick(SAMPLE_RAW, None, database, instance)
    assert "bps/tpt.json" in json.loads(changed.run_requests[0].tags[sensors.FILES_TAG])


def after_ingest(ingested, run: dg.DagsterRun) -> dg.RunStatusSensorContext:
    """What the follow-up sensor sees when `run` has succeeded."""
    instance, result, database = ingested
    return dg.build_run_status_sensor_context(
        sensor_name="raw_files_ingested",
        dagster_event=result.get_run_success_event(),
        dagster_instance=instance,
        dagster_run=run,
        resources={"raw_files": RawFiles(raw_dir=str(SAMPLE_RAW)), "warehouse": warehouse_resource(database)},
    )


def test_after_ingest_the_years_and_quarters_are_built_in_order(ingested):
    instance, result, database = ingested
    requests = sensors.raw_files_ingested(after_ingest(ingested, instance.get_run_by_id(result.run_id)))
    assert ranges(requests) == [
        ("anggaran_triwulan", "2023-04", "2023-04"),
        ("anggaran_triwulan", "2023-10", "2023-10"),
        ("data_tahunan", "2021", "2023"),
        ("lkjip_tahunan", "2022", "2023"),
    ]
    assert len({r.run_key for r in requests}) == len(requests)


def test_followup_ignores_ingest_runs_started_by_hand(ingested):
    instance, result, database = ingested
    hand = dg.DagsterRun(job_name="ingest", run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.SUCCESS)
    assert isinstance(sensors.raw_files_ingested(after_ingest(ingested, hand)), dg.SkipReason)


def test_the_ingest_says_for_every_raw_source_which_next_file_is_overdue(ingested, monkeypatch: pytest.MonkeyPatch):
    """One WARN check per raw source in the ingest job; the sample's SIPD ends at 2023-Q4, so
    quarter I of 2024 is late from 11 April 2024, "as of" the day LKJIP_HARI_INI names."""
    _, result, database = ingested
    evaluations = {e.asset_key: e for e in result.get_asset_check_evaluations() if e.check_name == tepat_waktu.CHECK}
    raw = {s.key for s in defs.resolve_all_asset_specs() if s.key.path[0] == "raw"}
    assert set(evaluations) == raw
    assert all(e.severity == dg.AssetCheckSeverity.WARN for e in evaluations.values())
    sipd = evaluations[dg.AssetKey(["raw", "sipd_rfk"])]
    assert not sipd.passed
    assert [r.data["berkas"] for r in sipd.metadata["terlambat"].records] == ["SIPD RFK quarter I 2024"]
    assert evaluations[dg.AssetKey(["raw", "ods_koperasi"])].passed  # no fixed schedule

    def check():
        return next(r for r in tepat_waktu.results(warehouse_resource(database)) if r.asset_key == dg.AssetKey(["raw", "sipd_rfk"]))

    monkeypatch.setenv("LKJIP_HARI_INI", "2024-04-10")
    assert check().passed
    monkeypatch.setenv("LKJIP_HARI_INI", "2024-04-11")
    late = check()
    assert not late.passed and late.description == "1 file(s) overdue on 11 April 2024."
    assert late.metadata["terlambat"].records[0].data == {
        "kode_wilayah": "51.02", "berkas": "SIPD RFK quarter I 2024", "jatuh_tempo": "10 April 2024", "hari_terlambat": 1}


def test_each_warehouse_has_its_instance_and_the_project_env_names_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`lkjip run --warehouse-dir X` without DAGSTER_HOME records in X's own instance, never the
    default UI's; the default warehouse's instance is named in the repo's .env, which `dagster dev`
    and `dg dev` read, defaulting to an exported DAGSTER_HOME so that one always wins."""
    from dotenv import dotenv_values

    from pipelines import settings

    monkeypatch.setattr(settings, "project_root", lambda: tmp_path / "repo")
    (tmp_path / "repo").mkdir()
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert settings.ensure_dagster_home(tmp_path / "lain") == (tmp_path / "lain" / ".dagster_home").resolve()
    assert not (tmp_path / "repo" / ".env").exists()  # another warehouse does not touch the project's instance
    monkeypatch.delenv("DAGSTER_HOME")
    home = settings.ensure_dagster_home(tmp_path / "repo" / "warehouse")
    assert home == (tmp_path / "repo" / ".dagster_home").resolve() and (home / "dagster.yaml").exists()
    monkeypatch.delenv("DAGSTER_HOME")
    assert dotenv_values(tmp_path / "repo" / ".env")["DAGSTER_HOME"] == str(home)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "explicit"))
    assert dotenv_values(tmp_path / "repo" / ".env")["DAGSTER_HOME"] == str(tmp_path / "explicit")
    assert settings.ensure_dagster_home(tmp_path / "lain") == (tmp_path / "explicit").resolve()
    settings.ensure_dagster_home()
    assert (tmp_path / "repo" / ".env").read_text().count("DAGSTER_HOME=") == 1
