"""The task the worker runs to make a board report's PDF (``powerwith worker``)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def make_board_report(report_id: int) -> str:
    """Make the PDF of one asked-for board report; see ``services.report_make``."""
    return services.report_make(report_id=report_id)
