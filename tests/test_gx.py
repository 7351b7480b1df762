"""Great Expectations suites: the duckdb workarounds, each suite on good and broken data, offline
Data Docs, and the WARN asset checks: of a real run on the shipped sample, and of a suite that
cannot run."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource

from pipelines.defs.partitions import tahunan
from pipelines.defs.reviu.gx_checks import check_name, gx_umkm_desa
from pipelines.lib.reviu.gx import docs, engine
from pipelines.lib.reviu.gx.suites import IKU_CAPAIAN, KOPERASI, MEASURES, REALISASI_ANGGARAN, SUITES, UMKM_DESA
from pipelines.lib.wilayah import desa

EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*https?://""", re.IGNORECASE)
PROVENANCE = "'f.csv' AS source_file, NULL::VARCHAR AS source_sheet, 1 AS source_row"


def connector(database: Path):
    """Connections the way the pipeline's `warehouse` resource opens them."""
    return DuckDBResource(database=str(database)).get_connection


# ---------------------------------------------------------------- (a) the duckdb workarounds


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    database = tmp_path / "tiny.duckdb"
    with duckdb.connect(str(database)) as conn:
        conn.execute("CREATE SCHEMA s")
        conn.execute("CREATE TABLE s.t AS SELECT * FROM (VALUES (1, '51.02.01.2001'), (2, '51.02.01.2002'), (3, '5102012003')) v(x, kode)")
    return database


def evaluate(tmp_path: Path, database: Path, expectation):
    import great_expectations as gx

    context = engine._context(tmp_path)
    with engine._datasource(context, database, connector(database)) as (datasource, _):
        batch = datasource.add_query_asset("t", query="SELECT * FROM s.t").add_batch_definition_whole_table("all")
        suite = context.suites.add_or_update(gx.ExpectationSuite(name="s", expectations=[expectation]))
        validation = context.validation_definitions.add(gx.ValidationDefinition(name="v", data=batch, suite=suite))
        return validation.run(result_format="SUMMARY").results[0]


def test_duckdb_needs_the_persisted_connection_workaround(tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch):
    import great_expectations as gx
    from great_expectations.execution_engine import sqlalchemy_execution_engine as sql_engine

    engine.patch_duckdb_dialect()
    patched = sql_engine._PERSISTED_CONNECTION_DIALECTS
    stock = tuple(d for d in patched if d != "duckdb")

    monkeypatch.setattr(sql_engine, "_PERSISTED_CONNECTION_DIALECTS", stock)
    broken = evaluate(tmp_path, tiny, gx.expectations.ExpectColumnValuesToBeBetween(column="x", min_value=0, max_value=2))
    assert not broken.success and "list index out of range" in str(broken.exception_info)  # if this fails, GX fixed it

    monkeypatch.setattr(sql_engine, "_PERSISTED_CONNECTION_DIALECTS", patched)
    fixed = evaluate(tmp_path, tiny, gx.expectations.ExpectColumnValuesToBeBetween(column="x", min_value=0, max_value=2))
    assert not fixed.success and fixed.result["unexpected_count"] == 1 and fixed.result["partial_unexpected_list"] == [3]
    assert evaluate(tmp_path, tiny, gx.expectations.ExpectTableRowCountToBeBetween(min_value=3, max_value=3)).success


