"""``powerwith commonground import-polis DIR [--journey SLUG]`` and
``powerwith commonground SLUG [--round ID] [--json]``.

Imported before Django is set up (``powerwith.cli`` registers commands on import), so Django
and the models are imported inside the command only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from powerwith.cli import command, setup_django

USAGE_ERROR = 2


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "target",
        nargs="+",
        metavar="SLUG | import-polis DIR",
        help="a journey's short name to analyse, or `import-polis DIR` to read a Pol.is export",
    )
    p.add_argument("--journey", help="import-polis: the journey to import into (made if missing)")
    p.add_argument("--round", type=int, help="the round to analyse (default: the latest)")
    p.add_argument("--json", action="store_true", help="print JSON (keys in docs/commonground.md)")


def fail(message: str) -> int:
    print(f"powerwith commonground: {message}", file=sys.stderr)
    return USAGE_ERROR


def _import(folder: str, slug: str | None) -> int:
    from .polis import PolisImportError, import_polis

    path = Path(folder)
    if not path.is_dir():
        return fail(f"{folder} is not a folder.")
    try:
        rnd = import_polis(path, journey_slug=slug)
    except PolisImportError as exc:
        print("powerwith commonground: nothing was imported:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return USAGE_ERROR
    print(f"journey {rnd.journey.slug} round {rnd.pk}")
    return 0


def _summary(result: dict[str, Any]) -> str:
    lines = [
        f"Round {result['round']}: {result['question']}",
        f"{result['n_participants']} participants ({result['n_clustered']} with enough votes "
        f"to be placed in a group), {result['n_statements']} statements, "
        f"{len(result['groups'])} groups, worked out in {result['compute_ms']} ms.",
    ]
    for g in result["groups"]:
        size = "fewer than 5 people" if g["suppressed"] else f"{g['size']} people"
        lines.append(f"  Group {g['id'] + 1}: {size}")
    lines.append("Statements most people agree with, across groups:")
    for c in result["consensus"]:
        lines.append(f"  statement {c['statement']} (score {c['score']:.2f})")
    return "\n".join(lines)


@command(
    "commonground",
    "opinion groups and common ground of a statement round; import Pol.is",
    _configure,
)
def cmd_commonground(args: argparse.Namespace) -> int:
    setup_django()
    if args.target[0] == "import-polis":
        if len(args.target) != 2:
            return fail("write `powerwith commonground import-polis DIR`.")
        return _import(args.target[1], args.journey)
    if len(args.target) != 1:
        return fail("write `powerwith commonground SLUG`.")
    from powerwith.journeys.models import Journey

    from .models import StatementRound
    from .selectors import round_analysis

    journey = Journey.objects.filter(slug=args.target[0]).first()
    if journey is None:
        return fail(f"there is no journey \u201c{args.target[0]}\u201d. See `powerwith journeys`.")
    rounds = StatementRound.objects.filter(journey=journey)
    rnd = rounds.filter(pk=args.round).first() if args.round else rounds.order_by("-pk").first()
    if rnd is None:
        return fail("that journey has no such statement round.")
    result = round_analysis(rnd)
    if args.json:
        print(json.dumps(result, sort_keys=True, ensure_ascii=False))
    else:
        print(_summary(result))
    return 0
