"""Journey services: the agreement (definition versions, values, limits), membership rules and
invitations."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from powerwith.journeys import services as js
from powerwith.journeys.models import DefinitionVersion, Invitation, Limit, Membership
from powerwith.journeys.selectors import active_limits
from tests.conftest import make_user

D = datetime.date


def test_creator_becomes_facilitator_and_slugs_are_unique(world):
    j2 = js.journey_create(actor=world.member, title="Better breast care")
    assert j2.slug == "better-breast-care-2"
    assert Membership.objects.get(journey=j2).role == "facilitator"
    with pytest.raises(ValidationError) as exc:
        js.journey_create(actor=world.member, title=" ")
    assert exc.value.message_dict == {"title": ["Enter a name for the journey."]}
    with pytest.raises(ValidationError) as exc:
        js.journey_create(actor=world.member, title="X", stages=["co_dreaming"])
    assert exc.value.message_dict == {"stages": ["Choose stages from the list."]}


def test_definition_versions_are_kept(world):
    f, j = world.facilitator, world.journey
    js.definition_add(actor=f, journey=j, text="Working as equals.", agreed_on=D(2025, 1, 10))
    js.definition_add(
        actor=f, journey=j, text="Working as equals, sharing power.", agreed_on=D(2025, 4, 1)
    )
    with pytest.raises(ValidationError) as exc:
        js.definition_add(
            actor=f, journey=j, text="Working as equals, sharing power.", agreed_on=D(2025, 5, 1)
        )
    assert exc.value.message_dict == {
        "text": [
            "This is the same as the current definition. Change the text to add a new version."
        ]
    }
    assert list(DefinitionVersion.objects.values_list("text", "agreed_on")) == [
        ("Working as equals, sharing power.", D(2025, 4, 1)),
        ("Working as equals.", D(2025, 1, 10)),
    ]


def test_only_facilitators_change_the_agreement(world):
    with pytest.raises(PermissionDenied):
        js.definition_add(
            actor=world.member, journey=world.journey, text="X", agreed_on=D(2025, 1, 1)
        )


def test_values_from_the_list_or_own_words_once_each(world):
    f, j = world.facilitator, world.journey
    v = js.value_add(actor=f, journey=j, code="reciprocity")
    assert (v.name, v.meaning) == (
        "Reciprocity",
        "Everyone who gives their time gets something back.",
    )
    js.value_add(actor=f, journey=j, name="Kindness", meaning="Be kind.")
    with pytest.raises(ValidationError) as exc:
        js.value_add(actor=f, journey=j, name="kindness")
    assert exc.value.message_dict == {"name": ["The group has already chosen “kindness”."]}
    with pytest.raises(ValidationError) as exc:
        js.value_add(actor=f, journey=j)
    assert exc.value.message_dict == {"name": ["Choose a value from the list, or write your own."]}


def test_limits_need_who_and_why_and_withdrawn_ones_are_not_shown(world):
    f, j = world.facilitator, world.journey
    with pytest.raises(ValidationError) as exc:
        js.limit_add(actor=f, journey=j, text="Budget", set_by="funder", why=" ")
    assert exc.value.message_dict == {
        "why": ["Explain why. People find unexplained limits frustrating."]
    }
    with pytest.raises(ValidationError) as exc:
        js.limit_add(actor=f, journey=j, text="Budget", set_by="aliens", why="Because")
    assert exc.value.message_dict == {
        "set_by": ["Say who set this: the funder, the law, the organisation or the group."]
    }
    assert Limit.objects.count() == 0
    off = js.limit_add(actor=f, journey=j, text="Budget", set_by="funder", why="Fixed grant")
    on = js.limit_add(
        actor=f, journey=j, text="Opening times", set_by="group", why="Ours", table="on"
    )
    assert active_limits(j, can_manage=True) == [off, on]
    js.limit_update(
        actor=f,
        limit=off,
        text="Budget",
        set_by="funder",
        why="Fixed grant",
        table="off",
        disclosed_on=None,
        withdrawn_on=D(2025, 6, 1),
    )
    assert active_limits(j, can_manage=True) == [on]


def test_the_last_facilitator_cannot_step_down(world):
    mine = Membership.objects.get(journey=world.journey, user=world.facilitator)
    with pytest.raises(ValidationError) as exc:
        js.membership_set_role(actor=world.facilitator, membership=mine, role="member")
    assert exc.value.message_dict == {
        "role": ["A journey needs at least one facilitator. Make someone else facilitator first."]
    }
    with pytest.raises(ValidationError):
        js.membership_remove(actor=world.facilitator, membership=mine)
    theirs = Membership.objects.get(journey=world.journey, user=world.member)
    js.membership_set_role(actor=world.facilitator, membership=theirs, role="facilitator")
    js.membership_set_role(actor=world.facilitator, membership=mine, role="member")
    mine.refresh_from_db()
    assert mine.role == "member"


def test_invitation_is_accepted_once_and_expires(world):
    inv = js.invitation_create(
        actor=world.facilitator, journey=world.journey, email=" New@Example.org ", role="member"
    )
    assert inv.email == "new@example.org"
    newbie = make_user("new@example.org")
    m = js.invitation_accept(user=newbie, token=inv.token)
    assert (m.role, m.user) == ("member", newbie)
    assert js.invitation_accept(user=newbie, token=inv.token) == m  # harmless twice
    other = make_user("other@example.org")
    with pytest.raises(ValidationError) as exc:
        js.invitation_accept(user=other, token=inv.token)
    assert exc.value.messages == [
        "This invitation has already been used. Ask the facilitator for a new one."
    ]
    late = js.invitation_create(
        actor=world.facilitator, journey=world.journey, email="late@example.org", role="observer"
    )
    Invitation.objects.filter(pk=late.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as exc:
        js.invitation_accept(user=other, token=late.token)
    assert exc.value.messages == ["This invitation has expired. Ask the facilitator for a new one."]
    assert not Membership.objects.filter(user=other).exists()
    with pytest.raises(ValidationError) as exc:
        js.invitation_create(
            actor=world.facilitator, journey=world.journey, email="mo@example.org", role="member"
        )
    assert exc.value.message_dict == {"email": ["This person is already a member of the journey."]}


def test_journey_update_end_before_start_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        js.journey_update(
            actor=world.facilitator,
            journey=world.journey,
            title="T",
            purpose="",
            host=None,
            stages=[],
            level="",
            started_on=D(2025, 5, 1),
            ended_on=D(2025, 4, 1),
            public_you_said=False,
        )
    assert exc.value.message_dict == {
        "ended_on": ["The end date must be on or after the start date."]
    }
    world.journey.refresh_from_db()
    assert world.journey.title == "Better breast care"
