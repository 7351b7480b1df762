"""The reviu on real published reports: one mistake one finding, rounding the data's own
precision explains is no finding, every BAB III table's arithmetic, predikat words of other
scales, and a report read from its own Word file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import docx
import polars as pl
import pytest

from pipelines.lib.kinerja.iku import hitung_masukan, hitung_realisasi, iku_capaian
from pipelines.lib.ketersediaan import SEMUA
from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.published.reader import EXTENSIONS, FOLDER, read_published
from pipelines.lib.reviu import anggaran_rules, kinerja_rules
from schemas.published import AngkaTerbit
from pipelines.lib.validation import validate
from tests.conftest import write_csv
from tests.test_kinerja import ind, katalog, measures

NYATA = Path(__file__).parent / "data" / "lkjip_nyata"
COLUMNS = ["kode_wilayah", "tahun", "tabel", "label", "kunci", "kolom", "nilai_terbit"]


def read(folder: Path) -> pl.DataFrame:
    return validate(AngkaTerbit, read_published(list_sources(folder, FOLDER, EXTENSIONS)), "angka_terbit")


def real(name: str) -> pl.DataFrame:
    folder = Path(tempfile.mkdtemp())
    (folder / FOLDER).mkdir()
    shutil.copy(NYATA / name, folder / FOLDER / name)
    return read(folder)


def cells(rows: list[tuple], tahun: int = 2024, kode_wilayah: str = "32.73") -> pl.DataFrame:
    """(tabel, label, kunci, kolom, printed text) through the real reader."""
    folder = Path(tempfile.mkdtemp())
    write_csv(folder / FOLDER / "p.csv", COLUMNS, [[kode_wilayah, tahun, *r] for r in rows])
    return read(folder)


def review(tmp_path: Path, published: pl.DataFrame, indikator: list[dict], data: list[tuple[int, str, float]], **extra: object) -> pl.DataFrame:
    tahun = published.get_column("tahun").max()
    if not indikator:  # a region whose catalog has none of the printed indicators
        indikator, data = [ind("lain", rumus="nilai", ukuran="manual.lain")], [*data, (tahun, "manual.lain", 1.0)]
    k = katalog(tmp_path, indikator, tahun=tahun, **extra)
    m = measures(data).with_columns(kode_wilayah=pl.lit(extra.get("kode_wilayah", "32.73")))
    masukan = hitung_masukan(k, m, SEMUA)
    found = kinerja_rules.findings(published, k, iku_capaian(hitung_realisasi(k, masukan), k, m), masukan)
    # about the printed cells only (missing data of an indicator without data is not the point here)
    return found.filter(~pl.col("rule").is_in(["missing_data", "capaian_implausible"]))


def test_one_mistake_one_finding(tmp_path: Path):
    """205 lembaga against 70 printed as capaian 292,5 (205 / 70 = 292,86): not what the data give
    and not what its printed inputs give, one cell, one finding naming both rules."""
    lembaga = ind("lembaga", rumus="nilai", ukuran="manual.lembaga", target=70, satuan="lembaga")
    published = cells([("capaian_iku", "3.1", "lembaga", k, v) for k, v in (("target", "70"), ("realisasi", "205"), ("capaian", "292,5"))])
    found = review(tmp_path, published, [lembaga], [(2024, "manual.lembaga", 205.0)])
    assert found.height == 1
    row = found.row(0, named=True)
    assert (row["rule"], row["aturan_lain"], row["severity"], row["kolom"], row["tabel"]) == (
        "published_mismatch", "percent_mismatch", "error", "capaian", "3.1")


def test_a_figure_the_data_give_rounded_carries_its_rounding(tmp_path: Path):
    """A report prints realisasi 0,34 and capaian 63,36 (0,3358 / 0,53); the data hold 0,34 as
    printed. 0,34 stands for 0,335–0,345, so 63,21–65,09 are all explained: no finding. 70 is not."""
    skor = ind("skor", rumus="nilai", ukuran="manual.skor", target=0.53, satuan="indeks")
    right = cells([("capaian_iku", "3.1", "skor", k, v) for k, v in (("target", "0,53"), ("realisasi", "0,34"), ("capaian", "63,36"))])
    assert review(tmp_path, right, [skor], [(2024, "manual.skor", 0.34)]).is_empty()
    wrong = cells([("capaian_iku", "3.1", "skor", k, v) for k, v in (("target", "0,53"), ("realisasi", "0,34"), ("capaian", "70"))])
    assert review(tmp_path, wrong, [skor], [(2024, "manual.skor", 0.34)]).get_column("rule").to_list() == ["published_mismatch"]


def test_real_tanah_datar_2016_the_realisasi_is_the_one_mistake(tmp_path: Path):
    """36.743 / 39.834 = 92,24 printed 92,22; the capaian 101,46 follows from the printed 92,22."""
    apm = ind("apm_sd", indikator="APM SD/MI", rumus="rasio", pembilang="manual.sekolah", penyebut="manual.penduduk", target=90.89)
    found = review(tmp_path, real("tanah_datar_2016.csv"), [apm], [(2016, "manual.sekolah", 36743.0), (2016, "manual.penduduk", 39834.0)],
                   kode_wilayah="13.04")
    assert found.select("rule", "kunci", "kolom", "tabel").rows() == [("published_mismatch", "apm_sd", "realisasi", "3.3.9")]
    assert float(found.row(0, named=True)["expected"]) == pytest.approx(36743 / 39834 * 100)


def test_real_manggarai_timur_2019_lower_is_better(tmp_path: Path):
    """Tabel 3.8: AKABA's 72,52 fits no formula; AKI's 87,10 is the Perjanjian Kinerja's target
    162 per 100.000 (printed 0,16) over realisasi 0,19 (rounded): explained; AKB is right."""
    turun = {"arah": "turun", "rumus_capaian": "rasio_terbalik", "rumus": "nilai"}
    indikator = [
        ind("aki", indikator="Angka Kematian Ibu per 100.000KH", ukuran="manual.aki", target=0.162, **turun),
        ind("akb", indikator="Angka Kematian Bayi per 1.000KH", ukuran="manual.akb", target=9.2, **turun),
        ind("akaba", indikator="Angka Kematian Balita per 1.000KH", ukuran="manual.akaba", target=0.64, **turun),
    ]
    # the measures are known (2018's column) but have no 2019 value here: only the printed arithmetic is checked
    earlier = [(2018, "manual.aki", 0.17), (2018, "manual.akb", 8.10), (2018, "manual.akaba", 0.30)]
    found = review(tmp_path, real("manggarai_timur_2019.csv"), indikator, earlier, kode_wilayah="53.19")
    assert found.select("rule", "kunci", "kolom").rows() == [("percent_mismatch", "akaba", "capaian")]
    # without a catalog the names stay as printed and either direction is allowed: the same one finding
    alone = review(tmp_path, real("manggarai_timur_2019.csv"), [], [], kode_wilayah="53.19")
    assert sorted(alone.select("rule", "kunci").rows()) == [("percent_mismatch", "Angka Kematian Balita per 1.000KH"),
                                                            ("percent_mismatch", "Angka Kematian Ibu per 100.000KH")]


def test_real_lima_puluh_kota_2020_capaian_and_predikat_words(tmp_path: Path):
    """IKM 79,29 against 72,29 printed as capaian 100: a finding, unless the catalog caps capaian
    at 100. 'Sangat Tinggi' is Permendagri 86/2017's word for ≥ 91: no predikat finding."""
    found = review(tmp_path, real("lima_puluh_kota_2020.csv"), [], [], kode_wilayah="13.07")
    assert found.select("rule", "kolom").rows() == [("percent_mismatch", "capaian")]
    assert "Indeks Kepuasan" in found.row(0, named=True)["kunci"]
    ikm = ind("ikm", indikator="Indeks Kepuasan Masyarakat untuk Layanan Dinas Perpustakaan dan Kearsipan", rumus="nilai",
              ukuran="manual.ikm", target=72.29, capaian_maks=100)
    capped = review(tmp_path, real("lima_puluh_kota_2020.csv"), [ikm], [(2020, "manual.ikm", 79.29)], kode_wilayah="13.07")
    assert capped.is_empty()


