"""Follow-through on the client's profile header: the score of promises kept.

(The introduction chains are the brief's own section: core/brief.py, ui/brief_html.py.)

Computed from the profile already loaded (no extra query): the score with
core/promises.py over the client's tasks.
"""

from __future__ import annotations

import html

from rapport import clock
from rapport.core import records as r
from rapport.core.promises import score
from rapport.ui import theme


def score_line(profile: r.Profile) -> str:
    """'Follow-through: 80% kept on time (4 of 5)' for the profile header (HTML)."""
    result = score(profile.tasks, clock.today())
    if result.ratio is None:
        return ""
    color = ""
    if result.ratio < 0.7:
        color = theme.warning_color().name()
    elif result.ratio >= 0.9:
        color = theme.good_color().name()
    style = f" style='color:{color}'" if color else ""
    return f"<br><span{style}>Follow-through: {html.escape(result.label())}, last 90 days</span>"
