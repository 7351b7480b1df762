"""Budget rules: printed subtotals against their children, printed percentages against their
amounts, published Tabel 3.6/3.7 amounts against the SIPD data."""

from __future__ import annotations

import os

import duckdb
import polars as pl

from schemas.pesan import _
from pipelines.lib.anggaran.rollup import SEGMENTS, TOTAL, rollup
from pipelines.lib.reviu.temuan import angka, decimals_shown, exact, frame, half_unit, one_per_cell
from schemas.published import BULAN
from schemas.sipd import DIHITUNG, TIDAK_DIHITUNG, coded_13_2006, is_data, program_13_2006

AMOUNTS = {"pagu": "pagu", "realisasi": "realisasi keuangan"}
PRINTED = {"pagu": "pagu", "realisasi": "realisasi_keuangan"}  # the printed column of each amount
CHILD = {TOTAL: "program", "program": "kegiatan", "kegiatan": "sub kegiatan"}
JUMLAH = "JUMLAH"
TABEL_37 = "realisasi_anggaran"  # the published table kind of Tabel 3.7
_data = is_data(pl.col("level"), pl.col("tahun"))  # sub kegiatan; a 13/2006 budget's kegiatan


def _kunci(kode: str) -> str:
    return kode or JUMLAH


def _explanation(kolom: str, gap: float, child: dict) -> str:
    """Name the child whose amount is exactly the gap: the usual cause is a line left out (or
    counted twice) when the subtotal was typed."""
    if child["child_kode"] is None:
        return ""
    message = (
        _(" The difference is exactly the {jumlah} of {kode} {uraian} ({nilai}): it looks left out of the printed subtotal.")
        if gap > 0
        else _(" The difference is exactly the {jumlah} of {kode} {uraian} ({nilai}): it looks counted twice in the printed subtotal.")
    )
    return message.format(jumlah=AMOUNTS[kolom], kode=child["child_kode"], uraian=child["child_uraian"] or "", nilai=angka(child["child_amount"]))


def _subtotal_findings(
    printed: pl.DataFrame, children: pl.DataFrame, where: str, tabel: str, tolerance: pl.Expr
) -> list[dict]:
    """printed: one row per parent (level, kode, uraian, pagu, realisasi, + scope columns);
    children: (parent_kode, level, kode, uraian, pagu, realisasi) with the same scope columns.
    A parent differing from the sum of its children (same region, year and scope) beyond
    `tolerance` is a finding; a child whose amount is exactly the gap is named."""
    key = ["kode_wilayah", "tahun", *(c for c in ("scope", "label") if c in printed.columns)]
    sums = children.group_by([*key, "parent_kode"]).agg(pl.col("pagu").sum().alias("sum_pagu"), pl.col("realisasi").sum().alias("sum_realisasi"))
    joined = printed.join(sums, left_on=[*key, "kode"], right_on=[*key, "parent_kode"], how="inner").with_columns(tol=tolerance)
    rows = []
    for kolom in AMOUNTS:
        off = (
            joined.filter((pl.col(kolom) - pl.col(f"sum_{kolom}")).abs() > pl.col("tol"))
            .with_columns(gap=pl.col(f"sum_{kolom}") - pl.col(kolom))
            .with_row_index("finding")
        )
        exact_child = (
            off.select("finding", *key, "kode", "gap")
            .join(
                children.select(*key, "parent_kode", child_kode="kode", child_uraian="uraian", child_amount=kolom),
                left_on=[*key, "kode"], right_on=[*key, "parent_kode"], how="inner",
            )
            .filter((pl.col("gap").abs() - pl.col("child_amount")).abs() < 0.5)
            .group_by("finding", maintain_order=True)
            .first()
            .select("finding", "child_kode", "child_uraian", "child_amount")
        )
        for rec in off.join(exact_child, on="finding", how="left").iter_rows(named=True):  # the mismatching subtotals only
            gap = rec["gap"]
            name = JUMLAH if rec["level"] == TOTAL else f"{rec['level'].replace('_', ' ')} {rec['kode']} {rec.get('uraian') or ''}".rstrip()
            rows.append(
                {
                    "kode_wilayah": rec["kode_wilayah"], "tahun": rec["tahun"], "rule": "subtotal_mismatch", "tabel": rec.get("label") or tabel,
                    "kunci": _kunci(rec["kode"]), "kolom": PRINTED[kolom], "expected": exact(rec[f"sum_{kolom}"]), "actual": exact(rec[kolom]),
                    "message": _(
                        "{where}: the {jumlah} printed for {baris} is {tercetak}, but its {anak} lines sum to {hitung} "
                        "(difference {selisih})."
                    ).format(where=where.format(tabel=rec.get("label")) + rec.get("where", ""), jumlah=AMOUNTS[kolom], baris=name, tercetak=angka(rec[kolom]),
                             anak=CHILD[rec["level"]], hitung=angka(rec[f"sum_{kolom}"]), selisih=angka(gap))
                    + _explanation(kolom, gap, rec),
                }
            )
    return rows


