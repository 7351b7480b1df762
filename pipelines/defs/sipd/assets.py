"""Budget files: every layout stewards have → validated lines → each quarter's sub kegiatan and printed subtotals."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.defs.kontrak import contract_check
from pipelines.defs.label import OWNERS, RAW_KINDS, file_kinds
from pipelines.defs.sumber import ASSETS, raw_output, staged_asset
from pipelines.defs.partitions import PER_TRIWULAN
from pipelines.defs.resources import RawFiles, read_rows, table_exists
from pipelines.lib.provenance import list_folder
from pipelines.lib.sipd import reader as sipd
from pipelines.lib.sipd.split import lines_of_quarters, printed_subtotals, sub_kegiatan
from schemas.pesan import _
from schemas.sipd import SipdRfk, SipdSubKegiatan, SipdSubtotalCetak

GROUP = "anggaran"
RAW_TABLE = "raw.sipd_rfk"
KATALOG_TABLE = "raw.perjanjian_kinerja"


def catalogs(warehouse: DuckDBResource) -> pl.DataFrame:
    """Each catalog's region, OPD and, where it gives them, SKPD and unit codes: whose lines a
    budget file of many SKPDs or of no named region contributes."""
    if not table_exists(warehouse, KATALOG_TABLE):
        return sipd.Konteks().katalog
    with warehouse.get_connection() as conn:
        return conn.execute(f"SELECT DISTINCT kode_wilayah, opd, kode_skpd, kode_unit FROM {KATALOG_TABLE}").pl()


@dg.asset(
    key=["raw", "sipd_rfk"],
    deps=[ASSETS["perjanjian_kinerja"][0]],
    check_specs=[contract_check(["raw", "sipd_rfk"])],
    group_name=GROUP,
    owners=OWNERS,
    kinds=RAW_KINDS | file_kinds(sipd.EXTENSIONS),
    description=_(
        "Every budget line of the files in `raw/sipd/` (xlsx, xls and csv), whatever their layout: the "
        "sample's SIPD RFK, a SIPD-RI rekap, a monthly RFK workbook (a sheet per SKPD, sub kegiatan named and "
        "coded by the national nomenclature), the wp-sipd download, a Rekapitulasi Belanja, a Laporan "
        "Realisasi Per Dokumen, or one a steward describes in `raw/sipd/tata_letak.yaml`. Program, kegiatan, "
        "sub kegiatan and total lines with pagu and realisasi (either may be undefined), the cut-off "
        "(quarter) where the file has one, the layout read and how the region was found. Where the region has "
        "a Perjanjian Kinerja catalog only its OPD's lines are loaded; a file naming no region is placed by "
        "`raw/sipd/wilayah.csv` or the catalogs. A file exported twice counts once. A row Excel hides is "
        "counted only where the sheet's printed subtotal includes it (tersembunyi); metadata lists each file "
        "with its sha256 and its hidden rows."
    ),
)
def raw_sipd_rfk(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: DuckDBResource):
    listing = list_folder(raw_files.path, sipd.FOLDER, sipd.EXTENSIONS)
    konteks = sipd.Konteks(katalog=catalogs(warehouse))
    yield from raw_output(
        context, listing, lambda files: sipd.read_rfk(files, konteks), SipdRfk, raw_files.raw_dir, sipd.FOLDER, describe=how_read,
    )


def how_read(lines: pl.DataFrame) -> dict[str, object]:
    """Per file, what a steward asks first: read as which layout, whose budget (region and how it
    was found, the SKPD taken), which sheets, how its codes were found, and the rows Excel hides
    that hold budget lines, each counted or left out."""
    hidden = pl.format("{}!{} ({})", "source_sheet", "baris_tersembunyi", "tersembunyi")
    per_file = lines.group_by("source_file").agg(
        *(pl.col(c).drop_nulls().unique().sort().str.join(", ").alias(c)
          for c in ("tata_letak", "kode_wilayah", "wilayah_dari", "skpd", "source_sheet", "kode_dari")),
        pl.len().alias("baris"),
        hidden.drop_nulls().str.join("; ").alias("baris_tersembunyi"),
    ).sort("source_file")
    columns = ["source_file", "tata_letak", "kode_wilayah", "wilayah_dari", "skpd", "source_sheet", "kode_dari", "baris", "baris_tersembunyi"]
    return {"dibaca_sebagai": dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in per_file.select(columns).iter_rows(named=True)],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "int" if c == "baris" else "string") for c in columns]),
    )}


def _quarters_of_lines(name: str, model, split, description: str):
    """staged/<name>: one split of the quarters' budget lines, every region and SKPD."""

    def read(warehouse: DuckDBResource, periodes: list) -> pl.DataFrame:
        years = sorted({int(p[:4]) for p in periodes})
        return split(lines_of_quarters(read_rows(warehouse, RAW_TABLE, tahun=years), periodes))

    return staged_asset(
        name=name, upstream=raw_sipd_rfk, model=model, group=GROUP, partitioning=PER_TRIWULAN, description=description, read=read,
    )


sipd_sub_kegiatan = _quarters_of_lines("sipd_sub_kegiatan", SipdSubKegiatan, sub_kegiatan, _(
    "Sub kegiatan lines each quarter reads, every region and SKPD: the latest cut-off in the quarter (an "
    "RFK); else the realisasi of the documents to that date with the pagu of the year's budget file; else "
    "the year's budget file (realisasi undefined where it has none). Program, kegiatan and total amounts "
    "are rebuilt from these rows for Tabel 3.7 and the anggaran columns of Tabel 3.6."
))

sipd_subtotal_cetak = _quarters_of_lines("sipd_subtotal_cetak", SipdSubtotalCetak, printed_subtotals, _(
    "Program, kegiatan and total lines exactly as the budget files printed them, for the quarters being "
    "built. Never summed as data: they are only compared with the sums of their sub kegiatan, and a "
    "difference becomes a subtotal_mismatch finding in the reviu."
))
