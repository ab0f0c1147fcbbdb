"""Every third-party module the code imports is declared in pyproject.toml.

A package installed by hand on one machine once hid a missing test dependency from CI;
this reads the imports themselves, so the next one is named before a fresh machine meets it.
The package code may use only `dependencies`; the tests and the notebook also the `test`
extra; the benchmarks also the `bench` extra.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OWN = {"gazetteer", "geo", "maps", "tests", "bench", "conftest"}
# Which declared lists may serve each part of the tree.
SCOPES = {"gazetteer": ("dependencies",), "geo": ("dependencies",), "maps": ("dependencies",),
          "tests": ("dependencies", "test"), "examples/notebook.ipynb": ("dependencies", "test"),
          "bench": ("dependencies", "bench")}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject: dict) -> dict[str, set[str]]:
    """Distribution names per list ('dependencies' and each extra), extras of a requirement
    counted as declared too ('dask[distributed]' declares dask)."""
    project = pyproject["project"]
    lists = {"dependencies": project.get("dependencies", []), **project.get("optional-dependencies", {})}
    return {key: {_norm(re.match(r"[A-Za-z0-9._-]+", req).group()) for req in reqs} for key, reqs in lists.items()}


def _top_modules(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def imports(part: str) -> dict[str, str]:
    """Third-party top-level modules imported in a part of the tree -> one file importing it."""
    path = ROOT / part
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text("utf-8"))["cells"]
        sources = {f"{part} cell {i}": "".join(c["source"]) for i, c in enumerate(cells) if c["cell_type"] == "code"}
    else:
        sources = {str(f.relative_to(ROOT)): f.read_text("utf-8") for f in sorted(path.rglob("*.py"))}
    found = {}
    for where, src in sources.items():
        for mod in _top_modules(src):
            if mod not in sys.stdlib_module_names and mod not in OWN and mod != "__future__":
                found.setdefault(mod, where)
    return found


def undeclared(part: str, pyproject: dict) -> list[str]:
    lists = declared(pyproject)
    allowed = set().union(*(lists.get(k, set()) for k in SCOPES[part]))
    dists = packages_distributions()
    missing = []
    for mod, where in sorted(imports(part).items()):
        names = {_norm(d) for d in dists.get(mod, [])}
        if not names & allowed:
            missing.append(f"{mod} (imported in {where}; distribution {', '.join(sorted(names)) or 'not installed'})")
    return missing


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


@pytest.mark.parametrize("part", sorted(SCOPES))
def test_every_import_is_declared(part):
    missing = undeclared(part, PYPROJECT)
    assert not missing, "not declared in pyproject.toml: " + "; ".join(missing)


def test_a_dependency_removed_from_pyproject_is_named():
    without = json.loads(json.dumps(PYPROJECT))
    without["project"]["optional-dependencies"]["test"] = [
        r for r in without["project"]["optional-dependencies"]["test"] if not r.startswith("hypothesis")]
    missing = set(undeclared("tests", without)) - set(undeclared("tests", PYPROJECT))
    assert [m.split(" (")[0] for m in missing] == ["hypothesis"]
    assert "(imported in tests/test_" in missing.pop()


def test_the_package_may_not_lean_on_test_extras():
    # maps imports folium; declared only in the test extra it would not count for maps/
    moved = json.loads(json.dumps(PYPROJECT))
    deps = moved["project"]["dependencies"]
    moved["project"]["dependencies"] = [r for r in deps if not r.startswith("folium")]
    moved["project"]["optional-dependencies"]["test"].append("folium>=0.17")
    missing = set(undeclared("maps", moved)) - set(undeclared("maps", PYPROJECT))
    assert [m.split(" (")[0] for m in missing] == ["folium"]
