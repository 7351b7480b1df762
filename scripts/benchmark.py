"""Benchmark the budget steps at national scale against a bare DuckDB query on the same lines.

Not a test: prints wall time and peak memory per step so changes can be compared.
    .venv/bin/python scripts/benchmark.py --lines 25000000

Synthetic, real-shaped sub kegiatan lines spread over every kabupaten/kota are written (in
chunks, through Arrow) into a DuckDB file as staged.sipd_sub_kegiatan, as the pipeline stores
them. Then, each in a fresh process so its peak RSS is its own:
  parse   Indonesian number parsing (the readers' hot path, polars);
  (a)     the floor: a bare GROUP BY of kode_wilayah, tahun, periode and the four levels' kode
          prefixes with sums of pagu and realisasi, written with CREATE TABLE AS;
  (b)     Tabel 3.7 (realisasi_anggaran) for every region and quarter at once, written the same way;
  (b')    the same as the asset writes it (sql_table.write_validated: one transaction, the pandera
          contract checked on the written rows in batches, keys unique over the slice);
  (c)     the anggaran measures (from_anggaran) for every region at once, written the same way.
Every DuckDB step runs with the same settings (--memory-limit, --threads, and
preserve_insertion_order off: a table has no row order, a fetched result keeps its ORDER BY).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import resource
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from pipelines.lib.numbers import parse_number
from pipelines.lib.wilayah import region_codes

CHUNK = 5_000_000
LINES = "staged.sipd_sub_kegiatan"
PRINTED = "staged.sipd_subtotal_cetak"

# (a): the same rollup with nothing else — no versions, names, sources, fisik or order.
FLOOR = " UNION ALL ".join(
    f"SELECT kode_wilayah, tahun, periode, {kode} AS kode, sum(pagu) AS pagu, sum(realisasi) AS realisasi FROM {LINES} GROUP BY ALL"
    for kode in ("''", "left(kode, 7)", "left(kode, 12)", "kode")
)


def budget_lines(n: int, seed: int = 7, regions: np.ndarray | None = None) -> pl.DataFrame:
    """n sub kegiatan lines spread over every kabupaten/kota (or `regions`), 30 SKPD each, Q2 and
    Q4, DPA and DPPA."""
    rng = np.random.default_rng(seed)
    regions = np.array([r for r in region_codes() if len(r) == 5]) if regions is None else regions
    program = rng.integers(1, 20, n)
    kode = [f"2.{u:02d}.{p:02d}.2.{k:02d}.{s:04d}" for u, p, k, s in zip(rng.integers(1, 30, n), program, rng.integers(1, 15, n), rng.integers(1, 40, n))]
    quarter = rng.choice([2, 4], n)
    return pl.DataFrame(
        {
            "kode_wilayah": regions[rng.integers(0, len(regions), n)],
            "tahun": np.full(n, 2023),
            "kode_skpd": [f"2.17.2.07.0.00.{s:02d}.0000" for s in rng.integers(1, 31, n)],
            "kode_unit": None,
            "tata_letak": "sipd_rfk",
            "jenis_dokumen": rng.choice(["DPA", "DPPA"], n),
            "tanggal_keadaan": pl.Series(np.where(quarter == 4, "2023-12-31", "2023-06-30")).str.to_date(),
            "periode": np.where(quarter == 4, "2023-Q4", "2023-Q2"),
            "kode": kode,
            "uraian": "Sub kegiatan",
            "pagu": rng.integers(1_000_000, 5_000_000_000, n).astype(float),
            "realisasi": rng.integers(0, 5_000_000_000, n).astype(float),
            "persen_fisik": rng.uniform(0, 100, n),
            "source_file": "sipd/rfk.xlsx",
        }
    ).with_columns(skpd=pl.col("kode_skpd")).unique(subset=["kode_wilayah", "kode_skpd", "jenis_dokumen", "tanggal_keadaan", "kode"])


def staged(lines: pl.DataFrame) -> pl.DataFrame:
    """The provenance a staged line carries: one workbook per SKPD, document and quarter, and the
    line's row in it."""
    document = ["kode_wilayah", "kode_skpd", "jenis_dokumen", "periode"]
    return lines.with_columns(
        level=pl.lit("sub_kegiatan"),
        source_file=pl.format("sipd/{}/{}_{}_{}.xlsx", *document),
        source_row=pl.int_range(pl.len()).over(document) + 9,
    )


