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


def who_answers(rnd: Round, person: Person) -> str | None:
    """None unless ``rnd`` is a session's before or after round and ``person`` is not on it."""
    session = (
        TrainingSession.objects.filter(Q(before_round=rnd) | Q(after_round=rnd)).only("pk").first()
    )
    if session is None or Trainee.objects.filter(session=session, person=person).exists():
        return None
    return gettext(
        "These questions are for the people on the training session, so only they can answer."
    )
