"""The automatic reviu: each rule finds its planted mistake; correct rounding raises nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.lib.anggaran.keuangan import realisasi_anggaran
from pipelines.lib.provenance import list_sources
from pipelines.lib.ketersediaan import SEMUA
from pipelines.lib.kinerja.iku import hitung_masukan, hitung_realisasi, iku_capaian
from pipelines.lib.reviu import anggaran_rules, data_rules, kinerja_rules
from pipelines.lib.sipd.split import printed_subtotals, sub_kegiatan
from pipelines.lib.published.reader import read_published
from tests.conftest import write_csv
from tests.test_kinerja import ind, katalog, measures
from tests.test_sipd import read as read_sipd
from tests.test_sipd import write_rfk


def published(cells: list[tuple[str, str, str, str]], tahun: int = 2024) -> pl.DataFrame:
    """(tabel, kunci, kolom, printed text) → the staged angka_terbit shape, via the real reader."""
    folder = Path(tempfile.mkdtemp())
    write_csv(folder / "published/p.csv", ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"],
              [["32.73", tahun, *c] for c in cells])
    return read_published(list_sources(folder, "published", (".csv",)))


def review(tmp_path: Path, indikator: list[dict], rows: list[tuple[int, str, float]], cells: list[tuple[str, str, str, str]],
           **extra: object) -> pl.DataFrame:
    k = katalog(tmp_path, indikator, **extra)
    m = measures(rows)
    masukan = hitung_masukan(k, m, SEMUA)
    return kinerja_rules.findings(published(cells), k, iku_capaian(hitung_realisasi(k, masukan), k, m), masukan)


TPT = ind("tpt", rumus="rasio", pembilang="bps.pengangguran_terbuka", penyebut="bps.angkatan_kerja", arah="turun", target=3.9)
TPT_DATA = [(2024, "bps.pengangguran_terbuka", 11000.0), (2024, "bps.angkatan_kerja", 287569.0)]


def rules(found: pl.DataFrame) -> list[str]:
    return sorted(found.get_column("rule").to_list())


def test_correctly_rounded_tpt_raises_nothing(tmp_path: Path):
    found = review(tmp_path, [TPT], TPT_DATA, [("3.1", "tpt", "target", "3,9%"), ("3.1", "tpt", "realisasi", "3,83%"),
                                                ("3.1", "tpt", "capaian", "102%"), ("3.1", "tpt", "predikat", "Sangat Berhasil")])
    assert found.is_empty()


def test_capaian_scored_in_the_wrong_direction(tmp_path: Path):
    found = review(tmp_path, [TPT], TPT_DATA, [("3.1", "tpt", "target", "3,9%"), ("3.1", "tpt", "realisasi", "3,83%"), ("3.1", "tpt", "capaian", "98%")])
    assert rules(found) == ["capaian_direction"]
    row = found.row(0, named=True)
    assert (row["kunci"], row["actual"], row["severity"]) == ("tpt", "98", "error")
    assert "'naik' formula" in row["message"]


def test_published_value_the_data_do_not_give(tmp_path: Path):
    found = review(tmp_path, [TPT], TPT_DATA, [("3.1", "tpt", "realisasi", "3,38%")])
    assert rules(found) == ["published_mismatch"]
    assert float(found.row(0, named=True)["expected"]) == pytest.approx(11000 / 287569 * 100)


def test_a_figure_printed_where_the_data_are_missing_is_not_checked_but_said_missing(tmp_path: Path):
    """Without BPS data the printed TPT cannot be checked: one missing_data warning, no mismatch
    (a number printed where the value is undefined by arithmetic still is one: test_growth_from_zero)."""
    cells = [("3.1", "tpt", "target", "3,9%"), ("3.1", "tpt", "realisasi", "3,83%"), ("3.1", "tpt", "capaian", "101,79%")]
    assert rules(review(tmp_path, [TPT], [], cells)) == ["missing_data"]


def test_capaian_from_a_rounded_realisasi_is_no_mistake(tmp_path: Path):
    """12,02% of target 7,1 printed as 169,29 (from the rounded realisasi; the data give 169,35)."""
    perluasan = ind("p", rumus="rasio", pembilang="manual.a", penyebut="manual.b", target=7.1)
    found = review(tmp_path, [perluasan], [(2024, "manual.a", 1345.0), (2024, "manual.b", 11186.0)],
                   [("3.3", "p", "target", "7,1%"), ("3.3", "p", "realisasi", "12,02%"), ("3.3", "p", "capaian", "169,29")])
    assert found.is_empty()


def test_a_count_hides_no_rounding(tmp_path: Path):
    """A real report's line: 205 lembaga against a target of 70 printed as capaian 292,5, though
    205 / 70 × 100 = 292,86. A count hides no rounding, so the ±0,5 of a measurement is not
    allowed; the same printing for a rounded percentage is still accepted."""
    lembaga = ind("lembaga", rumus="nilai", ukuran="manual.lembaga", target=70, satuan="lembaga")
    cells = [("3.1", "lembaga", "target", "70"), ("3.1", "lembaga", "realisasi", "205"), ("3.1", "lembaga", "capaian", "292,5")]
    found = review(tmp_path, [lembaga], [(2024, "manual.lembaga", 205.0)], cells)
    # (292,86% is also above the plausible 200%); the printed capaian is not what the data give nor what
    # its printed inputs give: one cell, one finding naming both rules
    assert rules(found) == ["capaian_implausible", "published_mismatch"]
    row = found.filter(pl.col("rule") == "published_mismatch").row(0, named=True)
    assert float(row["expected"]) == pytest.approx(205 / 70 * 100) and row["aturan_lain"] == "percent_mismatch"
    arithmetic = kinerja_rules.direction_and_percent(kinerja_rules.with_arithmetic(
        kinerja_rules.printed_indicators(published(cells), katalog(tmp_path, [lembaga])), pl.DataFrame(schema={
            "kode_wilayah": pl.String, "tahun": pl.Int64, "indicator_id": pl.String, "realisasi": pl.Float64, "capaian": pl.Float64})))
    assert "taken as exact" in arithmetic[0]["message"]
    # the same numbers for a measurement printed rounded (204,7 %): 292,5 is what its rounding allows
    persen = ind("persen", rumus="nilai", ukuran="manual.persen", target=70, satuan="%")
    cells = [("3.1", "persen", "target", "70%"), ("3.1", "persen", "realisasi", "205%"), ("3.1", "persen", "capaian", "292,5")]
    assert review(tmp_path, [persen], [(2024, "manual.persen", 204.7)], cells).filter(pl.col("rule") == "percent_mismatch").is_empty()


def test_capaian_no_formula_explains(tmp_path: Path):
    found = review(tmp_path, [TPT], TPT_DATA, [("3.1", "tpt", "target", "3,9%"), ("3.1", "tpt", "realisasi", "3,83%"), ("3.1", "tpt", "capaian", "120%")])
    assert rules(found) == ["published_mismatch"] and found.row(0, named=True)["aturan_lain"] == "percent_mismatch"


def test_target_differs_from_the_catalog(tmp_path: Path):
    found = review(tmp_path, [TPT], TPT_DATA, [("3.4", "tpt", "target", "4,1%")])
    assert rules(found) == ["target_mismatch"] and found.row(0, named=True)["expected"] == "3.9"


def test_predikat_against_the_scale_with_boundary_rounding(tmp_path: Path):
    skor = ind("skor", rumus="nilai", ukuran="manual.skor", target=100, satuan="nilai")
    wrong = review(tmp_path, [skor], [(2024, "manual.skor", 80.0)], [("3.1", "skor", "capaian", "80%"), ("3.1", "skor", "predikat", "Sangat Berhasil")])
    assert rules(wrong) == ["predikat_mismatch"] and wrong.row(0, named=True)["expected"] == "Berhasil"
    # 85,4 printed as 85%: either side of the 85 boundary is accepted
    edge = review(tmp_path, [skor], [(2024, "manual.skor", 85.4)], [("3.1", "skor", "capaian", "85%"), ("3.1", "skor", "predikat", "Sangat Berhasil")])
    assert edge.is_empty()


def test_growth_from_zero(tmp_path: Path):
    tumbuh = ind("tumbuh", rumus="pertumbuhan", ukuran="koperasi.berkualitas")
    found = review(tmp_path, [tumbuh], [(2023, "koperasi.berkualitas", 0.0), (2024, "koperasi.berkualitas", 3.0)],
                   [("3.1", "tumbuh", "realisasi", "3"), ("3.1", "tumbuh", "capaian", "100%")])
    assert rules(found) == ["published_mismatch", "published_mismatch", "zero_base_growth"]


def test_sipd_subtotal_and_percent_mistakes(tmp_path: Path):
    write_rfk(
        tmp_path / "sipd/q4.xlsx",
        [("2.07.01", "PROGRAM PENUNJANG", 600, 300, 50, None),  # realisasi printed without Pengadaan's 50
         ("2.07.01.2.01", "Perencanaan", 400, 300, 75, None),
         ("2.07.01.2.01.0001", "Dokumen", 400, 300, 70, 100),  # 300 of 400 is 75%, not 70%
         ("2.07.01.2.07", "Pengadaan BMD", 200, 50, 25, None),
         ("2.07.01.2.07.0006", "Peralatan", 200, 50, 25, 100),
         (None, "JUMLAH", 600, 350, 58.33, None)],
    )
    lines = read_sipd(tmp_path)
    subtotals = anggaran_rules.sipd_subtotals(sub_kegiatan(lines), printed_subtotals(lines))
    assert [(f["kunci"], f["expected"], f["actual"]) for f in subtotals] == [("2.07.01", "350", "300")]
    assert "2.07.01.2.07 Pengadaan BMD (50): it looks left out" in subtotals[0]["message"]
    percents = anggaran_rules.sipd_percentages(lines)
    assert [(f["kunci"], f["actual"]) for f in percents] == [("2.07.01.2.01.0001", "70")]


def test_assessment_band_and_missing_village():
    penilaian = pl.DataFrame(
        {"kode_wilayah": ["51.02"] * 3, "tahun": [2023] * 3, "nomor_induk_koperasi": ["1" * 16, "2" * 16, "3" * 16],
         "nama_koperasi": ["A", "B", "C"], "jenis_penilaian": ["kesehatan", "kesehatan", "kualitas"],
         "skor": [81.25, 80.0, 10.0], "predikat": ["Cukup Sehat", "Sehat", "Berkualitas"],
         "source_file": ["p.csv"] * 3, "source_row": [2, 3, 4]}
    )
    umkm = pl.DataFrame(
        {"kode_wilayah": ["51.02"] * 3, "tahun": [2022, 2022, 2023], "kode_desa": ["51.02.01.2001", "51.02.01.2002", "51.02.01.2001"],
         "nama_desa": ["Bajera", "Wanagiri", "Bajera"], "sektor": ["Jasa"] * 3, "skala": ["mikro"] * 3,
         "jumlah_usaha": [5, 7, 6], "jumlah_tenaga_kerja": [6, 9, 6], "source_file": ["u.csv"] * 3, "source_row": [2, 3, 2]}
    )
    found = data_rules.findings(penilaian, umkm, 2023)
    assert [(r["rule"], r["kunci"]) for r in found.iter_rows(named=True)] == [
        ("assessment_band_mismatch", "1" * 16), ("missing_village", "51.02.01.2002")]
    assert data_rules.findings(penilaian.clear(), umkm.filter(pl.col("tahun") == 2022), 2023).is_empty()  # no 2023 collection at all


def test_sample_yields_the_reports_mistakes(sample_run):
    with duckdb.connect(str(sample_run.database), read_only=True) as conn:
        found = conn.execute("select rule, tabel, kunci, expected, actual from reviu.findings where kode_wilayah='51.02' and tahun=2023").fetchall()
    assert ("subtotal_mismatch", "SIPD", "2.07.01", "7416394916", "7370004916") in found
    assert ("subtotal_mismatch", "SIPD", "JUMLAH", "9360566608", "9770736608") in found
    assert ("subtotal_mismatch", "3.7", "2.07.01", "7416394916", "7370004916") in found
    assert any(r[:3] == ("capaian_direction", "3.1", "tpt") and r[4] == "98" for r in found)
    assert any(r[:3] == ("zero_base_growth", "3.1", "koperasi_berkualitas") for r in found)
    assert ("target_mismatch", "3.4", "perluasan_kesempatan_kerja", "7.5", "7.1") in found


# A report printed correctly, typed by hand from the data below (not from the pipeline's output):
# TPT 11.000 / 287.569 = 3,825%, capaian 3,9 / 3,825 = 102%; perluasan 1.345 / 11.186 = 12,024%,
# capaian 169,35%; lembaga 84 of 70 = 120%; skor 80 of 100 = 80%. Budget: 326.116.638 of
# 409.200.000 = 79,70%, 6.107.532 of 7.000.000 = 87,25%, together 332.224.170 of 416.200.000 = 79,82%.
CLEAN_INDICATORS = [
    TPT,
    ind("perluasan", rumus="rasio", pembilang="manual.bekerja", penyebut="manual.pencari", target=7.1),
    ind("lembaga", rumus="nilai", ukuran="manual.lembaga", target=70, satuan="lembaga"),
    ind("skor", rumus="nilai", ukuran="manual.skor", target=100, satuan="nilai"),
]
CLEAN_DATA = [*TPT_DATA, (2024, "manual.bekerja", 1345.0), (2024, "manual.pencari", 11186.0),
              (2024, "manual.lembaga", 84.0), (2024, "manual.skor", 80.0)]
CLEAN_CAPAIAN = [
    ("3.1", "tpt", "target", "3,9%"), ("3.1", "tpt", "realisasi", "3,83%"), ("3.1", "tpt", "capaian", "102%"),
    ("3.1", "tpt", "predikat", "Sangat Berhasil"),
    ("3.1", "perluasan", "target", "7,1%"), ("3.1", "perluasan", "realisasi", "12,02%"),
    ("3.1", "perluasan", "capaian", "169,35%"), ("3.1", "perluasan", "predikat", "Sangat Berhasil"),
    ("3.1", "lembaga", "target", "70"), ("3.1", "lembaga", "realisasi", "84"), ("3.1", "lembaga", "capaian", "120%"),
    ("3.1", "skor", "target", "100"), ("3.1", "skor", "realisasi", "80"), ("3.1", "skor", "capaian", "80%"),
    ("3.1", "skor", "predikat", "Berhasil"),
]
CLEAN_SIPD = [
    ("2.07.03", "PROGRAM PELATIHAN", 416_200_000, 332_224_170, 79.82, None),
    ("2.07.03.2.01", "Pelatihan Kerja", 409_200_000, 326_116_638, 79.70, None),
    ("2.07.03.2.01.0001", "Pelatihan Berbasis Kompetensi", 409_200_000, 326_116_638, 79.70, 100),
    ("2.07.03.2.02", "Sertifikasi", 7_000_000, 6_107_532, 87.25, None),
    ("2.07.03.2.02.0001", "Uji Kompetensi", 7_000_000, 6_107_532, 87.25, 90),
    (None, "JUMLAH", 416_200_000, 332_224_170, 79.82, None),
]
# Tabel 3.7 as printed: kode, pagu, realisasi keuangan (Rp), realisasi keuangan (%)
CLEAN_37_TEXT = """
2.07.03             416.200.000  332.224.170  79,82
2.07.03.2.01        409.200.000  326.116.638  79,70
2.07.03.2.01.0001   409.200.000  326.116.638  79,70
2.07.03.2.02          7.000.000    6.107.532  87,25
2.07.03.2.02.0001     7.000.000    6.107.532  87,25
JUMLAH              416.200.000  332.224.170  79,82
"""
CLEAN_37 = [
    ("3.7", kunci, kolom, nilai)
    for kunci, *printed in map(str.split, CLEAN_37_TEXT.strip().splitlines())
    for kolom, nilai in zip(("pagu", "realisasi_keuangan", "persen_keuangan"), printed, strict=True)
]


def clean_report_findings(tmp_path: Path, cells_37: list[tuple[str, str, str, str]],
                          cells_capaian: list[tuple[str, str, str, str]] = CLEAN_CAPAIAN) -> pl.DataFrame:
    kinerja = review(tmp_path, CLEAN_INDICATORS, CLEAN_DATA, cells_capaian)
    write_rfk(tmp_path / "sipd/q4.xlsx", CLEAN_SIPD)
    lines = read_sipd(tmp_path)
    subs, printed = sub_kegiatan(lines), printed_subtotals(lines)
    with duckdb.connect() as conn:
        conn.register("lines", subs.to_arrow())
        conn.register("printed", printed.to_arrow())
        tree = realisasi_anggaran(conn, "lines", "printed").pl()
    region, year = tree.row(0, named=True)["kode_wilayah"], tree.row(0, named=True)["tahun"]
    printed_37 = published(cells_37, tahun=year).with_columns(kode_wilayah=pl.lit(region))
    return pl.concat([kinerja, anggaran_rules.findings(printed_37, subs, printed, tree, lines)])


def test_a_correctly_printed_report_raises_nothing(tmp_path: Path):
    assert clean_report_findings(tmp_path, CLEAN_37).is_empty()


@pytest.mark.parametrize("kunci, kolom, typed, finding", [
    ("2.07.03", "persen_keuangan", "79,28", ("percent_mismatch", "2.07.03", "79.28")),
    ("skor", "predikat", "Sangat Berhasil", ("predikat_mismatch", "skor", "Sangat Berhasil")),
])
def test_one_misprinted_figure_in_the_clean_report_is_found(tmp_path: Path, kunci, kolom, typed, finding):
    """The clean report is really read: one misprinted figure gives exactly one finding."""
    cells = [(t, k, c, typed if (k, c) == (kunci, kolom) else v) for t, k, c, v in CLEAN_CAPAIAN + CLEAN_37]
    kinerja, anggaran = cells[:len(CLEAN_CAPAIAN)], cells[len(CLEAN_CAPAIAN):]
    found = clean_report_findings(tmp_path, anggaran, kinerja)
    assert [(r["rule"], r["kunci"], r["actual"]) for r in found.iter_rows(named=True)] == [finding]


def test_a_capaian_outside_the_printed_bands_is_a_finding(tmp_path: Path):
    """A real report's scale stops at 100 while it labels 201,6 Baik: no band holds it."""
    scale = [{"dari": 86, "sampai": 100, "predikat": "Baik"}, {"sampai": 85, "predikat": "Kurang"}]
    tinggi = ind("tinggi", rumus="nilai", ukuran="manual.tinggi", target=100, satuan="nilai")
    celah = ind("celah", rumus="nilai", ukuran="manual.celah", target=100, satuan="nilai")
    found = review(tmp_path, [tinggi, celah], [(2024, "manual.tinggi", 201.6), (2024, "manual.celah", 85.5)],
                   [("3.1", "tinggi", "capaian", "201,6"), ("3.1", "tinggi", "predikat", "Baik")], predikat=scale)
    gaps = found.filter(pl.col("rule") == "predikat_gap")
    assert sorted(gaps.get_column("kunci").to_list()) == ["celah", "tinggi"]
    assert set(gaps.get_column("severity")) == {"warning"}


