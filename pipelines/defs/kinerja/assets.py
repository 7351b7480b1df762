"""Kinerja: catalog + measures → realisasi → capaian/predikat (Tabel 3.1, 3.2, 3.6) and Tabel 3.3."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.lib.wilayah import region_names

from pipelines.defs.berkas_mentah import raw_file_hashes
from pipelines.defs.kontrak import contract_check, contract_failure, staged_output
from pipelines.defs.label import KINDS, OWNERS
from pipelines.lib.kinerja import iku, jejak
from pipelines.defs.partitions import PER_TAHUN, TAHUN_INI_DAN_LALU, TIGA_TAHUN, years_of
from pipelines.defs.resources import sources_present
from schemas.kinerja import IkuCapaian, IkuPerbandingan, Realisasi, RealisasiMasukan
from schemas.pesan import _

GROUP = "kinerja"
COMMON = dict(**PER_TAHUN, group_name=GROUP, owners=OWNERS, kinds=KINDS)
KATALOG = dg.AssetIn(key=["staged", "perjanjian_kinerja"])
# A year's formulas read measures of the year and the two before (tahun_data −1, growth −1).
MEASURES = dg.AssetIn(key=["staged", "measures"], partition_mapping=TIGA_TAHUN)
MASUKAN = dg.AssetIn(key=["kinerja", "realisasi_masukan"])


@dg.asset(
    key=["kinerja", "realisasi_masukan"],
    check_specs=[contract_check(["kinerja", "realisasi_masukan"])],
    ins={"katalog": KATALOG, "measures": MEASURES},
    **COMMON,
    description=_(
        "Every measure each Perjanjian Kinerja indicator of every region reads for the year, one row per "
        "role in its formula: the measure, the year it is read at (its source's tahun_data, e.g. BPS at "
        "N−1; growth also the year before), the BPS period, the value and the raw files behind it. "
        "Realisasi, `lkjip trace` and the reviu read these rows, so a capaian can be followed back to the "
        "BPS JSON or the village workbook. A measure without a value for its year stays empty with a reason."
    ),
)
def realisasi_masukan(katalog: pl.DataFrame, measures: pl.DataFrame, warehouse: DuckDBResource):
    with contract_failure():
        frame = iku.hitung_masukan(katalog, measures, sources_present(warehouse))
    yield from staged_output(frame, RealisasiMasukan, "kinerja.realisasi_masukan")


@dg.asset(
    key=["kinerja", "realisasi"],
    check_specs=[contract_check(["kinerja", "realisasi"])],
    ins={"katalog": KATALOG, "realisasi_masukan": MASUKAN},
    **COMMON,
    description=_(
        "Realisasi of every Perjanjian Kinerja indicator of every region for the year, computed from the "
        "catalog's formula (nilai, rasio, pertumbuhan) over the measures it reads (kinerja.realisasi_masukan), "
        "with the values and raw files it used. Undefined values (growth from zero, a zero denominator, a "
        "source without data in raw/) stay empty with a reason."
    ),
)
def realisasi(katalog: pl.DataFrame, realisasi_masukan: pl.DataFrame):
    yield from staged_output(iku.hitung_realisasi(katalog, realisasi_masukan), Realisasi, "kinerja.realisasi")


@dg.asset(
    key=["kinerja", "iku_capaian"],
    check_specs=[contract_check(["kinerja", "iku_capaian"])],
    ins={"realisasi": dg.AssetIn(key=["kinerja", "realisasi"]), "realisasi_masukan": MASUKAN, "katalog": KATALOG, "measures": MEASURES},
    **COMMON,
    description=_(
        "Target, realisasi, capaian and predikat per indicator: LKjIP Tabel 3.1 (jenis iku), Tabel 3.2 "
        "(tambahan) and Tabel 3.6 (program, with the program's pagu and realisasi anggaran from SIPD). "
        "Capaian follows arah (naik: realisasi/target; turun: (2·target − realisasi)/target, or "
        "target/realisasi with rumus_capaian rasio_terbalik) and the catalog's predikat scale. Full "
        "precision; rounding happens only in presentation. The materialisation lists, per indicator "
        "(`jejak/<id>`), each measure, its year and value and the raw files behind it with sha256, sheet and "
        "rows (for the first ten region-years); `lkjip trace <id> --region <kode> --year <tahun>` prints the "
        "same chain for any."
    ),
)
def iku_capaian(
    context: dg.AssetExecutionContext, realisasi: pl.DataFrame, realisasi_masukan: pl.DataFrame, katalog: pl.DataFrame,
    measures: pl.DataFrame, warehouse: DuckDBResource,
):
    frame = iku.iku_capaian(realisasi, katalog, measures)
    # The chain costs a few queries per indicator: the metadata carries it for CHAIN_REGION_YEARS.
    shown = realisasi.select("kode_wilayah", "tahun").unique().sort("kode_wilayah", "tahun").head(CHAIN_REGION_YEARS)
    with warehouse.get_connection() as conn:
        rows = jejak.chain(conn, realisasi_masukan.join(shown, on=["kode_wilayah", "tahun"]), raw_file_hashes(context.instance, warehouse.database))
    yield from staged_output(frame, IkuCapaian, "kinerja.iku_capaian", chain_metadata(rows))


CHAIN_REGION_YEARS = 10  # in the metadata; `lkjip trace` gives any region-year


def chain_metadata(rows: pl.DataFrame) -> dict[str, dg.TableMetadataValue]:
    """jejak/<indicator>: measure, year, BPS period, value and the raw files behind it (path,
    sha256, sheet, rows), region by region, so the asset page answers where each number came from."""
    names = region_names()
    columns = ["wilayah", "tahun", "ukuran", "tahun_data", "periode", "nilai", "berkas", "sha256", "lembar", "baris"]
    tables = {}
    for (indicator_id,), part in rows.sort("indicator_id").group_by(["indicator_id"], maintain_order=True):
        part = part.with_columns(
            wilayah=pl.format("{} {}", "kode_wilayah", pl.col("kode_wilayah").replace_strict(names, default="")), baris=jejak.baris()
        )
        tables[f"jejak/{indicator_id}"] = dg.MetadataValue.table(
            records=[dg.TableRecord({c: ("" if r[c] is None else r[c]) for c in columns}) for r in part.iter_rows(named=True)],
            schema=dg.TableSchema(columns=[dg.TableColumn(c, "int" if c in ("tahun", "tahun_data") else "float" if c == "nilai" else "string") for c in columns]),
        )
    return tables


@dg.asset(
    key=["kinerja", "iku_perbandingan"],
    check_specs=[contract_check(["kinerja", "iku_perbandingan"])],
    # the year's rows and the year before's, as that year's own catalog and data gave them
    ins={"iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"], partition_mapping=TAHUN_INI_DAN_LALU)},
    **COMMON,
    description=_(
        "LKjIP Tabel 3.3: each IKU's target, realisasi and capaian against the year before, the prior year as "
        "computed from that year's own catalog and data (its iku_capaian partition)."
    ),
)
def iku_perbandingan(context: dg.AssetExecutionContext, iku_capaian: pl.DataFrame):
    this_year = iku_capaian.filter(pl.col("tahun").is_in(years_of(context)))
    yield from staged_output(iku.iku_perbandingan(this_year, iku_capaian), IkuPerbandingan, "kinerja.iku_perbandingan")
