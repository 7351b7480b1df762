"""Budget files as stewards have them: real exports of other regions (tests/data/sipd/, origins and
hand-checked totals in its README) read to the rupiah, whatever their layout."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest
import yaml

from pipelines import runner
from pipelines.lib.problems import ContractError
from pipelines.lib.provenance import SourceFile
from pipelines.lib.sipd.reader import Konteks, read_rfk
from tests.conftest import REPO, write_csv
from tests.test_sumber_opsional import own_instance  # noqa: F401 — the fixture
from tests.wpsipd import write_laporan_rfk

DATA = REPO / "tests/data/sipd"


def catalog(raw: Path, kode: str, tahun: int, opd: str, program: str, **extra: object) -> None:
    """A catalog of one program indicator reading the budget: what a dinas writes beside its files."""
    body = {
        "kode_wilayah": kode, "tahun": tahun, "opd": opd, **extra,
        "indikator": [{
            "id": "serapan_program", "jenis": "program", "indikator": "Persentase realisasi anggaran program", "satuan": "%",
            "arah": "naik", "target": 100, "rumus": "rasio", "pembilang": f"anggaran.realisasi[{program}]",
            "penyebut": f"anggaran.pagu[{program}]", "program": program,
        }],
    }
    path = raw / "perjanjian_kinerja" / f"{kode}_{tahun}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(body), encoding="utf-8")


def budget(warehouse: Path, kode: str, tahun: int) -> dict[tuple[str, str, str], dict]:
    with (warehouse / f"exports/{kode}/{tahun}/budget_realization.csv").open(encoding="utf-8") as fh:
        return {(r["periode"], r["level"], r["kode"]): r for r in csv.DictReader(fh)}


def amount(value: str) -> float | None:
    return float(value) if value else None


def raw_lines(warehouse: Path, where: str = "TRUE") -> pl.DataFrame:
    with duckdb.connect(str(warehouse / "lkjip.duckdb"), read_only=True) as conn:
        return conn.execute(f"SELECT * FROM raw.sipd_rfk WHERE {where}").pl()


def with_sum_of_sub_kegiatan(rows: dict, periode: str) -> tuple[float, float]:
    subs = [r for (p, level, _k), r in rows.items() if p == periode and level == "sub_kegiatan"]
    return sum(amount(r["pagu"]) or 0 for r in subs), sum(amount(r["realisasi"]) or 0 for r in subs)


def test_a_rekapitulasi_belanja_of_seven_sheets_with_hidden_rows_sums_to_its_own_total(tmp_path: Path, own_instance: Path):  # noqa: F811
    """Sumenep 2026: seven sheets of one table (each hiding the others' rows: read, and counted once),
    the code over four cells, amounts as numbers and text, realisasi to June from the header's `SD
    JUNI`, a stray total of everything below `Jumlah`; the region from the title."""
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    (raw / "sipd").mkdir(parents=True)
    shutil.copy(DATA / "rekap_belanja_dinkes_sumenep_2026.xlsx", raw / "sipd/LRA DINKES.xlsx")
    catalog(raw, "35.29", 2026, "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana Kabupaten Sumenep", "1.02.01")
    outcome = runner.run(raw, warehouse)
    assert outcome.ok, outcome.problems
    tabel = budget(warehouse, "35.29", 2026)
    total = tabel[("2026-Q2", "total", "")]
    assert (amount(total["pagu"]), amount(total["realisasi"])) == (277_644_068_187, 111_527_108_238)  # the file's Jumlah
    assert with_sum_of_sub_kegiatan(tabel, "2026-Q2") == (277_644_068_187, 111_527_108_238)
    lines = raw_lines(warehouse)
    assert set(lines.get_column("tata_letak")) == {"rekap_belanja"} and set(lines.get_column("wilayah_dari")) == {"judul"}
    # the organisation line opens the unit; the SKPD is its .0000 unit
    assert set(lines.select("kode_unit", "kode_skpd").unique().rows()) == {("1.02.2.14.0.00.01.0000", "1.02.2.14.0.00.01.0000")}
    with (warehouse / "exports/35.29/2026/findings.csv").open(encoding="utf-8") as fh:
        assert not [r for r in csv.DictReader(fh) if r["rule"] == "subtotal_mismatch"]  # its printed subtotals agree
    event = dg.DagsterInstance.get().get_latest_materialization_event(dg.AssetKey(["raw", "sipd_rfk"]))
    read_as = event.asset_materialization.metadata["dibaca_sebagai"].value.records
    assert read_as[0].data["tata_letak"] == "rekap_belanja" and read_as[0].data["kode_wilayah"] == "35.29"


def test_a_pagu_only_rekap_and_a_realisasi_per_document_make_one_tabel_3_7(tmp_path: Path, own_instance: Path):  # noqa: F811
    """Buru 2026: the SIPD-RI rekap (every SKPD, no title, no realisasi) gives the pagu, the Laporan
    Realisasi Per Dokumen the realisasi to March; only the catalog's SKPD is loaded."""
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    (raw / "sipd").mkdir(parents=True)
    shutil.copy(DATA / "sipd_ri_rekap5_buru_2026.xlsx", raw / "sipd/rekap5.xlsx")
    shutil.copy(DATA / "realisasi_per_dokumen_buru_2026_extract.xlsx", raw / "sipd/Laporan Realisasi Per Dokumen.xlsx")
    catalog(raw, "81.04", 2026, "Dinas Pendidikan dan Kebudayaan Kabupaten Buru", "1.01.01", kode_skpd="1.01.2.22.0.00.01.0000")
    outcome = runner.run(raw, warehouse)
    assert outcome.ok, outcome.problems
    tabel = budget(warehouse, "81.04", 2026)
    assert {p for p, _level, _k in tabel} == {"2026-Q1"}  # the documents' cut-off: SP2D dates up to March
    gaji = tabel[("2026-Q1", "sub_kegiatan", "1.01.01.2.02.0001")]
    assert (amount(gaji["pagu"]), amount(gaji["realisasi"])) == (213_883_629_955, 19_797_803_738)
    total = tabel[("2026-Q1", "total", "")]
    assert (amount(total["pagu"]), amount(total["realisasi"])) == (269_017_808_857, 19_797_803_738)
    assert tabel[("2026-Q1", "program", "1.01.01")]["uraian"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    lines = raw_lines(warehouse)
    assert set(lines.get_column("kode_skpd")) == {"1.01.2.22.0.00.01.0000"}  # the other 41 SKPDs are not loaded
    assert set(lines.get_column("wilayah_dari")) == {"katalog", "judul"}  # the rekap names no region; the export does
    assert lines.filter(pl.col("tata_letak") == "sipd_ri_rekap").get_column("realisasi").is_null().all()

    # Without the documents, the rekap alone is the year's budget: realisasi undefined, never 0,
    # and the quarter built before from the documents is stale and no longer read.
    (raw / "sipd/Laporan Realisasi Per Dokumen.xlsx").unlink()
    outcome = runner.run(raw, warehouse)
    assert outcome.ok, outcome.problems
    tabel = budget(warehouse, "81.04", 2026)
    assert {p for p, _level, _k in tabel} == {"2026-Q4"}
    total = tabel[("2026-Q4", "total", "")]
    assert (amount(total["pagu"]), total["realisasi"]) == (269_017_808_857, "")
    with (warehouse / "exports/81.04/2026/iku_capaian.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert row["realisasi"] == "" and "anggaran.realisasi[1.01.01]" in row["keterangan"]


def test_a_monthly_rfk_workbook_of_dozens_of_sheets_gives_the_opds_sheet_coded_by_name(tmp_path: Path, own_instance: Path):  # noqa: F811
    """Banjarmasin 2023: 70 sheets (hidden ones of other years, a recap, one per SKPD); the
    catalog's OPD picks its sheet by name, whose sub kegiatan are named only and are coded by the
    national nomenclature in force for 2023 (Kepmendagri 050-5889/2021)."""
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    (raw / "sipd").mkdir(parents=True)
    shutil.copy(DATA / "rfk_bulanan_banjarmasin_2023.xlsx", raw / "sipd/laporan_rfk.xlsx")
    catalog(raw, "63.71", 2023, "Dinas Koperasi, Usaha Mikro dan Tenaga Kerja Kota Banjarmasin", "2.17.07")
    outcome = runner.run(raw, warehouse)
    assert outcome.ok, outcome.problems
    tabel = budget(warehouse, "63.71", 2023)
    total = tabel[("2023-Q4", "total", "")]
    assert (amount(total["pagu"]), amount(total["realisasi"])) == (12_341_692_134, 10_066_912_180)  # the sheet's TOTAL
    lines = raw_lines(warehouse)
    assert set(lines.get_column("source_sheet")) == {"15 Diskopumker"}
    assert lines.filter(pl.col("level") == "sub_kegiatan").height == 53
    assert set(lines.filter(pl.col("level") == "sub_kegiatan").get_column("kode_dari")) == {"nomenklatur"}
    coded = dict(lines.select("uraian", "kode").iter_rows())
    # a Program Penunjang line under the SKPD's first urusan; a slip (no space after 'Sub Kegiatan:') forgiven
    assert coded["Sub Kegiatan: Penyusunan Dokumen Perencanaan Perangkat Daerah"] == "2.17.01.2.01.0001"
    assert coded["Sub Kegiatan Pemeriksaan Kepatuhan Koperasi terhadap Peraturan Perundang-Undangan Kewenangan Kabupaten/Kota"] == "2.17.03.2.01.0002"
    assert coded["Sub kegiatan Penyusunan Rencana Tenaga Kerja Mikro"] == "2.07.02.2.01.0002"
    assert set(lines.get_column("tanggal_keadaan").cast(pl.String)) == {"2023-12-31"}  # KONDISI DESEMBER 2023


def wpsipd_tree() -> list:
    """Two programs of the sample's Tabel 3.7 (Tabanan 2023), as the plugin nests them."""
    return [("2", "07", "TENAGA KERJA", [
        ("03", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", [
            ("2.01", "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", [
                ("0001", "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan", 409_200_000, 409_200_000, 326_116_638, "100")]),
            ("2.02", "Pembinaan Lembaga Pelatihan Kerja Swasta", [
                ("0001", "Pembinaan Lembaga Pelatihan Kerja Swasta", 7_000_000, 7_000_000, 6_107_532, "100")])]),
        ("04", "PROGRAM PENEMPATAN TENAGA KERJA", [
            ("2.01", "Pelayanan Antar Kerja di Daerah Kabupaten/Kota", [
                ("0001", "Penyediaan Sumber Daya Pelayanan Antar Kerja", 52_000_000, 50_000_000, 33_886_956, "90")])]),
    ])]


def test_the_wp_sipd_download_an_html_table_saved_as_xls(tmp_path: Path):
    """The plugin's 'Laporan RFK' (every cell text, the code over five cells, urusan and bidang
    rows, the pagu in the DPA column, `Bulan Desember`): read, placed by the steward's mapping."""
    raw = tmp_path / "raw"
    write_laporan_rfk(raw / "sipd/Laporan RFK 2023.xls", "2.17.2.07.0.00.01.0000", "DINAS KOPERASI UKM DAN TENAGA KERJA", "Desember", 2023, wpsipd_tree())
    write_csv(raw / "sipd/wilayah.csv", ["berkas", "kode_wilayah"], [["Laporan RFK 2023.xls", "51.02"]])
    sources = [SourceFile(p.resolve(), f"sipd/{p.name}") for p in sorted((raw / "sipd").iterdir())]
    lines = read_rfk(sources)
    subs = lines.filter(pl.col("level") == "sub_kegiatan").sort("kode")
    assert subs.select("kode", "pagu", "realisasi").rows() == [
        ("2.07.03.2.01.0001", 409_200_000, 326_116_638), ("2.07.03.2.02.0001", 7_000_000, 6_107_532),
        ("2.07.04.2.01.0001", 50_000_000, 33_886_956),  # the DPA column, not the RKA
    ]
    assert set(lines.get_column("level")) == {"program", "kegiatan", "sub_kegiatan", "total"}  # urusan and bidang rows are headings
    total = lines.filter(pl.col("level") == "total").row(0, named=True)
    assert (total["pagu"], total["realisasi"]) == (466_200_000, 366_111_126)
    assert set(lines.get_column("tata_letak")) == {"wpsipd_rfk"} and set(lines.get_column("wilayah_dari")) == {"pemetaan"}
    assert set(lines.get_column("periode")) == {"2023-Q4"} and set(lines.get_column("kode_wilayah")) == {"51.02"}


def test_a_binary_xls_form_of_one_kegiatan_coded_by_the_stewards_file(tmp_path: Path):
    """Banjarmasin's RFK form (binary Excel 97): its rekening lines make one sub kegiatan, named in
    the title only by its kegiatan and in no nomenclature: a problem naming the closest, then coded
    by the steward's raw/sipd/kode_sub_kegiatan.csv."""
    raw = tmp_path / "raw"
    (raw / "sipd").mkdir(parents=True)
    shutil.copy(DATA / "rfk_kegiatan_banjarmasin_2022.xls", raw / "sipd/rfk.xls")
    opd = pl.DataFrame({"kode_wilayah": ["63.71"], "opd": ["Dinas Pendidikan Kota Banjarmasin"], "kode_skpd": [None], "kode_unit": [None]},
                       schema=dict.fromkeys(["kode_wilayah", "opd", "kode_skpd", "kode_unit"], pl.String))

    def read() -> pl.DataFrame:
        sources = [SourceFile(p.resolve(), f"sipd/{p.name}") for p in sorted((raw / "sipd").iterdir())]
        return read_rfk(sources, Konteks(katalog=opd))

    with pytest.raises(ContractError) as err:
        read()
    (problem,) = err.value.problems
    assert problem.file == "sipd/rfk.xls" and problem.sheet == "RFK" and problem.row == 13
    assert "X.XX.01.2.08.0004 Penyediaan Jasa Pelayanan Umum Kantor" in problem.message and "kode_sub_kegiatan.csv" in problem.message
    name = "PENYEDIA JASA PENUNJANG URUSAN PEMERINTAH DAERAH ( PENYEDIA JASA PELAYANAN UMUM KANTOR )"
    write_csv(raw / "sipd/kode_sub_kegiatan.csv", ["uraian", "kode"], [[name, "1.01.01.2.08.0004"]])
    lines = read()
    assert lines.select("kode", "pagu", "realisasi", "periode", "kode_wilayah").rows() == [
        ("1.01.01.2.08.0004", 1_031_705_160, 556_538_400, "2022-Q3", "63.71")]  # the form's Jumlah; KONDISI 31 Agustus 2022


def test_a_layout_the_steward_describes_in_raw(tmp_path: Path):
    """A CSV export of a layout no one has seen: the steward names its columns and title items in
    raw/sipd/tata_letak.yaml, no package edit."""
    raw = tmp_path / "raw"
    (raw / "sipd").mkdir(parents=True)
    (raw / "sipd/ekspor.csv").write_text(
        "Realisasi APBD Kabupaten Tabanan per 30 September 2023\n"
        "Kode Sub Kegiatan;Nama Sub Kegiatan;Anggaran (Rp);Realisasi (Rp)\n"
        "2.07.03.2.01.0001;Proses Pelaksanaan Pendidikan;409.200.000;250.000.000\n"
        "2.07.03.2.02.0001;Pembinaan Lembaga Pelatihan Kerja Swasta;7.000.000;3.500.000,50\n",
        encoding="utf-8",
    )
    (raw / "sipd/tata_letak.yaml").write_text(yaml.safe_dump([{
        "nama": "realisasi_apbd_tabanan",
        "kolom": {"kode": "Kode Sub Kegiatan", "uraian": "Nama Sub Kegiatan", "pagu": "Anggaran (Rp)", "realisasi": "Realisasi (Rp)"},
        "judul": {"wilayah": r"^Realisasi APBD (Kabupaten \w+)", "tahun": r"(\d{4})$", "keadaan": r" per (.+)$"},
    }]), encoding="utf-8")
    sources = [SourceFile(p.resolve(), f"sipd/{p.name}") for p in sorted((raw / "sipd").iterdir())]
    lines = read_rfk(sources)
    assert lines.select("kode", "pagu", "realisasi", "periode", "kode_wilayah", "tata_letak").rows() == [
        ("2.07.03.2.01.0001", 409_200_000, 250_000_000, "2023-Q3", "51.02", "realisasi_apbd_tabanan"),
        ("2.07.03.2.02.0001", 7_000_000, 3_500_000.5, "2023-Q3", "51.02", "realisasi_apbd_tabanan"),
    ]


def test_a_file_of_no_known_layout_says_what_was_looked_for(tmp_path: Path):
    raw = tmp_path / "raw"
    write_csv(raw / "sipd/catatan.csv", ["Tanggal", "Catatan"], [["1 Juli 2023", "rapat"]])
    with pytest.raises(ContractError) as err:
        read_rfk([SourceFile((raw / "sipd/catatan.csv").resolve(), "sipd/catatan.csv")])
    (problem,) = err.value.problems
    assert problem.file == "sipd/catatan.csv"
    for name in ("sipd_rfk", "sipd_ri_rekap", "rfk_bulanan", "wpsipd_rfk", "rekap_belanja", "realisasi_per_dokumen", "tata_letak.yaml"):
        assert name in problem.message


def test_a_catalog_naming_one_unit_takes_only_its_lines(tmp_path: Path):
    """The rekap's Dinas Pendidikan has two units (the dinas, …0000, and …0001): the SKPD's budget
    is both; a catalog naming one unit (kode_unit) takes that unit's lines only."""
    source = [SourceFile(DATA / "sipd_ri_rekap5_buru_2026.xlsx", "sipd/rekap5.xlsx")]
    skpd = "1.01.2.22.0.00.01.0000"

    def units(kode_unit: str | None) -> dict[str, float]:
        opd = pl.DataFrame({"kode_wilayah": ["81.04"], "opd": ["Dinas Pendidikan dan Kebudayaan"], "kode_skpd": [skpd], "kode_unit": [kode_unit]},
                           schema=dict.fromkeys(["kode_wilayah", "opd", "kode_skpd", "kode_unit"], pl.String))
        lines = read_rfk(source, Konteks(katalog=opd))
        return dict(lines.group_by("kode_unit").agg(pl.col("pagu").sum()).iter_rows())

    whole = units(None)
    assert set(whole) == {skpd, "1.01.2.22.0.00.01.0001"} and sum(whole.values()) == 269_017_808_857
    assert units("1.01.2.22.0.00.01.0001") == {"1.01.2.22.0.00.01.0001": whole["1.01.2.22.0.00.01.0001"]}
