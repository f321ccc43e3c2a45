"""The API's writes and reads by role, with real read-and-write tokens: observers, members,
facilitators, outsiders, a token limited to another journey, a read-only token writing; the
double tap counted once; receipt codes only to whoever recorded the contribution; tokens
limited to journeys from the account page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.api import services
from powerwith.api.models import ApiToken
from powerwith.common.models import AuditEntry
from powerwith.commonground import services as cg
from powerwith.decisions import services as ds
from powerwith.gatherings.models import Attendance, SpeakingTurn
from powerwith.journeys import services as js
from powerwith.people import services as ps
from powerwith.reflection import services as rs
from powerwith.reflection.models import QuestionBank
from tests.api.test_api import NOT_FOUND, get, post
from tests.conftest import World, build_world, client_for
from tests.insights.builders import came, gathering, person

D = datetime.date


def token(user: Any, scope: str = "write", journeys: Any = ()) -> str:
    return services.token_create(actor=user, name="Tool", scope=scope, days=30, journeys=journeys)[
        1
    ]


GATHERING = {
    "title": "Coffee morning",
    "kind": "informal_session",
    "held_on": "2025-02-04",
    "venue_kind": "community",
}


def test_writing_by_role(db: Any, world: World) -> None:
    url = f"/journeys/{world.journey.slug}/gatherings"
    other = build_world("2", "Another journey")
    answers = {
        "facilitator": post(token(world.facilitator), url, GATHERING).status_code,
        "member": post(token(world.member), url, GATHERING).status_code,
        "observer": post(token(world.observer), url, GATHERING).status_code,
        "outsider": post(token(world.outsider), url, GATHERING).status_code,
        "another journey's facilitator": post(token(other.facilitator), url, GATHERING).status_code,
        "member, read-only token": post(token(world.member, "read"), url, GATHERING).status_code,
    }
    assert answers == {
        "facilitator": 201,
        "member": 201,
        "observer": 403,
        "outsider": 404,
        "another journey's facilitator": 404,
        "member, read-only token": 403,
    }
    made = get(token(world.member, "read"), url).json()
    assert [g["title"] for g in made["items"]] == ["Coffee morning", "Coffee morning"]
    # The same log line as the page's, as the token's owner.
    lines = AuditEntry.objects.filter(journey=world.journey, action="gathering_create")
    assert sorted(e.actor.email for e in lines) == ["fran@example.org", "mo@example.org"]


def test_a_token_limited_to_journeys(db: Any, world: World) -> None:
    other = build_world("2", "Another journey")
    # Mo is a member of both journeys; the token is for the other one only.
    js.membership_add(
        actor=other.facilitator, journey=other.journey, user=world.member, role="member"
    )
    secret = token(world.member, journeys=[other.journey])
    mine = get(secret, "/journeys").json()
    assert [j["slug"] for j in mine["items"]] == [other.journey.slug]
    base = f"/journeys/{world.journey.slug}"
    for path in ("", "/gatherings", "/contributions", "/insights", "/people"):
        r = get(secret, base + path)
        assert (r.status_code, r.json()) == (404, NOT_FOUND), path
    r = post(secret, base + "/gatherings", GATHERING)
    assert (r.status_code, r.json()) == (404, NOT_FOUND)
    assert get(secret, f"/journeys/{other.journey.slug}/gatherings").status_code == 200
    assert post(secret, f"/journeys/{other.journey.slug}/gatherings", GATHERING).status_code == 201
    # A journey one is not in cannot be chosen.
    with pytest.raises(ValidationError) as refused:
        services.token_create(
            actor=world.outsider, name="x", scope="read", days=1, journeys=[world.journey]
        )
    assert refused.value.message_dict == {"journeys": ["Choose only journeys you are a member of."]}


def test_the_account_page_limits_a_token_to_journeys(db: Any, world: World) -> None:
    c = client_for(world.member)
    url = reverse("api_account:tokens")
    page = c.get(url).content.decode()
    assert "Better breast care" in page and "All of yours" not in page
    made = c.post(
        url, {"name": "Sync", "scope": "read", "days": "7", "journeys": [world.journey.pk]}
    )
    assert made.status_code == 200
    t = ApiToken.objects.get(user=world.member)
    assert [j.pk for j in t.journeys.all()] == [world.journey.pk]
    other = build_world("2", "Another journey")
    refused = c.post(
        url, {"name": "Sync", "scope": "read", "days": "7", "journeys": [other.journey.pk]}
    )
    assert refused.status_code == 400 and ApiToken.objects.filter(user=world.member).count() == 1


def test_a_double_tap_counts_once(db: Any, world: World) -> None:
    ann = person(world, "Ann", "service_user")
    g = gathering(world, D(2025, 2, 3))
    secret = token(world.member)
    url = f"/journeys/{world.journey.slug}/gatherings/{g.pk}/turns"
    tap = {"person_id": ann.pk, "client_token": "5f0c8d1e-tap-1"}
    first = post(secret, url, tap)
    again = post(secret, url, tap)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["counted"] is True and again.json()["counted"] is False
    assert again.json()["id"] == first.json()["id"] and again.json()["turns_so_far"] == 1
    assert SpeakingTurn.objects.filter(gathering=g).count() == 1
    # The speaker is marked as having come, as on the turn page.
    assert Attendance.objects.get(gathering=g, person=ann).status == "present"
    assert post(secret, url, {"person_id": ann.pk}).json()["turns_so_far"] == 2
    # A person of another journey is refused by field.
    other = build_world("2", "Another journey")
    stranger = person(other, "Stranger", "carer")
    r = post(secret, url, {"person_id": stranger.pk})
    assert r.status_code == 400
    assert r.json() == {
        "detail": "Some of what was sent is not right.",
        "errors": {"person_id": ["Choose a person from this journey."]},
    }
    assert post(token(world.observer), url, {"person_id": ann.pk}).status_code == 403


def test_attendance_and_the_gathering_as_read(db: Any, world: World) -> None:
    people = [person(world, f"P{i}", "service_user") for i in range(6)]
    bob = person(world, "Bob", "frontline_staff")
    g = gathering(world, D(2025, 2, 3))
    secret = token(world.member)
    url = f"/journeys/{world.journey.slug}/gatherings/{g.pk}"
    rows = [{"person_id": p.pk, "status": "present"} for p in people]
    rows.append({"person_id": bob.pk, "status": "present"})
    r = post(secret, url + "/attendance", {"people": rows})
    assert r.status_code == 200 and r.json()["changed"] == 7
    agenda = post(secret, url + "/agenda", {"title": "Parking", "proposed_by_id": bob.pk})
    assert agenda.status_code == 201
    seen = get(token(world.observer, "read"), url).json()
    assert seen["agenda"] == [
        {
            "id": agenda.json()["id"],
            "position": 1,
            "title": "Parking",
            "proposer_side": "professional",
        }
    ]
    # One professional came: fewer than 5, so not shown.
    assert seen["attendance"] == {
        "came": 7,
        "sent_apologies": 0,
        "did_not_come": 0,
        "came_by_side": {"lived": 6, "professional": None},
        "turns": 0,
    }
    bad = post(secret, url + "/attendance", {"people": [{"person_id": bob.pk, "status": "late"}]})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"status": ["Choose came, sent apologies or did not come."]}
    shape = post(secret, url + "/attendance", {"people": "everyone"})
    assert shape.status_code == 400 and list(shape.json()["errors"]) == ["people"]


def test_an_anonymous_contributions_receipt_goes_only_to_who_recorded_it(
    db: Any, world: World
) -> None:
    base = f"/journeys/{world.journey.slug}/contributions"
    made = post(token(world.member), base, {"text": "Noisy", "channel": "paper", "anonymous": True})
    code = made.json()["receipt_code"]
    assert made.status_code == 201 and code and len(code) == 8
    for secret in (token(world.member, "read"), token(world.facilitator, "read")):
        listed = get(secret, base).content.decode()
        one = get(secret, f"{base}/{made.json()['id']}")
        assert code not in listed and code not in one.content.decode()
        assert one.json()["history"][0]["to_fate"] == "new"
    named = post(
        token(world.member),
        base,
        {
            "text": "Bigger print",
            "channel": "paper",
            "raised_by_id": person(world, "Ann", "carer").pk,
        },
    )
    assert named.json()["receipt_code"] is None


def test_own_ballot_and_own_response_observers_too(db: Any, world: World) -> None:
    olu = ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Olu",
        role="carer",
        joined_on=D(2025, 1, 6),
        user=world.observer,
    )
    vote = ds.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="What first",
        method="dot",
        labels=["Parking", "Food"],
    )
    ds.vote_open(actor=world.facilitator, vote=vote)
    option = vote.options.order_by("id").first()
    assert option is not None
    secret = token(world.observer)
    url = f"/journeys/{world.journey.slug}/votes/{vote.pk}/ballot"
    read_only = post(token(world.observer, "read"), url, {"marks": {str(option.pk): 3}})
    assert read_only.status_code == 403
    first = post(secret, url, {"marks": {str(option.pk): 3}})
    assert first.status_code == 200 and first.json()["counted"] is True
    again = post(secret, url, {"marks": {str(option.pk): 1}})
    assert again.json()["counted"] is False
    assert again.json()["vote"]["ballots"] == {"lived": 1, "professional": 0, "total": 1}
    assert again.json()["vote"]["your_ballot_cast"] is True
    # A member not linked to anyone in the register cannot vote.
    r = post(token(world.member), url, {"marks": {str(option.pk): 3}})
    assert r.status_code == 400 and "not linked" in r.json()["errors"]["__all__"][0]
    # Results wait until the vote closes (it hides them while open).
    assert get(secret, f"/journeys/{world.journey.slug}/votes/{vote.pk}").json()["results"] is None
    ds.vote_close(actor=world.facilitator, vote=vote)
    results = get(secret, f"/journeys/{world.journey.slug}/votes/{vote.pk}").json()["results"]
    assert results["ballots"] == 1
    assert (results["rows"][0]["option_id"], results["rows"][0]["points"]) == (option.pk, "3")

    rnd = cg.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What matters?",
        statements=["The waiting room is too noisy."],
    )
    statement = rnd.statements.get()
    rurl = f"/journeys/{world.journey.slug}/statement-rounds/{rnd.pk}"
    assert post(secret, rurl + "/responses", {"statement_id": statement.pk, "vote": 1}).json() == {
        "statement_id": statement.pk,
        "vote": 1,
    }
    post(secret, rurl + "/responses", {"statement_id": statement.pk, "vote": -1})
    seen = get(secret, rurl).json()
    assert seen["your_responses"] == {str(statement.pk): -1} and seen["participants"] == 1
    assert seen["statements"] == [{"id": statement.pk, "text": "The waiting room is too noisy."}]
    assert olu.pk  # the observer's own person answered, nobody else
    bad = post(secret, rurl + "/responses", {"statement_id": statement.pk, "vote": 7})
    assert bad.json()["errors"] == {"vote": ["Choose agree, disagree or pass."]}


def test_an_anonymous_reflection_round_shows_nothing_while_open(db: Any, world: World) -> None:
    rs.banks_sync()
    bank = QuestionBank.objects.filter(organisation__isnull=True, journey__isnull=True).first()
    assert bank is not None
    rnd = rs.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        title="Halfway",
        anonymous=True,
        opens_on=D(2025, 3, 1),
    )
    seen = get(
        token(world.member, "read"), f"/journeys/{world.journey.slug}/reflection-rounds/{rnd.pk}"
    )
    body = seen.json()
    assert seen.status_code == 200
    assert body["answers"] is None and body["statements"] == [] and body["written_answers"] == 0
    assert body["results_hidden"].startswith("The results of an anonymous round appear once")
    listed = get(token(world.member, "read"), f"/journeys/{world.journey.slug}/reflection-rounds")
    assert [r["id"] for r in listed.json()["items"]] == [rnd.pk]
    assert came  # builders imported for the gathering helpers above
