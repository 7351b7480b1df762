"""Tabel 3.7 from sub kegiatan up: rollups, weighted fisik, versions, quarters, code widths."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipelines.lib.anggaran.keuangan import in_tree_order, perubahan_pagu, realisasi_anggaran, serapan
from pipelines.lib.sipd.split import printed_subtotals, sub_kegiatan
from tests.test_sipd import read, title, write_rfk

SUBS = [
    ("2.07.03", "PROGRAM PELATIHAN", 300, 150, 50, None),
    ("2.07.03.2.01", "Kegiatan A", 300, 150, 50, None),
    ("2.07.03.2.01.0001", "Sub A1", 100, 100, 100, 100),
    ("2.07.03.2.01.0002", "Sub A2", 200, 50, 25, 40),
    ("2.17.07", "PROGRAM UMKM", 1000, 10, 1, None),  # a second urusan under the same SKPD
    ("2.17.07.2.01", "Kegiatan U", 1000, 10, 1, None),
    ("2.17.07.2.01.0004", "Sub U4", 1000, 10, 1, 0),
    (None, "JUMLAH", 9999, 9999, 1, None),  # a wrong printed total: never used as data
]


def tabel_3_7(lines: pl.DataFrame, printed: pl.DataFrame) -> pl.DataFrame:
    """realisasi_anggaran as the warehouse runs it: DuckDB SQL over tables (here registered frames)."""
    with duckdb.connect() as conn:
        conn.register("lines", lines.to_arrow())
        conn.register("printed", printed.to_arrow())
        return in_tree_order(realisasi_anggaran(conn, "lines", "printed").pl())


def tree_of(raw: Path, periode: str) -> dict[tuple[str, str], dict]:
    lines = read(raw).filter(pl.col("periode") == periode)
    tree = tabel_3_7(sub_kegiatan(lines), printed_subtotals(lines))
    return {(r["level"], r["kode"]): r for r in tree.iter_rows(named=True)}


def test_rollup_sums_children_and_weights_fisik_by_pagu(tmp_path: Path):
    write_rfk(tmp_path / "sipd/q4.xlsx", SUBS)
    tree = tree_of(tmp_path, "2023-Q4")
    kegiatan = tree[("kegiatan", "2.07.03.2.01")]
    assert (kegiatan["pagu"], kegiatan["realisasi"]) == (300, 150)
    assert kegiatan["persen_fisik"] == pytest.approx((100 * 100 + 200 * 40) / 300)  # 60, not the mean 70
    assert kegiatan["persen_keuangan"] == pytest.approx(50.0)
    total = tree[("total", "")]
    assert (total["pagu"], total["realisasi"], total["uraian"]) == (1300, 160, "JUMLAH")  # not the printed 9999
    assert total["persen_fisik"] == pytest.approx((100 * 100 + 200 * 40 + 1000 * 0) / 1300)
    # one SKPD, two urusan: both programs, each with its own parent chain
    assert tree[("program", "2.17.07")]["pagu"] == 1000
    assert tree[("sub_kegiatan", "2.17.07.2.01.0004")]["parent_kode"] == "2.17.07.2.01"
    assert tree[("kegiatan", "2.17.07.2.01")]["parent_kode"] == "2.17.07"
    assert tree[("program", "2.07.03")]["uraian"] == "PROGRAM PELATIHAN"


def test_dppa_supersedes_dpa_for_the_same_cutoff_and_dpa_stays_for_comparison(tmp_path: Path):
    write_rfk(tmp_path / "sipd/dpa.xlsx", [("2.07.03.2.01.0001", "Sub A1", 100, 60, 60, 50)], title(jenis="DPA"))
    write_rfk(tmp_path / "sipd/dppa.xlsx", [("2.07.03.2.01.0001", "Sub A1", 150, 60, 40, 50), ("2.07.03.2.01.0002", "Sub baru", 20, 0, 0, 0)], title(jenis="DPPA"))
    tree = tree_of(tmp_path, "2023-Q4")
    assert tree[("total", "")]["pagu"] == 170
    changes = {r["kode"]: r for r in perubahan_pagu(sub_kegiatan(read(tmp_path)).lazy()).iter_rows(named=True)}
    assert (changes["2.07.03.2.01.0001"]["pagu_dpa"], changes["2.07.03.2.01.0001"]["pagu_dppa"], changes["2.07.03.2.01.0001"]["selisih"]) == (100, 150, 50)
    assert changes["2.07.03.2.01.0002"]["pagu_dpa"] is None and changes["2.07.03.2.01.0002"]["selisih"] == 20


def test_quarters_stay_apart_and_two_digit_codes_meet_four_digit_ones(tmp_path: Path):
    write_rfk(tmp_path / "sipd/q2.xlsx", [("2.07.03.2.01.01", "Sub A1", 100, 30, 30, 40)], title(jenis="DPA", keadaan="30 Juni 2023"))
    write_rfk(tmp_path / "sipd/q4.xlsx", [("2.07.03.2.01.0001", "Sub A1", 100, 90, 90, 100)], title(jenis="DPA"))
    q2, q4 = tree_of(tmp_path, "2023-Q2"), tree_of(tmp_path, "2023-Q4")
    assert q2[("sub_kegiatan", "2.07.03.2.01.0001")]["realisasi"] == 30
    assert q4[("sub_kegiatan", "2.07.03.2.01.0001")]["realisasi"] == 90
    assert {r["periode"] for r in q2.values()} == {"2023-Q2"}


def staged_line(kode_wilayah: str, periode: str, kode: str, uraian: str, pagu: float, realisasi: float, fisik: float | None,
                source_file: str, level: str = "sub_kegiatan", jenis: str = "DPA", skpd: str = "2.17.2.07.0.00.01.0000") -> dict:
    """One staged SIPD row (the columns realisasi_anggaran reads)."""
    tahun, quarter = int(periode[:4]), int(periode[-1])
    return {
        "kode_wilayah": kode_wilayah, "tahun": tahun, "skpd": skpd, "kode_skpd": skpd, "jenis_dokumen": jenis,
        "tanggal_keadaan": datetime.date(tahun, 3 * quarter, 30 if quarter in (2, 3) else 31), "periode": periode,
        "level": level, "kode": kode, "uraian": uraian, "pagu": pagu, "realisasi": realisasi, "persen_fisik": fisik,
        "source_file": source_file, "source_row": 9,
    }


def test_all_regions_and_quarters_at_once_stay_apart():
    """One query for two regions and two quarters gives, for each region-quarter, exactly the rows
    (values, names, sources, order) that region-quarter gives alone: nothing summed, named or
    sourced across regions or quarters, even where they share codes."""
    kode = "2.07.03.2.01.0001"
    lines = pl.DataFrame(
        [
            staged_line("51.02", "2023-Q2", kode, "Sub Tabanan", 100, 30, 40, "sipd/tabanan_q2.xlsx"),
            staged_line("51.02", "2023-Q4", kode, "Sub Tabanan", 150, 140, 100, "sipd/tabanan_q4.xlsx"),
            staged_line("51.02", "2023-Q4", kode, "Sub Tabanan DPPA", 170, 150, 100, "sipd/tabanan_q4_dppa.xlsx", jenis="DPPA"),
            staged_line("32.73", "2023-Q2", kode, "Sub Bandung", 1000, 10, None, "sipd/bandung_q2.xlsx"),
            staged_line("32.73", "2023-Q4", kode, "Sub Bandung", 1000, 900, 90, "sipd/bandung_q4.xlsx"),
            staged_line("32.73", "2023-Q4", "2.07.04.2.01.0001", "Sub Bandung 2", 500, 0, 0, "sipd/bandung_q4.xlsx"),
        ]
    )
    printed = pl.DataFrame(
        [
            staged_line(kw, periode, kode[:n], f"{name} {kw}", 0, 0, None, "sipd/printed.xlsx", level=level)
            for kw in ("51.02", "32.73") for periode in ("2023-Q2", "2023-Q4")
            for n, level, name in ((7, "program", "PROGRAM"), (12, "kegiatan", "Kegiatan"))
        ]
    )
    together = tabel_3_7(lines, printed)
    assert together.select("kode_wilayah", "tahun", "periode").unique(maintain_order=True).rows() == [
        ("32.73", 2023, "2023-Q2"), ("32.73", 2023, "2023-Q4"), ("51.02", 2023, "2023-Q2"), ("51.02", 2023, "2023-Q4"),
    ]
    for (kw, periode), part in together.group_by("kode_wilayah", "periode", maintain_order=True):
        alone = tabel_3_7(
            lines.filter((pl.col("kode_wilayah") == kw) & (pl.col("periode") == periode)),
            printed.filter((pl.col("kode_wilayah") == kw) & (pl.col("periode") == periode)),
        )
        assert_frame_equal(part, alone)
    rows = {(r["kode_wilayah"], r["periode"], r["level"], r["kode"]): r for r in together.iter_rows(named=True)}
    assert rows[("51.02", "2023-Q4", "sub_kegiatan", kode)]["pagu"] == 170  # the DPPA, not Q2's or Bandung's line
    assert rows[("51.02", "2023-Q4", "sub_kegiatan", kode)]["uraian"] == "Sub Tabanan DPPA"
    assert rows[("51.02", "2023-Q4", "total", "")]["sumber"] == "sipd/tabanan_q4_dppa.xlsx"
    assert rows[("32.73", "2023-Q4", "total", "")]["pagu"] == 1500
    assert rows[("32.73", "2023-Q4", "program", "2.07.03")]["uraian"] == "PROGRAM 32.73"
    assert rows[("51.02", "2023-Q2", "kegiatan", "2.07.03.2.01")]["uraian"] == "Kegiatan 51.02"
    assert rows[("32.73", "2023-Q2", "total", "")]["persen_fisik"] is None  # no fisik printed: no weight
    assert rows[("51.02", "2023-Q2", "total", "")]["persen_fisik"] == 40
    assert ("51.02", "2023-Q4", "program", "2.07.04") not in rows  # Bandung's program only


def test_sources_are_every_file_of_the_lines_sorted():
    kode = "2.07.03.2.01.000"
    files = ["sipd/d.xlsx", "sipd/b.xlsx", "sipd/c.xlsx", "sipd/a.xlsx"]
    lines = pl.DataFrame(
        [
            staged_line("51.02", "2023-Q4", f"{kode}{i}", "Sub", 10, 5, None, f, skpd=f"2.17.2.07.0.00.0{i}.0000")
            for i, f in enumerate(files, start=1)
        ]
        + [staged_line("51.02", "2023-Q4", f"{kode}1", "Sub", 10, 5, None, "sipd/c.xlsx", skpd="2.17.2.07.0.00.09.0000")]
    )
    rows = {(r["level"], r["kode"]): r for r in tabel_3_7(lines, lines.clear()).iter_rows(named=True)}
    assert rows[("total", "")]["sumber"] == "sipd/a.xlsx; sipd/b.xlsx; sipd/c.xlsx; sipd/d.xlsx"
    assert rows[("sub_kegiatan", f"{kode}1")]["sumber"] == "sipd/c.xlsx; sipd/d.xlsx"  # two SKPDs, one code
    assert rows[("sub_kegiatan", f"{kode}1")]["pagu"] == 20
    assert rows[("sub_kegiatan", f"{kode}2")]["sumber"] == "sipd/b.xlsx"
    assert rows[("sub_kegiatan", f"{kode}1")]["uraian"] == "Sub"
    assert rows[("total", "")]["persen_keuangan"] == 50


def test_serapan_per_program():
    tree = pl.DataFrame(
        {
            "kode_wilayah": ["51.02"] * 3, "tahun": [2023] * 3, "periode": ["2023-Q2"] * 3,
            "level": ["program", "kegiatan", "total"], "kode": ["2.07.03", "2.07.03.2.01", ""],
            "uraian": ["P", "K", "JUMLAH"], "pagu": [400.0, 400.0, 400.0], "realisasi": [100.0, 100.0, 100.0],
        }
    )
    rows = serapan(tree)
    assert rows.get_column("level").to_list() == ["program", "total"]
    assert rows.get_column("sisa_anggaran").to_list() == [300.0, 300.0] and rows.get_column("persen").to_list() == [25.0, 25.0]


# Tabel 3.7 (2023, DPPA at 31 Desember): kode -> (pagu, realisasi); Program Penunjang and JUMLAH
# are the sums of their children, not the printed 7.370.004.916 / 9.770.736.608 / 8.664.217.088.
TABEL_3_7 = {
    "2.07.03": (416_200_000, 332_224_170),
    "2.07.04": (75_000_000, 51_569_613),
    "2.07.01": (8_294_394_608, 7_416_394_916),
    "2.17.06": (334_995_000, 286_123_754),
    "2.17.07": (239_977_000, 170_942_571),
    "": (9_360_566_608, 8_257_255_024),
}


def test_tabanan_2023_q4_against_tabel_3_7_with_recomputed_subtotals(sample_run):
    with duckdb.connect(str(sample_run.database), read_only=True) as conn:
        rows = conn.execute(
            "select kode, pagu, realisasi, level from anggaran.realisasi_anggaran where kode_wilayah='51.02' and periode='2023-Q4'"
        ).fetchall()
    got = {k: (p, r) for k, p, r, level in rows if level in ("program", "total")}
    assert got == TABEL_3_7
    assert sum(1 for *_, level in rows if level == "sub_kegiatan") == 24


def test_budget_export_has_both_quarters_and_contract_columns(sample_run):
    path = sample_run.database.parent / "exports/51.02/2023/budget_realization.csv"
    with path.open(newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["periode", "level", "kode", "parent_kode", "uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik"]
        records = list(reader)
    assert {r["periode"] for r in records} == {"2023-Q2", "2023-Q4"}
    total_q2 = next(r for r in records if r["periode"] == "2023-Q2" and r["level"] == "total")
    assert total_q2["pagu"] == "6099974950"  # the DPA of 30 Juni: Program Penunjang before the revision
