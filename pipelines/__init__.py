"""LKjIP pipeline: Dagster code location for Indonesian regional performance reports."""
