"""findings: the automatic reviu of each region's report for the years built, with one asset check per rule family."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.lib.validation import empty_of
from pipelines.lib.wilayah import region_names
from pipelines.defs.ingest import KINDS, OWNERS, contract_check, staged_output
from pipelines.defs.partitions import PER_TAHUN, TAHUN_INI_DAN_LALU, TRIWULAN_DALAM_TAHUN, years_of
from pipelines.defs.resources import read_rows, table_exists
from pipelines.lib.reviu import anggaran_rules, data_rules, kinerja_rules
from pipelines.lib.reviu.temuan import severity_word
from schemas.anggaran import RealisasiAnggaran
from schemas.reviu import Temuan

KEY = dg.AssetKey(["reviu", "findings"])
TREE = "anggaran.realisasi_anggaran"
FAMILIES = {
    "temuan_anggaran": ("SIPD printed subtotals and percentages, and published Tabel 3.7 amounts", "SIPD|3.7"),
    "temuan_kinerja": ("published Tabel 3.1–3.4 and 3.6 against the recomputed indicators and the catalog", "3.1|3.2|3.3|3.4|3.6"),
    "temuan_data_sumber": ("cooperative assessments against skor bands, and villages missing from the UMKM data", "penilaian|umkm_desa"),
}


def report_cells(published: pl.DataFrame, tahun: int) -> pl.DataFrame:
    """The cells of each region's year-N report: its year-N cells and Tabel 3.3's year N−1 column.
    A region whose year-N cells are only Tabel 3.3 (no other table of year N published) has no
    year-N report here: those cells are the next report's previous-year column."""
    reports = published.filter((pl.col("tahun") == tahun) & (pl.col("tabel") != "3.3")).select("kode_wilayah").unique()
    cells = pl.concat([published.filter(tahun=tahun), published.filter(tahun=tahun - 1, tabel="3.3")])
    return cells.join(reports, on="kode_wilayah", how="semi", maintain_order="left")


def _this_and_last(key: list[str]) -> dg.AssetDep:
    return dg.AssetDep(dg.AssetKey(key), partition_mapping=TAHUN_INI_DAN_LALU)


def _quarters(key: list[str]) -> dg.AssetDep:
    return dg.AssetDep(dg.AssetKey(key), partition_mapping=TRIWULAN_DALAM_TAHUN)


@dg.asset(
    key=KEY,
    deps=[
        _this_and_last(["staged", "angka_terbit"]),
        _this_and_last(["staged", "perjanjian_kinerja"]),
        _this_and_last(["staged", "umkm_desa"]),
        _this_and_last(["kinerja", "iku_capaian"]),
        dg.AssetKey(["staged", "koperasi_penilaian"]),
        dg.AssetKey(["kinerja", "realisasi"]),
        _quarters(["staged", "sipd_sub_kegiatan"]),
        _quarters(["staged", "sipd_subtotal_cetak"]),
        _quarters(TREE.split(".")),
    ],
    check_specs=[
        contract_check(KEY.path),
        *(dg.AssetCheckSpec(name, asset=KEY, description=f"No findings on {what}.") for name, (what, _) in FAMILIES.items()),
    ],
    **PER_TAHUN,
    group_name="reviu",
    owners=OWNERS,
    kinds=KINDS,
)
def findings(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    """The automatic reviu of each region's published LKjIP of the year, as the Inspektorat would do
    it: printed subtotals against the sums of their children (SIPD export and Tabel 3.7), printed
    percentages against their amounts, published targets, realisasi, capaian and predikat (Tabel
    3.1–3.4, 3.6) against the recomputed ones and the catalog, capaian scored in the wrong
    direction, growth from zero, assessment predikat against skor bands, villages missing from the
    UMKM data. One row per finding with severity, rule, tabel, kunci, expected, actual and a message
    a steward can act on. A finding's tahun is the report's year; Tabel 3.3's previous-year column
    is reviewed with the report that prints it."""
    years = years_of(context)
    with_last = sorted({y - 1 for y in years} | set(years))

    def rows(table: str, tahun: list[int]) -> pl.DataFrame:
        return read_rows(warehouse, table, tahun=tahun)

    published = rows("staged.angka_terbit", with_last)
    katalog = rows("staged.perjanjian_kinerja", with_last)
    computed = rows("kinerja.iku_capaian", with_last)
    realisasi = rows("kinerja.realisasi", years)
    sub_kegiatan = rows("staged.sipd_sub_kegiatan", years)
    printed = rows("staged.sipd_subtotal_cetak", years)
    tree = rows(TREE, years) if table_exists(warehouse, TREE) else empty_of(RealisasiAnggaran)
    umkm = rows("staged.umkm_desa", with_last)
    penilaian = rows("staged.koperasi_penilaian", years)

    def of_year(table: pl.DataFrame, tahun: int) -> pl.DataFrame:
        return table.filter(pl.col("tahun") == tahun)

    # One pass per report year (every region at once): a report reviews its own year and Tabel
    # 3.3's previous-year column, and its findings carry the report's year.
    def of_report(y: int) -> pl.DataFrame:
        cells = report_cells(published, y)
        return pl.concat(
            [
                anggaran_rules.findings(cells, of_year(sub_kegiatan, y), of_year(printed, y), of_year(tree, y)),
                kinerja_rules.findings(cells, katalog, computed, of_year(realisasi, y)),
                data_rules.findings(of_year(penilaian, y), umkm.filter(pl.col("tahun").is_in([y - 1, y])), y),
            ]
        ).with_columns(tahun=pl.lit(y, pl.Int64))

    # sorted down to the message, so ties too come out in a stable order
    frame = pl.concat([of_report(y) for y in years]).sort("kode_wilayah", "tahun", "severity", "rule", "tabel", "kunci", "message")
    yield from staged_output(frame, Temuan, "reviu.findings", {"temuan": findings_table(frame)})
    for name, (_description, tables) in FAMILIES.items():
        found = frame.filter(pl.col("tabel").str.contains(f"^({tables})$"))
        yield dg.AssetCheckResult(
            check_name=name,
            passed=found.is_empty(),
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "findings": found.height,
                "errors": found.filter(pl.col("severity") == "error").height,
                "by_rule": dg.MetadataValue.json(dict(found.group_by("rule").len().iter_rows())),
                "temuan": findings_table(found),
            },
        )


SHOWN_FINDINGS = 300  # in the UI; every finding is in reviu.findings and findings.csv


def findings_table(found: pl.DataFrame) -> dg.TableMetadataValue:
    """The findings as the UI shows them: region with its name, year, severity, rule, tabel,
    kunci, expected, actual and message (the first SHOWN_FINDINGS)."""
    names = region_names()
    columns = ["wilayah", "tahun", "severity", "rule", "tabel", "kunci", "expected", "actual", "message"]
    rows = found.head(SHOWN_FINDINGS).with_columns(
        wilayah=pl.format("{} {}", "kode_wilayah", pl.col("kode_wilayah").replace_strict(names, default="")),
        severity=pl.col("severity").replace_strict({code: severity_word(code) for code in ("error", "warning")}, default=pl.col("severity")),
    )
    return dg.MetadataValue.table(
        records=[dg.TableRecord({c: ("" if r[c] is None else r[c]) for c in columns}) for r in rows.iter_rows(named=True)],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, "int" if c == "tahun" else "string") for c in columns]),
    )
