"""The facilitator's pages of a statement round, and responding signed in."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.commonground import services
from powerwith.commonground.models import Participant, Response, Statement, StatementRound
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.journeys.models import Membership
from powerwith.people import services as people_services
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(f"commonground:{name}", kwargs={"slug": world.journey.slug, **kw})


def test_a_facilitator_opens_a_round_with_typed_and_picked_statements(world: World) -> None:
    raised = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Nobody tells you how long the wait will be.",
        channel="paper",
        anonymous=True,
        raised_on=datetime.date(2025, 2, 3),
    )
    c = _client(world.facilitator)
    r = c.post(
        url(world, "round_create"),
        {
            "question": "What would make the clinic better?",
            "statements": "The waiting room is too noisy.\n\n  Letters arrive too late.  \n",
            "contributions": [raised.pk],
            "participants_may_add": "on",
            "open_by_link": "on",
            "closes_on": "",
        },
    )
    rnd = StatementRound.objects.get(journey=world.journey)
    assert r.status_code == 302 and r["Location"] == url(world, "round", statement_round_pk=rnd.pk)
    assert (rnd.question, rnd.participants_may_add, rnd.open_by_link, rnd.is_open) == (
        "What would make the clinic better?",
        True,
        True,
        True,
    )
    assert list(
        Statement.objects.filter(round=rnd).values_list("text", "contribution_id", "moderation")
    ) == [
        ("The waiting room is too noisy.", None, "accepted"),
        ("Letters arrive too late.", None, "accepted"),
        ("Nobody tells you how long the wait will be.", raised.pk, "accepted"),
    ]
    page = c.get(url(world, "round", statement_round_pk=rnd.pk)).content.decode()
    assert reverse("round_link:respond", args=[rnd.link_token]) in page
    assert 'aria-label="QR code"' in page  # the QR code, inline SVG
    assert "Linked to a contribution" in page


def test_a_round_needs_a_question_and_a_statement(world: World) -> None:
    r = _client(world.facilitator).post(url(world, "round_create"), {"question": "  "})
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert errors["question"] == ["Enter the question people are responding to."]
    assert errors["statements"] == [
        "Write at least one statement, or choose something people raised."
    ]
    assert not StatementRound.objects.exists()


def _round(world: World, **kw: Any) -> StatementRound:
    return services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What matters most?",
        statements=["Parking is hard.", "Staff listen.", "Letters are late."],
        **kw,
    )


def test_statements_people_write_wait_to_be_checked(world: World) -> None:
    rnd = _round(world, participants_may_add=True)
    p = services.participant_join(round=rnd)
    mine = services.statement_propose(participant=p, text="  The café  closes too early. ")
    assert (mine.text, mine.moderation) == ("The café closes too early.", "pending")
    # Nobody else sees it to respond to.
    other = services.participant_join(round=rnd)
    from powerwith.commonground.selectors import progress

    assert progress(other, rnd)["total"] == 3
    assert [s.text for s in progress(p, rnd)["mine"]] == ["The café closes too early."]
    # A member cannot check it; the facilitator accepts it with one tap.
    moderate = url(world, "statement_moderate", statement_round_pk=rnd.pk, statement_pk=mine.pk)
    assert _client(world.member).post(moderate, {"moderation": "accepted"}).status_code == 403
    r = _client(world.facilitator).post(moderate, {"moderation": "accepted"})
    assert r.status_code == 302
    mine.refresh_from_db()
    assert mine.moderation == "accepted"
    assert progress(other, rnd)["total"] == 4
    assert list(
        AuditEntry.objects.filter(journey=world.journey, action__startswith="statement_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["statement_propose", "statement_accept"]


def test_a_round_that_takes_no_statements_refuses_them(world: World) -> None:
    rnd = _round(world)
    p = services.participant_join(round=rnd)
    with pytest.raises(Exception) as err:
        services.statement_propose(participant=p, text="Something new.")
    assert err.value.message_dict == {"text": ["This round does not take new statements."]}  # type: ignore[attr-defined]


def test_closing_asks_first_then_closes_and_reopening_asks_too(world: World) -> None:
    rnd = _round(world)
    c = _client(world.facilitator)
    close = url(world, "round_close", statement_round_pk=rnd.pk)
    page = c.get(close)
    assert page.status_code == 200
    assert "0 people have responded so far." in page.content.decode()
    rnd.refresh_from_db()
    assert rnd.is_open  # the GET only asks
    assert c.post(close).status_code == 302
    rnd.refresh_from_db()
    assert not rnd.is_open
    p = services.participant_join(round=rnd)
    st = Statement.objects.filter(round=rnd).first()
    assert st is not None
    with pytest.raises(Exception) as err:
        services.response_record(participant=p, statement=st, vote=1)
    assert err.value.message_dict == {  # type: ignore[attr-defined]
        "statement": ["This round is closed, so it takes no more responses."]
    }
    reopen = url(world, "round_reopen", statement_round_pk=rnd.pk)
    assert c.get(reopen).status_code == 200
    assert c.post(reopen).status_code == 302
    rnd.refresh_from_db()
    assert rnd.is_open
    assert list(
        AuditEntry.objects.filter(journey=world.journey, action__startswith="round_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["round_create", "round_close", "round_reopen"]


def test_reopening_takes_off_a_closing_date_that_has_passed(world: World) -> None:
    rnd = _round(world)
    StatementRound.objects.filter(pk=rnd.pk).update(closes_on=datetime.date(2025, 1, 1))
    rnd.refresh_from_db()
    assert not services.accepting(rnd)
    services.round_reopen(actor=world.facilitator, round=rnd)
    rnd.refresh_from_db()
    assert (rnd.is_open, rnd.closes_on, services.accepting(rnd)) == (True, None, True)


def _link_member(world: World, role: str = "service_user") -> Any:
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo Member",
        role=role,
        joined_on=datetime.date(2025, 1, 6),
    )
    Membership.objects.filter(journey=world.journey, user=world.member).update(person=person)
    return person


def test_a_member_responds_signed_in_and_their_side_is_known(world: World) -> None:
    rnd = _round(world)
    person = _link_member(world)
    c = _client(world.member)
    here = url(world, "respond", statement_round_pk=rnd.pk)
    page = c.get(here).content.decode()
    assert "Statement 1 of 3" in page
    first = int(re.search(r'name="statement" value="(\d+)"', page).group(1))  # type: ignore[union-attr]
    for _ in range(2):  # a double tap, or the form sent twice
        r = c.post(here, {"statement": first, "vote": "1"})
        assert r.status_code == 302 and r["Location"] == here
    participant = Participant.objects.get(round=rnd)
    assert (participant.person_id, participant.side) == (person.pk, "lived")
    assert list(Response.objects.values_list("statement_id", "vote")) == [(first, 1)]
    assert "Statement 2 of 3" in c.get(here).content.decode()


def test_an_account_not_in_the_register_cannot_respond_signed_in(world: World) -> None:
    rnd = _round(world)
    c = _client(world.observer)
    here = url(world, "respond", statement_round_pk=rnd.pk)
    assert "not linked to anyone" in c.get(here).content.decode()
    st = Statement.objects.filter(round=rnd).first()
    assert st is not None
    c.post(here, {"statement": st.pk, "vote": "1"})
    assert not Response.objects.exists()


def test_a_statement_is_raised_as_a_contribution_with_its_support(world: World) -> None:
    rnd = _round(world)
    st = Statement.objects.filter(round=rnd, text="Staff listen.").get()
    for vote in (1, 1, -1, 0):
        services.response_record(
            participant=services.participant_join(round=rnd), statement=st, vote=vote
        )
    raise_url = url(world, "statement_raise", statement_round_pk=rnd.pk, statement_pk=st.pk)
    c = _client(world.member)
    assert c.get(raise_url).status_code == 200
    r = c.post(raise_url)
    contribution = Contribution.objects.get(journey=world.journey)
    assert r["Location"] == contribution.get_absolute_url()
    assert (contribution.text, contribution.anonymous, contribution.provenance) == (
        "Staff listen.",
        True,
        "A statement in the round \u201cWhat matters most?\u201d: 2 agreed, 1 disagreed, 1 passed.",
    )
    st.refresh_from_db()
    assert st.contribution_id == contribution.pk
    # Twice is refused: it already has its contribution.
    assert "already linked" in c.get(raise_url).content.decode()
