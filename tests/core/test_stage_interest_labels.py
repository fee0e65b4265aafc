"""Stage 9, interests: a structured note's labels are no one's pastime (i16ip).

Markdown, Obsidian, Notion and Todoist notes, CRM records and pasted mails label themselves: a
hashtag ("#golf-day"), YAML front matter, a property naming the subject, project or event
("Topics: golf sponsorship", "Project:: Golf Day 2026", "Subject: Sailing regatta
sponsorship"), a heading ("# Wine dinner planning"). A pastime word there is the event the firm
runs or the note's topic, unless the line says someone likes it; a hashtag that is the pastime
alone ("#golf") may be the client's and stays. Made-up notes in no labelled
set.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import fact_tags


@pytest.mark.parametrize(
    "text",
    [
        "---\ntags: [client, golf-day]\ndate: 2026-05-02\n---\n# Call with Ben Ortiz\n"
        "- wants the renewal quote by Fri\n- [ ] send quote",
        "## Meeting: Ben Ortiz #golf-day #wine-tasting\n- renewal quote\n- [ ] send quote by Fri",
        "Topics: golf sponsorship, wine list pricing\nAttendees: Ben Ortiz, me\n- [ ] send quote",
        "# Wine dinner planning - Ben Ortiz\n- 40 guests\n- [ ] book the venue",
        "Project:: Golf Day 2026\nClient:: [[Ben Ortiz]]\n- [ ] confirm the hole sponsors",
        "Subject: Sailing regatta sponsorship\n\nHi Ben, the deck is attached.\n\nBest,\nMe",
        "**Event:** Charity fishing derby\n**Account:** Ortiz Marine\n- Ben wants 20 shirts",
        "Call w/ Ben Ortiz re renewal #tennis-league-sponsor - send deck tmrw",
    ],
)
def test_a_label_of_a_structured_note_is_no_interest(text: str) -> None:
    assert fact_tags(text) == set()


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("## Ben Ortiz - loves golf\n- renewal due in May", "golf"),
        ("Interests: sailing, jazz\nClient: Ben Ortiz\n- [ ] send the renewal", "sailing"),
        ("# Call with Ben Ortiz\n- he's a big sailing guy, races every weekend", "sailing"),
        ("2026-03-02 lunch w/ Ben Ortiz #prospect #golf - renewal in May", "golf"),
    ],
)
def test_a_liking_said_in_a_structured_note_stays(text: str, tag: str) -> None:
    assert tag in fact_tags(text)
