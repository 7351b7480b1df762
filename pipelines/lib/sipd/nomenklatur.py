"""Coding budget lines that are named but not coded (monthly RFK workbooks print `Sub Kegiatan:
Penyediaan Bahan Logistik Kantor` and no code) by the national nomenclature of program, kegiatan
and sub kegiatan (`pipelines/reference/nomenklatur.csv`, built by scripts/make_nomenklatur.py
from the public lists in reference/sources/): Kepmendagri 050-5889 Tahun 2021 for fiscal years 2021
to 2023, 900.1.15.5-1317 Tahun 2023 from 2024. Budgets up to 2020 (Permendagri 13/2006) are read by
their printed codes only (reader._codes_13_2006). A line is matched in its year's version first, in
the other where that has no such name (a name both versions keep).

A name is matched within the urusan of its SKPD (from its SKPD code, else from its name: a Dinas
Koperasi, Usaha Mikro dan Tenaga Kerja holds 2.17 and 2.07), by a key that forgives the slips real
files carry: case, punctuation, line breaks and missing spaces (`PeraturanPerundang-undangan`),
and a `Sub Kegiatan:` prefix. Program Penunjang lines (`X.XX.01…` in the nomenclature) are coded
under the SKPD's first urusan, as SIPD codes them. A name that fits several codes, or none, is a
problem naming the candidates.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib import resources

import polars as pl

from schemas.pesan import _
from schemas.sipd import TAHUN_13_2006

PENUNJANG = "X.XX"
CODES_FILE = "kode_sub_kegiatan.csv"  # a steward's codes for names: raw/sipd/kode_sub_kegiatan.csv (uraian,kode)
# Each version and the last fiscal year it is the one in force for.
VERSI = (("050-5889/2021", 2023), ("900.1.15.5-1317/2023", 9999))


def versi_sql(tahun: str) -> str:
    """versi_of in SQL, for DuckDB."""
    cases = " ".join(f"WHEN {tahun} <= {last} THEN '{versi}'" for versi, last in VERSI[:-1])
    return f"CASE WHEN {tahun} <= {TAHUN_13_2006} THEN NULL {cases} ELSE '{VERSI[-1][0]}' END"


def versi_of(tahun: pl.Expr) -> pl.Expr:
    """The nomenclature version in force for a fiscal year; none up to 2020 (Permendagri 13/2006
    coded those budgets: a name of a 2021 list would be a guess)."""
    expr = pl.lit(VERSI[-1][0])
    for versi, last in reversed(VERSI[:-1]):
        expr = pl.when(tahun <= last).then(pl.lit(versi)).otherwise(expr)
    return pl.when(tahun > TAHUN_13_2006).then(expr)
_PREFIX = r"(?i)^\s*(sub\s*-?\s*kegiatan|subkegiatan|kegiatan|program)\s*[:.\-]?\s*"


def name_key(name: pl.Expr) -> pl.Expr:
    """What names a line: letters and digits only, lower case, without a `Sub Kegiatan:` prefix,
    `Kab/Kota` written out."""
    text = name.str.replace(_PREFIX, "").str.to_lowercase()
    text = text.str.replace_all(r"\bkab\s*/\s*kota\b", "kabupaten/kota").str.replace_all(r"\bkab\.\s*", "kabupaten ")
    return text.str.replace_all(r"[^a-z0-9]", "")


def name_variants(name: pl.Expr) -> list[pl.Expr]:
    """Keys to try, in order: the whole name; its first line (a wrapped name whose next lines
    repeat parts of it); without a trailing remark in brackets ('… pada SKPD (Dinas Pendidikan
    Kota Banjarmasin)')."""
    first_line = name.str.split("\n").list.first()
    bare = name.str.replace(r"\s*\([^()]*\)\s*$", "")
    return [name_key(name), name_key(first_line), name_key(bare), name_key(bare.str.split("\n").list.first())]


