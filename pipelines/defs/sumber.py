"""Sources of raw files: how a folder of them becomes a validated raw table and its per-year
slice, and the plain sources declared once (folder, extensions, reader, pandera contract and what
a steward reads about them). The cooperative registry and assessments and the SIPD workbooks have
more assets of their own and live in their folders (koperasi/, sipd/)."""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import dagster as dg
import pandera.polars as pa
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.berkas_mentah import files_metadata
from pipelines.defs.kontrak import contract_check, staged_output, validated
from pipelines.defs.label import OWNERS, RAW_KINDS, STAGED_KINDS, file_kinds
from pipelines.defs.partitions import PER_TAHUN, column_values
from pipelines.defs.resources import RawFiles, read_rows
from pipelines.lib.bps import reader as bps
from pipelines.lib.katalog import reader as katalog
from pipelines.lib.ketersediaan import akibat, tidak_ada
from pipelines.lib.manual import reader as manual
from pipelines.lib.problems import Problems
from pipelines.lib.provenance import Listing, SourceFile, file_table, list_folder
from pipelines.lib.published import reader as published
from pipelines.lib.umkm import reader as umkm
from pipelines.lib.umkm import terbuka
from schemas.bps import BpsTenagaKerja
from schemas.katalog import KatalogIndikator
from schemas.manual import ManualUkuran
from schemas.pesan import _
from schemas.published import AngkaTerbit
from schemas.umkm import UmkmDesa, UmkmWilayah

Reader = Callable[[list[SourceFile]], pl.DataFrame]


def raw_output(
    context: dg.AssetExecutionContext,
    listing: Listing,
    read: Reader,
    model: type[pa.DataFrameModel],
    raw_dir: str,
    folder: str,
    why_empty: str | None = None,
    describe: Callable[[pl.DataFrame], dict[str, object]] | None = None,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Read every file of a source, validate the contract, record path, sha256 and rows per file
    (and the entries of the folder left unread, with the reason). A source without data is
    written as an empty table (what raw/<folder>/ holds) whose metadata says what that leaves
    unbuilt; `why_empty` explains rows the files have but the table cannot keep; `describe` adds
    what a source says about its files (the layout each was read as, …).

    Nothing is output (so nothing is written) unless every file passes; otherwise every problem
    of the folder and its files is reported at once.
    """
    for name, reason in listing.ignored:
        context.log.warning(f"{name}: ignored ({reason})")

    def files(frame: pl.DataFrame) -> dict:
        table = file_table(listing.sources, frame)
        fingerprint = hashlib.sha256("".join(table.get_column("sha256").to_list()).encode()).hexdigest()
        metadata: dict[str, object] = {"raw_dir": raw_dir, "files": files_metadata(table)}
        if listing.ignored:
            metadata["ignored_files"] = [f"{name}: {reason}" for name, reason in listing.ignored]
        if describe is not None:
            metadata.update(describe(frame))
        if frame.is_empty():
            metadata["tanpa_data"] = "; ".join(filter(None, [why_empty, f"{tidak_ada(folder)}: {akibat(folder)}"]))
            context.log.warning(f"raw/{folder}/: {metadata['tanpa_data']}")
        return {"metadata": metadata, "data_version": dg.DataVersion(fingerprint[:16])}

    def read_folder() -> pl.DataFrame:
        # A folder entry that is a problem (a link leading outside raw/, a file above the size
        # limit) is reported together with the problems of the files that were read.
        problems = Problems()
        problems.add(listing.problems)
        frame = problems.attempt(read, listing.sources)
        problems.raise_any()
        return frame

    return validated(model, f"raw/{model.__name__}", read_folder, files)


def raw_asset(
    *,
    name: str,
    folder: str,
    extensions: tuple[str, ...],
    read: Reader,
    model: type[pa.DataFrameModel],
    group: str,
    description: str,
) -> dg.AssetsDefinition:
    """raw/<name>: every file of one source folder, validated, with path, sha256 and rows per file."""

    @dg.asset(
        key=["raw", name], group_name=group, owners=OWNERS, kinds=RAW_KINDS | file_kinds(extensions),
        description=description,
        check_specs=[contract_check(["raw", name])],
    )
    def _raw(context: dg.AssetExecutionContext, raw_files: RawFiles):
        listing = list_folder(raw_files.path, folder, extensions)
        yield from raw_output(context, listing, read, model, raw_files.raw_dir, folder)

    return _raw


# (warehouse, the partitions' values of the slice column: years, or periodes like '2023-Q4') → rows
SliceReader = Callable[[DuckDBResource, list], pl.DataFrame]


def staged_asset(
    *,
    name: str,
    upstream: dg.AssetsDefinition,
    model: type[pa.DataFrameModel],
    group: str,
    description: str,
    read: SliceReader | None = None,
    partitioning: dict = PER_TAHUN,
) -> dg.AssetsDefinition:
    """staged/<name>: the years (or quarters) being built, every region together, read in DuckDB
    so memory follows the slice. `read(warehouse, values)` defaults to those years' rows of the
    upstream table."""
    table = ".".join(upstream.key.path)
    column = partitioning["metadata"]["partition_expr"]

    @dg.asset(
        key=["staged", name],
        deps=[upstream],
        **partitioning,
        group_name=group,
        owners=OWNERS,
        kinds=STAGED_KINDS,
        description=description,
        check_specs=[contract_check(["staged", name])],
    )
    def _staged(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
        values = column_values(partitioning["partitions_def"], context.partition_keys)
        frame = read(warehouse, values) if read else read_rows(warehouse, table, **{column: values})
        yield from staged_output(frame, model, f"staged.{name}")

    return _staged


@dataclass(frozen=True)
class Source:
    """One source of raw files: where they are, how they are read, the contract of their table
    and what a steward reads about it (the raw asset and its per-year staged slice)."""

    name: str
    folder: str
    extensions: tuple[str, ...]
    read: Reader
    model: type[pa.DataFrameModel]
    group: str
    raw_description: str
    staged_description: str


def source_assets(source: Source) -> list[dg.AssetsDefinition]:
    """The usual pair for a source: raw/<name> and its per-year slice staged/<name>."""
    raw = raw_asset(
        name=source.name, folder=source.folder, extensions=source.extensions, read=source.read, model=source.model,
        group=source.group, description=source.raw_description,
    )
    return [raw, staged_asset(name=source.name, upstream=raw, model=source.model, group=source.group, description=source.staged_description)]


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
