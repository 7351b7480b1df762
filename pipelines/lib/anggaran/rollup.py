"""The budget tree from sub kegiatan up: one sum, used by Tabel 3.7, the anggaran measures and
the reviu, written once as DuckDB SQL so it runs where the lines are (the warehouse), for every
region at once, without holding lines in Python.

Program, kegiatan and total amounts are always sums of their sub kegiatan (the printed
subtotals are only compared, in the reviu). Physical progress of a parent is the pagu-weighted
mean of the sub kegiatan below it, which equals the pagu-weighted mean of its children.

Functions here take and return *relation text*: anything usable after FROM (a table name, or a
parenthesised query). Nothing runs until the caller executes the composed query.
"""

from __future__ import annotations

from pipelines.lib.problems import SOURCE_FILE
from schemas.sipd import TAHUN_13_2006

# Length of a Permendagri 90/2019 code at each level: U.BB | U.BB.PP | U.BB.PP.K.KK |
# U.BB.PP.K.KK.SSSS. The SIPD contract guarantees these widths (codes are normalised on reading),
# so a prefix is a slice, not a split.
SEGMENTS = {"urusan": 4, "program": 7, "kegiatan": 12, "sub_kegiatan": 17}
PARENT = {"urusan": None, "program": None, "kegiatan": "program", "sub_kegiatan": "kegiatan"}
TOTAL = "total"
SUB_KEGIATAN = "sub_kegiatan"
# A Permendagri 13/2006 budget (up to 2020) has printed codes of no fixed width and no sub
# kegiatan: its lines are kegiatan, whose program is the code without its last segment
# (schemas.sipd.program_13_2006, here in SQL).
LAMA = f"tahun <= {TAHUN_13_2006}"
_WITHOUT_LAST = r"regexp_replace({kode}, '\.\d+$', '')"
_LAMA_PREFIX = {
    "urusan": r"nullif(regexp_extract(l.kode, '^(\d\.\d{2})(\.|$)', 1), '')",
    "program": _WITHOUT_LAST.format(kode="l.kode"),
    "kegiatan": "l.kode",
    "sub_kegiatan": "NULL",
}

# The columns of rollup(): `by`, then these.
COLUMNS = ["level", "kode", "parent_kode", "uraian", "pagu", "realisasi", "persen_fisik", "sumber"]

# Per line: pagu × fisik and the pagu that carries a fisik (sums skip nulls: a line without a
# printed fisik weighs in neither the numerator nor the denominator).
# Realisasi is undefined where a line's is (a rekap gives none): a sum over it would read as
# spending that was not. Pagu sums the lines that carry one (a per-document line carries none).
SUMS = (
    "sum(pagu) AS pagu, CASE WHEN bool_or(realisasi IS NULL) THEN NULL ELSE sum(realisasi) END AS realisasi,"
    " sum(pagu * persen_fisik) AS fisik_x_pagu,"
    " sum(CASE WHEN persen_fisik IS NOT NULL THEN pagu END) AS pagu_fisik"
)
# A row's place in reading order as one number: its file's rank, then its row (a worksheet has
# at most 1,048,576 rows); a row without a source_row comes after its file's numbered rows.
ROWS_PER_FILE = 2**32


def numbered(relation: str, column: str, number: str, *, ordered: bool) -> str:
    """Relation text: the distinct values of `column` in `relation`, each with an INTEGER
    `number` (1, 2, …) — in value order when `ordered`, so ordering numbers orders values.
    Aggregates then carry the number instead of the text: fixed-size states that DuckDB can
    spill, and cheap to hash."""
    over = f"ORDER BY {column}" if ordered else ""
    return f"(SELECT {column}, row_number() OVER ({over})::INTEGER AS {number} FROM (SELECT DISTINCT {column} FROM {relation}))"


def place(file_number: str, row: str) -> str:
    """SQL: a row's place in reading order (file name, then source_row) as one BIGINT."""
    return f"{file_number}::BIGINT * {ROWS_PER_FILE} + coalesce({row}, {ROWS_PER_FILE - 1})"


def _column(level: str) -> str:
    return f"kode_{SEGMENTS[level]}"


def _prefix(level: str) -> str:
    """SQL: a line's code at `level` (a slice of a 90/2019 code; see _LAMA_PREFIX for 13/2006),
    null where its budget has no such level."""
    return f"CASE WHEN l.{LAMA} THEN {_LAMA_PREFIX[level]} ELSE left(l.kode, {SEGMENTS[level]}) END"


