"""The code location: everything under pipelines/defs (found by dg's defs-folder loader, as
pyproject.toml's [tool.dg] declares), bound to the warehouse, the raw folder and the exports."""

from __future__ import annotations

import dagster as dg

from pipelines import settings
from pipelines.defs.resources import resources

defs = dg.Definitions.merge(
    dg.load_from_defs_folder(project_root=settings.project_root()),
    dg.Definitions(
        resources=resources(),
        # DuckDB allows one writer: steps of a run execute one after another in one process.
        executor=dg.in_process_executor,
    ),
)