@cache
def nomenklatur() -> pl.DataFrame:
    """versi, kode, level (bidang, program, kegiatan, sub_kegiatan), nama and its key, bidang (U.BB)."""
    path = resources.files("pipelines") / "reference" / "nomenklatur.csv"
    with resources.as_file(path) as p:
        table = pl.read_csv(p, infer_schema=False)
    return table.with_columns(kunci=name_key(pl.col("nama")), bidang=pl.col("kode").str.slice(0, 4))


def names_in_force() -> pl.DataFrame:
    """versi (the version in force), kode, nama: every code's name as the version in force for a
    year names it, else as another version does (a code that version dropped or not yet had)."""
    table = nomenklatur().select("versi", "kode", "nama")
    wanted = pl.DataFrame({"versi": [v for v, _last in VERSI]})
    own_first = pl.when(pl.col("versi_nama") == pl.col("versi")).then(0).otherwise(1)
    return (
        wanted.join(table.rename({"versi": "versi_nama"}), how="cross")
        .sort("versi", "kode", own_first, "versi_nama")
        .unique(["versi", "kode"], keep="first", maintain_order=True)
        .select("versi", "kode", "nama")
    )


def _bidang_words(name: pl.Expr) -> pl.Expr:
    return name.str.to_lowercase().str.replace(r"^urusan pemerintahan bidang ", "").str.replace_all(r"[^a-z0-9 ]", " ")


@cache
def _bidang_keys() -> dict[str, str]:
    """bidang code → the first two words of its name, as a dinas's name carries them
    ('koperasi usaha' of KOPERASI, USAHA KECIL, DAN MENENGAH; 'tenaga kerja')."""
    bidang = nomenklatur().filter(pl.col("level") == "bidang")
    words = bidang.select("kode", w=_bidang_words(pl.col("nama")).str.split(" ").list.eval(
        pl.element().filter((pl.element() != "") & (pl.element() != "dan"))).list.head(2).list.join(" "))
    return dict(words.iter_rows())


def bidang_of_skpd(kode_skpd: str | None, nama_skpd: str | None) -> list[str]:
    """The urusan (U.BB) an SKPD holds, in its order: from its code (`2.17.2.07.0.00.01.0000` holds
    2.17 then 2.07), else from the bidang names its name carries, in the order they appear."""
    if kode_skpd:
        parts = kode_skpd.split(".")
        pairs = [f"{parts[i]}.{parts[i + 1]}" for i in (0, 2, 4) if i + 1 < len(parts)]
        found = [p for p in pairs if p not in ("0.00",) and not p.startswith("0.")]
        if found:
            return found
    text = " " + " ".join("".join(ch if ch.isalnum() else " " for ch in (nama_skpd or "").lower()).split()) + " "
    hits = [(text.find(f" {words} "), kode) for kode, words in _bidang_keys().items() if words and f" {words} " in text]
    return [kode for _pos, kode in sorted(hits)]


def kegiatan_of_region(kode_wilayah: pl.Expr) -> pl.Expr:
    """The kegiatan kinds (the code's 4th segment) a region's budget uses: 1 a province's, 2 a
    kabupaten/kota's; 3 and 4 the same under Papua's special autonomy (provinces 91–96)."""
    papua = kode_wilayah.str.slice(0, 2).is_in(["91", "92", "93", "94", "95", "96"])
    kabupaten = kode_wilayah.str.contains(".", literal=True)
    return (
        pl.when(kabupaten & papua).then(pl.lit(["2", "4"])).when(kabupaten).then(pl.lit(["2"]))
        .when(papua).then(pl.lit(["1", "3"])).otherwise(pl.lit(["1"]))
    )