DOCUMENT = ["kode_wilayah", "tahun", "skpd", "kode_unit", "jenis_dokumen", "tanggal_keadaan", "periode"]


def sipd_subtotals(sub_kegiatan: pl.DataFrame, printed: pl.DataFrame) -> list[dict]:
    """Each SIPD workbook's printed program, kegiatan and JUMLAH lines against the sums of the
    sub kegiatan lines of the same workbook."""
    scope = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in DOCUMENT[2:]], separator="|").alias("scope")
    with duckdb.connect() as conn:  # one year's workbooks: small, summed by the same rollup as Tabel 3.7
        conn.register("lines", sub_kegiatan.to_arrow())
        tree = conn.sql(f"SELECT * FROM {rollup('lines', DOCUMENT, [TOTAL, *SEGMENTS])}").pl().drop("uraian")
    names = pl.concat([sub_kegiatan.select("kode", "uraian"), printed.select("kode", "uraian")]).unique("kode", keep="first")
    children = (
        tree.filter(pl.col("level") != "urusan")
        .join(names, on="kode", how="left")
        .with_columns(scope, parent_kode=pl.when(pl.col("level") == "program").then(pl.lit("")).otherwise(pl.col("parent_kode")))
        .filter(pl.col("level") != TOTAL)
    )
    parents = printed.with_columns(
        scope, where=pl.format(" ({} {}, {}, {})", pl.coalesce("kode_skpd", "skpd"), "jenis_dokumen", "periode", "source_file")
    )
    return _subtotal_findings(parents, children, _("SIPD export"), "SIPD", pl.lit(0.5))


def _printed_37(published: pl.DataFrame) -> pl.DataFrame:
    """Published Tabel 3.7 as rows: kode, level, parent, pagu, realisasi, persen and decimals."""
    cells = published.filter(pl.col("tabel") == TABEL_37)
    kode = pl.when(pl.col("kunci") == JUMLAH).then(pl.lit("")).otherwise(pl.col("kunci"))
    segments = kode.str.split(".").list.len()
    # a 13/2006 table (up to 2020): its deepest codes are the kegiatan, the shorter ones programs
    deepest = pl.when(kode != "").then(segments).max().over("kode_wilayah", "tahun")
    lama = coded_13_2006(pl.col("tahun"))
    level = (
        pl.when(kode == "").then(pl.lit(TOTAL))
        .when(lama).then(pl.when(segments == deepest).then(pl.lit("kegiatan")).otherwise(pl.lit("program")))
        .when(segments == 3).then(pl.lit("program"))
        .when(segments == 5).then(pl.lit("kegiatan")).otherwise(pl.lit("sub_kegiatan"))
    )
    parent = (
        pl.when(level == "program").then(pl.lit(""))
        .when(lama & (level == "kegiatan")).then(program_13_2006(kode))
        .when(level == "kegiatan").then(kode.str.split(".").list.slice(0, 3).list.join("."))
        .when(level == "sub_kegiatan").then(kode.str.split(".").list.slice(0, 5).list.join("."))
    )
    wide = cells.pivot(on="kolom", index=["kode_wilayah", "tahun", "label", "kunci"], values=["nilai", "desimal"])
    for kolom in ("pagu", "realisasi_keuangan", "persen_keuangan", *BULAN):
        for part in ("nilai", "desimal"):
            if f"{part}_{kolom}" not in wide.columns:
                wide = wide.with_columns(pl.lit(None, pl.Float64 if part == "nilai" else pl.Int32).alias(f"{part}_{kolom}"))
    return wide.with_columns(kode=kode, level=level, parent_kode=parent).select(
        "kode_wilayah", "tahun", "label", "kode", "level", "parent_kode",
        pagu="nilai_pagu", realisasi="nilai_realisasi_keuangan", persen="nilai_persen_keuangan",
        desimal_rp=pl.max_horizontal(pl.col("desimal_pagu"), pl.col("desimal_realisasi_keuangan")).fill_null(0),
        desimal_persen=pl.col("desimal_persen_keuangan").fill_null(0),
        bulan=pl.concat_list(f"nilai_{b}" for b in BULAN).list.drop_nulls(),
    )


