"""Great Expectations suites for data stewards: tolerances, code lists and plausibility.

The pandera contracts in schemas/ own types, patterns and keys (and block a run); these suites
own what a steward judges: values in official code lists, how complete descriptive fields are,
counts and totals within expected ranges per year, and realization rates within
plausible bounds. They run on one partition's slice of a DuckDB table through GX's SQL engine,
surface as non-blocking WARN asset checks, and write Data Docs to <warehouse-dir>/data_docs/.

Great Expectations is imported only inside the functions that run a suite (engine.py, docs.py)
and by GX itself (view.py, named in the site config): importing it costs ~4 s, and nothing else
in the code location needs it. outcome.py holds what a run found; templates/ the Data Docs
templates and stylesheet (package data).
"""