def test_predikat_words_of_other_scales(tmp_path: Path):
    """Words of a known scale are checked on it; words of no scale are said once per report; the
    report's own printed scale wins for its words."""
    rows = [("capaian_iku", "3.1", "a", "capaian", "80"), ("capaian_iku", "3.1", "a", "predikat", "Sangat Tinggi"),
            ("capaian_iku", "3.1", "b", "capaian", "95"), ("capaian_iku", "3.1", "b", "predikat", "Memuaskan"),
            ("capaian_iku", "3.1", "c", "capaian", "60"), ("capaian_iku", "3.1", "c", "predikat", "Memuaskan")]
    found = review(tmp_path, cells(rows), [], [])
    got = {r["rule"]: r for r in found.iter_rows(named=True)}
    assert sorted(got) == ["predikat_mismatch", "predikat_scale_unknown"] and found.height == 2
    assert got["predikat_mismatch"]["expected"] == "Tinggi" and "86/2017" in got["predikat_mismatch"]["message"]
    assert got["predikat_scale_unknown"]["kunci"] == "'Memuaskan'"
    own = [("skala_predikat", "2.2", w, "batas_bawah", b) for w, b in (("Memuaskan", "90"), ("Kurang", "0"))]
    found = review(tmp_path, cells(rows + own), [], [])
    assert found.select("rule", "kunci", "expected").sort("kunci").rows() == [("predikat_mismatch", "a", "Tinggi"), ("predikat_mismatch", "c", "Kurang")]


