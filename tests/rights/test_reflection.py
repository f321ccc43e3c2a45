"""Reflection and people's rights: named answers are theirs; anonymous answers are nobody's,
never in anyone's copy and untouched by erasure (only the receipt, that they answered)."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.insights.selectors import insights_for
from powerwith.reflection import services as reflection_services
from powerwith.reflection.models import AnonymousAnswer, NamedAnswer
from powerwith.rights import services
from tests.conftest import World
from tests.reflection.helpers import builtin, enter, open_round, people, question
from tests.rights.helpers import differences, zip_texts

pytestmark = pytest.mark.django_db

SECRET = "The consultant talks over us"
NAMED = "I felt listened to in March"


def _figures(world: World) -> dict[str, Any]:
    doc = insights_for(world.journey)
    doc.pop("generated_at")
    return doc


def test_anonymous_answers_are_in_nobodys_copy_and_erasure_leaves_them(world: World) -> None:
    bank = builtin("power_audit")
    speak, barriers = question(bank, "speak_freely"), question(bank, "barriers_open")
    anonymous = open_round(world, bank, title="Anonymous audit")
    named = open_round(world, bank, anonymous=False, title="Named audit")
    (ana,) = people(world, "service_user", 1, "Anastasia")
    enter(
        world,
        anonymous,
        {
            speak.pk: reflection_services.Answer(rating=2),
            barriers.pk: reflection_services.Answer(text=SECRET),
        },
        person=ana,
    )
    enter(
        world,
        named,
        {
            speak.pk: reflection_services.Answer(rating=4),
            barriers.pk: reflection_services.Answer(text=NAMED),
        },
        person=ana,
    )
    copy = "\n".join(
        zip_texts(
            services.subject_access_for_facilitator(actor=world.facilitator, person=ana)
        ).values()
    )
    assert SECRET not in copy
    assert NAMED in copy
    assert "Anonymous audit,yes,yes" in copy  # the receipt: that she answered, nothing more

    before = _figures(world)
    services.person_erase(actor=world.facilitator, person=ana)
    assert differences(before, _figures(world)) == []
    assert list(AnonymousAnswer.objects.exclude(text="").values_list("text", flat=True)) == [SECRET]
    assert list(
        NamedAnswer.objects.filter(answer_set__person=ana)
        .order_by("pk")
        .values_list("rating", "text")
    ) == [(4, ""), (None, "")]
