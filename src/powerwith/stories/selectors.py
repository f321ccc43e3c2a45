"""Reading stories: which a visitor may see, and what consent covers today."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
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


SIDES_SHOWN = ("lived", "professional")


def emotional_map(journey: Any) -> dict[str, Any]:
    """How each touchpoint felt, by side: for each touchpoint in order and each side, how many
    marked it, how many better and worse, the average of strength (+ better, - worse, from -3
    to +3) and the feelings named most. A group of fewer than 5 marks is suppressed
    (``common.privacy``): its figures are None. Also the points of the SVG chart."""
    from collections import Counter

    from powerwith.common.privacy import is_small
    from powerwith.contributions import vocab as contribution_vocab
    from powerwith.contributions.models import Tag

    from .models import Feeling

    tps = list(
        Tag.objects.filter(journey=journey, kind=contribution_vocab.TOUCHPOINT).order_by(
            "position", "id"
        )
    )
    marks: dict[tuple[int, str], list[tuple[str, int, str]]] = {}
    for tp_id, side, direction, strength, codes in Feeling.objects.filter(
        journey=journey
    ).values_list("touchpoint_id", "side", "direction", "strength", "feelings"):
        marks.setdefault((tp_id, side), []).append((direction, strength, codes))
    rows = []
    for tp in tps:
        cells = []
        for side in SIDES_SHOWN:
            got = marks.get((tp.pk, side), [])
            n = len(got)
            if is_small(n):
                cells.append({"side": side, "n": n, "suppressed": True})
                continue
            better = sum(1 for d, _, _ in got if d == vocab.BETTER)
            score = (
                round(sum(s if d == vocab.BETTER else -s for d, s, _ in got) / n, 2) if n else None
            )
            named = Counter(f for _, _, fs in got for f in fs.split(",") if f)
            cells.append(
                {
                    "side": side,
                    "n": n,
                    "suppressed": False,
                    "better": better,
                    "worse": n - better,
                    "score": score,
                    "feelings": [
                        {"code": code, "label": vocab.FEELINGS.label(code), "n": k}
                        for code, k in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
                    ],
                }
            )
        rows.append({"touchpoint": tp, "sides": cells})
    return {"rows": rows, "chart": _chart(rows), "min_group": 5}


def _chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Coordinates for the SVG: touchpoints left to right, -3 (bottom) to +3 (top)."""
    width, height, left, top, step = 640, 260, 60, 20, 0
    n = len(rows)
    step = (width - left - 20) // max(n, 1)

    def y(score: float) -> float:
        return round(top + (3 - score) / 6 * (height - top - 40), 1)

    lines: dict[str, list[dict[str, Any]]] = {s: [] for s in SIDES_SHOWN}
    labels = []
    for i, row in enumerate(rows):
        x = left + step * i + step // 2
        labels.append({"x": x, "name": row["touchpoint"].name})
        for cell in row["sides"]:
            if not cell["suppressed"] and cell["score"] is not None:
                lines[cell["side"]].append({"x": x, "y": y(cell["score"]), "score": cell["score"]})
    return {
        "width": width,
        "height": height,
        "zero": y(0),
        "top": y(3),
        "bottom": y(-3),
        "left": left,
        "right": width - 10,
        "labels": labels,
        "lived": lines["lived"],
        "professional": lines["professional"],
        "lived_path": " ".join(f"{p['x']},{p['y']}" for p in lines["lived"]),
        "professional_path": " ".join(f"{p['x']},{p['y']}" for p in lines["professional"]),
    }


# The trigger film.

NOT_PLAYED_WITHDRAWN = "withdrawn"
NOT_PLAYED_NO_CONSENT = "no_consent"


def playable(story: Story | None, on: datetime.date | None = None) -> bool:
    """A film plays a clip only while its story stands and its teller's consent for "shown to
    staff at events" is in force (asked at this moment, every time)."""
    return story is not None and covers(story, vocab.STAFF_EVENTS, on)


