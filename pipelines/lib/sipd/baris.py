"""A recognised sheet's body as budget lines: text cells under canonical names, each line with its
level and its code as printed (or parts of it), before numbers are read and lines placed.

How the lines are coded is the layout's (tata_letak): a code per line, lines named only (the
sub kegiatan of a monthly RFK), the code split over five cells (wp-sipd: urusan | bidang |
program | kegiatan | sub kegiatan), or tiers over four cells (a Rekapitulasi Belanja: urusan |
organisation | program … sub kegiatan | rekening). Lines below the printed total (signature
blocks, helper tables) are not lines.
"""

from __future__ import annotations

import polars as pl

from pipelines.lib.problems import SOURCE_ROW
from pipelines.lib.sipd.tata_letak import BERNAMA, BERTINGKAT, TERPISAH, TataLetak

TEXT_COLUMNS = (
    "kode_cetak", "uraian", "judul", "pagu", "realisasi", "persen_keuangan", "persen_fisik", "nomor", "kode_skpd", "nama_skpd",
    "kode_unit", "nama_unit", "kode_rekening", "nomor_dokumen", "tanggal", "tahun",
)
TOTAL, SUB_KEGIATAN, REKENING = "total", "sub_kegiatan", "rekening"
# Excel's error values: a percentage whose formula divided by zero is no value, not a number.
_EXCEL_ERROR = r"^#(DIV/0!|REF!|VALUE!|N/A|NAME\?|NUM!|NULL!)$"


def _column_numbers(cells: pl.DataFrame, row: int) -> bool:
    """True for the numbering row under a header (1, 2, 3 … or '10 = (9 / 8) * 100')."""
    if row >= cells.height:
        return False
    values = [str(v).strip() for v in cells.row(row) if v is not None and str(v).strip()]
    leading = [v.split(" ")[0].rstrip("abcdefgh") for v in values[:4]]
    return len(leading) >= 3 and all(v.isdigit() for v in leading) and [int(v) for v in leading] == sorted(int(v) for v in leading)


def body_rows(cells: pl.DataFrame, layout: TataLetak, top: int, columns: dict[str, int]) -> pl.DataFrame:
    """The rows under the header as text in canonical columns (source_row: the Excel row), the
    numbering row under the header left out, blank rows too."""
    start = top + layout.baris_header
    while start < cells.height and _column_numbers(cells, start):
        start += 1
    width = cells.width
    picked = {name: f"c{i}" for name, i in columns.items() if i < width}
    body = cells.with_row_index(SOURCE_ROW, offset=1).slice(start)
    if layout.kode in (TERPISAH, BERTINGKAT):
        first = columns["kode"]
        parts = [pl.col(f"c{first + i}").str.strip_chars().replace("", None) if first + i < width else pl.lit(None, pl.String)
                 for i in range(layout.kode_kolom)]
        body = body.with_columns(*(p.alias(f"_kode{i}") for i, p in enumerate(parts)))
    selected = body.select(
        pl.col(SOURCE_ROW).cast(pl.Int64),
        *(pl.col(c).str.strip_chars().alias("kode_cetak" if name == "kode" else name) for name, c in picked.items()),
        *(pl.col(c) for c in body.columns if c.startswith("_kode")),
    )
    present = set(selected.columns)
    selected = selected.with_columns(pl.lit(None, pl.String).alias(c) for c in TEXT_COLUMNS if c not in present)
    values = [c for c in selected.columns if c != SOURCE_ROW]
    return selected.filter(~pl.all_horizontal(pl.col(values).fill_null("") == ""))


def _key(text: pl.Expr) -> pl.Expr:
    """A cell as a header name (tabular.header_name), as an expression."""
    return text.str.strip_chars().str.to_lowercase().str.replace_all(r"[^a-z0-9%]+", "_").str.strip_chars("_")


def _is_total(layout: TataLetak, label_columns: list[str]) -> pl.Expr:
    """The printed total: a line whose label (in the name, number or first code column) starts
    with the layout's total word (JUMLAH, TOTAL)."""
    words = "|".join(layout.total)
    return pl.any_horizontal(_key(pl.col(c)).str.contains(f"^({words})(_|$)") for c in label_columns).fill_null(False)


def _up_to_total(lines: pl.DataFrame, is_total: pl.Expr) -> pl.DataFrame:
    """The lines down to the first printed total; what follows it (signatures, helper tables,
    a second total of everything) is not part of the report."""
    marked = lines.with_columns(_total=is_total)
    after = marked.get_column("_total").cum_sum().shift(1, fill_value=0) > 0
    return marked.filter(~after)


