"""The demo's board reports: one for each journey, for all time, asked for by the facilitator
and made while the demo loads (``services.report_make_now``, the task's own work without the
queue), so they are ready to open after ``make demo`` with no worker running. docs/reports.md,
"The demo".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from powerwith.demo.context import DemoContext
from powerwith.journeys.models import Journey

from . import services


def extend(ctx: DemoContext) -> None:
    for demo in ctx.journeys.values():
        report_ready(facilitator=ctx.facilitator, journey=demo.journey)


def report_ready(*, facilitator: Any, journey: Journey) -> None:
    """Ask for the journey's report for all time and make it now (also called by the loader for
    the trust's small journey, which is built after the extensions run)."""
    report = services.report_request(
        actor=facilitator,
        journey=journey,
        language=settings.LANGUAGE_CODE,
        queue=False,
    )
    services.report_make_now(report_id=report.pk)
