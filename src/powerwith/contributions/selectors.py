"""Reads about contributions. Each runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from powerwith.journeys.models import Journey

from . import vocab
from .models import Contribution, FateChange, Tag

ANONYMOUS = "anonymous"


def contributions_list(
    journey: Journey,
    *,
    fate: str = "",
    channel: str = "",
    tag: int | None = None,
    side: str = "",
    kind: str = "",
    open_only: bool = False,
) -> QuerySet[Contribution]:
    qs = Contribution.objects.filter(journey=journey)
    if kind:
        qs = qs.filter(kind=kind)
    if fate:
        qs = qs.filter(fate=fate)
    if open_only:
        qs = qs.filter(fate__in=vocab.OPEN_FATES)
    if channel:
        qs = qs.filter(channel=channel)
    if tag:
        qs = qs.filter(tags__id=tag)
    if side == ANONYMOUS:
        qs = qs.filter(anonymous=True)
    elif side:
        qs = qs.filter(raiser_side=side)
    return (
        qs.select_related("raised_by", "gathering", "owner")
        .prefetch_related("tags")
        .order_by("-raised_on", "-id")
    )


def fate_counts(journey: Journey) -> list[dict[str, Any]]:
    """How many contributions are in each fate (every fate listed, zeros included)."""
    found = dict(
        Contribution.objects.filter(journey=journey)
        .values("fate")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("fate", "n")
    )
    return [{"term": t, "n": found.get(t.code, 0)} for t in vocab.FATES]


def journey_tags(journey: Journey) -> list[Tag]:
    return list(Tag.objects.filter(journey=journey).order_by("name"))


def contribution_detail(c: Contribution) -> dict[str, Any]:
    history = list(
        FateChange.objects.filter(contribution=c)
        .select_related("by", "merged_into", "decision")
        .order_by("at", "id")
    )
    return {
        "history": history,
        "merged_from": list(c.merged_from.order_by("raised_on", "id")),
        "tags": list(c.tags.all()),
        "decisions": list(c.decisions.order_by("decided_on", "id")),
        "groups": list(c.codesign_groups.order_by("formed_on", "id")),
    }


def merge_targets(c: Contribution) -> list[Contribution]:
    """Contributions this one could be merged into: same journey, not itself merged."""
    return list(
        Contribution.objects.filter(journey_id=c.journey_id)
        .exclude(pk=c.pk)
        .exclude(fate=vocab.MERGED)
        .only("id", "text")
        .order_by("-raised_on", "-id")
    )


def you_said_counts(journey: Journey, *, public: bool = False) -> dict[str, int]:
    """Counts for the top of "you said, we did". Merged contributions count once (as the one
    they were merged into). On the public page, those kept off it are left out of every count
    and counted on their own (``kept_off``)."""
    qs = Contribution.objects.filter(journey=journey)
    agg = qs.exclude(fate=vocab.MERGED).aggregate(
        raised=Count("id", filter=Q(off_public=False) if public else None),
        done=Count("id", filter=Q(fate=vocab.DONE) & (Q(off_public=False) if public else Q())),
        not_possible=Count(
            "id", filter=Q(fate=vocab.NOT_POSSIBLE) & (Q(off_public=False) if public else Q())
        ),
        open=Count(
            "id", filter=Q(fate__in=vocab.OPEN_FATES) & (Q(off_public=False) if public else Q())
        ),
        kept_off=Count("id", filter=Q(off_public=True)),
    )
    merged = qs.filter(fate=vocab.MERGED)
    agg["merged"] = (merged.filter(off_public=False) if public else merged).count()
    return agg


YOU_SAID_ORDER = (
    vocab.DONE,
    vocab.IN_PROGRESS,
    vocab.PRIORITISED,
    vocab.CONSIDERING,
    vocab.NEW,
    vocab.NOT_POSSIBLE,
)


def you_said(journey: Journey, *, public: bool = False) -> dict[str, Any]:
    """Everything raised and what became of it, grouped by fate. Items merged into another are
    listed under it, not on their own, so each point counts once. ``public``: the page anyone
    can see, without what was kept off it."""
    shown = Contribution.objects.filter(journey=journey)
    if public:
        shown = shown.filter(off_public=False)
    items = list(
        shown.exclude(fate=vocab.MERGED)
        .select_related("gathering")
        .prefetch_related(
            "tags",
            Prefetch(
                "merged_from",
                queryset=(
                    Contribution.objects.filter(off_public=False)
                    if public
                    else Contribution.objects.all()
                ).order_by("raised_on", "id"),
            ),
            "decisions",
            "codesign_groups",
        )
        .order_by(F("fate_changed_on").desc(nulls_last=True), "-raised_on", "-id")
    )
    groups = [
        {"fate": vocab.FATES[f], "items": [c for c in items if c.fate == f]} for f in YOU_SAID_ORDER
    ]
    counts = you_said_counts(journey, public=public)
    return {"counts": counts, "groups": [g for g in groups if g["items"]]}


def receipt_lookup(code: str) -> dict[str, Any] | None:
    """What the public look-up page may say about a receipt code (already normalised), or None
    when no contribution or printed card has it.

    Never a name: the journey's title, the fate and its explanation, the reason and response
    given, the day of the latest change, and the contribution's words unless they are kept off
    the public page. A printed card not typed in yet says only that. For a merged one, what
    became of the one that carries it forward."""
    from .models import FeedbackCard

    c = (
        Contribution.objects.select_related("journey", "merged_into")
        .filter(receipt_code=code)
        .first()
    )
    if c is None:
        card = FeedbackCard.objects.select_related("batch__journey").filter(code=code).first()
        if card is None:
            return None
        return {"waiting": True, "journey": card.batch.journey}
    carried = c.merged_into if c.fate == vocab.MERGED else None
    shown = carried or c
    return {
        "waiting": False,
        "journey": c.journey,
        "c": c,
        "words": "" if c.off_public else c.text,
        "raised_on": c.raised_on,
        "merged": carried is not None,
        "carried_words": "" if carried is None or carried.off_public else carried.text,
        "fate": vocab.FATES[shown.fate],
        "reason": c.fate_reason if carried is None else shown.fate_reason,
        "response": shown.response,
        "changed_on": shown.fate_changed_on or shown.raised_on,
        "public": c.journey.public_you_said,
    }