def lines(cells: pl.DataFrame, layout: TataLetak, top: int, columns: dict[str, int]) -> pl.DataFrame:
    """The sheet's budget lines: the text columns of TEXT_COLUMNS, `level` (total, sub_kegiatan, …
    or null where the printed code decides it), and `unit_line` rows left out. Numbers stay text."""
    body = body_rows(cells, layout, top, columns)
    amounts = pl.any_horizontal(pl.col(c).fill_null("").str.contains(r"\d") for c in ("pagu", "realisasi"))
    labels = ["uraian", "nomor", "kode_cetak", "kode_skpd", *(c for c in body.columns if c == "_kode0")]
    body = _up_to_total(body, _is_total(layout, labels) & ~pl.col("uraian").fill_null("").str.contains(r"^\d"))
    if layout.kode == TERPISAH:
        return _split_code(body)
    if layout.kode == BERTINGKAT:
        return _tiered_code(body)
    level = pl.when(pl.col("_total")).then(pl.lit(TOTAL))
    if layout.kode == BERNAMA:
        # A named line with amounts is a sub kegiatan; a line without is a program or kegiatan
        # heading (its name narrows the sub kegiatan under it: `judul`) or an unused row of a
        # template (name '0', amounts 0 or #DIV/0!), which carries nothing.
        unused = pl.col("uraian").fill_null("").str.strip_chars().is_in(["", "0"]) & ~pl.col("_total")
        named = pl.col("_total") | (amounts & ~unused)
        heading = ~named & ~unused & pl.col("nomor").fill_null("").eq("")
        return (
            body.with_columns(judul=pl.when(heading).then(pl.col("uraian")).forward_fill())
            .filter(named)
            .with_columns(level=level.otherwise(pl.lit(SUB_KEGIATAN)))
            .drop("_total")
        )
    if layout.baris_rekening:
        return body.filter(pl.col("kode_cetak").is_not_null() | pl.col("_total")).with_columns(level=level).drop("_total")
    # One code per line: a line with neither code nor amounts is wrapped text; one with amounts
    # and no code is kept, so it is named as a problem rather than skipped.
    keep = pl.col("_total") | pl.col("kode_cetak").fill_null("").ne("") | amounts
    return body.filter(keep).with_columns(level=level).drop("_total")


def _split_code(body: pl.DataFrame) -> pl.DataFrame:
    """wp-sipd: urusan | bidang | program | kegiatan | sub kegiatan in five cells; urusan and bidang
    lines are headings. The code is assembled at the widths SIPD prints (2.07.03.2.01.0001)."""
    u, b, p, k, s = (pl.col(f"_kode{i}") for i in range(5))
    program = pl.format("{}.{}.{}", u, b.str.zfill(2), p.str.zfill(2))
    kode = (
        pl.when(s.is_not_null() & k.is_not_null() & p.is_not_null()).then(pl.format("{}.{}.{}", program, k, s.str.zfill(4)))
        .when(k.is_not_null() & p.is_not_null()).then(pl.format("{}.{}", program, k))
        .when(p.is_not_null()).then(program)
    )
    return (
        body.filter(pl.col("_total") | p.is_not_null())
        .with_columns(kode_cetak=pl.when(~pl.col("_total")).then(kode), level=pl.when(pl.col("_total")).then(pl.lit(TOTAL)))
        .drop("_total", *(f"_kode{i}" for i in range(5)))
    )


def _tiered_code(body: pl.DataFrame) -> pl.DataFrame:
    """Rekapitulasi Belanja: urusan or bidang | organisation | program, kegiatan or sub kegiatan |
    rekening. An organisation line opens a unit: the SKPD itself (its code ends .0000) or one of
    its sub-units (an RSUD, a puskesmas: .0001 …), whose lines keep their unit. Rekening lines are
    the detail of their sub kegiatan, whose own line carries the same sums."""
    bidang, unit, kode, rekening = (pl.col(f"_kode{i}") for i in range(4))
    opens = unit.is_not_null() & kode.is_null()
    names = body.filter(opens).select(kode_unit=unit, nama_unit=pl.col("uraian")).unique("kode_unit", keep="first")
    skpd = names.select(kode_skpd="kode_unit", nama_skpd="nama_unit")
    return (
        body.filter(pl.col("_total") | (kode.is_not_null() & rekening.is_null()))
        .with_columns(kode_cetak=kode, kode_unit=unit, level=pl.when(pl.col("_total")).then(pl.lit(TOTAL)))
        .drop("nama_unit", "kode_skpd", "nama_skpd")
        .join(names, on="kode_unit", how="left", maintain_order="left")
        .with_columns(kode_skpd=pl.col("kode_unit").str.replace(r"\.\d{4}$", ".0000"))
        .join(skpd, on="kode_skpd", how="left", maintain_order="left")
        .drop("_total", *(f"_kode{i}" for i in range(4)))
    )


def excel_error(column: str) -> pl.Expr:
    """A cell holding an Excel error value (#DIV/0!, #REF!, …)."""
    return pl.col(column).fill_null("").str.contains(_EXCEL_ERROR)
