"""Whose budget a file's lines are: the region and the SKPD.

Many real files do not say their region (an RFK sheet names the dinas, a SIPD-RI rekap names
nothing) and many hold several SKPDs (a rekap of the whole region, an RFK workbook with a sheet per
SKPD). The region comes from the title where it names one; else from the steward's mapping file
`raw/sipd/wilayah.csv` (`berkas,kode_wilayah`); else from the catalog whose OPD is one of the
file's SKPDs; else from the only region that has a catalog. Where the region has a Perjanjian
Kinerja catalog, only the lines of the SKPD its OPD is are loaded (by the catalog's `kode_skpd`,
else by name); the other SKPDs' lines are not. Lineage keeps which rule placed the lines
(`wilayah_dari`) and which SKPD was taken.
"""

from __future__ import annotations

import polars as pl

from schemas.pesan import _
from pipelines.lib.wilayah import region_by_name, wilayah

MAPPING_FILE = "wilayah.csv"  # in raw/sipd/: berkas,kode_wilayah
JUDUL, PEMETAAN, KATALOG, SATU_WILAYAH = "judul", "pemetaan", "katalog", "satu_wilayah"


def skpd_key(name: pl.Expr) -> pl.Expr:
    """An SKPD's name reduced to what names it: case, punctuation and the region's name do not
    matter ('Dinas Koperasi, Usaha Mikro dan Tenaga Kerja Kota Banjarmasin' ~ 'DINAS KOPERASI,
    USAHA MIKRO DAN TENAGA KERJA'); 'UKM' is Usaha Kecil dan Menengah."""
    words = name.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", " ")
    words = words.str.replace(r"^\s*:?\s*", "").str.replace_all(r"\bukm\b", "usaha kecil dan menengah")
    # the region a name may end with: 'kabupaten tabanan', 'kota banjarmasin', 'kab buru', 'provinsi bali'
    words = words.str.replace(r"\s(kabupaten|kab|kota|provinsi|prov|pemerintah)\s.*$", "")
    return words.str.replace_all(r"\s+", "")


def region_of_name(text: str) -> list[str]:
    """Region codes a printed region name fits ('KAB. SUMENEP', 'KOTA BANJARMASIN', 'PEMERINTAH
    KABUPATEN TABANAN'): Kemendagri's names, with KAB. written out."""
    cleaned = " ".join(text.replace("KAB.", "KABUPATEN ").replace("Kab.", "Kabupaten ").split())
    found = region_by_name(cleaned)
    if not found and not cleaned.upper().startswith(("KABUPATEN", "KOTA", "PROVINSI", "PEMERINTAH")):
        found = region_by_name(f"KABUPATEN {cleaned}")
    return found


def catalog_skpd(katalog: pl.DataFrame) -> pl.DataFrame:
    """kode_wilayah, opd, kode_skpd, kode_unit, skpd (the OPD's name key) of every catalog."""
    if katalog.is_empty():
        return pl.DataFrame(schema={"kode_wilayah": pl.String, "opd": pl.String, "kode_skpd": pl.String, "kode_unit": pl.String, "skpd": pl.String})
    return katalog.select("kode_wilayah", "opd", "kode_skpd", "kode_unit").unique().with_columns(skpd=skpd_key(pl.col("opd")))


def with_opd(lines: pl.DataFrame, opd: pl.DataFrame) -> pl.DataFrame:
    """Add `skpd`, whose budget each line is: the catalog OPD its SKPD is (by the catalog's
    kode_skpd where it gives one, else by name), null for an SKPD that is no catalog's OPD of
    its region; in a region without a catalog every SKPD counts, as its code or name (a file
    naming none: the file)."""
    by_code = opd.filter(pl.col("kode_skpd").is_not_null()).select("kode_wilayah", "kode_skpd", _by_code="opd").unique(["kode_wilayah", "kode_skpd"])
    by_name = opd.filter(pl.col("kode_skpd").is_null()).select("kode_wilayah", "skpd", _by_name="opd").unique(["kode_wilayah", "skpd"])
    with_catalog = opd.get_column("kode_wilayah").unique().implode()
    return (
        lines.with_columns(_key=skpd_key(pl.col("nama_skpd")))
        .join(by_code, on=["kode_wilayah", "kode_skpd"], how="left", maintain_order="left")
        .join(by_name, left_on=["kode_wilayah", "_key"], right_on=["kode_wilayah", "skpd"], how="left", maintain_order="left")
        .with_columns(
            skpd=pl.when(pl.col("kode_wilayah").is_in(with_catalog)).then(pl.coalesce("_by_code", "_by_name"))
            .otherwise(pl.coalesce("kode_skpd", "nama_skpd", "source_file"))
        )
        .drop("_key", "_by_code", "_by_name")
    )


def unit_taken(opd: pl.DataFrame) -> pl.Expr:
    """False on the lines of a sub-unit other than the one a catalog names (a catalog naming no
    unit takes the SKPD with all its sub-units: an RSUD, the puskesmas)."""
    units = opd.filter(pl.col("kode_unit").is_not_null()).select("kode_wilayah", "kode_unit")
    named = pl.col("kode_wilayah").is_in(units.get_column("kode_wilayah").implode())
    return ~named | pl.struct("kode_wilayah", "kode_unit").is_in(units.to_struct().implode()).fill_null(False)


def region_for_file(
    file: str, title_region: str | None, skpd_names: list[str], skpd_codes: list[str], mapping: dict[str, str], opd: pl.DataFrame
) -> tuple[str | None, str | None, str | None]:
    """(kode_wilayah, the rule that placed it, a problem) for one file or sheet."""
    if title_region:
        codes = region_of_name(title_region)
        if len(codes) == 1:
            return codes[0], JUDUL, None
        return None, None, (_("no region in the Kemendagri 2025 list has this name") if not codes
                            else _("this name fits several regions ({codes})").format(codes=", ".join(codes)))
    name = file.split("/", 1)[-1]
    if name in mapping:
        return mapping[name], PEMETAAN, None
    name_keys = pl.DataFrame({"n": skpd_names}, schema={"n": pl.String}).select(skpd_key(pl.col("n"))).to_series()
    hits = opd.filter(
        pl.col("kode_skpd").is_in(pl.Series(skpd_codes, dtype=pl.String).implode()) | pl.col("skpd").is_in(name_keys.implode())
    ).get_column("kode_wilayah").unique().to_list()
    if len(hits) == 1:
        return hits[0], KATALOG, None
    regions = opd.get_column("kode_wilayah").unique().to_list()
    if not hits and len(regions) == 1:
        return regions[0], SATU_WILAYAH, None
    return None, None, _(
        "the file names no region and {why}; add a line '{name},<kode_wilayah>' to raw/sipd/{mapping}"
    ).format(
        why=_("its SKPDs are the catalogs' OPDs of several regions ({codes})").format(codes=", ".join(sorted(hits))) if hits
        else _("none of its SKPDs is the OPD of a Perjanjian Kinerja catalog"),
        name=name, mapping=MAPPING_FILE,
    )


def known_regions() -> set[str]:
    return set(wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"])).get_column("kode").to_list())
