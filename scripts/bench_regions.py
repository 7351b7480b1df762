"""Benchmark `lkjip run` on the shipped sample cloned onto N real kabupaten/kota.

Not a test: it prints timings to compare changes against the project's targets. For each N it

1. clones the shipped sample `raw/` (Kabupaten Tabanan, 51.02) onto N real kabupaten/kota of
   the Kemendagri 2025 list (Tabanan first, then round-robin over the provinces), each clone as
   that region's own data (`scripts.bench.clones`). Every clone carries Tabanan's numbers, so
   every region's `iku_capaian.csv` must equal Tabanan's, which is checked after each run;
2. times the floors: importing the heavy libraries in a fresh interpreter (best of 3), and
   reading every cloned file once with polars/fastexcel, json and yaml (reading only);
3. times `lkjip run` end to end in a fresh process with a fresh warehouse and DAGSTER_HOME
   (wall time and the child's peak RSS), and prints a table with the two target ratios:
   run / import for N = 1 (target <= 2.5) and (run(N) - run(1)) / bare read(N) (target <= 10
   at N = 64), and the same as rows of the README's table (`scripts.bench.summary`). N = 1 is
   always measured, since the second ratio needs it.
4. after N = 1, times the Dagster floor: the same imports, then no-op jobs with as many runs and
   steps as that run recorded, on a fresh instance: what the orchestration costs doing nothing.

Run it from the repo root:

    .venv/bin/python -m scripts.bench_regions --regions 1 64
    .venv/bin/python -m scripts.bench_regions --regions 2 --keep /tmp/raw_clones
    .venv/bin/python -m scripts.bench_regions --regions 64 514 --baseline HEAD~1

`--baseline REF` also runs the code of git revision REF (checked out into a temporary worktree)
on the same clones in the same go, right before the current code, and prints both: a change to
a reader is compared against what it replaces under the same conditions.

`--keep DIR` keeps the generated raw folders as DIR/raw_<N>/ (default: a temporary folder,
removed at the end). N can be up to 514 (every kabupaten/kota).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from scripts.bench.clones import ROOT, SAMPLE_KODE, Region, Sample, load_regions, load_sample, make_raw
from scripts.bench.summary import Result, readme_rows, table

REPORT_YEAR = 2023
EXPORTS = ["iku_capaian.csv", "iku_perbandingan.csv", "budget_realization.csv", "findings.csv"]
COMPARED = ["indicator_id", "target", "realisasi", "capaian", "predikat"]  # iku_capaian numbers


# --------------------------------------------------------------------------------------
# Measurements (each in a fresh process)
# --------------------------------------------------------------------------------------

IMPORT_FLOOR = "import dagster, great_expectations, polars, duckdb, pandera"

# Reads every file once as the readers' libraries would; prints seconds spent reading only.
BARE_READ = """
import json, sys, time
from pathlib import Path
import fastexcel, polars as pl, yaml  # fastexcel: polars imports it lazily on the first read
start = time.perf_counter()
for p in sorted(Path(sys.argv[1]).rglob("*")):
    s = p.suffix.lower()
    if s == ".csv":
        pl.read_csv(p, infer_schema=False)
    elif s == ".xlsx":
        pl.read_excel(p, sheet_id=0, engine="calamine", has_header=False, infer_schema_length=0)
    elif s == ".json":
        with p.open(encoding="utf-8") as fh:
            json.load(fh)
    elif s in (".yaml", ".yml"):
        yaml.safe_load(p.read_text(encoding="utf-8"))
print(time.perf_counter() - start)
"""

# The sample run's shape: steps per Dagster run, read from the instance it used.
RUN_SHAPE = """
import json, dagster as dg
with dg.DagsterInstance.get() as instance:
    runs = reversed(instance.get_runs())
    print(json.dumps([len(instance.get_run_step_stats(r.run_id)) for r in runs]))
