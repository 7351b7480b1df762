"""Cooperative registry and assessments: readers, year-end view, bands, and the Dagster assets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from pipelines.lib.problems import ContractError, Problem
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate
from pipelines.lib.koperasi import penilaian, registry
from pipelines.defs.koperasi.assets import koperasi, koperasi_penilaian, raw_koperasi_penilaian, raw_ods_koperasi
from pipelines.lib.koperasi.bands import predikat_for_skor

from pipelines.defs.resources import resources
from schemas.koperasi import KoperasiAkhirTahun, KoperasiPenilaian, KoperasiRegistry
from tests.conftest import write_csv, write_xlsx

HEADER = registry.COLUMNS  # the ODS export's own column order (docs/sumber.md §2)
PENILAIAN_HEADER = penilaian.COLUMNS


def coop(**values: object) -> list[object]:
    """One registry row in export order; unnamed columns empty."""
    base: dict[str, object] = {
        "bentuk_koperasi": "Primer Kabupaten", "jenis_koperasi": "Simpan Pinjam",
        "kelompok_koperasi": "KSP", "sektor_usaha": "Jasa Keuangan", "status_koperasi": "Aktif",
        "desa": "Bajera", "kecamatan": "Selemadeg", "kabupaten": "TABANAN", "provinsi": "BALI",
        "kode_desa": "51.02.01.2001", "alamat_lengkap": "Jl. Raya Bajera No. 1",
    }
    base.update(values)
    return [base.get(c, "") for c in HEADER]


# Cooperatives A–H in Tabanan and I in Badung; founding and dissolution dates chosen around
# the year ends 2022/2023 so the counts below can be worked out by hand.
A = coop(nomor_induk_koperasi="5102010020000001", nama_koperasi="KSP Bajera Sejahtera",
         nomor_badan_hukum="126/BH/KDK/1.6/II/2000", tanggal_badan_hukum="2000-02-14", grade_koperasi="A")
B = coop(nomor_induk_koperasi="0102010020000002", nama_koperasi="KSU Wanagiri", jenis_koperasi="Konsumen",
         nomor_badan_hukum="AHU-0004793.AH.01.26.TAHUN 2020", tanggal_badan_hukum="17/05/2020",
         kode_desa="51.02.01.2002", desa="Wanagiri", kabupaten="Kabupaten Tabanan")
C = coop(nama_koperasi="Koperasi Produsen Tani Makmur", jenis_koperasi="Produsen",  # no NIK yet
         nomor_badan_hukum="AHU-0001234.AH.01.26.TAHUN 2023", tanggal_badan_hukum="03-03-2023")
D = coop(nomor_induk_koperasi="5102010020000004", nama_koperasi="Koperasi Pemasaran Subak",
         jenis_koperasi="Pemasaran", nomor_badan_hukum="51/BH/XXVII/2019", tanggal_badan_hukum="2019-04-01",
         status_koperasi="Tidak Aktif", tanggal_pembubaran="2023-06-30")
E = coop(nomor_induk_koperasi="5102010020000005", nama_koperasi="Koperasi Jasa Angkutan",
         jenis_koperasi="Jasa", nomor_badan_hukum="12/BH/XXVII/2015", tanggal_badan_hukum="2015-08-10",
         status_koperasi="Tidak Aktif", tanggal_pembubaran="31/12/2023")
F = coop(nomor_induk_koperasi="5102010020000006", nama_koperasi="KSP Muda Mandiri",
         nomor_badan_hukum="AHU-0000007.AH.01.26.TAHUN 2024", tanggal_badan_hukum="2024-01-02")
G = coop(nomor_induk_koperasi="5102010020000007", nama_koperasi="Koperasi Konsumen Akhir Tahun",
         jenis_koperasi="Konsumen", nomor_badan_hukum="AHU-0009999.AH.01.26.TAHUN 2022",
         tanggal_badan_hukum="31-12-2022")
I = coop(nomor_induk_koperasi="5103010010000009", nama_koperasi="KSP Tuban Jaya", kode_desa="51.03.01.1001",
         desa="Tuban", kecamatan="Kuta", kabupaten="BADUNG", nomor_badan_hukum="88/BH/XXVII/2010",
         tanggal_badan_hukum="2010-10-10")


def write_ods_xlsx(path: Path, header: list[str], rows: list[list[object]], title: str | None = None) -> Path:
    """A workbook as a steward saves it: optionally a title row and a blank row above the header."""
    above = [[title], []] if title else []
    return write_xlsx(path, [*above, header, *([None if v == "" else v for v in row] for row in rows)], sheet="Data")


def as_excel(row: list[object], **cells: object) -> list[object]:
    """The same cooperative as Excel holds it: some cells typed as numbers or dates."""
    out = list(row)
    for name, value in cells.items():
        out[HEADER.index(name)] = value
    return out


def read(raw: Path) -> pl.DataFrame:
    return registry.read_registry(list_sources(raw, registry.FOLDER, registry.EXTENSIONS))


def read_assessments(raw: Path, reg: pl.DataFrame) -> pl.DataFrame:
    files = list_sources(raw, penilaian.FOLDER, penilaian.EXTENSIONS)
    return penilaian.read_penilaian(files, reg)


def problem_of(err: pytest.ExceptionInfo[ContractError], column: str) -> Problem:
    found = [p for p in err.value.problems if p.column == column]
    assert found, str(err.value)
    return found[0]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A CSV export plus an XLSX re-export of A and B (numbers and dates typed by Excel) and H."""
    root = tmp_path / "raw"
    write_csv(root / "ods_koperasi" / "ods_tabanan_2024-01.csv", HEADER, [A, B, C, D, E, F, G, I])
    H = coop(nomor_induk_koperasi="5102010020000008", nama_koperasi="Koperasi Wanita Srikandi",
             nomor_badan_hukum="AHU-0003456.AH.01.26.TAHUN 2023", kabupaten="Kab. Tabanan")
    write_ods_xlsx(
        root / "ods_koperasi" / "ods_tabanan_2023-12.xlsx",
        HEADER,
        [
            as_excel(A, nomor_induk_koperasi=5102010020000001, tanggal_badan_hukum=date(2000, 2, 14)),
            as_excel(B, tanggal_badan_hukum="17-05-2020"),
            as_excel(H, tanggal_badan_hukum=datetime(2023, 8, 1)),
        ],
        title="DAFTAR KOPERASI KABUPATEN TABANAN (ODS)",
    )
    write_csv(
        root / "koperasi_penilaian" / "penilaian_2023.csv",
        PENILAIAN_HEADER,
        [
            ["5102010020000001", "KSP Bajera Sejahtera", "2023", "kesehatan", "82,50", "Sehat"],
            ["0102010020000002", "KSU Wanagiri", "2023", "kesehatan", "79,99", "Cukup Sehat"],
            ["5102010020000001", "KSP Bajera Sejahtera", "2023", "kualitas", "", "Berkualitas"],
            ["0102010020000002", "KSU Wanagiri", "2022", "kesehatan", "66", "Cukup Sehat"],
            ["5103010010000009", "KSP Tuban Jaya", "2023", "kesehatan", "50,5", "Dalam Pengawasan Khusus"],
        ],
    )
    # The same health assessment of A re-exported from a workbook, skor as an Excel number.
    write_ods_xlsx(
        root / "koperasi_penilaian" / "penilaian_kesehatan.xlsx",
        PENILAIAN_HEADER,
        [["5102010020000001", "KSP Bajera Sejahtera", 2023, "kesehatan", 82.5, "Sehat"]],
    )
    return root


