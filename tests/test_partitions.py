"""Years and quarters as partitions, regions as data: keys, ranges, the plan, declared cross-year reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from pipelines.defs.partitions import contiguous_ranges, tahunan, triwulan
from pipelines.lib.periode import key_of_periode, periode_of
from pipelines.defs.plan import DATA_ASSETS, DATA_JOB, LKJIP_JOB, SLICES, TRIWULAN_JOB, Step, plan
from pipelines.defs.resources import run_config
from tests.conftest import SAMPLE_RAW


@pytest.mark.parametrize(("key", "periode"), [("2023-01", "2023-Q1"), ("2023-04", "2023-Q2"), ("2023-07", "2023-Q3"), ("2023-10", "2023-Q4")])
def test_quarter_keys_and_periodes_name_the_same_quarter(key: str, periode: str):
    assert periode_of(key) == periode and key_of_periode(periode) == key
    assert triwulan.has_partition_key(key)


def test_a_gap_splits_the_runs_so_no_partition_is_built_empty():
    assert contiguous_ranges({"2021", "2022", "2023", "2025"}, tahunan) == [("2021", "2023"), ("2025", "2025")]
    assert contiguous_ranges({"2023-04", "2023-10"}, triwulan) == [("2023-04", "2023-04"), ("2023-10", "2023-10")]
    assert contiguous_ranges({"1999", "2023"}, tahunan) == [("2023", "2023")]  # before LKJIP_TAHUN_AWAL: no partition
    assert tahunan.get_partition_keys()[0] == "2013"  # LKjIPs since 2015 and the two years they read


def raw_tables(database: Path, katalog: list[int], umkm: list[int], periodes: list[str]) -> Path:
    with duckdb.connect(str(database)) as conn:
        conn.execute("CREATE SCHEMA raw")
        conn.execute("CREATE TABLE raw.perjanjian_kinerja AS SELECT unnest(?::BIGINT[]) AS tahun", [katalog])
        conn.execute("CREATE TABLE raw.umkm_desa AS SELECT unnest(?::BIGINT[]) AS tahun", [umkm])
        conn.execute("CREATE TABLE raw.sipd_rfk AS SELECT unnest(?::VARCHAR[]) AS periode, 2023::BIGINT AS tahun", [periodes])
    return database


def test_plan_builds_quarters_then_the_years_read_then_the_reports(tmp_path: Path):
    database = raw_tables(tmp_path / "w.duckdb", katalog=[2023], umkm=[2020, 2021, 2022, 2023], periodes=["2022-Q4", "2023-Q2", "2023-Q3"])
    # only the catalog, UMKM and SIPD have data: the other sources' slices are not built
    tanpa = ("staged/bps_tenaga_kerja", "staged/koperasi", "staged/koperasi_penilaian", "staged/manual_ukuran", "staged/angka_terbit")
    assert plan(database) == [
        Step(TRIWULAN_JOB, "2022-10", "2022-10"),  # 2023-Q1 has no workbook: a gap, two runs
        Step(TRIWULAN_JOB, "2023-04", "2023-07"),
        Step(DATA_JOB, "2021", "2023", tanpa),  # 2023 reads back to 2021; 2020 is not needed
        Step(LKJIP_JOB, "2023", "2023"),
    ]
    # raw/umkm/ holds village and region-level tables: both its slices are built
    assert {k.to_user_string() for k in plan(database)[2].asset_selection} == {
        "staged/umkm_desa", "staged/umkm_wilayah", "staged/perjanjian_kinerja", "staged/measures"}
    # --year 2022: no catalog for it, so nothing is reported and only its data years are built
    assert plan(database, 2022) == [Step(TRIWULAN_JOB, "2022-10", "2022-10"), Step(DATA_JOB, "2020", "2022", tanpa)]
    assert plan(tmp_path / "absent.duckdb") == []


def test_the_data_job_builds_a_slice_of_every_source_and_the_measures():
    """plan.SLICES names what the data job builds, each slice with the source whose raw table it reads."""
    job = defs.resolve_job_def(DATA_JOB)
    assert {k.to_user_string() for k in job.asset_layer.selected_asset_keys} == set(DATA_ASSETS)
    graph = defs.resolve_asset_graph()
    for key, source in SLICES.items():
        assert {".".join(p.path) for p in graph.get(dg.AssetKey.from_user_string(key)).parent_keys} == {source.table}


def mapping(child: list[str], parent: list[str]) -> dg.PartitionMapping:
    graph = defs.resolve_asset_graph()
    return graph.get_partition_mapping(dg.AssetKey(child), dg.AssetKey(parent))


def downstream(child: list[str], parent: list[str], key: str) -> set[str]:
    graph = defs.resolve_asset_graph()
    parent_def, child_def = graph.get(dg.AssetKey(parent)).partitions_def, graph.get(dg.AssetKey(child)).partitions_def
    subset = mapping(child, parent).get_downstream_partitions_for_partitions(
        parent_def.empty_subset().with_partition_keys([key]), parent_def, child_def
    )
    return set(subset.get_partition_keys())


def test_cross_year_reads_are_declared_so_a_changed_year_marks_the_later_ones_stale():
    # growth and tahun_data offsets: the measures of 2022 feed the realisasi inputs of 2022, 2023 and 2024
    assert downstream(["kinerja", "realisasi_masukan"], ["staged", "measures"], "2022") == {"2022", "2023", "2024"}
    assert downstream(["kinerja", "realisasi"], ["kinerja", "realisasi_masukan"], "2023") == {"2023"}
    assert downstream(["kinerja", "iku_capaian"], ["staged", "measures"], "2022") == {"2022", "2023", "2024"}
    # Tabel 3.3 of 2023 reads the iku_capaian of 2022
    assert downstream(["kinerja", "iku_perbandingan"], ["kinerja", "iku_capaian"], "2022") == {"2022", "2023"}
    # a quarter feeds its year's measures and review; the year's lines feed nothing else
    assert downstream(["staged", "measures"], ["staged", "sipd_sub_kegiatan"], "2023-10") == {"2023"}
    assert downstream(["reviu", "findings"], ["anggaran", "realisasi_anggaran"], "2023-04") == {"2023"}
    # built-in mappings only: the UI (which sees a serialised graph) draws and evaluates the same edges
    builtin = (dg.TimeWindowPartitionMapping, dg.IdentityPartitionMapping, dg.AllPartitionMapping)
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        for parent in graph.get(key).parent_keys:
            if graph.get(parent).partitions_def is not None:
                assert isinstance(graph.get_partition_mapping(key, parent), builtin), (key, parent)


def test_every_derived_asset_builds_a_range_of_years_or_quarters_in_one_run():
    for spec in defs.resolve_all_asset_specs():
        if spec.key.path[0] == "raw":
            assert spec.partitions_def is None  # raw: every file, unpartitioned
            continue
        assert spec.partitions_def in (tahunan, triwulan), spec.key
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        if node.partitions_def is not None:
            assert node.backfill_policy == dg.BackfillPolicy.single_run(), key


def test_a_new_year_of_measures_marks_the_years_that_read_it_stale_in_the_instance(sample_run, dagster_home: Path, tmp_path: Path):
    """What the UI shows after a steward corrects 2022's data: the capaian of 2022 and of 2023 (whose
    growth reads 2022) are stale through the declared mappings, not only in the graph's drawing."""
    from dagster._core.definitions.data_version import CachingStaleStatusResolver, StaleStatus
    from dagster._core.loader import LoadingContextForTest

    shutil.copytree(dagster_home, tmp_path / "home")  # the session's instance stays untouched
    instance = dg.DagsterInstance.from_config(str(tmp_path / "home"))
    graph = defs.resolve_asset_graph()
    capaian = dg.AssetKey(["kinerja", "iku_capaian"])

    def status(partition: str) -> StaleStatus:
        return CachingStaleStatusResolver(instance, graph, LoadingContextForTest(instance)).get_status(capaian, partition)

    assert (status("2022"), status("2023")) == (StaleStatus.FRESH, StaleStatus.FRESH)
    instance.report_runless_asset_event(dg.AssetMaterialization(["staged", "measures"], partition="2022"))
    assert (status("2022"), status("2023")) == (StaleStatus.STALE, StaleStatus.STALE)
    causes = CachingStaleStatusResolver(instance, graph, LoadingContextForTest(instance)).get_stale_causes(capaian, "2023")
    assert {(c.dependency.asset_key.path[-1], c.dependency.partition_key) for c in causes} == {("measures", "2022")}


