"""Dagster definitions only: assets, checks, jobs, schedules, sensors and resources, one folder
per domain. The logic they call lives in `pipelines/lib/`."""
