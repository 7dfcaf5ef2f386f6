"""The package layout: no import cycle inside pipeline/, and no folder imports a later step.

Imports are read from the source (every `import` and `from ... import`, inside functions too,
since a lazy import is still a dependency); a package's own __init__ is not counted as
imported by its submodules (Python imports it first, whatever the submodule says).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# The flow, lowest first (docs/architecture.md): a module imports from its own folder or an
# earlier rank. io and components share a rank and must not import each other.
RANKS = {"common": 0, "io": 1, "components": 1, "run": 2, "review": 3, "cli": 4, "__main__": 5}


def module_names(root: Path) -> dict:
    """{dotted name: path} of every module below root (a package is its __init__.py)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imports_of(name: str, path: Path, known) -> set:
    """The modules of `known` that module `name` imports."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return {module for module in found if module in known and module != name}


def import_graph(root: Path) -> dict:
    modules = module_names(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict) -> list:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward_imports(graph: dict) -> list:
    """(importer, imported) pairs where a folder imports a later step or a peer folder."""
    wrong = []
    for module, targets in sorted(graph.items()):
        here = folder(module)
        for target in sorted(targets):
            there = folder(target)
            if not there or there == here:
                continue  # the package root (the version) is below everything
            if here not in RANKS or there not in RANKS or RANKS[there] >= RANKS[here]:
                wrong.append((module, target))
    return wrong


def test_no_import_cycle_inside_the_package():
    graph = import_graph(PACKAGE)
    assert len(graph) > 50, "the package was not found"
    assert cycles(graph) == []


def test_no_folder_imports_a_later_step():
    """Every module sits in a folder of RANKS (a new folder must be placed in the flow)."""
    graph = import_graph(PACKAGE)
    loose = sorted(m for m in graph if folder(m) and folder(m) not in RANKS)
    assert loose == [], "modules outside the folders of the flow"
    assert upward_imports(graph) == []


def _package(tmp_path, files: dict) -> Path:
    root = tmp_path / "pipeline"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("files, expected", [
    # relative and absolute imports, a lazy import inside a function, a module named from its package
    ({"run/__init__.py": "", "run/a.py": "from .b import x\n", "run/b.py": "def f():\n    from pipeline.run.a import y\n"},
     [["pipeline.run.a", "pipeline.run.b"]]),
    ({"cli/__init__.py": "from . import app\n", "cli/app.py": "from .. import cli\n"},
     [["pipeline.cli", "pipeline.cli.app"]]),
    ({"io/__init__.py": "", "io/a.py": "from ..common import c\n", "common/__init__.py": "", "common/c.py": ""}, []),
])
def test_the_cycle_check_sees_cycles(tmp_path, files, expected):
    assert cycles(import_graph(_package(tmp_path, files))) == expected


def test_the_layer_check_sees_an_upward_import(tmp_path):
    root = _package(tmp_path, {"components/__init__.py": "", "components/x.py": "from ..run.batch import go\n",
                               "run/__init__.py": "", "run/batch.py": "from ..components import x\n",
                               "io/__init__.py": "", "io/r.py": "from ..components.x import y\n"})
    assert upward_imports(import_graph(root)) == [("pipeline.components.x", "pipeline.run.batch"),
                                                  ("pipeline.io.r", "pipeline.components.x")]
