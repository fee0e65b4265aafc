"""The methods ``dataclasses`` writes, compiled once and kept the way Python keeps bytecode.

Python 3.11's ``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` as source text and compiles each with
``exec``: for the 26 dataclasses ``rapport capture --dry-run`` defines that was 147
compiles, about 13 ms of its CPU time, every run (measured in README's Performance,
issue 22). The text depends only on the class's fields and options, so ``install`` gives
``dataclasses`` an ``exec`` that compiles each text the first time only, and ``keep``
(at exit) writes the code objects next to Rapport's own bytecode, in the package's
``__pycache__``, where the next process reads them.

The code object made from the file is the one ``exec`` would compile from the same text
(same file name, no inherited ``__future__`` flags; a test compares every class's
methods), and runs with the globals and locals ``dataclasses`` passes, so the classes
are the same. A file from another Python, or one that does not read back as text ->
bytes pairs, is ignored whole; bytes that are not a code object are compiled as before.
Like bytecode, it is not written when ``sys.dont_write_bytecode`` is set, in a frozen app
(PyInstaller's), nor where the package folder is read-only: each is compiled as before.
It holds only code ``dataclasses`` wrote from field names of classes in the process (no
book, note or name), and it is trusted as the ``.pyc`` files beside it are.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import sys
from types import CodeType

TYPE_CHECKING = False  # not typing's (see rapport/__init__.py)
if TYPE_CHECKING:
    from typing import Any

_MAGIC: bytes = getattr(sys.modules.get("_frozen_importlib_external"), "MAGIC_NUMBER", b"")
FORMAT = f"rapport dataclass methods 1; {sys.version}; {sys.hexversion}; {_MAGIC.hex()}"
# Past this many texts (other versions' classes), only those this process used are kept.
MAX_KEPT = 4000

_known: dict[str, CodeType] = {}
_kept: dict[str, bytes] = {}  # from the file, each code unmarshalled when first used
_used: set[str] = set()
_added = False
_path: str | None = None


def cache_path(package_dir: str) -> str:
    """The file for this Python, in the package's ``__pycache__`` like its bytecode."""
    tag = sys.implementation.cache_tag or "none"
    return os.path.join(package_dir, "__pycache__", f"dataclass-methods.{tag}.bin")


def cached_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec(source, globals, locals)``, compiling a text only the first time it is seen."""
    global _added
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
        return
    code = _known.get(source)
    if code is None:
        code = _code_from_file(source)
    if code is None:
        # dont_inherit: exactly what exec() compiles inside dataclasses (this module's
        # ``from __future__ import annotations`` must not reach the methods' annotations).
        code = _known[source] = compile(source, "<string>", "exec", dont_inherit=True)
        _added = True
    _used.add(source)
    builtins.exec(code, globals, locals)


def _code_from_file(source: str) -> CodeType | None:
    """The code the file kept for ``source``, read when first asked for (a process reads
    the few it defines, not every class any Rapport command ever defined)."""
    data = _kept.pop(source, None)
    if data is None:
        return None
    try:
        code = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if type(code) is not CodeType:
        return None
    _known[source] = code
    return code


def load(data: bytes) -> bool:
    """Know the code objects ``dump`` gave, when this Python made them. True when taken."""
    try:
        header, entries = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return False
    if header != FORMAT or not isinstance(entries, dict):
        return False
    if not all(type(k) is str and type(v) is bytes for k, v in entries.items()):
        return False
    for source, code in entries.items():
        if source not in _known:
            _kept.setdefault(source, code)
    return True


def dump() -> bytes:
    """The known code objects as bytes for ``load`` (each marshalled on its own, so that
    a process unmarshals only those it uses)."""
    everything = len(_known) + len(_kept) <= MAX_KEPT
    entries = {source: marshal.dumps(code) for source, code in _known.items()}
    if everything:
        entries.update(_kept)  # read from the file, not used by this process
    else:
        entries = {source: data for source, data in entries.items() if source in _used}
    return marshal.dumps((FORMAT, entries))


def install(package_dir: str) -> None:
    """Give ``dataclasses`` the cached ``exec``, with what the file of ``package_dir``
    holds, and keep what this process compiles when it ends."""
    global _path, _added
    import atexit
    import dataclasses

    if _path is None:
        atexit.register(keep)
    _path = cache_path(package_dir)
    _known.clear()
    _kept.clear()
    _used.clear()
    _added = False
    try:
        with open(_path, "rb") as file:
            load(file.read())
    except OSError:  # none yet, or unreadable: compiled as usual
        pass
    dataclasses.exec = cached_exec  # type: ignore[attr-defined]  # shadows the builtin there


def keep() -> None:
    """Write the code objects when this process compiled new ones (whole or not at all:
    under another name, then moved into place); silently not where it cannot."""
    if not _added or _path is None or sys.dont_write_bytecode or getattr(sys, "frozen", False):
        return  # nothing new, or where Python writes no bytecode (a frozen app neither)
    temporary = f"{_path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(_path), exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(dump())
        os.replace(temporary, _path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
