"""Which files a table came from: path, sha256, rows — for asset metadata and lineage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.core.problems import SOURCE_FILE


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    name: str  # relative to the raw folder, e.g. "umkm_desa/umkm_2023.xlsx"

    @property
    def sha256(self) -> str:
        return sha256_of(self.path)


def list_sources(raw_dir: Path, folder: str, patterns: tuple[str, ...]) -> list[SourceFile]:
    """Files of one source folder, sorted so runs are repeatable. Hidden/lock files skipped."""
    base = raw_dir / folder
    if not base.is_dir():
        return []
    found = {p for pat in patterns for p in base.rglob(pat)}
    return [
        SourceFile(path=p.resolve(), name=p.relative_to(raw_dir).as_posix())
        for p in sorted(found)
        if p.is_file() and not p.name.startswith((".", "~$"))
    ]


def file_table(sources: list[SourceFile], frame: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per file: path, sha256 and how many rows of `frame` came from it."""
    files = pl.DataFrame(
        {"file": [s.name for s in sources], "sha256": [s.sha256 for s in sources]},
        schema={"file": pl.String, "sha256": pl.String},
    )
    if frame is None or SOURCE_FILE not in frame.columns:
        return files.with_columns(rows=pl.lit(None, pl.Int64))
    counts = frame.group_by(SOURCE_FILE).len("rows").rename({SOURCE_FILE: "file"})
    return files.join(counts, on="file", how="left").with_columns(pl.col("rows").fill_null(0).cast(pl.Int64))
