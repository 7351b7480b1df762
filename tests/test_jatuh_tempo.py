"""What is late: each source's due rule, on fixed dates."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from pipelines.lib import jatuh_tempo
from pipelines.lib import ketersediaan as sumber


def ada(*rows: tuple[sumber.Sumber, str, int, str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"sumber": s.table, "kode_wilayah": k, "tahun": t, "periode": p} for s, k, t, p in rows],
        schema={"sumber": pl.String, "kode_wilayah": pl.String, "tahun": pl.Int64, "periode": pl.String},
    )


def late(frame: pl.DataFrame, today: date) -> list[tuple]:
    return jatuh_tempo.terlambat(frame, today).drop("sumber").rows()


def test_a_quarters_rfk_is_due_on_the_10th_of_the_next_month_across_the_year_boundary():
    q3 = ada((sumber.SIPD, "51.02", 2025, "2025-Q2"), (sumber.SIPD, "51.02", 2025, "2025-Q3"))
    assert late(q3, date(2026, 1, 10)) == []  # on the due day it is not late yet
    assert late(q3, date(2026, 1, 11)) == [("51.02", "SIPD RFK quarter IV 2025", date(2026, 1, 10), 1)]
    q4 = ada((sumber.SIPD, "51.02", 2026, "2026-Q2"))
    assert late(q4, date(2026, 12, 31)) == [("51.02", "SIPD RFK quarter III 2026", date(2026, 10, 10), 82)]


def test_a_budget_file_of_the_whole_year_counts_as_quarter_iv():
    assert late(ada((sumber.SIPD, "51.02", 2024, None)), date(2025, 4, 11)) == [
        ("51.02", "SIPD RFK quarter I 2025", date(2025, 4, 10), 1)
    ]


@pytest.mark.parametrize(
    ("source", "name", "due"),
    [
        (sumber.BPS, "BPS labour figures (Sakernas August) 2025", date(2025, 11, 15)),
        (sumber.KATALOG, "Perjanjian Kinerja catalog 2025", date(2025, 1, 31)),
        (sumber.PENILAIAN, "cooperative assessments 2025", date(2026, 1, 31)),
        (sumber.UMKM, "UMKM village counts 2025", date(2026, 1, 31)),
        (sumber.MANUAL, "manual measures 2025", date(2026, 1, 31)),
    ],
)
def test_annual_sources_are_due_by_their_day(source: sumber.Sumber, name: str, due: date):
    frame = ada((source, "51.02", 2023, None), (source, "51.02", 2024, None))
    assert late(frame, due) == []
    assert late(frame, date(2026, 3, 1)) == [("51.02", name, due, (date(2026, 3, 1) - due).days)]


def test_sources_without_a_schedule_are_never_late():
    frame = ada((sumber.ODS, "51.02", 2000, None), (sumber.UMKM_WILAYAH, "51.02", 2000, None), (sumber.TERBIT, "51.02", 2000, None))
    assert late(frame, date(2026, 1, 1)) == []
    assert all(jatuh_tempo.aturan(s) for s in sumber.SUMBER)


def test_a_region_with_a_catalog_lacks_what_the_others_have_and_an_unused_source_is_not_late():
    frame = ada(
        (sumber.KATALOG, "51.02", 2026, None),
        (sumber.KATALOG, "51.03", 2026, None),
        (sumber.SIPD, "51.02", 2025, "2025-Q4"),
    )
    assert late(frame, date(2026, 5, 1)) == [
        ("51.02", "SIPD RFK quarter I 2026", date(2026, 4, 10), 21),
        ("51.03", "SIPD RFK quarter IV 2025", date(2026, 1, 10), 111),  # no RFK at all: the latest the others have
    ]


def test_overdue_lines_in_indonesian(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    found = jatuh_tempo.terlambat(ada((sumber.SIPD, "51.02", 2025, "2025-Q3")), date(2026, 1, 12))
    assert jatuh_tempo.uraian(found) == ["51.02: RFK SIPD triwulan IV 2025 (raw/sipd/), jatuh tempo 10 Januari 2026, terlambat 2 hari"]


def test_a_file_late_for_many_regions_is_one_line_naming_a_few(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    regions = ["51", "51.01", "51.02", "51.03", "51.04", "51.05", "51.71"]
    found = jatuh_tempo.terlambat(ada(*((sumber.BPS, k, 2021, None) for k in regions)), date(2024, 11, 30))
    assert jatuh_tempo.uraian(found) == [
        "7 wilayah (51, 51.01, 51.02, 51.03, 51.04, +2): angka ketenagakerjaan BPS (Sakernas Agustus) 2022 (raw/bps/), "
        "jatuh tempo 15 November 2022, terlambat 746 hari",
    ]
    # days late in the one notation people read
    one = jatuh_tempo.terlambat(ada((sumber.SIPD, "51.02", 2021, "2021-Q4")), date(2026, 1, 1))
    assert jatuh_tempo.uraian(one)[0].endswith("terlambat 1.362 hari")


def test_region_level_umkm_tables_stand_in_for_village_counts():
    import duckdb

    conn = duckdb.connect()
    conn.execute("CREATE SCHEMA raw")
    conn.execute("CREATE TABLE raw.perjanjian_kinerja AS SELECT * FROM (VALUES ('51.02', 2026), ('51.03', 2026)) t(kode_wilayah, tahun)")
    conn.execute("CREATE TABLE raw.umkm_desa AS SELECT '51.02' AS kode_wilayah, 2025 AS tahun")
    conn.execute("CREATE TABLE raw.umkm_wilayah AS SELECT '51.03' AS kode_wilayah, 2025 AS tahun")
    found = jatuh_tempo.terlambat(jatuh_tempo.terakhir(conn), date(2026, 3, 1))
    assert found.filter(pl.col("sumber") == sumber.UMKM.table).is_empty()  # 51.03's open-data table counts
    conn.execute("DROP TABLE raw.umkm_wilayah")
    found = jatuh_tempo.terlambat(jatuh_tempo.terakhir(conn), date(2026, 3, 1))
    assert found.filter(pl.col("sumber") == sumber.UMKM.table).get_column("kode_wilayah").to_list() == ["51.03"]
