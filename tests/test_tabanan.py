"""The shipped Tabanan sample reproduces the LKjIP 2023 tables — recomputed where the report is wrong."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.ekspor.files import COLUMNS


def rows(database: Path, table: str, tahun: int) -> dict[str, dict]:
    with duckdb.connect(str(database), read_only=True) as conn:
        frame = conn.execute(f"select * from {table} where kode_wilayah = '51.02' and tahun = ?", [tahun]).pl()
    return {r["indicator_id"]: r for r in frame.iter_rows(named=True)}


# Tabanan 2023 recomputed from the sample (the published LKjIP's Tabel 3.1, TPT scored as turun):
# id -> (target, realisasi, capaian, predikat)
EXPECTED_2023 = {
    "reformasi_birokrasi": (94, 94.19, 100.2, "Sangat Berhasil"),
    "akuntabilitas_kinerja": (81.02, 67.10, 82.8, "Berhasil"),
    "pertumbuhan_koperasi": (3, 1.0327, 34.4, "Tidak Berhasil"),
    "pertumbuhan_umkm": (3, 3.9634, 132.1, "Sangat Berhasil"),
    "koperasi_sehat": (15, 277.78, 1851.9, "Sangat Berhasil"),
    "tpt": (3.9, 3.8252, 101.9, "Sangat Berhasil"),
    "tenaga_kerja_terampil": (2, 2.1818, 109.1, "Sangat Berhasil"),
    "perluasan_kesempatan_kerja": (7.5, 4.8545, 64.7, "Cukup Berhasil"),
}


@pytest.mark.parametrize("indicator", sorted(EXPECTED_2023))
def test_tabel_3_1_2023(sample_run, indicator: str):
    row = rows(sample_run.database, "kinerja.iku_capaian", 2023)[indicator]
    target, realisasi, capaian, predikat = EXPECTED_2023[indicator]
    assert row["target"] == target
    assert row["realisasi"] == pytest.approx(realisasi, abs=5e-3)
    assert row["capaian"] == pytest.approx(capaian, abs=0.05)
    assert row["predikat"] == predikat


def test_tpt_2023_is_scored_lower_is_better_not_the_reports_98(sample_run):
    row = rows(sample_run.database, "kinerja.iku_capaian", 2023)["tpt"]
    assert row["capaian"] == pytest.approx((2 * 3.9 - 11000 / 287569 * 100) / 3.9 * 100)
    assert round(row["capaian"]) != 98


def test_koperasi_berkualitas_growth_from_zero_stays_empty_not_the_reports_3(sample_run):
    row = rows(sample_run.database, "kinerja.iku_capaian", 2023)["koperasi_berkualitas"]
    assert (row["realisasi"], row["capaian"], row["predikat"]) == (None, None, None)
    assert "growth from zero" in row["keterangan"]


def test_tabel_3_6_program_rows_carry_their_budget(sample_run):
    got = rows(sample_run.database, "kinerja.iku_capaian", 2023)
    assert got["program_pelatihan_kerja"]["realisasi"] == pytest.approx(25.53, abs=5e-3)
    assert got["program_penempatan_tenaga_kerja"]["realisasi"] == pytest.approx(62.34, abs=5e-3)
    penunjang = got["program_penunjang"]
    assert penunjang["realisasi"] == pytest.approx(89.41, abs=5e-3)
    assert (penunjang["pagu"], penunjang["realisasi_anggaran"]) == (8294394608, 7416394916)
    assert {r["jenis"] for r in got.values()} == {"iku", "tambahan", "program"}


# Tabel 3.3, 2022 column where the report is self-consistent: id -> (target, realisasi, capaian)
EXPECTED_2022 = {
    "reformasi_birokrasi": (92, 92.04, 100.04),
    "akuntabilitas_kinerja": (77, 68.10, 88.44),
    "pertumbuhan_koperasi": (2, 1.39, 69.5),
    "pertumbuhan_umkm": (3, 7.0, 233.3),
    "tpt": (4.0, 3.94, 101.5),
    "tenaga_kerja_terampil": (2.0, 0.91, 45.5),
    "perluasan_kesempatan_kerja": (7.1, 12.02, 169.29),
}


@pytest.mark.parametrize("indicator", sorted(EXPECTED_2022))
def test_tabel_3_3_2022_column(sample_run, indicator: str):
    row = rows(sample_run.database, "kinerja.iku_perbandingan", 2023)[indicator]
    target, realisasi, capaian = EXPECTED_2022[indicator]
    assert row["tahun_lalu"] == 2022 and row["target_lalu"] == target
    assert row["realisasi_lalu"] == pytest.approx(realisasi, abs=5e-3)
    assert row["capaian_lalu"] == pytest.approx(capaian, abs=0.1)  # the report divides rounded realisasi


def test_koperasi_sehat_2022_recomputed_50_not_the_printed_40(sample_run):
    """No whole count of healthy cooperatives grows from 9 by 40%; the data gives 6 → 9."""
    row = rows(sample_run.database, "kinerja.iku_perbandingan", 2023)["koperasi_sehat"]
    assert row["realisasi_lalu"] == pytest.approx(50.0)


def test_csv_exports_have_the_contract_columns(sample_run):
    folder = sample_run.database.parent / "exports" / "51.02" / "2023"
    for name, columns in COLUMNS.items():
        with (folder / name).open(newline="") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == columns
            records = list(reader)
        assert records
    capaian = {r["indicator_id"]: r for r in csv.DictReader((folder / "iku_capaian.csv").open())}
    assert capaian["koperasi_berkualitas"]["capaian"] == ""  # undefined: empty, not 0
    assert float(capaian["tpt"]["capaian"]) == pytest.approx(101.9187, abs=1e-4)  # unrounded
