"""Dagster definitions, one folder per domain (source, kinerja, anggaran, reviu, ekspor)."""
