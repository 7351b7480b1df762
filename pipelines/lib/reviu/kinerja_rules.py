"""Performance rules: published Tabel 3.1–3.4 and 3.6 against the recomputed indicators, their
own arithmetic, the catalog's targets and predikat scale, and growth from a zero base."""

from __future__ import annotations

import polars as pl

from pipelines.lib.pesan import _
from pipelines.lib.kinerja.capaian import CAPAIAN_WAJAR, capaian, predikat
from pipelines.lib.katalog.reader import SCALE_SCHEMA
from pipelines.lib.reviu.temuan import angka, exact, frame, half_unit

INDICATOR_TABLES = ["3.1", "3.2", "3.3", "3.4", "3.6"]
TABEL_OF_JENIS = {"iku": "3.1", "tambahan": "3.2", "program": "3.6"}
KEY = ["kode_wilayah", "tahun", "indicator_id"]


def printed_indicators(published: pl.DataFrame, katalog: pl.DataFrame) -> pl.DataFrame:
    """One row per published (tabel, year, indicator): printed target, realisasi, capaian and
    predikat with their precision, next to the catalog's arah, target and scale."""
    cells = published.filter(pl.col("tabel").is_in(INDICATOR_TABLES) & pl.col("kolom").is_in(["target", "realisasi", "capaian", "predikat"]))
    wide = cells.pivot(on="kolom", index=["kode_wilayah", "tahun", "tabel", "kunci"], values=["nilai", "desimal", "nilai_terbit"])
    for kolom in ("target", "realisasi", "capaian", "predikat"):
        for part, dtype in (("nilai", pl.Float64), ("desimal", pl.Int32), ("nilai_terbit", pl.String)):
            if f"{part}_{kolom}" not in wide.columns:
                wide = wide.with_columns(pl.lit(None, dtype).alias(f"{part}_{kolom}"))
    catalog = katalog.select(
        *KEY, "jenis", "arah", "satuan", "rumus_capaian", "capaian_maks", *SCALE_SCHEMA, target_katalog="target"
    )
    return wide.rename({"kunci": "indicator_id"}).join(catalog, on=KEY, how="inner")


# Units that count whole things: a realisasi in one of them hides no rounding (205 lembaga is 205).
COUNT_UNITS = {"unit", "orang", "jiwa", "koperasi", "lembaga", "dokumen", "usaha", "umkm", "kali", "kegiatan", "paket", "buah", "desa", "laporan"}


def realisasi_is_exact() -> pl.Expr:
    """A printed realisasi hides no rounding when it counts whole things (the catalog's satuan) or
    equals the value the data give exactly; otherwise it may be a rounded measurement."""
    return (
        pl.col("satuan").str.to_lowercase().str.strip_chars().is_in(list(COUNT_UNITS)).fill_null(False)
        | ((pl.col("nilai_realisasi") - pl.col("realisasi_data")).abs() < 1e-9).fill_null(False)
    )


