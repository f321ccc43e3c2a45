"""Every change to care flags. Facilitators only (``manage``); log lines name no one."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys.models import Journey
from powerwith.people.models import Person

from .models import CareFlag


def _check(
    journey: Journey,
    *,
    person: Person | None,
    carer: Person | None,
    started_on: datetime.date | None,
    ended_on: datetime.date | None,
    support_offered_on: datetime.date | None,
    routes_told_on: datetime.date | None,
    flagged_on: datetime.date,
) -> None:
    today = timezone.localdate()
    if person is None or person.journey_id != journey.pk:
        raise invalid("person", _("Choose the person from this journey's register."))
    if carer is not None and carer.journey_id != journey.pk:
        raise invalid("carer", _("Choose a member of the group from this journey's register."))
    if carer is not None and carer.pk == person.pk:
        raise invalid("carer", _("Choose someone else: a person cannot be in their own care."))
    if flagged_on > today:
        raise invalid("flagged_on", _("The day it was recorded cannot be in the future."))
    if started_on is not None and ended_on is not None and ended_on < started_on:
        raise invalid("ended_on", _("The end must be on or after the start."))
    for field, day in (
        ("support_offered_on", support_offered_on),
        ("routes_told_on", routes_told_on),
    ):
        if day is not None and day > today:
            raise invalid(field, _("Enter a day that has already come, not one in the future."))


@transaction.atomic
def care_flag_create(
    *,
    actor: Any,
    journey: Journey,
    person: Person | None,
    carer: Person | None = None,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    support_offered_on: datetime.date | None = None,
    routes_told_on: datetime.date | None = None,
    notes: str = "",
    flagged_on: datetime.date | None = None,
) -> CareFlag:
    """Record, privately, that ``person`` is in the care of ``carer`` (a member of the group,
    optional), so that a facilitator offers independent support and anonymous routes.
    ``flagged_on`` (default today) starts the clock of the "no independent support" sign."""
    require(actor, journey, "manage")
    flagged_on = flagged_on or timezone.localdate()
    _check(
        journey,
        person=person,
        carer=carer,
        started_on=started_on,
        ended_on=ended_on,
        support_offered_on=support_offered_on,
        routes_told_on=routes_told_on,
        flagged_on=flagged_on,
    )
    assert person is not None  # checked above
    flag = CareFlag.objects.create(
        journey=journey,
        person=person,
        carer=carer,
        flagged_on=flagged_on,
        started_on=started_on,
        ended_on=ended_on,
        support_offered_on=support_offered_on,
        routes_told_on=routes_told_on,
        notes=notes.strip(),
        recorded_by=user_or_none(actor),
    )
    # The log names no one: it says a flag was recorded, never whose.
    audit(journey=journey, actor=actor, action="care_flag_create", obj=flag, summary="Care flag")
    return flag


@transaction.atomic
def care_flag_update(
    *,
    actor: Any,
    flag: CareFlag,
    carer: Person | None = None,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    support_offered_on: datetime.date | None = None,
    routes_told_on: datetime.date | None = None,
    notes: str = "",
) -> CareFlag:
    """Change a care flag: when independent support was offered, when they were told about
    anonymous routes, until when they are in the member's care."""
    require(actor, flag.journey, "manage")
    _check(
        flag.journey,
        person=flag.person,
        carer=carer,
        started_on=started_on,
        ended_on=ended_on,
        support_offered_on=support_offered_on,
        routes_told_on=routes_told_on,
        flagged_on=flag.flagged_on,
    )
    flag.carer, flag.started_on, flag.ended_on = carer, started_on, ended_on
    flag.support_offered_on, flag.routes_told_on = support_offered_on, routes_told_on
    flag.notes = notes.strip()
    flag.save()
    audit(
        journey=flag.journey, actor=actor, action="care_flag_update", obj=flag, summary="Care flag"
    )
    return flag


@transaction.atomic
def care_flag_remove(*, actor: Any, flag: CareFlag) -> None:
    """Delete a care flag recorded by mistake (an ended one is kept: give it an end date)."""
    require(actor, flag.journey, "manage")
    audit(
        journey=flag.journey, actor=actor, action="care_flag_remove", obj=flag, summary="Care flag"
    )
    flag.delete()
