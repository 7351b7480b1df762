"""List every message of the catalogue: the string literal of each `_("…")` or `per_row("…", …)`
call in pipelines/ and schemas/.

    .venv/bin/python scripts/extract_messages.py           # the msgids, one per line (repr)
    .venv/bin/python scripts/extract_messages.py --check   # exit 1 naming msgids the Indonesian .po lacks
    .venv/bin/python scripts/extract_messages.py --check --compile   # then compile lkjip.mo (polib)

Used by `make messages` and by tests/test_pesan.py and tests/test_uraian.py.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "schemas" / "locale" / "id" / "LC_MESSAGES" / "lkjip.po"
MO = PO.with_suffix(".mo")
TRANSLATING = {"_", "N_", "per_row"}  # schemas.pesan's functions that take a msgid


def msgids(roots: tuple[Path, ...] = (ROOT / "pipelines", ROOT / "schemas")) -> dict[str, str]:
    """msgid → where it is used first (path:line)."""
    found: dict[str, str] = {}
    for path in sorted(p for root in roots for p in root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TRANSLATING and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def po_entries(path: Path = PO) -> dict[str, str]:
    """msgid → msgstr of each entry the compiled catalogue holds (translated, not fuzzy or obsolete)."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)).translated_entries()}


def compile_mo(po: Path = PO, mo: Path = MO) -> Path:
    """Compile the .po to the .mo that schemas.pesan reads (what GNU msgfmt would write)."""
    polib.pofile(str(po)).save_as_mofile(str(mo))
    return mo


def main() -> None:
    found = msgids()
    if "--check" in sys.argv:
        missing = sorted(set(found) - set(po_entries()))
        for msgid in missing:
            print(f"{found[msgid]}: no Indonesian for {msgid!r}")
        if missing:
            sys.exit(1)
    if "--compile" in sys.argv:
        print(f"wrote {compile_mo().relative_to(ROOT)}")
    if not {"--check", "--compile"} & set(sys.argv):
        for msgid, where in found.items():
            print(f"{where}\t{msgid!r}")


if __name__ == "__main__":
    main()
