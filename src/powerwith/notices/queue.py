"""Putting the sending task on the task queue (django-tasks, database backend).

The task is enqueued only once the transaction that wrote the notices has committed, so the
worker never looks before the rows are there, and a rolled-back change enqueues nothing. The
task sends every notice that is due, so one task per notice is more than enough: a task that
finds nothing due does nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone


def send_at(when: datetime.datetime) -> None:
    """Have the worker send what is due at ``when`` (now or later), after this commit."""

    def enqueue() -> None:
        from .tasks import send_due_notices

        later = when if when > timezone.now() else None
        send_due_notices.using(run_after=later).enqueue()

    transaction.on_commit(enqueue)
