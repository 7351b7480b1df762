"""The report exports read as a reader would: the workbook with openpyxl, the Word file with
python-docx, the HTML as text; on the shipped sample (numbers equal the CSV exports) and on
small frames (edge cases: empty capaian, several quarters, no findings)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
import openpyxl
import polars as pl
import pytest

from pipelines.lib import angka
from pipelines.lib.ekspor import charts, laporan as laporan_module
from pipelines.lib.ekspor import format as format_module
from pipelines.lib.ekspor.format import Laporan, TataLetak, tata_letak
from pipelines.lib.reviu.temuan import rule_word
from pipelines.lib.ekspor.html_report import render_html
from pipelines.lib.ekspor.laporan import write_laporan, write_parquet
from pipelines.lib.ekspor.word import write_word
from pipelines.lib.ekspor.workbook import HEADER_ROW, write_workbook

# The test session writes reports in English (tests/conftest.py); Indonesian is asserted where a
# test sets LKJIP_BAHASA=id itself.
SHEETS = ["Table 3.1", "Table 3.2", "Table 3.3", "Table 3.6", "Table 3.7", "Findings"]
SHEETS_ID = ["Tabel 3.1", "Tabel 3.2", "Tabel 3.3", "Tabel 3.6", "Tabel 3.7", "Temuan"]
HEADINGS_3_1 = ["No.", "Strategic sasaran", "Performance indicator", "Operational definition/formula", "Unit",
                "Target", "Realisasi", "Capaian", "Remarks"]
JENIS_SHEET = {"iku": "Table 3.1", "tambahan": "Table 3.2", "program": "Table 3.6"}
RUPIAH, DUA_DESIMAL = "#,##0", "#,##0.00"


def same(cell_value: object, csv_value: object) -> bool:
    """A workbook cell holds the CSV's number (Excel keeps ~15 significant digits) or is empty
    where the CSV is empty; an empty value must never come back as 0."""
    if csv_value is None:
        return cell_value is None
    return cell_value is not None and math.isclose(float(cell_value), float(csv_value), rel_tol=1e-13, abs_tol=1e-9)


def data_rows(ws, first: int) -> list[tuple]:
    rows = []
    for row in ws.iter_rows(min_row=first, values_only=False):
        if all(c.value is None for c in row):
            break
        rows.append(row)
    return rows


def header_map(ws, row: int = HEADER_ROW) -> dict[str, int]:
    return {c.value: c.column for c in ws[row] if c.value is not None}


# ---------------------------------------------------------------------------------------------
# The shipped sample, through the real `lkjip run`


@pytest.fixture(scope="module")
def folder(sample_run) -> Path:
    return sample_run.database.parent / "exports" / "51.02" / "2023"


@pytest.fixture(scope="module")
def csvs(folder: Path) -> dict[str, pl.DataFrame]:
    text = {c: pl.String for c in ("kode", "parent_kode", "kunci", "expected", "actual", "tabel")}
    return {
        name: pl.read_csv(folder / f"{name}.csv", infer_schema_length=None, schema_overrides=text)
        for name in ("iku_capaian", "iku_perbandingan", "budget_realization", "findings")
        if (folder / f"{name}.csv").exists()
    }


@pytest.fixture(scope="module")
def workbook(folder: Path):
    return openpyxl.load_workbook(folder / "lkjip_51.02_2023.xlsx")


def test_run_writes_the_three_reports_and_parquet_copies(sample_run, folder: Path):
    for suffix in ("xlsx", "docx", "html"):
        assert (folder / f"lkjip_51.02_2023.{suffix}").stat().st_size > 1000
    assert not list(folder.rglob(".*.tmp"))
    import duckdb

    with duckdb.connect(str(sample_run.database), read_only=True) as conn:
        for table in ("kinerja.iku_capaian", "kinerja.iku_perbandingan", "anggaran.realisasi_anggaran", "anggaran.serapan"):
            expected = conn.execute(f"select * from {table} where kode_wilayah = '51.02' and tahun = 2023").pl()
            copy = pl.read_parquet(folder / "parquet" / f"{table.split('.')[1]}.parquet")
            assert copy.height == expected.height > 0
            assert copy.sort(copy.columns).equals(expected.select(copy.columns).sort(copy.columns))  # a table has no row order


def test_a_year_without_catalog_gets_no_report(sample_run):
    # 2021 has source data (the UMKM baseline) but no Perjanjian Kinerja: nothing to lay out
    assert not list((sample_run.database.parent / "exports" / "51.02").glob("2021/lkjip_*"))


def test_workbook_sheets_titles_and_headings(workbook):
    assert workbook.sheetnames == SHEETS
    ws = workbook["Table 3.1"]
    assert [c.value for c in ws[HEADER_ROW]] == HEADINGS_3_1
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    title = ws.cell(1, 1).value
    assert title.startswith("Table 3.1 Performance Achievement, Dinas Koperasi UKM dan Tenaga Kerja") and "Tabanan" in title
    assert title.endswith(", 2023")
    assert [c.value for c in workbook["Table 3.3"][HEADER_ROW]][5:] == [
        "Target 2022", "Realisasi 2022", "Capaian 2022", "Target 2023", "Realisasi 2023", "Capaian 2023"]
    assert [c.value for c in workbook["Table 3.6"][HEADER_ROW]][1:] == [
        "Program", "Indicator", "Operational definition/formula", "Unit", "Target", "Budget (Rp)",
        "Realisasi of target", "Budget realisasi (Rp)", "Capaian", "Remarks"]  # program capaian as in iku_capaian.csv
    t37 = workbook["Table 3.7"]
    assert [c.value for c in t37[HEADER_ROW]] == [
        "NO.", "CODE", "PROGRAM/KEGIATAN/SUB KEGIATAN", "PAGU 2023 (Rp)", "FINANCIAL REALISASI 2023", None, "PHYSICAL REALISASI (%)"]
    assert [c.value for c in t37[HEADER_ROW + 1]][4:6] == ["(Rp)", "(%)"]
    assert t37.freeze_panes == f"A{HEADER_ROW + 2}"
    assert "2023-Q4" in t37.cell(1, 1).value
    assert [c.value for c in workbook["Findings"][HEADER_ROW]] == [
        "No.", "Severity", "Rule", "Table", "Key", "Expected", "Printed", "Column", "Also seen by", "Message"]
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width


def test_workbook_capaian_numbers_equal_the_csv(workbook, csvs):
    capaian = csvs["iku_capaian"]
    checked = 0
    for jenis, sheet in JENIS_SHEET.items():
        ws = workbook[sheet]
        col = header_map(ws)
        target_col = col["Target"]
        realisasi_col = col["Realisasi"] if "Realisasi" in col else col["Realisasi of target"]
        rows = data_rows(ws, HEADER_ROW + 1)
        expected = capaian.filter(pl.col("jenis") == jenis).to_dicts()
        assert len(rows) == len(expected) > 0
        for row, want in zip(rows, expected):
            cells = {c.column: c for c in row}
            assert cells[col[list(col)[2]]].value == want["indikator"]
            assert same(cells[target_col].value, want["target"])
            assert same(cells[realisasi_col].value, want["realisasi"]), want["indicator_id"]
            for c in (cells[target_col], cells[realisasi_col]):
                assert c.value is None or c.number_format == DUA_DESIMAL
            if "Capaian" in col:
                cap = cells[col["Capaian"]]
                assert same(cap.value, want["capaian"]), want["indicator_id"]
                assert cap.value is None or (cap.data_type == "n" and cap.number_format == DUA_DESIMAL)
                ket = cells[col["Remarks"]].value
                if want["predikat"]:  # the predikat, and a warning beside an implausible capaian
                    assert ket.split(" — ")[0] == want["predikat"]
                    assert ("implausible capaian" in ket) == ("implausible capaian" in (want["keterangan"] or "")), want["indicator_id"]
                else:  # no predikat: why the capaian is empty
                    assert ket == want["keterangan"] and want["keterangan"], want["indicator_id"]
            checked += 1
    assert checked == capaian.height
    empty = workbook["Table 3.1"]
    row = next(r for r in data_rows(empty, HEADER_ROW + 1) if r[2].value == "Persentase koperasi berkualitas")
    assert row[7].value is None and "growth from zero" in row[8].value  # empty, not 0, with its reason


def test_workbook_tabel_3_6_budget_equals_budget_csv(workbook, csvs):
    budget = csvs["budget_realization"].filter(pl.col("periode") == "2023-Q4", pl.col("level") == "program")
    by_pagu = {r["pagu"]: r for r in budget.to_dicts()}
    ws = workbook["Table 3.6"]
    col = header_map(ws)
    for row in data_rows(ws, HEADER_ROW + 1):
        cells = {c.column: c for c in row}
        pagu, real = cells[col["Budget (Rp)"]], cells[col["Budget realisasi (Rp)"]]
        assert pagu.number_format == RUPIAH and real.number_format == RUPIAH
        assert by_pagu[pagu.value]["realisasi"] == real.value
    assert any(c.value == 8294394608 for r in data_rows(ws, HEADER_ROW + 1) for c in r)


def test_workbook_tabel_3_3_equals_the_csv(workbook, csvs):
    ws = workbook["Table 3.3"]
    col = header_map(ws)
    rows = data_rows(ws, HEADER_ROW + 1)
    expected = csvs["iku_perbandingan"].to_dicts()
    assert len(rows) == len(expected)
    names = ["target_lalu", "realisasi_lalu", "capaian_lalu", "target", "realisasi", "capaian"]
    headings = ["Target 2022", "Realisasi 2022", "Capaian 2022", "Target 2023", "Realisasi 2023", "Capaian 2023"]
    for row, want in zip(rows, expected):
        cells = {c.column: c for c in row}
        for name, heading in zip(names, headings):
            assert same(cells[col[heading]].value, want[name]), (want["indicator_id"], name)


def test_workbook_tabel_3_7_is_the_latest_quarter_of_the_csv(workbook, csvs):
    expected = csvs["budget_realization"].filter(pl.col("periode") == "2023-Q4").to_dicts()
    ws = workbook["Table 3.7"]
    rows = data_rows(ws, HEADER_ROW + 2)
    assert len(rows) == len(expected)
    romawi = iter(["I", "II", "III", "IV", "V", "VI"])
    for row, want in zip(rows, expected):
        no, kode, uraian, pagu, real, pct, fisik = row
        assert uraian.value == want["uraian"] and (kode.value or "") == (want["kode"] or "")
        assert (pagu.value, real.value) == (want["pagu"], want["realisasi"])
        assert same(pct.value, want["persen_keuangan"]) and same(fisik.value, want["persen_fisik"])
        assert pagu.number_format == RUPIAH and real.number_format == RUPIAH
        assert pct.number_format == DUA_DESIMAL and fisik.number_format == DUA_DESIMAL
        level = want["level"]
        assert uraian.alignment.indent == {"program": 0, "kegiatan": 2, "sub_kegiatan": 4, "total": 0}[level]
        assert bool(uraian.font.b) == (level in ("program", "total"))
        if level == "program":
            assert no.value == next(romawi)
    assert rows[-1][2].value == "JUMLAH" and rows[-1][3].value == 9360566608


def test_workbook_findings_sheet_lists_every_finding(workbook, csvs):
    ws = workbook["Findings"]
    rows = data_rows(ws, HEADER_ROW + 1)
    findings = csvs["findings"]
    assert len(rows) == findings.height > 0
    got = sorted((r[2].value, str(r[4].value)) for r in rows)
    assert got == sorted(zip(map(rule_word, findings["rule"].to_list()), findings["kunci"].to_list()))  # rules in words
    assert [r[1].value for r in rows] == sorted((r[1].value for r in rows), key=lambda s: s != "error")
    penunjang = next(r for r in rows if r[2].value == rule_word("subtotal_mismatch") and r[4].value == "2.07.01")
    assert (penunjang[5].value, penunjang[6].value) == (7416394916, 7370004916)
    assert penunjang[5].number_format == RUPIAH


def word_tables(path: Path) -> list[tuple[str, object]]:
    """(caption, table) pairs in document order: the paragraph right before each table."""
    document = docx.Document(str(path))
    body = document.element.body
    out, caption = [], None
    tables = iter(document.tables)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                caption = text
        elif tag == "tbl":
            out.append((caption, next(tables)))
    return out


def test_word_tables_have_captions_and_report_numbers(folder: Path, csvs):
    tables = word_tables(folder / "lkjip_51.02_2023.docx")
    assert [c.split(" ")[1] for c, _ in tables] == ["3.1", "3.2", "3.3", "3.6", "3.7"]
    for caption, _ in tables:
        assert caption.startswith("Table 3.") and "Dinas Koperasi UKM dan Tenaga Kerja" in caption and "2023" in caption
    assert tables[0][0] == "Table 3.1 Performance Achievement, Dinas Koperasi UKM dan Tenaga Kerja Kabupaten Tabanan, 2023"
    t31 = tables[0][1]
    assert [c.text for c in t31.rows[0].cells] == [h for h in HEADINGS_3_1 if h != "Unit"]
    iku = csvs["iku_capaian"].filter(pl.col("jenis") == "iku").to_dicts()
    for row, want in zip(t31.rows[1:], iku):
        cells = [c.text for c in row.cells]
        assert cells[2] == want["indikator"]
        # read the printed percentage back: two decimals, Indonesian separators, the CSV's value rounded
        if want["capaian"] is None:
            assert cells[6] == "-"
        else:
            assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d{2}%", cells[6]), cells[6]
            printed = float(cells[6].rstrip("%").replace(".", "").replace(",", "."))
            assert abs(printed - want["capaian"]) <= 0.005 + 1e-9, (want["indicator_id"], cells[6])
    by_name = {r.cells[2].text: [c.text for c in r.cells] for r in t31.rows[1:]}
    assert by_name["Hasil penilaian mandiri pelaksanaan reformasi birokrasi"][4:7] == ["94,00", "94,19", "100,20%"]
    assert by_name["Persentase koperasi berkualitas"][5:7] == ["-", "-"]
    assert by_name["Persentase Tingkat Pengangguran Terbuka"][4:7] == ["3,90%", "3,83%", "101,92%"]
    t37 = tables[4][1]
    assert [c.text for c in t37.rows[1].cells][4:6] == ["(Rp)", "(%)"]
    assert [c.text for c in t37.rows[-1].cells][2:] == ["JUMLAH", "9.360.566.608", "8.257.255.024", "88,21", "99,99"]
    assert "2.07.01" in [c.text for r in t37.rows for c in r.cells[1:2]]
    t36 = [[c.text for c in r.cells] for r in tables[3][1].rows]
    assert any(r[5:8] == ["8.294.394.608", "89,41%", "7.416.394.916"] for r in t36)
    capaian = {r[2]: r[8] for r in t36[1:]}  # program capaian as in iku_capaian.csv, two decimals
    program = csvs["iku_capaian"].filter(pl.col("jenis") == "program").to_dicts()
    assert [capaian[p["indikator"]] for p in program] == [angka.persen(p["capaian"]) for p in program]


def test_html_is_one_offline_file_with_tables_findings_and_charts(folder: Path, csvs):
    html = (folder / "lkjip_51.02_2023.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", html, re.I)
    assert not re.search(r"@import|url\(|<link|<img|<iframe", html, re.I)
    assert html.count("<svg") == 5  # capaian 3.1, 3.2, 3.6; absorption per program; per quarter (Q2, Q4)
    for caption in ("Table 3.1 Performance Achievement", "Table 3.3 Comparison", "Table 3.6 Program Achievement",
                    "Table 3.7 Financial Performance Achievement"):
        assert caption in html
    assert "9.360.566.608" in html and "88,21%" in html and "1.851,85%" in html
    assert html.split('id="t-temuan"')[1].count('class="tingkat tingkat-') == csvs["findings"].height
    assert "capaian empty" in html  # koperasi berkualitas: a note, not a 0 bar


# ---------------------------------------------------------------------------------------------
# The renderers on small frames


def laid_out(lap: Laporan) -> tuple[Laporan, TataLetak]:
    """A region-year and its tables, as the writers take them."""
    return lap, tata_letak(lap)


def small(findings: pl.DataFrame | None = None, quarters: tuple[str, ...] = ("2024-Q2", "2024-Q4")) -> Laporan:
    capaian = pl.DataFrame(
        {
            "kode_wilayah": ["32.73"] * 3, "tahun": [2024] * 3,
            "indicator_id": ["a", "b", "p"], "urutan": [1, 2, 3], "jenis": ["iku", "iku", "program"],
            "sasaran": ["Sasaran A & <B>", "Sasaran B", "Program X"],
            "indikator": ['Indikator "A"', "Indikator B", "Indikator P"],
            "definisi": ["A ÷ B × 100", None, None], "satuan": ["%", "nilai", "%"], "arah": ["naik"] * 3,
            "target": [3.0, 80.0, 100.0], "realisasi": [1.0327, None, 450.0], "capaian": [34.42340791738382, None, 450.0],
            "predikat": ["Tidak Berhasil", None, "Sangat Berhasil"],
            "keterangan": [None, "undefined: growth from zero", None],
            "pagu": [None, None, 1_000_000_000.0], "realisasi_anggaran": [None, None, 886_794_500.0],
            "sumber": ["ods_koperasi/a.csv", None, "sipd/rfk.xlsx"],
        }
    )
    perbandingan = pl.DataFrame(
        {
            "kode_wilayah": ["32.73"] * 2, "tahun": [2024] * 2, "indicator_id": ["a", "b"], "urutan": [1, 2],
            "tahun_lalu": [2023, 2023], "target_lalu": [2.0, None], "realisasi_lalu": [1.39, None],
            "capaian_lalu": [69.5, None], "target": [3.0, 80.0], "realisasi": [1.0327, None], "capaian": [34.4234, None],
        }
    )
    tree = []
    for q, share in zip(quarters, (0.4, 0.88675)):
        tree += [
            {"periode": q, "level": "program", "kode": "1.01.01", "parent_kode": None, "uraian": "PROGRAM SATU",
             "pagu": 1e9, "realisasi": 1e9 * share, "persen_fisik": 90.0},
            {"periode": q, "level": "kegiatan", "kode": "1.01.01.2.01", "parent_kode": "1.01.01", "uraian": "Kegiatan satu",
             "pagu": 1e9, "realisasi": 1e9 * share, "persen_fisik": 90.0},
            {"periode": q, "level": "sub_kegiatan", "kode": "1.01.01.2.01.0001", "parent_kode": "1.01.01.2.01",
             "uraian": "Sub kegiatan satu", "pagu": 1e9, "realisasi": 1e9 * share, "persen_fisik": 90.0},
            {"periode": q, "level": "total", "kode": "", "parent_kode": None, "uraian": "JUMLAH",
             "pagu": 1e9, "realisasi": 1e9 * share, "persen_fisik": 90.0},
        ]
    budget = pl.DataFrame(tree).with_columns(
        kode_wilayah=pl.lit("32.73"), tahun=pl.lit(2024), persen_keuangan=pl.col("realisasi") * 100 / pl.col("pagu")
    ).reverse()  # the warehouse gives no order: the layout sorts
    serapan = budget.filter(pl.col("level").is_in(["program", "total"])).select(
        "kode_wilayah", "tahun", "periode", "level", "kode", "uraian", "pagu", "realisasi", persen="persen_keuangan"
    )
    return Laporan(
        kode_wilayah="32.73", tahun=2024, iku_capaian=capaian, iku_perbandingan=perbandingan,
        realisasi_anggaran=budget, serapan=serapan, findings=findings, opd="Dinas Contoh", nama_wilayah="Kota Bandung",
    )


FINDINGS = pl.DataFrame(
    {
        "kode_wilayah": ["32.73"] * 2, "tahun": [2024] * 2, "severity": ["warning", "error"],
        "rule": ["target_mismatch", "subtotal_mismatch"], "tabel": ["3.6", "3.7"], "kunci": ["p", "JUMLAH"],
        "kolom": ["target", "pagu"], "expected": ["75", "9360566608"], "actual": ["80", "9770736608"], "aturan_lain": [None, None],
        "message": ["target printed differently in two tables", "printed JUMLAH differs from the sum of programs"],
    }
)


@pytest.mark.parametrize(
    "value, text",
    [(8294394608, "8.294.394.608,00"), (88.675, "88,68"), (88.6749, "88,67"), (2.675, "2,68"), (-0.001, "0,00"),
     (1851.851851, "1.851,85"), (None, "-"), (float("nan"), "-"), (0, "0,00")],
)
def test_angka_rounds_half_up_with_indonesian_separators(value, text):
    assert angka.angka(value) == text


@pytest.mark.parametrize(
    "value, desimal, text",
    [(0.125, 2, "0,13"), (-0.125, 2, "-0,13"), (1.005, 2, "1,01"), (2.675, 2, "2,68"), (1234567.885, 2, "1.234.567,89"),
     (0.5, 0, "1"), (2.5, 0, "3"), (100.205, 2, "100,21")],
)
def test_angka_rounds_half_up_where_half_even_and_binary_floats_would_not(value, desimal, text):
    """Each value is a tie as written, where half even (Babel's, Python's round) goes down; 1.005
    and 2.675 are also stored below the tie (1.00499…, 2.67499…), so rounding the binary value
    gives 1,00 and 2,67."""
    assert angka.angka(value, desimal) == text


def test_a_tie_given_as_text_rounds_half_up():
    """A findings value or a percentage: the decimal string as stored, read through a float."""
    assert [angka.teks_angka(t) for t in ("0.125", "1.005", "2.675")] == ["0,13", "1,01", "2,68"]
    assert angka.persen(100.205) == "100,21%" and angka.rupiah(8664217088.5) == "8.664.217.089"


def test_rupiah_persen_and_units():
    assert angka.rupiah(8294394608) == "8.294.394.608"
    assert angka.rupiah(8664217088.4) == "8.664.217.088"
    assert angka.persen(100.20212765957447) == "100,20%" and angka.persen(None) == "-"
    assert angka.dengan_satuan(3, "%") == "3,00%" and angka.dengan_satuan(94.19, "nilai") == "94,19"
    assert angka.dengan_satuan(None, "%") == "-"
    assert angka.teks_angka("7416394916") == "7.416.394.916" and angka.teks_angka("101.7948717948718") == "101,79"
    assert angka.teks_angka("Cukup Sehat") == "Cukup Sehat" and angka.teks_angka("") == "-"
    assert [angka.romawi(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]


def test_workbook_on_small_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    path = write_workbook(tmp_path / "t.xlsx", *laid_out(small(FINDINGS)))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_ID
    t31 = wb["Tabel 3.1"]
    rows = data_rows(t31, HEADER_ROW + 1)
    assert [r[2].value for r in rows] == ['Indikator "A"', "Indikator B"]
    assert rows[0][3].value == "A ÷ B × 100"  # Definisi from the catalog
    assert rows[1][7].value is None and rows[1][6].value is None  # empty capaian: empty cell, not 0
    assert rows[1][8].value == "undefined: growth from zero"
    assert rows[0][7].value == 34.42340791738382 and rows[0][7].number_format == DUA_DESIMAL
    assert "Dinas Contoh Kota Bandung" in t31.cell(1, 1).value
    t37 = wb["Tabel 3.7"]
    assert "2024-Q4" in t37.cell(1, 1).value and "Triwulan IV" in t37.cell(1, 1).value
    rows = data_rows(t37, HEADER_ROW + 2)
    assert [r[2].value for r in rows] == ["PROGRAM SATU", "Kegiatan satu", "Sub kegiatan satu", "JUMLAH"]
    assert rows[0][0].value == "I" and rows[0][2].font.b and not rows[1][2].font.b
    assert [r[2].alignment.indent for r in rows] == [0, 2, 4, 0]
    # cells that share a look share it whole; the total's shading and the program's grey stay their own
    assert [r[3].fill.fgColor.rgb[-6:] for r in rows] == ["F2F2F2", "000000", "000000", "E2EFDA"]
    assert [(r[4].number_format, r[4].alignment.horizontal, r[4].font.b) for r in rows] == [
        (RUPIAH, "right", True), (RUPIAH, "right", False), (RUPIAH, "right", False), (RUPIAH, "right", True)]
    assert rows[0][4].value == pytest.approx(886_750_000)  # Q4, not Q2
    temuan = data_rows(wb["Temuan"], HEADER_ROW + 1)
    assert [r[1].value for r in temuan] == ["kesalahan", "peringatan"]  # error first, in the steward's words
    assert temuan[0][5].value == 9360566608 and temuan[0][5].number_format == RUPIAH


def test_findings_sheet_says_whether_the_reviu_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    missing = openpyxl.load_workbook(write_workbook(tmp_path / "a.xlsx", *laid_out(small(None))))["Temuan"]
    assert "belum tersedia" in missing.cell(HEADER_ROW + 1, 1).value
    clean = openpyxl.load_workbook(write_workbook(tmp_path / "b.xlsx", *laid_out(small(FINDINGS.clear()))))["Temuan"]
    assert "tidak menemukan" in clean.cell(HEADER_ROW + 1, 1).value


def test_word_on_small_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    tables = word_tables(write_word(tmp_path / "t.docx", *laid_out(small(FINDINGS))))
    assert [c.split(" ")[1] for c, _ in tables] == ["3.1", "3.2", "3.3", "3.6", "3.7"]
    t31 = [[c.text for c in r.cells] for r in tables[0][1].rows]
    assert t31[1][4:7] == ["3,00%", "1,03%", "34,42%"]
    assert t31[2][4:7] == ["80,00", "-", "-"]  # empty capaian prints '-', never 0
    t37 = [[c.text for c in r.cells] for r in tables[4][1].rows]
    assert t37[-1][2:] == ["JUMLAH", "1.000.000.000", "886.750.000", "88,68", "90,00"]
    assert "Triwulan IV 2024" in tables[4][0]
    assert len(tables[1][1].rows) == 1  # no tambahan rows: headings only, with a line saying so
    # Tabel 3.7's looks: program and JUMLAH bold, kegiatan and sub kegiatan indented, JUMLAH shaded,
    # amounts right-aligned, every row as wide as the lower heading
    body = tables[4][1].rows[2:]
    uraian = [row.cells[2].paragraphs[0] for row in body]
    assert [p.runs[0].bold for p in uraian] == [True, False, False, True]
    assert [round((p.paragraph_format.left_indent or 0) / 360000, 1) for p in uraian] == [0, 0.4, 0.8, 0]
    shading = [row.cells[3]._tc.tcPr.find(qn("w:shd")) for row in body]
    assert [None if s is None else s.get(qn("w:fill")) for s in shading] == [None, None, None, "E2EFDA"]
    assert {row.cells[3].paragraphs[0].alignment for row in body} == {WD_ALIGN_PARAGRAPH.RIGHT}
    widths = [[c.width for c in row.cells] for row in tables[4][1].rows[1:]]  # row 0 merges REALISASI KEUANGAN
    assert all(w == widths[0] for w in widths)


def test_html_on_small_frames(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    html = render_html(*laid_out(small(FINDINGS)))
    assert "<script" not in html and "http" not in html
    assert "Sasaran A &amp; &lt;B&gt;" in html and "<B>" not in html  # escaped, in tables and charts
    assert html.count("<svg") == 4  # capaian iku, capaian program, absorption, per quarter
    assert "2024-Q2 40,00%" in html and "2024-Q4 88,68%" in html
    row_b = re.search(r"<tr><td class=\"no\">2</td>.*?</tr>", html).group(0)
    assert '<td class="num kosong">-</td>' in row_b
    one_quarter = render_html(*laid_out(small(FINDINGS, quarters=("2024-Q4",))))
    assert one_quarter.count("<svg") == 3  # no per-quarter chart with one quarter
    assert "belum tersedia" in render_html(*laid_out(small(None)))


def test_capaian_chart_empty_note_colours_and_clipping(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LKJIP_BAHASA", "id")
    rows = [
        {"indikator": "A", "capaian": 50.0, "predikat": "Tidak Berhasil", "keterangan": None},
        {"indikator": "B", "capaian": None, "predikat": None, "keterangan": "growth from zero"},
        {"indikator": "C", "capaian": 1851.85, "predikat": "Sangat Berhasil", "keterangan": None},
    ]
    svg = charts.capaian_chart(rows, "t")
    bars = re.findall(r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*fill="(#[0-9a-f]+)"', svg)
    assert len(bars) == 2  # no bar for the empty capaian
    assert bars[0][2] == charts.PREDIKAT_WARNA["tidak berhasil"] and bars[1][2] == charts.PREDIKAT_WARNA["sangat berhasil"]
    assert float(bars[1][1]) == pytest.approx(440.0)  # clipped at the 200% axis end
    assert float(bars[0][1]) == pytest.approx(440.0 * 50 / 200)
    assert "capaian kosong: growth from zero" in svg and "1.851,85% ▸" in svg
    assert 'stroke-dasharray="5 3"' in svg  # the 100% line


def test_the_report_reads_in_the_language_chosen_when_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Captions, headings and notes come from the catalogue when the report is written, not when
    the modules were imported: the same process writes English, then Indonesian."""
    expected = {
        "en": ("Table 3.1", "Table 3.1 Performance Achievement, Dinas Contoh Kota Bandung, 2024", "Strategic sasaran",
               "Note: Indikator B: the capaian is empty (undefined: growth from zero).", "Catatan:"),
        "id": ("Tabel 3.1", "Tabel 3.1 Capaian Kinerja Dinas Contoh Kota Bandung Tahun 2024", "Sasaran Strategis",
               "Catatan: Indikator B: capaian kosong (undefined: growth from zero).", "Note:"),
    }
    for bahasa, (sheet, judul, heading, note, other) in expected.items():
        monkeypatch.setenv("LKJIP_BAHASA", bahasa)
        html = render_html(*laid_out(small(FINDINGS)))
        assert f'<html lang="{bahasa}">' in html
        assert f"<caption>{judul}</caption>" in html and f'<th scope="col">{heading}</th>' in html
        assert f'<p class="catatan">{note}</p>' in html and other not in html
        ws = openpyxl.load_workbook(write_workbook(tmp_path / f"{bahasa}.xlsx", *laid_out(small(FINDINGS))))[sheet]
        assert ws.cell(1, 1).value == judul and heading in [c.value for c in ws[HEADER_ROW]]
        assert note in [c.value for c in ws["A"]]


