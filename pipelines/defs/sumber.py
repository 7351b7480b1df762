"""The sources whose raw files become a validated table and a per-year slice, declared once:
folder, extensions, reader, pandera contract and what a steward reads about them. The
cooperative registry and assessments and the SIPD workbooks have more assets of their own and
live in their folders (koperasi/, sipd/)."""

import dagster as dg

from pipelines.lib.bps import reader as bps
from pipelines.defs.ingest import Source, source_assets
from pipelines.lib.katalog import reader as katalog
from pipelines.lib.manual import reader as manual
from pipelines.lib.published import reader as published
from pipelines.lib.umkm import reader as umkm
from schemas.bps import BpsTenagaKerja
from schemas.katalog import KatalogIndikator
from schemas.manual import ManualUkuran
from schemas.pesan import _
from schemas.published import AngkaTerbit
from schemas.umkm import UmkmDesa, UmkmWilayah
from pipelines.lib.umkm import terbuka

SOURCES = (
    Source(
        name="bps_tenaga_kerja", folder=bps.FOLDER, extensions=bps.EXTENSIONS, read=bps.read_bps, model=BpsTenagaKerja,
        group="bps",
        raw_description=_(
            "BPS figures per kabupaten/kota and province, from BPS WebAPI answers saved as downloaded "
            "(`raw/bps/*.json`), in Indonesian or English: every variable (as `bps.var<id>`; labour force, open "
            "unemployment and TPT also under their standard names), every period and turvar. BPS region codes "
            "become Kemendagri codes through the complete table in pipelines/reference/bps_kemendagri.csv (a "
            "steward adds or overrides codes in `raw/bps/kode_wilayah.csv`), every mapping name-checked; "
            "`raw/bps/variabel.yaml` names other variables. Re-downloaded files count once. Metadata lists each "
            "file, the settings files too, with its sha256. Feeds the bps measures: TPT, tenaga kerja terampil "
            "and perluasan kesempatan kerja in Tabel 3.1."
        ),
        staged_description=_(
            "BPS figures per year for every region (the BPS year, before any tahun_data offset), each with its "
            "period, turvar, source file and datacontent key."
        ),
    ),
    Source(
        name="perjanjian_kinerja", folder=katalog.FOLDER, extensions=katalog.EXTENSIONS, read=katalog.read_katalog,
        model=KatalogIndikator, group="kinerja",
        raw_description=_(
            "The Perjanjian Kinerja catalogs written by the steward (`raw/perjanjian_kinerja/*.yaml|yml`): per "
            "region, OPD and year, which indicators, their targets, and which measures compute each realisasi. "
            "Parsed as data into a typed model, never run as code. Defines the rows of Tabel 3.1 (iku), 3.2 "
            "(tambahan) and 3.6 (program)."
        ),
        staged_description=_("The catalogs' indicators per year, every region, with the catalog file they came from."),
    ),
    Source(
        name="manual_ukuran", folder=manual.FOLDER, extensions=manual.EXTENSIONS, read=manual.read_manual,
        model=ManualUkuran, group="manual",
        raw_description=_(
            "Numbers the dinas keeps in its own documents (`raw/manual/*.csv|xlsx`): Inspektorat scores, BLK "
            "certifications, job placements, website and social media counts, P3DN spending. Every row names its "
            "sumber document. Feeds the `manual.*` measures of Tabel 3.1, 3.2 and 3.6."
        ),
        staged_description=_("Manual measures per year, every region, each with its sumber document and source row."),
    ),
    Source(
        name="angka_terbit", folder=published.FOLDER, extensions=published.EXTENSIONS, read=published.read_published,
        model=AngkaTerbit, group="reviu",
        raw_description=_(
            "A published LKjIP's tables as printed: the report's own Word file (`raw/published/*.docx`, its "
            "tables recognised by their headers), or cells transcribed into `*.csv|xlsx` for what exists only on "
            "paper or PDF; each cell with its table's kind and the report's own number, the number read from it "
            "and the decimals it shows. The reviu compares these with the recomputed tables and checks each "
            "table's own arithmetic."
        ),
        staged_description=_("Published cells per year, every region (the year the printed value belongs to)."),
    ),
    Source(
        name="umkm_desa", folder=umkm.FOLDER, extensions=umkm.EXTENSIONS, read=umkm.read_umkm, model=UmkmDesa,
        group="umkm",
        raw_description=_(
            "UMKM counts per village as collected from each kepala desa (`raw/umkm_desa/*.csv|xlsx`). Every "
            "kode_desa is checked against the Kemendagri 2025 list; re-exported rows count once. Metadata lists "
            "each file with its sha256. Feeds umkm.jumlah (pertumbuhan UMKM, Tabel 3.1 and 3.6)."
        ),
        staged_description=_("UMKM counts per village per year, every region, each row with its source file and row."),
    ),
    Source(
        name="umkm_wilayah", folder=umkm.FOLDER, extensions=umkm.EXTENSIONS, read=terbuka.read_umkm_wilayah, model=UmkmWilayah,
        group="umkm",
        raw_description=_(
            "Region-level UMKM figures from open-data tables in `raw/umkm_desa/`: the open-data standard per "
            "kabupaten/kota (`kode_kabupaten_kota, nama_kabupaten_kota, <measure>, satuan, tahun`) and Satu Data "
            "indicator tables (one row per indicator, its satuan, the years as columns, `kode_wilayah` without "
            "dots). Each figure is a measure `umkm.<indicator>` (`umkm.jumlah` for a count of UMKM) that the "
            "formulas read where no village data give it. Village files of the folder are raw/umkm_desa's."
        ),
        staged_description=_("Region-level UMKM figures per year, every region, each with its source file and row."),
    ),
)

# source name → [raw asset, staged asset]
ASSETS = {source.name: source_assets(source) for source in SOURCES}

defs = dg.Definitions(assets=[asset for pair in ASSETS.values() for asset in pair])
