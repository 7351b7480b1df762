"""One writer per warehouse at a time, and nothing left behind by a run that was killed.

The lock is an OS file lock (flock) on <warehouse-dir>/.lkjip.lock: the kernel releases it when
the holding process ends however it ends (kill -9 included), so a killed run can never leave it
stuck. `lkjip run` holds it for its whole plan and refuses to start while another run writes;
a run launched from the UI, a schedule or the sensor takes it through the warehouse IO manager
and waits up to LKJIP_LOCK_WAIT seconds (default 300) before failing with the same message.
The lock is re-entrant within a process, so the CLI's own runs pass through.

Whoever takes the lock first cleans what a killed run left: export staging folders, temporary
files, and Data Docs pages no index entry points to.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from schemas.pesan import _
from pipelines import settings
from pipelines.lib.atomic import TMP_SUFFIX
from pipelines.lib.ekspor.berkas import STAGING
from pipelines.lib.reviu.gx import docs

LOCK_FILE = ".lkjip.lock"
_held: dict[Path, int] = {}  # lock file → depth of re-entry in this process


class WarehouseBusy(Exception):
    """Another process is writing the warehouse."""


def wait_seconds() -> float:
    return float(os.environ.get("LKJIP_LOCK_WAIT", "300"))


@contextmanager
def single_writer(warehouse_dir: Path, what: str, wait: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's writer lock (waiting up to `wait` seconds), raising WarehouseBusy
    with who holds it otherwise. On first taking it, clean a killed run's leftovers."""
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    path = warehouse_dir.resolve() / LOCK_FILE  # the folder may be a link; the files in it may not
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    _no_links(warehouse_dir)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise WarehouseBusy(_link(path)) from None
        raise
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip() or _("another process")
                    raise WarehouseBusy(
                        _("another run is writing the warehouse in {folder} ({holder}); wait until it has finished, then start again").format(
                            folder=warehouse_dir, holder=holder)
                    ) from None
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
        os.pwrite(fd, _("pid {pid}, {what}, since {started}").format(pid=os.getpid(), what=what, started=started).encode(), 0)
        _held[path] = 1
        try:
            try:
                clean_leftovers(warehouse_dir)
            except (OSError, ValueError):  # best effort: a leftover the next run can still remove
                pass
            yield
        finally:
            del _held[path]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the lock


def _link(path: Path) -> str:
    return _("{path} is a symbolic link: the pipeline writes only files of its own there, never through a link; "
             "delete the link (and restore the real file from a backup if it was moved) and start again").format(path=path)


def _no_links(warehouse_dir: Path) -> None:
    """The files the pipeline writes are never reached through a link: a link planted in their
    place would have the run truncate or overwrite whatever it points to."""
    for name in (LOCK_FILE, settings.DATABASE_NAME, settings.DATABASE_NAME + ".wal"):
        if (warehouse_dir / name).is_symlink():
            raise WarehouseBusy(_link(warehouse_dir / name))


def clean_leftovers(warehouse_dir: Path) -> list[Path]:
    """Remove what a killed run left (only ever called while holding the lock): export staging
    folders and half-swapped `.old` folders, hidden temporary files, orphaned Data Docs pages."""
    removed: list[Path] = []
    exports = warehouse_dir / settings.EXPORTS
    if exports.is_dir():
        for folder in [*exports.glob(f"{STAGING}*"), *exports.glob("*/.*.old")]:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    for root in (exports, warehouse_dir / settings.DATA_DOCS):
        if root.is_dir():
            for tmp in root.rglob(f".*{TMP_SUFFIX}"):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    removed += docs.remove_orphans(warehouse_dir / settings.DATA_DOCS)
    return removed
