"""`lkjip trace`: the chain behind one indicator's number, from the warehouse and the instance."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from pipelines import settings
from schemas.pesan import _
from pipelines.lib.wilayah import region_names
from pipelines.defs.berkas_mentah import raw_file_hashes
from pipelines.lib.kinerja import jejak


class NotFound(Exception):
    """No such indicator, region or year in the warehouse."""


def trace(warehouse_dir: Path, indicator_id: str, kode_wilayah: str, tahun: int) -> list[str]:
    database = settings.database_path(warehouse_dir.resolve())
    if not database.exists():
        raise NotFound(_("no warehouse in {path}: run `lkjip run` first").format(path=database))
    settings.ensure_dagster_home(warehouse_dir)
    try:
        return _trace(database, indicator_id, kode_wilayah, tahun)
    except duckdb.Error as err:  # no LKjIP built yet, or a run holds the warehouse
        raise NotFound(_("the warehouse {path} cannot be read for this ({error}): run `lkjip run` first, or wait until the run has finished").format(
            path=database, error=str(err).splitlines()[0])) from None


def _trace(database: Path, indicator_id: str, kode_wilayah: str, tahun: int) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as conn:
        key = [kode_wilayah, tahun, indicator_id]
        where = "WHERE kode_wilayah = ? AND tahun = ? AND indicator_id = ?"
        capaian = conn.execute(f"SELECT * FROM kinerja.iku_capaian {where}", key).pl()
        realisasi = conn.execute(f"SELECT * FROM kinerja.realisasi {where}", key).pl()
        masukan = conn.execute(f"SELECT * FROM kinerja.realisasi_masukan {where}", key).pl()
        if capaian.is_empty() or realisasi.is_empty():
            known = conn.execute(
                "SELECT string_agg(DISTINCT indicator_id, ', ' ORDER BY indicator_id) FROM kinerja.iku_capaian WHERE kode_wilayah = ? AND tahun = ?",
                [kode_wilayah, tahun],
            ).fetchone()[0]
            raise NotFound(
                _("indicator {indikator} of {wilayah} in {tahun} is not in the warehouse").format(
                    indikator=indicator_id, wilayah=kode_wilayah, tahun=tahun)
                + (" " + _("(it holds: {known})").format(known=known) if known else "")
            )
        with dg.DagsterInstance.get() as instance:
            hashes = raw_file_hashes(instance, str(database))
        rows = jejak.chain(conn, masukan, hashes)
    names = region_names()
    return jejak.describe(capaian.row(0, named=True), realisasi.row(0, named=True), rows, names.get(kode_wilayah, kode_wilayah))
