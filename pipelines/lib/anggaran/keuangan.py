"""Tabel 3.7 (budget realization per program, kegiatan, sub kegiatan), absorption, revisions."""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.lib.anggaran.rollup import SUB_KEGIATAN, TOTAL, numbered, place, rollup
from pipelines.lib.anggaran.versions import reported_documents
from pipelines.lib.sipd.nomenklatur import PENUNJANG, names_in_force, versi_sql

TREE_LEVELS = [TOTAL, "program", "kegiatan", SUB_KEGIATAN]
BY = ["kode_wilayah", "tahun", "periode"]
TREE_COLUMNS = [*BY, "level", "kode", "parent_kode", "uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik", "sumber"]


def in_tree_order(tree: pl.DataFrame) -> pl.DataFrame:
    """Region, year, quarter; within a quarter the order Tabel 3.7 prints: codes in order (a
    program before its kegiatan before their sub kegiatan), the total (JUMLAH) last. A table has
    no row order, so whoever presents the tree sorts it."""
    return tree.sort([*BY, pl.col("level") == TOTAL, "kode"])


def persen(part: str, whole: str) -> pl.Expr:
    return pl.when(pl.col(whole) != 0).then(pl.col(part) * 100 / pl.col(whole))


def realisasi_anggaran(conn: duckdb.DuckDBPyConnection, lines: str, printed: str) -> duckdb.DuckDBPyRelation:
    """Tabel 3.7 rows for every region and periode in `lines`: the budget tree of each region and
    quarter, sums of the reported sub kegiatan lines (DPPA over DPA), every SKPD of the region
    together, unordered (in_tree_order sorts it for presentation; sorting 19 million rows at
    national scale costs as much as summing them). Lazy: nothing runs until the caller fetches or
    inserts it.

    `lines` / `printed`: relation text usable after FROM (a table, or a parenthesised query) with
    the columns of the staged SipdSubKegiatan / SipdSubtotalCetak tables. Sub kegiatan take the
    uraian of their first line; programs and kegiatan the uraian of their first printed subtotal
    row of the same region and quarter (their amounts are never used), else, where the files print
    no subtotals (a SIPD-RI rekap), their name in the national nomenclature in force for the year,
    else in another version (Program Penunjang under its `X.XX` code; none up to 2020, whose codes
    are Permendagri 13/2006's); the total is JUMLAH."""
    by = ", ".join(BY)
    names = names_in_force().to_arrow()
    tree = rollup(reported_documents(lines), BY, TREE_LEVELS, uraian=True, numbered_from=lines)
    # A program's or kegiatan's name: its first printed row in reading order, found like the
    # sub kegiatan's (file rank and uraian number, so the aggregate keeps fixed-size states).
    query = f"""
WITH printed_rows AS NOT MATERIALIZED (SELECT {by}, kode, uraian, source_file, source_row FROM {printed} WHERE level <> '{TOTAL}'),
printed_files AS MATERIALIZED {numbered("printed_rows", "source_file", "fid", ordered=True)},
printed_uraian AS MATERIALIZED {numbered("printed_rows", "uraian", "uid", ordered=False)},
printed_first AS (
  SELECT {by}, kode, arg_min(u.uid, {place("f.fid", "p.source_row")}) AS uid
  FROM printed_rows AS p
  JOIN printed_files AS f ON p.source_file IS NOT DISTINCT FROM f.source_file
  JOIN printed_uraian AS u ON p.uraian IS NOT DISTINCT FROM u.uraian
  GROUP BY {by}, kode
),
printed_names AS (SELECT list(uraian ORDER BY uid) AS printed_names FROM printed_uraian),
nomenklatur AS (SELECT versi, kode, nama FROM names),
tabel AS (
  SELECT t.* REPLACE (
      CASE WHEN level = '{TOTAL}' THEN 'JUMLAH'
        ELSE coalesce(t.uraian, printed_names[p.uid], n.nama, penunjang.nama) END AS uraian),
    CASE WHEN pagu <> 0 THEN realisasi * 100 / pagu END AS persen_keuangan
  FROM {tree} AS t LEFT JOIN printed_first AS p USING ({by}, kode) CROSS JOIN printed_names
  LEFT JOIN nomenklatur AS n ON n.kode = t.kode AND n.versi = {versi_sql("t.tahun")}
  LEFT JOIN nomenklatur AS penunjang ON penunjang.kode = '{PENUNJANG}' || substr(t.kode, 5) AND penunjang.versi = {versi_sql("t.tahun")}
)
SELECT {", ".join(TREE_COLUMNS)} FROM tabel"""
    conn.register("names", names)
    return conn.sql(query)


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
    document = ["kode_wilayah", "tahun", "skpd", "tanggal_keadaan", "periode"]
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
