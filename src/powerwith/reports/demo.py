"""The demo's board reports: one for each journey, for all time, asked for by the facilitator
and made while the demo loads (``services.report_make_now``, the task's own work without the
queue), so they are ready to open after ``make demo`` with no worker running. docs/reports.md,
"The demo".
"""

from __future__ import annotations

from django.conf import settings

from powerwith.demo.context import DemoContext

from . import services


def extend(ctx: DemoContext) -> None:
    for demo in ctx.journeys.values():
        report = services.report_request(
            actor=ctx.facilitator,
            journey=demo.journey,
            language=settings.LANGUAGE_CODE,
            queue=False,
        )
        services.report_make_now(report_id=report.pk)