def test_comparison_tables_are_checked(tmp_path: Path):
    """2 kawasan against a national 92 printed as 1,1 % (2 / 92 = 2,17 %); the Renstra's end target."""
    rows = [
        ("perbandingan_nasional", "3.5", "kawasan", "realisasi", "2"), ("perbandingan_nasional", "3.5", "kawasan", "nasional", "92"),
        ("perbandingan_nasional", "3.5", "kawasan", "persen_nasional", "1,1%"),
        ("perbandingan_renstra", "3.4", "kawasan", "realisasi", "60"), ("perbandingan_renstra", "3.4", "kawasan", "target_akhir", "80"),
        ("perbandingan_renstra", "3.4", "kawasan", "capaian_akhir", "75%"),
        ("capaian_kegiatan", "3.9", "Jumlah pelatihan", "target", "10"), ("capaian_kegiatan", "3.9", "Jumlah pelatihan", "realisasi", "8"),
        ("capaian_kegiatan", "3.9", "Jumlah pelatihan", "capaian", "90%"),
    ]
    found = review(tmp_path, cells(rows), [], [])
    assert found.select("rule", "tabel", "kolom").sort("tabel").rows() == [
        ("percent_mismatch", "3.5", "persen_nasional"), ("percent_mismatch", "3.9", "capaian")]
    assert "2,17" in found.filter(tabel="3.5").row(0, named=True)["message"]


def test_monthly_budget_columns_add_up(tmp_path: Path):
    months = [("realisasi_bulan_1", "100"), ("realisasi_bulan_2", "200"), ("realisasi_bulan_3", "300")]
    rows = [("realisasi_anggaran", "3.10", "2.07.03.2.01.0001", k, v) for k, v in (("pagu", "1.000"), ("realisasi_keuangan", "600"), *months)]
    rows += [("realisasi_anggaran", "3.10", "2.07.03.2.01.0002", k, v) for k, v in (("pagu", "1.000"), ("realisasi_keuangan", "500"), *months)]
    # printed cumulatively (up to each month): the last month is the total
    rows += [("realisasi_anggaran", "3.10", "2.07.03.2.01.0003", k, v) for k, v in (("pagu", "1.000"), ("realisasi_keuangan", "300"),
             ("realisasi_bulan_1", "100"), ("realisasi_bulan_2", "250"), ("realisasi_bulan_3", "300"))]
    found = anggaran_rules.published_months(cells(rows))
    assert [(f["kunci"], f["expected"], f["actual"]) for f in found] == [("2.07.03.2.01.0002", "600", "500")]


def test_unknown_table_kind_is_one_readable_problem(tmp_path: Path):
    with pytest.raises(ContractError) as err:
        cells([("capaian_bulanan", "3.1", "a", "capaian", "80")])
    assert "'capaian_bulanan'" in str(err.value) and "capaian_iku" in str(err.value)


