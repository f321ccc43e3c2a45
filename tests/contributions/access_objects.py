"""How to make the objects behind the contributions app's URL arguments (for the access walker)."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.contributions import services
from powerwith.contributions.models import CardBatch, Contribution


def make_contribution(world: Any) -> int:
    found = Contribution.objects.filter(journey=world.journey, text="Walker: more parking").first()
    if found is not None:
        return found.pk
    return services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Walker: more parking",
        channel="paper",
        anonymous=True,
        raised_on=datetime.date(2025, 2, 4),
        provenance="written on a card",
    ).pk


def make_batch(world: Any) -> int:
    found = CardBatch.objects.filter(journey=world.journey).first()
    if found is not None:
        return found.pk
    return services.cards_print(actor=world.facilitator, journey=world.journey, count=2).pk


OBJECTS = {"contribution_pk": make_contribution, "batch_pk": make_batch}
