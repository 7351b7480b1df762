"""Which SIPD document is reported: DPPA supersedes DPA for the same SKPD and cut-off; the
anggaran measures also keep only the latest cut-off of the year (SIPD figures are cumulative).

Takes and returns relation text (usable after FROM), like rollup.rollup."""

from __future__ import annotations

DOCUMENT_RANK = {"DPA": 0, "DPPA": 1}
# Whose document, and at which cut-off (none for a file of the whole year: compared as equal).
DOCUMENT_KEY = ["kode_wilayah", "tahun", "skpd", "tanggal_keadaan"]
SKPD_YEAR = ["kode_wilayah", "tahun", "skpd"]


def _rank(table: str) -> str:
    # Another jenis_dokumen is an error, not a silent drop (the SIPD contract allows only these).
    jenis = f"{table}.jenis_dokumen"
    cases = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in DOCUMENT_RANK.items())
    return f"CASE {jenis} {cases} ELSE error('jenis_dokumen not in DPA/DPPA: ' || coalesce({jenis}, 'NULL')) END"


def reported_documents(lines: str, *, latest_cutoff: bool = False) -> str:
    """The lines of the reported version: per SKPD and cut-off (DOCUMENT_KEY), the latest
    document (DPPA over DPA). With latest_cutoff, only each SKPD's latest cut-off of the year.

    The versions are decided on one small row per document, then the lines are joined to it.
    Dropping superseded versions never removes a cut-off (each cut-off keeps its top version), so
    the latest cut-off is the same before and after: the two rules commute."""
    documents = f"SELECT {', '.join(DOCUMENT_KEY)}, max({_rank('l')}) AS top FROM {lines} AS l GROUP BY {', '.join(DOCUMENT_KEY)}"
    if latest_cutoff:
        documents += f" QUALIFY tanggal_keadaan IS NOT DISTINCT FROM max(tanggal_keadaan) OVER (PARTITION BY {', '.join(SKPD_YEAR)})"
    on = " AND ".join(f"l.{k} IS NOT DISTINCT FROM d.{k}" for k in DOCUMENT_KEY)
    return f"(SELECT l.* FROM {lines} AS l JOIN ({documents}) AS d ON {on} AND {_rank('l')} = d.top)"
