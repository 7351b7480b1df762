"""The benchmark's synthetic regions: the shipped sample (Kabupaten Tabanan) cloned onto real
kabupaten/kota of the Kemendagri 2025 list as raw/ folders the pipeline reads.

Each clone is that region's own data: its own villages and kecamatan (UMKM, ODS), unique NIK
koperasi and nomor badan hukum (registry and assessments alike), its name in the SIPD title
block, BPS answers per province listing it under its BPS code and label, its own Perjanjian
Kinerja, manual measures and published report, all carrying Tabanan's numbers. Nothing here runs
the pipeline; `scripts.bench_regions` times it on these folders.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import polars as pl
import yaml
from openpyxl import Workbook, load_workbook

from pipelines.lib.tabular import HEADER_SEARCH_ROWS, header_name
from pipelines.lib.wilayah import desa, wilayah
from scripts.sample.region import KODE_WILAYAH as SAMPLE_KODE
from scripts.sample.region import NAMA_KABUPATEN as SAMPLE_NAMA
from scripts.sample.region import ROOT, Desa
from scripts.sample.writers import Cell, write_csv

SAMPLE_RAW = ROOT / "raw"
SAMPLE_SLUG = "tabanan"  # how the sample's file names spell the region
BPS_CODES = ROOT / "pipelines" / "reference" / "bps_kemendagri.csv"
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # safe_dump's representer, in C when libyaml is there


# --------------------------------------------------------------------------------------
# Regions and their villages (Kemendagri 2025)
# --------------------------------------------------------------------------------------


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
        header, *rows = sheets[0].rows
        write_csv(path, header, rows)
        return
    wb = Workbook(write_only=True)  # streams rows: about a quarter faster than a normal workbook
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        for col, width in sheet.widths.items():
            ws.column_dimensions[col].width = width
        for row in sheet.rows:
            ws.append(row)
    wb.save(path)


def split_header(sheet: Sheet, marker: str) -> tuple[int, dict[str, int]]:
    """(index of the header row: the first naming `marker`, column name -> position); header
    cells named and searched for as the pipeline's readers do."""
    for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        names = [header_name(c) for c in row]
        if marker in names:
            return i, {n: j for j, n in enumerate(names) if n}
    raise SystemExit(f"sample sheet {sheet.title or '(csv)'}: no header row with '{marker}' in the first {HEADER_SEARCH_ROWS} rows")


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
    return clone_region(*_WORKER, region)


def clone_region(sample: Sample, out: Path, region: Region) -> tuple[str, set[str], set[str]]:
    """Write one region's clone into `out`: (its kode, its NIKs, its nomor badan hukum)."""
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
    # forked, since this process has polars' thread pool running. One region is cloned here:
    # starting a process would cost more than it saves.
    workers = min(os.cpu_count() or 1, len(others))
    if workers <= 1:
        cloned = [clone_region(sample, out, r) for r in others]
    else:
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_start_worker, initargs=(sample, out))
        with pool:
            cloned = list(pool.map(_clone_one, others, chunksize=4))
    for kode, clone_niks, clone_bh in cloned:
        # The registry keys on NIK, else nomor badan hukum, across all files: a rewrite must
        # keep the sample's cooperatives apart, and no two regions (Tabanan too) share one.
        if (len(clone_niks), len(clone_bh)) != distinct or niks & clone_niks or badan_hukum & clone_bh:
            raise SystemExit(f"clone {kode}: NIK or nomor badan hukum not unique across clones")
        niks |= clone_niks
        badan_hukum |= clone_bh
    bps_answers(sample, regions, out)
