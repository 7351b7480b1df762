"""Performance rules: published Tabel 3.1–3.4 and 3.6 against the recomputed indicators, their
own arithmetic, the catalog's targets and predikat scale, and growth from a zero base."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from schemas.pesan import _
from pipelines.lib.kinerja.capaian import CAPAIAN_WAJAR, capaian, predikat
from pipelines.lib.katalog.reader import SCALE_SCHEMA
from pipelines.lib.reviu import skala
from schemas.common import SATUAN_HITUNG
from pipelines.lib.reviu.temuan import angka, exact, frame, half_unit, one_per_cell

INDICATOR_TABLES = ["capaian_iku", "capaian_tambahan", "perbandingan_tahun_lalu", "analisis_iku", "capaian_program", "capaian_kegiatan"]
TABEL_OF_JENIS = {"iku": "3.1", "tambahan": "3.2", "program": "3.6"}
KEY = ["kode_wilayah", "tahun", "indicator_id"]
ROW = ["kode_wilayah", "tahun", "tabel", "label", "kunci"]


@dataclass(frozen=True)
class Rasio:
    """A printed percentage of a table that is one printed figure against another: the realisasi
    against the target (capaian), the Renstra's end target, the national or provincial figure."""

    tabel: tuple[str, ...]
    terhadap: str  # the kolom the realisasi is measured against
    persen: str  # the kolom of the printed percentage
    arah: bool  # whether the indicator's direction decides the formula (a comparison with the nation may be printed either way)


RASIO = (
    Rasio(tuple(INDICATOR_TABLES), "target", "capaian", True),
    Rasio(("perbandingan_renstra",), "target_akhir", "capaian_akhir", True),
    Rasio(("perbandingan_nasional",), "nasional", "persen_nasional", False),
    Rasio(("perbandingan_nasional",), "provinsi", "persen_provinsi", False),
)
_PARTS = (("nilai", pl.Float64), ("desimal", pl.Int32), ("nilai_terbit", pl.String))


def _nama(text: pl.Expr) -> pl.Expr:
    """What names an indicator in print: letters and digits, lower case."""
    return text.str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")


def printed_indicators(published: pl.DataFrame, katalog: pl.DataFrame) -> pl.DataFrame:
    """One row per printed indicator row (region, year, table, label, kunci), every printed kolom
    as nilai_/desimal_/nilai_terbit_<kolom>, next to the catalog's arah, target and scale where
    the row names a catalog indicator, by its id or by its name as printed (a report's own Word
    tables name indicators, not ids); rows of no catalog indicator (a kegiatan's, another
    region's) keep their printed name as indicator_id and no catalog columns."""
    kinds = sorted({t for r in RASIO for t in r.tabel})
    kolom = sorted({"target", "realisasi", "capaian", "predikat", *(k for r in RASIO for k in (r.terhadap, r.persen))})
    cells = published.filter(pl.col("tabel").is_in(kinds) & pl.col("kolom").is_in(kolom))
    wide = cells.pivot(on="kolom", index=ROW, values=[p for p, _dtype in _PARTS])
    wide = wide.with_columns(
        pl.lit(None, dtype).alias(f"{part}_{k}") for k in kolom for part, dtype in _PARTS if f"{part}_{k}" not in wide.columns
    )
    catalog = katalog.select(
        *KEY, "jenis", "arah", "satuan", "rumus", "rumus_capaian", "capaian_maks", *SCALE_SCHEMA, target_katalog="target",
        nama=_nama(pl.col("indikator")),
    )
    by_id = wide.join(catalog.drop("nama"), left_on=ROW[:2] + ["kunci"], right_on=KEY, how="inner", maintain_order="left")
    rest = wide.join(by_id.select(ROW), on=ROW, how="anti").with_columns(nama=_nama(pl.col("kunci")))
    by_name = rest.join(catalog.unique(["kode_wilayah", "tahun", "nama"], keep="none"), on=["kode_wilayah", "tahun", "nama"], how="left")
    return pl.concat(
        [by_id.with_columns(indicator_id=pl.col("kunci")), by_name.drop("nama").with_columns(pl.col("indicator_id").fill_null(pl.col("kunci")))],
        how="diagonal_relaxed",
    )


