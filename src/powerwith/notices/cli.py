"""``powerwith worker`` (the task queue's worker) and ``powerwith notices send``."""

from __future__ import annotations

import argparse

from powerwith.cli import command, setup_django


def _worker_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--batch", action="store_true", help="run every task that is ready now, then stop"
    )
    p.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds to wait between looks at the queue when it is empty (default 1)",
    )


@command("worker", "run the task queue's worker (sends notices): keep it running", _worker_args)
def cmd_worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from powerwith.common import tasks

    # Tasks left "running" by a worker that died are marked failed (their follow-ups take
    # their work up): see common/tasks.py.
    tasks.stale_tasks_fail()
    call_command(
        "db_worker",
        batch=args.batch,
        interval=args.interval,
        reload=False,
        startup_delay=not args.batch,
        verbosity=1,
    )
    return 0


def _notices_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True)
    sub.add_parser("send", help="send every email and text notice that is due, now")


@command(
    "notices", "notices of fate: send what is due now (the worker does this too)", _notices_args
)
def cmd_notices(args: argparse.Namespace) -> int:
    setup_django()
    from powerwith.notices import sending

    counts = sending.send_due()
    print(
        f"Sent {counts['sent']}; {counts['retry']} to try again later; "
        f"{counts['failed']} could not be sent."
    )
    return 0
