"""Reading stories: which a visitor may see, and what consent covers today."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from powerwith.common.access import Access

from . import vocab
from .models import Consent, Story


def current_consents(on: datetime.date | None = None) -> QuerySet[Consent]:
    """Consents in force on ``on`` (today): given by then, not ended, not past their end date."""
    on = on or timezone.localdate()
    return Consent.objects.filter(given_on__lte=on, ended_on__isnull=True).filter(
        Q(until__isnull=True) | Q(until__gte=on)
    )


def with_consent(qs: QuerySet[Story], use: str, on: datetime.date | None = None) -> QuerySet[Story]:
    """The stories of ``qs`` whose teller's consent covers ``use`` today."""
    return qs.filter(Exists(current_consents(on).filter(story=OuterRef("pk"), use=use)))


def covers(story: Story, use: str, on: datetime.date | None = None) -> bool:
    """True when the story is not withdrawn and consent for ``use`` is in force now."""
    if story.withdrawn_on is not None:
        return False
    return current_consents(on).filter(story=story, use=use).exists()


def uses_now(story: Story, on: datetime.date | None = None) -> list[str]:
    found = set(current_consents(on).filter(story=story).values_list("use", flat=True))
    return [t.code for t in vocab.USES if t.code in found]


def standing(journey: Any) -> QuerySet[Story]:
    """The journey's stories that have not been withdrawn."""
    return Story.objects.filter(journey=journey, withdrawn_on__isnull=True)


def visible(access: Access, user: Any) -> QuerySet[Story]:
    """The stories this visitor may see now: those the group may see (consent "within the
    group" in force), and for facilitators, whoever recorded it and the teller, their own too,
    so consent can be recorded."""
    qs = standing(access.journey)
    shared = Exists(current_consents().filter(story=OuterRef("pk"), use=vocab.GROUP))
    if access.can_manage:
        return qs
    return qs.filter(shared | Q(entered_by=user) | Q(teller__user=user))


def list_rows(access: Access, user: Any) -> list[dict[str, Any]]:
    stories = list(visible(access, user).select_related("teller").prefetch_related("files"))
    today = timezone.localdate()
    consents: dict[int, set[str]] = {}
    for story_id, use in (
        current_consents(today)
        .filter(story__in=[s.pk for s in stories])
        .values_list("story_id", "use")
    ):
        consents.setdefault(story_id, set()).add(use)
    return [
        {
            "story": s,
            "uses": [t.label for t in vocab.USES if t.code in consents.get(s.pk, set())],
            "shared": vocab.GROUP in consents.get(s.pk, set()),
            "files": len(s.files.all()),
        }
        for s in stories
    ]


def consent_history(story: Story) -> list[Consent]:
    return list(story.consents.select_related("recorded_by").order_by("use", "-given_on", "-id"))


def touchpoint_rows(journey: Any) -> list[dict[str, Any]]:
    """Each touchpoint in order, with how many contributions are tagged with it."""
    from django.db.models import Count

    from powerwith.contributions import vocab as contribution_vocab
    from powerwith.contributions.models import Tag

    tags = (
        Tag.objects.filter(journey=journey, kind=contribution_vocab.TOUCHPOINT)
        .annotate(n=Count("contributions"))
        .order_by("position", "id")
    )
    return [{"tag": t, "contributions": t.n} for t in tags]
