"""What is late: when each source's next file is due, and which region's is overdue.

Each source declares the day a period's file is due (a quarter's SIPD RFK by the 10th of the
month after it, a year's BPS labour figures by 15 November, …) or that it has no fixed schedule.
The next file of a region is the period after the latest one raw/ holds for it; a region with a
Perjanjian Kinerja catalog but no file of a source the others have lacks the latest period they
have. A source without data is not used (every source is optional), so it is never late.
Dagster's own freshness checks measure when an asset was last materialised, which says nothing
here: the raw assets are rebuilt every run from the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from pipelines.lib import ketersediaan as sumber
from pipelines.lib.angka import angka, romawi
from pipelines.lib.dates import tanggal
from schemas.pesan import _, per_row


@dataclass(frozen=True)
class Jadwal:
    """A period's file is due `bulan` months after the period's first month, on day `hari`."""

    per_triwulan: bool  # the periods are quarters (the periode column), else years (tahun)
    bulan: int
    hari: int


JADWAL: dict[sumber.Sumber, Jadwal | None] = {  # None: no fixed schedule
    sumber.SIPD: Jadwal(per_triwulan=True, bulan=3, hari=10),  # Q1 (from January): 10 April
    sumber.BPS: Jadwal(per_triwulan=False, bulan=10, hari=15),  # 15 November of the year
    sumber.KATALOG: Jadwal(per_triwulan=False, bulan=0, hari=31),  # 31 January of the year
    sumber.PENILAIAN: Jadwal(per_triwulan=False, bulan=12, hari=31),  # 31 January of the next year
    sumber.UMKM: Jadwal(per_triwulan=False, bulan=12, hari=31),
    sumber.MANUAL: Jadwal(per_triwulan=False, bulan=12, hari=31),
    sumber.ODS: None,
    sumber.UMKM_WILAYAH: None,
    sumber.TERBIT: None,
}

# What terlambat returns: one row per region whose next file of a source is overdue.
KOLOM = {"sumber": pl.String, "kode_wilayah": pl.String, "berkas": pl.String, "jatuh_tempo": pl.Date, "hari_terlambat": pl.Int64}


def aturan(s: sumber.Sumber) -> str:
    """When the source's next file is due, in words (the check's description, the README's table)."""
    return {
        sumber.SIPD: _("The SIPD RFK of a quarter is due on the 10th of the month after the quarter ends (quarter IV: 10 January of the next year)."),
        sumber.BPS: _("The BPS labour figures of a year (Sakernas August) are due on 15 November of that year: BPS releases them in early November."),
        sumber.KATALOG: _("The Perjanjian Kinerja catalog of a year is due on 31 January of that year."),
        sumber.PENILAIAN: _("The cooperative assessments of a year are due on 31 January of the next year, before that year's LKjIP is written."),
        sumber.UMKM: _("The UMKM village counts of a year are due on 31 January of the next year, before that year's LKjIP is written."),
        sumber.MANUAL: _("The manual measures of a year are due on 31 January of the next year, before that year's LKjIP is written."),
        sumber.ODS: _("No fixed schedule: a registry export is a snapshot taken whenever a steward downloads it and names no year."),
        sumber.UMKM_WILAYAH: _("No fixed schedule: open-data portals publish their region-level UMKM tables irregularly."),
        sumber.TERBIT: _("No fixed schedule: a published LKjIP is transcribed when a steward reviews it."),
    }[s]


def berkas(s: sumber.Sumber) -> str:
    """What a steward calls the source's file."""
    return {
        sumber.SIPD: _("SIPD RFK"),
        sumber.BPS: _("BPS labour figures (Sakernas August)"),
        sumber.KATALOG: _("Perjanjian Kinerja catalog"),
        sumber.PENILAIAN: _("cooperative assessments"),
        sumber.UMKM: _("UMKM village counts"),
        sumber.MANUAL: _("manual measures"),
    }[s]


# A source that stands in for a scheduled one: a region whose UMKM figures come from open-data
# tables of the year is not late for that year's village counts.
GANTI = {sumber.UMKM_WILAYAH: sumber.UMKM}


