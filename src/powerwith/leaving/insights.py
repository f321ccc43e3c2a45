"""The leaving section of the power dashboard and of ``powerwith insights --json``.

Why people stop coming (asked or not, their reasons by side, and whether the group acted on
them), handovers when people leave or change role, assets kept or gone with people, and the
journey's legacy plan and follow-up reviews. Shares are fractions from 0 to 1 (3 places);
counts of 1 to 4 answers about people's reasons are hidden (None). docs/insights.md
("## leaving") documents every key.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.common.dates import long_date
from powerwith.common.privacy import suppress
from powerwith.inclusion import vocab as inclusion_vocab
from powerwith.inclusion.models import Asset
from powerwith.insights.core import Ctx
from powerwith.insights.maths import share
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo, thresholds_for
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person, RoleSpell

from . import selectors, vocab
from .models import FollowUpReview, Handover, LegacyPart, StopAsk

KEY = "leaving"
TITLE = gettext_noop("Why people stop coming, and leaving well")  # translated where shown
TEMPLATE = "leaving/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
SIDES = people_vocab.SIDES.codes

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "stopped_not_asked": {"min_people": 3},
    "unheard_not_acted": {"min_reasons": 1},
    "funding_ends_no_plan": {"days": 90},
    "review_overdue": {"days": 0},
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "stopped_not_asked": {
        "stopped": Shown(gettext_lazy("People who stopped coming")),
        "asked": Shown(gettext_lazy("Of whom asked why")),
    },
    "unheard_not_acted": {
        "answers": Shown(gettext_lazy("Answers saying not heard or nothing changed")),
        "not_acted_on": Shown(gettext_lazy("Of which nothing was done about")),
    },
    "funding_ends_no_plan": {
        "funding_ends_on": Shown(gettext_lazy("Funding ends"), "date"),
        "days_to_funding_end": Shown(gettext_lazy("Days until then"), "days"),
        "has_plan": Shown(gettext_lazy("Legacy plan agreed"), "yes_no"),
    },
    "review_overdue": {
        "overdue": Shown(gettext_lazy("Follow-up reviews overdue")),
        "first_due_on": Shown(gettext_lazy("The first was due"), "date"),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "stopped_not_asked": {
        "min_people": ThresholdInfo(
            gettext_lazy("People who stopped coming"),
            "count",
            gettext_lazy("Warn at this many or more when none of them was asked why."),
            minimum=1,
        )
    },
    "unheard_not_acted": {
        "min_reasons": ThresholdInfo(
            gettext_lazy("Answers nothing was done about"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        )
    },
    "funding_ends_no_plan": {
        "days": ThresholdInfo(
            gettext_lazy("Days before the funding ends"),
            "days",
            gettext_lazy("Warn from this many days before the end when there is no legacy plan."),
        )
    },
    "review_overdue": {
        "days": ThresholdInfo(
            gettext_lazy("Days late"),
            "days",
            gettext_lazy("Warn when a follow-up review is more than this many days late."),
        )
    },
}

WARNING_TITLES = {
    "stopped_not_asked": gettext_lazy("People stopped coming and nobody asked them why"),
    "unheard_not_acted": gettext_lazy(
        "People left because they were not heard or nothing changed, and nothing was done"
    ),
    "funding_ends_no_plan": gettext_lazy("The funding ends soon and there is no legacy plan"),
    "review_overdue": gettext_lazy("A follow-up review is overdue"),
}


def _stopping(ctx: Ctx, all_asks: list[StopAsk]) -> dict[str, Any]:
    stayers = selectors.stopped_coming(ctx.journey, ctx=ctx)
    # The journey's asks by person, read whole (``all_asks``): a large journey has well over a
    # thousand people who stopped coming, too many to send as a list of ids, and each is
    # matched with only their own asks.
    asks: dict[int, list[StopAsk]] = defaultdict(list)
    for a in all_asks:
        asks[a.person_id].append(a)
    by_side = {s: {"stopped": 0, "asked": 0} for s in SIDES}
    asked = 0
    for s in stayers:
        found = selectors.asked_about(s, asks.get(s.id, []), ctx.end) is not None
        asked += found
        row = by_side.setdefault(s.side, {"stopped": 0, "asked": 0})
        row["stopped"] += 1
        row["asked"] += found
    return {
        "missed_gatherings": int(ctx.thresholds["staff_dropping_out"]["missed_gatherings"]),
        "stopped": len(stayers),
        "asked": asked,
        "not_asked": len(stayers) - asked,
        "asked_share": share(asked, len(stayers)),
        "by_side": by_side,
    }


def _reasons(all_asks: list[StopAsk], period: Period) -> dict[str, Any]:
    # The asks made in the period, from the journey's asks read once for both figures.
    asks: list[dict[str, Any]] = [
        {
            "answer": a.answer,
            "side": a.side,
            "reasons": a.reasons,
            "contribution_id": a.contribution_id,
            "decision_id": a.decision_id,
        }
        for a in all_asks
        if period.contains(a.asked_on)
    ]
    answered = [a for a in asks if a["answer"] == vocab.ANSWERED]
    counts: dict[str, dict[str, int]] = {r.code: defaultdict(int) for r in vocab.REASONS}
    for a in answered:
        for code in a["reasons"]:
            if code in counts:
                counts[code][a["side"]] += 1
    by_category = {}
    for code, sides in counts.items():
        total = sum(sides.values())
        by_category[code] = {
            "answers": suppress(total, total),
            "by_side": {s: suppress(sides.get(s, 0), sides.get(s, 0)) for s in SIDES},
        }

    def acted(a: dict[str, Any]) -> bool:
        return a["contribution_id"] is not None or a["decision_id"] is not None

    unheard = [a for a in answered if set(a["reasons"]) & set(vocab.UNHEARD)]
    acted_on = sum(1 for a in answered if acted(a))
    return {
        "asked": len(asks),
        "answered": len(answered),
        "no_answer": sum(1 for a in asks if a["answer"] == vocab.NO_ANSWER),
        "declined": sum(1 for a in asks if a["answer"] == vocab.DECLINED),
        "by_category": by_category,
        "acted_on": acted_on,
        "acted_on_share": share(acted_on, len(answered)),
        "unheard": {
            "answers": len(unheard),
            "acted_on": sum(1 for a in unheard if acted(a)),
            "not_acted_on": sum(1 for a in unheard if not acted(a)),
        },
    }


Occasion = tuple[int, str, datetime.date]  # (person id, left or changed role, day)


def _occasions(
    left: Iterable[tuple[int, datetime.date | None]],
    spells: Iterable[tuple[int, datetime.date]],
    period: Period,
) -> set[Occasion]:
    """The times someone left or changed role in ``period``: ``left`` is (person, day left)
    for people who left in it, ``spells`` every role spell's (person, start) in the order they
    started. A person's first spell is joining, not a change."""
    occasions = {(pid, vocab.LEFT, day) for pid, day in left if day is not None}
    first: set[int] = set()
    for pid, day in spells:
        if pid not in first:
            first.add(pid)
        elif period.contains(day):
            occasions.add((pid, vocab.ROLE_CHANGE, day))
    return occasions


