"""Manual measures and published figures keep their source document and printed precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate
from pipelines.lib.manual import reader as manual
from pipelines.lib.published import reader as published
from schemas.manual import ManualUkuran
from schemas.published import AngkaTerbit
from tests.conftest import write_csv

MANUAL = ["kode_wilayah", "tahun", "ukuran", "nilai", "satuan", "sumber"]
PUBLISHED = ["kode_wilayah", "tahun", "tabel", "kunci", "kolom", "nilai_terbit"]


def read_manual(raw: Path):
    return validate(ManualUkuran, manual.read_manual(list_sources(raw, manual.FOLDER, manual.EXTENSIONS)), "manual")


def test_manual_comma_and_dot_decimals(tmp_path: Path):
    write_csv(
        tmp_path / "manual/m.csv",
        MANUAL,
        [["51.02", 2023, "manual.nilai_rb", "94,19", "nilai", "LHE 2023"], ["51.02", 2022, "manual.nilai_rb", "92.04", "nilai", "LHE 2022"]],
    )
    assert read_manual(tmp_path).sort("tahun").get_column("nilai").to_list() == [92.04, 94.19]


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["51.02", 2023, "manual.x", "12", "orang", ""], "sumber"),
        (["51.02", 2023, "bps.x", "12", "orang", "Laporan"], "ukuran"),
        (["51.02", 2023, "manual.x", "dua belas", "orang", "Laporan"], "nilai"),
        (["51.02", "2023,5", "manual.x", "12", "orang", "Laporan"], "tahun"),  # never read as 2023
    ],
)
def test_manual_contract(tmp_path: Path, row: list, column: str):
    write_csv(tmp_path / "manual/m.csv", MANUAL, [row])
    with pytest.raises(ContractError) as err:
        read_manual(tmp_path)
    assert "manual/m.csv" in str(err.value) and "row 2" in str(err.value) and f"'{column}'" in str(err.value)


def test_published_values_and_precision(tmp_path: Path):
    write_csv(
        tmp_path / "published/p.csv",
        PUBLISHED,
        [
            ["51.02", 2023, "3.1", "tpt", "realisasi", "3,83%"],
            ["51.02", 2023, "3.1", "tpt", "predikat", "Sangat Berhasil"],
            ["51.02", 2023, "3.7", "JUMLAH", "pagu", "Rp9.770.736.608"],
            ["51.02", 2022, "3.3", "koperasi_berkualitas", "realisasi", "-"],
        ],
    )
    frame = validate(AngkaTerbit, published.read_published(list_sources(tmp_path, published.FOLDER, published.EXTENSIONS)), "p")
    got = {(r["kunci"], r["kolom"]): (r["nilai"], r["desimal"]) for r in frame.iter_rows(named=True)}
    assert got[("tpt", "realisasi")] == (3.83, 2)
    assert got[("tpt", "predikat")] == (None, 0)
    assert got[("JUMLAH", "pagu")] == (9770736608.0, 0)
    assert got[("koperasi_berkualitas", "realisasi")] == (None, 0)


def test_published_unknown_table_rejected(tmp_path: Path):
    write_csv(tmp_path / "published/p.csv", PUBLISHED, [["51.02", 2023, "9.9", "tpt", "realisasi", "3"]])
    with pytest.raises(ContractError) as err:
        validate(AngkaTerbit, published.read_published(list_sources(tmp_path, published.FOLDER, published.EXTENSIONS)), "p")
    assert "'tabel'" in str(err.value) and "'9.9'" in str(err.value)


def test_an_ambiguous_nilai_takes_the_notation_of_its_file(tmp_path: Path):
    """1.000 is one thousand in a file that writes decimal commas, and one where it writes 92.04."""
    write_csv(tmp_path / "manual/koma.csv", MANUAL, [
        ["51.02", 2022, "manual.nilai_akip", "68,10", "nilai", "LHE AKIP 2022"],
        ["51.02", 2022, "manual.pencari_kerja_terdaftar", "1.000", "orang", "Rekap AK-I 2022"],
    ])
    write_csv(tmp_path / "manual/titik.csv", MANUAL, [
        ["51.02", 2023, "manual.nilai_reformasi_birokrasi", "92.04", "nilai", "LHE RB 2023"],
        ["51.02", 2023, "manual.indeks_kepuasan", "1.000", "indeks", "Survei 2023"],
    ])
    got = {r["ukuran"]: r["nilai"] for r in read_manual(tmp_path).iter_rows(named=True)}
    assert got["manual.pencari_kerja_terdaftar"] == 1000.0 and got["manual.indeks_kepuasan"] == 1.0
    assert got["manual.nilai_akip"] == 68.1 and got["manual.nilai_reformasi_birokrasi"] == 92.04


def test_an_ambiguous_nilai_without_evidence_is_a_problem_naming_the_cell(tmp_path: Path):
    write_csv(tmp_path / "manual/m.csv", MANUAL, [
        ["51.02", 2023, "manual.pencari_kerja_bersertifikat", "240", "orang", "Laporan UPTD BLK"],
        ["51.02", 2023, "manual.pencari_kerja_terdaftar", "1.000", "orang", "Rekap AK-I 2023"],
    ])
    with pytest.raises(ContractError) as err:
        read_manual(tmp_path)
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == ("manual/m.csv", 3, "nilai", "1.000")
    assert "is 1.000 one, or one thousand?" in problem.message and "write thousands without a separator (1000)" in problem.message


def test_published_amounts_grouped_by_commas_and_a_target_in_its_column_s_notation(tmp_path: Path):
    """The report prints its budget as 1,004,422,800 and its targets with decimal commas: each
    column is read in its own notation, so the "1.000 orang" target is one thousand."""
    write_csv(
        tmp_path / "published/p.csv",
        PUBLISHED,
        [
            ["51.02", 2023, "3.1", "pencari_kerja", "target", "1.000 orang"],
            ["51.02", 2023, "3.1", "akuntabilitas_kinerja", "target", "81,02"],
            ["51.02", 2023, "3.7", "JUMLAH", "pagu", "Rp1,004,422,800"],
            ["51.02", 2023, "3.7", "2.07.03", "realisasi_keuangan", "Rp 1,204"],
            ["51.02", 2023, "3.7", "2.07.04", "realisasi_keuangan", "332,224,170.50"],
        ],
    )
    frame = validate(AngkaTerbit, published.read_published(list_sources(tmp_path, published.FOLDER, published.EXTENSIONS)), "p")
    got = {(r["kunci"], r["kolom"]): (r["nilai"], r["desimal"]) for r in frame.iter_rows(named=True)}
    assert got[("pencari_kerja", "target")] == (1000.0, 0)
    assert got[("JUMLAH", "pagu")] == (1004422800.0, 0)
    assert got[("2.07.03", "realisasi_keuangan")] == (1204.0, 0)  # an amount: the comma groups thousands
    assert got[("2.07.04", "realisasi_keuangan")] == (332224170.5, 2)
