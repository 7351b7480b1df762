"""Benchmark `lkjip run` on the shipped sample cloned onto N real kabupaten/kota.

Not a test: it prints timings to compare changes against the project's targets. For each N it

1. clones the shipped sample `raw/` (Kabupaten Tabanan, 51.02) onto N real kabupaten/kota of
   the Kemendagri 2025 list (Tabanan first, then round-robin over the provinces), each clone as
   that region's own data: its own villages and kecamatan (UMKM, ODS), unique NIK koperasi and
   nomor badan hukum (registry and assessments alike), its name in the SIPD title block, BPS
   answers per province listing it under its BPS code and label, its own Perjanjian Kinerja,
   manual measures and published report. Every clone carries Tabanan's numbers, so every
   region's `iku_capaian.csv` must equal Tabanan's, which is checked after each run;
2. times the floors: importing the heavy libraries in a fresh interpreter (best of 3), and
   reading every cloned file once with polars/fastexcel, json and yaml (reading only);
3. times `lkjip run` end to end in a fresh process with a fresh warehouse and DAGSTER_HOME
   (wall time and the child's peak RSS), and prints a table with the two target ratios:
   run / import for N = 1 (target <= 2.5) and (run(N) - run(1)) / bare read(N) (target <= 10
   at N = 64). N = 1 is always measured, since the second ratio needs it.
4. after N = 1, times the Dagster floor: the same imports, then no-op jobs with as many runs and
   steps as that run recorded, on a fresh instance: what the orchestration costs doing nothing.

Run it from the repo root:

    .venv/bin/python scripts/bench_regions.py --regions 1 64
    .venv/bin/python scripts/bench_regions.py --regions 2 --keep /tmp/raw_clones
    .venv/bin/python scripts/bench_regions.py --regions 64 514 --baseline HEAD~1

`--baseline REF` also runs the code of git revision REF (checked out into a temporary worktree)
on the same clones in the same go, right before the current code, and prints both: a change to
a reader is compared against what it replaces under the same conditions.

`--keep DIR` keeps the generated raw folders as DIR/raw_<N>/ (default: a temporary folder,
removed at the end). N can be up to 514 (every kabupaten/kota).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import polars as pl
import yaml
from openpyxl import Workbook, load_workbook

from pipelines.lib.wilayah import desa, wilayah

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW = ROOT / "raw"
SAMPLE_KODE = "51.02"
SAMPLE_NAMA = "Kabupaten Tabanan"
SAMPLE_SLUG = "tabanan"  # how the sample's file names spell the region
BPS_CODES = ROOT / "pipelines" / "reference" / "bps_kemendagri.csv"
REPORT_YEAR = 2023
EXPORTS = ["iku_capaian.csv", "iku_perbandingan.csv", "budget_realization.csv", "findings.csv"]
COMPARED = ["indicator_id", "target", "realisasi", "capaian", "predikat"]  # iku_capaian numbers

Cell = str | int | float | None
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # safe_dump's representer, in C when libyaml is there


# --------------------------------------------------------------------------------------
# Regions and their villages (Kemendagri 2025)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Desa:
    kode: str
    nama: str
    kecamatan: str


@dataclass(frozen=True)
class Region:
    kode: str  # 32.73
    nama: str  # Kota Bandung
    provinsi: str  # Jawa Barat
    kode_bps: str  # 3273
    villages: tuple[Desa, ...]

    @property
    def short(self) -> str:
        """The name as ODS and BPS write it: 'Kabupaten' dropped, 'Kota' kept."""
        return self.nama.removeprefix("Kabupaten ")

    @property
    def slug(self) -> str:
        """File-name spelling, like the sample's 'tabanan' (names are unique, so slugs are)."""
        return re.sub(r"[^a-z0-9]+", "_", self.short.lower()).strip("_")


def bps_codes() -> dict[str, str]:
    """kode_wilayah -> the BPS code (2023 numbering) the shipped table gives it."""
    with BPS_CODES.open(encoding="utf-8", newline="") as fh:
        return {r["kode_wilayah"]: r["kode_bps"] for r in csv.DictReader(fh) if "2023" in r["vintage"]}


