"""The task queue's lease: how long a task may run before it is taken to have died.

django-tasks' database backend marks a task "running" when a worker takes it and "finished"
when it ends. A worker killed mid-task (out of memory, a deploy, ``kill -9``) never ends it:
the row says "running" for ever, and nothing runs it again. Our tasks therefore never rely on
the task row. Each one claims its own work in its own rows (a notice "being sent", a board
report "being made") with the time it claimed it, and before starting risky work it queues a
follow-up of itself to run once the lease has passed (``follow_up_at``). If the first run
finished, the follow-up finds nothing to do; if it died, the follow-up (on any worker that is
running then, a restarted one included) sees the claim older than the lease and takes the work
up again, in the way that is safe for that work (docs/architecture.md, "Tasks that die").

``stale_tasks_fail`` only tidies the queue's own rows (run when ``powerwith worker`` starts):
a task still "running" after the lease is marked failed, saying why, so the queue does not
show dead work as running.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone


def lease() -> datetime.timedelta:
    """How long a task may hold its work (settings.POWERWITH_TASK_LEASE, in seconds)."""
    return datetime.timedelta(seconds=float(settings.POWERWITH_TASK_LEASE))


def stale_before(now: datetime.datetime | None = None) -> datetime.datetime:
    """Work claimed before this moment, and not finished, was claimed by a task that died."""
    return (now or timezone.now()) - lease()


def follow_up_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """When a task's follow-up runs: just after its lease has passed."""
    return (now or timezone.now()) + lease() + datetime.timedelta(seconds=1)


def stale_tasks_fail(now: datetime.datetime | None = None) -> int:
    """Mark the queue's tasks still "running" after the lease as failed (their worker died).
    Returns how many. Their work is taken up by their follow-ups, not by running them again."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=stale_before(now))
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="powerwith.common.tasks.WorkerStopped",
            traceback=(
                "The worker stopped while running this task (it was still running after "
                f"the lease of {settings.POWERWITH_TASK_LEASE} seconds). Its follow-up "
                "takes its work up again."
            ),
        )
    )


class WorkerStopped(Exception):
    """Named on a task that was still running when its lease passed."""
