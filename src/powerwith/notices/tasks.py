"""The task the worker runs (``powerwith worker``, or ``powerwith manage db_worker``)."""

from __future__ import annotations

from django_tasks import task

from . import sending


@task()
def send_due_notices() -> dict[str, int]:
    """Send every email and text notice that is due; see ``notices.sending``."""
    return sending.send_due()
