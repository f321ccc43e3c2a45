"""Deleting a linked group entered by mistake: a confirmation page, refused while anything done
with it is recorded, a log line; members and facilitators, not observers."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.outreach import services
from powerwith.outreach.models import JointActivity, LinkedGroup
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db
D = datetime.date
REFUSAL = (
    "1 thing the journey did with this group is recorded. Remove it first if it was entered by "
    "mistake. To record that you stopped working with the group, change it and give the day it "
    "ended."
)


def _group(w: World) -> LinkedGroup:
    return services.linked_group_create(
        actor=w.facilitator,
        journey=w.journey,
        name="Carers' network",
        kind="network",
        since=D(2025, 1, 6),
    )


def _url(w: World, group: LinkedGroup) -> str:
    return reverse(
        "outreach:group_remove", kwargs={"slug": w.journey.slug, "linked_group_pk": group.pk}
    )


def test_delete_through_the_confirmation_page(world: World) -> None:
    g = _group(world)
    c = client_for(world.member)
    detail = reverse("outreach:group", kwargs={"slug": world.journey.slug, "linked_group_pk": g.pk})
    assert _url(world, g) in c.get(detail).content.decode()
    page = c.get(_url(world, g)).content.decode()
    assert "Delete Carers’ network from the groups you work with?" in page.replace(
        "&#x27;", "’"
    ).replace("'", "’")
    r = c.post(_url(world, g))
    assert r.status_code == 302
    assert r["Location"] == reverse("outreach:groups", kwargs={"slug": world.journey.slug})
    assert not LinkedGroup.objects.filter(pk=g.pk).exists()
    line = AuditEntry.objects.get(action="linked_group_remove")
    assert line.summary == "Carers' network" and line.actor == world.member


def test_refused_while_something_done_together_is_recorded(world: World) -> None:
    g = _group(world)
    a = services.joint_activity_add(
        actor=world.facilitator, group=g, on=D(2025, 2, 1), what="A workshop"
    )
    c = client_for(world.facilitator)
    page = c.get(_url(world, g)).content.decode()
    assert REFUSAL in page and "Yes, delete the group" not in page
    r = c.post(_url(world, g))
    assert r.status_code == 409
    with pytest.raises(ValidationError) as caught:
        services.linked_group_remove(actor=world.facilitator, group=g)
    assert caught.value.messages == [REFUSAL]
    assert JointActivity.objects.filter(pk=a.pk).exists()
    services.joint_activity_remove(actor=world.facilitator, activity=a)
    services.linked_group_remove(actor=world.facilitator, group=g)
    assert not LinkedGroup.objects.filter(pk=g.pk).exists()


def test_by_role(world: World) -> None:
    g = _group(world)
    assert client_for(world.observer).post(_url(world, g)).status_code == 403
    assert client_for(world.outsider).post(_url(world, g)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.linked_group_remove(actor=world.observer, group=g)
    assert LinkedGroup.objects.filter(pk=g.pk).exists()