def terakhir(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The periods raw/ holds per scheduled source and region: sumber (the raw table),
    kode_wilayah, tahun, periode (the quarter, SIPD only; empty for a file of the whole year)."""
    tables = {
        f"{s}.{n}" for s, n in conn.execute("SELECT table_schema, table_name FROM information_schema.tables").fetchall()
    }
    selects = [
        f"SELECT DISTINCT '{s.table}' AS sumber, kode_wilayah, tahun, {'periode' if j.per_triwulan else 'NULL'}::VARCHAR AS periode FROM {s.table}"
        for s, j in JADWAL.items()
        if j is not None and s.table in tables
    ] + [
        f"SELECT DISTINCT '{s.table}' AS sumber, kode_wilayah, tahun, NULL::VARCHAR AS periode FROM {other.table}"
        for other, s in GANTI.items()
        if other.table in tables and JADWAL.get(s) is not None
    ]
    if not selects:
        return pl.DataFrame(schema={"sumber": pl.String, "kode_wilayah": pl.String, "tahun": pl.Int64, "periode": pl.String})
    return conn.execute(" UNION ALL ".join(selects)).pl().cast({"tahun": pl.Int64})


def terlambat(ada: pl.DataFrame, hari_ini: date) -> pl.DataFrame:
    """Each region's next file that is overdue on `hari_ini` (due before that day), from what
    raw/ holds (`terakhir`'s columns): sumber, kode_wilayah, berkas (what is missing, as
    'SIPD RFK quarter III 2026'), jatuh_tempo, hari_terlambat."""
    jadwal = pl.DataFrame(
        [{"sumber": s.table, "per_triwulan": j.per_triwulan, "bulan": j.bulan, "hari": j.hari} for s, j in JADWAL.items() if j],
        schema={"sumber": pl.String, "per_triwulan": pl.Boolean, "bulan": pl.Int64, "hari": pl.Int64},
    )
    # Periods as consecutive numbers: the year, or year × 4 + quarter − 1 (a file without a
    # cut-off covers the whole year: quarter IV).
    tahun = pl.coalesce(pl.col("periode").str.slice(0, 4).cast(pl.Int64, strict=False), pl.col("tahun"))
    triwulan = pl.col("periode").str.extract(r"Q([1-4])$").cast(pl.Int64).fill_null(4)
    urut = (
        ada.join(jadwal, on="sumber")
        .with_columns(urutan=pl.when(pl.col("per_triwulan")).then(tahun * 4 + triwulan - 1).otherwise(pl.col("tahun")))
        .group_by("sumber", "kode_wilayah")
        .agg(pl.col("urutan").max())
    )
    # A region with a catalog but none of a source's files lacks the latest period the others have.
    wilayah = urut.filter(pl.col("sumber") == sumber.KATALOG.table).select("kode_wilayah")
    tanpa = (
        urut.group_by("sumber").agg(pl.col("urutan").max() - 1)
        .join(wilayah, how="cross")
        .join(urut, on=["sumber", "kode_wilayah"], how="anti")
    )
    berikut = pl.col("urutan") + 1
    per_triwulan = pl.col("per_triwulan")
    tahun_berikut = pl.when(per_triwulan).then(berikut // 4).otherwise(berikut)
    triwulan_berikut = pl.when(per_triwulan).then(berikut % 4 + 1)
    bulan_awal = pl.when(per_triwulan).then(3 * (triwulan_berikut - 1)).otherwise(0)  # months since January
    bulan_tempo = tahun_berikut * 12 + bulan_awal + pl.col("bulan")
    nama = pl.col("sumber").replace_strict({s.table: berkas(s) for s, j in JADWAL.items() if j}, return_dtype=pl.String)
    return (
        pl.concat([urut, tanpa.select(urut.columns)])
        .join(jadwal, on="sumber")
        .with_columns(
            berkas=pl.when(per_triwulan)
            .then(per_row("{berkas} quarter {triwulan} {tahun}", berkas=nama, tahun=tahun_berikut,
                          triwulan=triwulan_berikut.replace_strict({q: romawi(q) for q in range(1, 5)}, return_dtype=pl.String)))
            .otherwise(pl.format("{} {}", nama, tahun_berikut)),
            jatuh_tempo=(pl.date(bulan_tempo // 12, bulan_tempo % 12 + 1, 1) + pl.duration(days=pl.col("hari") - 1)).cast(pl.Date),
        )
        .with_columns(hari_terlambat=(pl.lit(hari_ini) - pl.col("jatuh_tempo")).dt.total_days())
        .filter(pl.col("hari_terlambat") > 0)
        .select(list(KOLOM))
        .cast(KOLOM)
        .sort("sumber", "kode_wilayah")
    )


SHOWN_REGIONS = 5  # per line: a file BPS publishes for a whole province is late for each of its regions


def uraian(late: pl.DataFrame) -> list[str]:
    """One line per overdue file (a source's period), naming the regions it is late for, as the
    run's output prints it."""
    folder = pl.col("sumber").replace_strict({s.table: s.folder for s in JADWAL}, return_dtype=pl.String)
    codes = pl.col("kode_wilayah")
    grouped = late.group_by("sumber", "berkas", "jatuh_tempo", "hari_terlambat", maintain_order=True).agg(
        wilayah=pl.when(codes.len() == 1).then(codes.first()).otherwise(
            pl.format("{} ({}{})", pl.lit(_("{count} regions")), codes.head(SHOWN_REGIONS).str.join(", "),
                      pl.when(codes.len() > SHOWN_REGIONS).then(pl.format(", +{}", codes.len() - SHOWN_REGIONS)).otherwise(pl.lit(""))))
        .str.replace("{count}", codes.len().cast(pl.String), literal=True),
    )
    # the few grouped lines, each count in the one notation people read (1.042)
    hari = grouped.get_column("hari_terlambat").map_elements(lambda n: angka(n, 0), return_dtype=pl.String)
    return grouped.with_columns(hari=hari).select(
        per_row("{wilayah}: {berkas} (raw/{folder}/), due {jatuh_tempo}, {hari} day(s) late", wilayah=pl.col("wilayah"),
                berkas=pl.col("berkas"), folder=folder, jatuh_tempo=tanggal(pl.col("jatuh_tempo")), hari=pl.col("hari"))
    ).to_series().to_list()
