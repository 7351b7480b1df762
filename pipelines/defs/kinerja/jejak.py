"""The chain behind one number (jejak): capaian ← target and realisasi ← formula ← each measure
with its year and value ← the raw files, with path (relative to raw/), sha256, sheet and rows.

Plain functions over the warehouse; the sha256 of each file comes from the raw assets'
materialisation metadata (what the run read), handed in as a mapping.
"""

from __future__ import annotations

import re

import duckdb
import polars as pl

from pipelines.core.pesan import _

from pipelines.defs.anggaran.versions import reported_documents
from pipelines.defs.kinerja.rumus import PROVIDER

# Where the rows behind a measure are: staged table and the condition naming them (? = the
# measure's base name, without a [period] or [kode] qualifier), by the measure's source.
SOURCE_ROWS = {
    "bps": ("staged.bps_tenaga_kerja", "(ukuran = ? OR 'bps.var' || var_id = ?)", 2),
    "umkm": ("staged.umkm_desa", "TRUE", 0),
    "manual": ("staged.manual_ukuran", "ukuran = ?", 1),
    # the sub kegiatan of the document the measure read (DPPA over DPA, latest cut-off), under the kode
    "anggaran": (reported_documents("staged.sipd_sub_kegiatan", latest_cutoff=True), "starts_with(kode, ?)", 1),
}
PENILAIAN = {"koperasi.sehat": "kesehatan", "koperasi.berkualitas": "kualitas"}
CHAIN_COLUMNS = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "indicator_id": pl.String, "ukuran": pl.String, "tahun_data": pl.Int64,
    "nilai": pl.Float64, "berkas": pl.String, "sha256": pl.String, "lembar": pl.String, "baris": pl.String,
}
_USED = re.compile(r"([^;\s]+) (\d{4}) = ([^;\s]+)")


def measures_used(ukuran_dipakai: str | None) -> list[tuple[str, int, float | None]]:
    """'bps.tpt 2022 = 3.83; umkm.jumlah 2023 = -' → [(name, year, value), …]."""
    return [
        (name, int(year), None if value == "-" else float(value))
        for name, year, value in _USED.findall(ukuran_dipakai or "")
    ]


def rows_behind(conn: duckdb.DuckDBPyConnection, ukuran: str, kode_wilayah: str, tahun: int) -> pl.DataFrame:
    """source_file, source_sheet, rows and their first and last row (or BPS datacontent keys)
    behind one measure of one region and year."""
    base = ukuran.split("[")[0]
    source = base.split(".")[0]
    if base in PENILAIAN:
        table, where, params = "staged.koperasi_penilaian", "jenis_penilaian = ?", [PENILAIAN[base]]
    elif source == "koperasi":
        table, where, params = "staged.koperasi", "TRUE", []
    elif source in SOURCE_ROWS:
        table, where, count = SOURCE_ROWS[source]
        params = [ukuran.split("[")[1].rstrip("]") if source == "anggaran" and "[" in ukuran else base] * count
        if source == "anggaran" and "[" not in ukuran:
            params = [""]
    else:
        return pl.DataFrame(schema={"berkas": pl.String, "lembar": pl.String, "baris": pl.String})
    if source == "bps":  # the period the measure read: its qualifier, or what measures recorded
        where, params = where + " AND periode = ?", [*params, bps_periode(conn, ukuran, kode_wilayah, tahun)]
    keys = "string_agg(DISTINCT bps_key, ', ' ORDER BY bps_key)" if source == "bps" else "NULL"
    query = f"""
        SELECT source_file AS berkas, source_sheet AS lembar, count(*) AS n,
               min(source_row) AS pertama, max(source_row) AS terakhir, {keys} AS kunci
        FROM {table} WHERE kode_wilayah = ? AND tahun = ? AND {where}
        GROUP BY ALL ORDER BY berkas, lembar"""
    try:
        found = conn.execute(query, [kode_wilayah, tahun, *params]).pl()
    except duckdb.CatalogException:  # the source's table was never built
        return pl.DataFrame(schema={"berkas": pl.String, "lembar": pl.String, "baris": pl.String})
    keys = _("datacontent {keys} ({count} value(s))").format(keys="{}", count="{}")
    rows = _("rows {first}–{last} ({count} row(s))").format(first="{}", last="{}", count="{}")
    baris = (
        pl.when(pl.col("kunci").is_not_null()).then(pl.format(keys, "kunci", "n"))
        .otherwise(pl.format(rows, "pertama", "terakhir", "n"))
    )
    return found.select("berkas", "lembar", baris=baris)


