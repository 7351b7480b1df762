"""The budget lines of a quarter, from every budget file of its year, split into the data (sub
kegiatan) and the subtotals the files printed (compared, never summed).

Files come with a cut-off (an RFK, a per-document realisasi: the quarter that contains it) or
without one (a SIPD-RI rekap: the year's budget). For each region, year and SKPD, a quarter
reads, in this order:

1. the files with the latest cut-off in the quarter that carry pagu (an RFK): nothing else;
2. else the files with a cut-off in the quarter that carry realisasi only (per document): their
   realisasi, with the pagu of the year's budget file (the latest version, DPPA over DPA), joined
   by sub kegiatan; a sub kegiatan without a document has spent nothing to that date;
3. else the year's budget file: pagu, with realisasi undefined where it has none.

A year whose files all lack a cut-off is built as its fourth quarter (the year as a whole).
"""

from __future__ import annotations

import polars as pl

from schemas.sipd import PRINTED_SUBTOTALS, is_data

SKPD = ["kode_wilayah", "tahun", "skpd"]
RANK = {"DPA": 0, "DPPA": 1}


def year_quarter(tahun: pl.Expr) -> pl.Expr:
    """The quarter a year's budget without a cut-off is built as when nothing else is."""
    return pl.format("{}-Q4", tahun)


def quarters_with_lines(periodes: pl.Series, tahun: pl.Series) -> set[str]:
    """The quarters to build: those holding a cut-off, and Q4 of a year whose files have none."""
    dated = set(periodes.drop_nulls().to_list())
    years_dated = {int(p[:4]) for p in dated}
    undated = {f"{t}-Q4" for t in tahun.filter(periodes.is_null()).unique().to_list() if t not in years_dated}
    return dated | undated


def lines_of_quarters(lines: pl.DataFrame, periodes: list[str]) -> pl.DataFrame:
    """Every line the quarters read (the rules above), labelled with the quarter it is read in.
    `lines`: the raw lines of the quarters' years (every cut-off, and those without)."""
    out = [_of_quarter(lines, p) for p in periodes]
    return pl.concat(out, how="vertical_relaxed") if out else lines.clear()


def _of_quarter(lines: pl.DataFrame, periode: str) -> pl.DataFrame:
    tahun, triwulan = int(periode[:4]), int(periode[-1])
    year = lines.filter(pl.col("tahun") == tahun)
    dated = year.filter(pl.col("periode") == periode)
    undated = year.filter(pl.col("periode").is_null())
    carries_pagu = pl.col("pagu").is_not_null().any().over([*SKPD, "source_file"])
    # a quarter reads its latest cut-off (monthly RFKs of October and November are older news)
    complete = dated.filter(carries_pagu)
    complete = complete.filter(pl.col("tanggal_keadaan") == pl.col("tanggal_keadaan").max().over(SKPD))
    realisasi_only = dated.filter(~carries_pagu).join(complete.select(SKPD).unique(), on=SKPD, how="anti")
    # the year's budget: its latest version only
    top = undated.with_columns(_rank=pl.col("jenis_dokumen").replace_strict(RANK, return_dtype=pl.Int64))
    budget = top.filter(pl.col("_rank") == pl.col("_rank").max().over(SKPD)).drop("_rank")
    budget = budget.join(complete.select(SKPD).unique(), on=SKPD, how="anti")
    # 2: documents to their latest date in the quarter, with the budget's pagu at that date
    latest = realisasi_only.group_by(SKPD).agg(_tanggal=pl.col("tanggal_keadaan").max())
    documents = realisasi_only.join(latest, on=SKPD).filter(pl.col("tanggal_keadaan") == pl.col("_tanggal")).drop("_tanggal")
    version = budget.group_by(SKPD).agg(_jenis=pl.col("jenis_dokumen").first())
    documents = documents.join(version, on=SKPD, how="left").with_columns(
        jenis_dokumen=pl.coalesce("_jenis", "jenis_dokumen")
    ).drop("_jenis")
    with_documents = budget.join(latest, on=SKPD, how="inner").with_columns(
        tanggal_keadaan=pl.col("_tanggal"), realisasi=pl.lit(0.0)
    ).drop("_tanggal")
    budget_only = budget.join(latest, on=SKPD, how="anti")
    # 3 keeps its own realisasi (a Rekapitulasi Belanja without a cut-off has one; a rekap none)
    read = pl.concat([complete, documents, with_documents, budget_only], how="vertical_relaxed")
    return read.with_columns(periode=pl.lit(periode), triwulan=pl.lit(triwulan, pl.Int64))


def sub_kegiatan(frame: pl.DataFrame) -> pl.DataFrame:
    """The budget data (sub kegiatan; a 13/2006 budget's kegiatan) that counts (not a hidden line
    the sheet's total leaves out): every parent and the total are rebuilt from these rows."""
    return frame.filter(is_data(pl.col("level"), pl.col("tahun")) & pl.col("dihitung"))


def printed_subtotals(frame: pl.DataFrame) -> pl.DataFrame:
    """Program, kegiatan and total lines as printed: kept only to compare with the sums."""
    return frame.filter(pl.col("level").is_in(PRINTED_SUBTOTALS) & ~is_data(pl.col("level"), pl.col("tahun")))
