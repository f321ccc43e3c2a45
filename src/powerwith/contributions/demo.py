"""The demo's feedback cards: in the hospital journey, a batch of 8 cards printed for its latest
gathering, two of them typed in once they came back (anonymous contributions on paper whose
receipt codes are the cards' own). The demo's other anonymous contributions got their codes
when the builder raised them, like any other."""

from __future__ import annotations

import datetime

from django.utils import timezone

from powerwith.demo.context import EBCD, DemoContext

from . import services
from .models import FeedbackCard

CARD_WORDS = [
    "The letter with my appointment came after the appointment. Please ring as well.",
    "The nurse who sat with me after the scan made all the difference. Thank you.",
]


def extend(ctx: DemoContext) -> None:
    demo = ctx.journeys[EBCD]
    held = [g for g in demo.gatherings if g.held_on <= ctx.today]
    if not held:
        return
    gathering = held[-1]
    actor = ctx.facilitator
    batch = services.cards_print(actor=actor, journey=demo.journey, count=8, gathering=gathering)
    zone = timezone.get_current_timezone()
    printed = datetime.datetime.combine(
        gathering.held_on - datetime.timedelta(days=1), datetime.time(10, 0), tzinfo=zone
    )
    type_in = min(
        datetime.datetime.combine(
            gathering.held_on + datetime.timedelta(days=1), datetime.time(11, 0), tzinfo=zone
        ),
        timezone.now(),
    )
    type(batch).objects.filter(pk=batch.pk).update(printed_at=printed)
    for card, words in zip(batch.cards.order_by("id"), CARD_WORDS, strict=False):
        services.card_type_in(actor=actor, journey=demo.journey, code=card.code, text=words)
        FeedbackCard.objects.filter(pk=card.pk).update(typed_in_at=type_in)
