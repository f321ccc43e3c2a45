"""``powerwith report SLUG [--from DATE] [--to DATE] [--out FILE.pdf]``: the board report's PDF,
made now (no worker needed), the same as the one the report page asks the worker for.

Imported before Django is set up (``powerwith.cli`` registers commands on import), so Django
and the models are imported inside the command only.
"""

from __future__ import annotations

import argparse
import sys

from powerwith.cli import command, setup_django
from powerwith.insights.cli import parse_date

USAGE_ERROR = 2


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("slug", help="the journey's short name (see `powerwith journeys`)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, like 2025-03-01")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day, like 2025-05-31")
    p.add_argument(
        "--out",
        metavar="FILE",
        default="",
        help="where to write the PDF (default: SLUG-report.pdf)",
    )
    p.add_argument("--language", default="", help="en-gb or cy (default: the site's language)")


def fail(message: str) -> int:
    print(f"powerwith report: {message}", file=sys.stderr)
    return USAGE_ERROR


@command("report", "a journey's report for a board or funder, as a PDF", _configure)
def cmd_report(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from powerwith.journeys.models import Journey
    from powerwith.reports import services

    try:
        start = parse_date(args.start, "start")
        end = parse_date(args.end, "end")
    except ValueError as exc:
        return fail(str(exc))
    journey = Journey.objects.filter(slug=args.slug).first()
    if journey is None:
        return fail(f"No journey called \u201c{args.slug}\u201d. See `powerwith journeys`.")
    languages = {code for code, _name in settings.LANGUAGES}
    if args.language and args.language.lower() not in languages:
        return fail(f"The language must be one of: {', '.join(sorted(languages))}.")
    out = args.out or f"{journey.slug}-report.pdf"
    try:
        size, pages = services.report_write(
            journey=journey,
            out=out,
            start=start,
            end=end,
            language=services.supported_language(args.language or settings.LANGUAGE_CODE),
        )
    except ValidationError as exc:
        return fail(" ".join(exc.messages))
    except OSError as exc:
        return fail(f"Could not write {out}: {exc.strerror or exc}")
    print(f"Wrote {out} ({pages} pages, {size:,} bytes)")
    return 0
