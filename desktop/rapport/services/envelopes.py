"""What goes on a client's envelope: who it is to, where, and who sends it.

The recipient is ``addresses.mailing_target`` (NoAddressError, "add Dana's address
first", when the book has none); their block is set by the destination's postal
convention (``core.postal.address_block``) with the country line only when it is not the
sender's home country. The return address comes from Preferences and is left off when
none is set. The envelope size follows the card by default (an A2 card, an A2 envelope).
"""

from __future__ import annotations

from rapport.core import cards as card_sizes
from rapport.core import envelopes as core
from rapport.core.postal import address_block
from rapport.services import addresses, settings


def default_size() -> str:
    """The envelope that fits the card size the user prints on."""
    card = str(settings.get("card_size") or card_sizes.DEFAULT_SIZE)
    return core.envelope_for_card(card)


def sender_lines() -> tuple[str, ...]:
    """The return address as printed (empty when Preferences has no address)."""
    name, address = addresses.return_address()
    if address.is_empty():
        return ()
    return core.recipient_lines(name, address_block(address, addresses.home_country()))


def envelope_for(
    client_id: int, person_id: int | None = None, household: bool = False
) -> core.Envelope:
    """The envelope for a client (or one of their people); raises NoAddressError.

    ``household`` addresses it to the couple ("Bob & Alice Smith") when the client has a
    spouse or partner in the book; otherwise to the client by name.
    """
    target = addresses.mailing_target(client_id, person_id)
    name = target.household if household and target.household else target.name
    block = address_block(target.address, addresses.home_country())
    return core.Envelope(core.recipient_lines(name, block), sender_lines())
