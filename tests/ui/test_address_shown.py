"""The address shown in the window: the profile header, and the brief's own header (the
printed page and its PDF)."""

from __future__ import annotations

from typing import Any

from rapport.core.postal import PostalAddress
from rapport.services import addresses, brief, clients
from rapport.ui.brief_html import render

TOKYO = PostalAddress(("東京都千代田区丸の内1-1-1",), country="日本")


def test_the_profile_header_and_the_printed_brief_show_the_address(window: Any) -> None:
    bob = clients.resolve("Bob Smith")
    window.open_client(bob.id)
    assert "東京都" not in window.profile.header.text()
    assert "東京都" not in render(brief.brief(bob.id), header=True)
    addresses.set_client_address(bob.id, TOKYO)
    window.open_client(bob.id)
    assert "東京都千代田区丸の内1-1-1, 日本" in window.profile.header.text()
    assert "東京都千代田区丸の内1-1-1, 日本" in render(brief.brief(bob.id), header=True)
