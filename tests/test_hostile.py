"""Hostile input: what a file can carry never runs, explodes, escapes raw/ or changes a number
silently. Every case plants a small file written here and looks for the refusal or the handling."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from pipelines.lib.numbers import parse_number
from pipelines.lib.problems import ContractError, Problem
from pipelines.lib.provenance import list_folder, list_sources
from pipelines.lib.tabular import read_table
from pipelines.lib.bps.reader import EXTENSIONS as BPS_EXTENSIONS
from pipelines.lib.bps.reader import FOLDER as BPS_FOLDER
from pipelines.lib.bps.reader import read_bps
from pipelines.lib.koperasi import registry
from pipelines.lib.reviu.anggaran_rules import realisasi_over_pagu
from pipelines.lib.reviu.data_rules import fewer_workers_than_enterprises
from pipelines.lib.sipd.reader import read_rfk
from pipelines.lib.umkm.reader import EXTENSIONS, FOLDER, read_umkm
from pipelines.lib.writer_lock import HOLDER_FILE, LOCK_FILE, WarehouseBusy, clean_leftovers, single_writer
from tests.conftest import REPO, SAMPLE_RAW, write_csv, write_xlsx
from tests.test_bps import ANGKATAN_KERJA, PENGANGGURAN, answer, key
from tests.test_koperasi import HEADER as ODS_HEADER
from tests.test_koperasi import A as COOP_A

UMKM_HEADER = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala", "jumlah_usaha", "jumlah_tenaga_kerja"]
BAJERA = ["51.02.01.2001", "Bajera", "Selemadeg"]


def umkm(raw: Path) -> pl.DataFrame:
    return read_umkm(list_sources(raw, FOLDER, EXTENSIONS))


def refused(call) -> str:  # noqa: ANN001
    with pytest.raises(ContractError) as err:
        call()
    return str(err.value)


def named(problems: list[Problem]) -> str:
    """The lines a steward reads for problems a step returned (it went on with the rest)."""
    return str(ContractError(problems))


# ------------------------------------------------------------------ raw/ is the boundary


def test_links_leading_outside_raw_are_refused_by_name_and_never_opened(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / FOLDER / "umkm.csv", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "mikro", 3, 4]])
    elsewhere = write_csv(tmp_path / "elsewhere" / "other.csv", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "kecil", 99, 99]])
    (raw / FOLDER / "other.csv").symlink_to(elsewhere)
    (raw / FOLDER / "passwd.csv").symlink_to("/etc/passwd")
    message = named(list_folder(raw, FOLDER, EXTENSIONS).problems)
    assert "umkm_desa/other.csv" in message and "umkm_desa/passwd.csv" in message and "outside the raw folder" in message
    assert "root:" not in message and "/etc/passwd" not in message  # neither the target's text nor its path

    # a whole source folder linked from elsewhere is refused the same way
    (raw / FOLDER / "other.csv").unlink()
    (raw / FOLDER / "passwd.csv").unlink()
    (raw / "bps").symlink_to(elsewhere.parent, target_is_directory=True)
    assert "bps/" in named(list_folder(raw, "bps", (".json",)).problems)


def test_a_link_inside_raw_is_read(tmp_path: Path):
    raw = tmp_path / "raw"
    original = write_csv(raw / "lain" / "umkm.csv", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "mikro", 3, 4]])
    (raw / FOLDER).mkdir()
    (raw / FOLDER / "umkm.csv").symlink_to(original)
    assert umkm(raw).get_column("jumlah_usaha").to_list() == [3]


def test_extensions_in_any_case_are_read_and_subfolders_and_other_files_are_ignored_by_name(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / FOLDER / "UMKM_2023.CSV", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "mikro", 3, 4]])
    write_csv(raw / FOLDER / "arsip" / "umkm_lama.csv", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "kecil", 50, 60]])
    (raw / FOLDER / "catatan.txt").write_text("bukan data", encoding="utf-8")
    listing = list_folder(raw, FOLDER, EXTENSIONS)
    assert [s.name for s in listing.sources] == ["umkm_desa/UMKM_2023.CSV"]
    assert dict(listing.ignored) == {
        "umkm_desa/arsip/": "a subfolder: only files directly in the source folder are read",
        "umkm_desa/catatan.txt": "not a csv / xlsx file",
    }
    assert umkm(raw).get_column("jumlah_usaha").to_list() == [3]  # the archived 50 is not counted


def test_a_file_above_the_size_limit_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    raw = tmp_path / "raw"
    write_csv(raw / FOLDER / "besar.csv", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "mikro", 3, 4]] * 200)
    monkeypatch.setenv("LKJIP_MAX_FILE_MB", "0.001")
    message = named(list_folder(raw, FOLDER, EXTENSIONS).problems)
    assert "umkm_desa/besar.csv" in message and "LKJIP_MAX_FILE_MB" in message


# ------------------------------------------------------------------ workbooks that explode


def far_cell_workbook(path: Path) -> Path:
    """Two kB on disk, one stray cell at the last row and column Excel has."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(UMKM_HEADER)
    ws.append([2023, *BAJERA, "Jasa", "mikro", 3, 4])
    ws["XFD1048576"] = "x"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_a_sheet_with_an_absurd_extent_is_refused_before_loading(tmp_path: Path):
    path = far_cell_workbook(tmp_path / "raw" / FOLDER / "umkm.xlsx")
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    message = named(read_table(path, "umkm_desa/umkm.xlsx", UMKM_HEADER)[1])
    assert time.perf_counter() - started < 5  # no 500 GB allocation, no crash
    assert "umkm_desa/umkm.xlsx" in message and "sheet 'Data'" in message and "A1:XFD1048576" in message