def realisasi_is_exact() -> pl.Expr:
    """A printed realisasi hides no rounding when its data are exact: it counts whole things (the
    catalog's satuan), or it is what a formula gives from the data (rasio, pertumbuhan) to the last
    decimal. A measure read as it is (rumus nilai: BPS's 3,83, a manual 0,34) is itself a figure
    someone rounded, so its printing carries the rounding interval, like any realisasi the data
    give with more decimals than printed."""
    return (
        pl.col("satuan").str.to_lowercase().str.strip_chars().is_in(list(SATUAN_HITUNG)).fill_null(False)
        | ((pl.col("rumus") != "nilai") & ((pl.col("nilai_realisasi") - pl.col("realisasi_data")).abs() < 1e-9)).fill_null(False)
    )


def _capaian_bounds(arah: pl.Expr, terbalik: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The capaian the printed realisasi and target allow for a direction: a report computes
    capaian from the unrounded realisasi, so everything its printed rounding hides is allowed,
    unless the realisasi is exact (`exact_realisasi`). A target is a set number, printed exactly.
    The catalog's capaian_maks caps both ends."""
    dr = pl.when(pl.col("exact_realisasi")).then(0.0).otherwise(half_unit(pl.col("desimal_realisasi").fill_null(0)))
    lo = (pl.col("nilai_realisasi") - dr) * 100 / pl.col("nilai_target")
    hi = (pl.col("nilai_realisasi") + dr) * 100 / pl.col("nilai_target")
    low = pl.when(arah == "naik").then(lo).when(terbalik).then(10000 / hi).otherwise(200 - hi)
    high = pl.when(arah == "naik").then(hi).when(terbalik).then(10000 / lo).otherwise(200 - lo)
    cap = pl.col("capaian_maks")
    return (pl.when(cap.is_not_null()).then(pl.min_horizontal(x, cap)).otherwise(x) for x in (low, high))


def _within(value: pl.Expr, low: pl.Expr, high: pl.Expr, tol: pl.Expr) -> pl.Expr:
    return (value >= low - tol) & (value <= high + tol)


def ratios(printed: pl.DataFrame) -> pl.DataFrame:
    """Every printed percentage of RASIO as one row: the realisasi as nilai_realisasi, the figure
    it is measured against as nilai_target, the percentage as nilai_capaian, the kolom of the
    percentage and of its base; arah stays only where the indicator's direction decides."""
    views = []
    for rasio in RASIO:
        rows = printed.filter(pl.col("tabel").is_in(rasio.tabel) & pl.col(f"nilai_terbit_{rasio.persen}").is_not_null())
        renamed = {f"{part}_{k}": f"{part}_{role}" for part, _dtype in _PARTS for k, role in ((rasio.terhadap, "target"), (rasio.persen, "capaian"))}
        if rasio.terhadap != "target":
            rows = rows.drop(f"{part}_{k}" for part, _dtype in _PARTS for k in ("target", "capaian"))
        else:  # a printed target that is the Perjanjian Kinerja's, rounded, stands for its exact value (0,16 for 0,162)
            pk = pl.col("target_katalog")
            rows = rows.with_columns(nilai_target=pl.when((pl.col("nilai_target") - pk).abs() <= half_unit(pl.col("desimal_target").fill_null(0)))
                                     .then(pk).otherwise(pl.col("nilai_target")))
        rows = rows.rename(renamed).with_columns(kolom=pl.lit(rasio.persen), terhadap=pl.lit(rasio.terhadap))
        views.append(rows if rasio.arah else rows.with_columns(arah=pl.lit(None, pl.String), capaian_maks=pl.lit(None, pl.Float64)))
    return pl.concat(views, how="diagonal_relaxed")


def with_arithmetic(printed: pl.DataFrame, computed: pl.DataFrame) -> pl.DataFrame:
    """Each printed percentage of `ratios(printed)` against its printed inputs: whether the
    indicator's own direction's formula gives it (`own`), or only the other one (`others`); an
    indicator of unknown direction (no catalog row, or a comparison printed either way) accepts
    both. `agrees` says the printed value is what the data give."""
    rows = ratios(printed).join(
        computed.select(*KEY, realisasi_data="realisasi", capaian_data="capaian"), on=KEY, how="left"
    )
    rows = rows.with_columns(exact_realisasi=realisasi_is_exact())
    terbalik = pl.col("rumus_capaian") == "rasio_terbalik"
    other = pl.when(pl.col("arah") == "naik").then(pl.lit("turun")).otherwise(pl.lit("naik"))
    tol = half_unit(pl.col("desimal_capaian").fill_null(0))
    c = pl.col("nilai_capaian")
    own_lo, own_hi = _capaian_bounds(pl.col("arah"), terbalik)
    other_lo, other_hi = _capaian_bounds(other, pl.lit(False))
    naik_lo, naik_hi = _capaian_bounds(pl.lit("naik"), pl.lit(False))
    turun_lo, turun_hi = _capaian_bounds(pl.lit("turun"), pl.lit(False))
    inverse_lo, inverse_hi = _capaian_bounds(pl.lit("turun"), pl.lit(True))
    either = _within(c, naik_lo, naik_hi, tol) | _within(c, turun_lo, turun_hi, tol) | _within(c, inverse_lo, inverse_hi, tol)
    known = pl.col("arah").is_not_null()
    computable = c.is_not_null() & pl.col("nilai_realisasi").is_not_null() & pl.col("nilai_target").is_not_null() & (pl.col("nilai_target") != 0)
    return rows.with_columns(
        checked=computable,
        own=computable & pl.when(known).then(_within(c, own_lo, own_hi, tol)).otherwise(either),
        others=computable & known & _within(c, other_lo, other_hi, tol),
        own_mid=pl.when(known).then(pl.mean_horizontal(own_lo, own_hi)).otherwise(pl.mean_horizontal(naik_lo, naik_hi)),
        agrees=(pl.col("kolom") == "capaian") & ((c - pl.col("capaian_data")).abs() <= tol).fill_null(False),
        other=other,
    )


def direction_and_percent(printed: pl.DataFrame) -> list[dict]:
    """capaian_direction: a printed capaian that the other direction's formula gives (and its own
    does not); percent_mismatch: a printed percentage its printed inputs do not give by any
    formula its indicator allows, unless it is what the data give (then the wrong cell is the
    printed realisasi or target, and their own rules say so)."""
    rows = []
    wrong = pl.col("checked") & ~pl.col("own") & (pl.col("others") | ~pl.col("agrees"))
    for r in printed.filter(wrong).iter_rows(named=True):  # failing cells only
        base = {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "tabel": r["label"], "kunci": r["indicator_id"], "kolom": r["kolom"],
                "actual": exact(r["nilai_capaian"])}
        values = {"tabel": r["label"], "tahun": r["tahun"], "indikator": r["indicator_id"], "capaian": r["nilai_terbit_capaian"],
                  "realisasi": r["nilai_terbit_realisasi"], "target": r["nilai_terbit_target"], "hitung": angka(r["own_mid"]),
                  "arah": r["arah"], "lain": r["other"], "apa": _percentage_word(r["kolom"]), "terhadap": _base_word(r["terhadap"])}
        allowance = (
            _("the realisasi taken as exact: a count, or what the formula gives from the data")
            if r["exact_realisasi"]
            else _("allowing for the rounding of the printed realisasi")
        )
        if r["others"]:
            better = _("lower is better") if r["arah"] == "turun" else _("higher is better")
            rows.append({**base, "rule": "capaian_direction", "expected": exact(r["own_mid"]), "message": _(
                "Tabel {tabel} ({tahun}): {indikator} prints {apa} {capaian}, which is the '{lain}' formula applied to "
                "its realisasi {realisasi} and {terhadap} {target}; the indicator is '{arah}' ({better}), which gives {hitung}% "
                "({allowance})."
            ).format(**values, better=better, allowance=allowance)})
        else:
            rows.append({**base, "rule": "percent_mismatch", "expected": exact(r["own_mid"]), "message": _(
                "Tabel {tabel} ({tahun}): {indikator} prints {apa} {capaian}, but its printed realisasi {realisasi} "
                "against {terhadap} {target} gives {hitung}% ({allowance})."
            ).format(**values, allowance=allowance)})
    return rows


def _percentage_word(kolom: str) -> str:
    return {
        "capaian": _("capaian"), "capaian_akhir": _("capaian against the Renstra's end target"),
        "persen_nasional": _("percentage of the national figure"), "persen_provinsi": _("percentage of the provincial figure"),
    }[kolom]


def _base_word(kolom: str) -> str:
    return {
        "target": _("target"), "target_akhir": _("the Renstra's end target"), "nasional": _("the national figure"),
        "provinsi": _("the provincial figure"),
    }[kolom]


def published_values(printed: pl.DataFrame, arithmetic: pl.DataFrame, computed: pl.DataFrame) -> list[dict]:
    """published_mismatch: a printed realisasi or capaian the data does not give, beyond half a
    unit of its printed precision; a number printed where the value is undefined also counts.
    A capaian that follows from its printed realisasi and target is no mistake of its own: the
    realisasi's finding names the one mistake. Where a measure has no value (data not yet in
    raw/), nothing can be compared: missing_data says so."""
    own = arithmetic.filter(pl.col("kolom") == "capaian").select(*ROW, "own")
    joined = printed.filter(pl.col("tabel").is_in(INDICATOR_TABLES)).join(own, on=ROW, how="left").join(
        computed.filter(~pl.col("data_kosong")).select(*KEY, "realisasi", "capaian", "keterangan"), on=KEY, how="inner"
    )
    differs = {
        kolom: (pl.col(kolom).is_null() & pl.col(f"nilai_{kolom}").is_not_null())
        | (pl.col(f"nilai_{kolom}") - pl.col(kolom)).abs().gt(half_unit(pl.col(f"desimal_{kolom}").fill_null(0))).fill_null(False)
        for kolom in ("realisasi", "capaian")
    }
    rows = []
    for kolom in ("realisasi", "capaian"):
        wrong = differs[kolom] & ~pl.col("own").fill_null(False) if kolom == "capaian" else differs[kolom]
        for r in joined.filter(wrong).iter_rows(named=True):  # failing cells only
            values = {"tabel": r["label"], "tahun": r["tahun"], "indikator": r["indicator_id"], "kolom": kolom,
                      "tercetak": r[f"nilai_terbit_{kolom}"], "keterangan": r["keterangan"], "hitung": angka(r[kolom])}
            message = (
                _("Tabel {tabel} ({tahun}): {indikator} prints {kolom} {tercetak}, but the value is {keterangan}.")
                if r[kolom] is None
                else _("Tabel {tabel} ({tahun}): {indikator} prints {kolom} {tercetak}, but the data give {hitung}.")
            )
            rows.append(
                {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "published_mismatch", "tabel": r["label"],
                 "kunci": r["indicator_id"], "kolom": kolom, "expected": exact(r[kolom]), "actual": exact(r[f"nilai_{kolom}"]),
                 "message": message.format(**values)}
            )
    return rows


def targets(printed: pl.DataFrame) -> list[dict]:
    """target_mismatch: a table printing another target than the Perjanjian Kinerja (the catalog)."""
    off = printed.filter(
        pl.col("tabel").is_in(INDICATOR_TABLES)
        & pl.col("nilai_target").is_not_null()
        & ((pl.col("nilai_target") - pl.col("target_katalog")).abs() > half_unit(pl.col("desimal_target").fill_null(0)))
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "target_mismatch", "tabel": r["label"],
         "kunci": r["indicator_id"], "kolom": "target", "expected": exact(r["target_katalog"]), "actual": exact(r["nilai_target"]),
         "message": _(
             "Tabel {tabel} ({tahun}) prints target {tercetak} for {indikator}, but the Perjanjian Kinerja {tahun} sets "
             "{katalog}; the same indicator must carry one target."
         ).format(tabel=r["label"], tahun=r["tahun"], tercetak=r["nilai_terbit_target"], indikator=r["indicator_id"],
                  katalog=angka(r["target_katalog"]))}
        for r in off.iter_rows(named=True)
    ]


