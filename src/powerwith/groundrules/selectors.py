"""Reads of the group's ground rules, its words and its framing history."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from powerwith.journeys.models import Journey

from . import vocab
from .models import GroundRule, Word, Wording


def agreed_rules(journey: Journey, on: datetime.date | None = None) -> QuerySet[GroundRule]:
    """The ground rules in force on ``on`` (today by default): agreed on or before it and not
    retired on or before it."""
    day = on or timezone.localdate()
    return (
        GroundRule.objects.filter(journey=journey, agreed_on__lte=day)
        .filter(Q(retired_on__isnull=True) | Q(retired_on__gt=day))
        .order_by("agreed_on", "id")
    )


def rules_page(journey: Journey) -> dict[str, list[GroundRule]]:
    """Every ground rule, in three lists: agreed (in force), proposed (waiting), and no longer
    in force (retired, or never taken up)."""
    today = timezone.localdate()
    rules = list(
        GroundRule.objects.filter(journey=journey)
        .select_related("proposed_by")
        .order_by("proposed_on", "id")
    )
    agreed = [
        r
        for r in rules
        if r.agreed_on and r.agreed_on <= today and (r.retired_on is None or r.retired_on > today)
    ]
    waiting = [r for r in rules if r.agreed_on is None and r.retired_on is None]
    ended = [r for r in rules if r.retired_on is not None and r.retired_on <= today]
    agreed.sort(key=lambda r: (r.agreed_on or today, r.pk))
    return {"agreed": agreed, "waiting": waiting, "ended": ended}


def words(journey: Journey) -> QuerySet[Word]:
    return Word.objects.filter(journey=journey).select_related("asked_by").order_by("term", "id")


def framing(journey: Journey) -> list[dict[str, Any]]:
    """For the purpose and the problem statement: the current agreed wording, wordings waiting
    for agreement, and earlier agreed ones (newest first)."""
    rows = list(
        Wording.objects.filter(journey=journey)
        .select_related("proposed_by")
        .order_by("-agreed_on", "-id")
    )
    out = []
    for term in vocab.FRAMING_KINDS:
        mine = [w for w in rows if w.kind == term.code]
        agreed = [w for w in mine if w.agreed_on is not None]
        agreed.sort(key=lambda w: (w.agreed_on, w.pk), reverse=True)
        out.append(
            {
                "kind": term,
                "current": agreed[0] if agreed else None,
                "earlier": agreed[1:],
                "waiting": sorted(
                    (w for w in mine if w.agreed_on is None), key=lambda w: (w.proposed_on, w.pk)
                ),
            }
        )
    return out