"""

# The Dagster floor: import the five libraries, then execute no-op jobs of the same shape (one
# chain of steps per run) on a fresh instance; what Dagster costs before any work is done.
DAGSTER_FLOOR = """
import json, sys, time, warnings
start = time.perf_counter()
import dagster, great_expectations, polars, duckdb, pandera
import dagster as dg
warnings.filterwarnings("ignore")
shape = json.loads(sys.argv[1])
with dg.DagsterInstance.get() as instance:
    for run, steps in enumerate(shape):
        assets = [dg.asset(name=f"r{run}_s0")(lambda: 1)]
        for i in range(1, steps):
            assets.append(dg.asset(name=f"r{run}_s{i}", ins={"x": dg.AssetIn(f"r{run}_s{i - 1}")})(lambda x: x))
        dg.materialize(assets, instance=instance)
print(time.perf_counter() - start)
"""

# Runs one command and reports its wall time and peak RSS: RUSAGE_CHILDREN of this fresh
# process covers that one command (and what it waited for), never an earlier measurement.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "wall": wall, "maxrss_kb": peak}, fh)
"""



def import_floor(repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", IMPORT_FLOOR], check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def bare_read(raw: Path) -> float:
    command = [sys.executable, "-c", BARE_READ, str(raw)]
    out = subprocess.run(command, check=True, cwd=ROOT, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def dagster_floor(home: Path) -> float:
    """Seconds for no-op jobs shaped like the runs recorded in `home` (a fresh instance)."""
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    shape = subprocess.run([sys.executable, "-c", RUN_SHAPE], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    floor_home = home.parent / "dagster_floor_home"
    floor_home.mkdir()
    (floor_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env["DAGSTER_HOME"] = str(floor_home)
    command = [sys.executable, "-c", DAGSTER_FLOOR, shape.stdout.strip().splitlines()[-1]]
    out = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def lkjip_command() -> Path:
    command = Path(sys.executable).parent / "lkjip"
    if not command.exists():
        raise SystemExit(f"{command} not found: run with the project's .venv/bin/python")
    return command


def run_lkjip(raw: Path, work: Path, code: Path = ROOT) -> tuple[int, float, float, str]:
    """(exit code, wall s, peak RSS MB, output) of `lkjip run` with a fresh warehouse and
    Dagster instance, so no earlier run's state or cache helps. `code`: the checkout whose
    pipeline runs (the current one, or the --baseline worktree: started from there, its own
    packages come first on the path)."""
    home = work / "dagster_home"
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    result, log = work / "measure.json", work / "lkjip.log"
    cli = [str(lkjip_command())] if code == ROOT else [sys.executable, "-c", "from pipelines.cli import main; main()"]
    command = [*cli, "run", "--raw-dir", str(raw), "--warehouse-dir", str(work / "warehouse")]
    with log.open("w", encoding="utf-8") as fh:
        wrapped = [sys.executable, "-c", MEASURE, str(result), *command]
        subprocess.run(wrapped, env=env, cwd=code, stdout=fh, stderr=subprocess.STDOUT, check=True)
    measured = json.loads(result.read_text(encoding="utf-8"))
    output = log.read_text(encoding="utf-8", errors="replace")
    return measured["code"], measured["wall"], measured["maxrss_kb"] / 1024, output


def check_exports(warehouse: Path, regions: list[Region]) -> list[str]:
    """Every clone's exports exist and its iku_capaian numbers equal Tabanan's (same data)."""
    folder = warehouse / "exports"
    sample = folder / SAMPLE_KODE / str(REPORT_YEAR) / "iku_capaian.csv"
    expected = pl.read_csv(sample, infer_schema=False).select(COMPARED)
    problems = []
    for r in regions:
        here = folder / r.kode / str(REPORT_YEAR)
        missing = [f for f in EXPORTS if not (here / f).is_file()]
        if missing:
            problems.append(f"{r.kode} {r.nama}: missing {', '.join(missing)} in {here}")
            continue
        got = pl.read_csv(here / "iku_capaian.csv", infer_schema=False).select(COMPARED)
        if not got.equals(expected):
            problems.append(f"{r.kode} {r.nama}: iku_capaian.csv differs from {SAMPLE_KODE}'s")
    return problems


def measure(n: int, sample: Sample, regions: list[Region], raw: Path, work: Path, baseline: Path | None = None) -> Result:
    chosen = regions[:n]
    start = time.perf_counter()
    make_raw(sample, chosen, raw)
    clone_s = time.perf_counter() - start
    first = ", ".join(r.kode for r in chosen[:6]) + (", ..." if n > 6 else "")
    print(f"N={n}: cloned {n} region(s) ({first}) into {raw} in {clone_s:.1f} s", flush=True)
    result = Result(n, clone_s, import_floor(), bare_read(raw))
    print(f"N={n}: import floor {result.import_s:.2f} s, bare read {result.read_s:.3f} s; running lkjip ...", flush=True)
    if baseline is not None:
        code, result.baseline_s, result.baseline_mb, output = run_lkjip(raw, work / "baseline", baseline)
        print(f"N={n}: baseline lkjip run {result.baseline_s:.1f} s, peak RSS {result.baseline_mb:.0f} MB, exit {code}", flush=True)
        if code != 0:
            print("\n".join(output.splitlines()[-30:]), flush=True)
            result.baseline_s = None
    result.code, result.run_s, result.rss_mb, output = run_lkjip(raw, work)
    if result.code != 0:
        print(f"N={n}: lkjip run exited {result.code}; last 30 lines of its output:", flush=True)
        print("\n".join(output.splitlines()[-30:]), flush=True)
    else:
        result.problems = check_exports(work / "warehouse", chosen)
        if n == 1:
            result.dagster_s = dagster_floor(work / "dagster_home")
        for p in result.problems[:20]:
            print(f"N={n}: export check: {p}", flush=True)
    verdict = "exports checked" if result.code == 0 and not result.problems else "see above"
    took = f"{result.run_s:.1f} s, peak RSS {result.rss_mb:.0f} MB"
    print(f"N={n}: lkjip run {took}, exit {result.code}, {verdict}", flush=True)
    return result



def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[64], metavar="N",
                        help="numbers of kabupaten/kota to clone the sample onto (default 64; 1 is always added)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the generated raw folders as DIR/raw_<N>/")
    parser.add_argument("--baseline", metavar="REF", help="also run git revision REF's code on the same clones, for comparison")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    regions = load_regions()
    sizes = sorted({1, *args.regions})
    if sizes[0] < 1 or sizes[-1] > len(regions):
        raise SystemExit(f"--regions must lie between 1 and {len(regions)}")
    sample = load_sample(regions)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench_regions_") as tmp:
        baseline = Path(tmp) / "baseline_code" if args.baseline else None
        if baseline is not None:
            subprocess.run(["git", "worktree", "add", "--detach", str(baseline), args.baseline], cwd=ROOT, check=True, capture_output=True)
        try:
            results = _measure_all(args, sizes, sample, regions, Path(tmp), baseline)
        finally:
            if baseline is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False)
    print("\n" + "\n".join(table(results)))
    print("\nAs rows of the README's table:\n" + "\n".join(readme_rows(results, len(regions))))
    if any(r.code != 0 or r.problems for r in results):
        sys.exit(1)


def _measure_all(args: argparse.Namespace, sizes: list[int], sample: Sample, regions: list[Region], tmp: Path, baseline: Path | None) -> list[Result]:
    results = []
    for n in sizes:
        raw = (args.keep / f"raw_{n}") if args.keep else tmp / f"raw_{n}"
        if raw.exists():  # never delete what may be someone's data
            raise SystemExit(f"{raw} exists: remove it or choose another --keep folder")
        raw.parent.mkdir(parents=True, exist_ok=True)
        work = tmp / f"run_{n}"
        work.mkdir()
        results.append(measure(n, sample, regions, raw, work, baseline))
        shutil.rmtree(work)  # the warehouse of a large N is big; the next N starts fresh anyway
    return results


if __name__ == "__main__":
    main()