def _handovers(ctx: Ctx) -> dict[str, Any]:
    journey, period = ctx.journey, ctx.period
    # The register and the role spells as the dashboard has already read them (Ctx).
    occasions = _occasions(
        (
            (p["id"], p["left_on"])
            for p in ctx.people.values()
            if p["left_on"] is not None and period.contains(p["left_on"])
        ),
        ((pid, started_on) for pid, started_on, _ended, _paid in ctx.role_spells),
        period,
    )
    # The period's handover notes, each with how many actions it passed on (one statement).
    handovers = list(
        Handover.objects.filter(period.q("on"), journey=journey)
        .annotate(reassigned=Count("reassignments"))
        .values_list("person_id", "occasion", "on", "reassigned")
    )
    notes = {(pid, occasion, day) for pid, occasion, day, _n in handovers}
    left = sum(1 for o in occasions if o[1] == vocab.LEFT)
    covered = len(occasions & notes)
    return {
        "left": left,
        "role_changes": len(occasions) - left,
        "occasions": len(occasions),
        "with_handover": covered,
        "handover_share": share(covered, len(occasions)),
        "actions_reassigned": sum(n for _pid, _occasion, _day, n in handovers),
    }


def _actions_left_behind(ctx: Ctx) -> dict[str, int]:
    # Nobody in the register had left by today: nothing can be left behind, no need to count.
    if not any(p["left_on"] is not None and p["left_on"] <= ctx.today for p in ctx.people.values()):
        return {vocab.TASK: 0, vocab.GROUP_ACTION: 0, vocab.CONTRIBUTION: 0}
    return selectors.actions_left_behind(ctx.journey, on=ctx.today)


