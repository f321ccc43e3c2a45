"""How to make the objects behind the notices app's URL arguments (tests/test_access_walk.py)."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.contributions import services as contribution_services
from powerwith.notices import services
from powerwith.notices.models import Notice
from powerwith.people import services as people_services


def make_notice(world: Any) -> int:
    found = Notice.objects.filter(journey=world.journey).first()
    if found is not None:
        return found.pk
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Walker Notice",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    services.hearing_back_set(
        actor=world.facilitator,
        person=person,
        way="post",
        address="1 Walk Lane\nLeeds\nLS1 1AA",
        consent=True,
    )
    c = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Walk notice",
        channel="paper",
        raised_by=person,
        raised_on=datetime.date(2025, 2, 3),
    )
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    return Notice.objects.get(contribution=c).pk


OBJECTS = {"notice_pk": make_notice}
