"""Plain, Dagster-free code: shared machinery (problems, parsing, provenance, numbers,
messages) and one package per domain with its readers, formulas, rules and exporters.
`pipelines/defs/` wraps these in assets, checks, jobs and schedules."""