def write_warehouse(path: str, n: int, printed: bool, memory_limit: str) -> tuple[int, int]:
    """staged.sipd_sub_kegiatan with n lines, generated CHUNK lines at a time (each chunk covers
    its own share of the regions, so keys stay unique across chunks); staged.sipd_subtotal_cetak
    empty, or with --printed the program, kegiatan and JUMLAH lines each workbook would print."""
    regions = np.array([r for r in region_codes() if len(r) == 5])
    chunks = max(1, -(-n // CHUNK))
    with duckdb.connect(path) as conn:
        conn.execute("SET enable_progress_bar = false")
        conn.execute(f"SET memory_limit = '{memory_limit}'")
        conn.execute("CREATE SCHEMA IF NOT EXISTS staged")
        for i in range(chunks):
            arrow = staged(budget_lines(min(CHUNK, n - i * CHUNK), seed=7 + i, regions=regions[i::chunks])).to_arrow()
            if i == 0:
                conn.execute(f"CREATE OR REPLACE TABLE {LINES} AS SELECT * FROM arrow")
            else:
                conn.execute(f"INSERT INTO {LINES} BY NAME SELECT * FROM arrow")
            del arrow
        per_level = f"""SELECT *, unnest(['program', 'kegiatan', 'total']) AS printed_level,
                unnest([left(kode, 7), left(kode, 12), '']) AS printed_kode FROM {LINES}"""
        rows = f"""SELECT kode_wilayah, tahun, skpd, kode_skpd, kode_unit, tata_letak, jenis_dokumen, tanggal_keadaan, periode, printed_level AS level,
                printed_kode AS kode, printed_level || ' ' || printed_kode AS uraian, sum(pagu) AS pagu, sum(realisasi) AS realisasi,
                source_file, min(source_row) - 1 AS source_row
            FROM ({per_level}) GROUP BY ALL"""
        conn.execute(f"CREATE OR REPLACE TABLE {PRINTED} AS {rows} {'' if printed else 'LIMIT 0'}")
        conn.execute("CHECKPOINT")
        return conn.sql(f"SELECT count(*) FROM {LINES}").fetchone()[0], conn.sql(f"SELECT count(*) FROM {PRINTED}").fetchone()[0]  # type: ignore[index]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_step(step: str, path: str, settings: list[str]) -> tuple[float, float, int]:
    """One step in this (fresh) process: seconds, peak RSS in MB, rows out."""
    if step == "generate":
        n, printed, memory_limit = settings
        start = time.perf_counter()
        rows = write_warehouse(path, int(n), printed == "printed", memory_limit)
        return time.perf_counter() - start, _peak_mb(), rows[0]
    with duckdb.connect(path) as conn:
        conn.execute("SET enable_progress_bar = false")
        for setting in settings:
            conn.execute(setting)
        if step == "parse":
            pagu = conn.sql(f"SELECT pagu FROM {LINES}").pl()
            text = pagu.select(pl.col("pagu").cast(pl.Int64).cast(pl.String).str.replace(r"(\d)(\d{3})$", "$1.$2").alias("t"))
            del pagu
            start = time.perf_counter()
            out = text.select(parse_number(pl.col("t"), thousands=True))
            return time.perf_counter() - start, _peak_mb(), out.height
        if step == "floor":
            query = FLOOR
        elif step == "kontrak":  # as the asset writes it: one transaction, pandera contract in batches
            from pipelines.lib.anggaran.keuangan import realisasi_anggaran
            from pipelines.lib.sql_table import write_validated
            from schemas.anggaran import RealisasiAnggaran

            periodes = [r[0] for r in conn.execute(f"SELECT DISTINCT periode FROM {LINES}").fetchall()]
            start = time.perf_counter()
            counts = write_validated(conn, "anggaran.realisasi_anggaran", realisasi_anggaran(conn, LINES, PRINTED), RealisasiAnggaran, "periode", periodes)
            seconds = time.perf_counter() - start
            conn.execute("DROP TABLE anggaran.realisasi_anggaran")
            return seconds, _peak_mb(), int(counts.get_column("rows").sum())
        else:  # imported here so each step's process loads only what it runs
            from pipelines.lib.anggaran.keuangan import realisasi_anggaran
            from pipelines.lib.measures.ukuran import from_anggaran

            relation = realisasi_anggaran(conn, LINES, PRINTED) if step == "tabel" else from_anggaran(conn, LINES)
            query = relation.sql_query()
        conn.execute(f"DROP TABLE IF EXISTS bench_{step}")
        start = time.perf_counter()
        conn.execute(f"CREATE TABLE bench_{step} AS {query}")
        seconds = time.perf_counter() - start
        rows = conn.sql(f"SELECT count(*) FROM bench_{step}").fetchone()[0]  # type: ignore[index]
        conn.execute(f"DROP TABLE bench_{step}")
        return seconds, _peak_mb(), rows


def in_fresh_process(step: str, path: str, settings: list[str]) -> tuple[float, float, int]:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(run_step, step, path, settings).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000, help="synthetic budget lines (default 2,000,000)")
    parser.add_argument("--db", help="DuckDB file to keep; an existing one is reused as it is (default: a temporary one)")
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory_limit (default 3GB; RSS stays below 4 GB)")
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: one per core)")
    parser.add_argument("--printed", action="store_true", help="also fill staged.sipd_subtotal_cetak as the workbooks print it")
    args = parser.parse_args()
    folder = None if args.db else tempfile.mkdtemp(prefix="lkjip_bench_")
    path = args.db or str(Path(folder) / "bench.duckdb")  # type: ignore[arg-type]
    settings = [f"SET memory_limit = '{args.memory_limit}'", "SET preserve_insertion_order = false"]
    settings += [f"SET threads = {args.threads}"] if args.threads else []
    print(f"{args.lines:,} lines, DuckDB {duckdb.__version__}, {'; '.join(s.removeprefix('SET ') for s in settings)}")
    print(f"{'step':<58} {'seconds':>8} {'peak RSS':>10} {'rows out':>12} {'ratio':>7}")
    try:
        results = {}
        steps = [
            ("generate", f"write {args.lines:,} lines into DuckDB ({'with' if args.printed else 'no'} printed subtotals)"),
            ("parse", "parse Indonesian amounts (polars)"),
            ("floor", "(a) floor: bare GROUP BY of the 4 levels"),
            ("tabel", "(b) Tabel 3.7 realisasi_anggaran, all regions"),
            ("kontrak", "(b') the same as the asset writes it: + contract, 1 txn"),
            ("measures", "(c) anggaran measures from_anggaran, all regions"),
        ]
        if args.db and Path(args.db).exists():
            steps = steps[1:]
            print(f"reusing {args.db}")
        for step, label in steps:
            step_settings = [str(args.lines), "printed" if args.printed else "", args.memory_limit] if step == "generate" else settings
            seconds, peak, rows = results[step] = in_fresh_process(step, path, step_settings)
            ratio = f"{seconds / results['floor'][0]:6.2f}×" if step in ("tabel", "kontrak", "measures") else ""
            print(f"{label:<58} {seconds:8.2f} {peak:7.0f} MB {rows:12,} {ratio:>7}", flush=True)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