# --- registry ---------------------------------------------------------------------------------


def test_registry_reads_both_exports_once(raw: Path) -> None:
    frame = validate(KoperasiRegistry, read(raw), "registry")
    # CSV has A B C D E F G I; the workbook repeats A and B and adds H: nine cooperatives.
    assert frame.height == 9
    by_id = {r["koperasi_id"]: r for r in frame.iter_rows(named=True)}
    # Mixed formats (2000-02-14 text vs Excel date; 17/05/2020 vs 17-05-2020) are one date.
    assert by_id["5102010020000001"]["tanggal_badan_hukum"] == date(2000, 2, 14)
    assert by_id["0102010020000002"]["tanggal_badan_hukum"] == date(2020, 5, 17)
    assert by_id["5102010020000008"]["tanggal_badan_hukum"] == date(2023, 8, 1)
    assert by_id["5102010020000005"]["tanggal_pembubaran"] == date(2023, 12, 31)
    # Leading zero kept; the first place a re-exported cooperative was seen is its provenance.
    assert by_id["0102010020000002"]["nomor_induk_koperasi"] == "0102010020000002"
    assert by_id["5102010020000001"]["source_file"] == "ods_koperasi/ods_tabanan_2023-12.xlsx"
    assert by_id["5102010020000001"]["source_row"] == 4  # title, blank, header, then the data
    # C has no NIK: keyed by its badan hukum, NIK stays empty.
    c = by_id["AHU-0001234.AH.01.26.TAHUN 2023"]
    assert c["nomor_induk_koperasi"] is None and c["nama_koperasi"] == "Koperasi Produsen Tani Makmur"
    assert by_id["5103010010000009"]["kode_wilayah"] == "51.03"
    assert frame.filter(pl.col("kode_wilayah") == "51.02").height == 8
    assert frame.columns[:2] == ["kode_wilayah", "koperasi_id"]


