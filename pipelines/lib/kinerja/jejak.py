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

# The rows behind each source's measures, as a join of the reads (_reads: kode_wilayah, tahun_data,
# ukuran, base, qualifier) with the staged table holding them: one query per source for every
# read at once.
_SOURCE_ROWS = {
    "bps": """
        FROM _reads r JOIN staged.bps_tenaga_kerja t
          ON t.kode_wilayah = r.kode_wilayah AND t.tahun = r.tahun_data AND (t.ukuran = r.base OR 'bps.var' || t.var_id = r.base)
        LEFT JOIN staged.measures m ON m.kode_wilayah = r.kode_wilayah AND m.tahun = r.tahun_data AND m.ukuran = r.ukuran
        WHERE r.base LIKE 'bps.%'
          AND t.periode = coalesce(split_part(r.qualifier, '/', 1), lower(regexp_extract(m.sumber, 'periode (\\w+)', 1)))
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
_TABLES = {"bps": ["staged.bps_tenaga_kerja", "staged.measures"], "umkm": ["staged.umkm_desa"], "manual": ["staged.manual_ukuran"],
           "koperasi": ["staged.koperasi"], "penilaian": ["staged.koperasi_penilaian"], "anggaran": ["staged.sipd_sub_kegiatan"]}
CHAIN_COLUMNS = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "indicator_id": pl.String, "ukuran": pl.String, "tahun_data": pl.Int64,
    "nilai": pl.Float64, "berkas": pl.String, "sha256": pl.String, "lembar": pl.String, "baris": pl.String,
}
_USED = r"([^;\s]+) (\d{4}) = ([^;\s]+)"


def measures_used(realisasi: pl.DataFrame) -> pl.DataFrame:
    """kinerja.realisasi rows → one row per measure read: kode_wilayah, tahun, indicator_id,
    ukuran, tahun_data, nilai (from `ukuran_dipakai`: 'bps.tpt 2022 = 3.83; umkm.jumlah 2023 = -')."""
    return (
        realisasi.select("kode_wilayah", "tahun", "indicator_id", read=pl.col("ukuran_dipakai").fill_null("").str.extract_all(_USED))
        .explode("read")
        .drop_nulls("read")
        .select(
            "kode_wilayah", "tahun", "indicator_id",
            ukuran=pl.col("read").str.extract(_USED, 1),
            tahun_data=pl.col("read").str.extract(_USED, 2).cast(pl.Int64),
            nilai=pl.col("read").str.extract(_USED, 3).cast(pl.Float64, strict=False),
        )
    )


def _existing(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {f"{s}.{t}" for s, t in conn.execute("SELECT table_schema, table_name FROM information_schema.tables").fetchall()}


def rows_behind(conn: duckdb.DuckDBPyConnection, reads: pl.DataFrame) -> pl.DataFrame:
    """For each read (kode_wilayah, tahun_data, ukuran): the files behind it with sheet, row
    count, first and last row (or BPS datacontent keys), in one query per source."""
    frame = reads.select("kode_wilayah", "tahun_data", "ukuran").unique().with_columns(
        base=pl.col("ukuran").str.replace(r"\[.*$", ""), qualifier=pl.col("ukuran").str.extract(r"\[(.*)\]$")
    )
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
                       count(*) AS n, min(t.source_row) AS pertama, max(t.source_row) AS terakhir, {keys} AS kunci
                {body}
                GROUP BY ALL""").pl())
    finally:
        conn.unregister("_reads")
    schema = {"kode_wilayah": pl.String, "tahun_data": pl.Int64, "ukuran": pl.String, "berkas": pl.String, "lembar": pl.String,
              "n": pl.Int64, "pertama": pl.Int64, "terakhir": pl.Int64, "kunci": pl.String}
    found = pl.concat([pl.DataFrame(schema=schema), *(p.cast(schema) for p in parts)])
    baris = (
        pl.when(pl.col("kunci").is_not_null()).then(per_row("datacontent {keys} ({count} value(s))", keys="kunci", count="n"))
        .otherwise(per_row("rows {first}–{last} ({count} row(s))", first="pertama", last="terakhir", count="n"))
    )
    return found.select("kode_wilayah", "tahun_data", "ukuran", "berkas", "lembar", baris=baris)


def chain(conn: duckdb.DuckDBPyConnection, realisasi: pl.DataFrame, sha256: dict[str, str]) -> pl.DataFrame:
    """One row per indicator, measure and file behind it, for every row of `realisasi`
    (kinerja.realisasi rows: kode_wilayah, tahun, indicator_id, ukuran_dipakai); a measure
    without source rows keeps one row with empty file columns."""
    used = measures_used(realisasi)
    files = rows_behind(conn, used)
    joined = used.join(files, on=["kode_wilayah", "tahun_data", "ukuran"], how="left", maintain_order="left")
    return joined.with_columns(sha256=pl.col("berkas").replace_strict(sha256, default=None, return_dtype=pl.String)).select(list(CHAIN_COLUMNS))


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
    for (ukuran, year, nilai), files in chain_rows.group_by(["ukuran", "tahun_data", "nilai"], maintain_order=True):
        offset = f"N−{tahun - year}" if year < tahun else "N" if year == tahun else f"N+{year - tahun}"
        lines.append(f"  {ukuran} {year} = {angka(nilai, None)} ({PROVIDER.get(ukuran.split('.')[0], '?')}, {offset})")
        for f in files.iter_rows(named=True):
            if f["berkas"] is None:
                lines.append("    ← " + _("no source rows"))
                continue
            where = ", ".join(x for x in (_("sheet {lembar}").format(lembar=f["lembar"]) if f["lembar"] else None, f["baris"]) if x)
            lines.append("    ← " + _("{berkas} (sha256 {sha256}) {where}").format(
                berkas=f["berkas"], sha256=f["sha256"] or _("not recorded"), where=where).rstrip())
    return lines
