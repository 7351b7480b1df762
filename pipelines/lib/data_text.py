"""YAML and JSON from raw files parsed as data only: no tags or code (safe loader), no key
written twice in one mapping (the last one would win in silence: a catalog's `target` twice, a
BPS answer's datacontent key twice), and nesting too deep to read said as such, not a crash."""

from __future__ import annotations

import json

import yaml

from schemas.pesan import _


class DataError(ValueError):
    """The text is not data we read; `line` where the parser knows it (1-based)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class _UniqueKeys(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201 — PyYAML's signature
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise DataError(_("the key '{key}' is written twice in one mapping").format(key=key), key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_yaml(text: str) -> object:
    """YAML as plain data. Raises DataError."""
    try:
        return yaml.load(text, Loader=_UniqueKeys)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataError(_("not valid YAML: {error}").format(error=getattr(err, "problem", None) or str(err).splitlines()[0]),
                        mark.line + 1 if mark else None) from None
    except RecursionError:
        raise DataError(_("nested too deeply to be a data file")) from None


def _unique(pairs: list[tuple[str, object]]) -> dict:
    body: dict = {}
    for key, value in pairs:
        if key in body:
            raise DataError(_("the key '{key}' is written twice in one object").format(key=key))
        body[key] = value
    return body


def _no_constant(name: str) -> float:
    raise DataError(_("{name} is not a number").format(name=name))


def load_json(text: str) -> object:
    """JSON as plain data: no NaN or Infinity, no key twice in one object. Raises DataError."""
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_constant=_no_constant)
    except DataError:
        raise
    except ValueError as err:
        raise DataError(_("not a valid JSON file ({error})").format(error=err)) from None
    except RecursionError:
        raise DataError(_("nested too deeply to be a data file")) from None