def _capaian_bounds(arah: pl.Expr, terbalik: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The capaian the printed realisasi and target allow for a direction: a report computes
    capaian from the unrounded realisasi, so everything its printed rounding hides is allowed,
    unless the realisasi is exact (`exact_realisasi`). A target is a set number, printed exactly."""
    dr = pl.when(pl.col("exact_realisasi")).then(0.0).otherwise(half_unit(pl.col("desimal_realisasi").fill_null(0)))
    lo = (pl.col("nilai_realisasi") - dr) * 100 / pl.col("nilai_target")
    hi = (pl.col("nilai_realisasi") + dr) * 100 / pl.col("nilai_target")
    low = pl.when(arah == "naik").then(lo).when(terbalik).then(10000 / hi).otherwise(200 - hi)
    high = pl.when(arah == "naik").then(hi).when(terbalik).then(10000 / lo).otherwise(200 - lo)
    return low, high


def _within(value: pl.Expr, low: pl.Expr, high: pl.Expr, tol: pl.Expr) -> pl.Expr:
    return (value >= low - tol) & (value <= high + tol)


def with_arithmetic(printed: pl.DataFrame, computed: pl.DataFrame) -> pl.DataFrame:
    """Whether each printed capaian follows from its printed realisasi and target by the
    indicator's own direction (`own`) or by the other one (`others`)."""
    printed = printed.join(computed.select(*KEY, realisasi_data="realisasi"), on=KEY, how="left")
    printed = printed.with_columns(exact_realisasi=realisasi_is_exact())
    terbalik = pl.col("rumus_capaian") == "rasio_terbalik"
    other = pl.when(pl.col("arah") == "naik").then(pl.lit("turun")).otherwise(pl.lit("naik"))
    own_lo, own_hi = _capaian_bounds(pl.col("arah"), terbalik)
    other_lo, other_hi = _capaian_bounds(other, pl.lit(False))
    tol = half_unit(pl.col("desimal_capaian").fill_null(0))
    c = pl.col("nilai_capaian")
    computable = c.is_not_null() & pl.col("nilai_realisasi").is_not_null() & pl.col("nilai_target").is_not_null() & (pl.col("nilai_target") != 0)
    return printed.with_columns(
        checked=computable,
        own=computable & _within(c, own_lo, own_hi, tol),
        others=computable & _within(c, other_lo, other_hi, tol),
        own_mid=pl.mean_horizontal(own_lo, own_hi),
        other=other,
    )


def direction_and_percent(printed: pl.DataFrame) -> list[dict]:
    """capaian_direction: a printed capaian that the other direction's formula gives (and its own
    does not); percent_mismatch: a printed capaian no direction explains."""
    rows = []
    for r in printed.filter(pl.col("checked") & ~pl.col("own")).iter_rows(named=True):  # failing cells only
        base = {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "tabel": r["tabel"], "kunci": r["indicator_id"], "actual": exact(r["nilai_capaian"])}
        values = {"tabel": r["tabel"], "tahun": r["tahun"], "indikator": r["indicator_id"], "capaian": r["nilai_terbit_capaian"],
                  "realisasi": r["nilai_terbit_realisasi"], "target": r["nilai_terbit_target"], "hitung": angka(r["own_mid"]),
                  "arah": r["arah"], "lain": r["other"]}
        allowance = (
            _("the realisasi taken as exact: a count, or the value the data give")
            if r["exact_realisasi"]
            else _("allowing for the rounding of the printed realisasi")
        )
        if r["others"]:
            better = _("lower is better") if r["arah"] == "turun" else _("higher is better")
            rows.append({**base, "rule": "capaian_direction", "expected": exact(r["own_mid"]), "message": _(
                "Tabel {tabel} ({tahun}): {indikator} prints capaian {capaian}, which is the '{lain}' formula applied to "
                "its realisasi {realisasi} and target {target}; the indicator is '{arah}' ({better}), which gives {hitung}% "
                "({allowance})."
            ).format(**values, better=better, allowance=allowance)})
        else:
            rows.append({**base, "rule": "percent_mismatch", "expected": exact(r["own_mid"]), "message": _(
                "Tabel {tabel} ({tahun}): {indikator} prints capaian {capaian}, but its printed realisasi {realisasi} "
                "against target {target} gives {hitung}% ({allowance})."
            ).format(**values, allowance=allowance)})
    return rows


def published_values(printed: pl.DataFrame, computed: pl.DataFrame, skip: set[tuple]) -> list[dict]:
    """published_mismatch: a printed realisasi or capaian the data does not give, beyond half a
    unit of its printed precision; a number printed where the value is undefined also counts.
    A capaian worked out from a correctly printed (rounded) realisasi is not a mistake. Where a
    measure has no value (data not yet in raw/), nothing can be compared: missing_data says so."""
    joined = printed.join(
        computed.filter(~pl.col("data_kosong")).select(*KEY, "realisasi", "capaian", "keterangan"), on=KEY, how="inner"
    )
    differs = {
        kolom: (pl.col(kolom).is_null() & pl.col(f"nilai_{kolom}").is_not_null())
        | (pl.col(f"nilai_{kolom}") - pl.col(kolom)).abs().gt(half_unit(pl.col(f"desimal_{kolom}").fill_null(0))).fill_null(False)
        for kolom in ("realisasi", "capaian")
    }
    rows = []
    for kolom in ("realisasi", "capaian"):
        wrong = differs[kolom] & (~pl.col("own") | differs["realisasi"]) if kolom == "capaian" else differs[kolom]
        off = joined.filter(wrong)
        for r in off.iter_rows(named=True):
            if (r["tabel"], r["tahun"], r["indicator_id"], kolom) in skip:
                continue
            values = {"tabel": r["tabel"], "tahun": r["tahun"], "indikator": r["indicator_id"], "kolom": kolom,
                      "tercetak": r[f"nilai_terbit_{kolom}"], "keterangan": r["keterangan"], "hitung": angka(r[kolom], 4)}
            message = (
                _("Tabel {tabel} ({tahun}): {indikator} prints {kolom} {tercetak}, but the value is {keterangan}.")
                if r[kolom] is None
                else _("Tabel {tabel} ({tahun}): {indikator} prints {kolom} {tercetak}, but the data give {hitung}.")
            )
            rows.append(
                {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "published_mismatch", "tabel": r["tabel"],
                 "kunci": r["indicator_id"], "expected": exact(r[kolom]), "actual": exact(r[f"nilai_{kolom}"]),
                 "message": message.format(**values)}
            )
    return rows


def targets(printed: pl.DataFrame) -> list[dict]:
    """target_mismatch: a table printing another target than the Perjanjian Kinerja (the catalog)."""
    off = printed.filter(
        pl.col("nilai_target").is_not_null()
        & ((pl.col("nilai_target") - pl.col("target_katalog")).abs() > half_unit(pl.col("desimal_target").fill_null(0)))
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "target_mismatch", "tabel": r["tabel"],
         "kunci": r["indicator_id"], "expected": exact(r["target_katalog"]), "actual": exact(r["nilai_target"]),
         "message": _(
             "Tabel {tabel} ({tahun}) prints target {tercetak} for {indikator}, but the Perjanjian Kinerja {tahun} sets "
             "{katalog}; the same indicator must carry one target."
         ).format(tabel=r["tabel"], tahun=r["tahun"], tercetak=r["nilai_terbit_target"], indikator=r["indicator_id"],
                  katalog=angka(r["target_katalog"]))}
        for r in off.iter_rows(named=True)
    ]


