"""Realisasi from the catalog's formulas: nilai, rasio, pertumbuhan.

The catalog names measures; this module looks each one up in `measures` at the year it is
read (tahun + tahun_data offset of its source; growth also reads the year before) and computes
realisasi in full precision. An undefined value (a zero denominator, growth from zero) stays
empty with its reason in `keterangan`, never 0 or infinity.
"""

from __future__ import annotations

import polars as pl

from schemas.pesan import _, per_row
from pipelines.lib.problems import ContractError, Problem
from pipelines.lib.katalog.model import SOURCES
from pipelines.lib.ketersediaan import sumber_kosong
from pipelines.lib.measures.ukuran import could_be_given, nama_dasar

ROLES = ["ukuran", "pembilang", "penyebut"]
READ_COLUMNS = ["kode_wilayah", "tahun", "indicator_id", "source_file", "peran", "ukuran_dibaca", "tahun_dibaca"]
# kinerja.realisasi_masukan: each read as data (measure, year, period, value, files), what trace,
# the reviu and realisasi itself read; `keterangan` is the only sentence, for people.
MASUKAN_COLUMNS = ["kode_wilayah", "tahun", "indicator_id", "peran", "ukuran", "tahun_data", "periode", "nilai", "sumber", "keterangan"]


def measure_reads(katalog: pl.DataFrame) -> pl.DataFrame:
    """One row per measure an indicator reads: role, measure name and the year it is read at."""
    long = katalog.unpivot(
        index=["kode_wilayah", "tahun", "indicator_id", "rumus", "source_file", *(f"tahun_data_{s}" for s in SOURCES)],
        on=ROLES,
        variable_name="peran",
        value_name="ukuran_dibaca",
    ).drop_nulls("ukuran_dibaca")
    source = pl.col("ukuran_dibaca").str.extract(r"^([a-z]+)\.")
    offset = pl.coalesce([pl.when(source == s).then(pl.col(f"tahun_data_{s}")) for s in SOURCES])
    reads = long.with_columns(tahun_dibaca=pl.col("tahun") + offset)
    growth_base = reads.filter(pl.col("rumus") == "pertumbuhan").with_columns(
        peran=pl.lit("ukuran_lalu"), tahun_dibaca=pl.col("tahun_dibaca") - 1
    )
    return pl.concat([reads, growth_base]).select(READ_COLUMNS)


PROVIDER = {"bps": "BPS", "koperasi": "ODS", "umkm": "UMKM desa", "anggaran": "SIPD", "manual": "manual"}


def data_belum_tersedia() -> str:
    """How keterangan starts when a measure has no value for the year read (the reviu looks for it)."""
    return _("data not yet available")


def read_measures(reads: pl.DataFrame, measures: pl.DataFrame, ada: frozenset[str]) -> pl.DataFrame:
    """Each read with its value, period and source files (MASUKAN_COLUMNS). A measure without a value for the year it is
    read at leaves the value empty with the reason in `keterangan` (missing is not zero, and not a
    crash), and so does a measure whose source folder has no data at all (`ada`: the folders
    with data); a name no present source gives, anywhere, stops the run naming catalog file,
    indicator and measure, with the names of that measure the data does hold (its periods and
    turvar)."""
    found = reads.join(
        measures.select("kode_wilayah", "nilai", "periode", "sumber", tahun_dibaca="tahun", ukuran_dibaca="ukuran"),
        on=["kode_wilayah", "tahun_dibaca", "ukuran_dibaca"],
        how="left",
    ).with_columns(absen=sumber_kosong(pl.col("ukuran_dibaca"), ada))
    known = measures.get_column("ukuran").unique()
    bases = measures.select(nama_dasar(pl.col("ukuran")).unique()).to_series()
    name = pl.col("ukuran_dibaca")
    # Unknown: a name no present source gives, or a period/turvar the source's figures do not have.
    unknown = found.filter(
        pl.col("nilai").is_null()
        & pl.col("absen").is_null()
        & ~name.is_in(known.implode())
        & (~could_be_given(name) | nama_dasar(name).is_in(bases.implode()))
    )
    if unknown.height:
        problems = []
        for rec in unknown.head(200).iter_rows(named=True):  # the unknown reads only
            base = rec["ukuran_dibaca"].split("[")[0]
            similar = sorted(n for n in known.to_list() if n.split("[")[0] == base)[:12]
            hint = " " + _("(the measures hold {names})").format(names=", ".join(similar)) if similar else ""
            problems.append(
                Problem(
                    file=rec["source_file"],
                    column=rec["peran"].replace("ukuran_lalu", "ukuran"),
                    value=rec["ukuran_dibaca"],
                    message=_("indicator '{indikator}' (tahun {tahun}): unknown measure {ukuran}: no source gives it for any region or year").format(
                        indikator=rec["indicator_id"], tahun=rec["tahun"], ukuran=rec["ukuran_dibaca"]) + hint,
                )
            )
        raise ContractError(problems)
    source = name.str.extract(r"^([a-z]+)\.").replace_strict(PROVIDER, default="?")
    why = per_row("{sumber} has no data for {ukuran} in {tahun} ({wilayah})",
                  sumber=source, ukuran=name, tahun="tahun_dibaca", wilayah="kode_wilayah")
    return found.select(
        "kode_wilayah", "tahun", "indicator_id", "peran", "periode", "nilai", "sumber",
        ukuran="ukuran_dibaca",
        tahun_data="tahun_dibaca",
        keterangan=pl.when(pl.col("nilai").is_null()).then(pl.concat_str(pl.lit(f"{data_belum_tersedia()}: "), pl.coalesce("absen", why))),
    ).select(MASUKAN_COLUMNS)


