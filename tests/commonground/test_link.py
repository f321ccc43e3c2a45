"""Responding by a round's link, with no account: one statement at a time, plain forms."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from powerwith.commonground import services
from powerwith.commonground.link_views import COOKIE
from powerwith.commonground.models import Participant, Response, Statement, StatementRound
from powerwith.people import services as people_services
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _round(world: World, **kw: Any) -> StatementRound:
    return services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What matters most?",
        statements=["Parking is hard.", "Staff listen.", "Letters are late."],
        **kw,
    )


def _link(rnd: StatementRound, name: str = "respond") -> str:
    return reverse(f"round_link:{name}", args=[rnd.link_token])


def _form(page: str) -> dict[str, str]:
    fields = dict(re.findall(r'<input type="hidden" name="(statement|join)" value="([^"]+)"', page))
    return fields


def test_a_visitor_answers_one_statement_at_a_time_without_javascript(world: World) -> None:
    rnd = _round(world)
    c = Client()
    page = c.get(_link(rnd)).content.decode()
    assert "Statement 1 of 3" in page
    assert COOKIE not in c.cookies  # looking makes no participant
    assert not Participant.objects.exists()
    seen = []
    for n in range(1, 4):
        fields = _form(page)
        seen.append(int(fields["statement"]))
        r = c.post(_link(rnd), {**fields, "vote": "1" if n != 2 else "-1"})
        assert r.status_code == 302 and r["Location"] == _link(rnd)
        page = c.get(_link(rnd)).content.decode()
        if n < 3:
            assert f"Statement {n + 1} of 3" in page
    assert "You have responded to all 3 statements." in page
    participant = Participant.objects.get()
    assert (participant.person_id, participant.side, participant.channel) == (None, "", "online")
    assert sorted(seen) == sorted(Statement.objects.values_list("pk", flat=True))
    assert sorted(Response.objects.values_list("statement_id", "vote")) == sorted(
        [(seen[0], 1), (seen[1], -1), (seen[2], 1)]
    )


def test_a_double_tap_before_joining_counts_once(world: World) -> None:
    """Two taps sent from the same page before the first answer arrived (no cookie yet): one
    participant, one response."""
    rnd = _round(world)
    page = Client().get(_link(rnd)).content.decode()
    fields = _form(page)
    for _ in range(2):
        Client().post(_link(rnd), {**fields, "vote": "0"})
    assert Participant.objects.count() == 1
    assert list(Response.objects.values_list("vote", flat=True)) == [0]


def test_the_code_carries_on_on_another_device(world: World) -> None:
    rnd = _round(world)
    phone = Client()
    phone.post(_link(rnd), {**_form(phone.get(_link(rnd)).content.decode()), "vote": "1"})
    page = phone.get(_link(rnd)).content.decode()
    code = re.search(r'class="resume-code">([A-Z2-7]{4}-[A-Z2-7]{4})<', page).group(1)  # type: ignore[union-attr]
    laptop = Client()
    wrong = laptop.post(_link(rnd, "continue"), {"code": "AAAA-AAAA"})
    assert wrong.status_code == 400
    assert wrong.context["form"].errors["code"] == [
        "That code is not right for this round. Check it and try again."
    ]
    r = laptop.post(_link(rnd, "continue"), {"code": code.lower().replace("-", " ")})
    assert r.status_code == 302
    assert "Statement 2 of 3" in laptop.get(_link(rnd)).content.decode()
    # The code is not kept as it is: only its keyed hash.
    participant = Participant.objects.get()
    assert (
        code not in participant.resume_key and code.replace("-", "") not in participant.resume_key
    )


def test_the_page_shows_nothing_of_anyone_else(world: World) -> None:
    rnd = _round(world, participants_may_add=True)
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Zebedee Quillfeather",
        role="frontline_staff",
        joined_on=datetime.date(2025, 1, 6),
    )
    someone = services.participant_join(round=rnd, person=person)
    services.statement_propose(participant=someone, text="Secret pending words.")
    for st in Statement.objects.filter(round=rnd, moderation="accepted"):
        services.response_record(participant=someone, statement=st, vote=1)
    c = Client()
    c.post(_link(rnd), {**_form(c.get(_link(rnd)).content.decode()), "vote": "1"})
    body = c.get(_link(rnd)).content.decode()
    for secret in (
        "Zebedee",
        "Secret pending words",
        "Quillfeather",
        world.facilitator.email,
        someone.public_id,
        services.resume_code(someone),
    ):
        assert secret not in body
    assert "Statement 2 of 3" in body  # their own progress only
    assert "people" not in re.sub(r"<[^>]+>", " ", body).split("About taking part")[0].lower()


def test_a_visitor_writes_a_statement_that_waits_to_be_checked(world: World) -> None:
    rnd = _round(world, participants_may_add=True)
    c = Client()
    page = c.get(_link(rnd)).content.decode()
    r = c.post(_link(rnd, "add"), {"text": "The café closes too early.", **_form(page)})
    assert r.status_code == 302
    st = Statement.objects.get(round=rnd, text="The café closes too early.")
    assert st.moderation == "pending" and st.author is not None
    assert "The café closes too early." in c.get(_link(rnd)).content.decode()  # theirs
    assert "The café closes too early." not in Client().get(_link(rnd)).content.decode()
    empty = c.post(_link(rnd, "add"), {"text": ""})
    assert empty.status_code == 400
    assert empty.context["form"].errors["text"] == ["Write your statement."]


def test_unknown_links_and_rounds_not_by_link_are_not_found(world: World) -> None:
    rnd = _round(world, open_by_link=False)
    assert Client().get(_link(rnd)).status_code == 404
    assert Client().get("/s/not-a-round/").status_code == 404
    rnd2 = _round(world)
    assert Client().get(_link(rnd2, "add")).status_code == 404  # takes no statements


def test_a_closed_round_says_so_and_takes_nothing(world: World) -> None:
    rnd = _round(world)
    fields = _form(Client().get(_link(rnd)).content.decode())
    services.round_close(actor=world.facilitator, round=rnd)
    c = Client()
    assert "This round is closed." in c.get(_link(rnd)).content.decode()
    c.post(_link(rnd), {**fields, "vote": "1"})
    assert not Response.objects.exists()


@override_settings(POWERWITH_RATE_LIMITS={"round_response": (2, 600)})
def test_taps_by_the_link_are_rate_limited(world: World, pinned_clock: float) -> None:
    rnd = _round(world)
    c = Client()
    answers = []
    for _ in range(3):
        fields = _form(c.get(_link(rnd)).content.decode())
        answers.append(c.post(_link(rnd), {**fields, "vote": "1"}).status_code)
    assert answers == [302, 302, 429]
    assert Response.objects.count() == 2
