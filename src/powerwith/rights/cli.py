"""``powerwith rights export`` (a copy of what is held about one person, for the
data-protection officer) and ``powerwith rights retention`` (the daily removal run)."""

from __future__ import annotations

import argparse
import datetime
import sys

from powerwith.cli import command, setup_django


def _args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True)
    export = sub.add_parser("export", help="a copy of everything held about one person (ZIP)")
    export.add_argument("--journey", required=True, help="the journey's short name (slug)")
    export.add_argument("--person", required=True, type=int, help="the person's number")
    export.add_argument("--out", required=True, help="where to write the ZIP file")
    retention = sub.add_parser(
        "retention", help="warn facilitators, and remove personal data whose time has come"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="say what would happen, change nothing"
    )
    retention.add_argument(
        "--today", type=datetime.date.fromisoformat, default=None, help=argparse.SUPPRESS
    )


@command("rights", "people's rights: a person's copy of their data, and retention", _args)
def cmd_rights(args: argparse.Namespace) -> int:
    setup_django()
    from powerwith.people.models import Person
    from powerwith.rights import services

    if args.action == "export":
        person = (
            Person.objects.select_related("journey")
            .filter(journey__slug=args.journey, pk=args.person)
            .first()
        )
        if person is None:
            print(
                f"No person {args.person} in a journey called “{args.journey}”. "
                "See `powerwith journeys`, and the number in the person's page address.",
                file=sys.stderr,
            )
            return 2
        data = services.subject_access_for_officer(person=person)
        with open(args.out, "wb") as fh:
            fh.write(data)
        print(f"Wrote {args.out} ({len(data):,} bytes)")
        return 0
    report = services.retention_run(today=args.today, dry_run=args.dry_run)
    for line in report.lines(args.dry_run):
        print(line)
    return 0
