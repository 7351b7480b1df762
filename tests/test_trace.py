"""`lkjip trace` and the jejak metadata: a steward reaches the raw files behind a number."""

from __future__ import annotations

import hashlib
import re

import dagster as dg
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import SAMPLE_RAW


def sha(name: str) -> str:
    return hashlib.sha256((SAMPLE_RAW / name).read_bytes()).hexdigest()


@pytest.fixture
def traced(sample_run, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")

    def run(indicator: str) -> str:
        result = CliRunner().invoke(
            app, ["trace", indicator, "--region", "51.02", "--year", "2023", "--warehouse-dir", str(sample_run.database.parent)]
        )
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_tpt_leads_to_the_bps_answers_with_their_sha256(traced):
    out = traced("tpt")
    assert "Kabupaten Tabanan (51.02), tahun 2023, indikator tpt" in out
    assert "realisasi ← rumus rasio: bps.pengangguran_terbuka ÷ bps.angkatan_kerja" in out
    # one number format: two decimals, a percent indicator's % glued to its number, as in every export
    assert re.search(r"capaian \d+,\d{2}% \(\w[\w ]*\) ← target \d+,\d{2}% dan realisasi \d+,\d{2}% \(arah", out), out
    assert "bps.pengangguran_terbuka 2022 = 11.000 (BPS, N−1)" in out  # the catalog reads BPS a year back
    assert f"← bps/pengangguran_terbuka.json (sha256 {sha('bps/pengangguran_terbuka.json')}) datacontent 510254301220 (1 nilai)" in out
    assert f"← bps/angkatan_kerja.json (sha256 {sha('bps/angkatan_kerja.json')})" in out


def test_pertumbuhan_umkm_leads_to_both_years_workbooks_and_rows(traced):
    out = traced("pertumbuhan_umkm")
    for year in (2022, 2023):
        name = f"umkm_desa/umkm_desa_tabanan_{year}.xlsx"
        assert f"← {name} (sha256 {sha(name)}) lembar UMKM {year}, baris 5–768 (764 baris)" in out


def test_an_unknown_indicator_names_the_known_ones(sample_run, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    result = CliRunner().invoke(app, ["trace", "tidak_ada", "--region", "51.02", "--year", "2023", "--warehouse-dir", str(sample_run.database.parent)])
    assert result.exit_code == 1 and "tidak ada di gudang data" in result.output and "pertumbuhan_umkm" in result.output


def test_the_asset_page_carries_the_same_chain(sample_run):
    with dg.DagsterInstance.get() as instance:  # the sample run's own: other tests share the instance
        found = instance.fetch_materializations(dg.AssetKey(["kinerja", "iku_capaian"]), limit=100).records
    event = next(r for r in found if r.run_id in sample_run.run_ids)
    records = [r.data for r in event.asset_materialization.metadata["jejak/tpt"].value.records]
    row = next(r for r in records if r["tahun"] == 2023 and r["ukuran"] == "bps.pengangguran_terbuka")
    assert (row["wilayah"], row["tahun_data"], row["nilai"], row["berkas"], row["sha256"]) == (
        "51.02 Kabupaten Tabanan", 2022, 11000.0, "bps/pengangguran_terbuka.json", sha("bps/pengangguran_terbuka.json"))
