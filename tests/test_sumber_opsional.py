"""Every source optional, every year: a raw folder with only some sources, or an older report,
runs to the end and says what it could not build (issue: partial raw folders and older reports)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from pipelines import runner
from tests.conftest import REPO
from tests.test_sipd import title, write_rfk

BPS_NATIONAL = REPO / "tests/data/bps/tpt_provinsi_var543_eng.json"  # a real answer, 1986–2024 (see its README)


@pytest.fixture
def own_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Dagster instance of the test's own: the session's keeps the shipped sample's latest raw
    materialisations, which other tests trace back to."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return {r.get("indicator_id") or r["kunci"]: r for r in csv.DictReader(fh)}


def test_without_budget_manual_and_registry_files_every_other_table_is_built_and_says_why(
    sample_run, raw_copy: Path, tmp_path: Path, own_instance: Path
):
    """The sample's warehouse, then a run without raw/sipd, raw/manual and raw/ods_koperasi: the
    budget tables and manual measures it held are stale and never read again."""
    warehouse = tmp_path / "warehouse"
    shutil.copytree(sample_run.database.parent, warehouse)
    for folder in ("sipd", "manual", "ods_koperasi"):
        shutil.rmtree(raw_copy / folder)

    outcome = runner.run(raw_copy, warehouse)
    assert outcome.ok, outcome.problems
    assert outcome.tanpa_data == ["ods_koperasi", "koperasi_penilaian", "sipd", "manual"]
    assert not any(s.startswith("anggaran_triwulan") for s in outcome.steps)

    folder = warehouse / "exports/51.02/2023"
    assert not (folder / "budget_realization.csv").exists()  # not built, and the stale table is not exported
    capaian = rows(folder / "iku_capaian.csv")
    assert capaian["tpt"]["realisasi"] and capaian["pertumbuhan_umkm"]["realisasi"]  # BPS and UMKM still count
    assert capaian["reformasi_birokrasi"]["realisasi"] == ""
    assert "no data in raw/manual/" in capaian["reformasi_birokrasi"]["keterangan"]
    assert "no data in raw/ods_koperasi/" in capaian["koperasi_sehat"]["keterangan"]  # assessments need the registry
    findings = list(csv.DictReader((folder / "findings.csv").open(encoding="utf-8")))
    about = {(f["rule"], f["kunci"]) for f in findings}
    assert ("missing_data", "reformasi_birokrasi") in about and ("published_mismatch", "reformasi_birokrasi") not in about
    assert ("subtotal_mismatch", "JUMLAH") in about  # the published Tabel 3.7's own arithmetic is still checked
    html = (folder / "lkjip_51.02_2023.html").read_text(encoding="utf-8")
    assert "Table 3.7 is not built: no data in raw/sipd/" in html
    assert "not run: SIPD exports" in html

    with duckdb.connect(str(warehouse / "lkjip.duckdb"), read_only=True) as conn:
        manual = conn.execute("SELECT count(*) FROM staged.measures WHERE tahun = 2023 AND ukuran LIKE 'manual.%'").fetchone()
        not_run = dict(conn.execute(
            "SELECT pemeriksaan, alasan FROM reviu.cakupan WHERE kode_wilayah = '51.02' AND tahun = 2023 AND NOT dijalankan"
        ).fetchall())
    assert manual == (0,)  # staged.manual_ukuran still holds the old rows; they are not read
    assert set(not_run) == {"sipd", "terbit_sipd", "penilaian"}
    assert not_run["penilaian"] == "no data in raw/ods_koperasi/ (no file, or only empty files)"

    # In the UI: the raw assets say what they leave out; the empty sources' slices were not built.
    instance = dg.DagsterInstance.get()
    sipd = instance.get_latest_materialization_event(dg.AssetKey(["raw", "sipd_rfk"])).asset_materialization
    assert "Tabel 3.7" in sipd.metadata["tanpa_data"].value
    penilaian = instance.get_latest_materialization_event(dg.AssetKey(["raw", "koperasi_penilaian"])).asset_materialization
    assert penilaian.metadata["tanpa_data"].value.startswith("no data in raw/ods_koperasi/")
    assert instance.get_latest_materialization_event(dg.AssetKey(["staged", "manual_ukuran"])) is None
    assert instance.get_latest_materialization_event(dg.AssetKey(["staged", "umkm_desa"])) is not None


def bali_2016(raw: Path, tahun: int) -> None:
    """A province's 2016-style catalog reading the real national BPS answer (Bali is BPS 5100)."""
    katalog = {
        "kode_wilayah": "51", "tahun": tahun, "opd": "Dinas Tenaga Kerja dan ESDM Provinsi Bali",
        "indikator": [{"id": "tpt", "jenis": "iku", "indikator": "Tingkat pengangguran terbuka", "satuan": "%",
                       "arah": "turun", "target": 2.0, "rumus": "nilai", "ukuran": "bps.tpt"}],
    }
    path = raw / "perjanjian_kinerja" / f"51_{tahun}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(katalog), encoding="utf-8")


