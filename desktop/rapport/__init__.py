"""Rapport: a personal client memory that turns what you heard into timely action."""

__version__ = "0.1.0"

import time as _time

# When the process reached Rapport: `--startup-check` and the benchmarks measure from here.
STARTED = _time.perf_counter()
