"""`lkjip trace` and the jejak metadata: a steward reaches the raw files behind a number."""

from __future__ import annotations

import gettext
import hashlib
import re

import dagster as dg
import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.defs.reviu.assets import report_cells
from pipelines.lib.ketersediaan import SEMUA
from pipelines.lib.kinerja import jejak
from pipelines.lib.kinerja.iku import hitung_masukan, hitung_realisasi, iku_capaian
from pipelines.lib.reviu import kinerja_rules
from schemas import pesan
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
    # the catalog reads BPS a year back, at the annual figure BPS filled
    assert "bps.pengangguran_terbuka 2022 = 11.000 (BPS, N−1) periode Tahunan" in out
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


class _Reworded(gettext.NullTranslations):
    """Another wording of every sentence (placeholders kept), as a new catalogue or language would give."""

    def gettext(self, message: str) -> str:
        return f"≠ {message} ≠"


def _numbers(db) -> dict[str, pl.DataFrame]:
    """Realisasi's inputs, realisasi, the reviu's findings for 2023 and trace's chain, recomputed
    from the sample warehouse's catalog, measures and published tables."""
    with duckdb.connect(str(db), read_only=True) as conn:
        katalog = conn.execute("SELECT * FROM staged.perjanjian_kinerja WHERE tahun IN (2022, 2023)").pl()
        measures = conn.execute("SELECT * FROM staged.measures").pl()
        published = conn.execute("SELECT * FROM staged.angka_terbit").pl()
        masukan = hitung_masukan(katalog, measures, SEMUA)
        realisasi = hitung_realisasi(katalog, masukan)
        found = kinerja_rules.findings(report_cells(published, 2023), katalog, iku_capaian(realisasi, katalog, measures),
                                       masukan.filter(tahun=2023))
        chain = jejak.chain(conn, masukan.filter(tahun=2023), {})
    return {"masukan": masukan, "realisasi": realisasi, "findings": found, "chain": chain}


def test_every_sentence_reworded_the_numbers_stay(sample_run, monkeypatch: pytest.MonkeyPatch):
    """Provenance is data: realisasi, trace's chain and the reviu read the inputs' columns, never a
    sentence back, so rewording every message changes the text columns and nothing else."""
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    before = _numbers(sample_run.database)
    monkeypatch.setattr(pesan, "catalogue", lambda language: _Reworded())
    after = _numbers(sample_run.database)
    text = {"masukan": ["keterangan"], "realisasi": ["keterangan"], "findings": ["message"], "chain": []}
    for name, columns in text.items():
        assert not before[name].is_empty(), name
        assert before[name].drop(columns).equals(after[name].drop(columns)), name
    for name, column in (("realisasi", "keterangan"), ("findings", "message")):  # the sentences did change
        said = before[name].get_column(column).drop_nulls()
        assert not said.is_empty() and not said.is_in(after[name].get_column(column).implode()).any(), name
    assert set(before["findings"].get_column("rule")) >= {"published_mismatch", "zero_base_growth"}
    assert before["chain"].filter(pl.col("berkas").is_not_null()).height > 10