def load_regions() -> list[Region]:
    """Every kabupaten/kota with its villages, in benchmark order (see `benchmark_order`)."""
    w = wilayah()
    provinsi = dict(w.filter(pl.col("tingkat") == "provinsi").select("kode", "nama").iter_rows())
    villages: dict[str, list[Desa]] = {}
    for kode, nama, kecamatan, region in (
        desa().sort("kode_desa").select("kode_desa", "nama_desa", "nama_kecamatan", "kode_wilayah").iter_rows()
    ):
        villages.setdefault(region, []).append(Desa(kode, nama, kecamatan))
    codes = bps_codes()
    regions = [
        Region(kode, nama, provinsi[kode[:2]], codes[kode], tuple(villages.get(kode, ())))
        for kode, nama in w.filter(pl.col("tingkat") == "kabupaten_kota").sort("kode").select("kode", "nama").iter_rows()
    ]
    return benchmark_order(regions)


def benchmark_order(regions: list[Region]) -> list[Region]:
    """Tabanan first, then round-robin over the provinces (first kabupaten of every province,
    then the second, ...), so any N is spread over the country."""
    by_province: dict[str, list[Region]] = {}
    for r in regions:
        if r.kode != SAMPLE_KODE and r.villages:
            by_province.setdefault(r.kode[:2], []).append(r)
    order = [r for r in regions if r.kode == SAMPLE_KODE]
    for depth in range(max(len(v) for v in by_province.values())):
        order += [rs[depth] for _, rs in sorted(by_province.items()) if depth < len(rs)]
    return order


# --------------------------------------------------------------------------------------
# Tables (csv and xlsx) as rows of cells
# --------------------------------------------------------------------------------------


@dataclass
class Sheet:
    title: str | None  # xlsx sheet name; None for csv
    rows: list[list[Cell]]
    widths: dict[str, float] = field(default_factory=dict)


def read_sheets(path: Path) -> list[Sheet]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return [Sheet(None, [list(r) for r in csv.reader(fh)])]
    wb = load_workbook(path)
    sheets = [
        Sheet(ws.title, [list(r) for r in ws.iter_rows(values_only=True)],
              {k: d.width for k, d in ws.column_dimensions.items() if d.width})
        for ws in wb.worksheets
    ]
    wb.close()
    return sheets


def write_sheets(path: Path, sheets: list[Sheet]) -> None:
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(sheets[0].rows)
        return
    wb = Workbook(write_only=True)  # streams rows: about a quarter faster than a normal workbook
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        for col, width in sheet.widths.items():
            ws.column_dimensions[col].width = width
        for row in sheet.rows:
            ws.append(row)
    wb.save(path)


def header_key(cell: Cell) -> str:
    """Header cells compared as the readers do: case, spaces and punctuation ignored."""
    return re.sub(r"[^a-z0-9%]+", "_", str(cell or "").strip().lower()).strip("_")


def split_header(sheet: Sheet, marker: str) -> tuple[int, dict[str, int]]:
    """(index of the header row: the first naming `marker`, column name -> position)."""
    for i, row in enumerate(sheet.rows[:30]):
        names = [header_key(c) for c in row]
        if marker in names:
            return i, {n: j for j, n in enumerate(names) if n}
    raise SystemExit(f"sample sheet {sheet.title or '(csv)'}: no header row with '{marker}' in the first 30 rows")


# --------------------------------------------------------------------------------------
# One clone: the sample's identifiers rewritten for one region
# --------------------------------------------------------------------------------------

_AHU = re.compile(r"^AHU-(\d+)(\..*)$")
_BH_LAMA = re.compile(r"^(\d+/BH/KDK)/[^/]+/(.*)$")


