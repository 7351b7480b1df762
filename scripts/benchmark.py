"""Benchmark the data-heavy steps at national scale on synthetic, real-shaped frames.

Not a test: prints wall time and peak memory per step so changes can be compared.
    .venv/bin/python scripts/benchmark.py --lines 20000000
Steps: Indonesian number parsing (the readers' hot path), the budget rollup behind the
anggaran measures (latest cut-off, DPPA over DPA, every kode prefix) and Tabel 3.7 per quarter,
for every region at once.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable

import numpy as np
import polars as pl

from pipelines.core.numbers import parse_number
from pipelines.core.wilayah import region_codes
from pipelines.defs.anggaran.tabel import realisasi_anggaran
from pipelines.defs.measures.ukuran import from_anggaran


def budget_lines(n: int, seed: int = 7) -> pl.DataFrame:
    """n sub kegiatan lines spread over every kabupaten/kota, 30 SKPD each, Q2 and Q4, DPA and DPPA."""
    rng = np.random.default_rng(seed)
    regions = np.array([r for r in region_codes() if len(r) == 5])
    program = rng.integers(1, 20, n)
    kode = [f"2.{u:02d}.{p:02d}.2.{k:02d}.{s:04d}" for u, p, k, s in zip(rng.integers(1, 30, n), program, rng.integers(1, 15, n), rng.integers(1, 40, n))]
    quarter = rng.choice([2, 4], n)
    return pl.DataFrame(
        {
            "kode_wilayah": regions[rng.integers(0, len(regions), n)],
            "tahun": np.full(n, 2023),
            "kode_skpd": [f"2.17.2.07.0.00.{s:02d}.0000" for s in rng.integers(1, 31, n)],
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
    ).unique(subset=["kode_wilayah", "kode_skpd", "jenis_dokumen", "tanggal_keadaan", "kode"])


def measure(name: str, step: Callable[[], object]) -> object:
    start = time.perf_counter()
    out = step()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = out.height if isinstance(out, pl.DataFrame) else "-"
    print(f"{name:<46} {time.perf_counter() - start:8.2f} s   peak RSS {peak:8.0f} MB   out rows {rows}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000, help="synthetic budget lines (default 2,000,000)")
    n = parser.parse_args().lines
    lines = measure(f"generate {n:,} budget lines", lambda: budget_lines(n))
    text = lines.select(pl.col("pagu").cast(pl.Int64).cast(pl.String).str.replace(r"(\d)(\d{3})$", "$1.$2").alias("t"))
    measure("parse Indonesian amounts", lambda: text.select(parse_number(pl.col("t"), thousands=True)))
    measure("anggaran measures (all regions)", lambda: from_anggaran(lines.lazy()).collect())
    measure("Tabel 3.7 per quarter (all regions)", lambda: realisasi_anggaran(lines.lazy(), lines.head(0).with_columns(level=pl.lit("program")).lazy()))


if __name__ == "__main__":
    main()
