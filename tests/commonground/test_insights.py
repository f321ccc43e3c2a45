"""The common-ground section of the power dashboard and of ``powerwith insights --json``:
every figure on a round built through the services, checked by hand (docs/insights.md,
"## commonground")."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from powerwith.commonground import insights, selectors, services
from powerwith.commonground.models import StatementRound
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import merged
from tests.commonground.test_results import TEXTS, _client, two_camps
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _round(world: World) -> StatementRound:
    rnd = services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What matters?",
        statements=TEXTS,
        participants_may_add=True,
    )
    two_camps(world, rnd)  # 8 lived and 8 professional sheets, each answering all 8
    writer = services.participant_join(round=rnd, side="lived")
    mine = services.statement_propose(participant=writer, text="Ask us before changing it.")
    services.statement_moderate(actor=world.facilitator, statement=mine, moderation="accepted")
    services.response_record(participant=writer, statement=mine, vote=1)
    link = services.participant_join(round=rnd)
    services.response_record(participant=link, statement=mine, vote=-1)
    turned_down = services.statement_propose(participant=link, text="Nonsense.")
    services.statement_moderate(
        actor=world.facilitator, statement=turned_down, moderation="rejected"
    )
    return rnd


def test_every_figure_of_a_round(world: World) -> None:
    rnd = _round(world)
    data = insights.compute(world.journey, Period())
    latest = data.pop("latest")
    assert data == {
        "rounds": 1,
        "taking_responses": 1,
        "statements": 9,  # the rejected one is left out
        "statements_by_author": {
            "lived": 1,
            "professional": 0,
            "unknown": 0,
            "facilitator": 8,
            "imported": 0,
        },
        "lived_share": 0.111,
        "facilitator_share": 0.889,
        "votes_by_author": {
            "lived": 2,
            "professional": 0,
            "unknown": 0,
            "facilitator": 128,
            "imported": 0,
        },
        "votes_per_statement_by_author": {
            "lived": 2.0,
            "professional": None,
            "unknown": None,
            "facilitator": 16.0,
            "imported": None,
        },
        "votes": 130,
        "votes_by_side": {"lived": 65, "professional": 64, "unknown": 1},
        "voters": 18,
        "voters_by_side": {"lived": 9, "professional": 8, "unknown": 1},
    }
    (one,) = latest
    result = selectors.cached_analysis(rnd)
    assert one["participants"] == result["n_participants"] == 18
    assert one["grouped"] == 16
    assert one["groups"] == [
        {"name": "Group A", "size": 8, "suppressed": False},
        {"name": "Group B", "size": 8, "suppressed": False},
    ]
    assert one["sides_shown"] is True
    names = selectors.statement_names(rnd)
    assert [r["text"] for r in one["differ_most"]] == [
        names[r["statement"]].text for r in result["by_side"]["differ_most"][:3]
    ]
    # The sides split completely on statement 1: every lived sheet agreed, no professional.
    assert one["differ_most"][0]["lived"] == {"n": 8, "of": 8, "percent": 100}
    assert one["differ_most"][0]["professional"] == {"n": 0, "of": 8, "percent": 0}
    assert len(one["agree_most"]) == 3


def test_the_warning_signs(world: World) -> None:
    _round(world)
    doc = insights_for(world.journey, Period())
    signs = {w["code"]: w for w in doc["warnings"] if w["section"] == "commonground"}
    seeds = signs["statements_mostly_facilitators"]
    assert seeds["fired"] is True
    assert seeds["evidence"] == {"facilitator": 8, "statements": 9, "share": 0.889}
    fewer = signs["lived_statements_fewer_votes"]
    # 2 votes against 16 each, but one statement is too few to say anything.
    assert fewer["fired"] is False
    assert fewer["evidence"] == {"lived": 2.0, "others": 16.0, "lived_statements": 1}
    thresholds = merged({"lived_statements_fewer_votes": {"ratio": 0.5, "min_statements": 1}})
    data = insights.compute(world.journey, Period())
    (sign,) = [
        w
        for w in insights.warnings(world.journey, Period(), data, thresholds)
        if w.code == "lived_statements_fewer_votes"
    ]
    assert sign.fired is True


def test_small_sides_and_groups_are_hidden_as_on_the_results_page(world: World) -> None:
    rnd = services.round_create(
        actor=world.facilitator, journey=world.journey, question="Q?", statements=TEXTS
    )
    two_camps(world, rnd, per_camp=3)
    data = insights.compute(world.journey, Period())
    assert data["voters_by_side"] == {"lived": None, "professional": None, "unknown": 0}
    assert data["votes_by_side"] == {"lived": None, "professional": None, "unknown": 0}
    (one,) = data["latest"]
    assert one["sides_shown"] is False and one["agree_most"] == one["differ_most"] == []
    assert all(g["size"] is None and g["suppressed"] for g in one["groups"])


def test_only_rounds_opened_in_the_period_count(world: World) -> None:
    _round(world)
    today = timezone.localdate()
    before = Period(end=today - datetime.timedelta(days=1))
    assert insights.compute(world.journey, before)["rounds"] == 0
    assert insights.compute(world.journey, Period(start=today))["rounds"] == 1


def test_the_dashboard_shows_the_section(world: World) -> None:
    _round(world)
    page = _client(world.member).get(f"/j/{world.journey.slug}/dashboard/").content.decode()
    assert "Statement rounds: 1. Votes: 130." in page
    assert "Where the sides differ most" in page
    assert f"/j/{world.journey.slug}/statements/" in page


def _queries(world: World) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.statement_add(actor=world.facilitator, round=StatementRound.objects.first(), text="x")
    with CaptureQueriesContext(connection) as ctx:  # a fresh generation: nothing kept
        insights.compute(world.journey, Period())
    return len(ctx.captured_queries)


def test_the_section_reads_the_same_number_of_queries_for_more_rounds_and_votes(
    world: World,
) -> None:
    for _ in range(insights.LATEST):
        two_camps(
            world,
            services.round_create(
                actor=world.facilitator, journey=world.journey, question="Q?", statements=TEXTS
            ),
            per_camp=2,
        )
    few = _queries(world)
    for _ in range(3):
        two_camps(
            world,
            services.round_create(
                actor=world.facilitator, journey=world.journey, question="Q?", statements=TEXTS
            ),
            per_camp=6,
        )
    assert _queries(world) == few
