"""``rapport gifts CLIENT``: ranked gift ideas for a client and their people."""

from __future__ import annotations

import argparse

from rapport.cli.common import client_arg, open_book, print_json, say, warn

OCCASIONS = ("thank_you", "birthday", "holiday", "congratulations", "get_well", "any")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("gifts", help="gift ideas for a client and their people")
    parser.add_argument("client", metavar="CLIENT", help="id, name, prefix or close spelling")
    parser.add_argument(
        "--occasion", choices=OCCASIONS, default="any", help="what the gift is for (default any)"
    )
    parser.add_argument(
        "--limit", type=_count, default=10, metavar="N", help="how many ideas (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError("must be between 1 and 100")
    return value


def run(args: argparse.Namespace) -> int:
    from rapport.services.gifts import gift_ideas

    open_book(args)
    client = client_arg(args.client)
    result = gift_ideas(client.id, args.occasion, limit=args.limit)
    # With --json the notes are in the object; stderr stays for errors.
    for note in result.notes[:1] if result.general and not args.json else []:
        warn(note)
    if args.json:
        print_json(
            {
                "client": client.name,
                "client_id": client.id,
                "occasion": result.occasion,
                "budget": result.budget,
                "general": result.general,
                "notes": result.notes,
                "ideas": [
                    {
                        "title": idea.title,
                        "for": idea.for_name,
                        "because": idea.because,
                        "tags": idea.tags,
                        "search_url": idea.search_url,
                        "already_given": idea.already_given,
                        "price": idea.price,
                        "occasion": idea.occasion,
                        "occasions": idea.occasions,
                        "audience": idea.audience,
                        "person_id": idea.person_id,
                        "fact_id": idea.fact_id,
                        "general": idea.general,
                        "score": idea.score,
                    }
                    for idea in result.ideas
                ],
            }
        )
        return 0
    if not result.ideas:
        say(f"No gift ideas fit {client.name} within the {result.budget} budget.")
        return 0
    say(f"Gift ideas for {client.name} ({result.budget} budget):")
    for n, idea in enumerate(result.ideas, start=1):
        say(f"{n:>3}. {idea.title}  [{idea.price}]")
        say(f"     for {idea.for_name}, because: {idea.because}")
        say(f"     {idea.search_url}")
    return 0