def test_a_program_line_printed_with_a_percentage_only(tmp_path: Path):
    """Real reports often print a program line with its percentage and no amounts: it is checked
    against the sub kegiatan lines printed under it (332.224.170 of 416.200.000 is 79,82%)."""
    cells = [
        ("3.7", "2.07.03", "persen_keuangan", "79,00"),
        ("3.7", "2.07.03.2.01.0001", "pagu", "409.200.000"), ("3.7", "2.07.03.2.01.0001", "realisasi_keuangan", "326.116.638"),
        ("3.7", "2.07.03.2.02.0001", "pagu", "7.000.000"), ("3.7", "2.07.03.2.02.0001", "realisasi_keuangan", "6.107.532"),
        ("3.7", "2.07.04", "persen_keuangan", "50,00"),  # no lines printed under it: nothing to check against
    ]
    found = anggaran_rules.published_bare_percentages(published(cells))
    assert [(f["kunci"], f["actual"]) for f in found] == [("2.07.03", "79")]
    assert float(found[0]["expected"]) == pytest.approx(332_224_170 / 416_200_000 * 100)
    right = [("3.7", "2.07.03", "persen_keuangan", "79,82"), *cells[1:5]]
    assert anggaran_rules.published_bare_percentages(published(right)) == []


def test_the_reviu_says_which_checks_did_not_run_and_for_lack_of_what():
    from pipelines.lib.reviu import cakupan

    def region_years(*pairs: tuple[str, int]) -> pl.DataFrame:
        return pl.DataFrame(pairs, schema={"kode_wilayah": pl.String, "tahun": pl.Int64}, orient="row")

    reports = region_years(("32.73", 2024), ("51.02", 2024))
    data = {
        cakupan.KATALOG: reports,
        cakupan.TERBIT_KINERJA: region_years(("32.73", 2024)),
        cakupan.SIPD: region_years(("51.02", 2024)),  # SIPD files, but none of 32.73
        cakupan.UMKM: region_years(("32.73", 2024), ("51.02", 2024)),
    }
    ada = SEMUA - {"koperasi_penilaian"}  # no assessment file at all
    table = cakupan.cakupan(reports, data, ada)
    ran = {(r["kode_wilayah"], r["pemeriksaan"]): (r["dijalankan"], r["alasan"]) for r in table.iter_rows(named=True)}
    assert ran[("32.73", "kinerja")] == (True, None) and ran[("32.73", "umkm")] == (True, None)
    assert ran[("32.73", "terbit_kinerja")] == (True, None)
    assert ran[("51.02", "terbit_kinerja")] == (False, "raw/published/ has no cells of Tabel 3.1–3.4 or 3.6 for this report")
    assert ran[("32.73", "sipd")] == (False, "raw/sipd/ has no data for this region and year")
    assert ran[("51.02", "sipd")] == (True, None)
    assert ran[("51.02", "penilaian")] == (False, "no data in raw/koperasi_penilaian/ (no file, or only empty files)")
    # published amounts against SIPD need both: 51.02 has SIPD but printed no amounts
    assert ran[("51.02", "terbit_sipd")] == (False, "raw/published/ has no amounts of Tabel 3.6 or 3.7 for this report")
    assert table.height == 2 * len(cakupan.PEMERIKSAAN)


def test_every_rule_has_words_a_steward_reads(monkeypatch: pytest.MonkeyPatch):
    """Rule codes stay in findings.csv; every human view shows words, in Indonesian by default."""
    from pipelines.lib.reviu.temuan import rule_word, rule_words
    from schemas.reviu import RULES

    monkeypatch.setenv("LKJIP_BAHASA", "id")
    words = rule_words()
    assert set(words) == set(RULES) and all(" " in w and "_" not in w for w in words.values())
    assert rule_word("published_mismatch, subtotal_mismatch") == "angka tercetak berbeda dari data, subtotal tidak sama dengan jumlah rinciannya"
