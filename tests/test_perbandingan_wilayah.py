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
    measures = [row for row in wb["Measures"].iter_rows(min_row=4, values_only=True)]
    unemployed = {r[1]: (r[2], r[3]) for r in measures if r[0] == "bps.pengangguran_terbuka"}
    # the sample's Bali answer: all nine regencies, compared with each other, not with the province
    assert set(unemployed) == {"51.01", "51.02", "51.03", "51.04", "51.05", "51.06", "51.07", "51.08", "51.71"}
    assert unemployed["51.71"][0] == "Kota Denpasar" and unemployed["51.02"] == ("Kabupaten Tabanan", 7514.0)
    assert not [r for r in measures if "[" in r[0]]  # each figure once
    indicators = [row for row in wb["Indicators"].iter_rows(min_row=4, values_only=True)]
    tpt = {r[2]: r for r in indicators if r[0] == "tpt"}
    assert set(tpt) == {"51.02", "51.03"} and tpt["51.03"][3] == "Kabupaten Badung"
    # realisasi = pengangguran ÷ angkatan kerja × 100 of 2022 (BPS N−1), from the sample's answers
    assert tpt["51.02"][5] == pytest.approx(11000 / 287569 * 100) and tpt["51.03"][5] == pytest.approx(18035 / 377292 * 100)


def test_page_is_offline_with_one_chart_per_shared_figure(two_regions: Path):
    html = (two_regions / "perbandingan_wilayah_2023.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert html.count("<svg") >= 4 and "51.03 Kabupaten Badung" in html and "<h3>tpt:" in html


def test_a_page_without_shared_indicators_has_no_empty_heading_and_says_the_data_year():
    import polars as pl

    from pipelines.lib.ekspor.perbandingan_wilayah import INDIKATOR, UKURAN, render_html

    ukuran = pl.DataFrame({"ukuran": ["bps.tpt"] * 2, "kode_wilayah": ["51.02", "51.03"], "nama_wilayah": ["Tabanan", "Badung"],
                           "nilai": [2.64, 1.5], "sumber": ["bps/a.json"] * 2}).select(UKURAN)
    indikator = pl.DataFrame(schema={c: pl.Float64 if c in ("target", "realisasi", "capaian") else pl.String for c in INDIKATOR})
    html = render_html(2023, ukuran, indikator)
    assert "<h2>Indicators</h2>" not in html and "<h2>Measures</h2>" in html
    assert "figure for 2023 itself" in html and "TPT of 2022" in html