def year_counts(database: Path, table: str) -> dict[int, int]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return dict(conn.execute(f"SELECT tahun, count(*) FROM {table} GROUP BY 1").fetchall())


def test_one_selected_year_rebuilt_twice_replaces_only_its_own_rows(sample_run, tmp_path: Path):
    """What a steward does from the UI: pick the year 2023 of the LKjIP job and launch it, twice.
    Only 2023 is rebuilt, every time in place of what was there: no duplicate rows, 2022 untouched."""
    warehouse = tmp_path / "warehouse"
    shutil.copytree(sample_run.database.parent, warehouse)
    database = warehouse / sample_run.database.name
    tables = ["kinerja.realisasi", "kinerja.iku_capaian", "reviu.findings"]
    before = {t: year_counts(database, t) for t in tables}
    with duckdb.connect(str(database), read_only=True) as conn:
        rows_2022 = conn.execute("SELECT * FROM kinerja.iku_capaian WHERE tahun = 2022 ORDER BY ALL").fetchall()
    instance = dg.DagsterInstance.ephemeral()
    job = defs.resolve_job_def(LKJIP_JOB)
    for _ in range(2):
        result = job.execute_in_process(
            partition_key="2023", instance=instance, run_config=run_config(SAMPLE_RAW, database, warehouse / "exports"))
        assert result.success
        assert {event.partition for event in result.get_asset_materialization_events()} == {"2023"}
    assert {t: year_counts(database, t) for t in tables} == before
    with duckdb.connect(str(database), read_only=True) as conn:
        assert conn.execute("SELECT * FROM kinerja.iku_capaian WHERE tahun = 2022 ORDER BY ALL").fetchall() == rows_2022
