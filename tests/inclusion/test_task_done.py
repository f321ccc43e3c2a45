"""A ledger task marked done: who marked it and when, in the list, the figures, the export,
and no longer offered at a handover."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.inclusion import selectors, services
from powerwith.inclusion.models import Task
from powerwith.insights.period import Period
from powerwith.leaving.selectors import open_actions

from .helpers import person

pytestmark = pytest.mark.django_db
D = datetime.date


def _task(world: Any, who: Any, what: str, since: datetime.date, paid_role: str = "") -> Task:
    return services.task_record(
        actor=world.facilitator,
        person=who,
        description=what,
        since=since,
        replaces_paid_role=bool(paid_role),
        paid_role=paid_role,
    )


def test_worked_example(world: Any) -> None:
    """Three tasks: A (flagged, 1 Jan, done 10 Feb), B (flagged, 1 Jan, ongoing), C (1 Mar,
    done 20 Mar). In February: A and B being done; A done. In March: A was done before the
    start, so only B is flagged; B ongoing at the end; C started and was done in March."""
    ula = person(world, "Ula")
    a = _task(world, ula, "Runs the drop-in", D(2025, 1, 1), "Community worker")
    _task(world, ula, "Keeps the leaflets", D(2025, 1, 1), "Information officer")
    c = _task(world, ula, "Sets out the chairs", D(2025, 3, 1))
    services.task_mark_done(actor=world.facilitator, task=a, done_on=D(2025, 2, 10))
    services.task_mark_done(actor=world.member, task=c, done_on=D(2025, 3, 20))

    feb = selectors.reciprocity(world.journey, Period(D(2025, 2, 1), D(2025, 2, 28)))
    assert feb["tasks"] == {"ongoing": 1, "done": 1}
    assert feb["replaced_paid_roles"] == {"tasks": 2, "unpaid_people": 1}
    mar = selectors.reciprocity(world.journey, Period(D(2025, 3, 1), D(2025, 3, 31)))
    assert mar["tasks"] == {"ongoing": 1, "done": 1}
    assert mar["replaced_paid_roles"] == {"tasks": 1, "unpaid_people": 1}
    every = selectors.reciprocity(world.journey, Period())
    assert every["tasks"] == {"ongoing": 1, "done": 2}
    assert every["replaced_paid_roles"] == {"tasks": 2, "unpaid_people": 1}

    a.refresh_from_db()
    assert (a.done_on, a.done_by) == (D(2025, 2, 10), world.facilitator)
    line = AuditEntry.objects.get(action="task_done", object_id=c.pk)
    assert line.summary == "Sets out the chairs: done on 2025-03-20"
    # A handover no longer offers a task that is done.
    assert [x.description for x in open_actions(ula)] == ["Keeps the leaflets"]


def test_bad_input(world: Any) -> None:
    t = _task(world, person(world, "Ula"), "Runs the drop-in", D(2025, 1, 6))
    f = world.facilitator
    with pytest.raises(ValidationError) as caught:
        services.task_mark_done(actor=f, task=t, done_on=D(2025, 1, 5))
    assert caught.value.message_dict == {
        "done_on": ["It cannot be done before it started (6 January 2025)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.task_mark_done(
            actor=f, task=t, done_on=timezone.localdate() + datetime.timedelta(days=1)
        )
    assert list(caught.value.message_dict) == ["done_on"]
    services.task_mark_done(actor=f, task=t, done_on=D(2025, 1, 6))
    with pytest.raises(ValidationError) as caught:
        services.task_mark_done(actor=f, task=t, done_on=D(2025, 1, 7))
    assert caught.value.messages == ["This task is already marked done (6 January 2025)."]
    with pytest.raises(PermissionDenied):
        services.task_mark_done(actor=world.observer, task=t, done_on=D(2025, 1, 7))


def test_through_the_pages(world: Any) -> None:
    t = _task(world, person(world, "Ula"), "Runs the drop-in", D(2025, 1, 6))
    url = reverse("inclusion:task_done", kwargs={"slug": world.journey.slug, "task_pk": t.pk})
    ledger = reverse("inclusion:ledger", kwargs={"slug": world.journey.slug})
    observer, member = Client(), Client()
    observer.force_login(world.observer)
    member.force_login(world.member)
    assert observer.get(url).status_code == 403
    assert observer.post(url, {"done_on": "2025-02-01"}).status_code == 403
    page = member.get(ledger).content.decode()
    assert url in page and "Mark as done" in page
    r = member.post(url, {"done_on": "2025-01-01"})
    assert r.status_code == 400
    assert "It cannot be done before it started (6 January 2025)." in r.content.decode()
    r = member.post(url, {"done_on": "2025-02-01"})
    assert r.status_code == 302 and r["Location"] == ledger + "#tasks"
    page = member.get(ledger).content.decode()
    assert "done 1 Feb 2025" in page and "marked by Mo" in page and url not in page
