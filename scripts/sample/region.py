"""The region the sample describes: Kabupaten Tabanan and its villages.

The villages come from the Kepmendagri 2025 wilayah reference (``kode,nama,tingkat``), so
every village code in the sample is one the pipeline's own reference knows.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KODE_WILAYAH = "51.02"
NAMA_KABUPATEN = "Kabupaten Tabanan"
WILAYAH_CANDIDATES = [
    ROOT / "pipelines" / "reference" / "wilayah_kepmendagri_2025.csv.gz",
    ROOT.parent / "shared" / "reference" / "wilayah_kepmendagri_2025.csv",
]


@dataclass(frozen=True)
class Desa:
    """A village (desa or kelurahan) with the name of its kecamatan."""

    kode: str
    nama: str
    kecamatan: str


def find_wilayah(explicit: str | None) -> Path:
    """The wilayah reference: the one passed on the command line, else the first found."""
    candidates = [Path(explicit)] if explicit else WILAYAH_CANDIDATES
    for path in candidates:
        if path.exists():
            return path
    raise SystemExit("wilayah reference not found; pass --wilayah (tried: "
                     + ", ".join(str(p) for p in candidates) + ")")


def load_villages(path: Path) -> list[Desa]:
    """Tabanan's villages in code order, from a plain or gzipped reference CSV."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kode"].startswith(KODE_WILAYAH + ".")]
    kecamatan = {r["kode"]: r["nama"] for r in rows if r["tingkat"] == "kecamatan"}
    villages = [Desa(r["kode"], r["nama"], kecamatan[r["kode"][:8]])
                for r in rows if r["tingkat"] == "desa_kelurahan"]
    return sorted(villages, key=lambda d: d.kode)
