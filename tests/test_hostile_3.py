"""Hostile input, round 3: each case planted in files the test writes; each fails on the code
before it and passes after (issue 23)."""

from __future__ import annotations

import json
import os
import time
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from pipelines.lib.bps.reader import EXTENSIONS as BPS_EXTENSIONS
from pipelines.lib.bps.reader import FOLDER as BPS_FOLDER
from pipelines.lib.bps.reader import read_bps
from pipelines.lib.ekspor.netral import neutralise, neutralise_text_columns
from pipelines.lib.katalog.reader import EXTENSIONS as KATALOG_EXTENSIONS
from pipelines.lib.katalog.reader import FOLDER as KATALOG_FOLDER
from pipelines.lib.katalog.reader import read_katalog
from pipelines.lib.manual.reader import COLUMNS as MANUAL
from pipelines.lib.manual.reader import EXTENSIONS as MANUAL_EXTENSIONS
from pipelines.lib.manual.reader import FOLDER as MANUAL_FOLDER
from pipelines.lib.manual.reader import read_manual
from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.raw_scan import load_cursor, scan
from pipelines.lib.writer_lock import LOCK_FILE, WarehouseBusy, single_writer
from tests.conftest import write_csv
from tests.test_bps import ANGKATAN_KERJA, answer, key

CATALOG = """kode_wilayah: '32.73'
tahun: 2024
opd: Dinas X
indikator:
- id: a
  jenis: iku
  indikator: a
  satuan: '%'
  arah: naik
  target: 10
  rumus: nilai
  ukuran: manual.a
"""


def refused(call) -> str:  # noqa: ANN001
    with pytest.raises(ContractError) as err:
        call()
    return str(err.value)


def katalog(raw: Path, text: str) -> pl.DataFrame:
    (raw / KATALOG_FOLDER).mkdir(parents=True, exist_ok=True)
    (raw / KATALOG_FOLDER / "32.73_2024.yaml").write_text(text, encoding="utf-8")
    return read_katalog(list_sources(raw, KATALOG_FOLDER, KATALOG_EXTENSIONS))


def test_a_key_written_twice_in_the_catalog_is_refused_by_name(tmp_path: Path):
    assert katalog(tmp_path, CATALOG).get_column("target").to_list() == [10.0]
    message = refused(lambda: katalog(tmp_path, CATALOG.replace("  target: 10\n", "  target: 10\n  target: 1000\n")))
    assert "perjanjian_kinerja/32.73_2024.yaml" in message and "'target'" in message and "11" in message


def test_a_key_written_twice_in_a_bps_answer_is_refused_by_name(tmp_path: Path):
    body = json.dumps(answer(ANGKATAN_KERJA, {key(5102, 541, 123): 287.569}))
    twice = body.replace('"datacontent": {', f'"datacontent": {{"{key(5102, 541, 123)}": 2875.69, ', 1)
    (tmp_path / BPS_FOLDER).mkdir()
    (tmp_path / BPS_FOLDER / "ak.json").write_text(twice, encoding="utf-8")
    message = refused(lambda: read_bps(list_sources(tmp_path, BPS_FOLDER, BPS_EXTENSIONS)))
    assert "bps/ak.json" in message and key(5102, 541, 123) in message and "twice" in message


@pytest.mark.parametrize("text", ["[" * 100000, "a: " + "{b: " * 20000])
def test_nesting_too_deep_is_one_problem_naming_the_file(tmp_path: Path, text: str):
    message = refused(lambda: katalog(tmp_path, text))
    assert "perjanjian_kinerja/32.73_2024.yaml" in message and "Traceback" not in message and len(message.splitlines()) == 1


