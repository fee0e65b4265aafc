"""The grammar's compiled regexes, kept between runs the way Python keeps bytecode.

Python compiles a regex in Python (``re._parser`` then ``re._compiler``) into a program
that its C engine ``_sre`` runs. For the capture grammar's patterns that compiling is
most of a fresh process's understanding: 60-100 ms of a ``rapport capture --dry-run``,
against ~1 ms to run them. The program depends only on the pattern, its flags and the
Python that compiled it, so ``compile_regex`` hands ``_sre`` a program it already knows, as
``re.compile`` would have made it, and notes the ones it had to compile;
``known_programs`` and ``load_programs`` turn them into bytes and back (the command's
dry run keeps them in a file, ``services/capture_dry.py``).

Only the grammar comes here: ``text.LazyRegex`` (module constants) and the contact
patterns, built from the source and ``resources/``, never from a note or the book, so
the bytes hold no name. The header names the Python (version, ``_sre.MAGIC`` and code
size): bytes from another Python are ignored. ``_sre`` checks every program it is given
(``invalid SRE code``), and one it refuses is compiled again by ``re.compile``; where
the internals are not there (another implementation), everything is ``re.compile``.
"""

from __future__ import annotations

import marshal
import re
import sys
from array import array
from functools import cache
from typing import Literal

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]  # private, unstubbed
except ImportError:  # not CPython's re: compile as usual
    _sre = None

__all__ = ["compile_regex", "known_programs", "load_programs", "rx"]

_CODESIZE = getattr(_sre, "CODESIZE", 0)
FORMAT = (
    f"rapport regex programs 1; {sys.implementation.name} {sys.version}; "
    f"{getattr(_sre, 'MAGIC', 0)} {_CODESIZE}"
)
# The code is kept as bytes of machine words (a fifth of marshal's list of ints, and read
# back in C): the array type whose items are _sre's code words, if there is one.
_WORD: Literal["I", "L", ""] = next(
    (kind for kind in ("I", "L") if array(kind).itemsize == _CODESIZE), ""
)
# What _sre.compile takes after the pattern: flags, code, groups - 1, groupindex,
# indexgroup; the code as a list of ints, or as bytes of words once kept.
Program = tuple[int, "list[int] | bytes", int, dict[str, int], tuple[str | None, ...]]

_known: dict[tuple[str, int], Program] = {}
_added: set[tuple[str, int]] = set()
_used: set[tuple[str, int]] = set()
# The grammar has about 200 patterns: past this many (patterns an older version had), only
# those this run used are kept.
MAX_KEPT = 1000


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the known program when there is one."""
    flags = int(flags)
    if _sre is None or not _WORD or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _known.get(key)
    if program is None:
        program = _program(pattern, flags)
        if program is None:
            return re.compile(pattern, flags)
        _known[key] = program
        _added.add(key)
    _used.add(key)
    final_flags, code, groups, groupindex, indexgroup = program
    if isinstance(code, bytes):
        word = _WORD
        code = memoryview(code).cast(word).tolist() if word and len(code) % _CODESIZE == 0 else []
    try:
        made: re.Pattern[str] = _sre.compile(
            pattern, final_flags, code, groups, groupindex, indexgroup
        )
    except (RuntimeError, TypeError, ValueError, OverflowError):
        # Refused by _sre's check (a damaged file): forget it, compile as usual.
        _known.pop(key, None)
        _added.discard(key)
        return re.compile(pattern, flags)
    return made


@cache
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A grammar pattern written where it is used, ``rx(r"...").search(text)`` for
    ``re.search(r"...", text)``: compiled once per process, from the kept program when
    there is one. Only for the grammar's literal patterns: a pattern built from a note (a
    name in it) goes to ``re``, so that it is never kept."""
    return compile_regex(pattern, flags)


def _program(pattern: str, flags: int) -> Program | None:
    """What ``re._compiler.compile`` hands ``_sre.compile``; None where its parts differ.

    re.error (a wrong pattern) is raised as re.compile raises it."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # Plain ints: the compiler's opcodes are an int subclass, which marshal refuses.
        return (
            int(flags | parsed.state.flags),
            [int(word) for word in code],
            int(parsed.state.groups - 1),
            groupindex,
            tuple(indexgroup),
        )
    except (AttributeError, TypeError):
        return None


def known_programs() -> bytes | None:
    """Every known program as bytes for ``load_programs``; None when none was added
    since the last load (nothing new to keep)."""
    if not _added:
        return None
    entries = [
        (key, (flags, _as_bytes(code), groups, groupindex, indexgroup))
        for key, (flags, code, groups, groupindex, indexgroup) in _known.items()
        if len(_known) <= MAX_KEPT or key in _used
    ]
    return marshal.dumps((FORMAT, entries))


def _as_bytes(code: list[int] | bytes) -> bytes:
    return code if isinstance(code, bytes) else array(_WORD, code).tobytes()


def load_programs(data: bytes) -> bool:
    """Know the programs ``known_programs`` gave, when this Python made them (else
    nothing changes). True when they were taken."""
    try:
        header, entries = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return False
    if header != FORMAT or not isinstance(entries, list):
        return False
    taken: dict[tuple[str, int], Program] = {}
    for entry in entries:
        if not _well_formed(entry):
            return False
        key, program = entry
        taken[key] = program
    for key, program in taken.items():
        _known.setdefault(key, program)
    _added.difference_update(taken)
    return True


def _well_formed(entry: object) -> bool:
    """The shape of one (key, program) entry, so that a damaged file is refused whole."""
    if not (isinstance(entry, tuple) and len(entry) == 2):
        return False
    key, program = entry
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], int)
        and isinstance(program, tuple)
        and len(program) == 5
        and isinstance(program[0], int)
        and isinstance(program[1], bytes)
        and isinstance(program[2], int)
        and isinstance(program[3], dict)
        and isinstance(program[4], tuple)
    )
