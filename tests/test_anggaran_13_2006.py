"""Budgets up to 2020 (Permendagri 13/2006): program and kegiatan codes read as printed, the
kegiatan as the data, never matched by name to the 2021 nomenclature; lineage says so.

No public 13/2006 budget export was found: the workbook here is the sample's layout with the
coding a SIMDA-era RFK prints (`urusan . SKPD . program . kegiatan`, spaced), and program names
from the 13/2006 list (urusan 1.15 Koperasi dan UKM, programs 15 and 18)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.measures import ukuran

from pipelines.lib.reviu.anggaran_rules import published_subtotals, sipd_subtotals
from pipelines.lib.sipd.split import printed_subtotals, sub_kegiatan
from tests.test_anggaran import tabel_3_7
from tests.test_sipd import problems_of, read, title, write_rfk

TITLE_2016 = title(tahun="TAHUN ANGGARAN 2016", jenis="DPA", keadaan="31 Desember 2016")
TITLE_2016[3] = "SKPD : 1.15.01 DINAS KOPERASI USAHA MIKRO KECIL DAN MENENGAH"
LINES_2016 = [
    ("1.15 . 1.15.01", "DINAS KOPERASI USAHA MIKRO KECIL DAN MENENGAH", 900, 790, 87.78, None),  # heading: not a line
    ("1.15 . 1.15.01 . 15", "Program penciptaan iklim usaha Usaha Kecil Menengah yang konduksif", 300, 250, 83.33, None),
    ("1.15 . 1.15.01 . 15 . 01", "Fasilitasi pengembangan usaha mikro", 100, 90, 90, 100),
    ("1.15 . 1.15.01 . 15 . 02", "Sosialisasi kebijakan usaha kecil", 200, 160, 80, 100),
    # printed 650, but its only kegiatan is 600: a subtotal mismatch, as in any year
    ("1.15 . 1.15.01 . 18", "Program Peningkatan Kualitas Kelembagaan Koperasi", 650, 540, 83.08, None),
    ("1.15 . 1.15.01 . 18 . 01", "Pembinaan kelembagaan koperasi", 600, 540, 90, 80),
    (None, "JUMLAH", 900, 790, 87.78, None),
]


def test_codes_are_read_as_printed_and_the_kegiatan_are_the_data(tmp_path: Path):
    write_rfk(tmp_path / "sipd/rfk_2016.xlsx", LINES_2016, TITLE_2016)
    lines = read(tmp_path)
    assert set(lines.get_column("kode_dari")) == {"permendagri_13_2006"}  # lineage: read as printed, not matched
    levels = dict(lines.select("kode", "level").iter_rows())
    assert levels == {
        "1.15.1.15.01.15": "program", "1.15.1.15.01.15.01": "kegiatan", "1.15.1.15.01.15.02": "kegiatan",
        "1.15.1.15.01.18": "program", "1.15.1.15.01.18.01": "kegiatan", "": "total",
    }  # the SKPD heading 1.15.1.15.01 is not a line
    kegiatan = lines.filter(pl.col("kode") == "1.15.1.15.01.18.01").row(0, named=True)
    assert (kegiatan["parent_kode"], kegiatan["kode_program"], kegiatan["urusan"]) == ("1.15.1.15.01.18", "1.15.1.15.01.18", "1.15")
    assert lines.get_column("nama_skpd").unique().to_list() == ["DINAS KOPERASI USAHA MIKRO KECIL DAN MENENGAH"]
    assert set(sub_kegiatan(lines).get_column("level")) == {"kegiatan"}
    assert set(printed_subtotals(lines).get_column("level")) == {"program", "total"}


def test_tabel_3_7_of_2016_sums_the_kegiatan_and_names_them(tmp_path: Path):
    write_rfk(tmp_path / "sipd/rfk_2016.xlsx", LINES_2016, TITLE_2016)
    lines = read(tmp_path)
    tree = {(r["level"], r["kode"]): r for r in tabel_3_7(sub_kegiatan(lines), printed_subtotals(lines)).iter_rows(named=True)}
    assert set(tree) == {
        ("total", ""), ("program", "1.15.1.15.01.15"), ("program", "1.15.1.15.01.18"),
        ("kegiatan", "1.15.1.15.01.15.01"), ("kegiatan", "1.15.1.15.01.15.02"), ("kegiatan", "1.15.1.15.01.18.01"),
    }  # no sub kegiatan level in a 13/2006 budget
    program = tree[("program", "1.15.1.15.01.18")]
    assert (program["pagu"], program["realisasi"], program["uraian"]) == (600, 540, "Program Peningkatan Kualitas Kelembagaan Koperasi")
    kegiatan = tree[("kegiatan", "1.15.1.15.01.15.02")]
    assert (kegiatan["uraian"], kegiatan["parent_kode"], kegiatan["pagu"]) == ("Sosialisasi kebijakan usaha kecil", "1.15.1.15.01.15", 200)
    assert (tree[("total", "")]["pagu"], tree[("total", "")]["realisasi"]) == (900, 790)


def test_anggaran_measures_of_2016_by_printed_code(tmp_path: Path):
    write_rfk(tmp_path / "sipd/rfk_2016.xlsx", LINES_2016, TITLE_2016)
    lines = sub_kegiatan(read(tmp_path))
    with duckdb.connect() as conn:
        conn.register("lines", lines.to_arrow())
        got = dict(ukuran.all_measures([ukuran.from_anggaran(conn, "lines").pl().lazy()]).select("ukuran", "nilai").iter_rows())
    assert got["anggaran.pagu"] == 900 and got["anggaran.realisasi"] == 790
    assert got["anggaran.pagu[1.15]"] == 900  # the urusan: the code's first two segments
    assert got["anggaran.pagu[1.15.1.15.01.18]"] == 600 and got["anggaran.realisasi[1.15.1.15.01.15]"] == 250
    assert got["anggaran.pagu[1.15.1.15.01.15.02]"] == 200
    assert not any(k.endswith("[]") or "None" in k for k in got)


def test_the_printed_program_is_checked_against_its_kegiatan(tmp_path: Path):
    write_rfk(tmp_path / "sipd/rfk_2016.xlsx", LINES_2016, TITLE_2016)
    lines = read(tmp_path)
    findings = sipd_subtotals(sub_kegiatan(lines), printed_subtotals(lines))
    assert {(f["kunci"], f["expected"], f["actual"]) for f in findings} == {("1.15.1.15.01.18", "600", "650")}
    assert "kegiatan lines sum to 600" in findings[0]["message"]


def test_a_published_2016_table_is_read_by_its_own_tree():
    cells = [
        ("1.15.1.15.01.15", 300), ("1.15.1.15.01.15.01", 100), ("1.15.1.15.01.15.02", 250),  # the second kegiatan misprinted
        ("JUMLAH", 300),
    ]
    published = pl.DataFrame(
        [{"kode_wilayah": "51.02", "tahun": 2016, "tabel": "realisasi_anggaran", "label": "3.7", "kunci": k, "kolom": "pagu", "nilai": v, "desimal": 0, "nilai_terbit": str(v)}
         for k, v in cells]
    )
    findings = published_subtotals(published, pl.DataFrame(schema={"kode": pl.String, "uraian": pl.String}))
    assert {(f["kunci"], f["expected"], f["actual"]) for f in findings} == {("1.15.1.15.01.15", "350", "300")}


def test_a_line_named_but_not_coded_in_2016_is_a_problem_not_a_guess(tmp_path: Path):
    rows = [*LINES_2016[:3], (None, "Penyediaan jasa surat menyurat", 50, 40, 80, 100), LINES_2016[-1]]
    write_rfk(tmp_path / "sipd/rfk_2016.xlsx", rows, TITLE_2016)
    problems = problems_of(tmp_path)
    assert len(problems) == 1
    assert "Penyediaan jasa surat menyurat" in problems[0] and "13/2006" in problems[0]