@dataclass
class Clone:
    region: Region
    villages: dict[str, Desa]  # sample kode_desa -> this region's village
    niks: set[str] = field(default_factory=set)
    badan_hukum: set[str] = field(default_factory=set)

    def nik(self, nik: Cell) -> Cell:
        """16 digits like the sample, the first four being this region's code (3273...): no
        two clones share a NIK, nor a clone and Tabanan, whose NIKs start 5102 or 0."""
        if not nik:
            return nik
        new = f"{self.region.kode.replace('.', '')}{str(nik)[4:]}"
        self.niks.add(new)
        return new

    def nomor_badan_hukum(self, nomor: Cell) -> Cell:
        """Unique per clone: AHU numbers get the region's digits in front of the sequence,
        older KDK numbers the region's code in their office segment."""
        if not nomor:
            return nomor
        text = str(nomor)
        digits = self.region.kode.replace(".", "")
        if m := _AHU.match(text):
            new = f"AHU-{digits}{m.group(1)}{m.group(2)}"
        elif m := _BH_LAMA.match(text):
            new = f"{m.group(1)}/{self.region.kode}/{m.group(2)}"
        else:
            new = f"{text}/{self.region.kode}"
        self.badan_hukum.add(new)
        return new

    def retitle(self, cell: Cell) -> Cell:
        """'KABUPATEN TABANAN' -> 'KOTA BANDUNG' in free text, in the casing it was written."""
        if not isinstance(cell, str) or SAMPLE_NAMA.lower() not in cell.lower():
            return cell
        for old, new in ((SAMPLE_NAMA, self.region.nama), (SAMPLE_NAMA.upper(), self.region.nama.upper())):
            cell = cell.replace(old, new)
        return cell

    def file_name(self, name: str) -> str:
        if SAMPLE_SLUG in name:
            return name.replace(SAMPLE_SLUG, self.region.slug)
        if SAMPLE_KODE in name:
            return name.replace(SAMPLE_KODE, self.region.kode)
        return f"{self.region.kode}_{name}"  # SIPD: named by SKPD, the same in every region


