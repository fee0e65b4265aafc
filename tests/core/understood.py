"""A note's understanding as the capture JSON (``docs/capture-json.md``), for the rule tests.

The rules return typed results (``core/understand/result.py``); the tables of expected
outcomes are written in the contract's words, so they read the JSON the command line prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rapport.core.understand import pipeline
from rapport.core.understand.clients import KnownClient
from rapport.services.capture_json import capture_json


def understand(text: str, today: date, known_clients: Sequence[KnownClient] = ()) -> dict[str, Any]:
    return capture_json(pipeline.understand(text, today, known_clients))
