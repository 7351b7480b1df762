"""findings: the automatic reviu of each region's report for the years built, with one asset check per rule family."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.lib import ketersediaan as sumber
from pipelines.lib.wilayah import region_names
from pipelines.defs.kontrak import contract_check, staged_output
from pipelines.defs.label import KINDS, OWNERS
from pipelines.defs.partitions import PER_TAHUN, TAHUN_INI_DAN_LALU, TRIWULAN_DALAM_TAHUN, years_of
from pipelines.defs.resources import read_fed, read_rows, sources_present, table_exists
from pipelines.lib.validation import empty_of
from pipelines.lib.reviu import anggaran_rules, cakupan, data_rules, kinerja_rules
from pipelines.lib.reviu.temuan import rule_words, severity_word
from schemas.pesan import _
from schemas.anggaran import RealisasiAnggaran
from schemas.katalog import KatalogIndikator
from schemas.kinerja import IkuCapaian, RealisasiMasukan
from schemas.koperasi import KoperasiPenilaian
from schemas.published import ANGGARAN, BULAN, AngkaTerbit
from schemas.reviu import Cakupan, Temuan
from schemas.sipd import DIHITUNG, TIDAK_DIHITUNG, SipdRfk, SipdSubKegiatan, SipdSubtotalCetak
from schemas.umkm import UmkmDesa

KEY = dg.AssetKey(["reviu", "findings"])
TAHUN_LALU, ANGGARAN_TABEL = "perbandingan_tahun_lalu", "realisasi_anggaran"  # published table kinds
TREE = "anggaran.realisasi_anggaran"
RAW_SIPD = "raw.sipd_rfk"
# What the reviu reads: each table's contract (its empty shape) and the sources that feed it.
INPUTS: dict[str, tuple[type, tuple[sumber.Sumber, ...]]] = {
    "staged.angka_terbit": (AngkaTerbit, (sumber.TERBIT,)),
    "staged.perjanjian_kinerja": (KatalogIndikator, (sumber.KATALOG,)),
    "kinerja.iku_capaian": (IkuCapaian, (sumber.KATALOG,)),
    "kinerja.realisasi_masukan": (RealisasiMasukan, (sumber.KATALOG,)),
    "staged.sipd_sub_kegiatan": (SipdSubKegiatan, (sumber.SIPD,)),
    "staged.sipd_subtotal_cetak": (SipdSubtotalCetak, (sumber.SIPD,)),
    TREE: (RealisasiAnggaran, (sumber.SIPD,)),
    "staged.umkm_desa": (UmkmDesa, (sumber.UMKM,)),
    "staged.koperasi_penilaian": (KoperasiPenilaian, (sumber.ODS, sumber.PENILAIAN)),
}
SOURCE_TABLES = ["penilaian", "umkm_desa"]
_source = pl.col("tabel").is_in(SOURCE_TABLES)
_budget = (pl.col("tabel") == "SIPD") | pl.col("kolom").is_in([*ANGGARAN, *BULAN]) | (pl.col("rule") == "realisasi_over_pagu")
FAMILIES = {
    "temuan_anggaran": (_("SIPD printed subtotals and percentages, and published budget amounts"), _budget),
    "temuan_kinerja": (_("published indicator tables against the recomputed indicators and the catalog"), ~_budget & ~_source),
    "temuan_data_sumber": (_("cooperative assessments against skor bands, and villages missing from the UMKM data"), _source),
}


def report_cells(published: pl.DataFrame, tahun: int) -> pl.DataFrame:
    """The cells of each region's year-N report: its year-N cells and Tabel 3.3's year N−1 column.
    A region whose year-N cells are only Tabel 3.3 (no other table of year N published) has no
    year-N report here: those cells are the next report's previous-year column."""
    reports = published.filter((pl.col("tahun") == tahun) & (pl.col("tabel") != TAHUN_LALU)).select("kode_wilayah").unique()
    cells = pl.concat([published.filter(tahun=tahun), published.filter(tahun=tahun - 1, tabel=TAHUN_LALU)])
    return cells.join(reports, on="kode_wilayah", how="semi", maintain_order="left")


