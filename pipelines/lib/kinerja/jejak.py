"""The chain behind one number (jejak): capaian ← target and realisasi ← formula ← each measure
with its year and value ← the raw files, with path (relative to raw/), sha256, sheet and rows.

Plain functions over the warehouse; the sha256 of each file comes from the raw assets'
materialisation metadata (what the run read), handed in as a mapping.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.lib.angka import KOSONG, angka, dengan_satuan, persen
from schemas.pesan import _, per_row

from pipelines.lib.anggaran.versions import reported_documents
from pipelines.lib.kinerja.rumus import PROVIDER
from pipelines.lib.measures.ukuran import nama_dasar, rincian

# The rows behind each source's measures, as a join of the reads (_reads: kode_wilayah, tahun_data,
# ukuran, periode, base, qualifier) with the staged table holding them: one query per source for
# every read at once.
_SOURCE_ROWS = {
    "bps": """
        FROM _reads r JOIN staged.bps_tenaga_kerja t
          ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data AND (t.ukuran = r.base OR 'bps.var' || t.var_id = r.base)
        WHERE r.base LIKE 'bps.%' AND t.periode = r.periode
          -- the turvar read: the qualifier's, else the total (or the only one there is)
          AND CASE WHEN r.qualifier LIKE '%/%' THEN t.turvar = split_part(r.qualifier, '/', 2)
                   ELSE t.turvar = 'total' OR NOT EXISTS (
                       SELECT 1 FROM staged.bps_tenaga_kerja x WHERE x.kode_wilayah = t.kode_wilayah AND x.tahun = t.tahun
                       AND x.ukuran = t.ukuran AND x.turvar = 'total') END""",
    "umkm": "FROM _reads r JOIN staged.umkm_desa t ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data WHERE r.base LIKE 'umkm.%'",
    "manual": "FROM _reads r JOIN staged.manual_ukuran t ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data AND t.ukuran = r.base",
    "koperasi": """FROM _reads r JOIN staged.koperasi t ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data
        WHERE r.base IN ('koperasi.jumlah', 'koperasi.baru')""",
    "penilaian": """FROM _reads r JOIN staged.koperasi_penilaian t ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data
        AND t.jenis_penilaian = CASE r.base WHEN 'koperasi.sehat' THEN 'kesehatan' WHEN 'koperasi.berkualitas' THEN 'kualitas' END""",
    # the sub kegiatan of the document the measure read (DPPA over DPA, latest cut-off), under its kode
    "anggaran": f"""FROM _reads r JOIN {reported_documents("staged.sipd_sub_kegiatan", latest_cutoff=True)} t
        ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data AND starts_with(t.kode, coalesce(r.qualifier, ''))
        WHERE r.base LIKE 'anggaran.%'""",
}
_TABLES = {"bps": ["staged.bps_tenaga_kerja"], "umkm": ["staged.umkm_desa"], "manual": ["staged.manual_ukuran"],
           "koperasi": ["staged.koperasi"], "penilaian": ["staged.koperasi_penilaian"], "anggaran": ["staged.sipd_sub_kegiatan"]}
# The rows of each file behind a read, as data: how many (rows, or BPS values), the first and last
# row, the BPS datacontent keys; `baris` makes the sentence people read from them.
ROWS_COLUMNS = {
    "berkas": pl.String, "lembar": pl.String, "jumlah_baris": pl.Int64, "baris_awal": pl.Int64, "baris_akhir": pl.Int64,
    "kunci_bps": pl.String,
}
CHAIN_COLUMNS = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "indicator_id": pl.String, "ukuran": pl.String, "tahun_data": pl.Int64,
    "periode": pl.String, "nilai": pl.Float64, "sha256": pl.String, **ROWS_COLUMNS,
}
_READ = ["kode_wilayah", "tahun_data", "ukuran"]


def _existing(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {f"{s}.{t}" for s, t in conn.execute("SELECT table_schema, table_name FROM information_schema.tables").fetchall()}


def rows_behind(conn: duckdb.DuckDBPyConnection, reads: pl.DataFrame) -> pl.DataFrame:
    """For each read (kode_wilayah, tahun_data, ukuran, periode: kinerja.realisasi_masukan rows):
    the files behind it with sheet, row count, first and last row (or BPS datacontent keys), in
    one query per source."""
    frame = reads.select(*_READ, "periode").unique().with_columns(base=nama_dasar(pl.col("ukuran")), qualifier=rincian(pl.col("ukuran")))
    conn.register("_reads", frame.to_arrow())
    existing = _existing(conn)
    parts = []
    try:
        for source, body in _SOURCE_ROWS.items():
            if not set(_TABLES[source]) <= existing:
                continue
            keys = "string_agg(DISTINCT t.bps_key, ', ' ORDER BY t.bps_key)" if source == "bps" else "NULL::VARCHAR"
            parts.append(conn.execute(f"""
                SELECT r.kode_wilayah, r.tahun_data, r.ukuran, t.source_file AS berkas, t.source_sheet AS lembar,
                       count(*) AS jumlah_baris, min(t.source_row) AS baris_awal, max(t.source_row) AS baris_akhir, {keys} AS kunci_bps
                {body}
                GROUP BY ALL""").pl())
    finally:
        conn.unregister("_reads")
    schema = {"kode_wilayah": pl.String, "tahun_data": pl.Int64, "ukuran": pl.String, **ROWS_COLUMNS}
    return pl.concat([pl.DataFrame(schema=schema), *(p.cast(schema) for p in parts)]).sort(*_READ, "berkas", "lembar")


def chain(conn: duckdb.DuckDBPyConnection, masukan: pl.DataFrame, sha256: dict[str, str]) -> pl.DataFrame:
    """One row per indicator, measure and file behind it (CHAIN_COLUMNS), for every row of
    `masukan` (kinerja.realisasi_masukan rows); a measure without source rows keeps one row with
    empty file columns. Each indicator's measures in the formula's order (peran), their files by name."""
    files = rows_behind(conn, masukan)
    joined = masukan.sort("kode_wilayah", "tahun", "indicator_id", "peran").join(files, on=_READ, how="left", maintain_order="left_right")
    return joined.with_columns(sha256=pl.col("berkas").replace_strict(sha256, default=None, return_dtype=pl.String)).select(list(CHAIN_COLUMNS))


def baris() -> pl.Expr:
    """Where in its file a chain row's figure sits, as people read it: the BPS datacontent keys,
    else the rows."""
    return (
        pl.when(pl.col("kunci_bps").is_not_null()).then(per_row("datacontent {keys} ({count} value(s))", keys="kunci_bps", count="jumlah_baris"))
        .otherwise(per_row("rows {first}–{last} ({count} row(s))", first="baris_awal", last="baris_akhir", count="jumlah_baris"))
    )


def _with_unit(value: float | None, satuan: str | None) -> str:
    """3,83% for a percent indicator; 12,00 orang for a count: the report's two decimals."""
    text = dengan_satuan(value, satuan)
    return f"{text} {satuan}" if satuan and satuan != "%" and text != KOSONG else text


