"""Regions side by side: a run holding two regions' catalogs compares them on what they share."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import SAMPLE_RAW


@pytest.fixture(scope="module")
def two_regions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus a 2023 catalog for Kabupaten Badung (51.03): its BPS figures are in the
    sample's Bali answers; its other data are not, so those indicators stay empty (missing data)."""
    from pipelines import runner

    base = tmp_path_factory.mktemp("dua_wilayah")
    raw = base / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    tabanan = (raw / "perjanjian_kinerja" / "51.02_2023.yaml").read_text(encoding="utf-8")
    badung = tabanan.replace('kode_wilayah: "51.02"', 'kode_wilayah: "51.03"').replace("Kabupaten Tabanan", "Kabupaten Badung")
    (raw / "perjanjian_kinerja" / "51.03_2023.yaml").write_text(badung, encoding="utf-8")
    outcome = runner.run(raw, base / "warehouse")
    assert outcome.ok, outcome.problems
    assert base / "warehouse" / "exports" / "perbandingan_wilayah" / "2023" in outcome.exports
    return base / "warehouse" / "exports" / "perbandingan_wilayah" / "2023"


def test_workbook_compares_measures_and_indicators_with_region_names(two_regions: Path):
    wb = openpyxl.load_workbook(two_regions / "perbandingan_wilayah_2023.xlsx")
    header = [c.value for c in wb["Measures"][3]]
    measures = [dict(zip(header, row)) for row in wb["Measures"].iter_rows(min_row=4, values_only=True)]
    unemployed = {r["kode_wilayah"]: r for r in measures if r["ukuran"] == "bps.pengangguran_terbuka"}
    # the sample's Bali answer: all nine regencies, compared with each other, not with the province
    assert set(unemployed) == {"51.01", "51.02", "51.03", "51.04", "51.05", "51.06", "51.07", "51.08", "51.71"}
    assert unemployed["51.71"]["nama_wilayah"] == "Kota Denpasar"
    assert (unemployed["51.02"]["nama_wilayah"], unemployed["51.02"]["nilai"]) == ("Kabupaten Tabanan", 7514.0)
    # named and counted as the BPS answer says, and of which year
    assert {(r["nama_ukuran"], r["satuan"], r["tahun_data"]) for r in unemployed.values()} == {("Pengangguran Terbuka", "orang", 2023)}
    assert {r["satuan"] for r in measures if r["ukuran"] == "bps.tpt"} == {"persen"}
    assert not [r for r in measures if "[" in r["ukuran"]]  # each figure once
    header = [c.value for c in wb["Indicators"][3]]
    indicators = [dict(zip(header, row)) for row in wb["Indicators"].iter_rows(min_row=4, values_only=True)]
    tpt = {r["kode_wilayah"]: r for r in indicators if r["indicator_id"] == "tpt"}
    assert set(tpt) == {"51.02", "51.03"} and tpt["51.03"]["nama_wilayah"] == "Kabupaten Badung" and tpt["51.02"]["satuan"] == "%"
    # realisasi = pengangguran ÷ angkatan kerja × 100 of 2022 (BPS N−1), from the sample's answers
    assert tpt["51.02"]["realisasi"] == pytest.approx(11000 / 287569 * 100)
    assert tpt["51.03"]["realisasi"] == pytest.approx(18035 / 377292 * 100)


def test_page_is_offline_with_one_chart_per_shared_figure(two_regions: Path):
    html = (two_regions / "perbandingan_wilayah_2023.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert html.count("<svg") >= 4 and "51.03 Kabupaten Badung" in html and "<h3>tpt:" in html


def test_a_page_without_shared_indicators_has_no_empty_heading_and_says_the_data_year():
    import polars as pl

    from pipelines.lib.ekspor.perbandingan_wilayah import INDIKATOR, UKURAN, render_html

    ukuran = pl.DataFrame({"ukuran": ["bps.tpt"] * 2, "nama_ukuran": ["Tingkat Pengangguran Terbuka (TPT)"] * 2, "satuan": ["persen"] * 2,
                           "tahun_data": [2023] * 2, "kode_wilayah": ["51.02", "51.03"], "nama_wilayah": ["Tabanan", "Badung"],
                           "nilai": [2.64, 1.5], "sumber": ["bps/a.json"] * 2}).select(UKURAN)
    indikator = pl.DataFrame(schema={c: pl.Float64 if c in ("target", "realisasi", "capaian") else pl.String for c in INDIKATOR})
    html = render_html(2023, ukuran, indikator)
    assert "<h2>Indicators</h2>" not in html and "<h2>Measures</h2>" in html
    assert "figure for 2023 itself" in html and "TPT of 2022" in html
    assert "<h3>Tingkat Pengangguran Terbuka (TPT) (bps.tpt), persen, data of 2023</h3>" in html and "2,64%" in html


def test_measures_are_named_from_their_sources():
    import polars as pl

    from pipelines.lib.measures.kamus import kamus_ukuran

    bps = pl.DataFrame({"ukuran": ["bps.tpt", "bps.tpt"], "var_id": [31, 31], "var_label": ["Tingkat Pengangguran Terbuka (TPT)"] * 2,
                        "satuan": ["persen"] * 2})
    manual = pl.DataFrame({"ukuran": ["manual.disiplin_asn"], "satuan": ["%"]})
    kamus = {r["ukuran"]: (r["nama_ukuran"], r["satuan"]) for r in kamus_ukuran(bps, manual).iter_rows(named=True)}
    assert kamus["bps.tpt"] == kamus["bps.var31"] == ("Tingkat Pengangguran Terbuka (TPT)", "persen")
    assert kamus["manual.disiplin_asn"] == (None, "%") and kamus["anggaran.pagu"] == ("Pagu", "Rp")
    assert set(kamus_ukuran(None, None).get_column("ukuran")) >= {"koperasi.jumlah", "umkm.jumlah"}  # every source optional
