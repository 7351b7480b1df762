"""One writer per warehouse at a time, and nothing left behind by a run that was killed.

The lock is an OS file lock (the `filelock` library: flock on Linux and macOS, LockFileEx on
Windows) on <warehouse-dir>/.lkjip.lock: the kernel releases it when the holding process ends
however it ends (kill -9 or Task Manager included), so a killed run can never leave it stuck.
Who holds it is written beside it, in .lkjip.lock.pemegang, for the message a refused writer
prints. `lkjip run` holds the lock for its whole plan and refuses to start while another run
writes; a run launched from the UI, a schedule or the sensor takes it through the warehouse IO
manager and waits up to LKJIP_LOCK_WAIT seconds (default 300) before failing with the same
message. The lock is re-entrant within a process, so the CLI's own runs pass through.

Whoever takes the lock first cleans what a killed run left: export staging folders, temporary
files, and Data Docs pages no index entry points to.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from schemas.pesan import _
from pipelines import settings
from pipelines.lib.atomic import TMP_SUFFIX, write_atomic
from pipelines.lib.ekspor.berkas import STAGING
from pipelines.lib.reviu.gx import docs

LOCK_FILE = ".lkjip.lock"
# Not the lock file itself: filelock owns its content, and Windows locks its first byte against reads.
HOLDER_FILE = LOCK_FILE + ".pemegang"
POLL_SECONDS = 0.5
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
    holder = path.with_name(HOLDER_FILE)
    # No soft fallback: a marker file outlives a killed holder; only a kernel lock cannot get stuck.
    lock = FileLock(path, thread_local=False, fallback_to_soft=False, preserve_lock_file=True)
    try:
        lock.acquire(timeout=max(wait, 0.0), poll_interval=POLL_SECONDS)  # negative is "forever" to filelock
    except Timeout:
        raise WarehouseBusy(
            _("another run is writing the warehouse in {folder} ({holder}); wait until it has finished, then start again").format(
                folder=warehouse_dir, holder=_holder(holder))
        ) from None
    try:
        _write_holder(holder, what)
        _held[path] = 1
        try:
            try:
                clean_leftovers(warehouse_dir)
            except (OSError, ValueError):  # best effort: a leftover the next run can still remove
                pass
            yield
        finally:
            del _held[path]
            # Before releasing, so the next holder's line is never the one removed.
            with suppress(OSError):  # a refused writer reading it on Windows; a stale line is harmless
                holder.unlink()
    finally:
        lock.release()


def _write_holder(holder: Path, what: str) -> None:
    """Say who holds the lock, whole or not at all, for the message a refused writer prints."""
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    line = _("pid {pid}, {what}, since {started}").format(pid=os.getpid(), what=what, started=started)
    # Best effort: on Windows a refused writer still reading the last line blocks the rename, and
    # the line only decorates a refusal; the run must not fail for it.
    with suppress(OSError):
        write_atomic(holder, lambda tmp: _write_new(tmp, line))


def _write_new(tmp: Path, text: str) -> None:
    """Write `text` to a new file: a leftover or a link planted at `tmp` is removed, never written through."""
    tmp.unlink(missing_ok=True)
    with tmp.open("x", encoding="utf-8") as fh:
        fh.write(text)


def _holder(path: Path) -> str:
    """The holder's line; a missing or unreadable file (a holder that has just taken the lock) names nobody."""
    try:
        with path.open("rb") as fh:
            return fh.read(500).decode("utf-8", "replace").strip() or _("another process")
    except OSError:
        return _("another process")


def _link(path: Path) -> str:
    return _("{path} is a symbolic link: the pipeline writes only files of its own there, never through a link; "
             "delete the link (and restore the real file from a backup if it was moved) and start again").format(path=path)


def _no_links(warehouse_dir: Path) -> None:
    """The files the pipeline writes are never reached through a link: a link planted in their
    place would have the run truncate or overwrite whatever it points to."""
    for name in (LOCK_FILE, HOLDER_FILE, settings.DATABASE_NAME, settings.DATABASE_NAME + ".wal"):
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
