"""Dependencies point one way: the import graph of the package (read with `ast`, nothing imported) has no
cycle, and each part imports only the parts below it. The table is the one in ARCHITECTURE.md.

Every import counts, at the top of a module or inside a function (an import moved into a function
still runs), except those under `if TYPE_CHECKING:`, which never run.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "evaluator"

# the shared foundation: phrases, numbers, problems, vocabulary, file input and output; imports only itself
BASE = {"i18n", "numbers", "messages", "problems", "vocabulary", "inputs", "outputs", "supervise", "bundled",
        "expressions", "evidence", "sheet_text", "text_table"}
# part → the parts it may import (besides itself and the foundation)
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "rubric": set(),
    "forms": {"rubric"},
    "scoring": {"rubric"},
    "survey": {"rubric", "forms", "scoring"},
    "improvement": {"rubric", "forms", "scoring", "report"},
    "jobs": {"rubric", "improvement"},
    "store": {"rubric", "scoring"},
    "report": {"rubric", "scoring"},
    "compare": {"rubric", "scoring", "forms", "store", "report"},
    "pipeline": {"rubric", "forms", "scoring", "store", "report", "jobs", "improvement"},
    "batch": {"rubric", "jobs", "pipeline"},
    "settings": {"store"},
    "apps": set(),                                                            # the engine as a Django app
    "web": {"rubric", "forms", "scoring", "store", "report", "compare", "survey", "improvement", "jobs", "pipeline",
            "batch", "settings"},
    "cli": {"rubric", "forms", "scoring", "store", "report", "compare", "survey", "improvement", "jobs", "pipeline",
            "batch", "settings", "web", "package"},
    "package": {"rubric", "forms", "scoring", "store", "report", "compare"},   # evaluator/__init__.py: the API
}
# modules a part may not import even though the part may import their package
FORBIDDEN_MODULES = {"store": {"evaluator.rubric.loader"}}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement except those under `if TYPE_CHECKING:`."""
    skipped = {id(node) for stmt in ast.walk(tree) if isinstance(stmt, ast.If)
               and ast.unparse(stmt.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
               for body in stmt.body for node in ast.walk(body)}
    return [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped]


def import_graph() -> dict[str, set[str]]:
    """module → the package's modules it imports (`from a import b` counts as a.b when b is a module)."""
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for imported in targets:
                target = imported
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith("evaluator") and target != name:
                    graph[name].add(target)
    return graph


def part(module: str) -> str:
    """The part of the package a module belongs to (the table's rows)."""
    pieces = module.split(".")
    if len(pieces) == 1:
        return "package"
    return "base" if pieces[1] in BASE else pieces[1]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_each_part_imports_only_the_parts_below_it():
    wrong = sorted((a, b) for a, targets in import_graph().items() for b in targets
                   if part(a) != part(b) and part(b) != "base" and part(b) not in ALLOWED[part(a)])
    assert wrong == []


def test_the_foundation_imports_nothing_above_it():
    wrong = sorted((a, b) for a, targets in import_graph().items() if part(a) == "base"
                   for b in targets if part(b) != "base")
    assert wrong == []


def test_the_store_does_not_reach_into_the_rubric_loader_and_reports_do_not_read_the_store():
    graph = import_graph()
    assert sorted((a, b) for a, targets in graph.items() for b in targets
                  if b in FORBIDDEN_MODULES.get(part(a), ())) == []
    assert sorted((a, b) for a, targets in graph.items() if part(a) == "report" for b in targets
                  if part(b) == "store") == []


def test_every_part_is_in_the_table():
    assert {part(m) for m in _modules()} <= set(ALLOWED)


@pytest.mark.parametrize(("source", "expected"), [
    ("import evaluator.rubric.loader", {"evaluator.rubric.loader"}),
    ("from evaluator.store import facade", {"evaluator.store.facade"}),
    ("from evaluator.store import Store", {"evaluator.store"}),
    ("if TYPE_CHECKING:\n    from evaluator.store import Store", set()),
    ("def f():\n    from evaluator.pipeline import score_form", {"evaluator.pipeline"}),
])
def test_the_graph_reads_imports_as_python_runs_them(tmp_path, monkeypatch, source, expected):
    """The reader itself: a test that cannot fail is a defect, so the graph is checked on known sources."""
    fake = tmp_path / "evaluator"
    for module in ("rubric/loader", "store/facade", "store/__init__", "pipeline", "probe", "__init__", "rubric/__init__"):
        (fake / module).with_suffix(".py").parent.mkdir(parents=True, exist_ok=True)
        (fake / module).with_suffix(".py").write_text("", encoding="utf-8")
    (fake / "probe.py").write_text(source, encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    assert import_graph().get("evaluator.probe", set()) == expected


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
