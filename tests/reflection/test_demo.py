"""The reflection part of the demo: realistic, honest, private where it must be, repeatable."""

from __future__ import annotations

import pytest

from powerwith.reflection import selectors, vocab
from powerwith.reflection.models import AnonymousAnswerSet, NamedAnswerSet, Round
from tests import demo_snapshot

pytestmark = pytest.mark.django_db


def test_demo_reflection() -> None:
    summary = demo_snapshot.load_demo()
    assert "reflection" in summary.extensions

    for slug in ("better-breast-care", "northfield-together"):
        audit = Round.objects.filter(
            journey__slug=slug, anonymous=True, bank__key="power_audit"
        ).order_by("opens_on")[0]
        res = selectors.round_results(audit)
        assert not res.hidden
        sides = {code: n for code, _label, n in res.by_side}
        assert sides["lived"] >= 5 and sides["professional"] >= 5
        top = res.ranked[0]
        assert top.divergence is not None and top.divergence >= 0.5
        # Honest divergence: in both journeys, staff think people speak more freely.
        speak = next(s for s in res.statements if s.question.key == "speak_freely")
        assert speak.higher == "professional"
        assert AnonymousAnswerSet.objects.filter(round=audit).count() == res.sets
        lenses = Round.objects.get(journey__slug=slug, bank__key="lenses")
        assert not lenses.anonymous
        assert selectors.round_results(lenses).sets >= 10

    # How the work is led (the leadership bank): anonymous, closed, enough answers to show,
    # and residents less sure than the council team that leading is shared.
    led = Round.objects.get(journey__slug="northfield-together", bank__key="leadership")
    assert led.anonymous and not led.is_open
    res = selectors.round_results(led)
    assert not res.hidden and res.sets >= 10
    shared = next(s for s in res.statements if s.question.key == "leading_shared")
    assert shared.higher == "professional"

    breast = Round.objects.filter(journey__slug="better-breast-care", bank__key="power_audit")
    later = selectors.round_results(breast.order_by("-opens_on")[0])
    speak = next(s for s in later.statements if s.question.key == "speak_freely")
    assert (
        speak.previous is not None and speak.previous.round.title == "Power audit, during co-design"
    )

    # Amara's reflections over time: private, with her chosen supporter only.
    amara = NamedAnswerSet.objects.filter(
        person__name="Amara", round__bank__kind=vocab.LIVED_ROLES
    ).order_by("answered_on")
    assert [s.consent for s in amara] == [vocab.PRIVATE] * 3
    facilitator = amara[0].supporter
    (trajectory,) = [
        t
        for t in selectors.reflections_shared_with(amara[0].round.journey, facilitator)
        if t.person.name == "Amara"
    ]
    assert [r.suggestion.process for r in trajectory.reflections if r.suggestion] == [
        vocab.TOKENISTIC,
        vocab.NEUTRALIZED,
        vocab.ENHANCED,
    ]
    # Rosa (a patient with an account) sees none of it.
    from django.contrib.auth import get_user_model

    rosa = get_user_model().objects.get(email__startswith="rosa@")
    assert not selectors.lived_sets_visible(amara[0].round.journey, rosa).exists()
