"""The `powerwith` command.

powerwith demo [--no-serve] [--port N]   load the demo data (idempotent) and serve it
powerwith journeys                       one line per journey, its slug first
powerwith organisations                  one line per organisation, its slug first
powerwith export SLUG [--out FILE.zip]   the journey's whole record: CSV files, JSON, README
powerwith export SLUG --package DIR [--public]   the same as a Frictionless data package
powerwith export --organisation ORG --package DIR [--public]   every journey it hosts, in one
powerwith import DIR [--facilitator EMAIL]   a full data package, into this PowerWith
powerwith insights SLUG [--from D --to D] [--json]
powerwith insights --organisation SLUG [--json]   the view across an organisation's journeys
powerwith rights export --journey SLUG --person PK --out FILE.zip   a copy of what is held about one person
powerwith rights retention [--dry-run]  warn, then remove personal data after the retention period
powerwith backup FILE                    every table and stored file in one ZIP (powerwith/backup.py)
powerwith restore FILE                   that backup, into an empty database
powerwith worker [--batch]               the task queue's worker (sends notices)
powerwith notices send                   send every email and text notice that is due, now
powerwith report SLUG [--from D --to D] [--out FILE.pdf]   the report for a board or funder, as a PDF
powerwith manage ARGS...                 Django's manage.py
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

COMMANDS: dict[
    str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
] = {}


def command(
    name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = (help_text, configure, fn)
        return fn

    return register


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerwith.config.settings.dev")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    os.makedirs(os.environ.get("POWERWITH_VAR", "var"), exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-serve", action="store_true", help="only load the demo data, do not start the server"
    )
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    p.add_argument("--host", default="127.0.0.1")


@command("demo", "load the demo data (twice gives the same demo) and serve it", _demo_args)
def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    migrate()
    from powerwith.demo.loader import DEMO_PASSWORD, load_demo

    summary = load_demo()
    print(summary.describe())
    if args.no_serve:
        print(f"\nSign in as {summary.facilitator_email} with password: {DEMO_PASSWORD}")
        return 0
    site = f"http://{args.host}:{args.port}"
    print(f"\nPowerWith demo at {site}/")
    print(f"Sign in as {summary.facilitator_email} with password: {DEMO_PASSWORD}")
    print("Public \u201cyou said, we did\u201d pages (no sign-in needed):")
    for j in summary.journeys:
        print(f"  {site}/p/{j.slug}/you-said-we-did/")
    print()
    serve(args.host, args.port)
    return 0


def serve(host: str, port: int) -> None:
    """Serve the site for the demo: the product's own error pages (debug pages only with
    POWERWITH_DEBUG=1), and the CSS and scripts served by Django itself, as `--insecure` allows
    without debug. Fine for a demo on one machine; production serves static files from its
    proxy (README: Deploying)."""
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)


@command("journeys", "one line per journey, its slug first", lambda p: None)
def cmd_journeys(args: argparse.Namespace) -> int:
    setup_django()
    from powerwith.journeys.models import Journey

    for j in Journey.objects.select_related("host").order_by("slug"):
        print(f"{j.slug}\t{j.title}\t{j.host.name if j.host else ''}")
    return 0


@command("organisations", "one line per organisation, its slug first", lambda p: None)
def cmd_organisations(args: argparse.Namespace) -> int:
    setup_django()
    from django.db.models import Count

    from powerwith.common.words import count
    from powerwith.organisations.models import Organisation

    for o in Organisation.objects.annotate(n=Count("hosted_journeys")).order_by("slug"):
        print(f"{o.slug}\t{o.name}\t{o.kind}\t{count(o.n, 'journey')}")
    return 0


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("slug", nargs="?", help="the journey's short name (see `powerwith journeys`)")
    p.add_argument(
        "--out", help="where to write the ZIP file (default: SLUG-YYYY-MM-DD.zip here)", default=""
    )
    p.add_argument(
        "--package", metavar="DIR", default="", help="write a data package into this folder instead"
    )
    p.add_argument(
        "--public", action="store_true", help="the package's public form (docs/data-package.md)"
    )
    p.add_argument(
        "--organisation", metavar="ORG", default="", help="every journey the organisation hosts"
    )


@command("export", "write a journey's whole record to a ZIP of CSV files and JSON", _export_args)
def cmd_export(args: argparse.Namespace) -> int:
    setup_django()
    from django.utils import timezone

    from powerwith.common.services import audit
    from powerwith.exports import build_zip
    from powerwith.journeys.models import Journey

    if args.package or args.organisation or args.public:
        return _export_package(args)
    journey = Journey.objects.filter(slug=args.slug or "").first()
    if journey is None:
        print(
            f"No journey called \u201c{args.slug}\u201d. See `powerwith journeys`.", file=sys.stderr
        )
        return 2
    out = args.out or f"{journey.slug}-{timezone.localdate().isoformat()}.zip"
    data = build_zip(journey)
    with open(out, "wb") as fh:
        fh.write(data)
    audit(
        journey=journey,
        actor=None,
        action="journey_export",
        obj=journey,
        summary="Exported the journey's record from the command line",
    )
    print(f"Wrote {out} ({len(data):,} bytes)")
    return 0


def _export_package(args: argparse.Namespace) -> int:
    from powerwith import datapackage
    from powerwith.journeys.models import Journey
    from powerwith.organisations.models import Organisation

    if not args.package:
        print(
            "--public and --organisation write a data package: add --package DIR.", file=sys.stderr
        )
        return 2
    if bool(args.slug) == bool(args.organisation):
        print("Give a journey's short name or --organisation ORG, not both.", file=sys.stderr)
        return 2
    title = ""
    if args.organisation:
        org = Organisation.objects.filter(slug=args.organisation).first()
        if org is None:
            print(
                f"No organisation called \u201c{args.organisation}\u201d. "
                "See `powerwith organisations`.",
                file=sys.stderr,
            )
            return 2
        journeys = list(Journey.objects.filter(host=org).order_by("slug"))
        title = f"{org.name}: its journeys"
        if not journeys:
            print(f"{org.name} hosts no journeys yet.", file=sys.stderr)
            return 2
    else:
        journeys = list(Journey.objects.filter(slug=args.slug))
        if not journeys:
            print(
                f"No journey called \u201c{args.slug}\u201d. See `powerwith journeys`.",
                file=sys.stderr,
            )
            return 2
    path = datapackage.package_export(
        actor=None, journeys=journeys, directory=args.package, public=args.public, title=title
    )
    print(f"Wrote {path}")
    return 0


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", metavar="DIR", help="the folder holding datapackage.json")
    p.add_argument(
        "--facilitator",
        metavar="EMAIL",
        default="",
        help="the account (it must exist here) that becomes the imported journeys' facilitator",
    )


@command(
    "import",
    "load a full data package (a journey or an organisation's) into PowerWith",
    _import_args,
)
def cmd_import(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model

    from powerwith import datapackage

    facilitator = None
    if args.facilitator:
        facilitator = (
            get_user_model()
            .objects.filter(email__iexact=args.facilitator.strip(), is_active=True)
            .order_by("pk")
            .first()
        )
        if facilitator is None:
            print(
                f"No account here uses \u201c{args.facilitator}\u201d, so nothing was imported. "
                "The facilitator needs an account first (an invitation to any journey, or "
                "`powerwith manage createsuperuser`).",
                file=sys.stderr,
            )
            return 1
    try:
        journeys = datapackage.package_import(directory=args.directory, facilitator=facilitator)
    except datapackage.PackageError as exc:
        print(
            f"The package was not imported; nothing was written. {len(exc.problems)} "
            f"{'problem' if len(exc.problems) == 1 else 'problems'}:",
            file=sys.stderr,
        )
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    for journey in journeys:
        who = (
            f"{facilitator.email} is its facilitator"
            if facilitator is not None
            else "its people have no accounts yet"
        )
        print(f"Imported {journey.slug}\t{journey.title} ({who})")
    return 0


def _manage_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("rest", nargs=argparse.REMAINDER)


@command("manage", "run a Django management command", _manage_args)
def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["powerwith manage", *args.rest])
    return 0


def _load_plugins() -> None:
    # Commands that live with their app register themselves on import.
    import importlib

    for module in (
        "powerwith.insights.cli",
        "powerwith.rights.cli",
        "powerwith.commonground.cli",
        "powerwith.backup",
        "powerwith.notices.cli",
        "powerwith.reports.cli",
    ):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def main(argv: Sequence[str] | None = None) -> int:
    _load_plugins()
    parser = argparse.ArgumentParser(
        prog="powerwith", description="PowerWith: co-production, with power made visible."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, configure, _fn) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text))
    args = parser.parse_args(argv)
    return COMMANDS[args.command][2](args)


if __name__ == "__main__":
    sys.exit(main())
