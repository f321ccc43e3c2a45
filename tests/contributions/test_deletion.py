"""Deleting a journey (or a contribution) takes its history with it, on every database."""

import datetime

from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution, FateChange
from powerwith.journeys.models import Journey
from powerwith.people import services as ps


def test_journey_with_answered_contributions_can_be_deleted(world):
    j, f = world.journey, world.facilitator
    ann = ps.person_create(
        actor=f, journey=j, name="Ann", role="service_user", joined_on=datetime.date(2025, 1, 6)
    )
    c = cs.contribution_create(
        actor=f,
        journey=j,
        text="Longer hours",
        channel="paper",
        raised_by=ann,
        raised_on=datetime.date(2025, 2, 2),
    )
    cs.contribution_set_fate(actor=f, contribution=c, fate="considering")
    cs.contribution_set_fate(actor=f, contribution=c, fate="done", change_level="individual")
    assert FateChange.objects.filter(contribution=c).count() == 3

    Journey.objects.filter(pk=j.pk).delete()

    assert not Contribution.objects.filter(pk=c.pk).exists()
    assert not FateChange.objects.filter(contribution_id=c.pk).exists()
