"""Generate the shipped sample raw data for Kabupaten Tabanan (kode_wilayah 51.02).

The sample reconstructs the figures of the published LKjIP 2023 of Dinas Koperasi UKM dan
Tenaga Kerja Kabupaten Tabanan (Tabel 2.1-2.3 and 3.1-3.7) from the bottom up, in the
exact export formats of every source system (``docs/sumber.md``):

* every total the report prints is reproduced exactly by the source rows (581 cooperatives,
  9/34 healthy cooperatives, 41,025/42,651 MSMEs, the 24 sub kegiatan of Tabel 3.7, ...);
* where the report is silent (which cooperatives, which villages, the other Bali regencies,
  the first-semester budget, ...) realistic detail is invented with a fixed random seed;
* the report's own mistakes are kept where they belong: in the SIPD subtotals SIPD printed
  and in ``raw/published/`` (the report as printed), never in the underlying records;
* the messiness of real exports is deliberate: mixed date and number notations, numbers
  stored as text, title rows above headers, the same cooperative in two snapshots, an
  older SIPD export with two-digit sub kegiatan codes, a superseded DPA next to its DPPA.

Output is deterministic: one ``random.Random(20231231)`` per source, no timestamps; CSV,
JSON and YAML are byte-identical on every run, and so are the xlsx files (fixed document
properties and fixed zip entry times).

Each source is one module of the ``scripts.sample`` package (see its ``__init__``); this
entry point only parses the arguments and calls each source's ``write``.

Usage (from the repo root):  python -m scripts.make_sample [--out raw/] [--wilayah path/to/wilayah.csv[.gz]]
Needs only the standard library and openpyxl.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scripts.sample import bps, katalog, koperasi, manual, penilaian, published, sipd, umkm
from scripts.sample.region import ROOT, find_wilayah, load_villages

DEFAULT_OUT = ROOT / "raw"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="raw/ directory to fill")
    parser.add_argument("--wilayah", help="Kepmendagri kode,nama,tingkat CSV (or .csv.gz)")
    args = parser.parse_args()
    out: Path = args.out
    villages = load_villages(find_wilayah(args.wilayah))
    registry = koperasi.make_koperasi(villages)
    written = (bps.write(out) + koperasi.write(registry, out) + penilaian.write(registry, out)
               + umkm.write(villages, out) + sipd.write(out) + katalog.write(out)
               + manual.write(out) + published.write(out))
    for path in written:
        print(path.relative_to(out.parent) if out.parent in path.parents else path)


if __name__ == "__main__":
    main()
