"""The house's layering: contracts below code, plain logic below Dagster, no import cycles.

Every import counts, function-level ones included, because a cycle hidden inside a function
still ties two modules together."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipelines", "schemas")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Our own modules that `path` imports anywhere in its body."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from a.b import c` imports module a.b.c when c is a module, else a name of a.b
            names = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in modules else node.module
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) for name, path in modules.items()}


def _offenders(graph, importer_prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{importer} → {imported}"
        for importer, imported_set in graph.items()
        if importer.startswith(importer_prefix)
        for imported in imported_set
        if imported.startswith(forbidden)
    )


def test_contracts_depend_on_no_pipeline_code(graph):
    assert _offenders(graph, "schemas", ("pipelines",)) == []


def test_plain_logic_does_not_reach_up_into_dagster_definitions(graph):
    upper = ("pipelines.defs", "pipelines.definitions", "pipelines.runner", "pipelines.cli",
             "pipelines.trace")
    assert _offenders(graph, "pipelines.lib", upper) == []
    dagster_users = sorted(
        _module_name(path) for path in (ROOT / "pipelines" / "lib").rglob("*.py")
        if any(
            isinstance(node, (ast.Import, ast.ImportFrom))
            and any((getattr(node, "module", None) or alias.name).split(".")[0] == "dagster"
                    for alias in node.names)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert dagster_users == []


def test_no_import_cycles(graph):
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph[module]):
            if imported == module:
                continue
            if state.get(imported) == "open":
                cycles.append(stack[stack.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, stack + [imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []



# `_` and `N_` are the message catalogue's (schemas/pesan.py), meant to be imported everywhere.
CATALOGUE_NAMES = {"_", "N_"}


def _private_imports(path: Path, modules: dict[str, Path]) -> list[str]:
    """`from <our module> import _name`: a helper another module needs is public where it lives."""
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        # a relative import (scripts/sample/) is resolved against the importing package
        base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
        module = node.module if node.level == 0 else ".".join(filter(None, [base, node.module]))
        if module not in modules:
            continue
        found += [
            f"{path.relative_to(ROOT)}: {module}.{alias.name}"
            for alias in node.names
            if alias.name.startswith("_") and alias.name not in CATALOGUE_NAMES
        ]
    return found


def test_no_module_imports_another_ones_private_names():
    paths = [path for folder in (*PACKAGES, "scripts", "tests") for path in sorted((ROOT / folder).rglob("*.py"))]
    modules = {_module_name(path): path for path in paths}
    assert [hit for path in paths for hit in _private_imports(path, modules)] == []

# Modules and names only Unix has: the dinas' own machines run Windows. `getattr(os, "O_NOFOLLOW", 0)`
# is the portable spelling of an optional one.
UNIX_ONLY_MODULES = {"fcntl", "resource", "termios", "tty", "pty", "pwd", "grp", "posix", "syslog"}
UNIX_ONLY_NAMES = {
    "os": {"O_NOFOLLOW", "pread", "pwrite", "getuid", "geteuid", "getgid", "uname", "fork", "killpg", "setsid",
           "fchmod", "fchown", "chown", "sync", "statvfs", "getpgid", "wait3", "wait4"},
    "signal": {"SIGKILL", "SIGALRM", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGQUIT", "alarm", "setitimer"},
}


def _unix_only(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in UNIX_ONLY_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module] if node.module.split(".")[0] in UNIX_ONLY_MODULES else []
            found += [f"{node.module}.{a.name}" for a in node.names if a.name in UNIX_ONLY_NAMES.get(node.module, ())]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in UNIX_ONLY_NAMES.get(node.value.id, ()):
            found.append(f"{node.value.id}.{node.attr}")
    return [f"{path.relative_to(ROOT)}: {name}" for name in found]


def test_the_run_path_uses_nothing_only_unix_has():
    assert [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py")) for hit in _unix_only(path)] == []