def test_chart_labels_wrap_to_their_width():
    long = "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM) DAN SEBAGAINYA LAGI"
    lines = charts.wrap(long, 360)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(charts.text_width(line) <= 360 for line in lines)


def test_write_laporan_is_atomic(tmp_path: Path, monkeypatch):
    lap = small(FINDINGS)
    written = write_laporan(tmp_path, lap)
    assert [p.name for p in written] == ["lkjip_32.73_2024.xlsx", "lkjip_32.73_2024.docx", "lkjip_32.73_2024.html"]
    before = (tmp_path / "lkjip_32.73_2024.html").read_bytes()

    def broken(path, laporan, letak):
        path.write_text("half a report")
        raise RuntimeError("disk full")

    monkeypatch.setattr(laporan_module, "write_html", broken)
    with pytest.raises(RuntimeError):
        write_laporan(tmp_path, lap)
    assert (tmp_path / "lkjip_32.73_2024.html").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_each_table_is_laid_out_once_for_all_three_formats(tmp_path: Path, monkeypatch):
    calls = []
    for name in ("tabel_3_1", "tabel_3_2", "tabel_3_3", "tabel_3_6", "tabel_3_7", "tabel_temuan"):
        original = getattr(format_module, name)
        monkeypatch.setattr(format_module, name, lambda lap, original=original, name=name: calls.append(name) or original(lap))
    write_laporan(tmp_path, small(FINDINGS))
    assert sorted(calls) == sorted(["tabel_3_1", "tabel_3_2", "tabel_3_3", "tabel_3_6", "tabel_3_7", "tabel_temuan"])