def test_unreadable_date_names_file_row_column_value(tmp_path: Path) -> None:
    bad = as_excel(C, tanggal_badan_hukum="31/02/2023")
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", HEADER, [A, bad])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    p = problem_of(err, "tanggal_badan_hukum")
    assert (p.file, p.row, p.value) == ("ods_koperasi/ods.csv", 3, "31/02/2023")
    assert len(err.value.problems) == 1


def test_conflicting_copies_across_files_name_both_places(tmp_path: Path) -> None:
    write_csv(tmp_path / "ods_koperasi" / "a_old.csv", HEADER, [A])
    write_csv(tmp_path / "ods_koperasi" / "b_new.csv", HEADER, [B, as_excel(A, nama_koperasi="KSP Bajera Makmur")])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    text = str(err.value)
    assert "5102010020000001" in text
    assert "ods_koperasi/a_old.csv row 2" in text and "ods_koperasi/b_new.csv" in text
    p = err.value.problems[0]
    assert (p.row, p.column, p.value) == (3, "nama_koperasi", "KSP Bajera Makmur")


def test_conflicting_copies_inside_one_file(tmp_path: Path) -> None:
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", HEADER, [A, B, as_excel(A, status_koperasi="Tidak Aktif")])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    p = problem_of(err, "status_koperasi")
    assert (p.row, p.value) == (4, "Tidak Aktif")
    assert "row 2" in p.message


def test_cooperative_exported_before_and_after_getting_its_nik_is_an_error(tmp_path: Path) -> None:
    # Same badan hukum, once without NIK and once with: counting both would count it twice.
    write_csv(tmp_path / "ods_koperasi" / "old.csv", HEADER, [as_excel(A, nomor_induk_koperasi="")])
    write_csv(tmp_path / "ods_koperasi" / "new.csv", HEADER, [A])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert "126/BH/KDK/1.6/II/2000" in str(err.value)
    assert problem_of(err, "nomor_induk_koperasi").file == "ods_koperasi/old.csv"


def test_unknown_village(tmp_path: Path) -> None:
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", HEADER, [A, as_excel(B, kode_desa="51.02.01.2999")])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    p = problem_of(err, "kode_desa")
    assert (p.row, p.value) == (3, "51.02.01.2999")
    assert "Kemendagri" in p.message


def test_every_problem_of_the_registry_in_one_go(tmp_path: Path) -> None:
    """An unreadable date, an unknown village and a conflicting copy in another file, together;
    the row with the unreadable date is not compared with its copy."""
    write_csv(tmp_path / "ods_koperasi" / "a.csv", HEADER, [A, as_excel(B, kode_desa="51.02.01.2999"), as_excel(C, tanggal_badan_hukum="31/02/2023")])
    write_csv(tmp_path / "ods_koperasi" / "b.csv", HEADER, [as_excel(A, nama_koperasi="KSP Bajera Makmur"), C])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert sorted((p.file, p.row, p.column) for p in err.value.problems) == [
        ("ods_koperasi/a.csv", 3, "kode_desa"), ("ods_koperasi/a.csv", 4, "tanggal_badan_hukum"), ("ods_koperasi/b.csv", 2, "nama_koperasi"),
    ]


