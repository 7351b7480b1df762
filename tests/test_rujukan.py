"""Every path the code and docs cite leads somewhere in this repository.

A docstring that says `see pipelines/lib/x.py` or `docs/sumber.md §2` is a promise to the reader;
when a module moves or a document lives only outside the checkout, the promise breaks silently.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = [ROOT / "README.md", *(
    path
    for folder in ("pipelines", "schemas", "scripts", "tests", "docs")
    for suffix in ("*.py", "*.md", "*.j2")
    for path in sorted((ROOT / folder).rglob(suffix))
    # its own examples lead nowhere on purpose; tests/data/ notes where third-party files came
    # from, in other repositories' paths
    if path != Path(__file__).resolve() and (ROOT / "tests" / "data") not in path.parents
)]

# A repo-relative path starts a word (not `../shared/pipelines`, not `a.pipelines/`): its top
# folder, then path characters. `<tahun>`, `*`, `{…}` and `|` make it a pattern, not a path.
PATH = re.compile(r"(?<![\w./~-])((?:pipelines|schemas|scripts|tests|docs)/[\w./<>*{}|-]*)")
DOCUMENT = re.compile(r"(?<![\w./<>*-])([\w-]+\.md)\b")
PATTERN = re.compile(r"[<>*{}|]")

DOCUMENTS = {path.name for path in ROOT.rglob("*.md") if ".venv" not in path.parts}


def _cited(text: str) -> tuple[set[str], set[str]]:
    paths = {m.rstrip(".") for m in PATH.findall(text) if not PATTERN.search(m)}
    return paths, set(DOCUMENT.findall(text))


def test_cited_paths_and_documents_exist():
    missing = []
    for source in SCANNED:
        paths, documents = _cited(source.read_text(encoding="utf-8"))
        missing += [f"{source.relative_to(ROOT)}: {p}" for p in sorted(paths) if not (ROOT / p).exists()]
        missing += [f"{source.relative_to(ROOT)}: {d}" for d in sorted(documents) if d not in DOCUMENTS]
    assert missing == []


def test_a_missing_path_or_document_is_found():
    paths, documents = _cited(
        "see `pipelines/lib/nowhere.py`, docs/sumber.md §2, outputs.md; not raw/<tahun>/, "
        "pipelines/lib/<source>/reader.py, ../shared/spec/pipelines/x.py or sipd/*.xlsx"
    )
    assert paths == {"pipelines/lib/nowhere.py", "docs/sumber.md"}
    assert documents == {"outputs.md"}  # docs/sumber.md is a path, checked as one
    assert not (ROOT / "pipelines/lib/nowhere.py").exists() and "outputs.md" not in DOCUMENTS
