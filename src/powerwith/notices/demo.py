"""The demo's ways of hearing back and notices, built through the services.

In each journey, the first people who raised something (in the order of what they raised) get
one way each: email, text message, letter, through a member, not at all. Their latest fate
changes get notices through the same hook a live change uses. Emails and texts are shown as
sent on the day of the change, except one email in the hospital journey that could not be sent
(the mail server refused it five times), so the front page and the outbox show a failure.
Letters and news to pass on are left waiting, for the "Letters and news to pass on" page.

Every address and number is invented: example.org addresses, Ofcom's drama numbers (07700
900xxx) and made-up streets.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from powerwith.contributions.models import Contribution
from powerwith.demo.context import EBCD, DemoContext

from . import services, vocab
from .models import Notice

WAYS = [vocab.EMAIL, vocab.TEXT, vocab.POST, vocab.MEMBER, vocab.NONE, vocab.EMAIL]
ADDRESSES = [
    "12 Larch Grove\nNorthfield\nNF1 2AB",
    "Flat 3, Mill House\n8 Canal Street\nNorthfield\nNF4 7CD",
]


def _consent_day(person: Any, ctx: DemoContext) -> datetime.date:
    return max(person.joined_on, ctx.today - datetime.timedelta(days=120))


def extend(ctx: DemoContext) -> None:
    actor = ctx.facilitator
    for key, demo in ctx.journeys.items():
        raisers: list[Any] = []
        for c in sorted(demo.contributions, key=lambda c: (c.raised_on, c.pk)):
            if c.raised_by is not None and c.raised_by not in raisers:
                raisers.append(c.raised_by)
        chosen = raisers[: len(WAYS)]
        if len(chosen) < 2:
            continue
        go_between = next(p for p in demo.people.values() if p not in chosen)
        for i, (person, way) in enumerate(zip(chosen, WAYS, strict=False)):
            first = person.name.split()[0].lower()
            services.hearing_back_set(
                actor=actor,
                person=person,
                way=way,
                consent=way != vocab.NONE,
                email=f"{first}.{key}@example.org",
                phone=f"07700 900{100 + i:03d}",
                address=ADDRESSES[i % len(ADDRESSES)],
                via=go_between,
                consent_on=_consent_day(person, ctx) if way != vocab.NONE else None,
            )
            # Their latest changes, told through the same hook a live change calls.
            for c in Contribution.objects.filter(raised_by=person).exclude(fate="new"):
                if c.last_change is not None:
                    services.notices_for_fate_change(c.last_change)
        sent_at = timezone.now()
        queued = Notice.objects.filter(
            journey=demo.journey, way__in=vocab.SENT_BY_QUEUE, status=vocab.QUEUED
        ).order_by("id")
        failed = queued.filter(way=vocab.EMAIL).first() if key == EBCD else None
        if failed is not None:
            Notice.objects.filter(pk=failed.pk).update(
                status=vocab.FAILED,
                attempts=5,
                last_error="The mail server could not be reached ([Errno 111] Connection refused)",
            )
        # The rest went (``queued`` is asked again here: the failed one is no longer queued).
        queued.update(status=vocab.SENT, sent_at=sent_at)