def rollup(lines: str, by: list[str], levels: list[str], *, uraian: bool = False, numbered_from: str | None = None) -> str:
    """Sums per `by` and budget code at each of `levels` (SEGMENTS keys and/or TOTAL), as
    relation text with the columns `by` + COLUMNS (unordered):

    - kode: the code's prefix at that level; "" on the total (SIPD's JUMLAH row); a 13/2006
      budget (up to 2020) has no sub kegiatan rows: its lines are the kegiatan;
      parent_kode: the kegiatan of a sub kegiatan, the program of a kegiatan, else null;
    - pagu, realisasi: sums of the lines; persen_fisik: the pagu-weighted mean of the lines with a
      persen_fisik, null when they carry no pagu;
    - sumber: the lines' distinct source_file, sorted, joined with "; ";
    - uraian (with uraian=True, else null): on the lines' own rows (sub kegiatan; 13/2006
      kegiatan) the uraian of the code's first
      line in reading order (source_file, then source_row); null above (parents take their
      names from the printed subtotals).

    `lines` needs the `by` columns (tahun among them) and kode, pagu, realisasi, persen_fisik, source_file,
    source_row, and uraian when asked (the staged SipdSubKegiatan columns). `numbered_from`: a
    relation holding every source_file (and uraian) of `lines`, such as the unfiltered table, to
    number them from without evaluating `lines` twice (default: `lines`).

    One pass over the lines: GROUPING SETS sum every level at once. Text stays out of the
    aggregation: a line's file travels as its rank among file names (so sorting ranks sorts
    names) and its uraian as a dictionary number; both become text again only in the result."""
    assert "tahun" in by, "a budget's coding follows its year"
    keys = ", ".join(by)
    codes = sorted((lvl for lvl in levels if lvl != TOTAL), key=lambda lvl: -SEGMENTS[lvl])
    named = uraian and SUB_KEGIATAN in codes
    source = numbered_from or lines

    ctes = [
        f"rollup_files AS MATERIALIZED {numbered(source, SOURCE_FILE, 'fid', ordered=True)}",
        f"rollup_names AS (SELECT list({SOURCE_FILE} ORDER BY fid) AS names FROM rollup_files)",
    ]
    joins = f"JOIN rollup_files AS f ON l.{SOURCE_FILE} IS NOT DISTINCT FROM f.{SOURCE_FILE}"
    columns = [f"l.{k}" for k in by] + [f"{_prefix(lvl)} AS {_column(lvl)}" for lvl in codes]
    columns += ["l.pagu", "l.realisasi", "l.persen_fisik", "f.fid"]
    first = "NULL::INTEGER"
    if named:
        ctes.append(f"rollup_uraian AS MATERIALIZED {numbered(source, 'uraian', 'uid', ordered=False)}")
        ctes.append("rollup_uraian_list AS (SELECT list(uraian ORDER BY uid) AS uraian_names FROM rollup_uraian)")
        joins += " JOIN rollup_uraian AS u ON l.uraian IS NOT DISTINCT FROM u.uraian"
        columns += ["u.uid", f"{place('f.fid', 'l.source_row')} AS place"]
        first = "arg_min(uid, place)"
    ctes.append(f"rollup_lines AS (SELECT {', '.join(columns)} FROM {lines} AS l {joins})")

    sets = [f"({keys}, {_column(lvl)})" for lvl in codes] + ([f"({keys})"] if TOTAL in levels else [])
    grouped = [(f"grouping({_column(lvl)}) = 0", lvl) for lvl in codes]
    level = " ".join(f"WHEN {cond} THEN '{lvl}'" for cond, lvl in grouped)
    level = f"CASE {level} ELSE '{TOTAL}' END" if grouped else f"'{TOTAL}'"
    kode = " ".join(f"WHEN {cond} THEN {_column(lvl)}" for cond, lvl in grouped)
    kode = f"CASE {kode} ELSE '' END" if grouped else "''"
    # A level its budget does not have (a 13/2006 line's sub kegiatan) groups under a null code: no row.
    ctes.append(
        f"rollup_sums AS (SELECT {keys}, {level} AS level, {kode} AS kode,"
        f" {SUMS}, list(fid) AS fids, {first} AS uid FROM rollup_lines GROUP BY GROUPING SETS ({', '.join(sets)})"
        f" HAVING ({kode}) IS NOT NULL)"
    )
    parents = " ".join(
        f"WHEN level = '{lvl}' THEN " + (f"CASE WHEN {LAMA} THEN {_WITHOUT_LAST.format(kode='kode')} ELSE left(kode, {SEGMENTS[PARENT[lvl]]}) END"
                                         if lvl == "kegiatan" else f"left(kode, {SEGMENTS[PARENT[lvl]]})")
        for lvl in codes if PARENT[lvl]
    )
    parent = f"CASE {parents} END" if parents else "NULL::VARCHAR"
    # the data lines' own names: sub kegiatan, and a 13/2006 budget's kegiatan
    data_level = f"level = '{SUB_KEGIATAN}' OR (level = 'kegiatan' AND {LAMA})"
    names = "rollup_names CROSS JOIN rollup_uraian_list" if named else "rollup_names"
    with_ = ",\n  ".join(ctes)
    # Most codes sit in one or two files: name them directly; sort and join the rest.
    return f"""(
  WITH {with_}
  SELECT {keys}, level, kode, {parent} AS parent_kode,
    {f"CASE WHEN {data_level} THEN uraian_names[uid] END" if named else "NULL::VARCHAR"} AS uraian, pagu, realisasi,
    CASE WHEN pagu_fisik > 0 THEN fisik_x_pagu / pagu_fisik END AS persen_fisik,
    CASE WHEN len(fids) = 1 OR (len(fids) = 2 AND fids[1] = fids[2]) THEN names[fids[1]]
      WHEN len(fids) = 2 THEN concat_ws('; ', names[least(fids[1], fids[2])], names[greatest(fids[1], fids[2])])
      ELSE array_to_string(list_select(names, list_sort(list_distinct(fids))), '; ') END AS sumber
  FROM rollup_sums CROSS JOIN {names}
)"""