def predikats(printed: pl.DataFrame) -> list[dict]:
    """predikat_mismatch: a printed predikat its own printed capaian does not earn on the scale
    (either side of a boundary the printed rounding straddles is accepted)."""
    key = ["kode_wilayah", "tahun", "tabel", "indicator_id"]
    cells = printed.filter(pl.col("nilai_terbit_predikat").is_not_null() & pl.col("nilai_capaian").is_not_null())
    tol = half_unit(pl.col("desimal_capaian").fill_null(0))
    low = predikat(cells.with_columns(capaian=pl.col("nilai_capaian") - tol), key).rename({"predikat": "bawah"})
    both = predikat(low.with_columns(capaian=pl.col("nilai_capaian") + tol), key).rename({"predikat": "atas"})
    shown = pl.col("nilai_terbit_predikat").str.strip_chars().str.to_lowercase()
    off = both.filter((shown != pl.col("bawah").str.to_lowercase()) & (shown != pl.col("atas").str.to_lowercase()))
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "predikat_mismatch", "tabel": r["tabel"],
         "kunci": r["indicator_id"], "expected": r["atas"], "actual": r["nilai_terbit_predikat"],
         "message": _(
             "Tabel {tabel} ({tahun}): {indikator} prints predikat '{tercetak}' for capaian {capaian}, which earns "
             "'{seharusnya}' on the catalog's scale."
         ).format(tabel=r["tabel"], tahun=r["tahun"], indikator=r["indicator_id"], tercetak=r["nilai_terbit_predikat"],
                  capaian=r["nilai_terbit_capaian"], seharusnya=r["atas"])}
        for r in off.iter_rows(named=True)
    ]


def zero_base(realisasi: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """zero_base_growth: growth from a previous-year value of zero is undefined, not 100% or 3."""
    hits = realisasi.filter((pl.col("rumus") == "pertumbuhan") & (pl.col("nilai_ukuran_lalu") == 0)).join(
        katalog.select(*KEY, "jenis"), on=KEY, how="left"
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "zero_base_growth",
         "tabel": TABEL_OF_JENIS.get(r["jenis"], "3.1"), "kunci": r["indicator_id"], "expected": "",
         "actual": exact(r["nilai_ukuran"]),
         "message": _(
             "{indikator}: {ukuran} was 0 in {lalu} and {nilai} in {tahun}; growth from zero is undefined, so realisasi "
             "and capaian stay empty. Report the count, or choose an indicator with a non-zero base."
         ).format(indikator=r["indicator_id"], ukuran=r["ukuran"], lalu=r["tahun"] - 1, nilai=angka(r["nilai_ukuran"]), tahun=r["tahun"])}
        for r in hits.iter_rows(named=True)
    ]


