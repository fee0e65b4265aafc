"""The layers of docs/ARCHITECTURE.md hold: checked by tools, not by a text search.

The contracts are import-linter's, in pyproject.toml ([tool.importlinter]); CI runs only
pytest, so this module runs them. grimp (import-linter's graph) reads every import
statement, those written inside functions and under TYPE_CHECKING included, so an import
moved into a function to hide a cycle or a layer break is still seen.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]

# Import cycles among rapport's modules that are known and not yet broken. Each entry is
# one strongly connected group (every module reaches every other). The list may only
# shrink: the test fails on a new cycle, and on an entry whose cycle is gone (remove it).
# TYPE_CHECKING-only cycles count all the same. Broken so far: services
# interactions <-> undo (services/last_contact.py), dbcheck <-> search, backup <-> book
# (services/damaged.py); store search <-> search_text (Hit and words_of in search_text);
# the window's parts <-> main_window (ui/window_parts.py: Protocols); core capture_tasks
# <-> capture_requests <-> capture_task_titles (core/understand/tasks/model.py); core dates <->
# dates_handlers <-> dates_rules (core/understand/dates/days.py holds the arithmetic).
KNOWN_CYCLES: set[frozenset[str]] = set()


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("rapport", include_external_packages=True, cache_dir=None)


def test_the_import_contracts_are_kept() -> None:
    """lint-imports with the contracts of pyproject.toml (core has no Qt and no database;
    ui never imports store; the CLI never imports ui, the window or Qt; layers)."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command is not None, "import-linter is missing: pip install -e '.[test]'"
    out = subprocess.run(
        [command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def import_cycles(graph: grimp.ImportGraph, package: str = "rapport") -> set[frozenset[str]]:
    """The groups of the package's modules that import each other (Tarjan's components)."""

    def inside(module: str) -> bool:
        return module == package or module.startswith(package + ".")

    modules = sorted(m for m in graph.modules if inside(m))
    edges = {
        m: sorted(n for n in graph.find_modules_directly_imported_by(m) if inside(n))
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: set[frozenset[str]] = set()

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.add(frozenset(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(modules)))
    try:
        for module in modules:
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return groups


def test_no_import_cycle_but_the_known_ones(graph: grimp.ImportGraph) -> None:
    found = import_cycles(graph)
    new = [sorted(group) for group in found - KNOWN_CYCLES]
    gone = [sorted(group) for group in KNOWN_CYCLES - found]
    assert not new, f"new import cycles (break them, do not list them): {new}"
    assert not gone, f"these cycles are gone or changed: update KNOWN_CYCLES: {gone}"


def test_the_cycle_finder_sees_imports_inside_functions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finder itself: a cycle closed by an import inside a function is one."""
    package = tmp_path / "rapport_cycle_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from rapport_cycle_probe import b\n")
    (package / "b.py").write_text("def later():\n    from rapport_cycle_probe import a\n")
    (package / "c.py").write_text("from rapport_cycle_probe import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("rapport_cycle_probe", cache_dir=None)
    assert import_cycles(graph, "rapport_cycle_probe") == {
        frozenset({"rapport_cycle_probe.a", "rapport_cycle_probe.b"})
    }


def test_the_command_line_and_render_never_import_qt_widgets(graph: grimp.ImportGraph) -> None:
    """import-linter sees PySide6 as one package; QtWidgets is checked here, on every
    rapport module the command line and render/ can reach."""
    reached = set()
    for start in ("rapport.cli", "rapport.render"):
        reached |= {start, *graph.find_descendants(start)}
        reached |= graph.find_upstream_modules(start, as_package=True)
    offenders = [
        f"{module}:{detail['line_number']}: {detail['line_contents']}"
        for module in sorted(m for m in reached if m.startswith("rapport"))
        for detail in graph.get_import_details(importer=module, imported="PySide6")
        if "QtWidgets" in detail["line_contents"]
    ]
    assert not offenders, offenders