def describe(capaian: dict, realisasi: dict, chain_rows: pl.DataFrame, nama_wilayah: str) -> list[str]:
    """The chain as lines a steward reads: one iku_capaian row, its realisasi row and its chain rows."""
    tahun = capaian["tahun"]
    lines = [
        _("{wilayah} ({kode}), year {tahun}, indicator {indikator}: {nama}").format(
            wilayah=nama_wilayah, kode=capaian["kode_wilayah"], tahun=tahun, indikator=capaian["indicator_id"], nama=capaian["indikator"]),
        _("capaian {capaian} ({predikat}) ← target {target} and realisasi {realisasi} (arah {arah})").format(
            capaian=persen(capaian["capaian"]), predikat=capaian["predikat"] or _("no predikat"),
            target=_with_unit(capaian["target"], capaian["satuan"]), realisasi=_with_unit(capaian["realisasi"], capaian["satuan"]),
            arah=capaian["arah"]),
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
    shown = chain_rows.with_columns(baris=baris())
    for (ukuran, year, periode, nilai), files in shown.group_by(["ukuran", "tahun_data", "periode", "nilai"], maintain_order=True):
        offset = f"N−{tahun - year}" if year < tahun else "N" if year == tahun else f"N+{year - tahun}"
        read_at = " " + _("period {periode}").format(periode=periode.title()) if periode else ""
        lines.append(f"  {ukuran} {year} = {angka(nilai, None)} ({PROVIDER.get(ukuran.split('.')[0], '?')}, {offset}){read_at}")
        for f in files.iter_rows(named=True):
            if f["berkas"] is None:
                lines.append("    ← " + _("no source rows"))
                continue
            where = ", ".join(x for x in (_("sheet {lembar}").format(lembar=f["lembar"]) if f["lembar"] else None, f["baris"]) if x)
            lines.append("    ← " + _("{berkas} (sha256 {sha256}) {where}").format(
                berkas=f["berkas"], sha256=f["sha256"] or _("not recorded"), where=where).rstrip())
    return lines
