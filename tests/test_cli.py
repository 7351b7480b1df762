"""The lkjip command end to end on the shipped sample, a broken copy, and another region."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
import yaml
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.lib.wilayah import desa
from tests.conftest import write_csv, write_xlsx

runner = CliRunner()


def measures(database: Path, kode: str, tahun: int) -> dict[str, float]:
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute("select ukuran, nilai from staged.measures where kode_wilayah = ? and tahun = ?", [kode, tahun]).fetchall()
    return dict(rows)


def test_sample_measures_match_the_report(sample_run):
    m23 = measures(sample_run.database, "51.02", 2023)
    m22 = measures(sample_run.database, "51.02", 2022)
    assert (m23["koperasi.jumlah"], m23["koperasi.baru"], m22["koperasi.jumlah"], m22["koperasi.baru"]) == (581, 6, 575, 8)
    assert (m22["koperasi.sehat"], m23["koperasi.sehat"], m22["koperasi.berkualitas"], m23["koperasi.berkualitas"]) == (9, 34, 0, 3)
    assert (measures(sample_run.database, "51.02", 2021)["umkm.jumlah"], m22["umkm.jumlah"], m23["umkm.jumlah"]) == (38341, 41025, 42651)
    assert (m22["bps.angkatan_kerja"], m22["bps.pengangguran_terbuka"]) == (287569, 11000)
    # Tabel 3.7: Program Penunjang is the sum of its kegiatan, not the printed subtotal
    assert (m23["anggaran.pagu[2.07.01]"], m23["anggaran.realisasi[2.07.01]"]) == (8294394608, 7416394916)
    assert (m23["anggaran.pagu"], m23["anggaran.realisasi"]) == (9360566608, 8257255024)
    assert m23["manual.nilai_reformasi_birokrasi"] == 94.19
    assert ("51.02", 2023) in sample_run.partitions


def test_every_measure_names_its_source_files(sample_run):
    with duckdb.connect(str(sample_run.database), read_only=True) as conn:
        sumber = dict(conn.execute("select ukuran, sumber from staged.measures where kode_wilayah='51.02' and tahun=2023").fetchall())
    assert sumber["umkm.jumlah"] == "umkm_desa/umkm_desa_tabanan_2023.xlsx"
    assert sumber["anggaran.pagu"] == "sipd/rfk_2.17.2.07.0.00.01.0000_2023_Q4_DPPA.xlsx"
    assert all(sumber.values())


def snapshot(database: Path, tables: list[str]) -> dict[str, list]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}


MARTS = ["kinerja.realisasi_masukan", "kinerja.realisasi", "kinerja.iku_capaian", "kinerja.iku_perbandingan", "reviu.findings"]


@pytest.fixture
def good_run(raw_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    warehouse = tmp_path / "wh"
    result = runner.invoke(app, ["run", "--raw-dir", str(raw_copy), "--warehouse-dir", str(warehouse), "--region", "51.02", "--year", "2023"])
    assert result.exit_code == 0, result.output
    return raw_copy, warehouse


def test_bad_row_fails_names_the_file_and_keeps_last_good_tables_and_exports(good_run):
    raw_copy, warehouse = good_run
    before = snapshot(warehouse / "lkjip.duckdb", ["raw.manual_ukuran", "staged.measures", *MARTS])
    export = warehouse / "exports/51.02/2023/iku_capaian.csv"
    export_before = export.read_bytes()
    docs = warehouse / "data_docs/index.html"
    docs_before = docs.read_bytes()
    manual = raw_copy / "manual" / "manual_measures.csv"
    lines = manual.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ","  # row 4 loses its sumber document
    manual.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["run", "--raw-dir", str(raw_copy), "--warehouse-dir", str(warehouse)])
    assert result.exit_code == 1
    assert "manual/manual_measures.csv" in result.output and "row 4" in result.output and "'sumber'" in result.output
    assert snapshot(warehouse / "lkjip.duckdb", list(before)) == before
    assert export.read_bytes() == export_before
    assert docs.read_bytes() == docs_before
    assert not [p.name for p in (warehouse / "exports").iterdir() if p.name.startswith(".")]  # no half-written leftovers


def test_a_failure_after_the_data_steps_keeps_the_marts_and_exports(good_run):
    """A catalog naming a measure no source gives passes ingest and the data years, and stops
    the LKjIP run at kinerja.realisasi_masukan: the marts and exports stay as the last good run left them."""
    raw_copy, warehouse = good_run
    before = snapshot(warehouse / "lkjip.duckdb", MARTS)
    folder = warehouse / "exports/51.02/2023"
    files_before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    catalog = raw_copy / "perjanjian_kinerja" / "51.02_2023.yaml"
    catalog.write_text(catalog.read_text().replace("ukuran: umkm.jumlah", "ukuran: umkm.tidak_ada", 1))
    result = runner.invoke(app, ["run", "--raw-dir", str(raw_copy), "--warehouse-dir", str(warehouse)])
    assert result.exit_code == 1
    assert "lkjip_tahunan" in result.output and "umkm.tidak_ada" in result.output
    with duckdb.connect(str(warehouse / "lkjip.duckdb"), read_only=True) as conn:  # reached: replaced
        assert conn.execute("SELECT count(*) FROM raw.perjanjian_kinerja WHERE ukuran = 'umkm.tidak_ada'").fetchone() == (1,)
    assert snapshot(warehouse / "lkjip.duckdb", MARTS) == before
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == files_before


def test_another_region_needs_no_code_change(tmp_path: Path):
    """Kota Bandung (32.73): region and year come from the files' content alone."""
    raw = tmp_path / "raw"
    villages = desa().filter(kode_wilayah="32.73").head(3)
    write_csv(
        raw / "umkm_desa/data.csv",
        ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala", "jumlah_usaha", "jumlah_tenaga_kerja"],
        [[t, r["kode_desa"], r["nama_desa"], r["nama_kecamatan"], "Kuliner", "mikro", 10 * t - 20230 + i, 3] for t in (2023, 2024) for i, r in enumerate(villages.iter_rows(named=True))],
    )
    write_csv(raw / "manual/m.csv", ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"], [["32.73", 2024, "manual.skor", "77,5", "nilai", "LHE"]])
    write_xlsx(
        raw / "sipd/rfk.xlsx",
        [["PEMERINTAH KOTA BANDUNG"], ["LAPORAN REALISASI FISIK DAN KEUANGAN"], ["TAHUN ANGGARAN 2024"],
         ["SKPD : 2.17.2.07.0.00.01.0000 DINAS KOPERASI DAN UMKM"], ["JENIS DOKUMEN : DPA"], ["KEADAAN S.D. : 30 September 2024"], [],
         ["KODE", "URAIAN", "PAGU (Rp)", "REALISASI KEUANGAN (Rp)", "REALISASI KEUANGAN (%)", "REALISASI FISIK (%)"],
         ["2.17.07", "PROGRAM UMKM", 1000000, 400000, 40, 50],
         ["2.17.07.2.01", "Pemberdayaan Usaha Mikro", 1000000, 400000, 40, 50],
         ["2.17.07.2.01.0001", "Pendataan", "1.000.000", "400.000", "40", "50"],
         [None, "JUMLAH", 1000000, 400000, 40, None]],
    )
    # the OPD's SKPD code picks its lines, however the budget file names the dinas
    catalog = {"kode_wilayah": "32.73", "tahun": 2024, "opd": "Dinas KUMKM Kota Bandung", "kode_skpd": "2.17.2.07.0.00.01.0000", "indikator": [
        {"id": "pertumbuhan_umkm", "jenis": "iku", "indikator": "Pertumbuhan UMKM", "arah": "naik", "target": 5, "rumus": "pertumbuhan", "ukuran": "umkm.jumlah"}]}
    (raw / "perjanjian_kinerja").mkdir(parents=True)
    (raw / "perjanjian_kinerja/32.73_2024.yaml").write_text(yaml.safe_dump(catalog))
    result = runner.invoke(app, ["run", "--raw-dir", str(raw), "--warehouse-dir", str(tmp_path / "wh")])
    assert result.exit_code == 0, result.output
    m = measures(tmp_path / "wh" / "lkjip.duckdb", "32.73", 2024)
    assert m["umkm.jumlah"] == sum(10 * 2024 - 20230 + i for i in range(3))
    assert (m["anggaran.pagu[2.17.07]"], m["anggaran.realisasi"], m["manual.skor"]) == (1000000, 400000, 77.5)
    before = measures(tmp_path / "wh" / "lkjip.duckdb", "32.73", 2023)["umkm.jumlah"]
    with (tmp_path / "wh/exports/32.73/2024/iku_capaian.csv").open() as fh:
        row = next(csv.DictReader(fh))
    assert float(row["realisasi"]) == pytest.approx((m["umkm.jumlah"] - before) / before * 100)


def test_the_run_says_which_next_files_are_overdue(sample_run):
    assert any(line.startswith("51.02: SIPD RFK quarter I 2024 (raw/sipd/), due 10 April 2024, ") for line in sample_run.terlambat)


def test_a_mistyped_as_of_day_is_refused_before_anything_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_HARI_INI", "10-01-2026")
    (tmp_path / "raw").mkdir()
    result = runner.invoke(app, ["run", "--raw-dir", str(tmp_path / "raw"), "--warehouse-dir", str(tmp_path / "wh")])
    assert result.exit_code == 2 and "LKJIP_HARI_INI" in result.output and "10-01-2026" in result.output
    assert not (tmp_path / "wh").exists()


@pytest.mark.parametrize(("option", "value"), [("--region", "99.99"), ("--region", "5102"), ("--region", "abc"), ("--year", "23"), ("--year", "2150")])
def test_a_region_or_year_that_cannot_be_right_is_refused_naming_what_exists(tmp_path: Path, option: str, value: str):
    raw = tmp_path / "raw"
    (raw / "perjanjian_kinerja").mkdir(parents=True)
    (raw / "perjanjian_kinerja/32.73_2024.yaml").write_text(yaml.safe_dump(ONE_INDICATOR))
    result = runner.invoke(app, ["run", "--raw-dir", str(raw), "--warehouse-dir", str(tmp_path / "wh"), option, value])
    assert result.exit_code == 2 and value in result.output and "32.73 (2024)" in result.output
    assert not (tmp_path / "wh").exists()  # refused before anything ran


def test_a_region_that_reports_nothing_says_why_and_fails(tmp_path: Path):
    """51.02 is a region, but raw/ holds no catalog of it: the run builds, reports nothing, and
    says so with a non-zero exit instead of `0 region-years`."""
    raw = tmp_path / "raw"
    (raw / "perjanjian_kinerja").mkdir(parents=True)
    (raw / "perjanjian_kinerja/32.73_2024.yaml").write_text(yaml.safe_dump(ONE_INDICATOR))
    write_csv(raw / "manual/m.csv", ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"], [["32.73", 2024, "manual.skor", "77,5", "nilai", "LHE"]])
    result = runner.invoke(app, ["run", "--raw-dir", str(raw), "--warehouse-dir", str(tmp_path / "wh"), "--region", "51.02"])
    assert result.exit_code == 1 and "51.02" in result.output and "32.73 (2024)" in result.output
    result = runner.invoke(app, ["run", "--raw-dir", str(raw), "--warehouse-dir", str(tmp_path / "wh"), "--region", "32.73"])
    assert result.exit_code == 0, result.output


ONE_INDICATOR = {"kode_wilayah": "32.73", "tahun": 2024, "opd": "Dinas KUMKM Kota Bandung", "indikator": [
    {"id": "skor", "jenis": "iku", "indikator": "Skor", "arah": "naik", "target": 70, "satuan": "nilai", "rumus": "nilai", "ukuran": "manual.skor"}]}


def test_a_second_ui_on_a_port_in_use_says_so_and_starts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import os
    import socket

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    started = []
    monkeypatch.setattr(os, "execve", lambda *a: started.append(a))
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = runner.invoke(app, ["ui", "--port", str(port), "--raw-dir", str(tmp_path), "--warehouse-dir", str(tmp_path / "wh")])
    assert result.exit_code == 1 and str(port) in result.output and not started


@pytest.mark.parametrize(("bahasa", "words"), [("id", ["Menyerap raw/", "misalnya 2023", "Bahasa pesan"]),
                                                ("en", ["Ingest raw/", "e.g. 2023", "Language of messages"])])
def test_help_is_in_the_stewards_language(bahasa: str, words: list[str]):
    import os
    import subprocess
    import sys

    env = {**os.environ, "LKJIP_BAHASA": bahasa, "COLUMNS": "200"}
    shown = subprocess.run([sys.executable, "-c", "from pipelines.cli import main; main()", "run", "--help"], capture_output=True, text=True, env=env,
                           cwd=Path(__file__).parents[1], timeout=120)
    assert shown.returncode == 0 and all(w in shown.stdout for w in words), shown.stdout + shown.stderr
