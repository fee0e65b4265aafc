"""``rapport note CLIENT``: the thank-you note draft, as text, JSON or a card-sized PDF.

``--pdf`` prints through Qt, which needs a GUI application even with no window: it is
created offscreen, and Qt is imported only on that path so the text draft stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rapport.cli.common import (
    client_arg,
    open_book,
    print_json,
    say,
    say_text,
    warn,
)

FONTS = ("handwriting", "serif", "sans")
# core/cards.py's card sizes and occasions, for the parser: every command's parser is
# built at each start (the window's too), so it does not load the card module for them.
# tests/cli/test_gifts_note.py checks that they match.
CARD_KEYS = ("a2", "a6", "4x6", "5x7", "letter")
OCCASIONS = ("after_meeting", "referral_thanks", "gift_thanks", "congratulations", "belated")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("note", help="the thank-you note draft for a client")
    parser.add_argument("client", metavar="CLIENT", help="id, name, prefix or close spelling")
    parser.add_argument(
        "--card",
        metavar="SIZE",
        type=_size,
        default=None,
        help=f"card size: {', '.join(CARD_KEYS)} (default: the card size setting)",
    )
    parser.add_argument(
        "--occasion", choices=OCCASIONS, default="after_meeting", help="default after_meeting"
    )
    parser.add_argument(
        "--interaction", type=int, metavar="ID", help="the conversation to thank for"
    )
    parser.add_argument(
        "--folded",
        action="store_true",
        help="print on the open sheet of a folded card (the note on the inside right panel)",
    )
    parser.add_argument("--font", choices=FONTS, default=None, help="default handwriting")
    parser.add_argument("--pdf", metavar="FILE", help="write the card as a PDF of the card's size")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _size(text: str) -> str:
    from rapport.core.cards import CardSizeError, card_size, size_list

    try:
        return card_size(text).key
    except CardSizeError:
        raise argparse.ArgumentTypeError(
            f"unknown card size {text!r}; sizes: {size_list()}"
        ) from None


def run(args: argparse.Namespace) -> int:
    from rapport.core.cards import CARD_SIZES, card_size
    from rapport.services import cards, settings
    from rapport.services.errors import ValidationError

    open_book(args)
    client = client_arg(args.client)
    size = args.card or card_size(str(settings.get("card_size") or "a2")).key
    if args.folded and not CARD_SIZES[size].foldable:
        raise ValidationError(f"{CARD_SIZES[size].label} is a flat sheet; drop --folded")
    pdf = Path(args.pdf).expanduser() if args.pdf else None
    if pdf is not None and not pdf.parent.is_dir():
        raise ValidationError(f"cannot write {pdf}: the folder {pdf.parent} does not exist")
    draft = cards.draft_note(client.id, args.occasion, interaction_id=args.interaction)
    # With --json the notes are in the object; stderr stays for errors.
    for note in [] if args.json else draft.notes:
        warn(note)
    written = None
    if pdf is not None:
        from rapport.render.card_print import export_pdf
        from rapport.services.export import write_private_rendered

        font = args.font or str(settings.get("card_font") or "handwriting")
        fitted = write_private_rendered(
            pdf,
            lambda scratch: export_pdf(
                scratch, draft.text, size, args.folded, font, title=f"Note to {client.name}"
            ),
        )
        written = {"path": str(pdf), "font_pt": fitted.point_size, "overflow": fitted.overflow}
    if args.json:
        print_json(
            {
                "client": client.name,
                "card": size,
                "greeting": draft.greeting,
                "body": draft.body,
                "closing": draft.closing,
                "points": draft.points,
                "personal_touch": draft.personal_touch,
                "client_id": client.id,
                "occasion": draft.occasion,
                "folded": args.folded,
                "key_points": draft.key_points,
                "interaction_id": draft.interaction_id,
                "template": draft.template,
                "text": draft.text,
                "notes": draft.notes,
                "pdf": written,
            }
        )
        return 0
    if written is None:
        say_text(draft.text)
        return 0
    fold = " folded" if args.folded else ""
    say(f"Wrote {pdf} ({CARD_SIZES[size].label}{fold}, text at {written['font_pt']:g} pt).")
    if written["overflow"]:
        warn("the note is too long for this card even at the smallest size")
    return 0