def test_a_declared_extent_is_checked_too(tmp_path: Path):
    """Cells in A1:H2, but the sheet declares A1:XFD1048576 (the dimension the reader sizes by)."""
    path = write_xlsx(tmp_path / "ok.xlsx", [UMKM_HEADER, [2023, *BAJERA, "Jasa", "mikro", 3, 4]], sheet="Data")
    patched = tmp_path / "declared.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            target.writestr(item, data)
    assert "A1:XFD1048576" in named(read_table(patched, "umkm_desa/declared.xlsx", UMKM_HEADER)[1])


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = write_xlsx(tmp_path / "ok.xlsx", [UMKM_HEADER, [2023, *BAJERA, "Jasa", "mikro", 3, 4]])
    monkeypatch.setenv("LKJIP_MAX_UNPACKED_MB", "0.001")
    assert "LKJIP_MAX_UNPACKED_MB" in named(read_table(path, "umkm_desa/ok.xlsx", UMKM_HEADER)[1])


def test_a_hidden_sheet_is_never_loaded_and_a_visible_one_is_checked(tmp_path: Path):
    """A workbook of many sheets (an RFK per SKPD) is read sheet by sheet: a hidden sheet (stale
    data of another year, a huge scratch sheet) is never loaded; a visible sheet of absurd extent is
    refused naming it before anything is loaded."""
    raw = tmp_path / "raw"
    sample = next((SAMPLE_RAW / "sipd").glob("*Q4_DPPA.xlsx"))
    target = raw / "sipd" / sample.name
    target.parent.mkdir(parents=True)
    wb = openpyxl.load_workbook(sample)
    scratch = wb.create_sheet("Catatan")
    scratch["XFD1048576"] = "x"
    scratch.sheet_state = "hidden"
    wb.save(target)
    lines = read_rfk(list_sources(raw, "sipd", (".xlsx",)))
    assert lines.height > 0 and set(lines.get_column("source_sheet").unique()) == {wb.sheetnames[0]}
    wb["Catatan"].sheet_state = "visible"
    wb.save(target)
    message = refused(lambda: read_rfk(list_sources(raw, "sipd", (".xlsx",))))
    assert "sheet 'Catatan'" in message and "LKJIP_MAX_SHEET_CELLS" in message


# ------------------------------------------------------------------ dates, numbers, messages


def test_a_two_digit_year_is_refused_quoting_the_text_typed(tmp_path: Path):
    raw = tmp_path / "raw"
    row = list(COOP_A)
    row[ODS_HEADER.index("tanggal_badan_hukum")] = "17/05/23"
    write_csv(raw / registry.FOLDER / "ods.csv", ODS_HEADER, [row])
    message = refused(lambda: registry.read_registry(list_sources(raw, registry.FOLDER, registry.EXTENSIONS)))
    assert "ods_koperasi/ods.csv, row 2, column 'tanggal_badan_hukum', value '17/05/23'" in message
    assert "four-digit year" in message and "0023" not in message


def test_non_finite_numbers_are_refused_naming_the_cell(tmp_path: Path):
    assert pl.select(parse_number(pl.lit("inf"))).item() is None and pl.select(parse_number(pl.lit("NaN"))).item() is None
    raw = tmp_path / "raw"
    write_csv(raw / FOLDER / "umkm.csv", UMKM_HEADER, [[2023, *BAJERA, "Jasa", "mikro", "inf", 4]])
    message = refused(lambda: umkm(raw))
    assert "umkm_desa/umkm.csv, row 2, column 'jumlah_usaha', value 'inf'" in message