def published_subtotals(published: pl.DataFrame, names: pl.DataFrame) -> list[dict]:
    """Published Tabel 3.7: each printed program, kegiatan and JUMLAH against its printed children."""
    table = _printed_37(published).join(names, on="kode", how="left").with_columns(uraian=pl.coalesce("uraian", pl.lit("")))
    parents = table.filter(~_data)
    children = table.filter(pl.col("parent_kode").is_not_null())
    return _subtotal_findings(parents, children, _("Published Tabel {tabel}"), "3.7", half_unit(pl.col("desimal_rp")))


def published_months(published: pl.DataFrame) -> list[dict]:
    """Published budget lines with a realisasi column per month: the months sum to the printed
    realisasi, or, printed as realisasi up to each month, the last month equals it."""
    table = _printed_37(published).filter((pl.col("bulan").list.len() > 0) & pl.col("realisasi").is_not_null())
    tol = half_unit(pl.col("desimal_rp"))
    off = table.with_columns(jumlah=pl.col("bulan").list.sum(), akhir=pl.col("bulan").list.last()).filter(
        ((pl.col("jumlah") - pl.col("realisasi")).abs() > tol * pl.col("bulan").list.len())
        & ((pl.col("akhir") - pl.col("realisasi")).abs() > tol)
    )
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "subtotal_mismatch", "tabel": r["label"], "kunci": _kunci(r["kode"]),
         "kolom": "realisasi_keuangan", "expected": exact(r["jumlah"]), "actual": exact(r["realisasi"]),
         "message": _(
             "Published Tabel {tabel}: the realisasi keuangan printed for {kunci} is {tercetak}, but its monthly columns sum to "
             "{jumlah} and the last month shows {akhir}."
         ).format(tabel=r["label"], kunci=_kunci(r["kode"]), tercetak=angka(r["realisasi"]), jumlah=angka(r["jumlah"]), akhir=angka(r["akhir"]))}
        for r in off.iter_rows(named=True)
    ]


def _percent_findings(off: pl.DataFrame, tabel: str, printed: str, message: str, decimals: str | None = None, **where: str) -> list[dict]:
    """percent_mismatch findings for rows (kode, `printed` percentage, realisasi, pagu and the
    recomputed `hitung`); `message` names {kunci}, {tercetak}, {realisasi}, {pagu}, {hitung} and
    the `where` placeholders, each filled from the row column named by its value."""
    return [
        {
            "kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "percent_mismatch", "tabel": r.get("label") or tabel,
            "kunci": _kunci(r["kode"]), "kolom": "persen_keuangan", "expected": exact(r["hitung"]), "actual": exact(r[printed]),
            "message": message.format(
                kunci=_kunci(r["kode"]), tercetak=angka(r[printed], r[decimals] if decimals else None), realisasi=angka(r["realisasi"]),
                pagu=angka(r["pagu"]), hitung=angka(r["hitung"]), tabel=r.get("label") or tabel, **{k: r[v] for k, v in where.items()},
            ),
        }
        for r in off.iter_rows(named=True)
    ]


def _recomputed() -> pl.Expr:
    return pl.when(pl.col("pagu") != 0).then(pl.col("realisasi") * 100 / pl.col("pagu"))


def sipd_percentages(lines: pl.DataFrame) -> list[dict]:
    """Printed realisasi keuangan (%) of every SIPD line against its own printed amounts."""
    off = lines.filter(pl.col("persen_keuangan").is_not_null()).with_columns(hitung=_recomputed()).filter(
        (pl.col("hitung") - pl.col("persen_keuangan")).abs() > half_unit(decimals_shown(pl.col("persen_keuangan")))
    )
    message = _(
        "SIPD export ({dokumen}, {periode}, {berkas} row {baris}): {kunci} prints realisasi keuangan {tercetak}%, "
        "but {realisasi} of {pagu} is {hitung}%."
    )
    return _percent_findings(off, "SIPD", "persen_keuangan", message, dokumen="jenis_dokumen", periode="periode",
                             berkas="source_file", baris="source_row")