def test_row_of_another_region_inside_an_export(tmp_path: Path) -> None:
    # I lies in Badung (51.03) but its row says Tabanan: pasted from another region's export.
    pasted = as_excel(I, kabupaten="Kab. Tabanan")
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", HEADER, [A, B, pasted])
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert len(err.value.problems) == 1  # A says TABANAN, B says Kabupaten Tabanan: both fine
    p = problem_of(err, "kode_desa")
    assert (p.file, p.row, p.value) == ("ods_koperasi/ods.csv", 4, "51.03.01.1001")
    assert "Badung" in p.message


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    header = [c for c in HEADER if c != "tanggal_badan_hukum"]
    rows = [[v for c, v in zip(HEADER, A) if c != "tanggal_badan_hukum"]]
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", header, rows)
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert [p.column for p in err.value.problems] == ["tanggal_badan_hukum"]


def test_fifteen_digit_nik_breaks_the_contract(tmp_path: Path) -> None:
    # Excel dropped the leading zero of B's NIK: nothing pads it back silently.
    write_ods_xlsx(tmp_path / "ods_koperasi" / "ods.xlsx", HEADER, [A, as_excel(B, nomor_induk_koperasi=102010020000002)])
    frame = read(tmp_path)
    with pytest.raises(ContractError) as err:
        validate(KoperasiRegistry, frame, "registry")
    p = problem_of(err, "nomor_induk_koperasi")
    assert (p.file, p.row, p.value) == ("ods_koperasi/ods.xlsx", 3, "102010020000002")


def test_dissolved_before_founded_breaks_the_contract(tmp_path: Path) -> None:
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", HEADER, [A, as_excel(B, tanggal_pembubaran="2019-01-01")])
    with pytest.raises(ContractError) as err:
        validate(KoperasiRegistry, read(tmp_path), "registry")
    (p,) = err.value.problems
    assert p.row == 3 and "dissolved_after_founded" in p.message


def test_code_lists_are_checked(tmp_path: Path) -> None:
    write_csv(tmp_path / "ods_koperasi" / "ods.csv", HEADER, [A, as_excel(B, jenis_koperasi="Serba Usaha", grade_koperasi="E")])
    with pytest.raises(ContractError) as err:
        validate(KoperasiRegistry, read(tmp_path), "registry")
    assert {p.column for p in err.value.problems} == {"jenis_koperasi", "grade_koperasi"}


# --- the registry at year end -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tahun", "rows", "jumlah", "baru"),
    [
        # founded ≤ 31 Dec 2022: A B D E G; D and E still exist then; G founded 31 Dec 2022.
        (2022, 5, 5, 1),
        # adds C (Mar 2023) and H (Aug 2023); D dissolved 30 Jun, E on 31 Dec itself.
        (2023, 7, 5, 2),
        # adds F (2 Jan 2024).
        (2024, 8, 6, 1),
        # before any founding except A (2000): nothing new.
        (2000, 1, 1, 1),
        (2001, 1, 1, 0),
    ],
)
def test_registry_at_year_end_counts(raw: Path, tahun: int, rows: int, jumlah: int, baru: int) -> None:
    tabanan = read(raw).filter(pl.col("kode_wilayah") == "51.02")
    at_end = validate(KoperasiAkhirTahun, registry.registry_at_year_end(tabanan, tahun), "staged")
    assert at_end.height == rows
    assert at_end.get_column("aktif_akhir_tahun").sum() == jumlah
    assert at_end.get_column("baru").sum() == baru
    assert set(at_end.get_column("tahun")) == {tahun}


def test_year_end_flags_per_cooperative(raw: Path) -> None:
    at_end = registry.registry_at_year_end(read(raw).filter(pl.col("kode_wilayah") == "51.02"), 2023)
    flags = {r["nama_koperasi"]: (r["aktif_akhir_tahun"], r["baru"]) for r in at_end.iter_rows(named=True)}
    assert flags["Koperasi Jasa Angkutan"] == (False, False)  # dissolved exactly on 31 Dec
    assert flags["Koperasi Pemasaran Subak"] == (False, False)
    assert flags["Koperasi Produsen Tani Makmur"] == (True, True)
    assert flags["Koperasi Konsumen Akhir Tahun"] == (True, False)  # founded 31 Dec 2022
    assert "KSP Muda Mandiri" not in flags  # founded 2 Jan 2024


