"""The journey's front page says what to do next: the next gathering, what people raised that
is still waiting for a first answer and for how long, votes and reflection rounds open (with a
link to take part for whoever has not), assembled from each app's provider."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from powerwith.contributions import services as contribution_services
from powerwith.gatherings import services as gathering_services
from powerwith.journeys import next_steps
from powerwith.people import services as people_services
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def panel(world: World, role: str = "facilitator") -> str:
    html = client_for(world.user(role)).get(
        reverse("journeys:detail", kwargs={"slug": world.journey.slug})
    )
    assert html.status_code == 200
    text = html.content.decode()
    start = text.index('id="next-heading"')
    return text[start : text.index("</section>", start)]


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_no_gathering_planned_offers_to_plan_one_to_those_who_can(world: World) -> None:
    gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Last month",
        kind="workshop",
        held_on=timezone.localdate() - datetime.timedelta(days=30),
        venue_kind="community",
    )
    text = panel(world)
    assert "Next gathering No gathering planned. Plan one" in plain(text)
    assert reverse("gatherings:create", kwargs={"slug": world.journey.slug}) in text
    assert "Plan one" not in panel(world, "observer")


def test_next_gathering_with_time_place_and_calendar(world: World) -> None:
    day = timezone.localdate() + datetime.timedelta(days=3)
    later = gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Later",
        kind="workshop",
        held_on=day + datetime.timedelta(days=7),
        venue_kind="community",
    )
    g = gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Tuesday café",
        kind="informal_session",
        held_on=day,
        starts_at=datetime.time(10, 30),
        venue_kind="community",
        venue_name="St Anne's hall",
    )
    text = panel(world, "observer")
    when = f"{day:%A} {day.day} {day:%B %Y}"
    assert f"Tuesday café: {when}, 10:30. Community space: St Anne's hall." in plain(text).replace(
        "&#x27;", "'"
    )
    assert g.get_absolute_url() in text
    assert later.get_absolute_url() not in text
    calendar = reverse(
        "gatherings:calendar", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk}
    )
    assert f'href="{calendar}" download' in text
    assert "Plan one" not in text


def test_waiting_contributions_count_and_longest_wait(world: World) -> None:
    today = timezone.localdate()
    for days, text in ((103, "Parking"), (5, "Food"), (1, "Chairs")):
        contribution_services.contribution_create(
            actor=world.facilitator,
            journey=world.journey,
            text=text,
            channel="paper",
            anonymous=True,
            raised_on=today - datetime.timedelta(days=days),
        )
    answered = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Old and answered",
        channel="paper",
        anonymous=True,
        raised_on=today - datetime.timedelta(days=300),
    )
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=answered, fate="considering"
    )
    html = panel(world, "member")
    assert (
        "Waiting for an answer 3 things people raised are waiting for a first response. "
        "The oldest has waited for 103 days. See what is waiting"
    ) in plain(html)
    assert reverse("contributions:list", kwargs={"slug": world.journey.slug}) + "?fate=new" in html
    assert "next-step--attention" in html


def test_nothing_waiting_says_so(world: World) -> None:
    assert "Nothing: everything people raised has had a response." in plain(panel(world))


def _me(world: World, user: Any) -> Any:
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=user.first_name,
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
        user=user,
    )
    return person


def test_votes_and_rounds_open_link_to_take_part(world: World) -> None:
    from tests.decisions.access_objects import make_vote
    from tests.reflection.access_objects import make_round

    _me(world, world.member)
    vote_pk = make_vote(world)
    round_pk = make_round(world)
    html = panel(world, "member")
    text = plain(html)
    assert "Votes open 1 priority vote open. You have not voted in it yet." in text
    assert "Vote in “Walker vote”" in text
    assert (
        reverse("decisions:ballot", kwargs={"slug": world.journey.slug, "vote_pk": vote_pk}) in html
    )
    assert "Reflection rounds open 1 reflection round open. You have not answered it yet." in text
    assert "Answer “Walker round”" in text
    assert (
        reverse("reflection:round", kwargs={"slug": world.journey.slug, "round_pk": round_pk})
        in html
    )
    # Someone not in the register can look, not vote or answer.
    text = plain(panel(world, "observer"))
    assert "See “Walker vote”" in text and "See “Walker round”" in text
    assert "You have not" not in text


def test_a_later_app_adds_its_step_without_touching_journeys(world: World) -> None:
    """The extension point notices (issue 16) will use: a provider registered from outside."""

    def failed_notices(access: Any, user: Any) -> list[next_steps.NextStep]:
        return [next_steps.NextStep("notices", "Notices that failed", "2 emails bounced.")]

    next_steps.register("test-notices", failed_notices, order=99)
    try:
        text = plain(panel(world))
    finally:
        next_steps._PROVIDERS.pop("test-notices")
    assert text.endswith("Notices that failed 2 emails bounced.")


def test_front_page_queries_do_not_grow(world: World, django_assert_max_num_queries: Any) -> None:
    from tests.decisions.access_objects import make_vote
    from tests.reflection.access_objects import make_round

    _me(world, world.facilitator)
    make_vote(world)
    make_round(world)
    for i in range(5):
        contribution_services.contribution_create(
            actor=world.facilitator,
            journey=world.journey,
            text=f"Point {i}",
            channel="paper",
            anonymous=True,
        )
        gathering_services.gathering_create(
            actor=world.facilitator,
            journey=world.journey,
            title=f"Gathering {i}",
            kind="workshop",
            held_on=timezone.localdate() + datetime.timedelta(days=i),
            venue_kind="community",
        )
    c = client_for(world.facilitator)
    # 24: notices' provider (failed notices, facilitators only) reads one count, leaving's
    # (funding's end and follow-up reviews, facilitators only) reads the journey's legacy row,
    # and every signed-in page checks its session once (common/sessions.py); 25: plans'
    # provider (where the group is in its plan) reads the stages in one query.
    with django_assert_max_num_queries(25):
        assert (
            c.get(reverse("journeys:detail", kwargs={"slug": world.journey.slug})).status_code
            == 200
        )