def hidden_lines(warehouse: DuckDBResource, ada: frozenset[str], years: list[int]) -> pl.DataFrame:
    """The budget lines of the years' files that hold rows Excel hides (counted or left out):
    read from the raw lines, since a line left out is in no staged table."""
    if sumber.SIPD.folder not in ada or not table_exists(warehouse, RAW_SIPD):
        return empty_of(SipdRfk)
    return read_rows(warehouse, RAW_SIPD, tahun=years, tersembunyi=[DIHITUNG, TIDAK_DIHITUNG])


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
        dg.AssetKey(["kinerja", "realisasi_masukan"]),
        _quarters(["staged", "sipd_sub_kegiatan"]),
        _quarters(["staged", "sipd_subtotal_cetak"]),
        _quarters(TREE.split(".")),
        dg.AssetKey(RAW_SIPD.split(".")),
    ],
    check_specs=[
        contract_check(KEY.path),
        *(dg.AssetCheckSpec(name, asset=KEY, description=_("No findings on {what}.").format(what=what)) for name, (what, _family) in FAMILIES.items()),
    ],
    **PER_TAHUN,
    group_name="reviu",
    owners=OWNERS,
    kinds=KINDS,
    description=_(
        "The automatic reviu of each region's published LKjIP of the year, as the Inspektorat would do it: "
        "printed subtotals against the sums of their children (SIPD export and Tabel 3.7), printed "
        "percentages against their amounts, published targets, realisasi, capaian and predikat (Tabel "
        "3.1–3.4, 3.6) against the recomputed ones and the catalog, capaian scored in the wrong direction, "
        "growth from zero, assessment predikat against skor bands, villages missing from the UMKM data. One "
        "row per finding with severity, rule, tabel, kunci, expected, actual and a message a steward can act "
        "on. A finding's tahun is the report's year; Tabel 3.3's previous-year column is reviewed with the "
        "report that prints it."
    ),
)
def findings(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    years = years_of(context)
    with_last = sorted({y - 1 for y in years} | set(years))
    ada = sources_present(warehouse)

    def rows(table: str, tahun: list[int]) -> pl.DataFrame:
        model, needs = INPUTS[table]
        return read_fed(warehouse, table, model, needs, ada, tahun=tahun)

    published = rows("staged.angka_terbit", with_last)
    katalog = rows("staged.perjanjian_kinerja", with_last)
    computed = rows("kinerja.iku_capaian", with_last)
    masukan = rows("kinerja.realisasi_masukan", years)
    sub_kegiatan = rows("staged.sipd_sub_kegiatan", years)
    printed = rows("staged.sipd_subtotal_cetak", years)
    tree = rows(TREE, years)
    hidden = hidden_lines(warehouse, ada, years)
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
                anggaran_rules.findings(cells, of_year(sub_kegiatan, y), of_year(printed, y), of_year(tree, y), of_year(hidden, y)),
                kinerja_rules.findings(cells, katalog, computed, of_year(masukan, y)),
                data_rules.findings(of_year(penilaian, y), umkm.filter(pl.col("tahun").is_in([y - 1, y])), y),
            ]
        ).with_columns(tahun=pl.lit(y, pl.Int64))

    # sorted down to the message, so ties too come out in a stable order
    frame = pl.concat([of_report(y) for y in years]).sort("kode_wilayah", "tahun", "severity", "rule", "tabel", "kunci", "message")
    if len(years) > 1:  # each year's partition lists its own findings (recorded before the output is)
        for y in years:
            context.add_asset_metadata({"temuan": findings_table(frame.filter(pl.col("tahun") == y))}, partition_key=str(y))
    yield from staged_output(frame, Temuan, "reviu.findings", {"temuan": findings_table(frame)})
    for name, (_description, family) in FAMILIES.items():
        found = frame.filter(family)
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
    """The findings as the UI shows them, headed and worded as the report's Temuan table (the
    first SHOWN_FINDINGS): region with its name, year, severity and rules in words, tabel, kunci,
    kolom, expected, printed and message. Codes stay in reviu.findings and findings.csv."""
    names = region_names()
    columns = {
        "wilayah": _("Region"), "tahun": _("Year"), "severity": _("Severity"), "rule": _("Rule"), "tabel": _("Table"),
        "kunci": _("Key"), "kolom": _("Column"), "expected": _("Expected"), "actual": _("Printed"),
        "aturan_lain": _("Also seen by"), "message": _("Message"),
    }
    rows = found.head(SHOWN_FINDINGS).with_columns(
        wilayah=pl.format("{} {}", "kode_wilayah", pl.col("kode_wilayah").replace_strict(names, default="")),
        severity=pl.col("severity").replace_strict({code: severity_word(code) for code in ("error", "warning")}, default=pl.col("severity")),
        rule=pl.col("rule").replace_strict(rule_words(), default=pl.col("rule")),
        aturan_lain=pl.col("aturan_lain").str.split(", ").list.eval(pl.element().replace_strict(rule_words(), default=pl.element())).list.join(", "),
    )
    return dg.MetadataValue.table(
        records=[dg.TableRecord({label: ("" if r[c] is None else r[c]) for c, label in columns.items()}) for r in rows.iter_rows(named=True)],
        schema=dg.TableSchema(columns=[dg.TableColumn(label, "int" if c == "tahun" else "string") for c, label in columns.items()]),
    )


