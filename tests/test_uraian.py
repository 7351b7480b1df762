"""What the Dagster UI shows a steward is in the catalogue: the descriptions of assets, asset
checks, jobs, schedules, sensors, our resources and table columns are Indonesian by default and English with
LKJIP_BAHASA=en. Definitions are built at import, so each language loads them in a process of
its own (the tests themselves run in English)."""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys

import pytest

from scripts import extract_messages
from tests.conftest import REPO

# Every description of the code location, by what it describes, as JSON.
DUMP = """
import inspect, json, pkgutil, importlib
import pandera.polars as pa
import schemas
from pipelines.definitions import defs
from pipelines.defs.kontrak import column_schema

repo = defs.get_repository_def()
graph = repo.asset_graph
found = {f"asset {k.to_user_string()}": graph.get(k).description for k in graph.get_all_asset_keys()}
found |= {f"check {k.to_user_string()}": graph.get_check_spec(k).description for k in graph.asset_check_keys}
found |= {f"job {j.name}": j.description for j in repo.get_all_jobs() if not j.name.startswith("__")}
found |= {f"schedule {s.name}": s.description for s in repo.schedule_defs}
found |= {f"sensor {s.name}": s.description for s in repo.sensor_defs}
found |= {f"resource {k}": r.description for k, r in repo.get_top_level_resources().items() if k != "warehouse"}  # dagster-duckdb's own
for info in pkgutil.iter_modules(schemas.__path__):
    module = importlib.import_module(f"schemas.{info.name}")
    for model in vars(module).values():
        if inspect.isclass(model) and issubclass(model, pa.DataFrameModel) and model.__module__ == module.__name__:
            for column in column_schema(model).columns:
                found[f"column {model.__name__}.{column.name}"] = column.description
print(json.dumps(found))
"""


def descriptions(bahasa: str) -> dict[str, str | None]:
    env = {**os.environ, "LKJIP_BAHASA": bahasa, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", DUMP], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def indonesian(english: str, po: dict[str, str]) -> set[str]:
    """The catalogue's Indonesian of a description: a msgid's msgstr, or, for each msgid with
    placeholders that the English fits, its msgstr filled with the values (themselves translated
    where they are msgids); empty when the catalogue does not have it."""
    if po.get(english):
        return {po[english]}
    found = set()
    for msgid, msgstr in po.items():
        parts = list(string.Formatter().parse(msgid))
        if not msgstr or not any(name for _literal, name, _spec, _conversion in parts):
            continue
        pattern, seen = "", set()
        for literal, name, _spec, _conversion in parts:
            pattern += re.escape(literal) + ("" if not name else f"(?P={name})" if name in seen else f"(?P<{name}>.+)")
            seen.add(name)
        if match := re.fullmatch(pattern, english, flags=re.DOTALL):
            found.add(msgstr.format(**{k: po.get(v) or v for k, v in match.groupdict().items()}))
    return found


@pytest.fixture(scope="module")
def both() -> tuple[dict, dict]:
    return descriptions("id"), descriptions("en")


def test_every_description_and_column_is_described_in_both_languages(both):
    indonesian_, english = both
    assert indonesian_.keys() == english.keys()
    assert any(k.startswith("column IkuCapaian.") for k in english) and any(k.startswith("schedule ") for k in english)
    missing = sorted(k for k in english if not (english[k] or "").strip() or not (indonesian_[k] or "").strip())
    assert not missing, f"without a description: {missing}"


def test_the_indonesian_is_the_catalogues_and_the_english_its_msgid(both):
    indonesian_, english = both
    po = extract_messages.po_entries()
    wrong = {k: (english[k], indonesian_[k]) for k in english if english[k] and indonesian_[k] not in indonesian(english[k], po)}
    assert not wrong, f"not the catalogue's translation of an English msgid: {json.dumps(wrong, indent=1, ensure_ascii=False)[:6000]}"
