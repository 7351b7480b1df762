"""UMKM per village: villages checked against the Kemendagri list, counts read as written."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate

from pipelines.defs.resources import resources
from pipelines.defs.sumber import ASSETS
from pipelines.lib.umkm.reader import FOLDER, EXTENSIONS, read_umkm
from schemas.umkm import UmkmDesa
from tests.conftest import write_csv, write_xlsx
from tests.test_sumber_opsional import own_instance  # noqa: F401 — the fixture

raw_umkm_desa, umkm_desa = ASSETS["umkm_desa"]

HEADER = ["tahun", "kode_desa", "nama_desa", "kecamatan", "sektor", "skala", "jumlah_usaha", "jumlah_tenaga_kerja"]
BAJERA = ["51.02.01.2001", "Bajera", "Selemadeg"]
WANAGIRI = ["51.02.01.2002", "Wanagiri", "Selemadeg"]


def read(raw: Path):
    return validate(UmkmDesa, read_umkm(list_sources(raw, FOLDER, EXTENSIONS)), "umkm")


def test_csv_and_titled_xlsx_with_indonesian_counts(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / "umkm_desa/a.csv", HEADER, [[2022, *BAJERA, "Perdagangan", "mikro", "1.204", 1500]])
    write_xlsx(
        raw / "umkm_desa/b.xlsx",
        [["REKAPITULASI DATA UMKM PER DESA"], ["KABUPATEN TABANAN TAHUN 2023"], [], HEADER,
         [2023, *BAJERA, "Perdagangan", "Mikro", 1210, 1500], [2023, *WANAGIRI, "Aneka Jasa", "kecil", 7, None]],
    )
    frame = read(raw)
    assert frame.filter(tahun=2022).get_column("jumlah_usaha").to_list() == [1204]
    assert sorted(frame.filter(tahun=2023).get_column("jumlah_usaha").to_list()) == [7, 1210]
    assert set(frame.get_column("kode_wilayah")) == {"51.02"}
    assert set(frame.get_column("skala")) == {"mikro", "kecil"}


def test_reexport_counts_once(tmp_path: Path):
    raw = tmp_path / "raw"
    rows = [[2023, *BAJERA, "Perdagangan", "mikro", 12, 20]]
    write_csv(raw / "umkm_desa/a.csv", HEADER, rows)
    write_csv(raw / "umkm_desa/a_lagi.csv", HEADER, rows)
    assert read(raw).get_column("jumlah_usaha").sum() == 12


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ([2023, "51.02.01.2999", "Entah", "Selemadeg", "Jasa", "mikro", 3, 1], "kode_desa", "51.02.01.2999"),
        ([2023, *BAJERA, "Jasa", "mikro", -4, 1], "jumlah_usaha", "-4"),
        ([2023, *BAJERA, "Jasa", "mikro", "tiga", 1], "jumlah_usaha", "tiga"),
        ([2023, *BAJERA, "Jasa", "raksasa", 3, 1], "skala", "raksasa"),
        # a Badung village pasted into a row that says it is in Tabanan's Selemadeg
        ([2023, "51.03.01.2001", "Pecatu", "Selemadeg", "Jasa", "mikro", 3, 1], "kode_desa", "51.03.01.2001"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, row: list, column: str, value: str):
    raw = tmp_path / "raw"
    write_csv(raw / "umkm_desa/bad.csv", HEADER, [[2023, *WANAGIRI, "Jasa", "mikro", 1, 1], row])
    with pytest.raises(ContractError) as err:
        read(raw)
    message = str(err.value)
    assert "umkm_desa/bad.csv" in message and "row 3" in message
    assert f"'{column}'" in message and f"'{value}'" in message


def test_a_count_with_a_comma_group_is_a_whole_number(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / "umkm_desa/a.csv", HEADER, [[2023, *BAJERA, "Perdagangan", "mikro", "1,345", "2.690"]])
    frame = read(raw)
    assert frame.get_column("jumlah_usaha").to_list() == [1345] and frame.get_column("jumlah_tenaga_kerja").to_list() == [2690]


def test_every_problem_of_every_file_in_one_go(tmp_path: Path):
    """A bad count does not hide a bad village code in the same file, nor a file the next one's
    problem; and the row whose count is unreadable is not compared with its copy elsewhere."""
    raw = tmp_path / "raw"
    write_csv(raw / "umkm_desa/a.csv", HEADER, [
        [2023, *BAJERA, "Jasa", "mikro", "abc", 1],
        [2023, "51.02.01.2999", "Entah", "Selemadeg", "Jasa", "mikro", 3, 1],
    ])
    write_csv(raw / "umkm_desa/b.csv", [c for c in HEADER if c != "jumlah_usaha"], [[2023, *WANAGIRI, "Jasa", "mikro", 1]])
    write_csv(raw / "umkm_desa/c.csv", HEADER, [[2023, *BAJERA, "Jasa", "mikro", 5, 1]])  # a.csv row 2, readable
    with pytest.raises(ContractError) as err:
        read_umkm(list_sources(raw, FOLDER, EXTENSIONS))
    assert sorted((p.file, p.row, p.column, p.value) for p in err.value.problems) == [
        ("umkm_desa/a.csv", 2, "jumlah_usaha", "abc"),
        ("umkm_desa/a.csv", 3, "kode_desa", "51.02.01.2999"),
        ("umkm_desa/b.csv", 1, "jumlah_usaha", None),
    ]


def test_a_link_outside_raw_and_a_bad_count_are_named_together(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / "umkm_desa/a.csv", HEADER, [[2023, *BAJERA, "Jasa", "mikro", "tiga", 1]])
    elsewhere = write_csv(tmp_path / "elsewhere.csv", HEADER, [[2023, *BAJERA, "Jasa", "kecil", 9, 9]])
    (raw / "umkm_desa/b.csv").symlink_to(elsewhere)
    res = resources(raw_dir=raw, database=tmp_path / "w.duckdb")
    result = dg.materialize([raw_umkm_desa], resources=res, raise_on_error=False)
    assert not result.success
    (check,) = result.get_asset_check_evaluations()
    cases = {(r.data["file"], r.data["value"]) for r in check.metadata["failure_cases"].value.records}
    assert cases == {("umkm_desa/b.csv", ""), ("umkm_desa/a.csv", "tiga")}


def test_materialised_through_dagster(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(
        raw / "umkm_desa/a.csv",
        HEADER,
        [[2022, *BAJERA, "Jasa", "mikro", 5, 6], [2023, *BAJERA, "Jasa", "mikro", 8, 9], [2023, *WANAGIRI, "Jasa", "kecil", 2, 2]],
    )
    res = resources(raw_dir=raw, database=tmp_path / "w.duckdb")
    first = dg.materialize([raw_umkm_desa], resources=res)
    files = first.asset_materializations_for_node("raw__umkm_desa")[0].metadata["files"].value.records
    assert files[0].data["file"] == "umkm_desa/a.csv" and len(files[0].data["sha256"]) == 64 and files[0].data["rows"] == 3
    dg.materialize([umkm_desa], resources=res, partition_key="2023", selection=[umkm_desa])
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        assert conn.execute("select sum(jumlah_usaha), count(*) from staged.umkm_desa").fetchone() == (10, 2)


def test_contract_check_records_failure_cases_and_nothing_is_written(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / "umkm_desa/a.csv", HEADER, [[2023, *BAJERA, "Jasa", "mikro", -3, 6]])
    res = resources(raw_dir=raw, database=tmp_path / "w.duckdb")
    result = dg.materialize([raw_umkm_desa], resources=res, raise_on_error=False)
    assert not result.success
    (check,) = result.get_asset_check_evaluations()
    assert check.check_name == "kontrak" and not check.passed
    cases = check.metadata["failure_cases"].value.records
    assert cases[0].data["file"] == "umkm_desa/a.csv" and cases[0].data["column"] == "jumlah_usaha" and cases[0].data["value"] == "-3"
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        assert conn.execute("select count(*) from information_schema.tables where table_name = 'umkm_desa'").fetchone() == (0,)


# --- open-data tables (tests/data/umkm/README.md) ----------------------------------------------

from pipelines.lib.provenance import SourceFile  # noqa: E402
from pipelines.lib.umkm.terbuka import read_umkm_wilayah  # noqa: E402
from pipelines.lib.wilayah import desa  # noqa: E402
from tests.conftest import REPO  # noqa: E402

# The exact header of Open Data Jabar's per-desa tables, a count in place of the measure.
ODJ_DESA = [
    "kode_provinsi", "nama_provinsi", "bps_kode_kabupaten_kota", "bps_nama_kabupaten_kota", "bps_kode_kecamatan", "bps_nama_kecamatan",
    "bps_kode_desa_kelurahan", "bps_nama_desa_kelurahan", "kemendagri_kode_kecamatan", "kemendagri_nama_kecamatan",
    "kemendagri_kode_desa_kelurahan", "kemendagri_nama_desa_kelurahan", "jumlah_umkm", "tahun", "id",
]


def test_an_open_data_per_desa_table_is_village_data(tmp_path: Path):
    """Open Data Jabar's per-desa standard: the count column named by the table, no sector or scale
    (all of them), floats for codes and year; a village code without dots is read too."""
    villages = desa().filter(kode_wilayah="32.01").head(3).rows(named=True)
    rows = [
        ["32.0", "JAWA BARAT", "3201.0", "KABUPATEN BOGOR", "", r["nama_kecamatan"], "", r["nama_desa"], "", r["nama_kecamatan"],
         r["kode_desa"] if i else r["kode_desa"].replace(".", ""), r["nama_desa"], 10 * (i + 1), "2021.0", i + 1]
        for i, r in enumerate(villages)
    ]
    write_csv(tmp_path / "raw/umkm_desa/umkm_desa_jabar.csv", ODJ_DESA, rows)
    frame = read(tmp_path / "raw")
    assert frame.select("kode_desa", "tahun", "sektor", "skala", "jumlah_usaha", "kode_wilayah").rows() == [
        (r["kode_desa"], 2021, "Semua", "semua", 10 * (i + 1), "32.01") for i, r in enumerate(villages)]


def test_a_kabupaten_open_data_table_gives_region_measures():
    source = SourceFile(REPO / "tests/data/umkm/proyeksi_jumlah_umkm_kabupaten_jabar.csv", "umkm_desa/proyeksi.csv")
    frame = read_umkm_wilayah([source])
    assert frame.height == 27 * 8 and set(frame.get_column("ukuran")) == {"umkm.proyeksi_jumlah_umkm"}
    bogor = dict(frame.filter(kode_wilayah="32.01").select("tahun", "nilai").iter_rows())
    assert (bogor[2016], bogor[2017]) == (375_048, 398_253)
    assert frame.filter(tahun=2016).get_column("nilai").sum() == 4_634_807
    assert frame.filter(tahun=2023).get_column("nilai").sum() == 7_055_660


def test_a_satu_data_table_with_years_as_columns_in_indonesian_notation(tmp_path: Path):
    """Kabupaten Blitar's figures as its portal prints them: 15.481 is fifteen thousand (the table
    writes decimal commas: 23,52), a count of UMKM is umkm.jumlah, the code 3505 is 35.05."""
    path = tmp_path / "raw/umkm_desa/satu_data_blitar.csv"
    path.parent.mkdir(parents=True)
    path.write_text(
        "kode_wilayah;nama_wilayah;indikator;satuan;2019;2020;2021;2022;2023;2024\n"
        "3505;Kabupaten Blitar;Persentase Pertumbuhan Usaha Mikro;Persen;0;23,52;34,82;1,33;9,28;0\n"
        "3505;Kabupaten Blitar;Jumlah UMKM;Unit Usaha;15.481;20.242;31.056;31.475;34.694;-\n",
        encoding="utf-8",
    )
    frame = read_umkm_wilayah([SourceFile(path.resolve(), "umkm_desa/satu_data_blitar.csv")])
    got = {(r["ukuran"], r["tahun"]): r["nilai"] for r in frame.iter_rows(named=True)}
    assert got[("umkm.jumlah", 2019)] == 15_481 and got[("umkm.jumlah", 2023)] == 34_694
    assert ("umkm.jumlah", 2024) not in got  # '-' is missing, not 0
    assert got[("umkm.persentase_pertumbuhan_usaha_mikro", 2020)] == 23.52
    assert set(frame.get_column("kode_wilayah")) == {"35.05"}
    # village files of the same folder are the village reader's; region tables are not villages
    assert read(tmp_path / "raw").is_empty()


def test_a_region_code_the_row_names_otherwise_is_refused(tmp_path: Path):
    path = tmp_path / "satu.csv"
    path.write_text("kode_wilayah;nama_wilayah;indikator;satuan;2023\n3505;Kota Blitar;Jumlah UMKM;Unit;10\n", encoding="utf-8")
    with pytest.raises(ContractError) as err:
        read_umkm_wilayah([SourceFile(path.resolve(), "umkm_desa/satu.csv")])
    assert "Kabupaten Blitar" in str(err.value) and "Kota Blitar" in str(err.value)


def test_a_real_open_data_table_runs_with_nothing_but_a_catalog(tmp_path: Path, own_instance: Path):  # noqa: F811
    """Open Data Jabar's kabupaten table alone beside a catalog: the growth of Kabupaten Bogor's
    projected UMKM in 2017, from the figures checked by hand (375.048 → 398.253)."""
    import csv
    import shutil

    import yaml

    from pipelines import runner

    raw = tmp_path / "raw"
    (raw / "umkm_desa").mkdir(parents=True)
    shutil.copy(REPO / "tests/data/umkm/proyeksi_jumlah_umkm_kabupaten_jabar.csv", raw / "umkm_desa/proyeksi.csv")
    (raw / "perjanjian_kinerja").mkdir()
    (raw / "perjanjian_kinerja/32.01_2017.yaml").write_text(yaml.safe_dump({
        "kode_wilayah": "32.01", "tahun": 2017, "opd": "Dinas Koperasi dan Usaha Mikro Kabupaten Bogor",
        "indikator": [{"id": "pertumbuhan_umkm", "jenis": "iku", "indikator": "Pertumbuhan UMKM", "satuan": "%", "arah": "naik",
                       "target": 5, "rumus": "pertumbuhan", "ukuran": "umkm.proyeksi_jumlah_umkm"}],
    }), encoding="utf-8")
    outcome = runner.run(raw, tmp_path / "warehouse")
    assert outcome.ok, outcome.problems
    with (tmp_path / "warehouse/exports/32.01/2017/iku_capaian.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert float(row["realisasi"]) == pytest.approx((398_253 - 375_048) / 375_048 * 100)
    assert row["sumber"] == "umkm_desa/proyeksi.csv"
