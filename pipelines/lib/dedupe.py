"""Re-exports: the same record in several files counts once; conflicting copies are an error."""

from __future__ import annotations

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import MAX_PER_CHECK, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, Problem


def place(file: str, sheet: str | None, row: int | None) -> str:
    return " ".join([file, *([_("sheet '{sheet}'").format(sheet=sheet)] if sheet else []), *([_("row {row}").format(row=row)] if row is not None else [])])


def drop_reexports(
    frame: pl.DataFrame, key: list[str], values: list[str], what: str
) -> tuple[pl.DataFrame, list[Problem]]:
    """One row per key, with the problems. Rows equal on key and values are one record (first
    place kept); the same key with different values anywhere is a problem naming both places
    (the first is kept, so a later check does not report the copy again)."""
    distinct = frame.unique(subset=key + values, keep="first", maintain_order=True)
    clash = distinct.filter(pl.struct(key).is_duplicated())
    problems: list[Problem] = []
    if clash.height:
        first = clash.unique(subset=key, keep="first", maintain_order=True)
        others = clash.join(first.select(*key, pl.col(SOURCE_ROW).alias("_first_row"), pl.col(SOURCE_FILE).alias("_first_file"), pl.col(SOURCE_SHEET).alias("_first_sheet")), on=key, nulls_equal=True)
        others = others.filter(
            pl.col(SOURCE_ROW).ne_missing(pl.col("_first_row")) | pl.col(SOURCE_FILE).ne_missing(pl.col("_first_file"))
        )
        for rec in others.head(MAX_PER_CHECK).iter_rows(named=True):  # conflicting rows only
            differs = [
                v for v in values
                if first.filter(pl.all_horizontal([pl.col(k).eq_missing(rec[k]) for k in key])).get_column(v)[0] != rec[v]
            ]
            key_text = ", ".join(f"{k}={rec[k]}" for k in key)
            problems.append(
                Problem(
                    file=rec[SOURCE_FILE],
                    sheet=rec[SOURCE_SHEET],
                    row=rec[SOURCE_ROW],
                    column=differs[0] if differs else None,
                    value=None if not differs else str(rec[differs[0]]),
                    message=_(
                        "{what} {key} also appears at {place} with different {columns}; remove the stale export "
                        "(nothing is chosen silently)"
                    ).format(what=what, key=key_text, place=place(rec["_first_file"], rec["_first_sheet"], rec["_first_row"]),
                             columns=", ".join(differs) or _("values")),
                )
            )
        distinct = distinct.unique(subset=key, keep="first", maintain_order=True)
    return distinct, problems
