"""Sending the notices that are due (called by the task, and by ``powerwith notices send``).

Never twice: each batch of rows is claimed (queued -> sending) by one conditional update
before anything leaves, so two workers cannot both send a row, and a row is marked sent in the
same step that ends its try. Nothing lost: a failed try puts the rows back as queued with a
later ``due_at`` (back-off) and a task to run then; after the last try they are failed, with
the reason, and a facilitator can try them again (``services.notice_retry``).

A worker killed mid-task (common/tasks.py): each run that claims rows first queues a follow-up
of the task for after the task lease. Rows claimed longer ago than the lease were claimed by a
run that died. If that run had not yet reached the mail server (``handed_at`` empty), nothing
left: they go back to the queue and are sent. If it had begun handing them over, the message
may have arrived: they are never sent again by themselves (sending twice is worse than a
notice a facilitator can see and retry); they are marked failed with that reason, and a
facilitator can check and try again.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from powerwith.common import tasks
from powerwith.journeys.models import Journey
from powerwith.people.models import Person

from . import compose, queue, sms, vocab
from .models import HearingBack, Notice

log = logging.getLogger(__name__)


def backoff() -> tuple[int, ...]:
    """Seconds to wait before each next try (settings.POWERWITH_NOTICE_BACKOFF)."""
    return tuple(settings.POWERWITH_NOTICE_BACKOFF)


def send_due(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send every email and text notice that is due, one message per person and way.
    Returns how many notices were sent, put back for a later try, and failed for good."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    counts["failed"] += take_up_stale(now)
    due = (
        Notice.objects.filter(status=vocab.QUEUED, due_at__lte=now, way__in=vocab.SENT_BY_QUEUE)
        .values_list("pk", "person_id", "way")
        .order_by("person_id", "pk")
    )
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for pk, person_id, way in due:
        groups[(person_id, way)].append(pk)
    if groups:
        # If this run dies, its follow-up takes its claims up once the lease has passed.
        queue.send_at(tasks.follow_up_at())
    for (person_id, way), pks in groups.items():
        outcome = _send_group(person_id, way, pks)
        counts[outcome[0]] += outcome[1]
    return counts


def _send_group(person_id: int, way: str, pks: list[int]) -> tuple[str, int]:
    claim = uuid.uuid4().hex
    with transaction.atomic():
        claimed = Notice.objects.filter(pk__in=pks, status=vocab.QUEUED).update(
            status=vocab.SENDING, claim=claim, claimed_at=timezone.now(), handed_at=None
        )
    if not claimed:
        return ("sent", 0)  # another worker has them
    rows = list(
        Notice.objects.filter(claim=claim, status=vocab.SENDING).select_related(
            "journey", "contribution", "fate_change", "fate_change__merged_into"
        )
    )
    person = Person.objects.get(pk=person_id)
    hearing = HearingBack.objects.filter(person=person).first()
    try:
        if hearing is None or hearing.way != way:
            # They changed how they hear after these were made: send them their new way next
            # time (the rows go back to the queue under the new way, or away with "not at all").
            raise _WayChanged()

        def handing() -> None:
            Notice.objects.filter(claim=claim).update(handed_at=timezone.now())

        deliver(person, hearing, rows, handing=handing)
    except _WayChanged:
        with transaction.atomic():
            if hearing is None or hearing.way == vocab.NONE:
                Notice.objects.filter(claim=claim).delete()
            else:
                Notice.objects.filter(claim=claim).update(
                    status=vocab.QUEUED, way=hearing.way, claim=""
                )
                if hearing.way in vocab.SENT_BY_QUEUE:
                    queue.send_at(timezone.now())
        return ("retry", 0)
    except Exception as exc:
        log.warning("Notices to person %s by %s not sent: %s", person_id, way, exc)
        return _failed_try(rows, claim, exc)
    Notice.objects.filter(claim=claim).update(status=vocab.SENT, sent_at=timezone.now())
    return ("sent", len(rows))


class _WayChanged(Exception):
    pass


STOPPED_WHILE_HANDING = (
    "The sender stopped while handing this to the mail or text service, so it may have "
    "arrived. Check with them before trying again."
)


def take_up_stale(now: datetime.datetime) -> int:
    """Take up rows claimed by a run that died (claimed longer ago than the task lease):
    back to the queue if they never reached the mail server, failed with a reason if they
    may have. Returns how many were failed."""
    stale = Notice.objects.filter(status=vocab.SENDING, claimed_at__lt=tasks.stale_before(now))
    with transaction.atomic():
        stale.filter(handed_at=None).update(status=vocab.QUEUED, claim="", claimed_at=None)
        return stale.exclude(handed_at=None).update(
            status=vocab.FAILED, last_error=STOPPED_WHILE_HANDING, claim=""
        )


def _failed_try(rows: list[Notice], claim: str, exc: Exception) -> tuple[str, int]:
    waits = backoff()
    attempts = max(r.attempts for r in rows) + 1
    reason = _reason(exc)
    with transaction.atomic():
        if attempts > len(waits):
            Notice.objects.filter(claim=claim).update(
                status=vocab.FAILED, attempts=attempts, last_error=reason, claim=""
            )
            return ("failed", len(rows))
        later = timezone.now() + datetime.timedelta(seconds=waits[attempts - 1])
        Notice.objects.filter(claim=claim).update(
            status=vocab.QUEUED, attempts=attempts, last_error=reason, due_at=later, claim=""
        )
        queue.send_at(later)
    return ("retry", len(rows))


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, ConnectionError | TimeoutError):
        text = f"The mail server could not be reached ({text})"
    return text[:300]


def deliver(
    person: Person,
    hearing: HearingBack,
    rows: list[Notice],
    handing: Callable[[], None] = lambda: None,
) -> None:
    """Send one message carrying these notices, the way the person asked. Raises on failure.
    ``handing`` is called once the message is ready and the mail server answers, just before
    it is handed over (from then on it may arrive even if this process dies)."""
    journey: Journey = rows[0].journey
    if hearing.way == vocab.EMAIL:
        send_email(journey, person, hearing.email, rows, handing=handing)
    elif hearing.way == vocab.TEXT:
        with translation.override(compose.language_of(person)):
            text = compose.sms_text(journey, rows)
        handing()
        sms.provider().send(hearing.phone, text)
    else:  # letters and news passed on are done by people, never by the queue
        raise ValueError(f"{hearing.way} is not sent by the queue")


def email_parts(journey: Journey, person: Person, rows: list[Notice]) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the email, in the person's language (and easy read when
    chosen)."""
    with translation.override(compose.language_of(person)):
        context: dict[str, Any] = {
            "journey": journey,
            "name": person.name,
            "items": compose.items(rows),
            "link": compose.public_link(journey),
            "easy_read": compose.easy_read_of(person),
        }
        return (
            compose.subject(journey),
            render_to_string("notices/email.txt", context),
            render_to_string("notices/email.html", context),
        )


def send_email(
    journey: Journey,
    person: Person,
    address: str,
    rows: list[Notice],
    handing: Callable[[], None] = lambda: None,
) -> None:
    subject, text, html = email_parts(journey, person, rows)
    connection = get_connection(fail_silently=False)
    message = EmailMultiAlternatives(subject, text, None, [address], connection=connection)
    message.attach_alternative(html, "text/html")
    with connection:  # reach the mail server first: a server that never answers gets nothing
        handing()
        message.send(fail_silently=False)