def predikats(printed: pl.DataFrame, published: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """predikat_mismatch: a printed predikat its own printed capaian does not earn on the scale its
    word belongs to (skala.scale_of_words: the catalog's, the report's own, a known one); either
    side of a boundary the printed rounding straddles is accepted. predikat_scale_unknown: the
    words no scale defines, or two define differently, said once per report."""
    cells = printed.filter(
        pl.col("tabel").is_in(INDICATOR_TABLES) & pl.col("nilai_terbit_predikat").is_not_null() & pl.col("nilai_capaian").is_not_null()
    )
    scaled, unknown = skala.scale_of_words(cells, katalog, skala.printed_scales(published), ROW)
    key = [*ROW, "indicator_id"]
    tol = half_unit(pl.col("desimal_capaian").fill_null(0))
    low = predikat(scaled.with_columns(capaian=pl.col("nilai_capaian") - tol), key).rename({"predikat": "bawah"})
    both = predikat(low.with_columns(capaian=pl.col("nilai_capaian") + tol), key).rename({"predikat": "atas"})
    shown = pl.col("nilai_terbit_predikat").str.strip_chars().str.to_lowercase()
    off = both.filter((shown != pl.col("bawah").str.to_lowercase()) & (shown != pl.col("atas").str.to_lowercase()))
    rows = [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "predikat_mismatch", "tabel": r["label"],
         "kunci": r["indicator_id"], "kolom": "predikat", "expected": r["atas"], "actual": r["nilai_terbit_predikat"],
         "message": _(
             "Tabel {tabel} ({tahun}): {indikator} prints predikat '{tercetak}' for capaian {capaian}, which earns "
             "'{seharusnya}' on {skala}."
         ).format(tabel=r["label"], tahun=r["tahun"], indikator=r["indicator_id"], tercetak=r["nilai_terbit_predikat"],
                  capaian=r["nilai_terbit_capaian"], seharusnya=r["atas"], skala=skala.title(r["skala"]))}
        for r in off.iter_rows(named=True)
    ]
    return rows + [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "predikat_scale_unknown", "tabel": r["label"],
         "kunci": r["kata"], "expected": "", "actual": r["kata"],
         "message": _(
             "The report ({tahun}) prints predikat {kata}, which no scale defines (neither the catalog's, nor one the report "
             "prints, nor {dikenal}), or two define differently; these predikat were not checked. Print the scale in use "
             "(a skala_predikat table) or use the catalog's words."
         ).format(tahun=r["tahun"], kata=r["kata"], dikenal=skala.known_titles())}
        for r in unknown.iter_rows(named=True)
    ]


