"""Where things live. Environment variables override the repo-relative defaults."""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "lkjip.duckdb"
EXPORTS = "exports"
DATA_DOCS = "data_docs"  # Great Expectations Data Docs, beside the warehouse


def raw_dir() -> Path:
    return Path(os.environ.get("LKJIP_RAW_DIR", "raw")).resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("LKJIP_WAREHOUSE_DIR", "warehouse")).resolve()


def database_path(warehouse: Path | None = None) -> Path:
    return (warehouse or warehouse_dir()) / DATABASE_NAME


def project_root() -> Path:
    """The checkout (editable install); where .dagster_home/ lives by default."""
    return Path(__file__).resolve().parents[1]


# What the instance needs, appended to $DAGSTER_HOME/dagster.yaml when the key is absent (a
# steward's own settings win): no telemetry and no welcome dialog (works offline), and one run at a
# time, since DuckDB has one writer and queued runs must start in order (year N−1 before N).
INSTANCE_SETTINGS = {
    "telemetry": "telemetry:\n  enabled: false\n",
    "nux": "nux:\n  enabled: false\n",
    "concurrency": "concurrency:\n  runs:\n    max_concurrent_runs: 1\n",
}


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME if set, else the repo's .dagster_home/, with INSTANCE_SETTINGS in dagster.yaml."""
    import yaml

    home = Path(os.environ.get("DAGSTER_HOME") or project_root() / ".dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    present = yaml.safe_load(text) or {}
    missing = [k for k in INSTANCE_SETTINGS if k not in present and not (k == "concurrency" and "run_queue" in present)]
    if missing:
        separator = "" if not text or text.endswith("\n") else "\n"
        block = "".join(INSTANCE_SETTINGS[k] for k in missing)
        config.write_text(f"{text}{separator}# Added by lkjip.\n{block}", encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home