def word_report(path: Path) -> None:
    """A report as stewards have it: captions, merged group headers, a column-number row, an
    average row, a budget table with codes and JUMLAH."""
    document = docx.Document()
    document.add_paragraph("BAB III AKUNTABILITAS KINERJA")
    document.add_paragraph("Tabel 2.1 Pengukuran Kinerja Tahun 2024")
    table = document.add_table(rows=6, cols=6)
    header = ["No", "Indikator Kinerja", "Tahun 2024", "", "", "Predikat"]
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    table.cell(0, 2).merge(table.cell(0, 4))
    for c, text in enumerate(["", "", "Target", "Realisasi", "Capaian (%)", ""]):
        table.cell(1, c).text = text
    table.cell(0, 0).merge(table.cell(1, 0))
    for c, text in enumerate(["1", "2", "3", "4", "5", "6"]):
        table.cell(2, c).text = text
    for r, row in enumerate([["1", "Lembaga dibina", "70", "205", "292,5", "Sangat Berhasil"],
                              ["2", "Persentase TPT", "3,9%", "3,83%", "102%", "Sangat Berhasil"],
                              ["", "Rata-rata", "", "", "197", ""]], start=3):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("Realisasi anggaran dapat dilihat pada tabel berikut.")
    document.add_paragraph("Tabel 2.2 Realisasi Anggaran")
    budget = document.add_table(rows=4, cols=5)
    for r, row in enumerate([["Kode", "Program/Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"],
                              ["2.07.03", "PROGRAM PENGAWASAN", "416.200.000", "332.224.170", "79,82"],
                              ["2.07.03.2.01.0001", "Pemeriksaan", "416.200.000", "332.224.170", "80"],
                              ["", "JUMLAH", "416.200.000", "332.224.170", "79,82"]]):
        for c, text in enumerate(row):
            budget.cell(r, c).text = text
    document.save(str(path))


def test_a_word_report_is_reviewed_without_transcription(tmp_path: Path):
    raw = tmp_path / "raw"
    (raw / FOLDER).mkdir(parents=True)
    word_report(raw / FOLDER / "lkjip_32.73_2024.docx")
    published = read(raw)
    got = {(r["tabel"], r["label"], r["kunci"], r["kolom"]): r["nilai_terbit"] for r in published.iter_rows(named=True)}
    assert got[("capaian_iku", "2.1", "Lembaga dibina", "capaian")] == "292,5"
    assert got[("capaian_iku", "2.1", "Persentase TPT", "target")] == "3,9%"
    assert got[("realisasi_anggaran", "2.2", "2.07.03.2.01.0001", "persen_keuangan")] == "80"
    assert got[("realisasi_anggaran", "2.2", "JUMLAH", "pagu")] == "416.200.000"
    assert not any(k[2].startswith("Rata") for k in got)
    assert published.filter(kolom="realisasi_keuangan", kunci="JUMLAH").get_column("nilai").item() == 332224170
    lembaga = ind("lembaga", indikator="Lembaga dibina", rumus="nilai", ukuran="manual.lembaga", target=70, satuan="lembaga")
    found = review(tmp_path, published, [lembaga], [(2024, "manual.lembaga", 205.0)])
    assert found.select("rule", "tabel", "kunci", "kolom").rows() == [("published_mismatch", "2.1", "lembaga", "capaian")]
    sub = anggaran_rules.published_percentages(published)
    assert [(f["tabel"], f["kunci"]) for f in sub] == []  # 332.224.170 / 416.200.000 = 79,82 %: 80 is its rounding


def test_a_word_file_without_region_and_year_or_broken_is_named(tmp_path: Path):
    raw = tmp_path / "raw"
    (raw / FOLDER).mkdir(parents=True)
    word_report(raw / FOLDER / "laporan.docx")
    (raw / FOLDER / "lkjip_32.73_2024.docx").write_bytes(b"not a zip")
    with pytest.raises(ContractError) as err:
        read(raw)
    text = str(err.value)
    assert "published/laporan.docx" in text and "lkjip_51.02_2023.docx" in text and "published/lkjip_32.73_2024.docx" in text