@dg.asset(
    key=["reviu", "cakupan"],
    deps=[
        _this_and_last(["staged", "angka_terbit"]),
        dg.AssetKey(["staged", "perjanjian_kinerja"]),
        dg.AssetKey(["staged", "umkm_desa"]),
        dg.AssetKey(["staged", "koperasi_penilaian"]),
        _quarters(["staged", "sipd_sub_kegiatan"]),
    ],
    check_specs=[contract_check(["reviu", "cakupan"])],
    **PER_TAHUN,
    group_name="reviu",
    owners=OWNERS,
    kinds=KINDS,
    description=_(
        "What the reviu of each region's report covered: every check (published tables against the recomputed "
        "ones, SIPD subtotals, assessments, UMKM villages, …), whether it ran, and when it did not, for lack "
        "of what (a source without files in raw/, or without data for the region and year). A report reviewed "
        "without its budget files says so here and in the report's findings section, instead of reading as a "
        "report with nothing wrong."
    ),
)
def cakupan_reviu(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    years = years_of(context)
    ada = sources_present(warehouse)

    def region_years(table: str) -> pl.DataFrame:
        """The region-years of the years built that have rows in a table (DuckDB does the work:
        SIPD lines are many)."""
        model, needs = INPUTS[table]
        if not all(s.folder in ada for s in needs) or not table_exists(warehouse, table):
            return empty_of(model).select(cakupan.KEY)
        if sumber.SIPD in needs:  # the quarters the budget files hold now
            return read_fed(warehouse, table, model, needs, ada, tahun=years).select(cakupan.KEY).unique()
        with warehouse.get_connection() as conn:
            return conn.execute(f"SELECT DISTINCT kode_wilayah, tahun FROM {table} WHERE list_contains(?, tahun)", [years]).pl()

    model, needs = INPUTS["staged.angka_terbit"]
    published = read_fed(warehouse, "staged.angka_terbit", model, needs, ada, tahun=sorted({y - 1 for y in years} | set(years)))
    # each report's printed cells, under the report's year
    printed = pl.concat([report_cells(published, y).with_columns(tahun=pl.lit(y, pl.Int64)) for y in years])
    tabel, kolom = pl.col("tabel"), pl.col("kolom")

    def printing(which: pl.Expr) -> pl.DataFrame:
        return printed.filter(which).select(cakupan.KEY).unique()

    reports = region_years("staged.perjanjian_kinerja")
    data = {
        cakupan.KATALOG: reports,
        cakupan.TERBIT_KINERJA: printing(tabel != ANGGARAN_TABEL),
        cakupan.TERBIT_37: printing(tabel == ANGGARAN_TABEL),
        cakupan.TERBIT_ANGGARAN: printing(kolom.is_in(["pagu", "realisasi_keuangan"])),
        cakupan.SIPD: region_years("staged.sipd_sub_kegiatan"),
        cakupan.PENILAIAN: region_years("staged.koperasi_penilaian"),
        cakupan.UMKM: region_years("staged.umkm_desa"),
    }
    frame = cakupan.cakupan(reports, data, ada)
    yield from staged_output(frame, Cakupan, "reviu.cakupan", {"tidak_dijalankan": coverage_table(frame.filter(~pl.col("dijalankan")))})


def coverage_table(not_run: pl.DataFrame) -> dg.TableMetadataValue:
    """The checks that did not run, as the UI shows them: region with its name, year, check, why."""
    names = region_names()
    columns = {"wilayah": _("Region"), "tahun": _("Year"), "pemeriksaan": _("Check"), "alasan": _("Why")}
    rows = not_run.head(SHOWN_FINDINGS).with_columns(
        wilayah=pl.format("{} {}", "kode_wilayah", pl.col("kode_wilayah").replace_strict(names, default="")),
        pemeriksaan=pl.col("pemeriksaan").replace_strict({p.kode: p.judul for p in cakupan.PEMERIKSAAN}),
    )
    return dg.MetadataValue.table(
        records=[dg.TableRecord({label: ("" if r[c] is None else r[c]) for c, label in columns.items()}) for r in rows.iter_rows(named=True)],
        schema=dg.TableSchema(columns=[dg.TableColumn(label, "int" if c == "tahun" else "string") for c, label in columns.items()]),
    )
