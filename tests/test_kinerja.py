"""Realisasi, capaian and predikat from the catalog, on small real-shaped data."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.katalog.reader import FOLDER, EXTENSIONS, read_katalog
from pipelines.lib.ketersediaan import SEMUA
from pipelines.lib.kinerja.iku import hitung_masukan, hitung_realisasi, iku_capaian, iku_perbandingan
from pipelines.lib.measures.ukuran import SCHEMA


def katalog(tmp_path: Path, indikator: list[dict], tahun: int = 2024, **extra: object) -> pl.DataFrame:
    body = {"kode_wilayah": "32.73", "tahun": tahun, "opd": "Dinas X", "indikator": indikator, **extra}
    path = tmp_path / "raw" / FOLDER / f"32.73_{tahun}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(body))
    return read_katalog(list_sources(tmp_path / "raw", FOLDER, EXTENSIONS)).filter(pl.col("tahun") == tahun)


def measures(rows: list[tuple[int, str, float]]) -> pl.DataFrame:
    """Measures as staged.measures holds them; a BPS figure read at Agustus."""
    return pl.DataFrame(
        [("32.73", t, u, v, "agustus" if u.startswith("bps.") else None, f"src/{u}.csv") for t, u, v in rows], schema=list(SCHEMA), orient="row"
    ).cast(SCHEMA)


def table(
    tmp_path: Path, indikator: list[dict], rows: list[tuple[int, str, float]], ada: frozenset[str] = SEMUA, **extra: object
) -> dict[str, dict]:
    k = katalog(tmp_path, indikator, **extra)
    m = measures(rows)
    out = iku_capaian(hitung_realisasi(k, hitung_masukan(k, m, ada)), k, m)
    return {r["indicator_id"]: r for r in out.iter_rows(named=True)}


def ind(id: str, **fields: object) -> dict:
    return {"id": id, "jenis": "iku", "indikator": id.replace("_", " "), "satuan": "%", "arah": "naik", "target": 10, **fields}


def test_nilai_rasio_pertumbuhan(tmp_path: Path):
    got = table(
        tmp_path,
        [
            ind("skor", rumus="nilai", ukuran="manual.skor", satuan="nilai", target=80),
            ind("rasio", rumus="rasio", pembilang="manual.a", penyebut="manual.b"),
            ind("tumbuh", rumus="pertumbuhan", ukuran="umkm.jumlah"),
        ],
        [(2024, "manual.skor", 88.0), (2024, "manual.a", 3.0), (2024, "manual.b", 40.0), (2023, "umkm.jumlah", 200.0), (2024, "umkm.jumlah", 230.0)],
    )
    assert got["skor"]["realisasi"] == 88.0 and got["skor"]["capaian"] == pytest.approx(110.0)
    assert got["rasio"]["realisasi"] == pytest.approx(7.5) and got["rasio"]["capaian"] == pytest.approx(75.0)
    assert got["tumbuh"]["realisasi"] == pytest.approx(15.0) and got["tumbuh"]["capaian"] == pytest.approx(150.0)
    assert "src/umkm.jumlah.csv" in got["tumbuh"]["sumber"]


def test_turun_standard_and_rasio_terbalik_and_cap(tmp_path: Path):
    rows = [(2024, "manual.tpt", 3.0)]
    got = table(
        tmp_path,
        [
            ind("tpt", rumus="nilai", ukuran="manual.tpt", arah="turun", target=4),
            ind("tpt_terbalik", rumus="nilai", ukuran="manual.tpt", arah="turun", target=4, rumus_capaian="rasio_terbalik"),
            ind("tpt_cap", rumus="nilai", ukuran="manual.tpt", arah="naik", target=2, capaian_maks=120),
        ],
        rows,
    )
    assert got["tpt"]["capaian"] == pytest.approx((2 * 4 - 3) / 4 * 100)  # 125
    assert got["tpt_terbalik"]["capaian"] == pytest.approx(4 / 3 * 100)
    assert got["tpt_cap"]["capaian"] == 120.0  # 150 capped by the catalog


def test_zero_base_and_zero_denominator_stay_empty_with_reason(tmp_path: Path):
    got = table(
        tmp_path,
        [ind("tumbuh", rumus="pertumbuhan", ukuran="koperasi.berkualitas"), ind("rasio", rumus="rasio", pembilang="manual.a", penyebut="manual.b")],
        [(2023, "koperasi.berkualitas", 0.0), (2024, "koperasi.berkualitas", 3.0), (2024, "manual.a", 1.0), (2024, "manual.b", 0.0)],
    )
    for key in ("tumbuh", "rasio"):
        assert got[key]["realisasi"] is None and got[key]["capaian"] is None and got[key]["predikat"] is None
        assert got[key]["keterangan"].startswith("undefined")


def test_data_vintage_offsets_catalog_and_indicator(tmp_path: Path):
    """BPS read at N−1 through the catalog, manual at N; one indicator overrides to read BPS at N."""
    rows = [(2023, "bps.pengangguran_terbuka", 11000.0), (2024, "bps.pengangguran_terbuka", 9000.0), (2024, "manual.sertifikat", 240.0)]
    got = table(
        tmp_path,
        [
            ind("terampil", rumus="rasio", pembilang="manual.sertifikat", penyebut="bps.pengangguran_terbuka"),
            ind("terampil_kini", rumus="rasio", pembilang="manual.sertifikat", penyebut="bps.pengangguran_terbuka", tahun_data={"bps": 0}),
        ],
        rows,
        tahun_data={"bps": -1},
    )
    assert got["terampil"]["realisasi"] == pytest.approx(240 / 11000 * 100)
    assert got["terampil_kini"]["realisasi"] == pytest.approx(240 / 9000 * 100)


def test_custom_predikat_scale_and_default_edges(tmp_path: Path):
    indikator = [ind(f"v{v}", rumus="nilai", ukuran=f"manual.v{v}", target=100, satuan="nilai") for v in (86, 85, 70, 55)]
    rows = [(2024, f"manual.v{v}", float(v)) for v in (86, 85, 70, 55)]
    default = table(tmp_path, indikator, rows)
    # "capaian > 85 → Sangat Berhasil": exactly 85 is the next step down
    assert [default[f"v{v}"]["predikat"] for v in (86, 85, 70, 55)] == ["Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"]
    scale = [{"lebih_dari": 80, "predikat": "Baik"}, {"lebih_dari": None, "predikat": "Kurang"}]
    custom = table(tmp_path, indikator, rows, predikat=scale)
    assert [custom[f"v{v}"]["predikat"] for v in (86, 85, 70, 55)] == ["Baik", "Baik", "Kurang", "Kurang"]


def test_unknown_measure_names_file_indicator_and_measure(tmp_path: Path):
    with pytest.raises(ContractError) as err:
        table(tmp_path, [ind("x", rumus="nilai", ukuran="manual.tidak_ada")], [(2024, "manual.skor", 1.0)])
    message = str(err.value)
    assert "perjanjian_kinerja/32.73_2024.yaml" in message and "indicator 'x'" in message
    assert "manual.tidak_ada" in message and "unknown measure" in message


def test_a_measure_whose_source_has_no_data_in_raw_is_empty_with_that_reason_not_an_error(tmp_path: Path):
    """Every source optional: without manual files, a manual.* name cannot be told from a typo, so
    it is no error; the indicator says which folder is empty. The same name with manual data
    present is still a typo (test above); the assessments need the registry too."""
    indikator = [ind("skor", rumus="nilai", ukuran="manual.skor_baru"), ind("sehat", rumus="nilai", ukuran="koperasi.sehat"),
                 ind("tumbuh", rumus="pertumbuhan", ukuran="umkm.jumlah")]
    rows = [(2023, "umkm.jumlah", 200.0), (2024, "umkm.jumlah", 230.0)]
    got = table(tmp_path, indikator, rows, ada=SEMUA - {"manual", "ods_koperasi"})
    assert got["skor"]["realisasi"] is None and got["skor"]["data_kosong"]
    assert got["skor"]["keterangan"] == "data not yet available: no data in raw/manual/ (no file, or only empty files)"
    assert got["sehat"]["keterangan"] == "data not yet available: no data in raw/ods_koperasi/ (no file, or only empty files)"
    assert got["tumbuh"]["realisasi"] == pytest.approx(15.0) and not got["tumbuh"]["data_kosong"]
    with pytest.raises(ContractError, match="unknown measure manual.skor_baru"):
        table(tmp_path, indikator, [*rows, (2024, "manual.skor", 1.0)], ada=SEMUA)


def test_measure_without_data_for_the_year_read_is_empty_with_its_reason(tmp_path: Path):
    """Missing is not zero and not a crash: the other indicators are computed as usual."""
    rows = [(2024, "umkm.jumlah", 5.0), (2024, "manual.skor", 90.0)]
    got = table(
        tmp_path,
        [ind("tumbuh", rumus="pertumbuhan", ukuran="umkm.jumlah"), ind("tpt", rumus="nilai", ukuran="bps.tpt", satuan="%"),
         ind("skor", rumus="nilai", ukuran="manual.skor", target=80, satuan="nilai")],
        rows,
    )
    assert got["tumbuh"]["realisasi"] is None and got["tumbuh"]["capaian"] is None and got["tumbuh"]["predikat"] is None
    assert got["tumbuh"]["keterangan"] == "data not yet available: UMKM desa has no data for umkm.jumlah in 2023 (32.73)"
    assert got["tpt"]["keterangan"] == "data not yet available: BPS has no data for bps.tpt in 2024 (32.73)"
    assert got["skor"]["realisasi"] == 90.0 and got["skor"]["keterangan"] is None


def test_a_period_the_figures_do_not_have_names_the_choices(tmp_path: Path):
    rows = [(2023, "bps.var543[februari/laki_laki]", 1.0), (2023, "bps.var543[agustus/laki_laki]", 2.0)]
    with pytest.raises(ContractError) as err:
        table(tmp_path, [ind("x", rumus="nilai", ukuran="bps.var543")], rows)
    assert "unknown measure bps.var543" in str(err.value)
    assert "(the measures hold bps.var543[agustus/laki_laki], bps.var543[februari/laki_laki])" in str(err.value)


def test_perbandingan_uses_last_years_own_rows(tmp_path: Path):
    rows = [(2023, "manual.skor", 70.0), (2024, "manual.skor", 90.0)]
    k24 = katalog(tmp_path, [ind("skor", rumus="nilai", ukuran="manual.skor", target=80, satuan="nilai")])
    k23 = katalog(tmp_path, [ind("skor", rumus="nilai", ukuran="manual.skor", target=75, satuan="nilai")], tahun=2023)
    m = measures(rows)
    this, last = (iku_capaian(hitung_realisasi(k, hitung_masukan(k, m, SEMUA)), k, m) for k in (k24, k23))
    row = iku_perbandingan(this, last).row(0, named=True)
    assert (row["tahun_lalu"], row["target_lalu"], row["realisasi_lalu"], row["target"], row["realisasi"]) == (2023, 75.0, 70.0, 80.0, 90.0)
    assert row["capaian_lalu"] == pytest.approx(70 / 75 * 100)


def test_each_read_is_a_row_of_data_and_realisasi_is_computed_from_them(tmp_path: Path):
    """Measure, role, year read, BPS period, value and files as columns (kinerja.realisasi_masukan):
    what trace and the reviu read; the period said in keterangan is made from them."""
    k = katalog(tmp_path, [ind("tpt", rumus="rasio", pembilang="bps.pengangguran_terbuka", penyebut="bps.angkatan_kerja"),
                           ind("tumbuh", rumus="pertumbuhan", ukuran="umkm.jumlah")], tahun_data={"bps": -1})
    m = measures([(2023, "bps.pengangguran_terbuka", 11000.0), (2023, "bps.angkatan_kerja", 287569.0), (2024, "umkm.jumlah", 230.0)])
    masukan = hitung_masukan(k, m, SEMUA)
    assert masukan.sort("indicator_id", "peran").select("indicator_id", "peran", "ukuran", "tahun_data", "periode", "nilai", "sumber").rows() == [
        ("tpt", "pembilang", "bps.pengangguran_terbuka", 2023, "agustus", 11000.0, "src/bps.pengangguran_terbuka.csv"),
        ("tpt", "penyebut", "bps.angkatan_kerja", 2023, "agustus", 287569.0, "src/bps.angkatan_kerja.csv"),
        ("tumbuh", "ukuran", "umkm.jumlah", 2024, None, 230.0, "src/umkm.jumlah.csv"),
        ("tumbuh", "ukuran_lalu", "umkm.jumlah", 2023, None, None, None),
    ]
    got = {r["indicator_id"]: r for r in hitung_realisasi(k, masukan).iter_rows(named=True)}
    assert got["tpt"]["realisasi"] == pytest.approx(11000 / 287569 * 100) and got["tpt"]["keterangan"] == "BPS period Agustus"
    assert got["tpt"]["sumber"] == "src/bps.angkatan_kerja.csv; src/bps.pengangguran_terbuka.csv"
    assert got["tumbuh"]["data_kosong"] and got["tumbuh"]["realisasi"] is None


def test_predikat_bands_as_a_real_report_prints_them(tmp_path: Path):
    """`86 s/d 100 Baik`, `71 s/d <85 Sedang`, `56 s/d <70 Kurang`, `<55 Sangat Kurang`: gaps
    between bands and nothing above 100 give no predikat (the reviu reports them)."""
    scale = [
        {"dari": 86, "sampai": 100, "predikat": "Baik"},
        {"dari": 71, "sampai": 85, "sampai_termasuk": False, "predikat": "Sedang"},
        {"dari": 56, "sampai": 70, "sampai_termasuk": False, "predikat": "Kurang"},
        {"sampai": 55, "sampai_termasuk": False, "predikat": "Sangat Kurang"},
    ]
    values = {"a": 90.0, "b": 86.0, "c": 85.0, "d": 85.5, "e": 70.0, "f": 54.9, "g": 55.0, "h": 201.6, "i": 71.0}
    indikator = [ind(k, rumus="nilai", ukuran=f"manual.{k}", target=100, satuan="nilai") for k in values]
    got = table(tmp_path, indikator, [(2024, f"manual.{k}", v) for k, v in values.items()], predikat=scale)
    assert {k: got[k]["predikat"] for k in values} == {
        "a": "Baik", "b": "Baik", "c": None, "d": None, "e": None, "f": "Sangat Kurang", "g": None, "h": None, "i": "Sedang",
    }


def test_a_scale_cannot_mix_lebih_dari_and_bands(tmp_path: Path):
    scale = [{"dari": 80, "predikat": "Baik"}, {"lebih_dari": None, "predikat": "Kurang"}]
    with pytest.raises(ContractError, match="not both"):
        table(tmp_path, [ind("a", rumus="nilai", ukuran="manual.a", target=100, satuan="nilai")], [(2024, "manual.a", 90.0)], predikat=scale)


def test_two_catalogs_of_one_region_year_must_agree_on_the_predikat_scale(tmp_path: Path):
    """A copy of the catalog with another scale is not chosen between silently."""
    skor = ind("skor", rumus="nilai", ukuran="manual.skor", target=100, satuan="nilai")
    katalog(tmp_path, [skor])  # the default scale
    first = (tmp_path / "raw" / FOLDER / "32.73_2024.yaml").read_text()
    (tmp_path / "raw" / FOLDER / "32.73_2024_salinan.yaml").write_text(
        first.replace("opd: Dinas X", "opd: Dinas X\npredikat:\n- {dari: 86, predikat: Baik}\n- {sampai: 86, predikat: Kurang}"))
    with pytest.raises(ContractError) as err:
        read_katalog(list_sources(tmp_path / "raw", FOLDER, EXTENSIONS))
    (problem,) = err.value.problems
    assert problem.file == "perjanjian_kinerja/32.73_2024_salinan.yaml" and "different predikat" in problem.message


def test_an_implausible_capaian_is_noted_in_the_one_number_format():
    """1.851,85% as every export prints it, never 1851,85%."""
    from pipelines.lib.kinerja.capaian import capaian

    frame = pl.DataFrame({"realisasi": [277.7778, 50.0], "target": [15.0, 50.0], "arah": ["naik", "naik"],
                          "rumus_capaian": [None, None], "capaian_maks": [None, None]},
                         schema_overrides={"rumus_capaian": pl.String, "capaian_maks": pl.Float64})
    notes = capaian(frame).get_column("keterangan").to_list()
    assert "1.851,85%" in notes[0] and "200,00%" in notes[0] and notes[1] is None
