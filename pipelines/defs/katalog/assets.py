"""Perjanjian Kinerja catalogs: YAML files → validated indicator table → one slice per year, every region together."""

from pipelines.defs.ingest import source_assets
from pipelines.defs.katalog.reader import FOLDER, EXTENSIONS, read_katalog
from schemas.katalog import KatalogIndikator

raw_perjanjian_kinerja, perjanjian_kinerja = source_assets(
    name="perjanjian_kinerja",
    folder=FOLDER,
    extensions=EXTENSIONS,
    read=read_katalog,
    model=KatalogIndikator,
    group="kinerja",
    file_kinds={"yaml"},
    raw_description=(
        "The Perjanjian Kinerja catalogs written by the steward (`raw/perjanjian_kinerja/*.yaml`): per region, "
        "OPD and year, which indicators, their targets, and which measures compute each realisasi. Parsed as "
        "data into a typed model, never run as code. Defines the rows of Tabel 3.1 (iku), 3.2 (tambahan) and "
        "3.6 (program)."
    ),
    staged_description="The catalogs' indicators per year, every region, with the catalog file they came from.",
)
