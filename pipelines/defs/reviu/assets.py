"""findings: the automatic reviu of one region-year, with one asset check per rule family."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.core.validation import empty_of
from pipelines.defs.ingest import KINDS, OWNERS, contract_check, staged_output
from pipelines.defs.partitions import PARTITION_METADATA, QUARTERS_TO_YEAR, region_and_year, region_year
from pipelines.defs.resources import read_rows, table_exists
from pipelines.defs.reviu import anggaran_rules, data_rules, kinerja_rules
from schemas.anggaran import RealisasiAnggaran
from schemas.reviu import Temuan

KEY = dg.AssetKey(["reviu", "findings"])
TREE = "anggaran.realisasi_anggaran"
FAMILIES = {
    "temuan_anggaran": ("SIPD printed subtotals and percentages, and published Tabel 3.7 amounts", "SIPD|3.7"),
    "temuan_kinerja": ("published Tabel 3.1–3.4 and 3.6 against the recomputed indicators and the catalog", "3.1|3.2|3.3|3.4|3.6"),
    "temuan_data_sumber": ("cooperative assessments against skor bands, and villages missing from the UMKM data", "penilaian|umkm_desa"),
}


def report_cells(this_year: pl.DataFrame, last_year: pl.DataFrame) -> pl.DataFrame:
    """The cells of the year-N report: its year-N cells and Tabel 3.3's year N−1 column. Year-N
    Tabel 3.3 cells alone (no other table of year N published) are the next report's
    previous-year column, reviewed with that report."""
    if this_year.filter(pl.col("tabel") != "3.3").is_empty():
        return this_year.clear()
    return pl.concat([this_year, last_year.filter(pl.col("tabel") == "3.3")])


@dg.asset(
    key=KEY,
    deps=[
        dg.AssetKey(["staged", "angka_terbit"]),
        dg.AssetKey(["staged", "perjanjian_kinerja"]),
        dg.AssetKey(["staged", "sipd_sub_kegiatan"]),
        dg.AssetKey(["staged", "sipd_subtotal_cetak"]),
        dg.AssetKey(["staged", "koperasi_penilaian"]),
        dg.AssetKey(["staged", "umkm_desa"]),
        dg.AssetKey(["kinerja", "realisasi"]),
        dg.AssetKey(["kinerja", "iku_capaian"]),
        dg.AssetDep(dg.AssetKey(TREE.split(".")), partition_mapping=QUARTERS_TO_YEAR),
    ],
    check_specs=[
        contract_check(KEY.path),
        *(dg.AssetCheckSpec(name, asset=KEY, description=f"No findings on {what}.") for name, (what, _) in FAMILIES.items()),
    ],
    partitions_def=region_year,
    metadata=PARTITION_METADATA,
    group_name="reviu",
    owners=OWNERS,
    kinds=KINDS,
    description=(
        "The automatic reviu of the region-year's published LKjIP, as the Inspektorat would do it: printed "
        "subtotals against the sums of their children (SIPD export and Tabel 3.7), printed percentages "
        "against their amounts, published targets, realisasi, capaian and predikat (Tabel 3.1–3.4, 3.6) "
        "against the recomputed ones and the catalog, capaian scored in the wrong direction, growth from "
        "zero, assessment predikat against skor bands, villages missing from the UMKM data. One row per "
        "finding with severity, rule, tabel, kunci, expected, actual and a message a steward can act on. "
        "A finding's tahun is the report's year; Tabel 3.3's previous-year column is reviewed with the "
        "report that prints it."
    ),
)
def findings(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    kode, tahun = region_and_year(context)

    def rows(table: str, year: int) -> pl.DataFrame:
        return read_rows(warehouse, table, kode_wilayah=kode, tahun=year)

    published = report_cells(rows("staged.angka_terbit", tahun), rows("staged.angka_terbit", tahun - 1))
    katalog = pl.concat([rows("staged.perjanjian_kinerja", y) for y in (tahun, tahun - 1)])
    computed = pl.concat([rows("kinerja.iku_capaian", y) for y in (tahun, tahun - 1)])
    tree = rows(TREE, tahun) if table_exists(warehouse, TREE) else empty_of(RealisasiAnggaran)
    frame = pl.concat(
        [
            anggaran_rules.findings(published, rows("staged.sipd_sub_kegiatan", tahun), rows("staged.sipd_subtotal_cetak", tahun), tree),
            kinerja_rules.findings(published, katalog, computed, rows("kinerja.realisasi", tahun)),
            data_rules.findings(
                rows("staged.koperasi_penilaian", tahun), pl.concat([rows("staged.umkm_desa", y) for y in (tahun - 1, tahun)]), tahun
            ),
        ]
    ).with_columns(tahun=pl.lit(tahun, pl.Int64)).sort("severity", "rule", "tabel", "kunci")
    yield from staged_output(frame, Temuan, "reviu.findings")
    for name, (_, tables) in FAMILIES.items():
        found = frame.filter(pl.col("tabel").str.contains(f"^({tables})$"))
        yield dg.AssetCheckResult(
            check_name=name,
            passed=found.is_empty(),
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "findings": found.height,
                "errors": found.filter(pl.col("severity") == "error").height,
                "by_rule": dg.MetadataValue.json(dict(found.group_by("rule").len().iter_rows())),
            },
        )
