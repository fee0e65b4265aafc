"""Stage 4, the client's family, said the ways second-language writers and Markdown notes say
it (brief i16cl4): "his wife name is Lan" (no "'s"), "the wife of him is Lan" (the owner said
after the word), and a field written "husband:: Marco" (Obsidian, Logseq). Each row made up.
"""

from __future__ import annotations

import pytest

from tests.core.capture_probe import people


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Mr. Tran, his wife name is Lan. His son name is Bao.", [("wife", "Lan"), ("son", "Bao")]),
        ("Sra. Ruiz say her husband name is Marco, he is engineer", [("husband", "Marco")]),
        ("Visited Mr. Tran, the wife of him is Lan, she is teacher", [("wife", "Lan")]),
        ("Mr. Tran came. The son of him, Bao, is 12.", [("son", "Bao")]),
        ("Visited Ana, the husband of her is Marco", [("husband", "Marco")]),
        (
            "client:: [[Ana Ruiz]]\nhusband:: Marco\ndog:: Bolt\n- wants quote",
            [("husband", "Marco"), ("dog", "Bolt")],
        ),
        ("- kids:: Leo, Mia\n- wants quote by Fri", [("child", "Leo"), ("child", "Mia")]),
    ],
)
def test_family_said_with_name_is_of_him_or_a_field(text: str, want: list[tuple[str, str]]) -> None:
    assert people(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "she is the mother of her husband Tom",  # the husband's mother: another household's
        "Met Sam, he is the son of a client",  # someone else's son
        "the wife of the owner is Lan",  # the owner's, not the client's
        "The brand name is Luna, a dog food",  # no family word before "name is"
    ],
)
def test_of_another_stays_no_one_of_the_clients(text: str) -> None:
    assert people(text) == []
