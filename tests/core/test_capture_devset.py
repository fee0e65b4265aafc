"""The capture engine against the project's shared dev set, with the shared scorer.

The shared folder (data/capture_devset.jsonl, tools/score_capture.py) sits beside the
repository in the main checkout. A git worktree or another clone has none beside it: then
this module is skipped once, naming the folder it looked for. RAPPORT_SHARED_DIR names the
folder where it lives elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.test_capture import SCORER, _f1

SHARED = Path(os.environ.get("RAPPORT_SHARED_DIR") or Path(__file__).parents[3] / "shared")
SHARED_SCORER = SHARED / "tools" / "score_capture.py"
DEV_SET = SHARED / "data" / "capture_devset.jsonl"

_missing = [str(path) for path in (SHARED_SCORER, DEV_SET) if not path.is_file()]
if _missing:
    pytest.skip(
        f"no shared folder beside the repository ({', '.join(_missing)} not found); "
        "set RAPPORT_SHARED_DIR to the folder holding tools/ and data/",
        allow_module_level=True,
    )


def test_the_copied_scorer_is_the_shared_one() -> None:
    assert SCORER.read_bytes() == SHARED_SCORER.read_bytes()


def test_dev_set_scores_at_least_0_95() -> None:
    assert _f1(DEV_SET) >= 0.95