def zero_base(masukan: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """zero_base_growth: growth from a previous-year value of zero is undefined, not 100% or 3
    (read from the indicator's inputs, kinerja.realisasi_masukan: the measure at both years read)."""
    base = masukan.filter((pl.col("peran") == "ukuran_lalu") & (pl.col("nilai") == 0)).select(*KEY, "ukuran", tahun_lalu="tahun_data")
    now = masukan.filter(pl.col("peran") == "ukuran").select(*KEY, "nilai", tahun_kini="tahun_data")
    hits = base.join(now, on=KEY, how="left").join(katalog.select(*KEY, "jenis"), on=KEY, how="left")
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "zero_base_growth",
         "tabel": TABEL_OF_JENIS.get(r["jenis"], "3.1"), "kunci": r["indicator_id"], "expected": "",
         "actual": exact(r["nilai"]),
         "message": _(
             "{indikator}: {ukuran} was 0 in {lalu} and {nilai} in {tahun}; growth from zero is undefined, so realisasi "
             "and capaian stay empty. Report the count, or choose an indicator with a non-zero base."
         ).format(indikator=r["indicator_id"], ukuran=r["ukuran"], lalu=r["tahun_lalu"], nilai=angka(r["nilai"]), tahun=r["tahun_kini"])}
        for r in hits.iter_rows(named=True)
    ]


