"""BPS WebAPI JSON: key decoding, units, regions, re-downloads, contract, Dagster assets."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate
from pipelines.defs.sumber import ASSETS
from pipelines.lib.bps.reader import COLUMNS, FOLDER, EXTENSIONS, read_bps

from pipelines.defs.resources import resources
from schemas.bps import BpsTenagaKerja

raw_bps_tenaga_kerja, bps_tenaga_kerja = ASSETS["bps_tenaga_kerja"]

BALI = [{"val": 5101, "label": "Jembrana"}, {"val": 5102, "label": "Tabanan"}, {"val": 5171, "label": "Kota Denpasar"},
        {"val": 9999, "label": "Bali"}]
PENGANGGURAN = {"val": 543, "label": "Pengangguran Terbuka", "unit": "Orang", "subj": "Tenaga Kerja", "def": "", "note": ""}
ANGKATAN_KERJA = {"val": 541, "label": "Angkatan Kerja", "unit": "Ribu Orang", "subj": "Tenaga Kerja", "def": "", "note": ""}
TPT = {"val": 31, "label": "Tingkat Pengangguran Terbuka (TPT)", "unit": "Persen", "subj": "Tenaga Kerja", "def": "", "note": ""}
TAHUN = {"val": 0, "label": "Tahun"}


def key(vervar: int, var: int, tahun: int, turvar: int = 0, turtahun: int = 0) -> str:
    """How BPS spells a datacontent key (no separators, no fixed widths)."""
    return f"{vervar}{var}{turvar}{tahun}{turtahun}"


def answer(var: dict, content: dict, vervar: list | None = None, tahun: list | None = None,
           turtahun: list | None = None) -> dict:
    """A response body of /v1/api/list/model/data as BPS sends it."""
    return {
        "status": "OK",
        "data-availability": "available",
        "var": [var],
        "turvar": [{"val": 0, "label": "Tidak Ada"}],
        "labelvervar": "Kabupaten/Kota",
        "vervar": vervar or BALI,
        "tahun": tahun or [{"val": 122, "label": "2022"}, {"val": 123, "label": "2023"}],
        "turtahun": turtahun or [TAHUN],
        "datacontent": content,
    }


def write(tmp_path: Path, name: str, body: dict | str) -> None:
    path = tmp_path / "raw" / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")


def read(tmp_path: Path) -> pl.DataFrame:
    return read_bps(list_sources(tmp_path / "raw", FOLDER, EXTENSIONS))


def figures(frame: pl.DataFrame) -> dict[tuple[str, int, str], float]:
    return {(k, t, u): n for k, t, u, n in frame.select("kode_wilayah", "tahun", "ukuran", "nilai").iter_rows()}


def test_keys_of_different_widths_decode_by_listed_values(tmp_path: Path) -> None:
    years = [{"val": 99, "label": "1999"}, {"val": 123, "label": "2023"}]
    write(tmp_path, "tpt.json", answer(TPT, {key(5102, 31, 99): 1.5, key(5102, 31, 123): 2.64}, tahun=years))
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5101, 543, 99): 900, key(5102, 543, 123): 7514}, tahun=years))

    assert figures(read(tmp_path)) == {
        ("51.02", 1999, "bps.tpt"): 1.5,
        ("51.02", 2023, "bps.tpt"): 2.64,
        ("51.01", 1999, "bps.pengangguran_terbuka"): 900.0,
        ("51.02", 2023, "bps.pengangguran_terbuka"): 7514.0,
    }


def test_year_is_the_label_not_val_plus_1900(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 7): 11000}, tahun=[{"val": 7, "label": "2022"}]))

    frame = read(tmp_path)

    assert frame.select("tahun", "bps_key", "var_id", "kode_bps").row(0) == (2022, "5102543070", 543, "5102")


def test_ribu_orang_is_scaled_to_persons_and_percent_kept(tmp_path: Path) -> None:
    write(tmp_path, "ak.json", answer(ANGKATAN_KERJA, {key(5102, 541, 122): 287.569}))
    write(tmp_path, "tpt.json", answer(TPT, {key(5102, 31, 122): 3.83}))

    frame = read(tmp_path)

    assert figures(frame) == {("51.02", 2022, "bps.angkatan_kerja"): 287569.0, ("51.02", 2022, "bps.tpt"): 3.83}
    assert dict(frame.select("ukuran", "satuan").iter_rows()) == {"bps.angkatan_kerja": "orang", "bps.tpt": "persen"}


def test_province_total_9999_is_the_province_of_the_other_codes(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(9999, 543, 122): 71000, key(5171, 543, 122): 20000}))

    frame = read(tmp_path)

    assert dict(frame.select("kode_bps", "kode_wilayah").iter_rows()) == {"9999": "51", "5171": "51.71"}


def regions_read(tmp_path: Path, vervar: list[dict]) -> dict[str, str]:
    """kode_bps → kode_wilayah of a one-year answer with a value for every listed region."""
    content = {key(v["val"], 543, 122): 1000 + i for i, v in enumerate(vervar)}
    write(tmp_path, "pt.json", answer(PENGANGGURAN, content, vervar=vervar))
    return dict(read(tmp_path).select("kode_bps", "kode_wilayah").iter_rows())


SUMBAR = [{"val": 1301, "label": "Kab. Kepulauan Mentawai"}, {"val": 1371, "label": "Kota Padang"}]


@pytest.mark.parametrize(
    ("vervar", "total", "province"),
    [(SUMBAR, {"val": 1378, "label": "Sumatera Barat"}, "13"),
     ([{"val": 9403, "label": "Jayapura"}, {"val": 9471, "label": "Kota Jayapura"}], {"val": 9478, "label": "PAPUA"}, "91")],
)
@pytest.mark.parametrize("style", ["Provinsi {}", "PROV. {}", "{}", "{} (Provinsi)"])
def test_a_province_total_coded_like_a_kota_is_the_province_by_its_label(
    tmp_path: Path, vervar: list[dict], total: dict, province: str, style: str
) -> None:
    """Sumatera Barat's tables list 'Provinsi Sumatera Barat' as 1378 after its kota 1371-1377;
    the province is BPS's PP00 of the other codes in Kemendagri's numbering (9400 PAPUA is 91)."""
    row = {"val": total["val"], "label": style.format(total["label"])}
    assert regions_read(tmp_path, [*vervar, row])[str(row["val"])] == province


def test_a_province_label_places_only_a_code_in_no_table_of_that_province(tmp_path: Path) -> None:
    assert regions_read(tmp_path, [*SUMBAR, {"val": 1378, "label": "Provinsi Sumatera Barat"}])["1378"] == "13"

    refused = {
        "another province": ([*SUMBAR, {"val": 1378, "label": "Provinsi Riau"}], "1378"),
        "no region": ([*SUMBAR, {"val": 1378, "label": "Lainnya"}], "1378"),
        "codes of two provinces": ([*SUMBAR, {"val": 1401, "label": "Kuantan Singingi"}, {"val": 1378, "label": "Provinsi Sumatera Barat"}], "1378"),
        "a kota's own code": ([{"val": 1301, "label": "Kab. Kepulauan Mentawai"}, {"val": 1371, "label": "Provinsi Sumatera Barat"}], "1371"),
    }
    for case, (vervar, code) in refused.items():
        with pytest.raises(ContractError) as err:
            regions_read(tmp_path, vervar)
        (problem,) = err.value.problems
        assert (problem.file, problem.column, problem.value) == ("bps/pt.json", "vervar", code), case
        assert "raw/bps/kode_wilayah.csv" in problem.message, case
    assert "Kota Padang" in problem.message  # 1371 keeps its mapping and its name check


def test_a_province_named_like_its_kota_needs_the_word_provinsi(tmp_path: Path) -> None:
    """'Jambi' alone under a new code could as well be Kota Jambi (1571) renumbered."""
    jambi = [{"val": 1501, "label": "Kerinci"}, {"val": 1571, "label": "Kota Jambi"}]
    assert regions_read(tmp_path, [*jambi, {"val": 1578, "label": "Provinsi Jambi"}])["1578"] == "15"
    with pytest.raises(ContractError, match="1578"):
        regions_read(tmp_path, [*jambi, {"val": 1578, "label": "Jambi"}])


def test_list_not_available_is_an_empty_answer(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {"status": "OK", "data-availability": "list-not-available"})
    write(tmp_path, "b.json", {**answer(TPT, {}), "data-availability": "list-not-available", "datacontent": ""})

    frame = validate(BpsTenagaKerja, read(tmp_path), "bps")

    assert frame.height == 0
    assert frame.columns == COLUMNS


def test_null_and_empty_values_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5101, 543, 122): None, key(5102, 543, 122): "11000",
                                                     key(5171, 543, 122): ""}))

    assert figures(read(tmp_path)) == {("51.02", 2022, "bps.pengangguran_terbuka"): 11000.0}


def test_non_numeric_value_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): "n.a."}))

    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert "bps/pt.json" in str(err.value) and "n.a." in str(err.value)


def test_any_variable_is_read_as_its_var_id(tmp_path: Path) -> None:
    other = {**PENGANGGURAN, "val": 600, "label": "Penduduk Bekerja", "unit": "Ribu Jiwa"}
    write(tmp_path, "bekerja.json", answer(other, {key(5102, 600, 122): 270}))
    frame = read(tmp_path)
    assert figures(frame) == {("51.02", 2022, "bps.var600"): 270000.0}
    assert frame.item(0, "satuan") == "orang"


def test_variabel_yaml_maps_other_ids_and_labels(tmp_path: Path) -> None:
    jumlah = {**PENGANGGURAN, "val": 77, "label": "Jumlah  penganggur"}
    write(tmp_path, "a.json", answer(jumlah, {key(5102, 77, 122): 11000}))
    write(tmp_path, "b.json", answer({**ANGKATAN_KERJA, "val": 88, "label": "AK"}, {key(5102, 88, 122): 287.569}))
    (tmp_path / "raw/bps/variabel.yaml").write_text(
        'var: {"88": bps.angkatan_kerja}\nlabel: {"Jumlah Penganggur": bps.pengangguran_terbuka}\n'
    )

    assert figures(read(tmp_path)) == {
        ("51.02", 2022, "bps.pengangguran_terbuka"): 11000.0,
        ("51.02", 2022, "bps.angkatan_kerja"): 287569.0,
    }


def test_bps_code_with_another_name_is_a_problem(tmp_path: Path) -> None:
    swapped = [{"val": 5102, "label": "Badung"}, {"val": 5101, "label": "Jembrana"}]
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000}, vervar=swapped))

    with pytest.raises(ContractError) as err:
        read(tmp_path)
    (problem,) = err.value.problems
    assert (problem.file, problem.column, problem.value) == ("bps/pt.json", "vervar", "5102")
    assert "Badung" in problem.message and "Kabupaten Tabanan" in problem.message
    assert "raw/bps/kode_wilayah.csv" in problem.message


def test_a_stewards_file_under_raw_adds_a_code_and_is_in_lineage(tmp_path: Path) -> None:
    renumbered = [{"val": 5190, "label": "Tabanan"}]
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5190, 543, 122): 11000}, vervar=renumbered))
    with pytest.raises(ContractError, match="5190"):
        read(tmp_path)

    (tmp_path / "raw/bps/kode_wilayah.csv").write_text("kode_bps,kode_wilayah\n5190,51.02\n", encoding="utf-8")
    assert figures(read(tmp_path)) == {("51.02", 2022, "bps.pengangguran_terbuka"): 11000.0}
    names = [s.name for s in list_sources(tmp_path / "raw", FOLDER, EXTENSIONS)]
    assert names == ["bps/kode_wilayah.csv", "bps/pt.json"]  # hashed and listed with the answers

    # one code written twice with two regions: refused naming both rows, nothing chosen silently
    (tmp_path / "raw/bps/kode_wilayah.csv").write_text("kode_bps,kode_wilayah\n5190,51.02\n5190,51.03\n", encoding="utf-8")
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.value) == ("bps/kode_wilayah.csv", 3, "51.03")
    assert "51.02 in row 2" in problem.message and "keep one" in problem.message

    # the steward's row is name-checked too: 5190 'Tabanan' is not Kabupaten Badung
    (tmp_path / "raw/bps/kode_wilayah.csv").write_text("kode_bps,kode_wilayah\n5190,51.03\n", encoding="utf-8")
    with pytest.raises(ContractError, match="Kabupaten Badung"):
        read(tmp_path)


def test_the_stewards_file_and_every_answer_are_checked_in_one_go(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000, key(5102, 541, 122): 5}))
    write(tmp_path, "tpt.json", answer(TPT, {key(5102, 31, 123): 2.64}, tahun=[{"val": 123, "label": "Tahun 2023"}]))
    (tmp_path / "raw/bps/kode_wilayah.csv").write_text("kode_bps,kode_wilayah\n51O2,51.02\n", encoding="utf-8")
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert sorted((p.file, p.column, p.value) for p in err.value.problems) == [
        ("bps/kode_wilayah.csv", "kode_bps", "51O2"), ("bps/pt.json", "datacontent", key(5102, 541, 122)),
        ("bps/tpt.json", "tahun", "Tahun 2023"),
    ]


def test_redownloaded_identical_figure_counts_once(tmp_path: Path) -> None:
    write(tmp_path, "pt_2024-01.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000, key(5101, 543, 122): 4000}))
    write(tmp_path, "pt_2024-06.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000}))

    frame = read(tmp_path)

    assert frame.height == 2
    assert frame.filter(pl.col("kode_wilayah") == "51.02").get_column("source_file").to_list() == ["bps/pt_2024-01.json"]


def test_conflicting_figures_name_both_files(tmp_path: Path) -> None:
    write(tmp_path, "lama.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000}))
    write(tmp_path, "baru.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11500}))

    with pytest.raises(ContractError) as err:
        read(tmp_path)
    text = str(err.value)
    assert "bps/lama.json" in text and "bps/baru.json" in text and "51.02" in text


def test_key_matching_no_listed_values_is_a_problem(tmp_path: Path) -> None:
    stray = key(5102, 541, 122)  # a var the file does not list
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000, stray: 5}))

    with pytest.raises(ContractError) as err:
        read(tmp_path)
    (problem,) = err.value.problems
    assert (problem.file, problem.column, problem.value) == ("bps/pt.json", "datacontent", stray)


def test_broken_files_name_the_file(tmp_path: Path) -> None:
    write(tmp_path, "kosong.json", '{"status": "OK", "data-availab')
    body = answer(PENGANGGURAN, {key(5102, 543, 122): 11000})
    del body["vervar"]
    write(tmp_path, "tanpa_vervar.json", body)

    with pytest.raises(ContractError) as err:
        read(tmp_path)
    assert sorted((p.file, p.column) for p in err.value.problems) == [
        ("bps/kosong.json", None), ("bps/tanpa_vervar.json", "vervar"),
    ]


def test_every_period_is_kept(tmp_path: Path) -> None:
    months = [{"val": 1, "label": "Februari"}, {"val": 2, "label": "Agustus"}]
    content = {key(5102, 31, 122, turtahun=1): 4.1, key(5102, 31, 122, turtahun=2): 3.83}
    write(tmp_path, "tpt.json", answer(TPT, content, turtahun=months))

    assert sorted(read(tmp_path).select("periode", "turvar", "nilai").rows()) == [("agustus", "total", 3.83), ("februari", "total", 4.1)]


def test_contract_rejects_negative_value_naming_the_file(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): -5}))

    with pytest.raises(ContractError, match="standard_measure_in_range") as err:
        validate(BpsTenagaKerja, read(tmp_path), "bps")
    assert [(p.file, p.column, p.value) for p in err.value.problems] == [("bps/pt.json", "nilai", "-5.0")]


def test_contract_rejects_percentage_mapped_to_a_count(tmp_path: Path) -> None:
    write(tmp_path, "pt.json", answer({**TPT, "label": "Pengangguran Terbuka"}, {key(5102, 31, 122): 3.83}))

    with pytest.raises(ContractError, match="satuan_of_ukuran"):
        validate(BpsTenagaKerja, read(tmp_path), "bps")


def test_assets_write_raw_and_a_year_of_every_region(tmp_path: Path) -> None:
    write(tmp_path, "ak.json", answer(ANGKATAN_KERJA, {key(5102, 541, 122): 287.569, key(5102, 541, 123): 290.1}))
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000, key(5101, 543, 122): 4000}))
    res = resources(raw_dir=tmp_path / "raw", database=tmp_path / "w.duckdb")

    raw = dg.materialize([raw_bps_tenaga_kerja], resources=res)
    staged = dg.materialize([bps_tenaga_kerja], partition_key="2022", resources=res)

    assert raw.success and staged.success
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM raw.bps_tenaga_kerja").fetchone() == (4,)
        rows = conn.execute(
            "SELECT kode_wilayah, tahun, ukuran, nilai, source_file FROM staged.bps_tenaga_kerja ORDER BY kode_wilayah, ukuran"
        ).fetchall()
    assert rows == [  # 2022 only (2023's 290.1 stays in raw), every region of the answer
        ("51.01", 2022, "bps.pengangguran_terbuka", 4000.0, "bps/pt.json"),
        ("51.02", 2022, "bps.angkatan_kerja", 287569.0, "bps/ak.json"),
        ("51.02", 2022, "bps.pengangguran_terbuka", 11000.0, "bps/pt.json"),
    ]


def test_listings_that_spell_far_more_keys_than_values_are_refused_before_spelling_them(tmp_path: Path) -> None:
    """2,000 regions × 1,000 years is 2 million keys for one value: refused by its size, not read."""
    vervar = [{"val": 10_000 + i, "label": f"Wilayah {i}"} for i in range(2_000)]
    tahun = [{"val": 100 + i, "label": str(1900 + i)} for i in range(1_000)]
    write(tmp_path, "besar.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000}, vervar=vervar, tahun=tahun))
    with pytest.raises(ContractError) as err:
        read(tmp_path)
    (problem,) = err.value.problems
    assert problem.file == "bps/besar.json" and "2,000,000 combinations for 1 values" in problem.message


def test_variable_names_must_be_plain_lines(tmp_path: Path) -> None:
    """A YAML alias expanded into a list (the 'billion laughs' shape) is refused, never printed."""
    write(tmp_path, "pt.json", answer(PENGANGGURAN, {key(5102, 543, 122): 11000}))
    (tmp_path / "raw/bps/variabel.yaml").write_text("var:\n  1: &a [x, x, x]\n  2: &b [*a, *a, *a]\n  543: *b\n", encoding="utf-8")
    with pytest.raises(ContractError, match="'var id or label: bps.measure' lines"):
        read(tmp_path)
