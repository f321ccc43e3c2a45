"""Asking before what cannot be undone (issue 14, item 1): every removal that used to happen on
one tap of a list's "Remove" button now opens a question first (common/_confirm_inline.html),
and the bigger actions have a page of their own (common/confirm.html)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse

from powerwith.decisions import services as ds
from powerwith.decisions.models import CoDesignGroup, Vote
from powerwith.gatherings.models import AgendaItem
from tests.conftest import World, client_for
from tests.gatherings import access_objects as gatherings_objects
from tests.inclusion import access_objects as inclusion_objects
from tests.journeys import access_objects as journeys_objects

pytestmark = pytest.mark.django_db


def asks_first(html: str, action: str) -> bool:
    """The form that does it sits inside a closed disclosure that says what will happen."""
    return bool(
        re.search(
            r'<details class="confirm-inline">\s*<summary>[^<]+<span class="visually-hidden">'
            r'[^<]+</span></summary>\s*<div class="confirm-inline__body">\s*<p>[^<]{40,}</p>\s*'
            r'<form method="post" action="' + re.escape(action) + '">',
            html,
        )
    )


def test_list_removals_ask_first(world: World) -> None:
    slug = world.journey.slug
    made = {k: maker(world) for k, maker in inclusion_objects.OBJECTS.items()}
    value = journeys_objects.make_value(world)
    item = AgendaItem.objects.select_related("gathering").get(
        pk=gatherings_objects.make_item(world)
    )
    pages = {
        reverse("journeys:agreement", kwargs={"slug": slug}): [
            reverse("journeys:value_remove", kwargs={"slug": slug, "value_pk": value})
        ],
        item.gathering.get_absolute_url(): [
            reverse(
                "gatherings:agenda_remove",
                kwargs={"slug": slug, "gathering_pk": item.gathering_id, "item_pk": item.pk},
            )
        ],
        reverse("inclusion:reference_list", kwargs={"slug": slug}): [
            reverse(
                "inclusion:reference_delete",
                kwargs={"slug": slug, "population_pk": made["population_pk"]},
            )
        ],
        reverse("inclusion:assets", kwargs={"slug": slug}): [
            reverse("inclusion:asset_remove", kwargs={"slug": slug, "asset_pk": made["asset_pk"]}),
            reverse("inclusion:gap_remove", kwargs={"slug": slug, "gap_pk": made["gap_pk"]}),
        ],
        reverse("inclusion:ledger", kwargs={"slug": slug}): [
            reverse(f"inclusion:{name}_remove", kwargs={"slug": slug, key: made[key]})
            for name, key in (
                ("expense", "claim_pk"),
                ("time", "time_pk"),
                ("payment", "payment_pk"),
                ("training", "training_pk"),
                ("task", "task_pk"),
            )
        ],
    }
    fran = client_for(world.facilitator)
    for page, actions in pages.items():
        r = fran.get(page)
        html = r.content.decode()
        assert r.status_code == 200, page
        for action in actions:
            assert f'action="{action}"' in html, action
            assert asks_first(html, action), action


def test_removing_a_ledger_line_still_works_once_confirmed(world: World) -> None:
    from powerwith.inclusion.models import ExpenseClaim

    claim = inclusion_objects.make_claim(world)
    url = reverse(
        "inclusion:expense_remove", kwargs={"slug": world.journey.slug, "claim_pk": claim}
    )
    assert client_for(world.facilitator).post(url).status_code == 302
    assert not ExpenseClaim.objects.filter(pk=claim).exists()


def test_opening_a_vote_asks_first(world: World) -> None:
    vote = ds.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="What first?",
        method="dot",
        labels=["Parking", "Waiting times"],
    )
    fran = client_for(world.facilitator)
    page = fran.get(vote.get_absolute_url()).content.decode()
    url = reverse("decisions:vote_open", kwargs={"slug": world.journey.slug, "vote_pk": vote.pk})
    assert f'action="{url}"' not in page and f'href="{url}">Open the vote</a>' in page
    html = fran.get(url).content.decode()
    assert "Open the vote \u201cWhat first?\u201d?" in html
    assert "Dot voting, with 2 items: Parking; Waiting times." in html
    assert "The items and the rules can no longer change." in html
    assert Vote.objects.get(pk=vote.pk).state == "draft"
    assert fran.post(url).status_code == 302
    assert Vote.objects.get(pk=vote.pk).state == "open"
    html = fran.get(url).content.decode()
    assert "This vote has already opened." in html and "Open the vote</button>" not in html


def test_closing_a_co_design_group_says_what_happens(world: World) -> None:
    group = ds.group_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Waiting room group",
        formed_on=datetime.date(2025, 3, 3),
    )
    ds.group_action_add(actor=world.facilitator, group=group, what="Measure the wait")
    url = reverse(
        "decisions:group_close", kwargs={"slug": world.journey.slug, "group_pk": group.pk}
    )
    member: Any = client_for(world.member)
    html = member.get(url).content.decode()
    assert "Close \u201cWaiting room group\u201d?" in html
    assert "1 of its actions is not done yet." in html
    assert "A closed group cannot be reopened: if the work starts again, form a new group." in html
    r = member.post(url, {"closed_on": "2025-04-01"})
    assert r.status_code == 302
    assert CoDesignGroup.objects.get(pk=group.pk).closed_on == datetime.date(2025, 4, 1)
    assert "This group already closed on 01 April 2025." in member.get(url).content.decode()