def test_regex_through_unexpected_rows_with_doubled_braces(tmp_path: Path, tiny: Path):
    import great_expectations as gx

    engine.patch_duckdb_dialect()
    regex = evaluate(tmp_path, tiny, gx.expectations.ExpectColumnValuesToMatchRegex(column="kode", regex=r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"))
    assert "Regex is not supported for dialect duckdb" in str(regex.exception_info)  # hence UnexpectedRowsExpectation
    rows = evaluate(
        tmp_path,
        tiny,
        gx.expectations.UnexpectedRowsExpectation(
            unexpected_rows_query=r"SELECT * FROM {batch} WHERE NOT regexp_full_match(kode, '\d{{2}}\.\d{{2}}\.\d{{2}}\.\d{{4}}')"
        ),
    )
    assert not rows.success and rows.result["observed_value"] == 1


def test_suite_shares_the_file_with_an_open_dagster_connection_and_lets_go(tmp_path: Path, tiny: Path):
    """DuckDB refuses a second configuration for an open file: GX must use the pipeline's."""
    import great_expectations as gx

    engine.patch_duckdb_dialect()
    with DuckDBResource(database=str(tiny)).get_connection() as held:  # as the IO manager would hold it
        result = evaluate(tmp_path, tiny, gx.expectations.ExpectColumnValuesToNotBeNull(column="x"))
        assert result.success
        assert held.execute("SELECT count(*) FROM s.t").fetchone() == (3,)
    with duckdb.connect(str(tiny), config={"threads": 1}) as other:  # another configuration: nothing of GX is left open
        assert other.execute("SELECT count(*) FROM s.t").fetchone() == (3,)


# ---------------------------------------------------------------- (b) every suite, good and broken

VILLAGES = desa().filter(kode_wilayah="51.02").get_column("kode_desa").sort().to_list()[:20]
SEKTOR = ["Perdagangan", "Kuliner", "Pertanian", "Aneka Jasa"]
MISSPELLED_SEKTOR = {1: "Perdagangn", 5: "Perdagangn", 9: "Perdagangn"}  # 3 of 20 rows: 85%, below mostly=0.9
UNKNOWN_BENTUK = {3: "Primer Kecamatan", 7: "Primer Kecamatan"}  # 2 of the 17 filled: 88%, below mostly=0.95
BENTUK = ["Primer Kabupaten/Kota", "Primer Provinsi", "Sekunder Kabupaten/Kota", None]  # an empty bentuk is not counted


def umkm_rows(bad: bool) -> str:
    rows = []
    for i, kode in enumerate(VILLAGES):
        nama = "'12345'" if bad and i == 0 else f"'Desa {i}'"
        sektor = MISSPELLED_SEKTOR[i] if bad and i in MISSPELLED_SEKTOR else SEKTOR[i % len(SEKTOR)]
        rows.append(f"('{kode}', {nama}, 'Kec', '{sektor}', 'mikro', 10, 12)")
    return ", ".join(rows)


def koperasi_rows(bad: bool) -> str:
    rows = []
    for i, kode in enumerate(VILLAGES):
        alamat = "NULL" if bad and i % 2 else "'Jl. Raya'"
        bentuk = UNKNOWN_BENTUK[i] if bad and i in UNKNOWN_BENTUK else BENTUK[i % len(BENTUK)]
        bentuk = "NULL::VARCHAR" if bentuk is None else f"'{bentuk}'"
        rows.append(
            f"('{i:016d}', 'KSP Maju {i}', {bentuk}, 'Simpan Pinjam', 'KSP', 'Jasa', 'Aktif', '{kode}', 'Desa', {alamat})"
        )
    return ", ".join(rows)


def anggaran_rows(bad: bool) -> str:
    rows = ["('total', '', 'JUMLAH', 1000, 900, 90.0, 95.0)"]
    for i in range(1, 6):
        uraian = "NULL" if bad and i == 1 else f"'Sub kegiatan {i}'"
        keuangan = 400.0 if bad and i == 3 else 90.0
        rows.append(f"('sub_kegiatan', '2.07.01.2.01.000{i}', {uraian}, 200, 180, {keuangan}, 90.0)")
    return ", ".join(rows)


def measures_rows(bad: bool) -> str:
    rows = [
        "(2022, 'umkm.jumlah', 100.0)",
        "(2022, 'bps.tpt', 3.9)",
        f"(2023, 'umkm.jumlah', {300.0 if bad else 104.0})",  # tripled in a year
        f"(2023, 'bps.tpt', {140.0 if bad else 3.8})",
        f"(2023, 'koperasi.baru', {-2.0 if bad else 6.0})",
    ]
    return ", ".join(rows)


def iku_rows(bad: bool) -> str:
    rows = []
    for i in range(10):
        sasaran = "NULL" if bad and i < 3 else "'Meningkatnya UMKM'"
        capaian = 500.0 if bad and i == 0 else 95.0
        rows.append(f"('iku_{i}', 'iku', {sasaran}, '%', 10.0, {capaian}, NULL, NULL)")
    pagu = "NULL" if bad else "1000.0"
    rows.append(f"('program_umkm', 'program', 'Meningkatnya UMKM', '%', 10.0, 90.0, 'Program UMKM', {pagu})")
    return ", ".join(rows)


def small_warehouse(folder: Path, bad: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "lkjip.duckdb"
    with duckdb.connect(str(database)) as conn:
        for schema in ("staged", "anggaran", "kinerja"):
            conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute(
            f"""CREATE TABLE staged.umkm_desa AS SELECT 2023 AS tahun, '51.02' AS kode_wilayah, *, {PROVENANCE}
                FROM (VALUES {umkm_rows(bad)}) v(kode_desa, nama_desa, kecamatan, sektor, skala, jumlah_usaha, jumlah_tenaga_kerja)"""
        )
        conn.execute(
            f"""CREATE TABLE staged.koperasi AS SELECT 2023 AS tahun, '51.02' AS kode_wilayah, *, {PROVENANCE}
                FROM (VALUES {koperasi_rows(bad)}) v(nomor_induk_koperasi, nama_koperasi, bentuk_koperasi, jenis_koperasi, kelompok_koperasi,
                     sektor_usaha, status_koperasi, kode_desa, desa, alamat_lengkap)"""
        )
        conn.execute(
            f"""CREATE TABLE anggaran.realisasi_anggaran AS SELECT '51.02' AS kode_wilayah, 2023 AS tahun, '2023-Q4' AS periode, *
                FROM (VALUES {anggaran_rows(bad)}) v(level, kode, uraian, pagu, realisasi, persen_keuangan, persen_fisik)"""
        )
        conn.execute(
            f"""CREATE TABLE staged.measures AS SELECT '51.02' AS kode_wilayah, *, 'f.csv' AS sumber
                FROM (VALUES {measures_rows(bad)}) v(tahun, ukuran, nilai)"""
        )
        conn.execute(
            f"""CREATE TABLE kinerja.iku_capaian AS SELECT '51.02' AS kode_wilayah, 2023 AS tahun, *
                FROM (VALUES {iku_rows(bad)}) v(indicator_id, jenis, sasaran, satuan, realisasi, capaian, program, pagu)"""
        )
    return database


def run(suite, database: Path, build_docs: bool = False):
    value = "2023-Q4" if suite is REALISASI_ANGGARAN else 2023
    return engine.run_suite(
        suite, database=database, connect=connector(database), slice_value=value, build_docs=build_docs
    )


EXPECTED_FAILURES = {
    "umkm_desa": {
        ("expect_column_values_to_be_in_set", "sektor"),  # 'Perdagangn' in 3 of 20 rows: below mostly=0.9
        ("unexpected_rows_expectation", "not a number"),  # nama_desa '12345'
    },
    "koperasi": {
        ("expect_column_values_to_be_in_set", "bentuk_koperasi"),  # 'Primer Kecamatan' in 2 of 17 filled rows: below mostly=0.95
        ("expect_column_values_to_not_be_null", "alamat_lengkap"),
    },
    "realisasi_anggaran": {
        ("expect_column_values_to_not_be_null", "uraian"),  # 1 empty of 6: below mostly=0.95
    },
    "measures": {
        ("expect_column_values_to_be_between", "nilai"),  # koperasi.baru -2
        ("unexpected_rows_expectation", "Stocks"),  # umkm.jumlah 100 -> 300
    },
    "iku_capaian": {
        ("expect_column_values_to_not_be_null", "sasaran"),  # 3 of 11 empty: below mostly=0.9
        ("unexpected_rows_expectation", "pagu"),  # program row without pagu
    },
}


def found(outcome) -> set[tuple[str, str]]:
    keys = set()
    for f in outcome.failures:
        for expectation, hint in EXPECTED_FAILURES[outcome.suite]:
            if f.expectation == expectation and (hint == f.column or hint in (f.description or "")):
                keys.add((expectation, hint))
    return keys


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return small_warehouse(tmp_path_factory.mktemp("good"), bad=False), small_warehouse(tmp_path_factory.mktemp("bad"), bad=True)


@pytest.mark.parametrize("suite", SUITES, ids=[s.name for s in SUITES])
def test_suite_passes_good_data_and_flags_planted_mistakes(suite, warehouses):
    import great_expectations as gx

    good, bad = warehouses
    clean = run(suite, good)
    assert clean.success, [f.as_record() for f in clean.failures]
    assert clean.evaluated == len(suite.expectations(gx.expectations)) and clean.rows > 0
    broken = run(suite, bad)
    assert not broken.success
    assert found(broken) == EXPECTED_FAILURES[suite.name], [f.as_record() for f in broken.failures]
    assert len(broken.failures) == len(EXPECTED_FAILURES[suite.name]), "a planted mistake raised an unrelated failure"


def test_failures_name_what_a_steward_must_fix(warehouses):
    _, bad = warehouses
    umkm = run(UMKM_DESA, bad).failures
    sektor = next(f for f in umkm if f.column == "sektor")
    assert sektor.unexpected_count == 3 and sektor.sample == ["Perdagangn"] * 3
    assert "Perdagangan, Aneka Jasa" in (sektor.description or "")
    bentuk = next(f for f in run(KOPERASI, bad).failures if f.column == "bentuk_koperasi")
    assert bentuk.unexpected_count == 2 and bentuk.sample == ["Primer Kecamatan"] * 2
    nama = next(f for f in umkm if "not a number" in (f.description or ""))
    assert nama.observed == "1" and any("nama_desa=12345" in s and "source_row=1" in s for s in nama.sample)


# ---------------------------------------------------------------- (c) Data Docs offline


def test_data_docs_are_written_offline_and_keep_one_result_per_partition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    database = small_warehouse(tmp_path / "wh", bad=True)
    first = run(IKU_CAPAIAN, database, build_docs=True)
    for suite in (UMKM_DESA, KOPERASI, MEASURES, REALISASI_ANGGARAN):
        assert run(suite, database, build_docs=True).docs_error is None
    site = tmp_path / "wh" / "data_docs"
    suite_page = site / "expectations" / "iku_capaian.html"
    suite_page.write_text(suite_page.read_text(encoding="utf-8")[:500], encoding="utf-8")  # as a killed run leaves it
    again = run(IKU_CAPAIAN, database, build_docs=True)  # the same partition validated twice

    index = site / "index.html"
    assert first.docs_error is None and again.docs_index == index and index.exists()
    assert not first.docs_page.exists() and again.docs_page.exists()  # the earlier result and its page are gone
    pages = sorted(site.rglob("*.html"))
    offenders = [(p.name, m.group(0)) for p in pages for m in EXTERNAL.finditer(p.read_text(encoding="utf-8"))]
    assert not offenders
    assert all("<script" not in p.read_text(encoding="utf-8") for p in pages)
    assert all(p.read_text(encoding="utf-8").rstrip().endswith(docs.MARKER) for p in pages if p != index)  # whole pages
    assert (site / "static" / "images" / "logo-long.png").exists()
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert all((site / unquote(link)).exists() for link in links), links
    validation_links = [link for link in links if link.startswith("validations/")]
    assert len(validation_links) == len(SUITES)  # one row per suite and partition, not per run
    assert "sasaran is filled in at least 90% of rows" in html
    page = again.docs_page.read_text(encoding="utf-8")
    css = (docs.TEMPLATES / "lkjip_offline.css").read_text(encoding="utf-8").strip()
    assert "sasaran" in page and css in page and css in html  # the offline stylesheet, inlined
    assert 'src="../../../../static/images/logo-long.png"' in page
    local = [(p, ref.split("?")[0].split("#")[0]) for p in pages for ref in re.findall(r'(?:src|href)="([^"]+)"', p.read_text(encoding="utf-8"))]
    broken = [(p.relative_to(site).as_posix(), ref) for p, ref in local if ref and not (p.parent / unquote(ref)).exists()]
    assert not broken  # every page's links and images resolve inside the site
    again.docs_page.unlink()  # a page removed by hand: its result stays listed, no longer linked
    docs.write_index(site, docs.read_manifest(site))
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert all((site / unquote(link)).exists() for link in links)
    assert len([link for link in links if link.startswith("validations/")]) == len(SUITES) - 1
    assert "page missing" in html and html.count("<tr>") == len(SUITES) + 1  # every result still counted

    monkeypatch.setenv("LKJIP_BAHASA", "id")  # the index in the steward's language, counts included
    docs.write_index(site, docs.read_manifest(site))
    html = index.read_text(encoding="utf-8")
    failed = sum(1 for r in docs.read_manifest(site)["results"].values() if not r["success"])
    assert '<html lang="id">' in html and "halaman tidak ada" in html and "Rangkaian pemeriksaan" in html
    assert f"tidak terpenuhi: {failed} dari {len(SUITES)}." in html and failed > 0
    words = re.sub(r"<[^>]+>", " ", html)  # what a steward reads, not the links
    assert "UMKM per desa" in words  # the failed expectations stay in the words of the run that found them
    assert not re.search(r"\b(validations|not met|of \d+ met|details|Year / quarter)\b", words)


# ---------------------------------------------------------------- (d) the checks in a real run


def test_checks_run_as_warnings_in_lkjip_run(sample_run):
    site = sample_run.database.parent / "data_docs"
    assert (site / "index.html").exists()
    assert not [p for p in site.rglob("*.html") if EXTERNAL.search(p.read_text(encoding="utf-8"))]

    instance = dg.DagsterInstance.get()
    storage = instance.event_log_storage

    def evaluations(suite) -> list:
        key = dg.AssetCheckKey(dg.AssetKey(suite.asset_key), check_name(suite))
        records = [r for r in storage.get_asset_check_execution_history(key, limit=1000) if r.run_id in sample_run.run_ids]
        return [r.event.asset_check_evaluation for r in records if r.event and r.event.asset_check_evaluation]

    for suite in SUITES:
        found = evaluations(suite)
        assert found, f"{suite.name} did not run"
        assert all(e.severity == dg.AssetCheckSeverity.WARN for e in found)
        assert all(str(e.metadata["data_docs"].value).endswith("data_docs/index.html") for e in found)
        # one evaluation per run, covering every year (or quarter) of the run, every region together
        validated = {p for e in found for p in e.metadata["partitions"].value.split(", ")}
        expected = {"2023-Q2", "2023-Q4"} if suite is REALISASI_ANGGARAN else {"2022", "2023"}
        assert expected <= validated, (suite.name, sorted(validated))


def test_a_suite_that_cannot_run_is_a_warning_and_the_run_goes_on(tmp_path: Path):
    """A partition whose table is missing: the check reports the error as a failed WARN check,
    it does not fail the run."""
    database = tmp_path / "empty.duckdb"
    duckdb.connect(str(database)).close()

    @dg.asset(key=UMKM_DESA.asset_key, partitions_def=tahunan)
    def umkm_desa() -> dg.MaterializeResult:
        return dg.MaterializeResult()

    result = dg.materialize(
        [umkm_desa, gx_umkm_desa], partition_key="2023", resources={"warehouse": DuckDBResource(database=str(database))}
    )
    assert result.success
    [evaluation] = result.get_asset_check_evaluations()
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["error"].value.startswith("2023: ") and "umkm_desa" in evaluation.metadata["error"].value
    assert evaluation.description == "The suite could not run."


def test_markup_in_source_text_is_escaped_in_the_data_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A sector typed as markup is shown as text on the validation page, never run as markup."""
    planted = "<img src=x onerror=alert(1)>"
    monkeypatch.setitem(MISSPELLED_SEKTOR, 0, planted)
    database = small_warehouse(tmp_path / "wh", bad=True)
    outcome = run(UMKM_DESA, database, build_docs=True)
    sektor = next(f for f in outcome.failures if f.column == "sektor")
    assert planted in sektor.sample  # the check's own record keeps the text as typed
    page = outcome.docs_page.read_text(encoding="utf-8")
    assert "<img src=x" not in page and "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
