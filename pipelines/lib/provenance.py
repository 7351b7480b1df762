"""Which files a table came from: path, sha256, rows — for asset metadata and lineage."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from schemas.pesan import _
from pipelines.lib.problems import SOURCE_FILE, Problem, raise_if


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


def outside() -> str:
    return _("leads outside the raw folder (a symbolic link): refused; copy the file itself into raw/")


def max_file_bytes() -> int:
    """The size limit per raw file (LKJIP_MAX_FILE_MB, default 200 MB): no file, however it
    was made, makes a run hold more than a bounded amount of memory."""
    return int(float(os.environ.get("LKJIP_MAX_FILE_MB", "200")) * 1024 * 1024)


def inside(raw_dir: Path, path: Path) -> bool:
    """True when `path` (following every link) stays inside `raw_dir`."""
    return path.resolve().is_relative_to(raw_dir.resolve())


@dataclass(frozen=True)
class Listing:
    """One source folder: the files read, the entries left alone with the reason, and the
    problems of the entries that stop the run (reported with the problems of the files read)."""

    sources: list[SourceFile]
    ignored: list[tuple[str, str]]
    problems: list[Problem]


def list_folder(raw_dir: Path, folder: str, extensions: tuple[str, ...]) -> Listing:
    """Files directly in raw/<folder>/ whose extension (any case) is one of `extensions`,
    sorted so runs are repeatable. Hidden and Office lock files (`.…`, `~$…`) are skipped;
    subfolders and other extensions are listed as ignored. A file or folder that leads outside
    raw/ (a symbolic link) or is larger than the limit is a problem, named, and not read."""
    base = raw_dir / folder
    if not base.is_dir():
        return Listing([], [], [])
    if not inside(raw_dir, base):
        return Listing([], [], [Problem(file=f"{folder}/", message=outside())])
    problems: list[Problem] = []
    sources, ignored = [], []
    limit = max_file_bytes()
    for path in sorted(base.iterdir()):
        name = path.relative_to(raw_dir).as_posix()
        if path.name.startswith((".", "~$")):
            continue
        if not inside(raw_dir, path):
            problems.append(Problem(file=name, message=outside()))
        elif path.is_dir():
            ignored.append((name + "/", _("a subfolder: only files directly in the source folder are read")))
        elif path.suffix.lower() not in extensions:
            ignored.append((name, _("not a {kinds} file").format(kinds=" / ".join(e.lstrip(".") for e in extensions))))
        elif path.stat().st_size > limit:
            size = path.stat().st_size / 1024 / 1024
            problems.append(
                Problem(file=name, message=_("{size} MB is above the limit of {limit} MB per raw file (LKJIP_MAX_FILE_MB)").format(
                    size=f"{size:,.0f}", limit=f"{limit / 1024 / 1024:,.0f}"))
            )
        elif path.is_file():
            sources.append(SourceFile(path=path.resolve(), name=name))
    return Listing(sources, ignored, problems)


def list_sources(raw_dir: Path, folder: str, extensions: tuple[str, ...]) -> list[SourceFile]:
    """The files list_folder reads; raises ContractError when an entry is a problem."""
    listing = list_folder(raw_dir, folder, extensions)
    raise_if(listing.problems)
    return listing.sources


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
