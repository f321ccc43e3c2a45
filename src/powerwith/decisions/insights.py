"""The "who decides" section of the power dashboard: decisions on the ladder of participation,
inside or outside the group, who proposed them; each finished priority vote's results by side;
and the co-design groups. docs/insights.md ("## decisions") documents every key.

Periods: a decision counts in the period of its ``decided_on``; a vote by the day it was held
(its gathering's date, otherwise the day it closed); a co-design group by ``formed_on``. Votes
are only counted once voting is over.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.insights.maths import percent, share
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as pvocab

from . import selectors, vocab
from .models import CoDesignGroup, Decision, Vote

KEY = "decisions"
TITLE = gettext_noop("Who decides")  # translated where shown
TEMPLATE = "decisions/insights.html"

SMALL_N = 10
SIDES = (pvocab.LIVED, pvocab.PROFESSIONAL)
LOWER_RUNGS = tuple(t.code for t in vocab.RUNGS if int(t.extra["level"]) <= 4)  # type: ignore[call-overload]

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
DUROSE = "Durose, Richardson & Perry 2024"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "decisions_low_rungs": {"share": 0.6, "min_decisions": 5},
    "decisions_outside_group": {"share": 0.5, "min_decisions": 5},
    "decisions_few_lived_proposals": {"share": 0.25, "min_decisions": 5},
    "vote_no_common_ground": {"min_ballots": 10},
}

WARNING_TITLES = {
    "decisions_low_rungs": gettext_lazy("Most decisions sit on the lower steps of the ladder"),
    "decisions_outside_group": gettext_lazy("Most decisions are taken outside the group"),
    "decisions_few_lived_proposals": gettext_lazy(
        "Few decisions start from people with lived experience"
    ),
    "vote_no_common_ground": gettext_lazy(
        "Staff and people with lived experience share no top priority"
    ),
}

# How each figure a warning sign looked at is shown to people (insights/labels.py formats it).
EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "decisions_low_rungs": {
        "lower_rungs_share": Shown(
            gettext_lazy(
                "Share of decisions on the four lowest steps of the ladder (others decide)"
            ),
            "share",
        ),
        "lower_rungs": Shown(gettext_lazy("Decisions on the four lowest steps")),
        "power_sharing": Shown(
            gettext_lazy("Decisions that share power (co-designing or co-producing)")
        ),
        "total": Shown(gettext_lazy("Decisions")),
    },
    "decisions_outside_group": {
        "outside_share": Shown(gettext_lazy("Share of decisions taken outside the group"), "share"),
        "outside_group": Shown(gettext_lazy("Decisions taken outside the group")),
        "total": Shown(gettext_lazy("Decisions")),
    },
    "decisions_few_lived_proposals": {
        "proposed_by_lived_share": Shown(
            gettext_lazy("Share proposed by someone with lived experience"), "share"
        ),
        "proposer_known": Shown(gettext_lazy("Decisions with a known proposer")),
    },
    "vote_no_common_ground": {
        "votes_looked_at": Shown(gettext_lazy("Priority votes looked at")),
        "without_common_ground": Shown(gettext_lazy("Votes with no common ground")),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "decisions_low_rungs": {
        "share": ThresholdInfo(
            gettext_lazy("Share of decisions on the lower four steps of the ladder"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "min_decisions": ThresholdInfo(
            gettext_lazy("Fewest decisions before warning"),
            "count",
            gettext_lazy("Say nothing until this many are recorded."),
        ),
    },
    "decisions_outside_group": {
        "share": ThresholdInfo(
            gettext_lazy("Share of decisions taken outside the group"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "min_decisions": ThresholdInfo(
            gettext_lazy("Fewest decisions before warning"),
            "count",
            gettext_lazy("Say nothing until this many are recorded."),
        ),
    },
    "decisions_few_lived_proposals": {
        "share": ThresholdInfo(
            gettext_lazy("Lowest acceptable share proposed by lived experience"),
            "share",
            gettext_lazy("Warn when the share is below this."),
        ),
        "min_decisions": ThresholdInfo(
            gettext_lazy("Fewest decisions with a known proposer"),
            "count",
            gettext_lazy("Say nothing until this many decisions name who proposed them."),
        ),
    },
    "vote_no_common_ground": {
        "min_ballots": ThresholdInfo(
            gettext_lazy("Fewest ballots in a vote"),
            "count",
            gettext_lazy("Only votes with at least this many ballots are looked at."),
            minimum=1,
        ),
    },
}


# "This rests on only 3 ...": one whole sentence for each kind of record, so that each
# language can put the number and the noun together its own way.
SMALL_NOTES = {
    "decision": lambda n: ngettext(
        "This rests on only %(n)s decision: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s decisions: read it as a rough picture, not a precise figure.",
        n,
    ),
    "vote": lambda n: ngettext(
        "This rests on only %(n)s vote: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s votes: read it as a rough picture, not a precise figure.",
        n,
    ),
    "group": lambda n: ngettext(
        "This rests on only %(n)s group: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s groups: read it as a rough picture, not a precise figure.",
        n,
    ),
}


def _note(n: int, kind: str) -> str:
    if n == 0:
        return _("Nothing recorded in this period yet.")
    if n < SMALL_N:
        return SMALL_NOTES[kind](n) % {"n": n}
    return ""


def _common(n: int, kind: str, title: str, explanation: str, based_on: str) -> dict[str, Any]:
    return {
        "title": title,
        "n": n,
        "small_numbers": n < SMALL_N,
        "note": _note(n, kind),
        "explanation": explanation,
        "based_on": based_on,
        "drill_down": "",
    }


def _decisions(
    journey: Journey, period: Period, tally: selectors.DecisionTally | None = None
) -> dict[str, Any]:
    qs = Decision.objects.filter(period.q("decided_on"), journey=journey)
    # Every count but one from the decisions grouped by rung, taker and proposer's side
    # (``tally``: the dashboard's shared read of them, when there is one).
    if tally is None:
        tally = selectors.decision_tally(journey, period.q("decided_on"))
    agg = {"total": 0, "inside": 0, "sharing": 0, "lower": 0, "lived": 0, "professional": 0}
    by_rung: dict[str, int] = defaultdict(int)
    by_taker: dict[str, int] = defaultdict(int)
    for rung, taken_by, proposer_side, n, _first in tally:
        agg["total"] += n
        agg["inside"] += n if taken_by in vocab.INSIDE_TAKERS else 0
        agg["sharing"] += n if rung in vocab.POWER_SHARING_RUNGS else 0
        agg["lower"] += n if rung in LOWER_RUNGS else 0
        agg["lived"] += n if proposer_side == pvocab.LIVED else 0
        agg["professional"] += n if proposer_side == pvocab.PROFESSIONAL else 0
        by_rung[rung] += n
        by_taker[taken_by] += n
    # Separately: joining the answers would count a decision once per contribution it answers.
    # EXISTS looks up each of the period's decisions in the answers' index; a DISTINCT over the
    # join read every journey's answers.
    agg["answering"] = qs.filter(
        Exists(Decision.answers.through.objects.filter(decision_id=OuterRef("pk")))
    ).count()
    total = agg["total"]
    known = agg["lived"] + agg["professional"]
    return {
        **_common(
            total,
            "decision",
            _("Decisions on the ladder of participation"),
            _(
                "Each decision sits on one of the seven steps of the ladder of participation, "
                "from people being made to go along (coercing) up to deciding and delivering "
                "together as equals (co-producing). Only the top two steps share power. Who takes "
                "decisions, and where, shows whether professionals and organisations really hand "
                "over control."
            ),
            _(
                "%(toolkit)s (the ladder of participation; mapping how critical decisions are "
                "made and by whom); %(farr)s (whether professionals cede control)"
            )
            % {"toolkit": TOOLKIT, "farr": FARR},
        ),
        "total": total,
        "by_rung": {t.code: by_rung.get(t.code, 0) for t in vocab.RUNGS},
        "by_rung_share": {t.code: share(by_rung.get(t.code, 0), total) for t in vocab.RUNGS},
        "power_sharing": agg["sharing"],
        "power_sharing_share": share(agg["sharing"], total),
        "lower_rungs": agg["lower"],
        "lower_rungs_share": share(agg["lower"], total),
        "by_taker": {t.code: by_taker.get(t.code, 0) for t in vocab.TAKERS},
        "inside_group": agg["inside"],
        "outside_group": total - agg["inside"],
        "inside_share": share(agg["inside"], total),
        "outside_share": share(total - agg["inside"], total),
        "proposer_known": known,
        "proposed_by_side": {pvocab.LIVED: agg["lived"], pvocab.PROFESSIONAL: agg["professional"]},
        "proposed_by_lived_share": share(agg["lived"], known),
        "answering": agg["answering"],
    }


def _vote_day(vote: Vote) -> Any:
    if vote.gathering is not None:
        return vote.gathering.held_on
    when = vote.closed_at or vote.closes_at
    return when.date() if when is not None else None


def _side_rows(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        lived = float(r.sides[pvocab.LIVED]["fraction"])
        prof = float(r.sides[pvocab.PROFESSIONAL]["fraction"])
        out.append(
            {
                "label": r.option.label,
                "lived_share": round(lived, 3),
                "professional_share": round(prof, 3),
                "difference": round(lived - prof, 3),
            }
        )
    return out


def _one_vote(vote: Vote, res: dict[str, Any]) -> dict[str, Any]:
    n_side = res["by_side_counts"]
    out: dict[str, Any] = {
        "id": vote.pk,
        "title": vote.title,
        "method": vote.method,
        "secret": vote.secret,
        "held_on": (day.isoformat() if (day := _vote_day(vote)) else None),
        "ballots": res["ballots"],
        "ballots_by_side": {s: n_side[s] for s in SIDES},
        "top": [
            {
                "label": r.option.label,
                "rank": r.result.rank,
                "share": round(float(r.result.share), 3),
                "contribution_id": r.option.contribution_id,
            }
            for r in res["rows"]
            if r.result.rank <= 5
        ],
        "by_side_shown": res["sides"] is not None,
        "withheld": res["sides_withheld"],
        "sides": None,
    }
    if res["sides"] is not None:
        s = res["sides"]
        out["sides"] = {
            "top_size": s["top_size"],
            "common_ground": [r.option.label for r in s["common_ground"]],
            "differ_most": _side_rows(s["differ_most"]),
            "agree": _side_rows(s["agree"]),
            "rank_agreement": None
            if s["rank_agreement"] is None
            else round(s["rank_agreement"], 3),
            "top_by_side": {side: [r.option.label for r in s["tops"][side]] for side in SIDES},
        }
    return out


def _votes(journey: Journey, period: Period) -> dict[str, Any]:
    finished = [
        v
        for v in Vote.objects.filter(selectors.over_q(), journey=journey)
        .select_related("gathering")
        .order_by("id")
        if (day := _vote_day(v)) is not None and period.contains(day)
    ]
    results = selectors.results_of_votes(finished)
    items = [_one_vote(v, results[v.pk]) for v in finished]
    ballots = sum(v["ballots"] for v in items)
    return {
        **_common(
            len(items),
            "vote",
            _("Priority votes, by side"),
            _(
                "Finished priority votes, with what people with lived experience and "
                "professionals each put first, where they differ most and the items both put near "
                "the top (common ground). In a secret vote, results by side are shown only when "
                "each side has at least five ballots."
            ),
            _(
                "%(farr)s (staff and patients voted on priorities; how conflicting priorities are "
                "managed and common ground found)"
            )
            % {"farr": FARR},
        ),
        "finished": len(items),
        "ballots": ballots,
        "items": items,
    }


def _groups(journey: Journey, period: Period) -> dict[str, Any]:
    groups = CoDesignGroup.objects.filter(period.q("formed_on"), journey=journey)
    # The groups joined to their actions: a group is counted once (distinct), an action once
    # (each is one row of the join).
    agg = groups.aggregate(
        formed=Count("id", distinct=True),
        open=Count("id", filter=Q(closed_on__isnull=True), distinct=True),
        with_item=Count("id", filter=Q(item__isnull=False), distinct=True),
        n_actions=Count("actions"),
        n_done=Count("actions", filter=Q(actions__done_on__isnull=False)),
    )
    # The groups joined to their members and their gatherings (a group's members times its
    # gatherings: a few dozen rows), each counted once (distinct).
    members = groups.aggregate(
        **{s: Count("members", filter=Q(members__side=s), distinct=True) for s in SIDES},
        gatherings=Count("gatherings", distinct=True),
    )
    return {
        **_common(
            agg["formed"],
            "group",
            _("Co-design groups"),
            _(
                "Working groups formed around the items the group chose, their gatherings and the "
                "actions they agreed. Groups stall when people cannot continue, so it matters who "
                "is in them and whether actions get done."
            ),
            _("%(farr)s (co-design groups formed per priority and met regularly)") % {"farr": FARR},
        ),
        "formed": agg["formed"],
        "open": agg["open"],
        "closed": agg["formed"] - agg["open"],
        "with_item": agg["with_item"],
        "gatherings": members["gatherings"],
        "actions": agg["n_actions"],
        "actions_done": agg["n_done"],
        "members_by_side": {s: members[s] for s in SIDES},
    }


def compute(journey: Journey, period: Period, *, shared: Any = None) -> dict[str, Any]:
    """The section's figures for ``journey`` over ``period`` (JSON-ready)."""
    return {
        "decisions": _decisions(journey, period, shared.decisions if shared is not None else None),
        "votes": _votes(journey, period),
        "groups": _groups(journey, period),
    }


