"""The code location: every asset under pipelines/defs, the warehouse and the raw folder."""

from __future__ import annotations

import dagster as dg

from pipelines import defs as defs_package
from pipelines.defs.jobs import JOBS
from pipelines.defs.resources import resources
from pipelines.defs.schedules import SCHEDULES, SENSORS

defs = dg.Definitions(
    assets=dg.load_assets_from_package_module(defs_package),
    asset_checks=dg.load_asset_checks_from_package_module(defs_package),
    jobs=JOBS,
    resources=resources(),
    schedules=SCHEDULES,
    sensors=SENSORS,
    # DuckDB allows one writer: steps of a run execute one after another in one process.
    executor=dg.in_process_executor,
)
