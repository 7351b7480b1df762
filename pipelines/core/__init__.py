"""Machinery shared by every source: problems, parsing, provenance, reference lists."""