def village_map(sample: list[Desa], region: Region) -> dict[str, Desa]:
    """Sample village i -> the region's village i*m//n: spread over all its villages when it
    has more than the sample, several sample villages onto one when it has fewer."""
    n, m = len(sample), len(region.villages)
    return {d.kode: region.villages[i * m // n] for i, d in enumerate(sample)}


def clone_umkm(sheet: Sheet, clone: Clone) -> Sheet:
    """Villages replaced; sample villages that land on one village are summed, so the region
    keeps Tabanan's totals and its (tahun, desa, sektor, skala) keys stay unique."""
    h, col = split_header(sheet, "kode_desa")
    key_cols = [col[c] for c in ("tahun", "kode_desa", "sektor", "skala")]
    counts = [col[c] for c in ("jumlah_usaha", "jumlah_tenaga_kerja") if c in col]
    merged: dict[tuple[Cell, ...], list[Cell]] = {}
    for row in sheet.rows[h + 1:]:
        if not any(c not in (None, "") for c in row):
            continue
        old = row[col["kode_desa"]]
        new = [*row]
        if isinstance(old, str) and old in clone.villages:
            v = clone.villages[old]
            new[col["kode_desa"]] = v.kode
            if "nama_desa" in col:
                new[col["nama_desa"]] = v.nama
            if "kecamatan" in col:
                new[col["kecamatan"]] = v.kecamatan
        key = tuple(new[i] for i in key_cols)
        if key in merged:  # a count typed as text ("1.204") becomes a number once summed
            first = merged[key]
            for i in counts:
                first[i] = whole(first[i]) + whole(new[i])
        else:
            merged[key] = new
    top = [[clone.retitle(c) for c in r] for r in sheet.rows[:h]]
    return Sheet(sheet.title, [*top, sheet.rows[h], *merged.values()], sheet.widths)


def whole(cell: Cell) -> int:
    """A count cell as written in the sample: a number, or text with thousands dots."""
    if cell in (None, ""):
        return 0
    return int(cell) if isinstance(cell, (int, float)) else int(str(cell).replace(".", ""))


def clone_ods(sheet: Sheet, clone: Clone) -> Sheet:
    h, col = split_header(sheet, "nomor_induk_koperasi")
    region = clone.region
    rows = [*sheet.rows[: h + 1]]
    for row in sheet.rows[h + 1:]:
        new = [*row]
        new[col["nomor_induk_koperasi"]] = clone.nik(row[col["nomor_induk_koperasi"]])
        new[col["nomor_badan_hukum"]] = clone.nomor_badan_hukum(row[col["nomor_badan_hukum"]])
        old = row[col["kode_desa"]]
        if isinstance(old, str) and old in clone.villages:
            v = clone.villages[old]
            old_nama = row[col["desa"]]
            new[col["kode_desa"]], new[col["desa"]], new[col["kecamatan"]] = v.kode, v.nama, v.kecamatan
            new[col["alamat_lengkap"]] = alamat(row[col["alamat_lengkap"]], old_nama, v)
        kabupaten = row[col["kabupaten"]]
        if kabupaten:  # the sample writes 'Kabupaten Tabanan' or 'TABANAN'; ODS's two styles
            new[col["kabupaten"]] = region.nama if kabupaten == SAMPLE_NAMA else region.short.upper()
        if row[col["provinsi"]]:
            new[col["provinsi"]] = region.provinsi
        rows.append(new)
    return Sheet(sheet.title, rows, sheet.widths)


def alamat(text: Cell, old_desa: Cell, v: Desa) -> Cell:
    """'Br. Dukuh, Desa Bajera, Kec. Selemadeg' with the new village and kecamatan."""
    if not isinstance(text, str):
        return text
    street, sep, _ = text.rpartition(", Kec. ")
    if not sep:
        return text
    if isinstance(old_desa, str) and old_desa:
        street = street.replace(old_desa, v.nama)
    return f"{street}, Kec. {v.kecamatan}"


def clone_penilaian(sheet: Sheet, clone: Clone) -> Sheet:
    h, col = split_header(sheet, "nomor_induk_koperasi")
    i = col["nomor_induk_koperasi"]
    body = [[*r[:i], clone.nik(r[i]), *r[i + 1:]] for r in sheet.rows[h + 1:]]
    return Sheet(sheet.title, [*sheet.rows[: h + 1], *body], sheet.widths)


def clone_sipd(sheet: Sheet, clone: Clone) -> Sheet:
    """Only the title block names the region (PEMERINTAH KABUPATEN ...); lines stay."""
    h, _ = split_header(sheet, "uraian")
    top = [[clone.retitle(c) for c in r] for r in sheet.rows[:h]]
    return Sheet(sheet.title, [*top, *sheet.rows[h:]], sheet.widths)


def clone_kode_wilayah(sheet: Sheet, clone: Clone) -> Sheet:
    """manual and published: the kode_wilayah column, and the region's name in free text."""
    h, col = split_header(sheet, "kode_wilayah")
    i = col["kode_wilayah"]
    body = [
        [clone.region.kode if j == i and c == SAMPLE_KODE else clone.retitle(c) for j, c in enumerate(r)]
        for r in sheet.rows[h + 1:]
    ]
    return Sheet(sheet.title, [*sheet.rows[: h + 1], *body], sheet.widths)


TABLE_CLONERS: dict[str, Callable[[Sheet, Clone], Sheet]] = {
    "umkm_desa": clone_umkm,
    "ods_koperasi": clone_ods,
    "koperasi_penilaian": clone_penilaian,
    "sipd": clone_sipd,
    "manual": clone_kode_wilayah,
    "published": clone_kode_wilayah,
}


def clone_catalog(body: object, clone: Clone) -> object:
    """The parsed Perjanjian Kinerja with its kode_wilayah and the region's name in text."""
    if isinstance(body, dict):
        return {k: clone.region.kode if k == "kode_wilayah" else clone_catalog(v, clone) for k, v in body.items()}
    if isinstance(body, list):
        return [clone_catalog(v, clone) for v in body]
    return clone.retitle(body) if isinstance(body, str) else body


# --------------------------------------------------------------------------------------
# The sample, read once; the clone folder
# --------------------------------------------------------------------------------------


@dataclass
class Sample:
    tables: dict[Path, list[Sheet]]  # relative path -> sheets, for TABLE_CLONERS' folders
    catalogs: dict[Path, object]
    bps: dict[Path, dict]
    villages: list[Desa]  # the sample region's villages, in code order


def load_sample(regions: list[Region]) -> Sample:
    tabanan = next(r for r in regions if r.kode == SAMPLE_KODE)
    sample = Sample({}, {}, {}, list(tabanan.villages))
    for path in sorted(SAMPLE_RAW.rglob("*")):
        rel = path.relative_to(SAMPLE_RAW)
        if not path.is_file() or path.name.startswith((".", "~$")):
            continue
        folder, suffix = rel.parts[0], path.suffix.lower()
        if folder in TABLE_CLONERS and suffix in (".csv", ".xlsx"):
            sample.tables[rel] = read_sheets(path)
        elif folder == "perjanjian_kinerja" and suffix in (".yaml", ".yml"):
            sample.catalogs[rel] = yaml.safe_load(path.read_text(encoding="utf-8"))
        elif folder == "bps" and suffix == ".json":
            sample.bps[rel] = json.loads(path.read_text(encoding="utf-8-sig"))
        else:  # copied with Tabanan's files, never cloned (e.g. bps/variabel.yaml)
            print(f"note: {rel} is not cloned, only copied with the sample", file=sys.stderr)
    return sample


def write_clone(sample: Sample, clone: Clone, out: Path) -> None:
    for rel, sheets in sample.tables.items():
        cloner = TABLE_CLONERS[rel.parts[0]]
        write_sheets(out / rel.parent / clone.file_name(rel.name), [cloner(s, clone) for s in sheets])
    for rel, body in sample.catalogs.items():
        catalog = clone_catalog(body, clone)
        text = yaml.dump(catalog, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
        (out / rel.parent / clone.file_name(rel.name)).write_text(text, encoding="utf-8")


def bps_answers(sample: Sample, clones: list[Region], out: Path) -> None:
    """Per sample answer (one variable) and province: one answer listing every clone region of
    that province with Tabanan's values. The sample's own province answer is rewritten in place,
    since its other regencies are clones too once N is large (one figure per region and year)."""
    sample_bps = SAMPLE_KODE.replace(".", "")
    by_province: dict[str, list[Region]] = {}
    for r in clones:
        if r.kode != SAMPLE_KODE:
            by_province.setdefault(r.kode[:2], []).append(r)
    for rel, body in sample.bps.items():
        own = {str(v["val"])[:2] for v in body["vervar"] if str(v["val"]) != "9999"}
        for province, regions in sorted(by_province.items()):
            if province in own:
                answer, name = json.loads(json.dumps(body)), rel.name
            else:
                answer, name = {**body, "vervar": [], "datacontent": {}}, f"{rel.stem}_{province}{rel.suffix}"
            listed = {str(v["val"]) for v in answer["vervar"]}
            for r in regions:
                if r.kode_bps not in listed:
                    answer["vervar"].append({"val": int(r.kode_bps), "label": r.short})
                answer["datacontent"].update(bps_values(body, sample_bps, r.kode_bps))
            (out / rel.parent / name).write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")


def bps_values(body: dict, source: str, target: str) -> dict[str, object]:
    """Tabanan's datacontent cells under another region's code. A key is vervar+var+turvar+
    tahun+turtahun without separators, so it is rebuilt from the listed values, not sliced."""
    content = body["datacontent"]
    none = [{"val": 0}]
    values = {}
    for var in body["var"]:
        for turvar in body.get("turvar") or none:
            for tahun in body["tahun"]:
                for turtahun in body.get("turtahun") or none:
                    rest = f"{var['val']}{turvar['val']}{tahun['val']}{turtahun['val']}"
                    if f"{source}{rest}" in content:
                        values[f"{target}{rest}"] = content[f"{source}{rest}"]
    return values


def sample_ids(sample: Sample) -> tuple[set[str], set[str]]:
    """The sample registry's NIK koperasi and nomor badan hukum."""
    niks: set[str] = set()
    badan_hukum: set[str] = set()
    for rel, sheets in sample.tables.items():
        if rel.parts[0] != "ods_koperasi":
            continue
        for sheet in sheets:
            h, col = split_header(sheet, "nomor_induk_koperasi")
            for row in sheet.rows[h + 1:]:
                niks.add(str(row[col["nomor_induk_koperasi"]] or ""))
                badan_hukum.add(str(row[col["nomor_badan_hukum"]] or ""))
    return niks - {""}, badan_hukum - {""}


_WORKER: tuple[Sample, Path] | None = None  # what each cloning process writes, set once


def _start_worker(sample: Sample, out: Path) -> None:
    global _WORKER
    _WORKER = (sample, out)


def _clone_one(region: Region) -> tuple[str, set[str], set[str]]:
    assert _WORKER is not None
    sample, out = _WORKER
    clone = Clone(region, village_map(sample.villages, region))
    write_clone(sample, clone, out)
    return region.kode, clone.niks, clone.badan_hukum


def make_raw(sample: Sample, regions: list[Region], out: Path) -> None:
    """Tabanan's files as shipped, plus one clone of them per further region."""
    shutil.copytree(SAMPLE_RAW, out)
    niks, badan_hukum = sample_ids(sample)
    distinct = len(niks), len(badan_hukum)
    others = [r for r in regions if r.kode != SAMPLE_KODE]
    # openpyxl is the cost (~0.4 s a region), so regions are cloned on every core; spawned, not
    # forked, since this process has polars' thread pool running.
    workers = max(1, min(os.cpu_count() or 1, len(others)))
    spawn = get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=spawn, initializer=_start_worker, initargs=(sample, out)) as pool:
        for kode, clone_niks, clone_bh in pool.map(_clone_one, others, chunksize=4):
            # The registry keys on NIK, else nomor badan hukum, across all files: a rewrite must
            # keep the sample's cooperatives apart, and no two regions (Tabanan too) share one.
            if (len(clone_niks), len(clone_bh)) != distinct or niks & clone_niks or badan_hukum & clone_bh:
                raise SystemExit(f"clone {kode}: NIK or nomor badan hukum not unique across clones")
            niks |= clone_niks
            badan_hukum |= clone_bh
    bps_answers(sample, regions, out)


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


@dataclass
class Result:
    n: int
    clone_s: float
    import_s: float
    read_s: float
    baseline_s: float | None = None  # the same clones through the --baseline revision
    baseline_mb: float | None = None
    run_s: float | None = None
    dagster_s: float | None = None  # Dagster floor: same runs and steps, doing nothing
    rss_mb: float | None = None
    code: int | None = None
    problems: list[str] = field(default_factory=list)


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


COLUMNS = ["N", "clone s", "import s", "dagster floor s", "bare read s", "baseline s", "baseline MB", "run s", "peak MB", "exit",
           "run/import", "(run-run1)/read", "run/baseline"]


def print_table(results: list[Result]) -> None:
    """One line per N; a ratio only where it is defined and its run succeeded."""
    base = next((r.run_s for r in results if r.n == 1 and r.code == 0), None)
    print("\n" + "  ".join(f"{c:>{len(c) + 2}}" for c in COLUMNS))
    for r in results:
        run = r.run_s if r.code == 0 else None
        cells = [
            str(r.n), f"{r.clone_s:.1f}", f"{r.import_s:.2f}", fmt(r.dagster_s, 2), f"{r.read_s:.3f}",
            fmt(r.baseline_s, 1), fmt(r.baseline_mb, 0), fmt(r.run_s, 1), fmt(r.rss_mb, 0),
            "-" if r.code is None else str(r.code),
            fmt(run / r.import_s, 2) if run is not None and r.n == 1 else "-",
            fmt((run - base) / r.read_s, 1) if run is not None and base is not None and r.n > 1 else "-",
            fmt(run / r.baseline_s, 2) if run is not None and r.baseline_s else "-",
        ]
        line = "  ".join(f"{v:>{len(c) + 2}}" for c, v in zip(COLUMNS, cells, strict=True))
        print(line + ("  (export check failed)" if r.problems else ""))
    print("targets: run/import <= 2.5 at N = 1; (run(N) - run(1)) / bare read(N) <= 10 at N = 64")
    print("dagster floor: the five imports plus no-op jobs with the sample run's runs and steps")


def fmt(value: float | None, places: int) -> str:
    return "-" if value is None else f"{value:.{places}f}"


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
    print_table(results)
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