def _assets(journey: Journey, on: datetime.date) -> dict[str, Any]:
    # Only each asset's kind and where it is are counted: one read, the owner's leaving day
    # and the handover day joined in (``selectors.asset_rows`` gives the whole records).
    rows = [
        (kind, selectors.status_on(left_on, kept_on, on))
        for kind, left_on, kept_on in Asset.objects.filter(journey=journey).values_list(
            "kind", "person__left_on", "kept__on"
        )
    ]
    by_kind = {
        k.code: {selectors.IN_GROUP: 0, selectors.HANDED_OVER: 0, selectors.LEFT_WITH: 0}
        for k in inclusion_vocab.ASSET_KINDS
    }
    for kind, status in rows:
        by_kind[kind][status] += 1
    total = {
        st: sum(k[st] for k in by_kind.values())
        for st in (selectors.IN_GROUP, selectors.HANDED_OVER, selectors.LEFT_WITH)
    }
    return {
        "on": on.isoformat(),
        "assets": len(rows),
        "still_in_group": total[selectors.IN_GROUP] + total[selectors.HANDED_OVER],
        "handed_over": total[selectors.HANDED_OVER],
        "left_with_people": total[selectors.LEFT_WITH],
        "left_share": share(total[selectors.LEFT_WITH], len(rows)),
        "by_kind": {
            code: {
                "still_in_group": k[selectors.IN_GROUP] + k[selectors.HANDED_OVER],
                "left_with_people": k[selectors.LEFT_WITH],
            }
            for code, k in by_kind.items()
        },
    }


def _legacy(journey: Journey, today: datetime.date) -> dict[str, Any]:
    legacy = selectors.legacy_of(journey)
    funding = legacy.funding_ends_on if legacy else None
    end = selectors.end_of(journey, legacy)
    parts = list(LegacyPart.objects.filter(journey=journey).values("owner_id", "owner_other"))
    reviews = selectors.reviews_due(journey, legacy)
    return {
        "journey_ends_on": journey.ended_on.isoformat() if journey.ended_on else None,
        "funding_ends_on": funding.isoformat() if funding else None,
        "ends_on": end.isoformat() if end else None,
        "days_to_funding_end": (funding - today).days if funding else None,
        "has_plan": bool(legacy and legacy.plan_agreed_on),
        "plan_agreed_on": (
            legacy.plan_agreed_on.isoformat() if legacy and legacy.plan_agreed_on else None
        ),
        "parts": len(parts),
        "reviews": [
            {
                "months": r.months,
                "due_on": r.due_on.isoformat(),
                "done_on": r.review.done_on.isoformat() if r.review else None,
                "days_late": (
                    (today - r.due_on).days if r.review is None and r.due_on < today else 0
                ),
            }
            for r in reviews
        ],
    }


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """``shared``: the dashboard's reads of this journey and period (insights/core.py); its
    attendance gives "stopped coming" exactly as the retention figure counts it."""
    ctx = shared or Ctx(journey=journey, period=period, thresholds=thresholds_for(journey))
    # Read once for who was asked (over all time) and their answers (in the period).
    asks = list(
        StopAsk.objects.filter(journey=journey).only(
            "id",
            "person_id",
            "asked_on",
            "answer",
            "side",
            "reasons",
            "contribution_id",
            "decision_id",
        )
    )
    return {
        "stopping": _stopping(ctx, asks),
        "reasons": _reasons(asks, period),
        "handovers": _handovers(ctx),
        "actions_left_behind": _actions_left_behind(ctx),
        "assets": _assets(journey, ctx.end),
        "legacy": _legacy(journey, ctx.today),
    }


