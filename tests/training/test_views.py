"""Training pages: by role, a whole session through the pages, bad input kept on the form."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.inclusion.models import Training
from powerwith.reflection.models import Round
from powerwith.training import services
from powerwith.training.models import Trainee, TrainingGoal, TrainingSession

from .helpers import person, session, training_bank

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _url(world: Any, name: str, **kw: Any) -> str:
    return reverse(f"training:{name}", kwargs={"slug": world.journey.slug, **kw})


def _person_choices(page: str) -> list[str]:
    """The choices of the paper form's "whose answers" list, as shown."""
    found = re.search(r'<select name="person"[^>]*>(.*?)</select>', page, re.S)
    assert found is not None
    return [html.unescape(o).strip() for o in re.findall(r"<option[^>]*>(.*?)</option>", found[1])]


def test_a_session_through_the_pages(world: Any) -> None:
    c = _client(world.facilitator)
    ann, bo = person(world, "Ann"), person(world, "Bo")
    today = timezone.localdate()
    r = c.post(
        _url(world, "session_create"),
        {
            "title": "Chairing meetings",
            "held_on": today.isoformat(),
            "trainer": "Carers Wales",
            "hours": "2.5",
        },
    )
    s = TrainingSession.objects.get(journey=world.journey)
    assert r.status_code == 302 and r["Location"] == _url(world, "session", session_pk=s.pk)
    assert s.hours == 2.5 and s.ran_by == "Carers Wales"

    r = c.post(_url(world, "people_add", session_pk=s.pk), {"people": [ann.pk, bo.pk]})
    assert r.status_code == 302
    assert sorted(
        Trainee.objects.filter(session=s, came=True).values_list("person__name", flat=True)
    ) == ["Ann", "Bo"]
    # Each person who came has the training in their own line of the ledger.
    assert sorted(
        Training.objects.filter(journey=world.journey).values_list("person__name", "hours")
    ) == [
        ("Ann", 2.5),
        ("Bo", 2.5),
    ]
    ann_t = Trainee.objects.get(session=s, person=ann)
    r = c.post(
        _url(world, "goal_add", session_pk=s.pk, trainee_pk=ann_t.pk),
        {"text": "To chair our next meeting", "set_on": today.isoformat()},
    )
    assert r.status_code == 302
    goal = TrainingGoal.objects.get(trainee=ann_t)
    r = c.post(
        _url(world, "goal_review", session_pk=s.pk, goal_pk=goal.pk),
        {"outcome": "partly", "note": "I chaired half of it", "reviewed_on": today.isoformat()},
    )
    assert r.status_code == 302
    goal.refresh_from_db()
    assert (goal.outcome, goal.outcome_note, goal.reviewed_on) == (
        "partly",
        "I chaired half of it",
        today,
    )

    bank = training_bank()
    r = c.post(
        _url(world, "questions", session_pk=s.pk),
        {"bank": bank.pk, "anonymous": "1", "opens_on": today.isoformat()},
    )
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.before_round is not None and s.before_round.anonymous and s.before_round.bank == bank
    assert s.before_round.title == "Before: Chairing meetings"
    r = c.post(_url(world, "after_open", session_pk=s.pk))
    s.refresh_from_db()
    assert s.after_round is not None and s.after_round.bank == bank and s.after_round.anonymous
    assert not Round.objects.get(pk=s.before_round_id).is_open

    page = c.get(_url(world, "session", session_pk=s.pk)).content.decode()
    assert "To chair our next meeting" in page and "Partly met" in page
    assert "Before the session" in page and "After the session" in page
    listing = c.get(_url(world, "list")).content.decode()
    assert "Chairing meetings" in listing and "0 of 1 goal revisited" in listing