def test_parquet_copies_keep_schema_and_drop_missing_tables(tmp_path: Path):
    lap = small(FINDINGS)
    write_parquet(tmp_path, {"iku_capaian": lap.iku_capaian, "findings": FINDINGS})
    assert pl.read_parquet(tmp_path / "parquet" / "iku_capaian.parquet").equals(lap.iku_capaian)
    write_parquet(tmp_path, {"iku_capaian": lap.iku_capaian, "findings": None, "serapan": lap.serapan.clear()})
    assert not (tmp_path / "parquet" / "findings.parquet").exists()
    assert pl.read_parquet(tmp_path / "parquet" / "serapan.parquet").columns == lap.serapan.columns


def test_a_clean_reviu_still_writes_findings_csv_as_its_header(tmp_path: Path):
    """No findings reads differently from no review: the file is there, with its header only."""
    from pipelines.lib.ekspor.berkas import write_region_year

    write_region_year(tmp_path / "bersih", small(FINDINGS.clear()))
    assert (tmp_path / "bersih" / "findings.csv").read_text(encoding="utf-8").strip() == "severity,rule,tabel,kunci,kolom,expected,actual,aturan_lain,message"
    write_region_year(tmp_path / "belum", small(None))
    assert not (tmp_path / "belum" / "findings.csv").exists()  # the reviu has no table yet
