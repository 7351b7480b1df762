"""Which files raw/ holds, by content: sha256 per file, re-hashed only when size or mtime
changed, and the changes between two scans (for the raw-file sensor)."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path

from pipelines.lib.provenance import inside, sha256_of

SETTLE_SECONDS = 5.0  # a file modified this recently may still be copying: next tick


def load_cursor(cursor: str | None) -> dict[str, dict]:
    state = json.loads(cursor) if cursor else {}
    return {"sha256": dict(state.get("sha256", {})), "stat": dict(state.get("stat", {})), "future": list(state.get("future", []))}


def candidates(raw_dir: Path, watched: Mapping[str, tuple[str, ...]]) -> list[Path]:
    """The files an ingest would read: directly in raw/<folder>/ for each watched folder, with one
    of its extensions (any case), not hidden or an Office lock file (`.…`, `~$…`), and not a link
    leading outside raw/ (never opened here; the ingest refuses it by name)."""
    found = []
    for folder, extensions in watched.items():
        base = raw_dir / folder
        if not base.is_dir() or not inside(raw_dir, base):
            continue
        found += [
            path for path in base.iterdir()
            if not path.name.startswith((".", "~$")) and path.suffix.lower() in extensions
            and inside(raw_dir, path) and path.is_file()
        ]
    return sorted(found)


def scan(raw_dir: Path, before: dict[str, dict], watched: Mapping[str, tuple[str, ...]], now: float | None = None) -> dict[str, dict]:
    """The files an ingest would read (`candidates`) with their sha256, re-hashed only when size
    or mtime changed. A file modified in the last SETTLE_SECONDS keeps its previous entry (or
    stays unseen) until it settles. A file dated in the future (a wrong clock where it was made)
    cannot settle by its date: it counts as settled now and is listed under "future"."""
    now = time.time() if now is None else now
    after: dict[str, dict] = {"sha256": {}, "stat": {}, "future": []}
    for path in candidates(raw_dir, watched):
        name = path.relative_to(raw_dir).as_posix()
        stat = path.stat()
        size_mtime = [stat.st_size, stat.st_mtime_ns]
        if stat.st_mtime > now + SETTLE_SECONDS:
            after["future"].append(name)
        elif now - stat.st_mtime < SETTLE_SECONDS:
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
