"""SIPD Laporan Realisasi Fisik dan Keuangan: workbooks shaped as SIPD prints them."""

from __future__ import annotations

import datetime
from pathlib import Path

import dagster as dg
import duckdb
import openpyxl
import polars as pl
import pytest

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate

from pipelines.defs.resources import resources
from pipelines.defs.sipd.assets import raw_sipd_rfk, sipd_sub_kegiatan, sipd_subtotal_cetak
from pipelines.lib.sipd.reader import FOLDER, EXTENSIONS, read_rfk
from pipelines.lib.sipd.split import printed_subtotals, sub_kegiatan
from schemas.sipd import SipdRfk, SipdSubKegiatan, SipdSubtotalCetak

SKPD = "2.17.2.07.0.00.01.0000"
NAMA_SKPD = "DINAS KOPERASI UKM DAN TENAGA KERJA"
HEADER = ["KODE", "URAIAN", "PAGU (Rp)", "REALISASI KEUANGAN (Rp)", "REALISASI KEUANGAN (%)", "REALISASI FISIK (%)"]

# Tabel 3.7 of LKjIP Tabanan 2023, first program. The second kegiatan's sub kegiatan carries an
# older two-digit code. Row 9 is the first data row (rows 1-6 title, 7 blank, 8 header).
PELATIHAN = [
    ("2.07.03", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", 416_200_000, 332_224_170, 79.82, 100),
    ("2.07.03.2.01", "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", 409_200_000, 326_116_638, 79.7, 100),
    ("2.07.03.2.01.0001", "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan", 409_200_000, 326_116_638, 79.7, 100),
    ("2.07.03.2.02", "Pembinaan Lembaga Pelatihan Kerja Swasta", 7_000_000, 6_107_532, 87.25, 100),
    ("2.07.03.2.02.01", "Pembinaan Lembaga Pelatihan Kerja Swasta", 7_000_000, 6_107_532, 87.25, 100),
    (None, "JUMLAH", 416_200_000, 332_224_170, 79.82, None),
]


def title(
    region: str = "PEMERINTAH KABUPATEN TABANAN",
    tahun: str = "TAHUN ANGGARAN 2023",
    jenis: str = "DPPA",
    keadaan: str = "31 Desember 2023",
) -> list[str]:
    return [
        region,
        "LAPORAN REALISASI FISIK DAN KEUANGAN",
        tahun,
        f"SKPD : {SKPD} {NAMA_SKPD}",
        f"JENIS DOKUMEN : {jenis}",
        f"KEADAAN S.D. : {keadaan}",
    ]


def write_rfk(path: Path, rows: list[tuple[object, ...]], title_rows: list[str] | None = None) -> Path:
    """A SIPD workbook: title rows from row 1, one blank row, the header, then `rows`."""
    title_rows = title() if title_rows is None else title_rows
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    for r, text in enumerate(title_rows, start=1):
        ws.cell(r, 1, text)
    header_row = len(title_rows) + 2
    for c, name in enumerate(HEADER, start=1):
        ws.cell(header_row, c, name)
    for r, values in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    # A second sheet that is not part of the report must be ignored.
    wb.create_sheet("Catatan").cell(1, 1, "bukan bagian laporan")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def read(raw: Path) -> pl.DataFrame:
    return validate(SipdRfk, read_rfk(list_sources(raw, FOLDER, EXTENSIONS)), "raw/SipdRfk")


def problems_of(raw: Path) -> list[str]:
    with pytest.raises(ContractError) as err:
        read(raw)
    return [str(p) for p in err.value.problems]


def as_text(amount: float) -> str:
    """Indonesian notation: dots group thousands."""
    return f"{int(amount):,}".replace(",", ".")


def test_title_block_gives_region_year_skpd_document_and_quarter(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "q4.xlsx", PELATIHAN)
    write_rfk(tmp_path / "sipd" / "q2.xlsx", PELATIHAN, title(jenis="DPA", keadaan="30 Juni 2023"))
    frame = read(tmp_path)
    by_file = {
        f: g.select("kode_wilayah", "tahun", "kode_skpd", "nama_skpd", "jenis_dokumen", "tanggal_keadaan", "triwulan", "periode").unique().rows()
        for (f,), g in frame.group_by("source_file")
    }
    assert by_file["sipd/q4.xlsx"] == [("51.02", 2023, SKPD, NAMA_SKPD, "DPPA", datetime.date(2023, 12, 31), 4, "2023-Q4")]
    assert by_file["sipd/q2.xlsx"] == [("51.02", 2023, SKPD, NAMA_SKPD, "DPA", datetime.date(2023, 6, 30), 2, "2023-Q2")]
    # Every printed line of each workbook (the signature-free shape above) is one row.
    assert frame.group_by("source_file").len().get_column("len").to_list() == [len(PELATIHAN)] * 2


def test_header_is_searched_so_an_extra_title_row_shifts_it(tmp_path: Path) -> None:
    rows = title()
    rows.insert(2, "DINAS KOPERASI UKM DAN TENAGA KERJA KABUPATEN TABANAN")
    write_rfk(tmp_path / "sipd" / "shifted.xlsx", PELATIHAN, rows)
    frame = read(tmp_path)
    first_data_row = len(rows) + 3  # title, blank, header
    assert frame.get_column("source_row").to_list() == list(range(first_data_row, first_data_row + len(PELATIHAN)))
    assert frame.get_column("kode_wilayah").unique().to_list() == ["51.02"]


def test_numeric_cells_and_indonesian_text_give_the_same_amounts(tmp_path: Path) -> None:
    as_words = [(k, u, as_text(p), f"Rp {as_text(r)}", str(pk).replace(".", ","), f) for k, u, p, r, pk, f in PELATIHAN]
    write_rfk(tmp_path / "a" / "sipd" / "numeric.xlsx", PELATIHAN)
    write_rfk(tmp_path / "b" / "sipd" / "text.xlsx", as_words)
    numeric, text = read(tmp_path / "a"), read(tmp_path / "b")
    amounts = ["kode", "pagu", "realisasi", "persen_keuangan", "persen_fisik"]
    assert text.select(amounts).equals(numeric.select(amounts))
    assert text.get_column("pagu").sum() == sum(p for _, _, p, _, _, _ in PELATIHAN)


def test_rupiah_with_decimal_comma(tmp_path: Path) -> None:
    rows = [("2.07.03.2.01.0001", "Proses", "Rp 1.597.963.341,50", "Rp 999.000", "88,68", "")]
    write_rfk(tmp_path / "sipd" / "sen.xlsx", rows)
    row = read(tmp_path).row(0, named=True)
    assert (row["pagu"], row["realisasi"], row["persen_keuangan"], row["persen_fisik"]) == (1_597_963_341.5, 999_000.0, 88.68, None)


def test_rupiah_grouped_by_commas(tmp_path: Path) -> None:
    rows = [("2.07.03.2.01.0001", "Proses", "Rp 1,004,422,800", "1,204", "79.82", "")]
    write_rfk(tmp_path / "sipd" / "koma.xlsx", rows)
    row = read(tmp_path).row(0, named=True)
    assert (row["pagu"], row["realisasi"], row["persen_keuangan"]) == (1_004_422_800.0, 1_204.0, 79.82)


def test_codes_levels_and_tree(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN)
    frame = read(tmp_path).select("kode", "level", "parent_kode", "urusan", "kode_program")
    assert frame.rows() == [
        ("2.07.03", "program", None, "2.07", "2.07.03"),
        ("2.07.03.2.01", "kegiatan", "2.07.03", "2.07", "2.07.03"),
        ("2.07.03.2.01.0001", "sub_kegiatan", "2.07.03.2.01", "2.07", "2.07.03"),
        ("2.07.03.2.02", "kegiatan", "2.07.03", "2.07", "2.07.03"),
        ("2.07.03.2.02.0001", "sub_kegiatan", "2.07.03.2.02", "2.07", "2.07.03"),  # two-digit code widened
        ("", "total", None, None, None),
    ]


def test_spaces_in_codes_and_signature_block_below_jumlah(tmp_path: Path) -> None:
    rows = [
        (" 2.07.03.2.01. 0001 ", "Proses", 100, 50, None, None),
        (None, "Jumlah", 100, 50, None, None),
        (None, None, None, None, "Tabanan, 31 Desember 2023", None),
        (None, None, None, None, "Kepala Dinas", None),
    ]
    write_rfk(tmp_path / "sipd" / "a.xlsx", rows)
    assert read(tmp_path).select("kode", "level").rows() == [("2.07.03.2.01.0001", "sub_kegiatan"), ("", "total")]


def test_printed_subtotals_are_kept_apart_from_sub_kegiatan(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN)
    frame = read(tmp_path)
    data = validate(SipdSubKegiatan, sub_kegiatan(frame), "sub")
    printed = validate(SipdSubtotalCetak, printed_subtotals(frame), "cetak")
    assert data.get_column("kode").to_list() == ["2.07.03.2.01.0001", "2.07.03.2.02.0001"]
    assert sorted(printed.get_column("level").to_list()) == ["kegiatan", "kegiatan", "program", "total"]
    assert data.height + printed.height == frame.height
    # The other way round is a contract break.
    with pytest.raises(ContractError, match="only_sub_kegiatan"):
        validate(SipdSubKegiatan, printed, "sub")
    with pytest.raises(ContractError, match="only_printed_subtotals"):
        validate(SipdSubtotalCetak, data, "cetak")


def test_a_sub_kegiatan_without_its_program_lines_is_fine(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", [PELATIHAN[2]])
    assert read(tmp_path).select("kode", "parent_kode", "kode_program").row(0) == ("2.07.03.2.01.0001", "2.07.03.2.01", "2.07.03")


def test_sheet_without_title_block_names_file_and_each_missing_item(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "bare.xlsx", PELATIHAN, title_rows=["LAPORAN REALISASI FISIK DAN KEUANGAN"])
    problems = problems_of(tmp_path)
    assert len(problems) == 5
    assert all(p.startswith("sipd/bare.xlsx, sheet 'Realisasi'") for p in problems)
    for missing in ["region", "fiscal year", "SKPD", "document type", "cut-off date"]:
        assert sum(f"no {missing}" in p for p in problems) == 1, missing


def test_region_not_in_the_list_is_an_error(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN, title(region="PEMERINTAH KABUPATEN ANTAH BERANTAH"))
    (problem,) = problems_of(tmp_path)
    assert "row 1" in problem and "PEMERINTAH KABUPATEN ANTAH BERANTAH" in problem


def test_text_in_an_amount_column_names_file_sheet_row_column_value(tmp_path: Path) -> None:
    rows = list(PELATIHAN)
    rows[2] = ("2.07.03.2.01.0001", "Proses", "empat ratus juta", 326_116_638, 79.7, 100)
    write_rfk(tmp_path / "sipd" / "a.xlsx", rows)
    (problem,) = problems_of(tmp_path)
    assert problem == "sipd/a.xlsx, sheet 'Realisasi', row 11, column 'PAGU (Rp)', value 'empat ratus juta': not a number"


def test_a_broken_workbook_does_not_hide_the_problems_of_the_others(tmp_path: Path) -> None:
    rows = list(PELATIHAN)
    rows[2] = ("2.07.03.2.01.0001", "Proses", "empat ratus juta", 326_116_638, 79.7, 100)
    write_rfk(tmp_path / "sipd" / "a.xlsx", rows)
    (tmp_path / "sipd" / "b.xlsx").write_bytes(b"not a workbook")
    write_rfk(tmp_path / "sipd" / "c.xlsx", PELATIHAN, title(keadaan="31 Desembr 2023"))
    problems = problems_of(tmp_path)
    assert [p.split(",")[0].split(":")[0] for p in problems] == ["sipd/a.xlsx", "sipd/b.xlsx", "sipd/c.xlsx"]
    assert "'empat ratus juta': not a number" in problems[0] and "not a date" in problems[2]


def test_amounts_without_kode_or_uraian_are_not_dropped(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", [PELATIHAN[2], (None, None, 5_000, 4_000, None, None)])
    (problem,) = problems_of(tmp_path)
    assert problem.startswith("sipd/a.xlsx, sheet 'Realisasi', row 10") and "no code that is not the total line" in problem


def test_unknown_code_shape_names_the_kode(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", [("2.07", "URUSAN TENAGA KERJA", 1, 1, None, None)])
    (problem,) = problems_of(tmp_path)
    assert problem.startswith("sipd/a.xlsx, sheet 'Realisasi', row 9, column 'KODE', value '2.07'")


@pytest.mark.parametrize(("keadaan", "reason"), [("31 Desembr 2023", "not a date"), ("31 Desember 2022", "outside TAHUN ANGGARAN")])
def test_cut_off_must_be_a_date_of_the_fiscal_year(tmp_path: Path, keadaan: str, reason: str) -> None:
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN, title(keadaan=keadaan))
    (problem,) = problems_of(tmp_path)
    assert "row 6" in problem and f"value '{keadaan}'" in problem and reason in problem


@pytest.mark.parametrize(
    ("keadaan", "tanggal", "periode"),
    [("15 Desember 2023", datetime.date(2023, 12, 15), "2023-Q4"), ("28 Februari 2023", datetime.date(2023, 2, 28), "2023-Q1"),
     ("31-07-2023", datetime.date(2023, 7, 31), "2023-Q3"), ("APRIL 2023", datetime.date(2023, 4, 30), "2023-Q2")],
)
def test_a_cut_off_belongs_to_the_quarter_that_contains_it(tmp_path: Path, keadaan: str, tanggal: datetime.date, periode: str) -> None:
    """Monthly RFKs print any month's end, or a day, or only the month (its last day)."""
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN, title(keadaan=keadaan))
    assert read(tmp_path).select("tanggal_keadaan", "periode").unique().rows() == [(tanggal, periode)]


def test_the_same_workbook_twice_counts_once(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "rfk.xlsx", PELATIHAN)
    write_rfk(tmp_path / "sipd" / "unduhan" / "rfk (1).xlsx", PELATIHAN)
    frame = read(tmp_path)
    assert frame.height == len(PELATIHAN)
    assert frame.get_column("source_file").unique().to_list() == ["sipd/rfk.xlsx"]


def test_dpa_and_dppa_of_the_same_cut_off_both_stay(tmp_path: Path) -> None:
    write_rfk(tmp_path / "sipd" / "dpa.xlsx", PELATIHAN, title(jenis="DPA"))
    write_rfk(tmp_path / "sipd" / "dppa.xlsx", PELATIHAN)
    assert read(tmp_path).group_by("jenis_dokumen").len().sort("jenis_dokumen").rows() == [("DPA", 6), ("DPPA", 6)]


def test_a_re_export_with_different_amounts_names_both_places(tmp_path: Path) -> None:
    changed = list(PELATIHAN)
    changed[2] = (*PELATIHAN[2][:3], 300_000_000, *PELATIHAN[2][4:])
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN)
    write_rfk(tmp_path / "sipd" / "b.xlsx", changed)
    (problem,) = problems_of(tmp_path)
    assert problem.startswith("sipd/b.xlsx, sheet 'Realisasi', row 11, column 'realisasi', value '300000000.0'")
    assert "sipd/a.xlsx sheet 'Realisasi' row 11" in problem


def test_a_sub_kegiatan_twice_in_one_workbook_with_different_amounts(tmp_path: Path) -> None:
    twice = [PELATIHAN[2], (PELATIHAN[2][0], PELATIHAN[2][1], 1_000, 500, None, None)]
    write_rfk(tmp_path / "sipd" / "a.xlsx", twice)
    (problem,) = problems_of(tmp_path)
    assert problem.startswith("sipd/a.xlsx, sheet 'Realisasi', row 10, column 'pagu'") and "row 9" in problem


def test_materialise_raw_and_staged_assets(tmp_path: Path) -> None:
    raw, database = tmp_path / "raw", tmp_path / "w.duckdb"
    write_rfk(raw / "sipd" / "tabanan_q4.xlsx", PELATIHAN)
    # Another region's workbook is data of the same quarter, under its own kode_wilayah.
    write_rfk(raw / "sipd" / "denpasar_q4.xlsx", PELATIHAN, title(region="PEMERINTAH KOTA DENPASAR"))
    res = resources(raw_dir=raw, database=database)

    assert dg.materialize([raw_sipd_rfk], resources=res).success
    result = dg.materialize([sipd_sub_kegiatan, sipd_subtotal_cetak], partition_key="2023-10", resources=res)  # Q4
    assert result.success

    with duckdb.connect(str(database), read_only=True) as conn:
        raw_rows = conn.execute("SELECT kode_wilayah, count(*) FROM raw.sipd_rfk GROUP BY 1 ORDER BY 1").fetchall()
        data = conn.execute(
            "SELECT kode, pagu, realisasi, periode, kode_wilayah FROM staged.sipd_sub_kegiatan WHERE kode_wilayah = '51.02' ORDER BY kode"
        ).fetchall()
        printed = conn.execute("SELECT level, kode, pagu FROM staged.sipd_subtotal_cetak WHERE kode_wilayah = '51.02' ORDER BY source_row").fetchall()
        staged_regions = conn.execute("SELECT kode_wilayah, count(*) FROM staged.sipd_sub_kegiatan GROUP BY 1 ORDER BY 1").fetchall()
    assert raw_rows == [("51.02", len(PELATIHAN)), ("51.71", len(PELATIHAN))]
    # the two sub kegiatan lines of PELATIHAN, the older two-digit code widened to four
    expected_data = [
        ("2.07.03.2.01.0001", 409_200_000.0, 326_116_638.0, "2023-Q4", "51.02"),
        ("2.07.03.2.02.0001", 7_000_000.0, 6_107_532.0, "2023-Q4", "51.02"),
    ]
    assert data == expected_data
    assert staged_regions == [("51.02", len(expected_data)), ("51.71", len(expected_data))]
    assert printed == [
        (lvl, k or "", float(p))
        for (k, _, p, *_), lvl in zip(PELATIHAN, ["program", "kegiatan", None, "kegiatan", None, "total"])
        if lvl
    ]


def test_a_region_name_fitting_several_regions_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No two 2025 regions share a name today; a future list might, and guessing would misfile a budget.
    monkeypatch.setattr("pipelines.lib.sipd.penempatan.region_by_name", lambda name: ["51.02", "51.03"])
    write_rfk(tmp_path / "sipd" / "a.xlsx", PELATIHAN)
    (problem,) = problems_of(tmp_path)
    assert "row 1" in problem and "several regions (51.02, 51.03)" in problem