# The organisation's view (insights/organisation.py): all time, as ``compute`` over all time
# gives ``reasons.asked/answered/acted_on/acted_on_share/unheard.answers/unheard.not_acted_on``,
# ``handovers.occasions/with_handover/handover_share``, ``legacy.has_plan`` (1 for a journey
# whose legacy plan is agreed: added up, how many) and, from ``legacy.reviews``, the follow-up
# reviews whose day has come, those done and those late.
ORG_PEOPLE = (
    "asked",
    "answered",
    "acted_on",
    "unheard",
    "unheard_not_acted_on",
    "occasions",
    "with_handover",
)
ORG_COUNTS = (*ORG_PEOPLE, "with_legacy_plan", "reviews_due", "reviews_done", "reviews_late")
ORG_SHARES = {
    "acted_on_share": ("acted_on", "answered", "answered"),
    "handover_share": ("with_handover", "occasions", "occasions"),
}


def organisation_counts(ids: list[int], today: datetime.date) -> dict[int, dict[str, int]]:
    """Every journey's leaving figures in six grouped queries (never one per journey)."""
    out: dict[int, dict[str, int]] = {jid: {k: 0 for k in ORG_COUNTS} for jid in ids}
    unheard = set(vocab.UNHEARD)
    for jid, answer, reasons, contribution_id, decision_id in StopAsk.objects.filter(
        journey_id__in=ids
    ).values_list("journey_id", "answer", "reasons", "contribution_id", "decision_id"):
        row = out[jid]
        row["asked"] += 1
        if answer != vocab.ANSWERED:
            continue
        acted = contribution_id is not None or decision_id is not None
        row["answered"] += 1
        row["acted_on"] += acted
        if set(reasons) & unheard:
            row["unheard"] += 1
            row["unheard_not_acted_on"] += not acted

    # Handovers: each time someone left or changed role, and whether a note covers it.
    left: dict[int, list[tuple[int, datetime.date | None]]] = defaultdict(list)
    for jid, pid, day in Person.objects.filter(
        journey_id__in=ids, left_on__isnull=False
    ).values_list("journey_id", "id", "left_on"):
        left[jid].append((pid, day))
    spells: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    for jid, pid, day in (
        RoleSpell.objects.filter(journey_id__in=ids)
        .order_by("person_id", "started_on", "id")
        .values_list("journey_id", "person_id", "started_on")
    ):
        spells[jid].append((pid, day))
    notes: dict[int, set[Occasion]] = defaultdict(set)
    for jid, pid, occasion, day in Handover.objects.filter(journey_id__in=ids).values_list(
        "journey_id", "person_id", "occasion", "on"
    ):
        notes[jid].add((pid, occasion, day))
    for jid in ids:
        occasions = _occasions(left[jid], spells[jid], Period())
        out[jid]["occasions"] = len(occasions)
        out[jid]["with_handover"] = len(occasions & notes[jid])

    # The legacy plan, and the reviews 6 and 12 months after the end (selectors.end_of).
    done: dict[int, set[int]] = defaultdict(set)
    for jid, months in FollowUpReview.objects.filter(journey_id__in=ids).values_list(
        "journey_id", "months"
    ):
        done[jid].add(months)
    for jid, ended_on, funding_ends_on, agreed_on in Journey.objects.filter(pk__in=ids).values_list(
        "id", "ended_on", "legacy__funding_ends_on", "legacy__plan_agreed_on"
    ):
        row = out[jid]
        row["with_legacy_plan"] = int(agreed_on is not None)
        days = [d for d in (ended_on, funding_ends_on) if d]
        if not days:
            continue  # no end: no reviews are due (as ``legacy.reviews`` is empty)
        for months in vocab.REVIEW_MONTHS:
            due_on = selectors.add_months(min(days), months)
            row["reviews_due"] += due_on <= today
            row["reviews_done"] += months in done[jid]
            row["reviews_late"] += months not in done[jid] and due_on < today
    return out


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Leaving's warning signs, fired or not."""

    out: list[WarningSign] = []
    st = data["stopping"]
    th = thresholds["stopped_not_asked"]
    out.append(
        WarningSign(
            code="stopped_not_asked",
            title=str(WARNING_TITLES["stopped_not_asked"]),
            fired=st["stopped"] >= int(th["min_people"]) and st["asked"] == 0,
            explanation=ngettext(
                "%(n)s person stopped coming; %(asked)s of them was asked why.",
                "%(n)s people stopped coming; %(asked)s of them were asked why.",
                st["stopped"],
            )
            % {"n": st["stopped"], "asked": st["asked"]},
            research=_(
                "People rarely stop for no reason: times and places, health and caring, not "
                "feeling heard and seeing nothing change are the usual ones. Asking is how a "
                "group finds out which, and a way of valuing the person."
            ),
            question=_("Who could ask them, in a way they would be happy to answer?"),
            based_on=_("%(farr)s (who disengages and why)") % {"farr": FARR},
            evidence={"stopped": st["stopped"], "asked": st["asked"]},
            thresholds=dict(th),
        )
    )
    un = data["reasons"]["unheard"]
    th = thresholds["unheard_not_acted"]
    out.append(
        WarningSign(
            code="unheard_not_acted",
            title=str(WARNING_TITLES["unheard_not_acted"]),
            fired=un["not_acted_on"] >= int(th["min_reasons"]),
            explanation=ngettext(
                "%(n)s answer said they were not heard or nothing changed; nothing is recorded "
                "as done about %(not)s of them.",
                "%(n)s answers said they were not heard or nothing changed; nothing is recorded "
                "as done about %(not)s of them.",
                un["answers"],
            )
            % {"n": un["answers"], "not": un["not_acted_on"]},
            research=_(
                "Feeling unheard and seeing nothing change are signs that the power to decide "
                "has not moved. People who say so are telling the group about itself."
            ),
            question=_("What would show them, and the people still here, that it was heard?"),
            based_on=_("%(farr)s (who disengages and why)") % {"farr": FARR},
            evidence={"answers": un["answers"], "not_acted_on": un["not_acted_on"]},
            thresholds=dict(th),
        )
    )
    lg = data["legacy"]
    th = thresholds["funding_ends_no_plan"]
    days = lg["days_to_funding_end"]
    out.append(
        WarningSign(
            code="funding_ends_no_plan",
            title=str(WARNING_TITLES["funding_ends_no_plan"]),
            fired=days is not None and days <= int(th["days"]) and not lg["has_plan"],
            explanation=(
                _("No end date for the funding is recorded.")
                if days is None
                else (
                    ngettext(
                        "The funding ends in %(n)s day.", "The funding ends in %(n)s days.", days
                    )
                    % {"n": days}
                    if days >= 0
                    else ngettext(
                        "The funding ended %(n)s day ago.",
                        "The funding ended %(n)s days ago.",
                        -days,
                    )
                    % {"n": -days}
                )
                + " "
                + (
                    _("A legacy plan is agreed.")
                    if lg["has_plan"]
                    else _("There is no legacy plan.")
                )
            ),
            research=_(
                "When funding and staff go, what the group learned goes with them unless someone "
                "owns each part that carries on and the record has a home."
            ),
            question=_("What should carry on, who will own it, and where will the record live?"),
            based_on=_("%(toolkit)s (risks: staff leaving and taking knowledge with them)")
            % {"toolkit": TOOLKIT},
            evidence={
                "funding_ends_on": lg["funding_ends_on"],
                "days_to_funding_end": days,
                "has_plan": lg["has_plan"],
            },
            thresholds=dict(th),
        )
    )
    th = thresholds["review_overdue"]
    late = [r for r in lg["reviews"] if r["done_on"] is None and r["days_late"] > int(th["days"])]
    out.append(
        WarningSign(
            code="review_overdue",
            title=str(WARNING_TITLES["review_overdue"]),
            fired=bool(late),
            explanation=(
                ngettext(
                    "%(n)s follow-up review is overdue: the %(months)s-month review was due on "
                    "%(day)s.",
                    "%(n)s follow-up reviews are overdue: the %(months)s-month review was due on "
                    "%(day)s.",
                    len(late),
                )
                % {
                    "n": len(late),
                    "months": late[0]["months"],
                    "day": long_date(datetime.date.fromisoformat(late[0]["due_on"])),
                }
                if late
                else _("No follow-up review is overdue.")
            ),
            research=_(
                "Changes fade when nobody looks again. A review six and twelve months after the "
                "end shows what lasted, and gives the people who took part an answer."
            ),
            question=_("Who will gather the group, or what is left of it, to look back?"),
            based_on=_("%(toolkit)s (planning for what carries on)") % {"toolkit": TOOLKIT},
            evidence={
                "overdue": len(late),
                "first_due_on": late[0]["due_on"] if late else None,
            },
            thresholds=dict(th),
        )
    )
    return out
