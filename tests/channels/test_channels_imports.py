"""The web layer has no import cycles, hidden or not.

Function-level imports used to get around ``bot/web/app.py`` ↔ ``api.py``, ``staff.py``, ``net.py``,
``openapi.py`` and ``bot/telegram/webhook.py``; the app's state now goes through the ``AppKey``s of
the leaf module ``bot.web.keys``. The graph read here holds every import, at any depth of a module,
so a cycle cannot hide inside a function again; and every module imports on its own in a fresh
interpreter, whatever was imported before it.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "bot"
CHECKED = ("bot.web", "bot.telegram")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> list[tuple[str, bool]]:
    """(imported bot module, imported inside a function or class?) for every import of ``path``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # "from . import api" imports the module bot.web.api; "from .keys import X" imports bot.web.keys
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        nested = id(node) not in top_level and not _inside_type_checking(tree, node)
        found += [(target, nested) for target in targets if target in MODULES and target != name]
    return found


def _inside_type_checking(tree: ast.Module, node: ast.AST) -> bool:
    for top in tree.body:
        if isinstance(top, ast.If) and "TYPE_CHECKING" in ast.unparse(top.test):
            if any(child is node for child in ast.walk(top)):
                return True
    return False


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _ in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in GRAPH:
        if node not in index:
            visit(node)
    return components


def test_the_graph_reads_the_imports_it_should():
    # the reader itself: a known edge at module level, relative imports resolved
    assert ("bot.web.keys", False) in GRAPH["bot.web.api"]
    assert ("bot.web.api", False) in GRAPH["bot.web.app"]


def test_no_import_cycle_runs_through_the_web_or_telegram_layer():
    cycles = [c for c in _cycles() if any(m.startswith(CHECKED) for m in c)]
    assert cycles == []


def test_web_modules_import_each_other_at_module_level_only():
    nested = [
        (name, target) for name in MODULES if name.startswith(CHECKED)
        for target, inside in GRAPH[name] if inside and target.startswith("bot.web")
    ]
    assert nested == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith(CHECKED)))
def test_each_module_imports_alone_in_a_fresh_interpreter(module):
    result = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