def test_one_problem_is_one_line_even_when_the_cell_holds_line_breaks(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / FOLDER / "umkm.csv", UMKM_HEADER, [[2023, "51.02.01.2001\nBajera\nSelemadeg", "Bajera", "Selemadeg", "Jasa", "mikro", 3, 4]])
    with pytest.raises(ContractError) as err:
        umkm(raw)
    assert len(err.value.problems) == 1 and len(str(err.value).splitlines()) == 1
    assert "51.02.01.2001\\nBajera\\nSelemadeg" in str(err.value)
    assert str(Problem(file="f.csv", value="a\r\nb", message="m")) == "f.csv, value 'a\\r\\nb': m"


# ------------------------------------------------------------------ encodings and separators


def test_a_windows_1252_csv_is_refused_with_what_to_do(tmp_path: Path):
    path = tmp_path / "raw" / FOLDER / "umkm.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(("tahun,kode_desa,nama_desa\n2023,51.02.01.2001,Désa Bajera\n").encode("cp1252"))
    message = refused(lambda: umkm(tmp_path / "raw"))
    assert "umkm_desa/umkm.csv" in message and "not UTF-8" in message and "CSV UTF-8" in message and "line 2" in message
    assert "polars" not in message


def test_utf16_and_semicolon_csvs_are_read(tmp_path: Path):
    """Excel's "Unicode text" (UTF-16 with BOM) and an Indonesian-locale CSV (semicolons,
    decimal commas) give the same rows as a plain CSV."""
    raw = tmp_path / "raw"
    lines = ["tahun;kode_desa;nama_desa;kecamatan;sektor;skala;jumlah_usaha;jumlah_tenaga_kerja",
             '2023;51.02.01.2001;Bajera;Selemadeg;"Perdagangan, Aneka Jasa";mikro;1.204;1.310',
             "2023;51.02.01.2001;Bajera;Selemadeg;Jasa;kecil;3;4"]
    (raw / FOLDER).mkdir(parents=True)
    (raw / FOLDER / "titik_koma.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (raw / FOLDER / "unicode.csv").write_bytes(codecs.BOM_UTF16_LE + ("\n".join(lines).replace("kecil", "menengah").replace("mikro", "kecil") + "\n").encode("utf-16-le"))
    frame = umkm(raw).sort("source_file", "skala")
    assert frame.select("source_file", "sektor", "jumlah_usaha", "jumlah_tenaga_kerja").rows() == [
        ("umkm_desa/titik_koma.csv", "Jasa", 3, 4),
        ("umkm_desa/titik_koma.csv", "Perdagangan, Aneka Jasa", 1204, 1310),
        ("umkm_desa/unicode.csv", "Perdagangan, Aneka Jasa", 1204, 1310),
        ("umkm_desa/unicode.csv", "Jasa", 3, 4),
    ]


def test_an_empty_file_and_a_duplicate_header_are_named(tmp_path: Path):
    raw = tmp_path / "raw"
    (raw / FOLDER).mkdir(parents=True)
    (raw / FOLDER / "kosong.csv").write_text("\n  \n", encoding="utf-8")
    assert "umkm_desa/kosong.csv: the file is empty" in refused(lambda: umkm(raw))
    (raw / FOLDER / "kosong.csv").unlink()
    write_csv(raw / FOLDER / "dobel.csv", [*UMKM_HEADER, "jumlah_usaha"], [[2023, *BAJERA, "Jasa", "mikro", 3, 4, 5]])
    message = refused(lambda: umkm(raw))
    assert "umkm_desa/dobel.csv, row 1, column 'jumlah_usaha': this column appears 2 times in the header" in message


def test_a_short_title_line_is_read_and_a_row_with_a_cell_too_many_is_refused(tmp_path: Path):
    """A CSV made by hand: a title line above the table, then a decimal comma in a comma-separated
    row, which would read 1,5 as 1 and shift the rest of the row one column to the right."""
    raw = tmp_path / "raw"
    (raw / FOLDER).mkdir(parents=True)
    header = ",".join(UMKM_HEADER)
    good = f"2023,{','.join(BAJERA)},Jasa,mikro,3,4"
    (raw / FOLDER / "judul.csv").write_text(f"UMKM Desa Bajera 2023\n\n{header}\n{good}\n", encoding="utf-8")
    assert umkm(raw).select("sektor", "jumlah_usaha", "jumlah_tenaga_kerja", "source_row").rows() == [("Jasa", 3, 4, 4)]
    (raw / FOLDER / "koma.csv").write_text(f"{header}\n{good}\n2023,{','.join(BAJERA)},Kuliner,mikro,1,5,2\n", encoding="utf-8")
    assert "umkm_desa/koma.csv, row 3, value '2': this row has more cells than the header" in refused(lambda: umkm(raw))


# ------------------------------------------------------------------ plausibility


def test_more_unemployed_than_the_labour_force_is_refused(tmp_path: Path):
    """Angkatan kerja typed in thousands but labelled Orang: 1000× too small."""
    folder = tmp_path / "raw" / BPS_FOLDER
    folder.mkdir(parents=True)
    orang = {**ANGKATAN_KERJA, "unit": "Orang"}
    (folder / "ak.json").write_text(json.dumps(answer(orang, {key(5102, 541, 123): 263.6})), encoding="utf-8")
    (folder / "pt.json").write_text(json.dumps(answer(PENGANGGURAN, {key(5102, 543, 123): 3939})), encoding="utf-8")
    message = refused(lambda: read_bps(list_sources(tmp_path / "raw", BPS_FOLDER, BPS_EXTENSIONS)))
    assert "bps/pt.json" in message and "bps/ak.json" in message and "more unemployed than the labour force" in message


def test_fewer_workers_than_enterprises_is_a_finding():
    rows = pl.DataFrame(
        {"kode_wilayah": ["51.02"] * 2, "tahun": [2023] * 2, "kode_desa": ["51.02.01.2001"] * 2, "nama_desa": ["Bajera"] * 2,
         "sektor": ["Jasa", "Perdagangan"], "skala": ["mikro"] * 2, "jumlah_usaha": [30, 5], "jumlah_tenaga_kerja": [3, 9],
         "source_file": ["umkm_desa/u.csv"] * 2, "source_row": [2, 3]}
    )
    found = fewer_workers_than_enterprises(rows, 2023)
    assert [(f["rule"], f["kunci"], f["actual"]) for f in found] == [("umkm_workers_below_enterprises", "51.02.01.2001 Jasa mikro", "3")]
    assert "umkm_desa/u.csv row 2" in found[0]["message"]


def test_realisasi_above_pagu_is_a_finding(monkeypatch: pytest.MonkeyPatch):
    tree = pl.DataFrame(
        {"kode_wilayah": ["51.02"] * 3, "tahun": [2023] * 3, "periode": ["2023-Q2", "2023-Q4", "2023-Q4"],
         "level": ["sub_kegiatan"] * 3, "kode": ["2.17.02.2.01.0001", "2.17.02.2.01.0001", "2.17.02.2.01.0002"],
         "uraian": ["A", "A", "B"], "pagu": [100.0, 100.0, 100.0], "realisasi": [10.0, 104.0, 100.0],
         "persen_keuangan": [10.0, 104.0, 100.0]}
    )
    assert [f["kunci"] for f in realisasi_over_pagu(tree)] == ["2.17.02.2.01.0001"]  # the latest quarter only
    monkeypatch.setenv("LKJIP_TOLERANSI_REALISASI", "1.05")
    assert realisasi_over_pagu(tree) == []


# ------------------------------------------------------------------ one writer, nothing left behind

HOLD = """
import sys, time
from pathlib import Path
from pipelines.lib.writer_lock import single_writer
with single_writer(Path(sys.argv[1]), "test holder"):
    print("held", flush=True)
    time.sleep(120)
"""


def test_a_second_run_is_refused_while_one_writes_and_a_killed_holder_frees_the_lock(tmp_path: Path):
    from pipelines import runner

    warehouse = tmp_path / "warehouse"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(warehouse)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        outcome = runner.run(SAMPLE_RAW, warehouse)
        assert not outcome.ok and not outcome.run_ids and outcome.did_not_start  # refused before any run started
        assert len(outcome.problems) == 1 and "another run is writing the warehouse" in outcome.problems[0]
        assert f"pid {holder.pid}, test holder" in outcome.problems[0]
        with pytest.raises(WarehouseBusy):
            with single_writer(warehouse, "second", wait=0.6):
                pass
    finally:
        holder.kill()  # SIGKILL; TerminateProcess on Windows
        holder.wait()
    with single_writer(warehouse, "after the kill"):  # the kernel released the killed holder's lock
        with single_writer(warehouse, "re-entered"):  # and the same process passes through
            pass


def test_the_holder_line_sits_beside_the_lock_while_held_and_a_stale_one_is_harmless(tmp_path: Path):
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    holder = warehouse / HOLDER_FILE
    holder.write_text("pid 1, a run killed long ago, since 2020-01-01", encoding="utf-8")
    with single_writer(warehouse, "first"):
        assert holder.read_text(encoding="utf-8").startswith(f"pid {os.getpid()}, first, ")
        with single_writer(warehouse, "re-entered"):
            pass
        assert f"pid {os.getpid()}, first, " in holder.read_text(encoding="utf-8")  # re-entry keeps the holder's line
    assert not holder.exists() and (warehouse / LOCK_FILE).exists()
    holder.symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(WarehouseBusy, match="symbolic link"), single_writer(warehouse, "through a link"):
        pass
    assert not (tmp_path / "elsewhere.txt").exists()


def test_the_next_writer_cleans_what_a_killed_run_left(tmp_path: Path):
    warehouse = tmp_path / "warehouse"
    staging = warehouse / "exports" / ".staging-1234" / "51.02" / "2023"
    staging.mkdir(parents=True)
    half_swapped = warehouse / "exports" / "51.02" / ".2023.old"
    half_swapped.mkdir(parents=True)
    tmp_file = warehouse / "exports" / "51.02" / "2023" / ".iku_capaian.csv.tmp"
    tmp_file.parent.mkdir(parents=True)
    tmp_file.write_text("half", encoding="utf-8")
    kept = tmp_file.with_name("iku_capaian.csv")
    kept.write_text("whole", encoding="utf-8")
    site = warehouse / "data_docs"
    orphan = site / "validations" / "umkm_desa" / "run" / "page.html"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("<html>half", encoding="utf-8")
    with single_writer(warehouse, "cleaner"):
        pass
    assert not staging.parent.parent.exists() and not half_swapped.exists() and not tmp_file.exists() and not orphan.exists()
    assert kept.read_text(encoding="utf-8") == "whole"
    assert clean_leftovers(warehouse) == []


# ------------------------------------------------------------------ text never becomes a formula or markup

FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'
COMMAND = "@SUM(1+1)*cmd|' /C calc'!A0"
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory: pytest.TempPathFactory):
    """The sample with a formula in a catalog text, a command in a SIPD uraian and markup in an
    indicator name and a UMKM sector, run end to end."""
    from pipelines import runner

    base = tmp_path_factory.mktemp("planted")
    raw = base / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    catalog = raw / "perjanjian_kinerja" / "51.02_2023.yaml"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace('sasaran: "Terwujudnya kualitas tata kelola pemerintahan di OPD"', f"sasaran: '{FORMULA}'", 1)
    text = text.replace('indikator: "Hasil penilaian mandiri pelaksanaan reformasi birokrasi"', f'indikator: "{MARKUP} Hasil penilaian mandiri"', 1)
    catalog.write_text(text, encoding="utf-8")
    sipd = next((raw / "sipd").glob("*Q4_DPPA.xlsx"))
    wb = openpyxl.load_workbook(sipd)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and re.fullmatch(r"\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}", c.value))
    ws.cell(cell.row, cell.column + 1).value = COMMAND
    wb.save(sipd)
    umkm_file = raw / FOLDER / "umkm_desa_tabanan_2023.xlsx"
    wb = openpyxl.load_workbook(umkm_file)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Kuliner")
    cell.value = MARKUP
    wb.save(umkm_file)
    outcome = runner.run(raw, base / "warehouse")
    assert outcome.ok, outcome.problems
    return base / "warehouse"


