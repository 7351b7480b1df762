"""Where things live. Environment variables override the repo-relative defaults."""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "lkjip.duckdb"
EXPORTS = "exports"


def raw_dir() -> Path:
    return Path(os.environ.get("LKJIP_RAW_DIR", "raw")).resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("LKJIP_WAREHOUSE_DIR", "warehouse")).resolve()


def database_path(warehouse: Path | None = None) -> Path:
    return (warehouse or warehouse_dir()) / DATABASE_NAME


def project_root() -> Path:
    """The checkout (editable install); where .dagster_home/ lives by default."""
    return Path(__file__).resolve().parents[1]


INSTANCE_YAML = """\
# Written by lkjip on first use. The instance stays on this machine: no telemetry.
telemetry:
  enabled: false
"""


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME if set, else the repo's .dagster_home/ (created with telemetry off)."""
    home = Path(os.environ.get("DAGSTER_HOME") or project_root() / ".dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home
