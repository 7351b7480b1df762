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