def consented_for_events(story_ids: Iterable[int]) -> set[int]:
    """Of these stories, those that stand (not withdrawn) and whose teller's consent for "shown
    to staff at events" is in force today (one query; none for no stories)."""
    ids = set(story_ids)
    if not ids:
        return set()
    return set(
        current_consents()
        .filter(story__in=ids, use=vocab.STAFF_EVENTS, story__withdrawn_on__isnull=True)
        .values_list("story_id", flat=True)
    )


def not_played(
    has_clip: bool, withdrawn_on: datetime.date | None, story_id: int | None, allowed: set[int]
) -> str:
    """Why a film's place is skipped now ("" when it is played): its clip is gone or its story
    withdrawn, or its story is not in ``allowed`` (:func:`consented_for_events`)."""
    if not has_clip or withdrawn_on is not None:
        return NOT_PLAYED_WITHDRAWN
    if story_id not in allowed:
        return NOT_PLAYED_NO_CONSENT
    return ""


def film_rows(film: Any) -> list[dict[str, Any]]:
    """The film's places in order, each with its clip and whether it is played now: a clip
    whose story was withdrawn (its place is empty) or whose consent for events has ended is
    skipped, with the reason (``not_played``). Two queries."""
    from .models import FilmClip

    items = list(
        FilmClip.objects.filter(film=film)
        .select_related("clip__story__teller", "clip__file", "clip__touchpoint")
        .order_by("position", "id")
    )
    allowed = consented_for_events(i.clip.story_id for i in items if i.clip is not None)
    rows = []
    for item in items:
        clip = item.clip
        reason = not_played(
            clip is not None,
            clip.story.withdrawn_on if clip is not None else None,
            clip.story_id if clip is not None else None,
            allowed,
        )
        rows.append({"item": item, "clip": clip, "not_played": reason, "played": not reason})
    return rows


def addable_clips(film: Any) -> list[Any]:
    """Clips of the journey's stories whose consent covers events today, not yet in the film."""
    from .models import Clip

    return list(
        Clip.objects.filter(
            story__in=with_consent(standing(film.journey), vocab.STAFF_EVENTS),
        )
        .exclude(film_items__film=film)
        .select_related("story", "touchpoint")
        .order_by("story__told_on", "story_id", "start", "id")
    )


# The moments that felt worst: how many are put forward, and the fewest marks one needs.
WORST_LISTED = 3
WORST_MIN_MARKS = 5


def worst_touchpoints(
    journey: Any, *, limit: int = WORST_LISTED, min_marks: int = WORST_MIN_MARKS
) -> list[dict[str, Any]]:
    """The touchpoints that felt worst, for the priority vote (docs/insights.md, "ebcd").

    Among the journey's touchpoints with at least ``min_marks`` marks of how they felt (both
    sides together), those where more than half of the marks felt bad; ranked by the share of
    marks that felt bad, then by the number of bad marks, then by their order on the pathway;
    the first ``limit``."""
    from django.db.models import Count

    from powerwith.contributions import vocab as contribution_vocab
    from powerwith.contributions.models import Tag

    tps = Tag.objects.filter(journey=journey, kind=contribution_vocab.TOUCHPOINT).annotate(
        marks=Count("feelings"),
        worse=Count("feelings", filter=Q(feelings__direction=vocab.WORSE)),
    )
    return rank_worst(((t, t.marks, t.worse) for t in tps), limit=limit, min_marks=min_marks)


def rank_worst(
    counts: Iterable[tuple[Any, int, int]],
    *,
    limit: int = WORST_LISTED,
    min_marks: int = WORST_MIN_MARKS,
) -> list[dict[str, Any]]:
    """:func:`worst_touchpoints`' rule over ``(touchpoint, marks, marks that felt bad)``, for a
    caller that has counted the marks already (the dashboard)."""
    found = [
        {"touchpoint": t, "marks": marks, "worse": worse, "share": worse / marks}
        for t, marks, worse in counts
        if marks >= min_marks and worse * 2 > marks
    ]
    found.sort(
        key=lambda r: (-r["share"], -r["worse"], r["touchpoint"].position, r["touchpoint"].pk)
    )
    return found[:limit]
