"""\"You said, we did\" shows each item's path: raised, voted on (its place), worked on by a
group, decided."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

from powerwith.decisions import selectors
from powerwith.decisions import services as ds

from .helpers import open_vote, option_ids, paper


def _scene(vw: Any) -> Any:
    vote = open_vote(vw)
    a, b, *_ = option_ids(vote)
    paper(vw, vote, "Ann", {a: 3})
    paper(vw, vote, "Gus", {a: 1, b: 2})
    ds.vote_close(actor=vw.f, vote=vote)
    g = ds.group_create(
        actor=vw.f,
        journey=vw.journey,
        name="Waits group",
        formed_on=datetime.date(2025, 3, 10),
        item=vw.items[0],
        start_work=True,
    )
    ds.decision_create(
        actor=vw.f,
        journey=vw.journey,
        text="Tell people their likely date",
        taken_by="group_consensus",
        rung="co_producing",
        where_outside="Waits group meeting",
        decided_on=datetime.date(2025, 4, 1),
        answers=[vw.items[0]],
        fate="done",
        change_level="organisational_service",
    )
    return vote, g


def test_path_on_the_contribution_and_you_said_pages(
    vw: Any, django_assert_max_num_queries: Any
) -> None:
    _vote, g = _scene(vw)
    path = selectors.item_path(vw.items[0])
    assert [(v["rank"], v["of"]) for v in path["votes"]] == [(1, 4)]
    assert path["groups"] == [g]
    c = Client()
    c.force_login(vw.world.member)
    html = c.get(vw.items[0].get_absolute_url()).content.decode()
    assert "place 1 of 4 in \u201cWhat first?\u201d" in html
    assert "Waits group" in html and "Tell people their likely date" in html
    with django_assert_max_num_queries(25):
        r = c.get(reverse("contributions:you_said", kwargs={"slug": vw.journey.slug}))
    html = r.content.decode()
    assert "place 1 of 4" in html and "place 2 of 4" in html


def test_public_page_shows_the_vote_without_links(vw: Any) -> None:
    _scene(vw)
    vw.journey.public_you_said = True
    vw.journey.save()
    html = Client().get(f"/p/{vw.journey.slug}/you-said-we-did/").content.decode()
    assert "place 1 of 4 in \u201cWhat first?\u201d" in html
    assert "/decisions/" not in html
    assert "Ann" not in html and "Gus" not in html
