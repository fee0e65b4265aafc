"""``rapport envelope CLIENT``: the envelope for a client's card, as text or a PDF.

Without ``--pdf`` it prints what the envelope will say (return address, then the
recipient's block); with it, a one-page PDF exactly the envelope's size, landscape,
written private (0600) like every export. Qt is imported only on that path.

Exit codes: 2 for an unknown client or envelope size (usage), 1 for a client without an
address ("add Dana's address first") or an address that cannot fit, nothing written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rapport.cli.common import client_arg, open_book, say, say_text, warn

# core/envelopes.py's keys, for the parser (which is built at every start and so does
# not load the envelope module); tests/cli/test_envelope_cli.py checks that they match.
ENVELOPE_KEYS = ("a2", "a6", "a7", "10", "c6", "dl")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("envelope", help="the envelope for a client's card")
    parser.add_argument("client", metavar="CLIENT", help="id, name, prefix or close spelling")
    parser.add_argument(
        "--size",
        metavar="SIZE",
        type=_size,
        default=None,
        help=f"envelope size: {', '.join(ENVELOPE_KEYS)} (default: the one the card fits in)",
    )
    parser.add_argument(
        "--household",
        action="store_true",
        help='address it to the couple ("Bob & Alice Smith") when the client has a partner',
    )
    parser.add_argument("--pdf", metavar="FILE", help="write the envelope as a PDF of its size")
    parser.set_defaults(run=run)


def _size(text: str) -> str:
    from rapport.core.envelopes import EnvelopeSizeError, envelope_size, size_list

    try:
        return envelope_size(text).key
    except EnvelopeSizeError:
        raise argparse.ArgumentTypeError(
            f"unknown envelope size {text!r}; sizes: {size_list()}"
        ) from None


def run(args: argparse.Namespace) -> int:
    from rapport.core.envelopes import ENVELOPE_SIZES, EnvelopeFitError
    from rapport.services import envelopes
    from rapport.services.addresses import NoAddressError
    from rapport.services.errors import ValidationError

    open_book(args)
    client = client_arg(args.client)
    size = args.size or envelopes.default_size()
    pdf = Path(args.pdf).expanduser() if args.pdf else None
    if pdf is not None and not pdf.parent.is_dir():
        raise ValidationError(f"cannot write {pdf}: the folder {pdf.parent} does not exist")
    try:
        envelope = envelopes.envelope_for(client.id, household=args.household)
    except NoAddressError as exc:
        warn(f"{exc} (no envelope for {client.name}: the book has no postal address)")
        return 1
    if pdf is None:
        if envelope.sender:
            say_text("\n".join(envelope.sender))
            say()
        say_text("\n".join(envelope.recipient))
        return 0
    from rapport.render.envelope_print import export_pdf
    from rapport.services.export import write_private_rendered

    try:
        layouts = write_private_rendered(
            pdf, lambda scratch: export_pdf(scratch, [envelope], size, f"Envelope to {client.name}")
        )
    except EnvelopeFitError as exc:
        warn(str(exc))
        return 1
    block = layouts[0].recipient
    say(f"Wrote {pdf} ({ENVELOPE_SIZES[size].label}, address at {block.font_pt:g} pt).")
    if block.shrunk:
        warn("the address is long: it is set smaller than usual to fit")
    return 0
