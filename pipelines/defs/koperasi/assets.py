"""Cooperatives: registry and assessment files → validated tables → one slice per year, every region together."""


import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.lib.provenance import list_folder
from pipelines.defs.kontrak import contract_check
from pipelines.defs.label import OWNERS, RAW_KINDS, file_kinds
from pipelines.defs.sumber import raw_asset, raw_output, staged_asset
from pipelines.lib import ketersediaan as sumber
from pipelines.lib.koperasi import penilaian, registry
from pipelines.defs.resources import RawFiles, read_rows, sources_present
from schemas.koperasi import KoperasiAkhirTahun, KoperasiPenilaian, KoperasiRegistry
from schemas.pesan import _

GROUP = "koperasi"


raw_ods_koperasi = raw_asset(
    name="ods_koperasi",
    folder=registry.FOLDER,
    extensions=registry.EXTENSIONS,
    read=registry.read_registry,
    model=KoperasiRegistry,
    group=GROUP,
    description=_(
        "Cooperative registry as exported from ODS / NIK koperasi, Kemenkop UKM "
        "(`raw/ods_koperasi/*.csv|xlsx`), one row per cooperative. Dates are read in any of the exported "
        "formats, every kode_desa is checked against the Kemendagri 2025 list and against the kabupaten "
        "written in the row, and a cooperative in several exports counts once (keyed by NIK, or nomor badan "
        "hukum when it has no NIK yet). Metadata lists each file with its sha256. Feeds koperasi.jumlah and "
        "koperasi.baru (pertumbuhan koperasi, Tabel 3.1/3.6)."
    ),
)

koperasi = staged_asset(
    name="koperasi",
    upstream=raw_ods_koperasi,
    model=KoperasiAkhirTahun,
    group=GROUP,
    read=lambda warehouse, years: registry.registry_at_year_ends(read_rows(warehouse, "raw.ods_koperasi"), years),
    description=_(
        "The region's cooperative registry as at 31 December of the year: every cooperative with a badan "
        "hukum dated on or before that day, flagged aktif_akhir_tahun (not dissolved by then; these count as "
        "koperasi.jumlah) and baru (badan hukum dated in that year: koperasi.baru). Each row keeps its source "
        "file and row."
    ),
)


def registry_regions(warehouse: DuckDBResource) -> pl.DataFrame:
    """NIK → kode_wilayah from the validated registry: only the two columns the join needs."""
    with warehouse.get_connection() as conn:
        return conn.execute(
            "SELECT nomor_induk_koperasi, kode_wilayah FROM raw.ods_koperasi WHERE nomor_induk_koperasi IS NOT NULL"
        ).pl()


@dg.asset(
    key=["raw", "koperasi_penilaian"],
    deps=[raw_ods_koperasi],
    check_specs=[contract_check(["raw", "koperasi_penilaian"])],
    group_name=GROUP,
    owners=OWNERS,
    kinds=RAW_KINDS | file_kinds(penilaian.EXTENSIONS),
    description=_(
        "Cooperative assessments (`raw/koperasi_penilaian/*.csv|xlsx`): KSP/USP health (kesehatan: skor 0–100 "
        "and Sehat … Dalam Pengawasan Khusus) and koperasi berkualitas (kualitas: Berkualitas / Tidak "
        "Berkualitas), one per cooperative, year and kind. The region is taken from the registry by NIK; an "
        "NIK the registry does not know stops the run. Without any registry (raw/ods_koperasi/ has no data) "
        "the files are still checked, but no assessment can be placed in a region: the table stays empty and "
        "says so. Feeds koperasi.sehat and koperasi.berkualitas (koperasi sehat, koperasi berkualitas, Tabel "
        "3.1/3.6)."
    ),
)
def raw_koperasi_penilaian(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: DuckDBResource):
    listing = list_folder(raw_files.path, penilaian.FOLDER, penilaian.EXTENSIONS)
    regions = registry_regions(warehouse)
    placeable = sumber.ODS.folder in sources_present(warehouse)
    yield from raw_output(
        context,
        listing,
        lambda files: penilaian.read_penilaian(files, regions if placeable else None),
        KoperasiPenilaian,
        raw_files.raw_dir,
        penilaian.FOLDER,
        None if placeable else sumber.tidak_ada(sumber.ODS.folder),
    )


koperasi_penilaian = staged_asset(
    name="koperasi_penilaian",
    upstream=raw_koperasi_penilaian,
    model=KoperasiPenilaian,
    group=GROUP,
    description=_(
        "Cooperative assessments per assessment year, every region (the rows counted as koperasi.sehat and "
        "koperasi.berkualitas), each row with its source file and row."
    ),
)