def published_percentages(published: pl.DataFrame) -> list[dict]:
    """Published Tabel 3.7 percentages against the amounts printed on the same line."""
    table = _printed_37(published).with_columns(hitung=_recomputed())
    off = table.filter(pl.col("persen").is_not_null() & ((pl.col("hitung") - pl.col("persen")).abs() > half_unit(pl.col("desimal_persen"))))
    message = _("Published Tabel {tabel}: {kunci} prints {tercetak}%, but its printed realisasi {realisasi} of pagu {pagu} is {hitung}%.")
    return _percent_findings(off, "3.7", "persen", message, decimals="desimal_persen")


def published_bare_percentages(published: pl.DataFrame) -> list[dict]:
    """Published Tabel 3.7: a program, kegiatan or JUMLAH line printed with a percentage only (no
    amounts) against the sums of the sub kegiatan lines (13/2006: kegiatan) printed under it."""
    table = _printed_37(published)
    bare = table.filter(~_data & pl.col("persen").is_not_null() & (pl.col("pagu").is_null() | pl.col("realisasi").is_null()))
    leaves = table.filter(_data & pl.col("pagu").is_not_null() & pl.col("realisasi").is_not_null())
    sums = (
        bare.select("kode_wilayah", "tahun", "label", "kode", "persen", "desimal_persen")
        .join(leaves.select("kode_wilayah", "tahun", "label", leaf="kode", pagu_leaf="pagu", realisasi_leaf="realisasi"), on=["kode_wilayah", "tahun", "label"])
        .filter((pl.col("kode") == "") | pl.col("leaf").str.starts_with(pl.col("kode") + "."))
        .group_by("kode_wilayah", "tahun", "label", "kode", "persen", "desimal_persen")
        .agg(pagu=pl.col("pagu_leaf").sum(), realisasi=pl.col("realisasi_leaf").sum())
        .with_columns(hitung=_recomputed())
    )
    off = sums.filter((pl.col("hitung") - pl.col("persen")).abs() > half_unit(pl.col("desimal_persen"))).sort("kode_wilayah", "tahun", "kode")
    message = _(
        "Published Tabel {tabel}: {kunci} prints only {tercetak}%, but the sub kegiatan lines printed under it sum to "
        "realisasi {realisasi} of pagu {pagu}, {hitung}%."
    )
    return _percent_findings(off, "3.7", "persen", message, decimals="desimal_persen")


def published_amounts(published: pl.DataFrame, tree: pl.DataFrame) -> list[dict]:
    """Published sub kegiatan amounts (Tabel 3.7) and program amounts (Tabel 3.6) against the
    SIPD data of the year's latest quarter (subtotal lines are the subtotal rule's)."""
    if tree.is_empty():
        return []
    latest = tree.filter(pl.col("periode") == pl.col("periode").max().over("kode_wilayah", "tahun"))
    data = latest.select("kode_wilayah", "tahun", "periode", "kode", "uraian", "level", pagu_data="pagu", realisasi_data="realisasi")
    rows = []
    for tabel, level in ((TABEL_37, _data), ("capaian_program", pl.col("level") == "program")):
        cells = published.filter((pl.col("tabel") == tabel) & pl.col("kolom").is_in(["pagu", "realisasi_keuangan"]) & pl.col("nilai").is_not_null())
        joined = cells.join(
            data.filter(level), left_on=["kode_wilayah", "tahun", "kunci"], right_on=["kode_wilayah", "tahun", "kode"], how="inner"
        ).with_columns(
            data=pl.when(pl.col("kolom") == "pagu").then(pl.col("pagu_data")).otherwise(pl.col("realisasi_data"))
        )
        off = joined.filter((pl.col("nilai") - pl.col("data")).abs() > half_unit(pl.col("desimal")))
        for r in off.iter_rows(named=True):
            kolom = "pagu" if r["kolom"] == "pagu" else "realisasi"
            rows.append(
                {
                    "kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "published_mismatch", "tabel": r["label"],
                    "kunci": r["kunci"], "kolom": r["kolom"], "expected": exact(r["data"]), "actual": exact(r["nilai"]),
                    "message": _(
                        "Published Tabel {tabel}: the {jumlah} of {kunci} {uraian} is printed {tercetak}, but SIPD ({periode}) gives {data}."
                    ).format(tabel=r["label"], jumlah=AMOUNTS[kolom], kunci=r["kunci"], uraian=r["uraian"] or "",
                             tercetak=r["nilai_terbit"], periode=r["periode"], data=angka(r["data"])),
                }
            )
    return rows


