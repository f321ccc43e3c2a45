"""Who chose who was in the room: a section of the power dashboard and of
``powerwith insights --json`` (issue 20, item 2).

For the gatherings of the period: how people came to be invited (an invitation list drawn up
by particular people, an open invitation, or not recorded), how often people there because of
their job drew up the list alone, and who was left off. Shares are proportions from 0 to 1,
rounded to 3 places, None when there is nothing to divide by. docs/insights.md
("## invitations") documents every key.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.insights.core import Ctx
from powerwith.insights.maths import percent, share
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as p_vocab

from . import vocab
from .models import Gathering, InvitationMaker, LeftOff

KEY = "invitations"
TITLE = gettext_noop("Who chose who was in the room")  # translated where shown
TEMPLATE = "gatherings/_dashboard.html"

FARR = "Farr 2018"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "professionals_chose_room": {"share": 0.5, "min_gatherings": 3},
}

WARNING_TITLES = {
    "professionals_chose_room": gettext_lazy(
        "Professionals alone chose who came to most gatherings"
    ),
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "professionals_chose_room": {
        "share": ThresholdInfo(
            gettext_lazy("Share of gatherings whose list professionals drew up alone"),
            "share",
            gettext_lazy("Warn above this share."),
            maximum=1,
        ),
        "min_gatherings": ThresholdInfo(
            gettext_lazy("Fewest gatherings with a recorded invitation before warning"),
            "count",
            gettext_lazy("Say nothing below this many."),
            minimum=1,
        ),
    },
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "professionals_chose_room": {
        "professionals_alone_share": Shown(
            gettext_lazy("Share of gatherings whose list professionals drew up alone"), "share"
        ),
        "professionals_alone": Shown(gettext_lazy("Lists drawn up by professionals alone")),
        "recorded": Shown(gettext_lazy("Gatherings with a recorded invitation")),
        "not_recorded": Shown(gettext_lazy("Gatherings with nothing recorded")),
    },
}


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """How people were invited to the gatherings held in ``period`` (one to three queries: the
    period's gatherings come from ``shared`` when the dashboard gives it)."""
    rows: list[tuple[int, str]] = (
        [(g["id"], g["invitation"]) for g in shared.gathering_rows.values()]
        if shared is not None
        else list(
            Gathering.objects.filter(period.q("held_on"), journey=journey)
            .values_list("id", "invitation")
            .order_by()
        )
    )
    lists = [gid for gid, how in rows if how == vocab.INVITE_LIST]
    # Who drew up each invitation list: looked up only when there are lists.
    sides: dict[int, list[str]] = defaultdict(list)
    if lists:
        for gid, side in (
            InvitationMaker.objects.filter(
                period.q("gathering__held_on"), gathering__journey=journey
            )
            .values_list("gathering_id", "side")
            .order_by()
        ):
            sides[gid].append(side)
    opened = sum(1 for _gid, how in rows if how == vocab.INVITE_OPEN)
    alone = sum(
        1 for gid in lists if sides[gid] and all(s == p_vocab.PROFESSIONAL for s in sides[gid])
    )
    with_lived = sum(1 for gid in lists if p_vocab.LIVED in sides[gid])
    recorded = len(lists) + opened
    left = LeftOff.objects.filter(period.q("gathering__held_on"), gathering__journey=journey)
    counts = left.aggregate(
        entries=Count("id"),
        people=Count("id", filter=Q(person__isnull=False)),
        groups=Count("id", filter=Q(person__isnull=True)),
        gatherings=Count("gathering_id", distinct=True),
    )
    return {
        "title": _("Who chose who was in the room"),
        "explanation": _(
            "Of the gatherings in this period with a recorded invitation, the share whose "
            "invitation list was drawn up only by people there because of their job (their "
            "side on the day of the gathering). An open invitation, where anyone could come, "
            "is not chosen by professionals alone. Gatherings with nothing recorded are counted "
            "separately and left out of the share."
        ),
        "based_on": _(
            "%(farr)s (who is invited into the room, and who decides that, is a form of power)"
        )
        % {"farr": FARR},
        "gatherings": len(rows),
        "recorded": recorded,
        "not_recorded": len(rows) - recorded,
        "open": opened,
        "lists": len(lists),
        "professionals_alone": alone,
        "with_lived_experience": with_lived,
        "professionals_alone_share": share(alone, recorded),
        "left_off": {k: int(v or 0) for k, v in counts.items()},
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Fires when professionals alone drew up the invitation list for more than the
    threshold's share of the gatherings with a recorded invitation (and there are enough)."""
    t = thresholds["professionals_chose_room"]
    got = data["professionals_alone_share"]
    recorded = data["recorded"]
    return [
        WarningSign(
            code="professionals_chose_room",
            title=str(WARNING_TITLES["professionals_chose_room"]),
            fired=(
                recorded >= int(t["min_gatherings"]) and got is not None and got > float(t["share"])
            ),
            explanation=(
                ngettext(
                    "People there because of their job alone drew up the invitation list for "
                    "%(alone)s of the %(n)s gathering with a recorded invitation (%(share)s).",
                    "People there because of their job alone drew up the invitation list for "
                    "%(alone)s of the %(n)s gatherings with a recorded invitation (%(share)s).",
                    recorded,
                )
                % {
                    "alone": data["professionals_alone"],
                    "n": recorded,
                    "share": percent(got, _("no share")),
                }
                if recorded
                else _("No gathering in this period has a record of how people were invited.")
            ),
            research=_(
                "Who is asked to come decides whose experience is heard. When staff alone choose "
                "who is invited, they tend to invite people they already know and agree with, "
                "and the people most affected are the ones left out."
            ),
            question=_(
                "Who could draw up the next invitation list with us, and who have we never invited?"
            ),
            based_on=_("%(farr)s (who is invited, and who decides)") % {"farr": FARR},
            evidence={
                "professionals_alone_share": got,
                "professionals_alone": data["professionals_alone"],
                "recorded": recorded,
                "not_recorded": data["not_recorded"],
            },
            thresholds=dict(t),
        )
    ]
