"""What one suite run on one partition found: plain data for the asset check and the Data Docs.

Its own module so that engine.py (which produces it) and docs.py (which records it) both use it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Failure:
    expectation: str
    column: str | None
    description: str | None
    observed: str
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    sample: list[str] = field(default_factory=list)
    error: str | None = None

    def as_record(self) -> dict[str, str]:
        return {
            "expectation": self.expectation,
            "column": self.column or "",
            "observed": self.observed,
            "unexpected": "" if self.unexpected_count is None else str(self.unexpected_count),
            "unexpected_percent": "" if self.unexpected_percent is None else f"{self.unexpected_percent:.2f}",
            "sample": "; ".join(self.sample),
            "description": self.error or self.description or "",
        }


@dataclass
class Outcome:
    suite: str
    table: str
    slice_value: str
    success: bool
    evaluated: int
    failures: list[Failure]
    docs_index: Path
    docs_page: Path | None
    seconds: float
    rows: int
    docs_error: str | None = None