# --- assessments --------------------------------------------------------------------------------


def test_assessments_take_region_from_registry(raw: Path) -> None:
    frame = validate(KoperasiPenilaian, read_assessments(raw, read(raw)), "penilaian")
    # Five CSV rows; the workbook's copy of A's 2023 health assessment (82.5) counts once.
    assert frame.height == 5
    a = frame.filter((pl.col("nomor_induk_koperasi") == "5102010020000001") & (pl.col("jenis_penilaian") == "kesehatan"))
    assert a.get_column("skor").to_list() == [82.5]  # "82,50" with a decimal comma
    b = frame.filter((pl.col("nomor_induk_koperasi") == "0102010020000002") & (pl.col("tahun") == 2023))
    assert b.get_column("skor").to_list() == [pytest.approx(79.99)]
    regions = dict(zip(frame.get_column("nomor_induk_koperasi"), frame.get_column("kode_wilayah")))
    assert regions["5103010010000009"] == "51.03" and regions["0102010020000002"] == "51.02"
    assert frame.filter(pl.col("jenis_penilaian") == "kualitas").get_column("skor").to_list() == [None]


def refused_assessment(raw: Path, name: str, row: list[str], column: str):
    """The problem an extra assessments file `name` holding `row` raises on `column`."""
    write_csv(raw / "koperasi_penilaian" / name, PENILAIAN_HEADER, [row])
    with pytest.raises(ContractError) as err:
        read_assessments(raw, read(raw))
    return problem_of(err, column)


def test_assessment_of_unregistered_cooperative(raw: Path) -> None:
    p = refused_assessment(raw, "z_extra.csv", ["5102019990000099", "KSP Tak Terdaftar", "2023", "kesehatan", "70", "Cukup Sehat"],
                           "nomor_induk_koperasi")
    assert (p.file, p.row, p.value) == ("koperasi_penilaian/z_extra.csv", 2, "5102019990000099")


def test_conflicting_assessment_copies(raw: Path) -> None:
    p = refused_assessment(raw, "z_revisi.csv", ["5102010020000001", "KSP Bajera Sejahtera", "2023", "kesehatan", "78,00", "Cukup Sehat"],
                           "skor")
    assert (p.file, p.value) == ("koperasi_penilaian/z_revisi.csv", "78.0")
    assert "koperasi_penilaian/penilaian_2023.csv row 2" in p.message


def test_an_unreadable_skor_does_not_hide_an_unregistered_cooperative(raw: Path) -> None:
    write_csv(raw / "koperasi_penilaian" / "z_extra.csv", PENILAIAN_HEADER, [
        ["5102010020000001", "KSP Bajera Sejahtera", "2022", "kesehatan", "delapan puluh", "Sehat"],
        ["5102019990000099", "KSP Tak Terdaftar", "2023", "kesehatan", "70", "Cukup Sehat"],
    ])
    with pytest.raises(ContractError) as err:
        read_assessments(raw, read(raw))
    assert sorted((p.file, p.row, p.column) for p in err.value.problems) == [
        ("koperasi_penilaian/z_extra.csv", 2, "skor"), ("koperasi_penilaian/z_extra.csv", 3, "nomor_induk_koperasi"),
    ]


def test_predikat_must_fit_its_jenis_and_skor_its_range(tmp_path: Path) -> None:
    root = tmp_path / "other"
    write_csv(root / "ods_koperasi" / "ods.csv", HEADER, [A, B])
    write_csv(
        root / "koperasi_penilaian" / "p.csv",
        PENILAIAN_HEADER,
        [
            ["5102010020000001", "KSP Bajera Sejahtera", "2023", "kualitas", "", "Sehat"],
            ["0102010020000002", "KSU Wanagiri", "2023", "kesehatan", "101", "Sehat"],
        ],
    )
    with pytest.raises(ContractError) as err:
        validate(KoperasiPenilaian, read_assessments(root, read(root)), "penilaian")
    rows = {(p.row, p.column) for p in err.value.problems}
    assert rows == {(2, None), (3, "skor")}