def missing_data(realisasi: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """missing_data: an indicator whose measure has no value for the year it reads (BPS has not
    published it yet, a file was not collected): realisasi, capaian and predikat stay empty."""
    hits = realisasi.filter(pl.col("realisasi").is_null() & pl.col("data_kosong")).join(
        katalog.select(*KEY, "jenis"), on=KEY, how="left"
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "missing_data",
         "tabel": TABEL_OF_JENIS.get(r["jenis"], "3.1"), "kunci": r["indicator_id"], "expected": "", "actual": "",
         "message": _("{indikator}: {keterangan}; realisasi, capaian and predikat stay empty until the data is in raw/.").format(
             indikator=r["indicator_id"], keterangan=r["keterangan"])}
        for r in hits.iter_rows(named=True)
    ]


def implausible_capaian(computed: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """capaian_implausible: a capaian above the catalog's capaian_maks, or above 200% when it
    sets none (koperasi sehat's 1.851,85%): a target set too low or a measure read wrong."""
    # The capaian before any cap, by the one formula (kinerja.capaian), against the limit.
    rows = computed.select(*KEY, "realisasi", "target", "arah").join(
        katalog.select(*KEY, "jenis", "rumus_capaian", "capaian_maks"), on=KEY, how="left"
    ).with_columns(batas=pl.coalesce(pl.col("capaian_maks"), pl.lit(CAPAIAN_WAJAR)))
    hits = capaian(rows.with_columns(capaian_maks=pl.lit(None, pl.Float64))).filter(pl.col("capaian") > pl.col("batas"))
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "capaian_implausible",
         "tabel": TABEL_OF_JENIS.get(r["jenis"], "3.1"), "kunci": r["indicator_id"],
         "expected": exact(r["batas"]), "actual": exact(r["capaian"]),
         "message": _(
             "{indikator}: capaian {capaian}% (realisasi {realisasi} against target {target}) is above the plausible {batas}%; "
             "check the realisasi and the target."
         ).format(indikator=r["indicator_id"], capaian=angka(r["capaian"], 2), realisasi=angka(r["realisasi"]), target=angka(r["target"]),
                  batas=angka(r["batas"]))}
        for r in hits.iter_rows(named=True)
    ]


def capaian_outside_the_scale(computed: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """predikat_gap: a capaian that no step of the catalog's scale holds: in a gap between printed
    bands (85,5 between `71 s/d <85` and `86 s/d 100`) or beyond the last (201,6 above `… s/d 100`)."""
    hits = computed.filter(pl.col("capaian").is_not_null() & pl.col("predikat").is_null()).join(
        katalog.select(*KEY, "jenis"), on=KEY, how="left"
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "predikat_gap",
         "tabel": TABEL_OF_JENIS.get(r["jenis"], "3.1"), "kunci": r["indicator_id"], "expected": "", "actual": exact(r["capaian"]),
         "message": _("{indikator}: capaian {capaian}% falls in no band of the catalog's predikat scale (a gap between bands, "
                      "or beyond the last); no predikat is given. Close the gap or extend the scale.").format(
             indikator=r["indicator_id"], capaian=angka(r["capaian"], 2))}
        for r in hits.iter_rows(named=True)
    ]


def findings(published: pl.DataFrame, katalog: pl.DataFrame, computed: pl.DataFrame, realisasi: pl.DataFrame) -> pl.DataFrame:
    """All performance rules for the published cells of the given years (catalog and computed
    rows of the same years)."""
    printed = with_arithmetic(printed_indicators(published, katalog), computed)
    this_year = computed.join(realisasi.select(*KEY), on=KEY, how="semi")
    direction = direction_and_percent(printed)
    # A capaian scored with the wrong formula is reported once, as capaian_direction.
    skip = {(r["tabel"], r["tahun"], r["kunci"], "capaian") for r in direction if r["rule"] == "capaian_direction"}
    return frame(
        direction + published_values(printed, computed, skip) + targets(printed) + predikats(printed) + zero_base(realisasi, katalog)
        + missing_data(realisasi, katalog)
        + implausible_capaian(this_year, katalog) + capaian_outside_the_scale(this_year, katalog)
    )
