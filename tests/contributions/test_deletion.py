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
    twin = cs.contribution_create(
        actor=f,
        journey=j,
        text="Open later",
        channel="phone",
        raised_by=ann,
        raised_on=datetime.date(2025, 2, 3),
    )
    cs.contribution_set_fate(actor=f, contribution=twin, fate="merged", merged_into=c)

    Journey.objects.filter(pk=j.pk).delete()

    assert not Contribution.objects.filter(pk__in=[c.pk, twin.pk]).exists()
    assert not FateChange.objects.filter(contribution_id=c.pk).exists()


def test_the_one_others_were_merged_into_cannot_be_deleted_alone(world):
    import pytest
    from django.db.models import RestrictedError

    j, f = world.journey, world.facilitator
    target = cs.contribution_create(
        actor=f,
        journey=j,
        text="Parking",
        channel="paper",
        anonymous=True,
        raised_on=datetime.date(2025, 2, 2),
    )
    twin = cs.contribution_create(
        actor=f,
        journey=j,
        text="Car park",
        channel="paper",
        anonymous=True,
        raised_on=datetime.date(2025, 2, 2),
    )
    cs.contribution_set_fate(actor=f, contribution=twin, fate="merged", merged_into=target)
    with pytest.raises(RestrictedError):
        Contribution.objects.filter(pk=target.pk).delete()
    assert Contribution.objects.filter(pk=target.pk).exists()
