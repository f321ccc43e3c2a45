"""Paper sheets, and the results page: the opinion map, groups, common ground, by side."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.commonground import selectors, services
from powerwith.commonground.models import Participant, Response, Statement, StatementRound
from tests.conftest import World

pytestmark = pytest.mark.django_db

TEXTS = [f"Statement number {i}." for i in range(1, 9)]


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(world: World, name: str, rnd: StatementRound) -> str:
    return reverse(
        f"commonground:{name}", kwargs={"slug": world.journey.slug, "statement_round_pk": rnd.pk}
    )


def _round(world: World) -> StatementRound:
    return services.round_create(
        actor=world.facilitator, journey=world.journey, question="What matters?", statements=TEXTS
    )


def two_camps(world: World, rnd: StatementRound, per_camp: int = 8) -> list[Statement]:
    """Two obvious groups entered as paper sheets: lived experience agree with statements 1-4
    and disagree with 5-8; professionals the other way round."""
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    for side, sign in (("lived", 1), ("professional", -1)):
        for _ in range(per_camp):
            votes: dict[Statement, int | None] = {
                s: (sign if i < 4 else -sign) for i, s in enumerate(sts)
            }
            services.paper_sheet_enter(actor=world.facilitator, round=rnd, side=side, votes=votes)
    return sts


def test_a_paper_sheet_is_typed_in_with_provenance_paper(world: World) -> None:
    rnd = _round(world)
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    c = _client(world.facilitator)
    sheet = c.get(url(world, "sheet", rnd)).content.decode()
    assert sheet.count('class="tick-box"') == 2 + 3 * len(TEXTS)
    data = {"side": "professional", f"s{sts[0].pk}": "1", f"s{sts[1].pk}": "-1"}
    data[f"s{sts[2].pk}"] = "0"
    r = c.post(url(world, "paper", rnd), data)
    assert r.status_code == 302
    p = Participant.objects.get(round=rnd)
    assert (p.channel, p.side, p.person_id, p.resume_key) == ("paper", "professional", None, "")
    assert sorted(Response.objects.values_list("statement_id", "vote")) == [
        (sts[0].pk, 1),
        (sts[1].pk, -1),
        (sts[2].pk, 0),
    ]
    line = AuditEntry.objects.get(journey=world.journey, action="paper_sheet_enter")
    assert (line.channel, line.summary) == ("paper", "3 answers")
    empty = c.post(url(world, "paper", rnd), {"side": ""})
    assert empty.status_code == 400
    assert "Tick at least one answer from the sheet before saving it." in empty.content.decode()
    assert _client(world.member).post(url(world, "paper", rnd), data).status_code == 403


def test_a_sheet_with_a_code_is_counted_once(world: World) -> None:
    """The code printed on a numbered copy is typed in with the answers; the same sheet again,
    in any case or spacing, is refused and nothing is saved; a sheet with no code still goes."""
    rnd = _round(world)
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    c = _client(world.facilitator)
    answers = {"side": "lived", f"s{sts[0].pk}": "1"}
    assert c.post(url(world, "paper", rnd), {**answers, "code": "K7P4-3QX9"}).status_code == 302
    p = Participant.objects.get(round=rnd)
    assert (p.channel, p.external_id) == ("paper", "sheet:K7P43QX9")
    again = c.post(url(world, "paper", rnd), {**answers, "code": " k7p4 3qx9 "})
    assert again.status_code == 400
    assert "This sheet has been typed in already, so nothing was saved this time." in (
        again.content.decode()
    )
    wrong = c.post(url(world, "paper", rnd), {**answers, "code": "K7P4"})
    assert wrong.status_code == 400
    assert "Type the sheet code as it is printed at the top of the sheet" in wrong.content.decode()
    assert (Participant.objects.filter(round=rnd).count(), Response.objects.count()) == (1, 1)
    assert c.post(url(world, "paper", rnd), answers).status_code == 302  # no code: from the page
    assert c.post(url(world, "paper", rnd), answers).status_code == 302
    assert Participant.objects.filter(round=rnd, channel="paper").count() == 3
    with pytest.raises(ValidationError) as refused:
        services.paper_sheet_enter(
            actor=world.facilitator, round=rnd, side="", votes={sts[1]: -1}, code="K7P43QX9"
        )
    assert refused.value.message_dict == {
        "code": ["This sheet has been typed in already, so nothing was saved this time."]
    }


def test_results_show_the_groups_common_ground_and_sides(world: World) -> None:
    rnd = _round(world)
    two_camps(world, rnd)
    page = _client(world.observer).get(url(world, "results", rnd)).content.decode()
    assert "16 people responded" in page
    assert "A group is people who answered alike." in page
    assert page.count('class="opinion-map"') == 1
    svg = page.split('class="opinion-map"')[1].split("</svg>")[0]
    assert svg.count("<circle") + svg.count("<rect x=") - 1 == 16  # 16 dots and the frame
    assert (svg.count("#1d70b8"), svg.count("#d4351c")) == (8, 8)  # group A, group B
    # The groups table: each camp a group of 8, all on one side.
    assert '<th scope="row">Group A</th>\n  <td class="num">8</td>' in page
    assert "Where the sides differ most" in page
    assert "Lived experience: 100% agreed. Professionals: 0% agreed." in page
    side_page = _client(world.observer).get(url(world, "results", rnd) + "?colour=side")
    assert "Show groups instead of sides" in side_page.content.decode()


def test_small_groups_and_sides_are_not_shown(world: World) -> None:
    rnd = _round(world)
    two_camps(world, rnd, per_camp=4)
    page = _client(world.facilitator).get(url(world, "results", rnd)).content.decode()
    assert page.count("Fewer than 5 people: not shown") == 2
    assert "Lived experience: fewer than 5 people whose side is known." in page
    assert "Results by side are shown once at least 5 people" in page
    assert (
        "Statement number 1."
        not in page.split("What each group stands for")[1].split("Common ground")[0]
    )


def test_the_analysis_is_cached_until_a_new_response(world: World) -> None:
    rnd = _round(world)
    two_camps(world, rnd)
    first = selectors.cached_analysis(rnd)
    assert selectors.cached_analysis(rnd) == first
    # A new response: computed again, and counted.
    p = services.participant_join(round=rnd)
    services.response_record(
        participant=p, statement=Statement.objects.filter(round=rnd).first(), vote=1
    )  # type: ignore[arg-type]
    again = selectors.cached_analysis(rnd)
    assert (first["n_participants"], again["n_participants"]) == (16, 17)


def test_the_results_page_reads_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    rnd = _round(world)
    two_camps(world, rnd, per_camp=20)
    c = _client(world.facilitator)
    c.get(url(world, "results", rnd))  # fills the cache
    with django_assert_max_num_queries(12):
        r = c.get(url(world, "results", rnd))
    assert r.status_code == 200


def test_an_imported_days_closing_date_is_kept(world: World) -> None:
    rnd = services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="Q?",
        statements=["A."],
        closes_on=datetime.date.today(),
    )
    assert services.accepting(rnd)
