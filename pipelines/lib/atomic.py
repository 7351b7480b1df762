"""Write a file whole or not at all: a reader (or a run killed mid-write) never sees half of it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

TMP_SUFFIX = ".tmp"


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """`write(tmp)` fills a hidden temporary file beside `path`, which is then renamed over it.
    When the writer fails, the temporary file goes and the previous file stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_SUFFIX}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