def _no_common_ground(apart: list[dict[str, Any]], looked: int) -> str:
    """The votes where the sides share no top item, as one whole sentence (with their titles)."""
    if apart:
        return ngettext(
            "In %(apart)s of the %(n)s priority vote with results by side, no item was near the "
            "top for both people with lived experience and professionals: %(titles)s.",
            "In %(apart)s of the %(n)s priority votes with results by side, no item was near the "
            "top for both people with lived experience and professionals: %(titles)s.",
            looked,
        ) % {
            "apart": len(apart),
            "n": looked,
            "titles": ", ".join(f"\u201c{v['title']}\u201d" for v in apart),
        }
    return ngettext(
        "In 0 of the %(n)s priority vote with results by side, no item was near the top for "
        "both people with lived experience and professionals.",
        "In 0 of the %(n)s priority votes with results by side, no item was near the top for "
        "both people with lived experience and professionals.",
        looked,
    ) % {"n": looked}


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Any = None,
) -> list[WarningSign]:
    """This section's warning signs, fired or not (``>=`` for shares that warn when high, ``<``
    for the share proposed by lived experience)."""
    d, votes = data["decisions"], data["votes"]
    out: list[WarningSign] = []

    t = thresholds["decisions_low_rungs"]
    low = d["lower_rungs_share"]
    out.append(
        WarningSign(
            code="decisions_low_rungs",
            title=str(WARNING_TITLES["decisions_low_rungs"]),
            fired=d["total"] >= t["min_decisions"] and low is not None and low >= t["share"],
            explanation=(
                ngettext(
                    "%(share)s of the %(n)s decision recorded in this period sat on the lower "
                    "four steps of the ladder of participation (coercing, educating, informing or "
                    "consulting); %(sharing)s on the two steps that share power.",
                    "%(share)s of the %(n)s decisions recorded in this period sat on the lower "
                    "four steps of the ladder of participation (coercing, educating, informing or "
                    "consulting); %(sharing)s on the two steps that share power.",
                    d["total"],
                )
                % {"share": percent(low, "0%"), "n": d["total"], "sharing": d["power_sharing"]}
                if d["total"]
                else _("No decisions were recorded in this period.")
            ),
            research=_(
                "On the lower steps people are told, persuaded or asked, but others decide. "
                "Only co-designing and co-producing share power. Co-production that stays on the "
                "lower steps risks being a tick-box, and people disengage when their influence "
                "is not real."
            ),
            question=_(
                "Which of these decisions could the group have taken together, and what "
                "would it take next time?"
            ),
            based_on=_("%(toolkit)s (the ladder of participation; warning signs)")
            % {"toolkit": TOOLKIT},
            evidence={
                "lower_rungs_share": low,
                "lower_rungs": d["lower_rungs"],
                "power_sharing": d["power_sharing"],
                "total": d["total"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["decisions_outside_group"]
    outside = d["outside_share"]
    out.append(
        WarningSign(
            code="decisions_outside_group",
            title=str(WARNING_TITLES["decisions_outside_group"]),
            fired=d["total"] >= t["min_decisions"]
            and outside is not None
            and outside >= t["share"],
            explanation=(
                ngettext(
                    "%(share)s of the %(n)s decision in this period was taken outside the group: "
                    "by a professional alone, the organisation or the funder.",
                    "%(share)s of the %(n)s decisions in this period were taken outside the group: "
                    "by a professional alone, the organisation or the funder.",
                    d["total"],
                )
                % {"share": percent(outside, "0%"), "n": d["total"]}
                if d["total"]
                else _("No decisions were recorded in this period.")
            ),
            research=_(
                "Large organisations often keep the final say, and whoever holds the money holds "
                "power. When the decisions that matter are taken elsewhere, the group can end up "
                "discussing while others decide."
            ),
            question=_(
                "Which decisions could come to the group, and who would need to agree to that?"
            ),
            based_on=_(
                "%(toolkit)s (power and influence); %(farr)s (decision-making power; senior "
                "people implementing solutions); %(durose)s (be clear what is on the table)"
            )
            % {"toolkit": TOOLKIT, "farr": FARR, "durose": DUROSE},
            evidence={
                "outside_share": outside,
                "outside_group": d["outside_group"],
                "total": d["total"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["decisions_few_lived_proposals"]
    lived = d["proposed_by_lived_share"]
    out.append(
        WarningSign(
            code="decisions_few_lived_proposals",
            title=str(WARNING_TITLES["decisions_few_lived_proposals"]),
            fired=d["proposer_known"] >= t["min_decisions"]
            and lived is not None
            and lived < t["share"],
            explanation=(
                ngettext(
                    "Of the %(n)s decision in this period whose proposer is known, people with "
                    "lived experience proposed %(lived)s (%(share)s).",
                    "Of the %(n)s decisions in this period whose proposer is known, people with "
                    "lived experience proposed %(lived)s (%(share)s).",
                    d["proposer_known"],
                )
                % {
                    "n": d["proposer_known"],
                    "lived": d["proposed_by_side"][pvocab.LIVED],
                    "share": percent(lived, "0%"),
                }
                if d["proposer_known"]
                else _("No decision in this period names who proposed it.")
            ),
            research=_(
                "Power also lies in what gets put forward at all. When professionals propose "
                "nearly everything, people with lived experience are reacting to others' ideas "
                "rather than shaping the options."
            ),
            question=_(
                "How could people with lived experience bring proposals of their own, "
                "with the support and information they need?"
            ),
            based_on=_("%(farr)s (non-decision-making power; whether professionals cede control)")
            % {"farr": FARR},
            evidence={
                "proposed_by_lived_share": lived,
                "proposer_known": d["proposer_known"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["vote_no_common_ground"]
    looked = [
        v for v in votes["items"] if v["ballots"] >= t["min_ballots"] and v["sides"] is not None
    ]
    apart = [v for v in looked if not v["sides"]["common_ground"]]
    out.append(
        WarningSign(
            code="vote_no_common_ground",
            title=str(WARNING_TITLES["vote_no_common_ground"]),
            fired=bool(apart),
            explanation=(
                _no_common_ground(apart, len(looked))
                if looked
                else _("No finished priority vote in this period has results by side.")
            ),
            research=_(
                "Staff and patients can want different things, and that is worth knowing rather "
                "than hiding in a combined total. Finding common ground, and working openly on "
                "the differences, keeps both sides involved."
            ),
            question=_(
                "What lies behind the difference, and which items could both sides work on first?"
            ),
            based_on=_("%(farr)s (how conflicting priorities are managed and common ground found)")
            % {"farr": FARR},
            evidence={"votes_looked_at": len(looked), "without_common_ground": len(apart)},
            thresholds=dict(t),
        )
    )
    return out