def realisasi_tolerance() -> float:
    """How far a sub kegiatan's realisasi may exceed its pagu before it is a finding
    (LKJIP_TOLERANSI_REALISASI, default 1.0: any overspending)."""
    return float(os.environ.get("LKJIP_TOLERANSI_REALISASI", "1.0"))


def realisasi_over_pagu(tree: pl.DataFrame) -> list[dict]:
    """Sub kegiatan of the document in effect (DPPA over DPA) whose realisasi to date exceeds
    its pagu: spending beyond the budget, or a typing error in SIPD."""
    if tree.is_empty():
        return []
    factor = realisasi_tolerance()
    latest = tree.filter(pl.col("periode") == pl.col("periode").max().over("kode_wilayah", "tahun"))
    over = latest.filter(_data & (pl.col("realisasi") > pl.col("pagu") * factor))
    return [
        {
            "kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "realisasi_over_pagu", "tabel": "3.7",
            "kunci": r["kode"], "expected": exact(r["pagu"] * factor), "actual": exact(r["realisasi"]),
            "message": _(
                "SIPD ({periode}): {kode} {uraian} has realisasi {realisasi} against a pagu of {pagu} ({persen}%), above "
                "the tolerance of {faktor} × pagu (LKJIP_TOLERANSI_REALISASI)."
            ).format(periode=r["periode"], kode=r["kode"], uraian=r["uraian"] or "", realisasi=angka(r["realisasi"]),
                     pagu=angka(r["pagu"]), persen=angka(r["persen_keuangan"]), faktor=f"{factor:g}"),
        }
        for r in over.iter_rows(named=True)
    ]


def hidden_rows(lines: pl.DataFrame) -> list[dict]:
    """hidden_rows: budget lines held in rows Excel hides that carry amounts, each with what was
    decided (the printed subtotal above them includes them, so they count; or none does, so they
    are left out: sipd.tersembunyi). `lines`: the raw budget lines holding hidden rows."""
    carrying = lines.filter(
        pl.col("tersembunyi").is_not_null() & _data
        & ((pl.col("pagu_tersembunyi").fill_null(0) != 0) | (pl.col("realisasi_tersembunyi").fill_null(0) != 0))
    ).sort("kode_wilayah", "source_file", "source_sheet", "source_row")
    decided = {
        DIHITUNG: _("counted: the printed subtotal above them includes them. Unhide them so the sheet shows what it sums."),
        TIDAK_DIHITUNG: _("left out: no printed subtotal above them includes them. If they belong to the budget, unhide them "
                          "and correct the subtotals; if not, delete them."),
    }
    return [
        {"kode_wilayah": r["kode_wilayah"], "tahun": r["tahun"], "rule": "hidden_rows", "tabel": "SIPD", "kunci": _kunci(r["kode"]),
         "kolom": None, "expected": "", "actual": angka(r["pagu_tersembunyi"] or r["realisasi_tersembunyi"]),
         "message": _(
             "{berkas}, sheet '{lembar}': hidden rows {baris} ({kode} {uraian}) carry pagu {pagu} and realisasi {realisasi}; {keputusan}"
         ).format(berkas=r["source_file"], lembar=r["source_sheet"], baris=r["baris_tersembunyi"], kode=r["kode"], uraian=r["uraian"],
                  pagu=angka(r["pagu_tersembunyi"]), realisasi=angka(r["realisasi_tersembunyi"]), keputusan=decided[r["tersembunyi"]])}
        for r in carrying.iter_rows(named=True)
    ]


def findings(
    published: pl.DataFrame, sub_kegiatan: pl.DataFrame, printed: pl.DataFrame, tree: pl.DataFrame, hidden: pl.DataFrame
) -> pl.DataFrame:
    names = pl.concat([tree.select("kode", "uraian"), printed.select("kode", "uraian")]).unique("kode", keep="first")
    rows = (
        sipd_subtotals(sub_kegiatan, printed)
        + published_subtotals(published, names)
        + sipd_percentages(pl.concat([sub_kegiatan, printed], how="diagonal_relaxed"))
        + published_percentages(published)
        + published_bare_percentages(published)
        + published_months(published)
        + published_amounts(published, tree)
        + realisasi_over_pagu(tree)
        + hidden_rows(hidden)
    )
    return one_per_cell(frame(rows))
