"""pandera.polars contracts: the single owner of each table's columns, types, keys and row rules."""
