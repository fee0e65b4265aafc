"""Move the word lists written in the understanding's modules into resources/capture_words.txt.

    .venv/bin/python tests/tools/word_lists.py

Every module-level ``NAME = words("...")`` (or ``NAME: T = words(...)``) in
desktop/rapport/core/understand/ becomes ``NAME = word_list("module.NAME")`` and its words a
``[module.NAME]`` section of the file (sorted, wrapped). A list already in the file is
replaced by the module's words, so after a merge brings back a ``words("...")`` literal the
script can simply run again. Run ``ruff check --fix`` after it (unused ``words`` imports).
"""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop" / "rapport" / "core" / "understand"
DATA = ROOT / "resources" / "capture_words.txt"
sys.path.insert(0, str(ROOT / "desktop"))

from rapport.core.understand.wordlists import parse  # noqa: E402

HEADER = (
    "# The word lists of quick capture's rules (desktop/rapport/core/understand/), one\n"
    "# [module.NAME] section each; each module's comment says what its list is for.\n"
    "# Loaded once by core/understand/wordlists.py. Words are lower case unless a rule says.\n"
)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def convert(path: Path, lists: dict[str, frozenset[str]]) -> bool:
    source = path.read_text("utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, annotation = node.targets[0], None
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, annotation = node.target, ast.get_source_segment(source, node.annotation)
        else:
            continue
        value = node.value
        if not (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "words"
            and len(value.args) == 1
            and isinstance(value.args[0], ast.Constant)
            and isinstance(value.args[0].value, str)
        ):
            continue
        key = f"{_module_name(path)}.{target.id}"
        lists[key] = frozenset(value.args[0].value.split())
        typed = f": {annotation}" if annotation else ""
        edits.append(
            (
                node.lineno - 1,
                node.end_lineno or node.lineno,
                f'{target.id}{typed} = word_list("{key}")\n',
            )
        )
    if not edits:
        return False
    for start, end, text in reversed(edits):
        lines[start:end] = [text]
    out = "".join(lines)
    if "import word_list" not in out:
        imports = [n for n in ast.parse(out).body if isinstance(n, (ast.Import, ast.ImportFrom))]
        after = imports[-1].end_lineno or 0 if imports else 0
        parts = out.splitlines(keepends=True)
        parts.insert(after, "from rapport.core.understand.wordlists import word_list\n")
        out = "".join(parts)
    path.write_text(out, "utf-8")
    return True


def write(lists: dict[str, frozenset[str]]) -> None:
    chunks = [HEADER]
    for key in sorted(lists):
        body = textwrap.fill(" ".join(sorted(lists[key])), 99, break_on_hyphens=False)
        chunks.append(f"\n[{key}]\n{body}\n")
    DATA.write_text("".join(chunks), "utf-8")


def main() -> int:
    lists = dict(parse(DATA.read_text("utf-8"))) if DATA.exists() else {}
    changed = [
        p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "wordlists.py" and convert(p, lists)
    ]
    write(lists)
    for path in changed:
        print(f"moved the lists of {path.relative_to(ROOT)}")
    print(f"{len(lists)} lists in {DATA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
