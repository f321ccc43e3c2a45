"""A limit not yet shared with the group is not shown to members and observers (issue 14, item
7: members saw a limit marked "Not yet shared with the group" above their ballot)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.contributions import services as cs
from powerwith.decisions import services as ds
from powerwith.journeys import services as js
from powerwith.journeys.models import Limit
from powerwith.journeys.selectors import active_limits, limits_line
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

HIDDEN = "Closing the Friday clinic"
SHOWN = "The building stays"


def two_limits(world: World) -> tuple[Limit, Limit]:
    f, j = world.facilitator, world.journey
    hidden = js.limit_add(
        actor=f, journey=j, text=HIDDEN, set_by="organisation", why="A board paper, not public yet."
    )
    shown = js.limit_add(
        actor=f,
        journey=j,
        text=SHOWN,
        set_by="funder",
        why="Capital money is spent.",
        disclosed_on=datetime.date(2025, 2, 1),
    )
    return hidden, shown


def test_members_and_observers_see_only_shared_limits(world: World) -> None:
    hidden, shown = two_limits(world)
    j = world.journey
    assert active_limits(j) == [shown]
    assert active_limits(j, can_manage=True) == [hidden, shown]
    assert limits_line(j, can_manage=False) == {"n": 1, "unshared": 0, "slug": j.slug}
    assert limits_line(j, can_manage=True) == {"n": 2, "unshared": 1, "slug": j.slug}
    # A sharing date still to come is not shared yet.
    later = js.limit_add(
        actor=world.facilitator,
        journey=j,
        text="Later",
        set_by="law",
        why="New rules.",
        disclosed_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert later not in active_limits(j)

    item = cs.contribution_create(
        actor=world.facilitator,
        journey=j,
        text="Keep the Friday clinic",
        channel="online",
        anonymous=True,
    )
    vote = ds.vote_create(
        actor=world.facilitator, journey=j, title="What first?", method="dot", labels=["A", "B"]
    )
    vote = ds.vote_open(actor=world.facilitator, vote=vote)
    decision = ds.decision_create(
        actor=world.facilitator,
        journey=j,
        text="Friday stays for now",
        taken_by="organisation",
        rung="informing",
        where_outside="The board",
        decided_on=datetime.date(2025, 3, 1),
        limits=[hidden, shown],
    )
    pages = [
        reverse("journeys:agreement", kwargs={"slug": j.slug}),
        reverse("journeys:detail", kwargs={"slug": j.slug}),
        vote.get_absolute_url(),
        item.get_absolute_url(),
        reverse("contributions:fate", kwargs={"slug": j.slug, "contribution_pk": item.pk}),
        decision.get_absolute_url(),
        reverse("decisions:edit", kwargs={"slug": j.slug, "decision_pk": decision.pk}),
        reverse("decisions:create", kwargs={"slug": j.slug}),
    ]
    for who in (world.member, world.observer):
        c = client_for(who)
        for page in pages:
            r = c.get(page)
            if r.status_code == 403:  # observers cannot record
                continue
            html = r.content.decode()
            assert r.status_code == 200, page
            assert HIDDEN not in html and "Not yet shared" not in html, (who, page)
    member = client_for(world.member)
    assert SHOWN in member.get(pages[0]).content.decode()
    assert (
        "<strong>1 limit</strong> applies to this journey" in member.get(pages[2]).content.decode()
    )
    fran = client_for(world.facilitator).get(pages[2]).content.decode()
    assert "<strong>3 limits</strong> apply to this journey" in fran
    assert "2 not yet shared with the group" in fran and HIDDEN not in fran  # one line only
    agreement = client_for(world.facilitator).get(pages[0]).content.decode()
    assert HIDDEN in agreement and "Share with the group" in agreement


def test_a_member_editing_a_decision_keeps_the_limits_they_cannot_see(world: World) -> None:
    hidden, shown = two_limits(world)
    decision = ds.decision_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Friday stays for now",
        taken_by="organisation",
        rung="informing",
        where_outside="The board",
        decided_on=datetime.date(2025, 3, 1),
        limits=[hidden, shown],
    )
    r = client_for(world.member).post(
        reverse("decisions:edit", kwargs={"slug": world.journey.slug, "decision_pk": decision.pk}),
        {
            "text": "Friday stays for now, said the board",
            "decided_on": "2025-03-01",
            "where_outside": "The board",
            "taken_by": "organisation",
            "rung": "informing",
            "limits": [shown.pk],
        },
    )
    assert r.status_code == 302
    assert set(decision.limits.all()) == {hidden, shown}


def test_sharing_a_limit_records_when_and_by_whom(world: World) -> None:
    hidden, shown = two_limits(world)
    assert shown.shared_by == world.facilitator and hidden.shared_by is None
    url = reverse(
        "journeys:limit_share", kwargs={"slug": world.journey.slug, "limit_pk": hidden.pk}
    )
    assert client_for(world.member).post(url).status_code == 403
    fran = client_for(world.facilitator)
    html = fran.get(url).content.decode()
    assert "Share this limit with the group?" in html and HIDDEN in html
    assert Limit.objects.get(pk=hidden.pk).disclosed_on is None  # asking changed nothing
    r = fran.post(url)
    assert r.status_code == 302
    hidden.refresh_from_db()
    assert (hidden.disclosed_on, hidden.shared_by) == (timezone.localdate(), world.facilitator)
    line = AuditEntry.objects.get(action="limit_share")
    assert (line.actor, line.summary) == (world.facilitator, f"Shared with the group: {HIDDEN}")
    assert HIDDEN in client_for(world.member).get(world.journey.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError) as exc:
        js.limit_share(actor=world.facilitator, limit=hidden)
    assert exc.value.messages == [
        f"This was already shared with the group on {timezone.localdate():%d %B %Y}."
    ]
    # Clearing the date in the form un-marks it; setting one again records who did.
    js.limit_update(
        actor=world.facilitator,
        limit=hidden,
        text=HIDDEN,
        set_by="organisation",
        why="A board paper.",
        table="off",
        disclosed_on=None,
        withdrawn_on=None,
    )
    assert Limit.objects.get(pk=hidden.pk).shared_by is None


def test_the_records_behind_the_limits_figure_hide_an_unshared_limit_from_members(
    world: World,
) -> None:
    two_limits(world)
    url = reverse("insights:records", kwargs={"slug": world.journey.slug, "indicator": "limits"})
    member = client_for(world.member).get(url).content.decode()
    assert "A limit not yet shared with the group" in member and HIDDEN not in member
    assert SHOWN in member
    assert HIDDEN in client_for(world.facilitator).get(url).content.decode()


def test_the_limits_line_says_one_limit_and_two_limits(world: World) -> None:
    from django.template.loader import render_to_string

    def line(n: int) -> str:
        return " ".join(
            render_to_string(
                "journeys/_limits_line.html",
                {"limits_line": {"n": n, "unshared": 0, "slug": world.journey.slug}},
            ).split()
        )

    assert "<strong>1 limit</strong> applies to this journey" in line(1) and "read it</a>" in line(
        1
    )
    assert "<strong>3 limits</strong> apply to this journey" in line(3)
    assert "read them</a>" in line(3)
    assert line(0) == ""


def test_the_data_migration_fills_who_shared_only_where_it_is_known(world: World) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("powerwith.journeys.migrations.0005_voteux_limit_shared_by")
    f, j = world.facilitator, world.journey
    day = datetime.date(2025, 2, 1)
    kept = js.limit_add(actor=f, journey=j, text="A", set_by="law", why="x", disclosed_on=day)
    changed = js.limit_add(actor=f, journey=j, text="B", set_by="law", why="x")
    js.limit_update(
        actor=f,
        limit=changed,
        text="B",
        set_by="law",
        why="x",
        table="off",
        disclosed_on=day,
        withdrawn_on=None,
    )
    never = js.limit_add(actor=f, journey=j, text="C", set_by="law", why="x")
    Limit.objects.update(shared_by=None)  # as before the field existed
    migration.fill_shared_by(apps, None)
    assert Limit.objects.get(pk=kept.pk).shared_by == f  # recorded with its sharing date
    assert Limit.objects.get(pk=changed.pk).shared_by is None  # changed since: not known
    assert Limit.objects.get(pk=never.pk).shared_by is None  # not shared