def test_no_source_text_becomes_a_formula_in_the_workbook_or_the_csv(planted_run: Path):
    folder = planted_run / "exports" / "51.02" / "2023"
    wb = openpyxl.load_workbook(folder / "lkjip_51.02_2023.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'" + FORMULA in texts and "'" + COMMAND in texts
    assert not [t for t in texts if t.startswith(("=", "+", "@", "\t", "\r"))]
    iku = pl.read_csv(folder / "iku_capaian.csv", infer_schema=False)
    assert iku.filter(pl.col("indicator_id") == "reformasi_birokrasi").item(0, "sasaran") == "'" + FORMULA
    anggaran = pl.read_csv(folder / "budget_realization.csv", infer_schema=False)
    assert ("'" + COMMAND) in anggaran.get_column("uraian").to_list()
    assert pl.read_csv(folder / "iku_capaian.csv").get_column("capaian").dtype == pl.Float64  # numbers stay numbers


def test_no_source_text_becomes_markup_in_the_report_or_the_data_docs(planted_run: Path):
    report = (planted_run / "exports" / "51.02" / "2023" / "lkjip_51.02_2023.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in report and "<img" not in report
    pages = [p.read_text(encoding="utf-8") for p in (planted_run / "data_docs").rglob("*.html")]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in page for page in pages)  # the sector is shown, as text
    assert not [p for p in pages if "<img src=x" in p]