def test_a_count_that_is_not_whole_is_refused_naming_the_cell(tmp_path: Path):
    """1,345 orang in a file of decimal commas (68,10) would be 1.345 persons."""
    rows = [["51.02", 2023, "manual.skor", "68,10", "nilai", "LHE"], ["51.02", 2023, "manual.pencari_kerja", "1,345", "orang", "Disnaker"]]
    write_csv(tmp_path / MANUAL_FOLDER / "m.csv", MANUAL, rows)
    message = refused(lambda: read_manual(list_sources(tmp_path, MANUAL_FOLDER, MANUAL_EXTENSIONS)))
    assert "manual/m.csv" in message and "3" in message and "'nilai'" in message and "'1,345'" in message
    rows[1][3] = "1345"
    write_csv(tmp_path / MANUAL_FOLDER / "m.csv", MANUAL, rows)
    read = read_manual(list_sources(tmp_path, MANUAL_FOLDER, MANUAL_EXTENSIONS))
    assert read.filter(ukuran="manual.pencari_kerja").get_column("nilai").item() == 1345


def test_the_lock_is_never_followed_through_a_link(tmp_path: Path):
    precious = tmp_path / "precious.txt"
    precious.write_text("do not truncate me", encoding="utf-8")
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    (warehouse / LOCK_FILE).symlink_to(precious)
    with pytest.raises(WarehouseBusy, match="symbolic link"), single_writer(warehouse, "test"):
        pass
    assert precious.read_text(encoding="utf-8") == "do not truncate me"
    (warehouse / LOCK_FILE).unlink()
    (warehouse / "lkjip.duckdb").symlink_to(precious)
    with pytest.raises(WarehouseBusy, match="lkjip.duckdb"), single_writer(warehouse, "test"):
        pass


def test_a_file_dated_in_the_future_is_seen_now_and_said(tmp_path: Path):
    (tmp_path / "manual").mkdir()
    path = tmp_path / "manual" / "m.csv"
    path.write_text("a\n", encoding="utf-8")
    future = time.time() + 5 * 365 * 24 * 3600
    os.utime(path, (future, future))
    after = scan(tmp_path, load_cursor(None), {"manual": (".csv",)})
    assert after["future"] == ["manual/m.csv"] and "manual/m.csv" in after["sha256"]


@pytest.mark.parametrize("text", ["Pelatihan;=cmd|' /C calc'!A0", "Pelatihan,@SUM(1+1)", "Pelatihan\t=1+1", "a; -cmd"])
def test_no_piece_of_an_exported_text_starts_a_formula_whatever_the_list_separator(text: str):
    for done in (neutralise(text), neutralise_text_columns(pl.DataFrame({"uraian": [text]})).item()):
        pieces = [p.strip() for sep in ";,\t" for p in done.split(sep)]
        formula = [p for p in pieces if p[:1] in ("=", "@") or (p[:1] in ("+", "-") and p[1:2] and not p[1:2].isdigit())]
        assert not formula, done
    assert neutralise("Dinas, -") == "Dinas, -" and neutralise("a; -5") == "a; -5"


def test_one_spelling_per_name_and_no_control_characters(tmp_path: Path):
    nfd = unicodedata.normalize("NFD", "Koperasi Séjahtera")
    rows = [["51.02", 2023, "manual.a", "1", "nilai", nfd]]
    write_csv(tmp_path / MANUAL_FOLDER / "m.csv", MANUAL, rows)
    read = read_manual(list_sources(tmp_path, MANUAL_FOLDER, MANUAL_EXTENSIONS))
    assert read.get_column("sumber").item() == unicodedata.normalize("NFC", "Koperasi Séjahtera")
    rows[0][5] = "Lap\x0boran"
    write_csv(tmp_path / MANUAL_FOLDER / "m.csv", MANUAL, rows)
    message = refused(lambda: read_manual(list_sources(tmp_path, MANUAL_FOLDER, MANUAL_EXTENSIONS)))
    assert "manual/m.csv" in message and "'sumber'" in message and "\\x0b" in message and len(message.splitlines()) == 1