@pytest.mark.parametrize(
    ("skor", "predikat"),
    [
        (100.0, "Sehat"), (80.0, "Sehat"), (79.99, "Cukup Sehat"), (66.0, "Cukup Sehat"),
        (65.99, "Dalam Pengawasan"), (51.0, "Dalam Pengawasan"), (50.99, "Dalam Pengawasan Khusus"),
        (0.0, "Dalam Pengawasan Khusus"), (None, None),
    ],
)
def test_health_bands_at_the_edges(skor: float | None, predikat: str | None) -> None:
    got = pl.DataFrame({"skor": [skor]}, schema={"skor": pl.Float64}).select(predikat_for_skor(pl.col("skor"))).item()
    assert got == predikat


# --- through Dagster ----------------------------------------------------------------------------


def test_assets_materialise_into_the_warehouse(raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The code location's own warehouse, as the UI's runs have it (no run config naming another).
    monkeypatch.setenv("LKJIP_WAREHOUSE_DIR", str(tmp_path))
    database = tmp_path / "lkjip.duckdb"
    res = resources(raw_dir=raw, database=database)
    everything = [raw_ods_koperasi, koperasi, raw_koperasi_penilaian, koperasi_penilaian]
    instance = dg.DagsterInstance.ephemeral()  # one history: the staged asset names the raw files' sha256
    raw_run = dg.materialize([raw_ods_koperasi, raw_koperasi_penilaian], resources=res, instance=instance)
    assert raw_run.success
    result = dg.materialize(
        everything,
        selection=[koperasi, koperasi_penilaian],
        resources=res,
        partition_key="2023",
        instance=instance,
    )
    assert result.success

    with duckdb.connect(str(database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM raw.ods_koperasi").fetchone() == (9,)
        staged = conn.execute(
            "SELECT count(*), count(*) FILTER (aktif_akhir_tahun), count(*) FILTER (baru), min(tahun), max(tahun) "
            "FROM staged.koperasi WHERE kode_wilayah = '51.02'"
        ).fetchone()
        # end of 2023 in Tabanan: seven founded by then, D and E dissolved, C and H new (see above).
        assert staged == (7, 5, 2, 2023, 2023)
        # another region's cooperatives are data of the same year, under their own kode_wilayah
        regions = conn.execute("SELECT DISTINCT kode_wilayah FROM staged.koperasi").fetchall()
        assert {r[0] for r in regions} == {r[0] for r in conn.execute("SELECT DISTINCT kode_wilayah FROM raw.ods_koperasi").fetchall()}
        nik = conn.execute(
            "SELECT nomor_induk_koperasi FROM staged.koperasi WHERE nama_koperasi = 'KSU Wanagiri'"
        ).fetchone()
        assert nik == ("0102010020000002",)
        assert conn.execute("SELECT count(*) FROM raw.koperasi_penilaian").fetchone() == (5,)
        sehat = conn.execute(
            "SELECT count(*), count(*) FILTER (predikat = 'Sehat'), count(*) FILTER (predikat = 'Berkualitas') "
            "FROM staged.koperasi_penilaian WHERE kode_wilayah = '51.02'"
        ).fetchone()
        # 51.02 in 2023: A kesehatan (Sehat), B kesehatan (Cukup Sehat), A kualitas (Berkualitas).
        assert sehat == (3, 1, 1)

    files = result.asset_materializations_for_node("staged__koperasi")[0].metadata["source_files"]
    raw_files = {r.data["file"]: r.data["sha256"] for r in raw_run.asset_materializations_for_node("raw__ods_koperasi")[0].metadata["files"].value.records}
    assert [(r.data["berkas"], r.data["sha256"]) for r in files.value.records] == [
        (f, raw_files[f]) for f in ["ods_koperasi/ods_tabanan_2023-12.xlsx", "ods_koperasi/ods_tabanan_2024-01.csv"]
    ]
    assert all(len(h) == 64 for h in raw_files.values())


def test_contract_failure_stops_the_raw_asset(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw" / "ods_koperasi" / "ods.csv", HEADER, [as_excel(A, tanggal_badan_hukum="kemarin")])
    result = dg.materialize(
        [raw_ods_koperasi], resources=resources(raw_dir=tmp_path / "raw", database=tmp_path / "w.duckdb"),
        raise_on_error=False,
    )
    assert not result.success
    failure = result.failure_data_for_node("raw__ods_koperasi")
    assert "ods_koperasi/ods.csv, row 2, column 'tanggal_badan_hukum', value 'kemarin'" in str(failure.error.message)
