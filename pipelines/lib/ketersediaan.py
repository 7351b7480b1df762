"""Which sources a run has. Every source is optional: a dinas with only some of its files still
gets every table, rule and export those files allow, and each one it cannot build says why.

A source is present when its raw table holds rows after the ingest (its folder has files with
data). An absent source is not a source that says zero: the measures it would give stay empty
with the reason, its tables are not built, the reviu's checks that need it are listed as not
run. Stale tables a source fed before its files were removed are never read (see `tersedia`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.lib.bps import reader as bps
from pipelines.lib.katalog import reader as katalog
from pipelines.lib.koperasi import penilaian, registry
from pipelines.lib.manual import reader as manual
from schemas.pesan import _
from pipelines.lib.published import reader as published
from pipelines.lib.sipd import reader as sipd
from pipelines.lib.umkm import reader as umkm


@dataclass(frozen=True)
class Sumber:
    """One source folder and the raw table its files become."""

    folder: str  # raw/<folder>/
    table: str  # the raw table (schema.name)


BPS = Sumber(bps.FOLDER, "raw.bps_tenaga_kerja")
ODS = Sumber(registry.FOLDER, "raw.ods_koperasi")
PENILAIAN = Sumber(penilaian.FOLDER, "raw.koperasi_penilaian")
UMKM = Sumber(umkm.FOLDER, "raw.umkm_desa")
UMKM_WILAYAH = Sumber(umkm.FOLDER, "raw.umkm_wilayah")  # the same folder's region-level open-data tables
SIPD = Sumber(sipd.FOLDER, "raw.sipd_rfk")
KATALOG = Sumber(katalog.FOLDER, "raw.perjanjian_kinerja")
MANUAL = Sumber(manual.FOLDER, "raw.manual_ukuran")
TERBIT = Sumber(published.FOLDER, "raw.angka_terbit")
SUMBER = (BPS, ODS, PENILAIAN, UMKM, UMKM_WILAYAH, SIPD, KATALOG, MANUAL, TERBIT)
SEMUA = frozenset(s.folder for s in SUMBER)  # every source present
FOLDERS = tuple(dict.fromkeys(s.folder for s in SUMBER))  # each folder once, in order

# The sources a measure needs, by its name: assessments are placed in regions by the registry.
UKURAN_SUMBER: list[tuple[str, tuple[Sumber, ...]]] = [
    (r"^koperasi\.(sehat|berkualitas)$", (ODS, PENILAIAN)),
    (r"^koperasi\.", (ODS,)),
    (r"^bps\.", (BPS,)),
    (r"^umkm\.", (UMKM,)),
    (r"^anggaran\.", (SIPD,)),
    (r"^manual\.", (MANUAL,)),
]


def tersedia(conn: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The folders whose raw table holds rows (a table the ingest never wrote counts as empty)."""
    tables = {
        f"{s}.{n}" for s, n in conn.execute("SELECT table_schema, table_name FROM information_schema.tables").fetchall()
    }
    present = [s for s in SUMBER if s.table in tables]
    if not present:
        return frozenset()
    union = " UNION ALL ".join(f"SELECT '{s.folder}' AS folder FROM (SELECT 1 FROM {s.table} LIMIT 1)" for s in present)
    return frozenset(r[0] for r in conn.execute(union).fetchall())


def akibat(folder: str) -> str:
    """What a run without data in raw/<folder>/ does not build (said in the run's output and on
    the raw asset's page)."""
    return {
        BPS.folder: _("the bps.* measures stay empty; indicators reading them say why"),
        ODS.folder: _("koperasi.jumlah and koperasi.baru stay empty, and cooperative assessments cannot be placed in regions"),
        PENILAIAN.folder: _("koperasi.sehat and koperasi.berkualitas stay empty; the assessment check of the reviu does not run"),
        UMKM.folder: _("umkm.jumlah stays empty; the UMKM village checks of the reviu do not run"),
        SIPD.folder: _("Tabel 3.7, absorption and pagu changes are not built; the anggaran.* measures stay empty; the SIPD checks of the reviu do not run"),
        KATALOG.folder: _("no LKjIP is built (the Perjanjian Kinerja names the indicators); the data are still staged and measured"),
        MANUAL.folder: _("the manual.* measures stay empty; indicators reading them say why"),
        TERBIT.folder: _("the reviu of the published tables does not run"),
    }[folder]


def tidak_ada(folder: str) -> str:
    """Why something that needs this folder was not built (the reviu's coverage and keterangan say it)."""
    return _("no data in raw/{folder}/ (no file, or only empty files)").format(folder=folder)


def sumber_kosong(ukuran: pl.Expr, ada: frozenset[str]) -> pl.Expr:
    """For each measure name: why its source is absent (the first folder it needs that has no
    data), or null when every source it needs is present or the name is no source's."""
    whens = [
        (ukuran.str.contains(pattern), next((s.folder for s in needs if s.folder not in ada), None))
        for pattern, needs in UKURAN_SUMBER
    ]
    expr = pl.lit(None, pl.String)
    for matches, missing in reversed(whens):
        expr = pl.when(matches).then(pl.lit(None if missing is None else tidak_ada(missing), pl.String)).otherwise(expr)
    return expr
