"""The Perjanjian Kinerja catalog is data: typed, validated, errors name file and indicator."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate
from pipelines.lib.katalog.reader import FOLDER, EXTENSIONS, read_katalog
from schemas.katalog import KatalogIndikator

TPT = {
    "id": "tpt", "jenis": "iku", "indikator": "Persentase TPT", "satuan": "%", "arah": "turun",
    "target": 3.9, "rumus": "rasio", "pembilang": "bps.pengangguran_terbuka", "penyebut": "bps.angkatan_kerja",
}
UMKM = {"id": "umkm", "jenis": "iku", "indikator": "Pertumbuhan UMKM", "arah": "naik", "target": 3, "rumus": "pertumbuhan", "ukuran": "umkm.jumlah", "tahun_data": {"umkm": 0, "bps": 0}}


def catalog(tmp_path: Path, **changes: object) -> Path:
    body = {"kode_wilayah": "32.73", "tahun": 2024, "opd": "Dinas X", "tahun_data": {"bps": -1}, "indikator": [TPT, UMKM], **changes}
    path = tmp_path / "raw" / FOLDER / "32.73_2024.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(body, allow_unicode=True))
    return tmp_path / "raw"


def read(raw: Path):
    return validate(KatalogIndikator, read_katalog(list_sources(raw, FOLDER, EXTENSIONS)), "katalog")


def test_offsets_resolved_per_indicator_and_default_scale(tmp_path: Path):
    frame = read(catalog(tmp_path))
    tpt, umkm = frame.row(0, named=True), frame.row(1, named=True)
    assert (tpt["tahun_data_bps"], tpt["tahun_data_manual"], umkm["tahun_data_bps"]) == (-1, 0, 0)
    assert tpt["predikat_nama"] == ["Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"]
    assert tpt["predikat_batas"] == [85.0, 70.0, 55.0, None]
    assert (tpt["urutan"], umkm["urutan"], tpt["rumus_capaian"]) == (1, 2, "standar")


def test_custom_scale_kept(tmp_path: Path):
    scale = [{"lebih_dari": 90, "predikat": "A"}, {"lebih_dari": None, "predikat": "B"}]
    frame = read(catalog(tmp_path, predikat=scale, rumus_capaian="rasio_terbalik"))
    assert frame.get_column("predikat_nama").to_list()[0] == ["A", "B"]
    assert set(frame.get_column("rumus_capaian")) == {"rasio_terbalik"}


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ({**TPT, "target": None}, ["indicator 'tpt'", "target"]),
        ({k: v for k, v in TPT.items() if k != "target"}, ["indicator 'tpt'", "target", "required"]),
        ({**TPT, "rumus": "rata_rata"}, ["indicator 'tpt'", "rumus", "rata_rata"]),
        ({**TPT, "pembilang": "bps.pengangguran terbuka"}, ["indicator 'tpt'", "pembilang"]),
        ({**TPT, "rumus": "pertumbuhan"}, ["indicator 'tpt'", "needs ukuran"]),
        ({**TPT, "jenis": "program"}, ["indicator 'tpt'", "program kode"]),
    ],
)
def test_errors_name_file_and_indicator(tmp_path: Path, indicator: dict, expected: list[str]):
    with pytest.raises(ContractError) as err:
        read(catalog(tmp_path, indikator=[indicator, UMKM]))
    message = str(err.value)
    assert "perjanjian_kinerja/32.73_2024.yaml" in message
    for part in expected:
        assert part in message


def test_yaml_is_parsed_never_evaluated(tmp_path: Path):
    raw = catalog(tmp_path)
    path = raw / FOLDER / "32.73_2024.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ContractError) as err:
        read(raw)
    assert "not valid YAML" in str(err.value)


def test_scale_must_end_in_a_floor(tmp_path: Path):
    with pytest.raises(ContractError) as err:
        read(catalog(tmp_path, predikat=[{"lebih_dari": 90, "predikat": "A"}]))
    assert "floor" in str(err.value)


def test_a_broken_catalog_does_not_hide_two_others_that_disagree(tmp_path: Path):
    raw = catalog(tmp_path)
    folder = raw / FOLDER
    (folder / "32.73_2024_revisi.yaml").write_text(yaml.safe_dump(
        {"kode_wilayah": "32.73", "tahun": 2024, "opd": "Dinas X", "tahun_data": {"bps": -1}, "indikator": [{**TPT, "target": 4.1}, UMKM]}
    ))
    (folder / "rusak.yaml").write_text("kode_wilayah: [32.73\n")
    with pytest.raises(ContractError) as err:
        read_katalog(list_sources(raw, FOLDER, EXTENSIONS))
    assert sorted((p.file, p.column) for p in err.value.problems) == [
        ("perjanjian_kinerja/32.73_2024_revisi.yaml", "target"), ("perjanjian_kinerja/rusak.yaml", None),
    ]
