"""The dataclass methods kept beside the bytecode (rapport/methods.py) are the ones exec makes."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapport import methods

# Defines every dataclass of the layers without Qt (core, store, services, cli, render...),
# with the methods compiled as asked, and prints each method's code and annotations.
SCRIPT = r"""
import builtins, dataclasses, importlib, marshal, pkgutil, sys
import rapport
from rapport import methods
mode, package_dir, out = sys.argv[1:]
if mode == "plain":
    dataclasses.exec = builtins.exec
else:
    methods.install(package_dir)
seen = {}
for package in ("core", "store", "services", "cli", "render", "exchange", "sample", "bench"):
    root = importlib.import_module(f"rapport.{package}")
    for info in pkgutil.walk_packages(root.__path__, f"rapport.{package}."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) \
                    and cls.__module__ == info.name:
                for name, value in vars(cls).items():
                    code = getattr(value, "__code__", None)
                    if code is not None and code.co_filename == "<string>":
                        annotations = repr(getattr(value, "__annotations__", None))
                        seen[f"{cls.__module__}.{cls.__qualname__}.{name}"] = (code, annotations)
with open(out, "wb") as file:
    file.write(marshal.dumps((seen, methods._added)))
"""


def _methods_of(mode: str, package_dir: Path, out: Path) -> tuple[dict[str, object], bool]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-c", SCRIPT, mode, str(package_dir), str(out)],
        check=True,
        env=env,
        timeout=120,
    )
    seen, added = marshal.loads(out.read_bytes())
    return seen, added


@pytest.mark.slow
def test_the_methods_from_the_kept_file_are_those_exec_compiles(tmp_path: Path) -> None:
    plain, _ = _methods_of("plain", tmp_path, tmp_path / "plain")
    first, compiled_first = _methods_of("cached", tmp_path, tmp_path / "first")
    kept = Path(methods.cache_path(str(tmp_path)))
    assert kept.is_file() and kept.stat().st_mode & 0o777 == 0o600
    second, compiled_second = _methods_of("cached", tmp_path, tmp_path / "second")
    assert len(plain) > 100  # __init__, __repr__, __eq__... of every dataclass
    assert compiled_first and not compiled_second  # the second run compiled nothing
    assert first == plain and second == plain  # code objects and annotations, one by one


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This process's cache emptied, its file in ``tmp_path`` (restored after the test)."""
    monkeypatch.setattr(methods, "_known", {})
    monkeypatch.setattr(methods, "_kept", {})
    monkeypatch.setattr(methods, "_used", set())
    monkeypatch.setattr(methods, "_added", False)
    monkeypatch.setattr(methods, "_path", methods.cache_path(str(tmp_path)))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return Path(methods.cache_path(str(tmp_path)))


def test_a_method_text_is_compiled_once_and_runs_as_exec_runs_it(fresh: Path) -> None:
    # An annotated argument, as dataclasses writes __init__: this file's (and methods.py's)
    # ``from __future__ import annotations`` must not turn the annotation into a string.
    text = "def __create_fn__(x):\n def f(self, y: __type_y__): return x\n return f"
    namespace_a: dict[str, object] = {}
    namespace_b: dict[str, object] = {}
    methods.cached_exec(text, {"x": 1, "__type_y__": int}, namespace_a)
    methods.cached_exec(text, {"x": 2, "__type_y__": int}, namespace_b)
    assert list(methods._known) == [text]  # compiled once
    make_a, make_b = namespace_a["__create_fn__"], namespace_b["__create_fn__"]
    assert make_a is not make_b  # each call made its own function, with its own globals
    assert make_a(1).__annotations__ == {"y": int}  # type: ignore[operator]
    assert make_b(2)(None, 0) == 2  # type: ignore[operator]


def test_a_damaged_or_foreign_file_is_ignored_whole(fresh: Path) -> None:
    text = "x = 1"
    code = marshal.dumps(compile(text, "<string>", "exec", dont_inherit=True))
    assert not methods.load(b"not marshal at all")
    assert not methods.load(marshal.dumps(("rapport dataclass methods 1; another python", {})))
    assert not methods.load(marshal.dumps((methods.FORMAT, {text: code, "y = 2": "text"})))
    assert not methods.load(marshal.dumps((methods.FORMAT, [(text, code)])))
    assert methods._kept == {} and methods._known == {}
    # An entry whose bytes are damaged is compiled again when its class is made.
    assert methods.load(marshal.dumps((methods.FORMAT, {text: b"\xff" + code[1:]})))
    namespace: dict[str, object] = {}
    methods.cached_exec(text, {}, namespace)
    assert namespace == {"x": 1} and methods._added
    assert methods._known[text] == compile(text, "<string>", "exec", dont_inherit=True)


def test_kept_only_where_bytecode_would_be(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    methods.cached_exec("z = 3", {}, {})
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    methods.keep()
    assert not fresh.exists()  # PYTHONDONTWRITEBYTECODE: nothing written
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    methods.keep()
    assert not fresh.exists()  # the built app: nothing written into its folder
    monkeypatch.delattr(sys, "frozen")
    fresh.parent.write_text("")  # a __pycache__ that cannot hold it (root ignores modes)
    methods.keep()  # no error, nothing written
    assert not fresh.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__"]
    fresh.parent.unlink()
    methods.keep()
    assert fresh.stat().st_mode & 0o777 == 0o600
    methods._known.clear()
    assert methods.load(fresh.read_bytes()) and list(methods._kept) == ["z = 3"]