def test_bad_input_is_kept_with_its_message(world: Any) -> None:
    c = _client(world.facilitator)
    r = c.post(_url(world, "session_create"), {"title": "Budgets", "held_on": "2025-02-30"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "Enter a real date" in page and 'value="Budgets"' in page
    r = c.post(_url(world, "session_create"), {"title": "Budgets", "held_on": "2025-02-03"})
    assert r.status_code == 400
    assert "Say who ran it" in r.content.decode()
    s = session(world)
    r = c.post(_url(world, "people_add", session_pk=s.pk), {})
    assert r.status_code == 400 and "Tick at least one person" in r.content.decode()
    ann = services.trainee_add(actor=world.facilitator, session=s, person=person(world, "Ann"))
    r = c.post(
        _url(world, "goal_add", session_pk=s.pk, trainee_pk=ann.pk),
        {"text": " ", "set_on": "2025-03-01"},
    )
    assert r.status_code == 400 and "Write what the person wants" in r.content.decode()
    goal = services.goal_add(
        actor=world.facilitator, trainee=ann, text="Speak up", set_on=datetime.date(2025, 3, 1)
    )
    r = c.post(
        _url(world, "goal_review", session_pk=s.pk, goal_pk=goal.pk), {"reviewed_on": "2025-03-04"}
    )
    assert r.status_code == 400 and "Choose whether the goal was met" in r.content.decode()
    r = c.post(
        _url(world, "goal_review", session_pk=s.pk, goal_pk=goal.pk),
        {"outcome": "met", "reviewed_on": "2025-03-02"},
    )
    assert r.status_code == 400 and "on or after the day of the session" in r.content.decode()
    r = c.post(
        _url(world, "questions", session_pk=s.pk),
        {"bank": "999999", "anonymous": "1", "opens_on": "2025-03-01"},
    )
    assert (
        r.status_code == 400 and "Choose the questions to ask from the list" in r.content.decode()
    )


def test_who_may_do_what(world: Any) -> None:
    s = session(world)
    ann = services.trainee_add(actor=world.facilitator, session=s, person=person(world, "Ann"))
    services.goal_add(
        actor=world.facilitator,
        trainee=ann,
        text="Speak up at the board",
        set_on=datetime.date(2025, 3, 1),
    )
    member, observer = _client(world.member), _client(world.observer)
    # Observers see the session, not people's goals in their words.
    page = observer.get(_url(world, "session", session_pk=s.pk)).content.decode()
    assert "Ann" in page and "Speak up at the board" not in page and "1 goal" in page
    assert observer.get(_url(world, "people_add", session_pk=s.pk)).status_code == 403
    assert (
        "Speak up at the board"
        in member.get(_url(world, "session", session_pk=s.pk)).content.decode()
    )
    assert member.get(_url(world, "people_add", session_pk=s.pk)).status_code == 200
    assert member.get(_url(world, "session_create")).status_code == 403
    assert member.get(_url(world, "questions", session_pk=s.pk)).status_code == 403
    assert _client(world.outsider).get(_url(world, "list")).status_code == 404


def test_another_journeys_objects_are_not_found(world: Any) -> None:
    from tests.conftest import build_world

    other = build_world("2", "Another journey")
    theirs = session(other)
    their_ann = services.trainee_add(
        actor=other.facilitator, session=theirs, person=person(other, "Ann")
    )
    c = _client(world.facilitator)
    assert c.get(_url(world, "session", session_pk=theirs.pk)).status_code == 404
    mine = session(world)
    assert (
        c.get(_url(world, "goal_add", session_pk=mine.pk, trainee_pk=their_ann.pk)).status_code
        == 404
    )


@pytest.mark.parametrize("anonymous", [True, False])
def test_only_the_people_on_a_session_answer_its_questions(world: Any, anonymous: bool) -> None:
    """A session's before questions are a reflection round: only its trainees may answer, on
    their own page or typed in; anyone else is told why, and nothing is written."""
    from powerwith.people import services as people_services
    from powerwith.reflection import services as reflection_services
    from powerwith.reflection.models import AnonymousAnswerSet, NamedAnswerSet
    from powerwith.reflection.selectors import bank_questions

    s = session(world, held_on=timezone.localdate() + datetime.timedelta(days=7))
    ann, mo = (
        people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name=name,
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
            user=user,
        )
        for name, user in (("Ann", world.observer), ("Mo", world.member))
    )
    services.trainee_add(actor=world.facilitator, session=s, person=ann)
    bank = training_bank()
    s = services.questions_open(actor=world.facilitator, session=s, bank=bank, anonymous=anonymous)
    rnd = s.before_round
    assert rnd is not None
    first = next(q for q in bank_questions(bank) if q.is_rating)
    answer = {f"q_{first.pk}": "4", "action": "send"}
    url = rnd.get_absolute_url()

    def answer_sets() -> int:
        return (
            AnonymousAnswerSet.objects.filter(round=rnd).count()
            + NamedAnswerSet.objects.filter(round=rnd).count()
        )

    refusal = "These questions are for the people on the training session, so only they can answer."
    # Mo is in the journey but not on the session: no questions, a plain refusal.
    member = _client(world.member)
    page = member.get(url).content.decode()
    assert refusal in page and f'name="q_{first.pk}"' not in page
    r = member.post(url, answer)
    assert r.status_code == 403 and refusal in r.content.decode()
    assert answer_sets() == 0
    # Typed in for Mo by a facilitator: refused on the person, with the same words.
    with pytest.raises(ValidationError) as caught:
        reflection_services.answers_enter(
            actor=world.facilitator,
            round=rnd,
            answers={first.pk: reflection_services.Answer(rating=3)},
            channel="paper",
            person=mo,
        )
    assert caught.value.message_dict == {"person": [refusal]}
    assert answer_sets() == 0
    # The paper form offers only the people the service accepts: Mo is not a choice.
    paper = reverse(
        "reflection:round_paper", kwargs={"slug": world.journey.slug, "round_pk": rnd.pk}
    )
    page = _client(world.facilitator).get(paper).content.decode()
    assert _person_choices(page) == ["Not recorded" if anonymous else "Choose a person", "Ann"]
    # Ann is on the session: she answers.
    observer = _client(world.observer)
    assert f'name="q_{first.pk}"' in observer.get(url).content.decode()
    r = observer.post(url, answer)
    assert r.status_code == 302
    assert answer_sets() == 1


def test_answers_given_on_paper_are_typed_in_from_the_session_page(world: Any) -> None:
    """A facilitator types in a trainee's answers from the paper form: kept as given on paper
    and typed in by them. Someone not on the session is refused on the form, nothing written."""
    from powerwith.reflection.models import NamedAnswerSet
    from powerwith.reflection.selectors import bank_questions

    s = session(world, held_on=timezone.localdate() + datetime.timedelta(days=7))
    ann, mo = person(world, "Ann"), person(world, "Mo")
    services.trainee_add(actor=world.facilitator, session=s, person=ann)
    bank = training_bank()
    s = services.questions_open(actor=world.facilitator, session=s, bank=bank, anonymous=False)
    rnd = s.before_round
    assert rnd is not None
    paper = reverse(
        "reflection:round_paper", kwargs={"slug": world.journey.slug, "round_pk": rnd.pk}
    )
    c = _client(world.facilitator)
    assert f'href="{paper}"' in c.get(_url(world, "session", session_pk=s.pk)).content.decode()
    # An observer sees the session but types in nothing: no link.
    assert (
        paper
        not in _client(world.observer).get(_url(world, "session", session_pk=s.pk)).content.decode()
    )
    # The form offers only the people the service accepts: the session's trainees.
    assert _person_choices(c.get(paper).content.decode()) == ["Choose a person", "Ann"]
    first = next(q for q in bank_questions(bank) if q.is_rating)
    today = timezone.localdate()
    typed = {
        "channel": "paper",
        "given_on": f"{today.day}/{today.month}/{today.year}",
        f"q_{first.pk}": "4",
    }
    r = c.post(paper, {**typed, "person": str(mo.pk)})
    assert r.status_code == 400
    assert "Choose whose answers these are." in r.content.decode()
    assert not NamedAnswerSet.objects.filter(round=rnd).exists()
    r = c.post(paper, {**typed, "person": str(ann.pk)})
    assert r.status_code == 302
    (got,) = NamedAnswerSet.objects.filter(round=rnd)
    assert (got.person, got.channel, got.entered_by, got.answered_on) == (
        ann,
        "paper",
        world.facilitator,
        today,
    )
