"""Correcting a step of a map entry's history: the same form as recording it, kept in date
order, the entry's status following its latest step, a log line; members and facilitators."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.outreach import services
from powerwith.outreach.models import Stakeholder, StakeholderStep
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db
D = datetime.date


def _entry(w: World) -> Stakeholder:
    return services.stakeholder_create(
        actor=w.facilitator,
        journey=w.journey,
        name="Carers of people on ward 7",
        form="group",
        kind="carers",
        why="They see the discharge from the other side.",
        planned_on=D(2025, 3, 1),
    )


def _steps(w: World, entry: Stakeholder) -> tuple[StakeholderStep, StakeholderStep]:
    first = services.stakeholder_record(
        actor=w.facilitator, stakeholder=entry, status="approached", on=D(2025, 3, 5)
    )
    second = services.stakeholder_record(
        actor=w.facilitator, stakeholder=entry, status="no_answer", on=D(2025, 3, 20)
    )
    return first, second


def _url(w: World, step: StakeholderStep) -> str:
    return reverse(
        "outreach:step_edit", kwargs={"slug": w.journey.slug, "stakeholder_step_pk": step.pk}
    )


def test_change_the_latest_step_through_the_page(world: World) -> None:
    entry = _entry(world)
    first, second = _steps(world, entry)
    c = client_for(world.member)
    detail = reverse(
        "outreach:entry", kwargs={"slug": world.journey.slug, "stakeholder_pk": entry.pk}
    )
    page = c.get(detail).content.decode()
    assert _url(world, first) in page and _url(world, second) in page
    form = c.get(_url(world, second)).content.decode()
    assert "Change what happened with Carers of people on ward 7" in form and "2025-03-20" in form
    r = c.post(_url(world, second), {"status": "declined", "on": "2025-03-21", "reason": ""})
    assert r.status_code == 400
    assert "Say why they declined, in their words if you can." in r.content.decode()
    r = c.post(
        _url(world, second),
        {"status": "declined", "on": "2025-03-21", "reason": "No time on weekdays", "notes": ""},
    )
    assert r.status_code == 302 and r["Location"] == detail
    second.refresh_from_db()
    entry.refresh_from_db()
    assert (second.status, second.on, second.reason) == (
        "declined",
        D(2025, 3, 21),
        "No time on weekdays",
    )
    assert (entry.status, entry.status_on) == ("declined", D(2025, 3, 21))
    line = AuditEntry.objects.get(action="stakeholder_step_update")
    assert line.summary == (
        "Carers of people on ward 7: No answer (2025-03-20) → Declined (2025-03-21)"
    )


def test_an_earlier_step_keeps_its_place(world: World) -> None:
    entry = _entry(world)
    first, second = _steps(world, entry)
    f = world.facilitator
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_step_update(
            actor=f, step=first, status="approached", on=D(2025, 3, 25)
        )
    assert caught.value.message_dict == {
        "on": ["The date cannot be after the step that follows it (2025-03-20)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_step_update(actor=f, step=first, status="approached", on=D(2025, 2, 1))
    assert caught.value.message_dict == {
        "on": ["The date cannot be before the step before it (2025-03-01)."]
    }
    # The entry's first step ("still to approach", the day it was planned) cannot go earlier.
    start = StakeholderStep.objects.filter(stakeholder=entry).order_by("on", "id").first()
    assert start is not None and start.status == "to_approach"
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_step_update(
            actor=f, step=start, status="to_approach", on=D(2025, 2, 1)
        )
    assert caught.value.message_dict == {
        "on": ["The date cannot be before the entry was planned (2025-03-01)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_step_update(actor=f, step=second, status="no_answer", on=D(2025, 3, 4))
    assert caught.value.message_dict == {
        "on": ["The date cannot be before the step before it (2025-03-05)."]
    }
    services.stakeholder_step_update(
        actor=f, step=first, status="approached", on=D(2025, 3, 6), notes="By phone"
    )
    entry.refresh_from_db()
    # Changing an earlier step leaves the entry's status with the latest one.
    assert (entry.status, entry.status_on) == ("no_answer", D(2025, 3, 20))


def test_by_role(world: World) -> None:
    entry = _entry(world)
    first, _ = _steps(world, entry)
    assert client_for(world.observer).get(_url(world, first)).status_code == 403
    assert client_for(world.outsider).get(_url(world, first)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.stakeholder_step_update(
            actor=world.observer, step=first, status="approached", on=D(2025, 3, 5)
        )
