"""Measures (`<source>.<name>`): one number per region, year and measure name, with its sources.

Each function turns one staged table (one region-year slice) into rows of
kode_wilayah, tahun, ukuran, nilai, periode, sumber. `periode` is the BPS period read (empty for
other sources), `sumber` lists the files the number came from: data, never a sentence to parse.
"""

import duckdb
import polars as pl

from pipelines.lib.problems import SOURCE_FILE
from pipelines.lib.anggaran.rollup import SEGMENTS, TOTAL, rollup
from pipelines.lib.anggaran.versions import reported_documents
from pipelines.lib.bps.reader import STANDARD_LABELS

KEY = ["kode_wilayah", "tahun"]
# Measures a source gives whenever it has data (others exist only where a file names them:
# manual.*, and a BPS variable under a steward's own name). A catalog naming one of these where
# the data is missing gets an empty realisasi; a name no source can give is a catalog error.
GIVEN = {"koperasi.jumlah", "koperasi.baru", "koperasi.sehat", "koperasi.berkualitas", "umkm.jumlah", *STANDARD_LABELS.values()}
GIVEN_PATTERN = r"^(bps\.(var\d+|angkatan_kerja|pengangguran_terbuka|tpt)(\[[a-z0-9_/]+\])?|anggaran\.(pagu|realisasi)(\[[\d.]+\])?)$"


def nama_dasar(ukuran: pl.Expr) -> pl.Expr:
    """A measure name without its [qualifier] (schemas.measures.MEASURE_PATTERN): bps.tpt[februari] → bps.tpt."""
    return ukuran.str.replace(r"\[.*$", "")


def rincian(ukuran: pl.Expr) -> pl.Expr:
    """A measure name's qualifier: the BPS period (and turvar) or the budget kode prefix; null without one."""
    return ukuran.str.extract(r"\[(.*)\]$")


def could_be_given(ukuran: pl.Expr) -> pl.Expr:
    """True for a measure name some source gives whenever it has the data."""
    return ukuran.is_in(list(GIVEN)) | ukuran.str.contains(GIVEN_PATTERN)
COLUMNS = [*KEY, "ukuran", "nilai", "periode", "sumber"]
SCHEMA = {"kode_wilayah": pl.String, "tahun": pl.Int64, "ukuran": pl.String, "nilai": pl.Float64, "periode": pl.String, "sumber": pl.String}
# Only BPS figures are read at a period; every other source's measure has none.
NO_PERIODE = pl.lit(None, pl.String).alias("periode")


def _sumber() -> pl.Expr:
    return pl.col(SOURCE_FILE).unique().sort().str.join("; ").alias("sumber")


def _counted(frame: pl.LazyFrame, measures: dict[str, pl.Expr]) -> pl.LazyFrame:
    """Aggregate named measures per region-year; a region-year without rows gives no measure
    (missing data must not read as zero)."""
    wide = frame.group_by(KEY).agg(*(e.alias(n) for n, e in measures.items()), _sumber())
    long = wide.unpivot(index=[*KEY, "sumber"], on=list(measures), variable_name="ukuran", value_name="nilai")
    return long.with_columns(NO_PERIODE).select(COLUMNS)


# BPS periods in the order the unqualified measure prefers them: the annual figure where BPS
# filled it, else Agustus (Sakernas' reference month, the one LKjIP figures use).
PERIODE_PREFERRED = {"tahunan": 0, "agustus": 1}


def from_bps(bps: pl.LazyFrame) -> pl.LazyFrame:
    """Every BPS figure under its period and turvar (`bps.tpt[februari]`,
    `bps.var543[agustus/laki_laki]`), and the unqualified measure (`bps.tpt`): the total turvar
    (or the only one) at the preferred period present for that region and year, else the only
    period. A variable recognised under a standard name is also bps.var<id>. Every row carries the
    period read in `periode` and its file in `sumber`."""
    rows = bps.with_columns(
        sumber=pl.col(SOURCE_FILE),
        names=pl.concat_list(pl.col("ukuran"), pl.format("bps.var{}", "var_id")).list.unique(maintain_order=True),
    ).explode("names")
    qualifier = pl.when(pl.col("turvar") == "total").then(pl.col("periode")).otherwise(pl.format("{}/{}", "periode", "turvar"))
    qualified = rows.select(*KEY, pl.format("{}[{}]", "names", qualifier).alias("ukuran"), "nilai", "periode", "sumber")
    group = [*KEY, "names"]
    whole = rows.filter((pl.col("turvar") == "total") | (pl.col("turvar").n_unique().over(group) == 1))
    rank = pl.col("periode").replace_strict(PERIODE_PREFERRED, default=len(PERIODE_PREFERRED))
    chosen = whole.filter(
        (rank == rank.min().over(group)) & ((rank < len(PERIODE_PREFERRED)) | (pl.col("periode").n_unique().over(group) == 1))
    )
    default = chosen.select(*KEY, pl.col("names").alias("ukuran"), "nilai", "periode", "sumber")
    return pl.concat([default, qualified])