def realisasi(katalog: pl.DataFrame, masukan: pl.DataFrame) -> pl.DataFrame:
    """Realisasi per indicator from its reads (kinerja.realisasi_masukan rows): the values
    (nilai_<role>), the source files, and the BPS period read said in `keterangan`."""
    key = ["kode_wilayah", "tahun", "indicator_id"]
    roles = [*ROLES, "ukuran_lalu"]
    wide = masukan.pivot(on="peran", index=key, values="nilai")
    wide = wide.with_columns(pl.lit(None, pl.Float64).alias(r) for r in roles if r not in wide.columns)
    wide = wide.rename({r: f"nilai_{r}" for r in roles})
    used = masukan.group_by(key).agg(
        sumber=pl.col("sumber").str.split("; ").list.explode(keep_nulls=False, empty_as_null=False).unique().sort().str.join("; "),
        data_kosong=pl.col("nilai").is_null().any(),
        kosong=pl.col("keterangan").drop_nulls().unique().sort().str.join("; "),
        periode=pl.col("periode").drop_nulls().unique().sort().str.to_titlecase().str.join(", "),
    )
    frame = katalog.join(wide, on=key, how="left").join(used, on=key, how="left")
    # ×100 wherever the unit is % — also when no satuan is given (ratios and growth are reported
    # in percent); a catalog that wants a plain ratio says so with another satuan.
    scale = pl.when(pl.col("satuan").is_null() | (pl.col("satuan") == "%")).then(100.0).otherwise(1.0)
    rumus, now, before = pl.col("rumus"), pl.col("nilai_ukuran"), pl.col("nilai_ukuran_lalu")
    zero_denominator = (rumus == "rasio") & (pl.col("nilai_penyebut") == 0)
    zero_base = (rumus == "pertumbuhan") & (before == 0)
    missing = pl.col("data_kosong").fill_null(False)
    value = (
        pl.when(missing | zero_denominator | zero_base).then(None)
        .when(rumus == "nilai").then(now)
        .when(rumus == "rasio").then(pl.col("nilai_pembilang") * scale / pl.col("nilai_penyebut"))
        .otherwise((now - before) * scale / before)
    )
    # The BPS period read is said where it is not obvious (every BPS figure is read at one).
    why = (
        pl.when(missing).then(pl.col("kosong"))
        .when(zero_denominator).then(per_row("undefined: penyebut {penyebut} is 0", penyebut="penyebut"))
        .when(zero_base).then(per_row("undefined: growth from zero ({ukuran} was 0 the year before)", ukuran="ukuran"))
        .when(pl.col("periode").fill_null("") != "").then(per_row("BPS period {periode}", periode="periode"))
    )
    return frame.with_columns(realisasi=value.cast(pl.Float64), keterangan=why.cast(pl.String), data_kosong=missing).drop("kosong", "periode")