def test_single_quoted_attributes_do_not_hide_an_absurd_extent(tmp_path: Path):
    """Valid XML may quote attributes with '; a 2 kB workbook written so would have the reader size
    a grid of 17 billion cells (the process aborts). Run in a child process: a crash is a failure
    here, not the end of the test session."""
    import subprocess
    import sys
    import zipfile

    from tests.test_hostile import far_cell_workbook

    source = far_cell_workbook(tmp_path / "far.xlsx")
    quoted = tmp_path / "raw" / "umkm_desa" / "umkm.xlsx"
    quoted.parent.mkdir(parents=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(quoted, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            out.writestr(item, data.replace(b'"', b"'") if item.filename.endswith(".xml") else data)
    code = ("import sys; from pathlib import Path; from pipelines.lib.tabular import read_table; from tests.test_hostile import UMKM_HEADER;"
            "print('\\n'.join(str(p) for p in read_table(Path(sys.argv[1]), 'umkm_desa/umkm.xlsx', UMKM_HEADER)[1]))")
    done = subprocess.run([sys.executable, "-c", code, str(quoted)], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr[-500:]
    assert "umkm_desa/umkm.xlsx" in done.stdout and "A1:XFD1048576" in done.stdout


def test_an_encrypted_workbook_is_named_as_such(tmp_path: Path):
    """What Excel writes for a workbook saved with a password: a compound file with an
    EncryptedPackage stream, not a zip."""
    from pipelines.lib.tabular import read_table

    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    message = "\n".join(str(p) for p in read_table(path, "manual/rahasia.xlsx", MANUAL)[1])
    assert "manual/rahasia.xlsx" in message and "password" in message


def test_one_problem_is_one_line_however_its_file_is_named(tmp_path: Path):
    write_csv(tmp_path / MANUAL_FOLDER / "m\nbaru.csv", MANUAL, [["51.02", 2023, "manual.a", "abc", "nilai", "x"]])
    message = refused(lambda: read_manual(list_sources(tmp_path, MANUAL_FOLDER, MANUAL_EXTENSIONS)))
    assert len(message.splitlines()) == 1 and "m\\nbaru.csv" in message
    tagged = refused(lambda: katalog(tmp_path, CATALOG + "x: !!python/object/apply:os.system ['true']\n"))
    assert len(tagged.splitlines()) == 1 and "perjanjian_kinerja/32.73_2024.yaml" in tagged


def test_a_unit_that_does_not_fit_its_values_is_refused(tmp_path: Path):
    """An answer saying Ribu Orang over values in persons: every figure 1,000 times too large."""
    from tests.test_bps import PENGANGGURAN

    (tmp_path / BPS_FOLDER).mkdir()
    write = lambda name, body: (tmp_path / BPS_FOLDER / name).write_text(json.dumps(body), encoding="utf-8")  # noqa: E731
    write("ak.json", answer(ANGKATAN_KERJA, {key(5102, 541, 123): 287.569}))
    write("p.json", answer(PENGANGGURAN, {key(5102, PENGANGGURAN["val"], 123): 11000.0}))
    assert read_bps(list_sources(tmp_path, BPS_FOLDER, BPS_EXTENSIONS)).height == 2
    write("ak.json", answer(ANGKATAN_KERJA, {key(5102, 541, 123): 287569}))  # persons, under "Ribu Orang"
    message = refused(lambda: read_bps(list_sources(tmp_path, BPS_FOLDER, BPS_EXTENSIONS)))
    assert "bps/ak.json" in message and "Ribu Orang" in message and "287.569.000" in message.replace(",", ".")


def test_a_damaged_or_unwritable_warehouse_is_one_message_with_advice(tmp_path: Path):
    from pipelines.runner import run

    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    (warehouse / "lkjip.duckdb").write_bytes(b"not a database" * 100)  # truncated, or another program's file
    outcome = run(tmp_path / "raw", warehouse)
    assert not outcome.ok and len(outcome.problems) == 1
    assert "lkjip.duckdb" in outcome.problems[0] and "raw/" in outcome.problems[0] and "\n" not in outcome.problems[0]
    (warehouse / "lkjip.duckdb").unlink()
    warehouse.chmod(0o500)
    try:
        if os.access(warehouse, os.W_OK):  # root writes anyway: nothing to refuse
            return
        outcome = run(tmp_path / "raw", warehouse)
        assert not outcome.ok and len(outcome.problems) == 1 and "--warehouse-dir" in outcome.problems[0]
    finally:
        warehouse.chmod(0o700)


def test_no_small_file_holds_a_giant_line_cell_or_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from pipelines.lib.tabular import read_table
    from tests.conftest import write_xlsx

    def said(path: Path, display: str) -> str:
        try:
            return "\n".join(str(p) for p in read_table(path, display, MANUAL)[1])
        except ContractError as err:
            return str(err)

    long_line = tmp_path / "line.csv"
    long_line.write_text(",".join(MANUAL) + "\n51.02,2023,manual.a,1,nilai," + "x" * 2_000_000 + "\n", encoding="utf-8")
    message = said(long_line, "manual/line.csv")
    assert "manual/line.csv" in message and "LKJIP_MAX_LINE_KB" in message
    long_cell = tmp_path / "cell.csv"
    long_cell.write_text(",".join(MANUAL) + "\n51.02,2023,manual.a,1,nilai," + "x" * 40_000 + "\n", encoding="utf-8")
    message = said(long_cell, "manual/cell.csv")
    assert "manual/cell.csv" in message and "32.767" in message.replace(",", ".")
    monkeypatch.setenv("LKJIP_MAX_PART_MB", "0.001")  # one kB: the test's small workbook stands for a bomb
    book = write_xlsx(tmp_path / "book.xlsx", [MANUAL, ["51.02", 2023, "manual.a", 1, "nilai", "y" * 5000]], sheet="Data")
    message = said(book, "manual/book.xlsx")
    assert "manual/book.xlsx" in message and "LKJIP_MAX_PART_MB" in message


# ------------------------------------------------------------------ hidden rows of a budget sheet

def sample_budget(raw: Path, edit) -> pl.DataFrame:  # noqa: ANN001
    """The sample's Q4 DPPA workbook edited by `edit(sheet)`, read as raw lines."""
    import openpyxl

    from pipelines.lib.sipd.reader import EXTENSIONS as SIPD_EXTENSIONS
    from pipelines.lib.sipd.reader import read_rfk
    from tests.conftest import SAMPLE_RAW

    source = next((SAMPLE_RAW / "sipd").glob("*Q4_DPPA.xlsx"))
    wb = openpyxl.load_workbook(source)
    edit(wb.active)
    (raw / "sipd").mkdir(parents=True)
    wb.save(raw / "sipd" / source.name)
    return read_rfk(list_sources(raw, "sipd", SIPD_EXTENSIONS))


def row_of(sheet, kode: str) -> int:  # noqa: ANN001
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == kode)


def program_sums(lines: pl.DataFrame) -> dict[str, float]:
    from pipelines.lib.sipd.split import sub_kegiatan

    return dict(sub_kegiatan(lines).group_by(pl.col("kode").str.slice(0, 7)).agg(pl.col("pagu").sum()).iter_rows())


def test_a_planted_hidden_row_no_printed_total_includes_is_left_out_and_named(tmp_path: Path):
    """A sub kegiatan row of 1.000.000.000 hidden under program 2.07.03: the JUMLAH printed below
    does not include it, so it is not summed; it stays in the raw lines, marked, and the reviu
    names it."""
    from pipelines.lib.reviu.anggaran_rules import hidden_rows
    from schemas.sipd import SipdRfk
    from pipelines.lib.validation import validate

    def plant(sheet) -> None:  # noqa: ANN001
        at = row_of(sheet, "2.07.03.2.02.0001") + 1
        sheet.insert_rows(at)
        for c, v in enumerate(["2.07.03.2.02.0002", "Sisipan", 1_000_000_000, 900_000_000, 90, 100], start=1):
            sheet.cell(at, c, v)
        sheet.row_dimensions[at].hidden = True

    lines = validate(SipdRfk, sample_budget(tmp_path, plant), "raw/SipdRfk")
    planted = lines.filter(pl.col("kode") == "2.07.03.2.02.0002").row(0, named=True)
    assert (planted["dihitung"], planted["tersembunyi"], planted["pagu_tersembunyi"]) == (False, "tidak_dihitung", 1e9)
    assert program_sums(lines)["2.07.03"] == 416_200_000  # what the sheet shows, not 1.416.200.000
    found = hidden_rows(lines)
    assert len(found) == 1 and found[0]["kunci"] == "2.07.03.2.02.0002"
    assert str(planted["source_row"]) in found[0]["message"] and "1.000.000.000" in found[0]["message"]


def test_hidden_detail_the_printed_total_counts_is_counted(tmp_path: Path):
    """A dinas hides a sub kegiatan row its JUMLAH still includes: it is summed, and named."""
    from pipelines.lib.reviu.anggaran_rules import hidden_rows

    shown = program_sums(sample_budget(tmp_path / "a", lambda sheet: None))

    def hide(sheet) -> None:  # noqa: ANN001
        sheet.row_dimensions[row_of(sheet, "2.07.03.2.02.0001")].hidden = True

    lines = sample_budget(tmp_path / "b", hide)
    assert program_sums(lines) == shown
    hidden = lines.filter(pl.col("tersembunyi").is_not_null())
    assert hidden.select("kode", "tersembunyi", "dihitung").rows() == [("2.07.03.2.02.0001", "dihitung", True)]
    assert len(hidden_rows(lines)) == 1


def test_a_hidden_rekening_row_of_a_sheet_that_prints_no_subtotal_is_left_out(tmp_path: Path):
    """The SIPD-RI rekap (real, Buru 2026) prints rekening rows and no subtotal: a hidden rekening
    row is left out of its sub kegiatan's pagu (what the sheet shows), which keeps its other rows."""
    import openpyxl

    from pipelines.lib.provenance import SourceFile
    from pipelines.lib.sipd.reader import Konteks, read_rfk
    from pipelines.lib.tabular import header_name
    from tests.test_sipd_layouts import DATA

    skpd = "1.01.2.22.0.00.01.0000"
    opd = pl.DataFrame({"kode_wilayah": ["81.04"], "opd": ["Dinas Pendidikan dan Kebudayaan"], "kode_skpd": [skpd], "kode_unit": [None]},
                       schema=dict.fromkeys(["kode_wilayah", "opd", "kode_skpd", "kode_unit"], pl.String))
    wb = openpyxl.load_workbook(DATA / "sipd_ri_rekap5_buru_2026.xlsx")
    ws = wb.active
    names = {header_name(c.value): c.column for c in ws[1]}
    kode = names["kode_sub_kegiatan"]
    ours = [r for r in range(2, ws.max_row + 1)
            if ws.cell(r, names["kode_skpd"]).value == skpd and isinstance(ws.cell(r, names["pagu"]).value, (int, float))]
    by_sub: dict[str, list[int]] = {}
    for r in ours:
        by_sub.setdefault(ws.cell(r, kode).value, []).append(r)
    sub, rows = next((k, v) for k, v in by_sub.items() if len(v) > 1)
    hidden_pagu = float(ws.cell(rows[-1], names["pagu"]).value)
    ws.row_dimensions[rows[-1]].hidden = True
    wb.save(tmp_path / "rekap5.xlsx")

    def pagu(path: Path) -> pl.DataFrame:
        return read_rfk([SourceFile(path, "sipd/rekap5.xlsx")], Konteks(katalog=opd)).filter(pl.col("kode") == sub)

    before, after = pagu(DATA / "sipd_ri_rekap5_buru_2026.xlsx"), pagu(tmp_path / "rekap5.xlsx")
    line = after.row(0, named=True)
    assert after.height == 1 and line["dihitung"] and line["tersembunyi"] == "tidak_dihitung"
    assert line["pagu"] == before.get_column("pagu").sum() - hidden_pagu and line["pagu_tersembunyi"] == hidden_pagu
    assert line["baris_tersembunyi"] == str(rows[-1])


def test_a_word_part_above_its_limit_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """python-docx holds a document as a tree of about 15× its XML: a 1.4 MB .docx whose
    document.xml unpacks to 480 MB peaked at 6.6 GB (scripts/bench_bombs.py). Its parts are bounded."""
    from tests.test_reviu_terbit import FOLDER as PUBLISHED, word_report, read

    raw = tmp_path / "raw"
    (raw / PUBLISHED).mkdir(parents=True)
    word_report(raw / PUBLISHED / "lkjip_32.73_2024.docx")
    monkeypatch.setenv("LKJIP_MAX_WORD_PART_MB", "0.001")
    message = refused(lambda: read(raw))
    assert "published/lkjip_32.73_2024.docx" in message and "word/document.xml" in message and "LKJIP_MAX_WORD_PART_MB" in message


def test_a_sheet_declaring_a_dtd_is_refused(tmp_path: Path):
    """No workbook Excel writes has a DTD; one is the way to entity tricks, so the scan refuses it."""
    import zipfile

    from pipelines.lib.tabular import read_table
    from tests.conftest import write_xlsx
    from tests.test_hostile import UMKM_HEADER

    source = write_xlsx(tmp_path / "ok.xlsx", [UMKM_HEADER, [2023, "5102010001", "Desa", "Jasa", "mikro", 3, 4]], sheet="Data")
    planted = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(planted, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = data.split(b"?>", 1)[-1] if data.startswith(b"<?xml") else data
                data = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + body
            out.writestr(item, data)
    problems = read_table(planted, "umkm_desa/dtd.xlsx", UMKM_HEADER)[1]
    assert len(problems) == 1 and "umkm_desa/dtd.xlsx" in str(problems[0]) and "DTD" in str(problems[0])


def test_hidden_rows_and_merged_areas_are_read_from_the_sheet_xml(tmp_path: Path):
    """Rows without a number follow the previous row; a hidden row is recorded by Excel's number;
    either quote, any namespace prefix."""
    import zipfile

    from pipelines.lib.xlsx_extent import scan

    sheet = ("<?xml version='1.0'?><x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><x:sheetData>"
             "<x:row r='2'><x:c r='A2'/></x:row><x:row hidden='1'><x:c/><x:c/><x:c/></x:row><x:row r='9' hidden=\"true\"/>"
             "</x:sheetData><x:mergeCells><x:mergeCell ref='B2:D3'/></x:mergeCells></x:worksheet>")
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sheet.xml", sheet)
    with zipfile.ZipFile(path) as archive:
        found = scan(archive, "sheet.xml")
    assert (found.rows, found.columns, found.hidden_rows, found.merged) == (9, 3, frozenset({3, 9}), ((1, 1, 2, 3),))


def test_what_the_scan_keeps_is_bounded(tmp_path: Path):
    """A planted part of hidden rows numbered past Excel's last row and of merged areas by the
    million: the scan keeps no more than Excel can show and MAX_MERGED areas."""
    import zipfile

    from pipelines.lib.xlsx_extent import EXCEL_ROWS, MAX_MERGED, scan

    rows = "".join(f"<row r='{EXCEL_ROWS + i}' hidden='1'/>" for i in range(1, 2001))
    merges = "<mergeCell ref='A1:B2'/>" * (MAX_MERGED + 500)
    sheet = f"<worksheet><sheetData><row r='5' hidden='1'/>{rows}</sheetData><mergeCells>{merges}</mergeCells></worksheet>"
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sheet.xml", sheet)
    with zipfile.ZipFile(path) as archive:
        found = scan(archive, "sheet.xml")
    assert found.hidden_rows == frozenset({5}) and len(found.merged) == MAX_MERGED


def test_sheets_each_within_the_cell_limit_are_bounded_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The reader holds every sheet it reads: the limit is the workbook's, not each sheet's."""
    import openpyxl

    from pipelines.lib.tabular import read_table
    from tests.test_hostile import UMKM_HEADER

    wb = openpyxl.Workbook()
    for name in ("A", "B"):
        ws = wb.create_sheet(name)
        ws.append(UMKM_HEADER)
        ws["G30"] = 1  # 30 rows × the header's width each
    del wb["Sheet"]
    wb.save(tmp_path / "dua.xlsx")
    monkeypatch.setenv("LKJIP_MAX_SHEET_CELLS", "300")
    problems = read_table(tmp_path / "dua.xlsx", "umkm_desa/dua.xlsx", UMKM_HEADER)[1]
    together = 2 * 30 * max(len(UMKM_HEADER), 7)
    assert len(problems) == 1 and f"{together:,}" in str(problems[0]) and "LKJIP_MAX_SHEET_CELLS" in str(problems[0])
    monkeypatch.setenv("LKJIP_MAX_SHEET_CELLS", str(together))
    assert not [p for p in read_table(tmp_path / "dua.xlsx", "umkm_desa/dua.xlsx", UMKM_HEADER)[1] if "LKJIP" in str(p)]
