"""``rapport cards --occasion OCCASION``: a season's cards for many clients in one PDF.

Each card is drafted for its client (core/season_cards.py), the PDF holds one card-sized
page each, in the order of the client list, and with ``--envelopes`` each card is
followed by its envelope. Once the PDF is written the cards are logged on their clients'
histories ("Holiday card sent"), as the window does after printing. A card already sent
for the occasion this year is flagged, not left out.

Exit codes: 2 for an unknown occasion or card size (usage); 1 when no client matches, or
with ``--envelopes`` when a client has no postal address (all are named, nothing written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rapport.cli.common import open_book, print_json, say, warn

# core/season_cards.py's occasions, for the parser (checked by tests/cli/test_cards_cli.py).
OCCASION_KEYS = ("holiday", "new-year", "birthday", "thank-you")
CARD_KEYS = ("a2", "a6", "4x6", "5x7", "letter")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("cards", help="a season's cards for many clients, as one PDF")
    parser.add_argument(
        "--occasion",
        required=True,
        type=_occasion,
        metavar="OCCASION",
        help=f"one of {', '.join(OCCASION_KEYS)}",
    )
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--clients", metavar="QUERY", help="the clients whose name or company has these words"
    )
    who.add_argument("--all", action="store_true", help="every active client (the default)")
    who.add_argument("--birthdays", action="store_true", help="the clients born this month")
    who.add_argument(
        "--met-this-quarter", action="store_true", help="the clients met or called this quarter"
    )
    parser.add_argument(
        "--envelopes", action="store_true", help="follow each card with its envelope"
    )
    parser.add_argument(
        "--card", metavar="SIZE", choices=CARD_KEYS, default=None, help="default: the setting"
    )
    parser.add_argument("--pdf", metavar="FILE", required=True, help="the PDF to write")
    parser.add_argument("--json", action="store_true", help="print each client and card as JSON")
    parser.set_defaults(run=run)


def _occasion(text: str) -> str:
    from rapport.core.season_cards import SeasonError, check_season

    try:
        return check_season(text)
    except SeasonError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from rapport.core.envelopes import EnvelopeFitError
    from rapport.render.batch_print import BatchPage, export_pdf
    from rapport.services import envelopes, season_cards, settings
    from rapport.services.addresses import NoAddressError
    from rapport.services.errors import ValidationError
    from rapport.services.export import write_private_rendered

    open_book(args)
    pdf = Path(args.pdf).expanduser()
    if not pdf.parent.is_dir():
        raise ValidationError(f"cannot write {pdf}: the folder {pdf.parent} does not exist")
    if args.clients is not None:
        picked = season_cards.pick_clients("search", args.clients)
    elif args.birthdays:
        picked = season_cards.pick_clients("birthday_month")
    elif args.met_this_quarter:
        picked = season_cards.pick_clients("met_quarter")
    else:
        picked = season_cards.pick_clients("all")
    if not picked:
        warn("no client matches: no cards to print")
        return 1
    cards = season_cards.draft_cards([p.id for p in picked], args.occasion)
    pages = [BatchPage(card.text) for card in cards]
    if args.envelopes:
        missing, with_envelopes = [], []
        for card in cards:
            try:
                envelope = envelopes.envelope_for(card.client_id)
            except NoAddressError:
                missing.append(card.client)
                continue
            with_envelopes.append(BatchPage(card.text, envelope))
        if missing:
            warn(
                f"no postal address for {', '.join(missing)}: add their addresses first, "
                "or print without --envelopes"
            )
            return 1
        pages = with_envelopes
    size = args.card or str(settings.get("card_size") or "a2")
    label = season_cards.wording().label(args.occasion)
    try:
        result = write_private_rendered(
            pdf, lambda scratch: export_pdf(scratch, pages, size, title=f"{label} cards")
        )
    except EnvelopeFitError as exc:
        warn(str(exc))
        return 1
    season_cards.log_sent(
        [season_cards.SentCard(card.client_id, card.text) for card in cards], args.occasion, size
    )
    if args.json:
        print_json(
            [
                {
                    "client_id": card.client_id,
                    "client": card.client,
                    "occasion": card.occasion,
                    "body": card.text,
                    "already_sent": card.already_sent,
                }
                for card in cards
            ]
        )
        return 0
    for card in cards:
        flag = "  (already sent this year)" if card.already_sent else ""
        say(f"{card.client_id:>6}  {card.client}: {card.opening}{flag}")
    envelopes_note = f" and {result.envelopes} envelopes" if result.envelopes else ""
    say(f"Wrote {pdf}: {result.cards} {label.lower()} cards{envelopes_note}.")
    say(f"Logged on each client's history: {season_cards.core_title(args.occasion)}.")
    if result.overflowing:
        warn(f"{len(result.overflowing)} cards are long: their text is set at the smallest size")
    return 0
