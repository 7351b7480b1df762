"""scripts.bench_regions' pure parts: the cloned regions' raw folders, which the pipeline's
readers must take as two regions with the same figures, and the summary of its measurements."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.lib.bps import reader as bps
from pipelines.lib.katalog import reader as katalog
from pipelines.lib.koperasi import penilaian, registry
from pipelines.lib.manual import reader as manual
from pipelines.lib.provenance import list_sources
from pipelines.lib.published import reader as published
from pipelines.lib.umkm import reader as umkm
from scripts.bench.clones import SAMPLE_KODE, Region, benchmark_order, load_regions, load_sample, make_raw
from scripts.bench.summary import Result, ratios, readme_rows, table


@pytest.fixture(scope="module")
def regions() -> list[Region]:
    return load_regions()


@pytest.fixture(scope="module")
def raw(regions: list[Region], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample and one clone, as `--regions 2` writes them."""
    out = tmp_path_factory.mktemp("bench") / "raw"
    make_raw(load_sample(regions), regions[:2], out)
    return out


def per_region(frame: pl.DataFrame, *values: pl.Expr) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in frame.group_by("kode_wilayah").agg(*values).sort("kode_wilayah").iter_rows()}


def test_the_order_starts_with_the_sample_and_visits_every_province_first(regions: list[Region]):
    provinces = {r.kode[:2] for r in regions if r.villages}
    assert regions[0].kode == SAMPLE_KODE
    assert len({r.kode[:2] for r in regions[1:len(provinces)]}) == len(provinces) - 1
    assert len({r.kode for r in regions}) == len(regions) == 514
    assert benchmark_order(sorted(regions, key=lambda r: r.kode)) == regions


def test_a_clone_is_read_as_its_own_region_with_the_samples_figures(raw: Path, regions: list[Region]):
    clone = regions[1]
    both = {SAMPLE_KODE, clone.kode}

    koperasi = registry.read_registry(list_sources(raw, registry.FOLDER, registry.EXTENSIONS))
    counted = per_region(koperasi, pl.len(), pl.col("nomor_induk_koperasi").n_unique())
    assert counted.keys() == both and counted[clone.kode] == counted[SAMPLE_KODE]
    assert koperasi.filter(pl.col("kode_wilayah") == clone.kode).get_column("kabupaten").is_in(
        [clone.nama, clone.short.upper()]).all()

    nilai = penilaian.read_penilaian(list_sources(raw, penilaian.FOLDER, penilaian.EXTENSIONS), koperasi)
    scored = per_region(nilai, pl.len(), pl.col("skor").sort())
    assert scored.keys() == both and scored[clone.kode] == scored[SAMPLE_KODE]

    usaha = umkm.read_umkm(list_sources(raw, umkm.FOLDER, umkm.EXTENSIONS))
    totals = per_region(usaha, pl.col("jumlah_usaha").sum(), pl.col("jumlah_tenaga_kerja").sum())
    assert totals.keys() == both and totals[clone.kode] == totals[SAMPLE_KODE]
    assert set(usaha.filter(pl.col("kode_wilayah") == clone.kode).get_column("kode_desa")) <= {v.kode for v in clone.villages}

    figures = bps.read_bps(list_sources(raw, bps.FOLDER, bps.EXTENSIONS)).filter(pl.col("kode_wilayah").is_in(list(both)))
    values = per_region(figures, pl.len(), pl.col("nilai").sort())
    assert values.keys() == both and values[clone.kode] == values[SAMPLE_KODE]

    for reader, read in ((katalog, katalog.read_katalog), (manual, manual.read_manual), (published, published.read_published)):
        rows = read(list_sources(raw, reader.FOLDER, reader.EXTENSIONS))
        assert set(rows.get_column("kode_wilayah")) == both, reader.__name__


def test_sipd_clones_keep_their_lines_under_the_regions_title(raw: Path, regions: list[Region]):
    clone = regions[1]
    sample = sorted((raw / "sipd").glob("rfk_*.xlsx"))
    cloned = sorted((raw / "sipd").glob(f"{clone.kode}_rfk_*.xlsx"))
    assert [p.name for p in cloned] == [f"{clone.kode}_{p.name}" for p in sample]
    for ours, theirs in zip(sample, cloned, strict=True):
        a, b = (pl.read_excel(p, has_header=False, infer_schema_length=0) for p in (ours, theirs))
        assert a.shape == b.shape
        text = " ".join(str(v) for v in b.head(8).to_numpy().ravel() if v is not None)
        assert clone.nama.upper() in text.upper() and "TABANAN" not in text.upper()


def results() -> list[Result]:
    return [
        Result(1, clone_s=0.0, import_s=5.0, read_s=0.2, baseline_s=25.6, run_s=27.0, dagster_s=8.6, rss_mb=537.4, code=0),
        Result(64, clone_s=12.0, import_s=5.5, read_s=3.5, baseline_s=63.8, run_s=60.3, rss_mb=863.0, code=0),
        Result(514, clone_s=200.0, import_s=5.4, read_s=33.3, run_s=380.0, rss_mb=3278.0, code=0),
        Result(100, clone_s=40.0, import_s=5.2, read_s=6.0, run_s=90.0, rss_mb=900.0, code=1),
    ]


def test_ratios_against_the_floors_the_first_run_and_the_baseline():
    got = ratios(results())
    assert got[0].run_import == pytest.approx(5.4) and got[0].growth is None
    assert got[0].baseline == pytest.approx(27.0 / 25.6)
    assert got[1].run_import is None and got[1].growth == pytest.approx((60.3 - 27.0) / 3.5)
    assert got[2].baseline is None  # no --baseline run at that N
    assert got[3] == type(got[3])(None, None, None)  # a failed run gives no ratio
    assert ratios([Result(64, 1.0, 5.0, 3.0, run_s=50.0, code=0)])[0].growth is None  # no N = 1 run to grow from


def test_the_readme_rows_judge_each_target_where_it_is_set():
    assert readme_rows(results(), every=514)[2:] == [
        "| 1 (the sample) | 5.0 s | 8.6 s | 0.20 s | 27.0 s (25.6 s) | 537 MB | 5.4 (target 2.5: missed) |  |",
        "| 64 | 5.5 s |  | 3.5 s | 60.3 s (63.8 s) | 863 MB |  | 9.5 (target 10) |",
        "| 514 (every kabupaten/kota) | 5.4 s |  | 33.3 s | 380.0 s | 3.3 GB |  | 10.6 |",
        "| 100 | 5.2 s |  | 6.0 s | failed (exit 1) | 900 MB |  |  |",
    ]


def test_the_console_table_has_a_line_per_n_and_names_failed_export_checks():
    failed = [*results()[:1], Result(2, 1.0, 5.0, 0.3, run_s=28.0, code=0, problems=["11.01: iku_capaian.csv differs"])]
    lines = table(failed)
    assert lines[0].split() == ["N", "clone", "s", "import", "s", "dagster", "floor", "s", "bare", "read", "s", "baseline", "s",
                                "baseline", "MB", "run", "s", "peak", "MB", "exit", "run/import", "(run-run1)/read", "run/baseline"]
    assert lines[1].split()[-3:] == ["5.40", "-", "1.05"]
    assert lines[2].endswith("(export check failed)") and lines[2].split()[-6:-3] == ["-", "3.3", "-"]
    assert lines[3].startswith("targets:")