def code_by_name(lines: pl.DataFrame) -> pl.DataFrame:
    """For lines (row id `baris`, `uraian`, `judul`: the heading above it, `bidang`: list of the
    SKPD's urusan, `kode_wilayah`, `tahun`), the nomenclature's sub kegiatan code: columns baris,
    kode (null when none or several fit), calon (the candidates, for a problem). The year's
    version counts first (versi_of), the other only for a name the year's does not have; only the
    kegiatan kinds of the region's level count (kegiatan_of_region). A name is tried whole, then as
    its first line, then without a trailing remark in brackets; among several codes, those under
    the kegiatan its heading names win. Program Penunjang is coded under the SKPD's first urusan."""
    table = nomenklatur()
    subs = table.filter(pl.col("level") == "sub_kegiatan").select("kunci", "kode", "versi", bidang_kode="bidang")
    kegiatan = table.filter(pl.col("level") == "kegiatan").select("versi", judul_kunci="kunci", kegiatan="kode").unique(["judul_kunci", "kegiatan"])
    found = None
    for attempt, key in enumerate(name_variants(pl.col("uraian"))):
        keyed = lines.select(
            "baris", "bidang", kunci=key, judul_kunci=name_key(pl.col("judul").fill_null("")),
            jenis=kegiatan_of_region(pl.col("kode_wilayah")), versi_tahun=versi_of(pl.col("tahun")),
        )
        matched = (
            keyed.join(subs, on="kunci", how="inner")
            .filter((pl.col("bidang_kode") == PENUNJANG) | pl.col("bidang").list.contains(pl.col("bidang_kode")) | (pl.col("bidang").list.len() == 0))
            .filter(pl.col("jenis").list.contains(pl.col("kode").str.slice(8, 1)))
            # the year's version where it has the name, else the other
            .filter((pl.col("versi") == pl.col("versi_tahun")) | ~(pl.col("versi") == pl.col("versi_tahun")).any().over("baris"))
            .join(kegiatan.drop("versi"), on="judul_kunci", how="left")
            .with_columns(
                kode=pl.when(pl.col("bidang_kode") == PENUNJANG)
                .then(pl.concat_str(pl.col("bidang").list.first(), pl.col("kode").str.slice(4)))
                .otherwise(pl.col("kode")),
                under=pl.col("kode").str.slice(0, 12) == pl.col("kegiatan"),
            )
            .group_by("baris")
            .agg(pl.col("kode").unique().sort().alias("semua"), pl.col("kode").filter(pl.col("under")).unique().sort().alias("di_bawah"))
            .select("baris", calon=pl.when(pl.col("di_bawah").list.len() > 0).then("di_bawah").otherwise("semua"), percobaan=pl.lit(attempt))
        )
        found = matched if found is None else pl.concat([found, matched.join(found, on="baris", how="anti")])
    result = lines.select("baris").join(found, on="baris", how="left", maintain_order="left")
    return result.with_columns(
        kode=pl.when(pl.col("calon").list.len() == 1).then(pl.col("calon").list.first()),
        calon=pl.col("calon").fill_null([]),
    ).drop("percobaan")


def nearest(uraian: str, bidang: list[str], versi: str, n: int = 3) -> list[str]:
    """The sub kegiatan of a version whose names come closest, for a line no name fits (said in
    its problem)."""
    subs = nomenklatur().filter((pl.col("level") == "sub_kegiatan") & (pl.col("versi") == versi))
    if bidang:
        subs = subs.filter(pl.col("bidang").is_in([*bidang, PENUNJANG]))
    names = {nama.lower(): (kode, nama) for nama, kode in zip(subs.get_column("nama").to_list(), subs.get_column("kode").to_list(), strict=True)}
    close = difflib.get_close_matches(uraian.lower(), list(names), n=n, cutoff=0.5)
    return [f"{names[c][0]} {names[c][1]}" for c in close]


def not_coded(uraian: str, bidang: list[str], calon: list[str], tahun: int) -> str:
    """The problem of a line the nomenclature codes in no or several ways."""
    if calon:
        return _("this name fits several sub kegiatan of the nomenclature ({calon}); write its code in raw/sipd/{file}").format(
            calon=", ".join(calon), file=CODES_FILE)
    versi = pl.select(versi_of(pl.lit(tahun))).item()
    near = nearest(uraian, bidang, versi)
    return _(
        "no sub kegiatan of the national nomenclature (Kepmendagri {versi}, in force for {tahun}) has this name{bidang}; "
        "closest: {near}; write its code in raw/sipd/{file}"
    ).format(versi=versi, tahun=tahun, bidang=_(" within urusan {bidang}").format(bidang=", ".join(bidang)) if bidang else "",
             near="; ".join(near) or "-", file=CODES_FILE)