def missing_data(masukan: pl.DataFrame, katalog: pl.DataFrame) -> list[dict]:
    """missing_data: an indicator whose measure has no value for the year it reads (BPS has not
    published it yet, a file was not collected): realisasi, capaian and predikat stay empty. The
    measures without a value are the inputs' (kinerja.realisasi_masukan) empty `nilai`."""
    hits = (
        masukan.filter(pl.col("nilai").is_null())
        .group_by(KEY, maintain_order=True)
        .agg(keterangan=pl.col("keterangan").unique().sort().str.join("; "))
        .join(katalog.select(*KEY, "jenis"), on=KEY, how="left")
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


def findings(published: pl.DataFrame, katalog: pl.DataFrame, computed: pl.DataFrame, masukan: pl.DataFrame) -> pl.DataFrame:
    """All performance rules for the published cells of the given years (catalog and computed
    rows of the same years; `masukan`: the report year's kinerja.realisasi_masukan rows)."""
    printed = printed_indicators(published, katalog)
    arithmetic = with_arithmetic(printed, computed)
    this_year = computed.join(masukan.select(*KEY), on=KEY, how="semi")
    return one_per_cell(frame(
        direction_and_percent(arithmetic) + published_values(printed, arithmetic, computed) + targets(printed)
        + predikats(printed, published, katalog) + zero_base(masukan, katalog)
        + missing_data(masukan, katalog)
        + implausible_capaian(this_year, katalog) + capaian_outside_the_scale(this_year, katalog)
    ))