def test_a_2016_report_is_built_and_a_report_before_the_partitions_names_the_setting(tmp_path: Path, own_instance: Path):
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    (raw / "bps").mkdir(parents=True)
    shutil.copy(BPS_NATIONAL, raw / "bps" / "tpt_provinsi.json")
    bali_2016(raw, 2016)
    # its budget as the 2016 RFK printed it: Permendagri 13/2006 codes (tests/test_anggaran_13_2006.py)
    budget_title = title(region="PEMERINTAH PROVINSI BALI", tahun="TAHUN ANGGARAN 2016", jenis="DPA", keadaan="31 Desember 2016")
    budget_title[3] = "SKPD : 1.14.01 Dinas Tenaga Kerja dan ESDM Provinsi Bali"
    write_rfk(raw / "sipd" / "rfk_2016.xlsx", [
        ("1.14 . 1.14.01 . 15", "Program Peningkatan Kualitas dan Produktivitas Tenaga Kerja", 300, 250, 83.33, None),
        ("1.14 . 1.14.01 . 15 . 01", "Pelatihan keterampilan bagi pencari kerja", 300, 250, 83.33, 100),
        (None, "JUMLAH", 300, 250, 83.33, None),
    ], budget_title)

    outcome = runner.run(raw, warehouse)
    assert outcome.ok, outcome.problems
    assert ("51", 2016) in outcome.partitions
    # BPS' August 2016 figure for Bali (the answer has no yearly one), checked by hand in the file
    tpt = rows(warehouse / "exports/51/2016/iku_capaian.csv")["tpt"]
    assert (float(tpt["realisasi"]), tpt["predikat"]) == (1.89, "Sangat Berhasil")
    with (warehouse / "exports/51/2016/budget_realization.csv").open(encoding="utf-8") as fh:
        tabel_3_7 = {(r["level"], r["kode"]): r for r in csv.DictReader(fh)}
    assert set(tabel_3_7) == {("program", "1.14.1.14.01.15"), ("kegiatan", "1.14.1.14.01.15.01"), ("total", "")}
    assert (tabel_3_7[("program", "1.14.1.14.01.15")]["pagu"], tabel_3_7[("total", "")]["realisasi"]) == ("300", "250")
    assert 1986 in outcome.outside.data and 2013 not in outcome.outside.data  # data no report reads: a note, no error

    bali_2016(raw, 2011)  # LKjIPs began in 2015; the default partitions start in 2013
    failed = runner.run(raw, warehouse)
    assert not failed.ok
    assert "2011" in failed.problems[0] and "LKJIP_TAHUN_AWAL to 2009" in failed.problems[0]
    assert (warehouse / "exports/51/2016/iku_capaian.csv").is_file()  # the last good exports stay
