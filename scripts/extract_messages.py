"""List every message of the catalogue: the string literal of each `_("…")` or `per_row("…", …)`
call in pipelines/ and schemas/.

    .venv/bin/python scripts/extract_messages.py           # the msgids, one per line (repr)
    .venv/bin/python scripts/extract_messages.py --check   # exit 1 naming msgids the Indonesian .po lacks

Used by `make messages` (with msgfmt) and by tests/test_pesan.py.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "schemas" / "locale" / "id" / "LC_MESSAGES" / "lkjip.po"
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
    """msgid → msgstr of a .po file (the subset of the format the catalogue uses)."""
    entries, key, field = {}, None, None
    current = {"msgid": "", "msgstr": ""}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith(("msgid ", "msgstr ")):
            field, rest = line.split(" ", 1)
            if field == "msgid" and key is not None:
                entries[key] = current["msgstr"]
            current[field] = ast.literal_eval(rest)
            if field == "msgid":
                key = None
            else:
                key = current["msgid"]
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
            if field == "msgstr":
                key = current["msgid"]
    if key is not None:
        entries[key] = current["msgstr"]
    entries.pop("", None)  # the header
    return entries


def main() -> None:
    found = msgids()
    if "--check" in sys.argv:
        missing = sorted(set(found) - {k for k, v in po_entries().items() if v})
        for msgid in missing:
            print(f"{found[msgid]}: no Indonesian for {msgid!r}")
        sys.exit(1 if missing else 0)
    for msgid, where in found.items():
        print(f"{where}\t{msgid!r}")


if __name__ == "__main__":
    main()
