"""Statement rounds through their services, and the analysis read from the database."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from powerwith import cli
from powerwith.common.access import NotAllowed
from powerwith.common.models import AuditEntry
from powerwith.commonground import services
from powerwith.commonground.models import Response, Vote
from powerwith.commonground.selectors import round_analysis
from powerwith.people import services as people_services
from tests.commonground.test_analysis import two_camps
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_round_creation_is_for_facilitators_and_audited(world: World) -> None:
    with pytest.raises(NotAllowed):
        services.round_create(actor=world.member, journey=world.journey, question="What now?")
    with pytest.raises(ValidationError) as err:
        services.round_create(actor=world.facilitator, journey=world.journey, question="  ")
    assert err.value.message_dict == {"question": ["Enter the question people are responding to."]}
    rnd = services.round_create(
        actor=world.facilitator, journey=world.journey, question="What matters most?"
    )
    lines = AuditEntry.objects.filter(journey=world.journey, action="round_create")
    assert [(a.object_id, a.summary) for a in lines] == [(rnd.pk, "What matters most?")]


def test_the_latest_vote_counts_and_responses_are_not_audited(world: World) -> None:
    rnd = services.round_create(actor=world.facilitator, journey=world.journey, question="Q?")
    st = services.statement_add(actor=world.facilitator, round=rnd, text="Parking is hard.")
    p = services.participant_join(round=rnd)
    services.response_record(participant=p, statement=st, vote=1)
    services.response_record(participant=p, statement=st, vote=1)  # a double tap
    services.response_record(participant=p, statement=st, vote=-1)  # a change of mind
    assert list(Response.objects.values_list("participant_id", "statement_id", "vote")) == [
        (p.pk, st.pk, -1)
    ]
    # The history keeps both answers with their times, oldest first; the double tap added
    # nothing, and the response carries the time of the answer it holds.
    history = list(Vote.objects.values_list("participant_id", "statement_id", "vote", "cast_at"))
    assert [h[:3] for h in history] == [(p.pk, st.pk, 1), (p.pk, st.pk, -1)]
    assert history[0][3] <= history[1][3] == Response.objects.get().created_at
    assert (
        AuditEntry.objects.filter(journey=world.journey)
        .exclude(
            action__in=[
                "journey_create",
                "wording_from_settings",  # the purpose given when the journey was made
                "membership_add",
                "round_create",
                "statement_add",
            ]
        )
        .count()
        == 0
    )
    with pytest.raises(ValidationError) as err:
        services.response_record(participant=p, statement=st, vote=2)
    assert err.value.message_dict == {"vote": ["Choose agree, disagree or pass."]}


def test_a_statement_waiting_to_be_checked_takes_no_responses(world: World) -> None:
    rnd = services.round_create(actor=world.facilitator, journey=world.journey, question="Q?")
    p = services.participant_join(round=rnd)
    st = services.statement_add(
        actor=world.facilitator, round=rnd, text="Mine", moderation="pending", author=p
    )
    with pytest.raises(ValidationError) as err:
        services.response_record(participant=p, statement=st, vote=1)
    assert err.value.message_dict == {"statement": ["That statement is not open for responses."]}


def _member(world: World, name: str, role: str) -> Any:
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role=role,
        joined_on=datetime.date(2025, 1, 6),
    )


def test_a_member_keeps_one_participant_and_the_side_they_had(world: World) -> None:
    rnd = services.round_create(actor=world.facilitator, journey=world.journey, question="Q?")
    nurse = _member(world, "Nia", "frontline_staff")
    first = services.participant_join(round=rnd, person=nurse)
    assert services.participant_join(round=rnd, person=nurse).pk == first.pk
    assert first.side == "professional"


def test_analysis_by_side_from_the_database_and_the_command(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    rnd = services.round_create(actor=world.facilitator, journey=world.journey, question="Q?")
    statements = [
        services.statement_add(actor=world.facilitator, round=rnd, text=f"Statement {j}")
        for j in range(9)
    ]
    for i, row in enumerate(two_camps()):
        who = _member(world, f"P{i}", "service_user" if i < 12 else "frontline_staff")
        p = services.participant_join(round=rnd, person=who)
        for st, vote in zip(statements, row, strict=True):
            if vote is not None:
                services.response_record(participant=p, statement=st, vote=vote)
    result = round_analysis(rnd)
    assert [g["size"] for g in result["groups"]] == [12, 8]
    assert result["groups"][0]["sides"] == {"lived": 12, "professional": None}
    assert result["by_side"]["sides"]["professional"]["participants"] == 8
    assert result["by_side"]["agree_most"][0]["statement"] == str(statements[2].pk)
    assert cli.main(["commonground", world.journey.slug, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"participants", "groups", "repness", "consensus", "by_side", "compute_ms"}
    assert doc["consensus"][0]["statement"] == str(statements[2].pk)
    assert [p["side"] for p in doc["participants"]] == ["lived"] * 12 + ["professional"] * 8


def test_erasure_unlinks_a_member_and_keeps_their_votes(world: World) -> None:
    from powerwith.commonground import rights

    rnd = services.round_create(actor=world.facilitator, journey=world.journey, question="Q?")
    st = services.statement_add(actor=world.facilitator, round=rnd, text="Ask Nia about it")
    nia = _member(world, "Nia", "frontline_staff")
    p = services.participant_join(round=rnd, person=nia)
    services.response_record(participant=p, statement=st, vote=-1)
    services.response_record(participant=p, statement=st, vote=1)  # a change of mind
    held = rights.held(nia)
    assert [(r["Statement"], r["Response"]) for r in held["statement responses"]] == [
        ("Ask Nia about it", "Agree")
    ]
    # Their copy has every answer they gave, the one they changed too.
    assert [r["Response"] for r in held["every statement answer given"]] == ["Disagree", "Agree"]
    assert rights.erase(nia, actor=world.facilitator) == {
        "statement rounds unlinked": 1,
        "statements naming them": 1,
    }
    p.refresh_from_db()
    st.refresh_from_db()
    assert (p.person_id, p.side, st.text) == (
        None,
        "professional",
        f"Ask Erased person {nia.pk} about it",
    )
    assert list(Response.objects.values_list("participant_id", "vote")) == [(p.pk, 1)]
    assert rights.held(nia) == {
        "statement responses": [],
        "every statement answer given": [],
        "statements written": [],
    }
