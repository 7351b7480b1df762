"""Shared test helpers: an isolated Dagster instance and small real-shaped raw folders."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_RAW = REPO / "raw"


@pytest.fixture(scope="session", autouse=True)
def dagster_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tests never touch the repo's .dagster_home/."""
    home = tmp_path_factory.mktemp("dagster_home")
    os.environ["DAGSTER_HOME"] = str(home)
    # Messages in the msgids' English, which the tests were written against; tests of the
    # Indonesian catalogue (the default) set LKJIP_BAHASA=id themselves.
    os.environ["LKJIP_BAHASA"] = "en"
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return home


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    """Rows as given (title rows, blank rows and the header included)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory, dagster_home: Path):
    """The shipped sample run once through the CLI's runner; tests read its warehouse."""
    from pipelines import runner

    warehouse = tmp_path_factory.mktemp("warehouse")
    outcome = runner.run(SAMPLE_RAW, warehouse)
    assert outcome.ok, "\n".join(outcome.problems)
    return outcome


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped sample to break on purpose."""
    target = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, target)
    return target
