"""Real BPS answers (tests/data/bps/, origins in its README.md) and the shipped BPS↔Kemendagri
table, read with no configuration; values checked by hand against the files."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import list_sources
from pipelines.lib.validation import validate
from pipelines.lib.wilayah import region_name_key, wilayah
from pipelines.lib.bps.kode import shipped
from pipelines.lib.bps.reader import EXTENSIONS, FOLDER, read_bps
from pipelines.lib.measures.ukuran import from_bps
from schemas.bps import BpsTenagaKerja
from scripts import make_bps_kemendagri
from tests.conftest import REPO, SAMPLE_RAW

REAL = REPO / "tests" / "data" / "bps"


def read(tmp_path: Path, *names: str) -> pl.DataFrame:
    folder = tmp_path / "raw" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(REAL / name, folder / name)
    return validate(BpsTenagaKerja, read_bps(list_sources(tmp_path / "raw", FOLDER, EXTENSIONS)), "bps")


def value(frame: pl.DataFrame, kode: str, tahun: int, ukuran: str) -> float | None:
    found = frame.filter((pl.col("kode_wilayah") == kode) & (pl.col("tahun") == tahun) & (pl.col("ukuran") == ukuran))
    assert found.height <= 1, found
    return found.item(0, "nilai") if found.height else None


def test_national_tpt_table_lands_on_kemendagri_codes(tmp_path: Path):
    rows = read(tmp_path, "tpt_provinsi_var543_eng.json")
    assert rows.filter(pl.col("kode_bps") == "9999").is_empty()  # INDONESIA is no region
    assert set(rows.get_column("periode")) == {"februari", "agustus", "tahunan"} and set(rows.get_column("turvar")) == {"total"}
    assert set(rows.get_column("ukuran")) == {"bps.tpt"}  # "Unemployment Rate by Province" is TPT
    by = {(r["kode_bps"], r["kode_wilayah"]) for r in rows.select("kode_bps", "kode_wilayah").unique().iter_rows(named=True)}
    # BPS numbers the Papua provinces differently from Kemendagri since the 2022 split
    assert {("9400", "91"), ("9100", "92"), ("9500", "93"), ("9600", "94"), ("9700", "95"), ("9200", "96")} <= by
    assert {("2100", "21"), ("3100", "31"), ("3400", "34"), ("5100", "51")} <= by  # KEP. RIAU, DKI JAKARTA, DI YOGYAKARTA
    assert len(by) == 38

    measures = from_bps(rows.lazy()).collect()
    assert value(measures, "51", 2023, "bps.tpt") == 2.69  # no Yearly figure since 2005: August
    assert value(measures, "51", 2023, "bps.tpt[februari]") == 3.73
    assert value(measures, "51", 2004, "bps.tpt") == 4.66  # Yearly where BPS filled it
    assert value(measures, "51", 2023, "bps.var543") == 2.69  # also under its var id
    assert value(measures, "95", 2024, "bps.tpt") == 1.32
    assert value(measures, "91", 2024, "bps.tpt") == 6.48
    assert measures.filter((pl.col("kode_wilayah") == "51") & (pl.col("tahun") == 2023) & (pl.col("ukuran") == "bps.tpt")).item(0, "periode") == "agustus"


def test_a_table_listing_regions_by_item_number_is_placed_by_name(tmp_path: Path):
    """vervar 1 'Ambon', 2 'Tual' under labelvervar 'Kota': Kota Ambon 81.71 and Kota Tual 81.72."""
    rows = read(tmp_path, "inflasi_ytd_ambon_tual_var218.json")
    assert set(rows.select("kode_bps", "kode_wilayah").unique().iter_rows()) == {("1", "81.71"), ("2", "81.72")}
    measures = from_bps(rows.lazy()).collect()
    assert value(measures, "81.71", 2017, "bps.var218") == -0.05  # Tahunan, where BPS filled it …
    assert value(measures, "81.71", 2017, "bps.var218[agustus]") == 1.73  # … not August
    assert value(measures, "81.72", 2022, "bps.var218") == 3.17  # no Tahunan yet: Agustus
    assert value(measures, "81.72", 2019, "bps.var218") is None  # Januari … Mei only: no default, each month by name
    assert value(measures, "81.72", 2019, "bps.var218[mei]") == 2.06


def test_a_province_total_listed_as_one_more_kota_is_the_province(tmp_path: Path):
    """Sumatera Barat's var 320 lists 'Provinsi Sumatera Barat' as vervar 1378 after Kota Pariaman
    1377: read as province 13 with no kode_wilayah.csv, its BPS code and label kept beside it."""
    rows = read(tmp_path, "internet_sumbar_var320_2025.json")
    found = {r["kode_wilayah"]: (r["kode_bps"], r["nama_wilayah"], r["nilai"]) for r in rows.iter_rows(named=True)}
    assert len(found) == 20
    assert found["13"] == ("1378", "Provinsi Sumatera Barat", 80.47)
    assert found["13.09"] == ("1301", "Kab. Kepulauan Mentawai", 54.01)  # BPS 1301 is Kemendagri 13.09
    assert found["13.71"] == ("1371", "Kota Padang", 88.3)
    assert set(rows.get_column("turvar")) == {"pernah_mengakses_internet"}


def test_error_and_empty_answers(tmp_path: Path):
    assert read(tmp_path, "list_not_available.json").is_empty()
    with pytest.raises(ContractError) as err:
        read(tmp_path, "error_answer.json")
    assert 'bps/error_answer.json: BPS answered with status Error: "There is something wrong!"' in str(err.value)


def test_the_shipped_table_maps_every_bps_code_to_exactly_one_region():
    table = pl.read_csv(REPO / "pipelines/reference/bps_kemendagri.csv", infer_schema=False)
    assert table.get_column("kode_bps").is_unique().all()
    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"]))
    assert table.get_column("kode_wilayah").is_in(regions.get_column("kode").implode()).all()
    current = table.filter(pl.col("vintage").str.contains("2023"))
    assert current.height == regions.height == 552 and current.get_column("kode_wilayah").is_unique().all()
    differ = table.filter(region_name_key(pl.col("nama_bps")) != region_name_key(pl.col("nama_kemendagri")))
    assert differ.select("kode_bps", "kode_wilayah").rows() == [("7108", "71.09")]  # (Kep.) Siau Tagulandang Biaro
    assert shipped().height == table.height


def test_the_shipped_table_is_what_the_public_lists_give():
    built = make_bps_kemendagri.build()
    assert built.equals(pl.read_csv(REPO / "pipelines/reference/bps_kemendagri.csv", infer_schema=False))


@pytest.mark.parametrize(
    ("bps", "kemendagri"),
    [("PROV BALI", "Bali"), ("KEP. RIAU", "Kepulauan Riau"), ("DKI JAKARTA", "Daerah Khusus Ibukota Jakarta"),
     ("DI YOGYAKARTA", "Daerah Istimewa Yogyakarta"), ("Kab. Kepulauan Mentawai", "Kabupaten Kepulauan Mentawai"),
     ("Provinsi Sumatera Barat", "Sumatera Barat"), ("FAKFAK", "Kabupaten Fak Fak"), ("KOTA DENPASAR", "Kota Denpasar")],
)
def test_bps_label_styles_name_the_kemendagri_region(bps: str, kemendagri: str):
    assert pl.select(region_name_key(pl.lit(bps)) == region_name_key(pl.lit(kemendagri))).item()


def test_real_answers_run_through_lkjip_run_and_missing_data_is_no_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The sample with the real national TPT table and the Ambon/Tual table added, and its
    unemployment answer replaced by BPS's empty answer: the run finishes, every other number is
    computed, the indicators that read unemployment are empty with a reason and a finding."""
    from pipelines import runner

    monkeypatch.setenv("LKJIP_BAHASA", "id")
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    (raw / FOLDER / "pengangguran_terbuka.json").unlink()
    for name in ("tpt_provinsi_var543_eng.json", "inflasi_ytd_ambon_tual_var218.json", "list_not_available.json"):
        shutil.copy(REAL / name, raw / FOLDER / name)
    outcome = runner.run(raw, tmp_path / "warehouse")
    assert outcome.ok, outcome.problems
    with duckdb.connect(str(outcome.database), read_only=True) as conn:
        measures = dict(conn.execute(
            "SELECT kode_wilayah || ' ' || tahun || ' ' || ukuran, nilai FROM staged.measures WHERE ukuran LIKE 'bps.tpt%' OR ukuran LIKE 'bps.var218%'"
        ).fetchall())
        tpt = conn.execute(
            "SELECT realisasi, capaian, predikat, keterangan FROM kinerja.iku_capaian WHERE kode_wilayah = '51.02' AND tahun = 2023 AND indicator_id = 'tpt'"
        ).fetchone()
        done = conn.execute("SELECT count(*) FROM kinerja.iku_capaian WHERE kode_wilayah = '51.02' AND tahun = 2023 AND realisasi IS NOT NULL").fetchone()[0]
        findings = conn.execute("SELECT kunci FROM reviu.findings WHERE rule = 'missing_data' AND tahun = 2023").fetchall()
    # the national table's August figure beside the sample's own annual figure for Bali (its total row)
    assert measures["51 2023 bps.tpt[agustus]"] == 2.69 and measures["51 2023 bps.tpt[tahunan]"] == measures["51 2023 bps.tpt"]
    assert measures["81.71 2022 bps.var218"] == 4.43  # Kota Ambon, placed by name, August (no Tahunan yet)
    assert tpt[:3] == (None, None, None)
    assert tpt[3] == "data belum tersedia: BPS belum menyediakan data bps.pengangguran_terbuka tahun 2022 (51.02)"
    assert done >= 5 and ("tpt",) in findings
    assert (tmp_path / "warehouse" / "exports" / "51.02" / "2023" / "iku_capaian.csv").exists()
