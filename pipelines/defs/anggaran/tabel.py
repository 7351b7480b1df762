"""Tabel 3.7 (budget realization per program, kegiatan, sub kegiatan), absorption, revisions."""

from __future__ import annotations

import polars as pl

from pipelines.defs.anggaran.rollup import TOTAL, rollup
from pipelines.defs.anggaran.versions import reported_documents

TREE_LEVELS = [TOTAL, "program", "kegiatan", "sub_kegiatan"]
BY = ["kode_wilayah", "tahun", "periode"]
TREE_COLUMNS = [*BY, "level", "kode", "parent_kode", "uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik", "sumber"]


def persen(part: str, whole: str) -> pl.Expr:
    return pl.when(pl.col(whole) != 0).then(pl.col(part) * 100 / pl.col(whole))


def realisasi_anggaran(sub_kegiatan: pl.LazyFrame, printed: pl.LazyFrame) -> pl.DataFrame:
    """The budget tree of one region and quarter: sums of the reported sub kegiatan lines
    (DPPA over DPA), every SKPD of the region together, in the order Tabel 3.7 prints it.

    Names of programs and kegiatan come from the printed subtotal rows (their amounts do not)."""
    lines = reported_documents(sub_kegiatan)
    tree = rollup(lines, BY, TREE_LEVELS)
    names = (
        pl.concat([lines.select("kode", "uraian"), printed.filter(pl.col("level") != TOTAL).select("kode", "uraian")])
        .unique(subset="kode", keep="first", maintain_order=True)
    )
    return (
        tree.join(names, on="kode", how="left")
        .with_columns(
            uraian=pl.when(pl.col("level") == TOTAL).then(pl.lit("JUMLAH")).otherwise(pl.col("uraian")),
            persen_keuangan=persen("realisasi", "pagu"),
        )
        .sort(pl.col("level") == TOTAL, "kode")
        .select(TREE_COLUMNS)
        .collect()
    )


def serapan(tree: pl.DataFrame) -> pl.DataFrame:
    """Absorption per program and quarter (and the total): pagu, realisasi to date, sisa anggaran."""
    return tree.filter(pl.col("level").is_in(["program", TOTAL])).select(
        *BY, "level", "kode", "uraian", "pagu", "realisasi",
        sisa_anggaran=pl.col("pagu") - pl.col("realisasi"),
        persen=persen("realisasi", "pagu"),
    )


def perubahan_pagu(sub_kegiatan: pl.LazyFrame) -> pl.DataFrame:
    """Pagu before (DPA) and after (DPPA) the revision, per sub kegiatan, where one SKPD's same
    cut-off arrived in both versions: the DPA stays queryable next to the reported DPPA. A sub
    kegiatan added or dropped by the revision shows with the other side empty."""
    document = ["kode_wilayah", "tahun", "kode_skpd", "tanggal_keadaan", "periode"]
    key = [*document, "kode"]
    dpa = sub_kegiatan.filter(pl.col("jenis_dokumen") == "DPA")
    dppa = sub_kegiatan.filter(pl.col("jenis_dokumen") == "DPPA")
    both = dpa.select(document).unique().join(dppa.select(document).unique(), on=document)
    return (
        dpa.select(*key, "uraian", pagu_dpa="pagu")
        .join(dppa.select(*key, uraian_dppa="uraian", pagu_dppa="pagu"), on=key, how="full", coalesce=True)
        .join(both, on=document, how="semi")
        .with_columns(
            uraian=pl.coalesce("uraian_dppa", "uraian"),
            selisih=pl.col("pagu_dppa").fill_null(0) - pl.col("pagu_dpa").fill_null(0),
        )
        .select(*key, "uraian", "pagu_dpa", "pagu_dppa", "selisih")
        .sort(key)
        .collect()
    )
