"""Follow-through on the client's profile: the score, replies owed, introduction chains.

Computed from the profile already loaded (no extra query): the score with
core/promises.py over the client's tasks, reply ages with core/followup.py.
"""

from __future__ import annotations

import html

from rapport import clock
from rapport.core import followup as fu
from rapport.core import records as r
from rapport.core.promises import score
from rapport.services import settings
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


def introductions_html(profile: r.Profile) -> str:
    """The brief's introductions part: who introduced whom, and where each chain stands.

    (What the client waits on from you is the brief's own section.)"""
    e = html.escape
    parts: list[str] = []
    if profile.introductions:
        after = int(settings.get("intro_call_after_days") or 3)
        today = clock.today()
        items = []
        for intro in profile.introductions:
            who = (
                f"{e(intro.referrer or 'someone')} introduced {e(intro.lead)}"
                f" on {intro.introduced_on:%b} {intro.introduced_on.day}"
                if intro.introduced_on
                else f"{e(intro.referrer or 'someone')} introduced {e(intro.lead)}"
            )
            steps = []
            for step in fu.intro_steps(intro, today, after):
                if step.done_at is not None:
                    done = step.done_at
                    steps.append(f"✓ {e(step.title)} ({done:%b} {done.day})")
                elif step.due is not None and step.due <= today:
                    steps.append(f"<b>☐ {e(step.title)}</b>")
                elif step.due is not None:
                    steps.append(f"☐ {e(step.title)} (from {step.due:%b} {step.due.day})")
            if intro.lead_answered_at is not None:
                steps.append(f"✓ {e(intro.lead)} answered")
            items.append(f"<li>{who}<br>" + "<br>".join(steps) + "</li>")
        parts.append("<h4>Introductions</h4><ul>" + "".join(items) + "</ul>")
    return "".join(parts)
