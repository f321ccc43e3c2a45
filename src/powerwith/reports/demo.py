"""The demo's board reports: one for each journey, for all time, asked for by the facilitator.

Making a report's PDF takes WeasyPrint one to two seconds a journey (measured: 1.2 s and 1.6 s
for the two demo journeys), and the demo is loaded once per test worker, so the demo does not
make them while it loads: it asks for them, as a facilitator would, and the task queue's worker
makes them the first time it runs (``powerwith worker``). Until then the report page lists them
as waiting to be made. docs/reports.md, "The demo".
"""

from __future__ import annotations

from django.conf import settings

from powerwith.demo.context import DemoContext

from . import services


def extend(ctx: DemoContext) -> None:
    for demo in ctx.journeys.values():
        services.report_request(
            actor=ctx.facilitator, journey=demo.journey, language=settings.LANGUAGE_CODE
        )
