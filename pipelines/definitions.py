"""The code location: every asset under pipelines/defs, the warehouse and the raw folder."""

from __future__ import annotations

import dagster as dg

from pipelines import defs as defs_package
from pipelines.defs.jobs import JOBS
from pipelines.defs.resources import resources

defs = dg.Definitions(
    assets=dg.load_assets_from_package_module(defs_package),
    jobs=JOBS,
    resources=resources(),
    # DuckDB allows one writer: steps of a run execute one after another in one process.
    executor=dg.in_process_executor,
)
