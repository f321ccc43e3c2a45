"""Training's answer to reflection's "who may answer this round" (reflection/hooks.py).

A session's before and after questions are for the people on that session: someone else in the
journey is refused, whether they answer themselves or a facilitator types in their answers.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext

from powerwith.people.models import Person
from powerwith.reflection.models import Round

from .models import Trainee, TrainingSession


def _session(rnd: Round) -> TrainingSession | None:
    return (
        TrainingSession.objects.filter(Q(before_round=rnd) | Q(after_round=rnd)).only("pk").first()
    )


def who_answers(rnd: Round, person: Person) -> str | None:
    """None unless ``rnd`` is a session's before or after round and ``person`` is not on it."""
    session = _session(rnd)
    if session is None or Trainee.objects.filter(session=session, person=person).exists():
        return None
    return gettext(
        "These questions are for the people on the training session, so only they can answer."
    )


def trainees(rnd: Round) -> set[int] | None:
    """The people ``who_answers`` lets answer ``rnd``: the session's trainees (None if ``rnd``
    is not a session's round)."""
    session = _session(rnd)
    if session is None:
        return None
    return set(Trainee.objects.filter(session=session).values_list("person_id", flat=True))
