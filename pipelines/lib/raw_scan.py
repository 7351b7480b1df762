"""Which files raw/ holds, by content: sha256 per file, re-hashed only when size or mtime
changed, and the changes between two scans (for the raw-file sensor)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pipelines.lib.provenance import inside, sha256_of

SETTLE_SECONDS = 5.0  # a file modified this recently may still be copying: next tick


def load_cursor(cursor: str | None) -> dict[str, dict]:
    state = json.loads(cursor) if cursor else {}
    return {"sha256": dict(state.get("sha256", {})), "stat": dict(state.get("stat", {}))}


def scan(raw_dir: Path, before: dict[str, dict], now: float | None = None) -> dict[str, dict]:
    """The raw folder's files with their sha256 (re-hashed only when size or mtime changed).

    Only the files directly in a source folder (raw/<source>/<file>) count: the readers read no
    subfolder. Hidden and Office lock files (`.…`, `~$…`) are skipped, as the readers skip them.
    A file modified in the last SETTLE_SECONDS keeps its previous entry (or stays unseen) until
    it settles.
    """
    now = time.time() if now is None else now
    after: dict[str, dict] = {"sha256": {}, "stat": {}}
    if not raw_dir.is_dir():
        return after
    for path in sorted(raw_dir.glob("*/*")):
        hidden = path.name.startswith((".", "~$")) or path.parent.name.startswith(".")
        # A link leading outside raw/ is never opened here; the ingest refuses it by name.
        if hidden or not inside(raw_dir, path) or not path.is_file():
            continue
        name = path.relative_to(raw_dir).as_posix()
        stat = path.stat()
        size_mtime = [stat.st_size, stat.st_mtime_ns]
        if now - stat.st_mtime < SETTLE_SECONDS:
            if name in before["sha256"]:
                after["sha256"][name] = before["sha256"][name]
                after["stat"][name] = before["stat"].get(name)
            continue
        known = before["sha256"].get(name)
        after["sha256"][name] = known if known and before["stat"].get(name) == size_mtime else sha256_of(path)
        after["stat"][name] = size_mtime
    return after


def changed_files(before: dict[str, dict], after: dict[str, dict]) -> dict[str, list[str]]:
    old, new = before["sha256"], after["sha256"]
    return {
        "new": sorted(set(new) - set(old)),
        "changed": sorted(p for p in set(new) & set(old) if new[p] != old[p]),
        "deleted": sorted(set(old) - set(new)),
    }
