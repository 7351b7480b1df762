"""Where things live. Environment variables override the repo-relative defaults."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from schemas.pesan import _

DATABASE_NAME = "lkjip.duckdb"
EXPORTS = "exports"
DATA_DOCS = "data_docs"  # Great Expectations Data Docs, beside the warehouse


def raw_dir() -> Path:
    return Path(os.environ.get("LKJIP_RAW_DIR", "raw")).resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("LKJIP_WAREHOUSE_DIR", "warehouse")).resolve()


def hari_ini() -> date:
    """Today, or the day LKJIP_HARI_INI names (YYYY-MM-DD): what is late "as of" that day."""
    text = os.environ.get("LKJIP_HARI_INI", "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("LKJIP_HARI_INI must be a date like 2026-01-10, not '{text}'").format(text=text)) from None


def database_path(warehouse: Path | None = None) -> Path:
    return (warehouse or warehouse_dir()) / DATABASE_NAME


def project_root() -> Path:
    """The checkout (editable install); where .dagster_home/ lives by default."""
    return Path(__file__).resolve().parents[1]


# What the instance needs, appended to $DAGSTER_HOME/dagster.yaml when the key is absent (a
# steward's own settings win): no telemetry and no welcome dialog (works offline), and one run at a
# time, since DuckDB has one writer and queued runs must start in order (year N−1 before N; the
# queue's order is the jobs' `dagster/priority` tags, defs/plan.py PRIORITY).
INSTANCE_SETTINGS = {
    "telemetry": "telemetry:\n  enabled: false\n",
    "nux": "nux:\n  enabled: false\n",
    "concurrency": "concurrency:\n  runs:\n    max_concurrent_runs: 1\n",
}


DEFAULT_WAREHOUSE = "warehouse"
ENV_FILE = ".env"


def instance_home(warehouse: Path | None = None) -> Path:
    """Whose Dagster instance a run or the UI uses: an explicit DAGSTER_HOME always; else the
    repo's .dagster_home/ for the default warehouse, and <warehouse>/.dagster_home/ for any other,
    so a run into another warehouse never moves the default UI's history."""
    if explicit := os.environ.get("DAGSTER_HOME"):
        return Path(explicit).resolve()
    if warehouse is not None and warehouse.resolve() != (project_root() / DEFAULT_WAREHOUSE).resolve():
        return warehouse.resolve() / ".dagster_home"
    return (project_root() / ".dagster_home").resolve()


def write_env_file(home: Path) -> None:
    """The repo's .env names the project's instance, so `dagster dev` and `dg dev` started from
    the repo root (which read it) share lkjip's history and run queue; an exported DAGSTER_HOME
    still wins (the line defaults to it)."""
    path = project_root() / ENV_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if any(line.strip().startswith("DAGSTER_HOME=") for line in text.splitlines()):
        return
    separator = "" if not text or text.endswith("\n") else "\n"
    path.write_text(f"{text}{separator}# Written by lkjip: the project's Dagster instance.\nDAGSTER_HOME=${{DAGSTER_HOME:-{home}}}\n",
                    encoding="utf-8")


def ensure_dagster_home(warehouse: Path | None = None) -> Path:
    """The instance of instance_home(warehouse), with INSTANCE_SETTINGS in its dagster.yaml (and,
    for the project's own, the repo's .env naming it)."""
    import yaml

    home = instance_home(warehouse)
    home.mkdir(parents=True, exist_ok=True)
    if home == (project_root() / ".dagster_home").resolve():  # also when the Makefile exports it
        write_env_file(home)
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