def bps_periode(conn: duckdb.DuckDBPyConnection, ukuran: str, kode_wilayah: str, tahun: int) -> str | None:
    """The BPS period a measure read: `bps.tpt[februari]` says it; `bps.tpt` has it in its sumber."""
    if "[" in ukuran:
        return ukuran.split("[")[1].rstrip("]").split("/")[0]
    found = conn.execute(
        "SELECT sumber FROM staged.measures WHERE kode_wilayah = ? AND tahun = ? AND ukuran = ?", [kode_wilayah, tahun, ukuran]
    ).fetchone()
    match = re.search(r"periode (\w+)", found[0] if found else "")
    return match.group(1).lower() if match else None


def chain(conn: duckdb.DuckDBPyConnection, realisasi: pl.DataFrame, sha256: dict[str, str]) -> pl.DataFrame:
    """One row per indicator, measure and file behind it, for every row of `realisasi`
    (kinerja.realisasi rows: kode_wilayah, tahun, indicator_id, ukuran_dipakai)."""
    rows = []
    for rec in realisasi.select("kode_wilayah", "tahun", "indicator_id", "ukuran_dipakai").iter_rows(named=True):
        for name, year, value in measures_used(rec["ukuran_dipakai"]):
            files = rows_behind(conn, name, rec["kode_wilayah"], year)
            for f in files.iter_rows(named=True) if files.height else [{"berkas": None, "lembar": None, "baris": None}]:
                rows.append(
                    {**{k: rec[k] for k in ("kode_wilayah", "tahun", "indicator_id")}, "ukuran": name, "tahun_data": year,
                     "nilai": value, "berkas": f["berkas"], "sha256": sha256.get(f["berkas"] or ""), "lembar": f["lembar"],
                     "baris": f["baris"]}
                )
    return pl.DataFrame(rows, schema=CHAIN_COLUMNS)


def _angka(value: float | None) -> str:
    from pipelines.defs.reviu.temuan import angka

    return angka(value, None if value is None or float(value).is_integer() else 2)


def describe(capaian: dict, realisasi: dict, chain_rows: pl.DataFrame, nama_wilayah: str) -> list[str]:
    """The chain as lines a steward reads: one iku_capaian row, its realisasi row and its chain rows."""
    tahun = capaian["tahun"]
    lines = [
        _("{wilayah} ({kode}), year {tahun}, indicator {indikator}: {nama}").format(
            wilayah=nama_wilayah, kode=capaian["kode_wilayah"], tahun=tahun, indikator=capaian["indicator_id"], nama=capaian["indikator"]),
        _("capaian {capaian}% ({predikat}) ← target {target} and realisasi {realisasi} {satuan} (arah {arah})").format(
            capaian=_angka(capaian["capaian"]), predikat=capaian["predikat"] or _("no predikat"), target=_angka(capaian["target"]),
            realisasi=_angka(capaian["realisasi"]), satuan=capaian["satuan"] or "", arah=capaian["arah"]).replace("  (", " ("),
    ]
    rumus = {
        "nilai": "{ukuran}",
        "rasio": "{pembilang} ÷ {penyebut}",
        "pertumbuhan": _("({ukuran} this year − last year) ÷ last year"),
    }
    names = {k: realisasi[k] for k in ("ukuran", "pembilang", "penyebut")}
    lines.append(_("realisasi ← formula {rumus}: {uraian}").format(rumus=realisasi["rumus"], uraian=rumus[realisasi["rumus"]].format(**names)))
    if realisasi["keterangan"]:
        lines.append("  " + _("keterangan: {keterangan}").format(keterangan=realisasi["keterangan"]))
    lines.append("  " + _("catalog: {berkas}").format(berkas=realisasi["source_file"]))
    for (ukuran, year, nilai), files in chain_rows.group_by(["ukuran", "tahun_data", "nilai"], maintain_order=True):
        offset = f"N−{tahun - year}" if year < tahun else "N" if year == tahun else f"N+{year - tahun}"
        lines.append(f"  {ukuran} {year} = {_angka(nilai)} ({PROVIDER.get(ukuran.split('.')[0], '?')}, {offset})")
        for f in files.iter_rows(named=True):
            if f["berkas"] is None:
                lines.append("    ← " + _("no source rows"))
                continue
            where = ", ".join(x for x in (_("sheet {lembar}").format(lembar=f["lembar"]) if f["lembar"] else None, f["baris"]) if x)
            lines.append("    ← " + _("{berkas} (sha256 {sha256}) {where}").format(
                berkas=f["berkas"], sha256=f["sha256"] or _("not recorded"), where=where).rstrip())
    return lines