def from_manual(manual: pl.LazyFrame) -> pl.LazyFrame:
    return manual.select(*KEY, "ukuran", "nilai", NO_PERIODE, pl.col(SOURCE_FILE).alias("sumber"))


def from_koperasi(registry_at_year_end: pl.LazyFrame) -> pl.LazyFrame:
    """koperasi.jumlah: registered by 31 Dec N and not dissolved; koperasi.baru: founded in N."""
    return _counted(
        registry_at_year_end,
        {
            "koperasi.jumlah": pl.col("aktif_akhir_tahun").sum().cast(pl.Float64),
            "koperasi.baru": pl.col("baru").sum().cast(pl.Float64),
        },
    )


def from_penilaian(penilaian: pl.LazyFrame) -> pl.LazyFrame:
    """koperasi.sehat / koperasi.berkualitas: cooperatives assessed so in year N, as printed in the
    assessment (contradictions with the skor band are a reviu finding, not silently re-graded)."""
    counts = {
        "kesehatan": ("koperasi.sehat", "Sehat"),
        "kualitas": ("koperasi.berkualitas", "Berkualitas"),
    }
    parts = [
        _counted(
            penilaian.filter(pl.col("jenis_penilaian") == jenis),
            {ukuran: (pl.col("predikat") == predikat).sum().cast(pl.Float64)},
        )
        for jenis, (ukuran, predikat) in counts.items()
    ]
    return pl.concat(parts)


def from_umkm(umkm: pl.LazyFrame) -> pl.LazyFrame:
    return _counted(umkm, {"umkm.jumlah": pl.col("jumlah_usaha").sum().cast(pl.Float64)})


def from_umkm_wilayah(figures: pl.LazyFrame) -> pl.LazyFrame:
    """Region-level open-data figures, each already a measure (umkm.jumlah, umkm.<indicator>)."""
    return figures.select(*KEY, "ukuran", "nilai", NO_PERIODE, pl.col(SOURCE_FILE).alias("sumber"))


def from_anggaran(conn: duckdb.DuckDBPyConnection, lines: str) -> duckdb.DuckDBPyRelation:
    """anggaran.pagu / anggaran.realisasi in total and per kode prefix (urusan, program, kegiatan,
    sub kegiatan: `anggaran.pagu[2.07.01]`), per region and year in `lines`, read at the latest
    cut-off of the year in the reported version (DPPA over DPA). An undefined amount (no realisasi
    in a rekap) gives no measure: missing is not zero. Columns COLUMNS, unordered
    (all_measures sorts); lazy: nothing runs until the caller fetches or inserts it.

    `lines`: relation text usable after FROM (a table, or a parenthesised query) with the columns
    of the staged SipdSubKegiatan table, for any number of regions and years."""
    sums = rollup(reported_documents(lines, latest_cutoff=True), KEY, [TOTAL, *SEGMENTS], numbered_from=lines)
    by = ", ".join(KEY)
    return conn.sql(
        f"""
SELECT {by}, 'anggaran.' || jenis || CASE WHEN kode <> '' THEN '[' || kode || ']' ELSE '' END AS ukuran, nilai, NULL::VARCHAR AS periode, sumber
FROM (SELECT {by}, kode, pagu, realisasi, sumber FROM {sums}) UNPIVOT (nilai FOR jenis IN (pagu, realisasi))"""
    )


def all_measures(parts: list[pl.LazyFrame]) -> pl.DataFrame:
    frames = [p.select(COLUMNS).cast(SCHEMA) for p in parts]  # type: ignore[arg-type]
    return pl.concat(frames).sort(KEY + ["ukuran"]).collect() if frames else pl.DataFrame(schema=SCHEMA)
