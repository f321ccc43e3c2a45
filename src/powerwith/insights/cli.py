"""``powerwith insights SLUG [--from DATE --to DATE] [--compare] [--json]``.

Prints every indicator and warning sign of a journey: as JSON (the document of
``insights.selectors.insights_for``, keys sorted, documented in docs/insights.md) or as a
readable summary. A bad slug or date prints a clear message on stderr and exits with code 2.

Imported before Django is set up (``powerwith.cli`` registers commands on import), so Django
and the models are imported inside the command only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import Any

from powerwith.cli import command, setup_django
from powerwith.insights.maths import percent

USAGE_ERROR = 2


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "slug", nargs="?", default="", help="the journey's short name (see `powerwith journeys`)"
    )
    p.add_argument(
        "--organisation",
        metavar="SLUG",
        default="",
        help="instead, the view across an organisation's journeys (see `powerwith organisations`)",
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, like 2025-03-01")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day, like 2025-05-31")
    p.add_argument(
        "--compare", action="store_true", help="also the previous period of the same length"
    )
    p.add_argument("--json", action="store_true", help="print JSON (keys in docs/insights.md)")


def parse_date(text: str | None, what: str) -> datetime.date | None:
    if text is None or text == "":
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"The {what} date \u201c{text}\u201d is not a date. Write it as YYYY-MM-DD, like 2025-03-01."
        ) from None


def fail(message: str) -> int:
    print(f"powerwith insights: {message}", file=sys.stderr)
    return USAGE_ERROR


@command("insights", "every indicator and warning sign of a journey (--json for JSON)", _configure)
def cmd_insights(args: argparse.Namespace) -> int:
    try:
        start = parse_date(args.start, "--from")
        end = parse_date(args.end, "--to")
    except ValueError as exc:
        return fail(str(exc))
    if start and end and end < start:
        return fail(f"--to ({end}) is before --from ({start}). Swap them.")
    if args.organisation:
        if args.slug:
            return fail("give a journey or --organisation, not both.")
        if start or end or args.compare:
            return fail(
                "the organisation's view is over all time: leave out --from, --to and --compare."
            )
        return _organisation(args)
    if not args.slug:
        return fail("say which journey (`powerwith journeys` lists them), or --organisation SLUG.")
    setup_django()
    from powerwith.journeys.models import Journey

    from .period import Period
    from .selectors import insights_for

    journey = Journey.objects.filter(slug=args.slug).first()
    if journey is None:
        return fail(
            f"there is no journey \u201c{args.slug}\u201d. `powerwith journeys` lists them."
        )
    doc = insights_for(journey, Period(start=start, end=end), compare=args.compare)
    text = (
        json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) if args.json else summary(doc)
    )
    return _print(text)


def _organisation(args: argparse.Namespace) -> int:
    setup_django()
    from powerwith.organisations.models import Organisation

    from .organisation import organisation_figures

    organisation = Organisation.objects.filter(slug=args.organisation).first()
    if organisation is None:
        return fail(
            f"there is no organisation \u201c{args.organisation}\u201d. "
            "`powerwith organisations` lists them."
        )
    doc = organisation_figures(organisation, every_journey=True)
    text = (
        json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False)
        if args.json
        else organisation_summary(doc)
    )
    return _print(text)


def _print(text: str) -> int:
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: the reader has all it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def organisation_summary(doc: dict[str, Any]) -> str:
    """A short plain-text reading of the organisation's view, one line per journey."""
    p = doc["programme"]
    org = doc["organisation"]
    lines = [
        f"{org['name']} ({org['slug']}): {p['journeys']} journeys, {p['journeys_running']} "
        "running, all time",
        f"Speaking turns by lived experience {percent(p['voice_share']['lived'], '–')} of "
        f"{p['turns']}; acted upon {percent(p['acted_upon_rate'], '–')} of {p['raised']}; "
        f"decisions sharing power {percent(p['power_sharing_share'], '–')} of {p['decisions']}; "
        f"{p['changes']} changes made",
        "",
    ]
    for r in doc["journeys"]:
        signs = ", ".join(r["warnings"]) or "no warning signs"
        lines.append(
            f"{r['slug']}\tturns by lived experience {percent(r['voice_share']['lived'], '–')}"
            f"\tacted upon {percent(r['acted_upon_rate'], '–')}\t{signs}"
        )
    return "\n".join(lines)


def summary(doc: dict[str, Any]) -> str:
    """A short plain-text reading of the document, for a terminal."""
    p = doc["period"]
    period = "all time" if not (p["from"] or p["to"]) else f"{p['from'] or '…'} to {p['to'] or '…'}"
    lines = [f"{doc['journey']['title']} ({doc['journey']['slug']}), {period}", ""]
    fired = [w for w in doc["warnings"] if w["fired"]]
    lines.append(f"Warning signs: {len(fired)} of {len(doc['warnings'])}")
    for w in fired:
        lines.append(f"  ! {w['title']}: {w['explanation']}")
        lines.append(f"    Question: {w['question']}")
    lines.append("")
    rec = doc["sections"].get("record")
    if rec:
        room, voice, agenda = rec["room"], rec["voice"], rec["agenda"]
        ft, ret, venues, changes = (
            rec["follow_through"],
            rec["retention"],
            rec["venues"],
            rec["changes"],
        )
        lines += [
            f"Who is in the room: {room['people']} people "
            f"({room['by_side']['lived']} lived experience, {room['by_side']['professional']} "
            f"professional); {room['paid']['paid']} paid, {room['paid']['unpaid']} unpaid",
            f"Share of voice: {voice['turns']} turns; professionals "
            f"{percent(voice['turns_share_by_side']['professional'], '–')}, lived experience "
            f"{percent(voice['turns_share_by_side']['lived'], '–')}; top three speakers "
            f"{percent(voice['top3_share'], '–')}; Gini {voice['gini']}; {voice['silent']} came but "
            "never spoke",
            f"Who sets the agenda: {agenda['items']} items, lived experience proposed "
            f"{percent(agenda['lived_share'], '–')} ({agenda['unknown']} with no proposer recorded)",
            f"Follow-through: {ft['raised']} raised, {ft['done']} done, {ft['not_possible']} not "
            f"possible, {ft['open']} open; acted upon {percent(ft['acted_upon_rate'], '–')}; median "
            f"days to first response {ft['median_days_to_first_response']}",
            f"Who stays: {ret['stopped_coming']['total']} stopped coming, "
            f"{ret['left']['total']} left; staff dropped out {ret['staff']['dropped']} of "
            f"{ret['staff']['people']}",
            f"Where people meet: {venues['gatherings']} gatherings, "
            f"{percent(venues['institutional_share'], '–')} on institutional premises",
            f"What changed: {changes['done']} done ("
            + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in changes["by_level"].items())
            + ")",
        ]
    for key, data in doc["sections"].items():
        if key != "record":
            lines.append(f"{key}: {len(data)} figures (see --json)")
    return "\n".join(lines)
