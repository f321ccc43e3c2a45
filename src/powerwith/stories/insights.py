"""The experience-based co-design section of the power dashboard and of ``powerwith insights
--json`` (key ``ebcd``): stories by side and medium (with consent now, withdrawn), how each
touchpoint felt to each side (groups under 5 hidden), praise and problems by touchpoint, the
path from each touchpoint to a priority vote, a co-design group, a decision and what became of
what was raised, the moments that felt worst, the trigger films, and two warning signs.
docs/insights.md ("## ebcd") defines every key exactly.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.common.privacy import is_small, min_group
from powerwith.contributions import vocab as contribution_vocab
from powerwith.contributions.models import Contribution, Tag
from powerwith.decisions.models import CoDesignGroup, Decision, Vote, VoteOption
from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo, thresholds_for
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from . import selectors, vocab
from .models import Feeling, Film, FilmClip, Story

KEY = "ebcd"
TITLE = gettext_noop("Stories and film")  # translated where shown
TEMPLATE = "stories/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Point of Care Foundation, EBCD toolkit"
LIVED, PROF = people_vocab.LIVED, people_vocab.PROFESSIONAL
SIDES = (LIVED, PROF)

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "staff_experience_missing": {"min_patient_records": 5},
    "priorities_before_patients": {"min_records": 1},
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "staff_experience_missing": {
        "min_patient_records": ThresholdInfo(
            gettext_lazy("Fewest patients' stories and marks before warning"),
            "count",
            gettext_lazy(
                "Say nothing until people with lived experience have told this many stories "
                "or marked this many moments, together."
            ),
            minimum=1,
        )
    },
    "priorities_before_patients": {
        "min_records": ThresholdInfo(
            gettext_lazy("Fewest stories and marks before warning"),
            "count",
            gettext_lazy(
                "Say nothing until the journey has this many stories and marks of how a "
                "moment felt, together (a journey that gathers none is not doing this method)."
            ),
            minimum=1,
        )
    },
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "staff_experience_missing": {
        "patient_records": Shown(gettext_lazy("Patients' stories and marks")),
        "staff_records": Shown(gettext_lazy("Staff's stories and marks")),
    },
    "priorities_before_patients": {
        "first_vote_opened": Shown(gettext_lazy("First priority vote opened"), "date"),
        "first_patient_record": Shown(gettext_lazy("First patient's story or mark"), "date"),
        "votes_before": Shown(gettext_lazy("Votes opened before it")),
    },
}

WARNING_TITLES = {
    "staff_experience_missing": gettext_lazy("Staff experience was never gathered"),
    "priorities_before_patients": gettext_lazy(
        "Priorities were chosen before patients' experience was heard"
    ),
}


def _day(d: datetime.date | datetime.datetime | None) -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime.datetime):
        d = timezone.localtime(d).date()
    return d.isoformat()


StoryRow = tuple[int, str, str, datetime.date | None, datetime.date]
# (touchpoint id, side, direction, marks of all time, marks in the period, first day marked)
FeelingRow = tuple[int, str, str, int, int, datetime.date]


def _story_rows(journey: Journey) -> list[StoryRow]:
    """Every story of the journey, all time: ``(id, teller's side, medium, withdrawn on, told
    on)``. One read for the period's stories and the all-time records (a journey has tens or
    hundreds of stories, not thousands)."""
    return list(
        Story.objects.filter(journey=journey)
        .values_list("pk", "teller_side", "medium", "withdrawn_on", "told_on")
        .order_by()
    )


def _feeling_rows(journey: Journey, period: Period) -> list[FeelingRow]:
    """Marks of how moments felt, counted by touchpoint, side and direction, of all time and of
    the period, with the first day of each: one read for the period's feelings, the all-time
    records and the moments that felt worst."""
    return list(
        Feeling.objects.filter(journey=journey)
        .values_list("touchpoint_id", "side", "direction")
        .annotate(
            n=Count("id"),
            in_period=Count("id", filter=period.q("marked_on")),
            first=Min("marked_on"),
        )
        .values_list("touchpoint_id", "side", "direction", "n", "in_period", "first")
        .order_by()
    )


def _stories(journey: Journey, period: Period, story_rows: list[StoryRow]) -> dict[str, Any]:
    told = [r for r in story_rows if period.contains(r[4])]
    # Consents are looked up only when the period has stories to match them with.
    consented = (
        set(
            selectors.current_consents()
            .filter(story__journey=journey, story__withdrawn_on__isnull=True)
            .values_list("story_id", flat=True)
        )
        if told
        else set()
    )
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for pk, side, medium, withdrawn_on, _told_on in told:
        cell = cells.setdefault(
            (side or "unknown", medium), {"told": 0, "with_consent": 0, "withdrawn": 0}
        )
        cell["told"] += 1
        cell["withdrawn"] += withdrawn_on is not None
        cell["with_consent"] += pk in consented
    rows = [
        {"side": side, "medium": medium, **cell} for (side, medium), cell in sorted(cells.items())
    ]
    return {
        "told": sum(r["told"] for r in rows),
        "with_consent": sum(r["with_consent"] for r in rows),
        "withdrawn": sum(r["withdrawn"] for r in rows),
        "by_side_medium": rows,
    }


def _touchpoints(journey: Journey) -> list[Tag]:
    return list(
        Tag.objects.filter(journey=journey, kind=contribution_vocab.TOUCHPOINT).order_by(
            "position", "id"
        )
    )


def _feelings(tps: list[Tag], feeling_rows: list[FeelingRow]) -> list[dict[str, Any]]:
    counts: Counter[tuple[int, str, str]] = Counter()
    for tp_id, side, direction, _n, in_period, _first in feeling_rows:
        counts[(tp_id, side, direction)] += in_period
    rows = []
    for tp in tps:
        sides: dict[str, Any] = {}
        for side in SIDES:
            better = counts[(tp.pk, side, vocab.BETTER)]
            worse = counts[(tp.pk, side, vocab.WORSE)]
            n = better + worse
            hidden = is_small(n)
            sides[side] = {
                "marks": None if hidden else n,
                "better": None if hidden else better,
                "worse": None if hidden else worse,
                "suppressed": hidden,
            }
        rows.append({"touchpoint_id": tp.pk, "name": tp.name, "sides": sides})
    return rows


def _praise(tps: list[Tag], journey: Journey, period: Period, ctx: Ctx) -> dict[str, Any]:
    # The period's contributions as the dashboard counts them for follow-through.
    kinds = (contribution_vocab.PRAISE, contribution_vocab.PROBLEM)
    totals = dict.fromkeys(kinds, 0)
    for r in ctx.contribution_groups:
        if r["fate"] != contribution_vocab.MERGED and r["kind"] in totals:
            totals[r["kind"]] += r["n"]
    # By touchpoint only when there is praise or a problem at all: the counts are all zero
    # otherwise, and the read goes through every contribution of the period.
    counts = (
        {
            (tag_id, kind): n
            for tag_id, kind, n in Contribution.objects.filter(
                period.q("raised_on"),
                journey=journey,
                tags__in=[tp.pk for tp in tps],
                kind__in=kinds,
            )
            .exclude(fate=contribution_vocab.MERGED)
            .values_list("tags", "kind")
            .annotate(n=Count("id", distinct=True))
            .values_list("tags", "kind", "n")
        }
        if any(totals.values())
        else {}
    )
    rows = [
        {
            "touchpoint_id": tp.pk,
            "name": tp.name,
            "praise": counts.get((tp.pk, contribution_vocab.PRAISE), 0),
            "problem": counts.get((tp.pk, contribution_vocab.PROBLEM), 0),
        }
        for tp in tps
    ]
    return {
        "praise": totals[contribution_vocab.PRAISE],
        "problem": totals[contribution_vocab.PROBLEM],
        "by_touchpoint": rows,
    }


def _path(tps: list[Tag], journey: Journey) -> list[dict[str, Any]]:
    """All time: what became of each touchpoint (votes, groups, decisions, fates)."""
    ids = [tp.pk for tp in tps]
    votes: dict[int, list[dict[str, Any]]] = {}
    vote_tps: dict[int, set[int]] = {}
    for o in (
        VoteOption.objects.filter(tag_id__in=ids)
        .select_related("vote")
        .order_by("vote__created_at", "vote_id")
    ):
        assert o.tag_id is not None
        v = o.vote
        votes.setdefault(o.tag_id, []).append(
            {"id": v.pk, "title": v.title, "state": v.state, "opened_on": _day(v.opened_at)}
        )
        vote_tps.setdefault(v.pk, set()).add(o.tag_id)
    tagged: dict[int, set[int]] = defaultdict(set)
    fates: dict[int, Counter[str]] = defaultdict(Counter)
    touched = Contribution.objects.filter(journey=journey, tags__in=ids)
    # Unordered: the sets and counts below do not depend on it, and sorting the thousands of
    # rows of a large journey was a fifth of this statement's time. Each row also names a
    # decision answering the contribution (a row for each, none when none does), so that the
    # decisions reached are found without going through the contributions again.
    pairs: Counter[tuple[int, str]] = Counter()
    answering: dict[int, set[int]] = defaultdict(set)  # decision -> touched contributions
    for c_id, tag_id, fate, decision_id in touched.order_by().values_list(
        "pk", "tags", "fate", "decisions"
    ):
        if tag_id not in tagged[c_id]:
            tagged[c_id].add(tag_id)
            pairs[(tag_id, fate)] += 1
        if decision_id is not None:
            answering[decision_id].add(c_id)
    for (tag_id, fate), n in pairs.items():
        fates[tag_id][fate] = n
    tagged = dict(tagged)
    # The tagged contributions go to the database as a subquery, not as a list of their ids: a
    # large journey has thousands, and a list that long cost more to build and send than the
    # query itself.
    touched_ids = touched.values("pk")
    groups: dict[int, list[dict[str, Any]]] = {}
    for g in CoDesignGroup.objects.filter(journey=journey, item_id__in=touched_ids).order_by(
        "formed_on", "id"
    ):
        assert g.item_id is not None
        for tag_id in sorted(tagged[g.item_id]):
            groups.setdefault(tag_id, []).append({"id": g.pk, "name": g.name})
    decisions: dict[int, list[dict[str, Any]]] = {}
    # The journey's decisions reached by a vote on a touchpoint or answering a contribution
    # tagged with one (by their ids: a few hundred at most, where the contributions are
    # thousands).
    reached_ids = (
        Decision.objects.filter(journey=journey)
        .filter(Q(vote_id__in=list(vote_tps)) | Q(pk__in=list(answering)))
        .values_list("pk", "decided_on", "rung", "vote_id")
        .order_by("decided_on", "pk")
        if vote_tps or answering
        else []
    )
    for d_id, decided_on, rung, vote_id in reached_ids:
        reached = set(vote_tps.get(vote_id, set()))
        for c_id in answering.get(d_id, ()):
            reached |= tagged[c_id]
        for tag_id in sorted(reached):
            decisions.setdefault(tag_id, []).append(
                {"id": d_id, "decided_on": _day(decided_on), "rung": rung}
            )
    return [
        {
            "touchpoint_id": tp.pk,
            "name": tp.name,
            "votes": votes.get(tp.pk, []),
            "groups": groups.get(tp.pk, []),
            "decisions": decisions.get(tp.pk, []),
            "fates": {f: n for f, n in sorted(fates.get(tp.pk, Counter()).items())},
        }
        for tp in tps
    ]


def _films(journey: Journey) -> dict[str, Any]:
    """The trigger films' places, played now or not, counted as ``selectors.film_rows`` decides
    for each film, for all the journey's films at once (three reads, however many films)."""
    films = Film.objects.filter(journey=journey).count()
    if not films:
        return {"films": 0, "clips": 0, "played_now": 0, "not_played_now": 0}
    places = list(
        FilmClip.objects.filter(film__journey=journey).values_list(
            "clip_id", "clip__story_id", "clip__story__withdrawn_on"
        )
    )
    allowed = selectors.consented_for_events(
        story_id for clip_id, story_id, _withdrawn_on in places if clip_id is not None
    )
    played = sum(
        1
        for clip_id, story_id, withdrawn_on in places
        if not selectors.not_played(clip_id is not None, withdrawn_on, story_id, allowed)
    )
    return {
        "films": films,
        "clips": len(places),
        "played_now": played,
        "not_played_now": len(places) - played,
    }


def _records(story_rows: list[StoryRow], feeling_rows: list[FeelingRow]) -> dict[str, Any]:
    """All time: stories and marks by side, and the first patient's story or mark."""
    by_side: Counter[str] = Counter()
    first: list[datetime.date] = []
    for _pk, side, _medium, _withdrawn_on, told_on in story_rows:
        by_side[side] += 1
        if side == LIVED:
            first.append(told_on)
    for _tp, side, _direction, n, _in_period, earliest in feeling_rows:
        by_side[side] += n
        if side == LIVED:
            first.append(earliest)
    return {
        "patient_records": by_side[LIVED],
        "staff_records": by_side[PROF],
        "all_records": sum(by_side.values()),
        "first_patient_record": min(first).isoformat() if first else None,
    }


def _worst(tps: list[Tag], feeling_rows: list[FeelingRow]) -> list[dict[str, Any]]:
    """``selectors.worst_touchpoints`` from the marks already read (``selectors.rank_worst``)."""
    marks: Counter[int] = Counter()
    worse: Counter[int] = Counter()
    for tp_id, _side, direction, n, _in_period, _first in feeling_rows:
        marks[tp_id] += n
        if direction == vocab.WORSE:
            worse[tp_id] += n
    return [
        {
            "touchpoint_id": r["touchpoint"].pk,
            "name": r["touchpoint"].name,
            "marks": r["marks"],
            "worse": r["worse"],
            "share": round(r["share"], 4),
        }
        for r in selectors.rank_worst((tp, marks[tp.pk], worse[tp.pk]) for tp in tps)
    ]


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """``shared``: the dashboard's reads of this journey and period (insights/core.py), whose
    count of the period's contributions gives the praise and problems."""
    ctx = shared or Ctx(journey=journey, period=period, thresholds=thresholds_for(journey))
    tps = _touchpoints(journey)
    story_rows = _story_rows(journey)
    feeling_rows = _feeling_rows(journey, period)
    records = _records(story_rows, feeling_rows)
    opened = list(
        Vote.objects.filter(journey=journey, opened_at__isnull=False)
        .order_by("opened_at")
        .values_list("opened_at", flat=True)
    )
    opened_days = [timezone.localtime(o).date() for o in opened]
    first_patient = records["first_patient_record"]
    return {
        "stories": _stories(journey, period, story_rows),
        "feelings": _feelings(tps, feeling_rows),
        "min_group": min_group(),
        "praise": _praise(tps, journey, period, ctx),
        "worst": _worst(tps, feeling_rows),
        "path": _path(tps, journey),
        "films": _films(journey),
        "records": records,
        "first_vote_opened": opened_days[0].isoformat() if opened_days else None,
        "votes_before_patients": sum(
            1 for d in opened_days if first_patient is None or d.isoformat() < first_patient
        ),
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Any = None,
) -> list[WarningSign]:
    """Staff experience never gathered; priorities voted on before patients were heard."""

    out: list[WarningSign] = []
    rec = data["records"]
    th = thresholds["staff_experience_missing"]
    patients, staff = int(rec["patient_records"]), int(rec["staff_records"])
    out.append(
        WarningSign(
            code="staff_experience_missing",
            title=str(WARNING_TITLES["staff_experience_missing"]),
            fired=patients >= int(th["min_patient_records"]) and staff == 0,
            explanation=(
                ngettext(
                    "People with lived experience told stories or marked moments %(n)s time; "
                    "no one on the professional side has.",
                    "People with lived experience told stories or marked moments %(n)s times; "
                    "no one on the professional side has.",
                    patients,
                )
                % {"n": patients}
                if staff == 0
                else ngettext(
                    "Staff told stories or marked moments %(n)s time.",
                    "Staff told stories or marked moments %(n)s times.",
                    staff,
                )
                % {"n": staff}
            ),
            research=_(
                "Experience-based co-design gathers staff's experience as well as patients': "
                "staff who have been heard first are readier to hear patients at the joint "
                "event, and the changes need them."
            ),
            question=_("Who could interview staff, or hold a staff event, before the joint one?"),
            based_on=_("%(toolkit)s (staff interviews and the staff event); %(farr)s")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={"patient_records": patients, "staff_records": staff},
            thresholds=dict(th),
        )
    )
    th = thresholds["priorities_before_patients"]
    before = int(data["votes_before_patients"])
    fired = int(rec["all_records"]) >= int(th["min_records"]) and before > 0
    out.append(
        WarningSign(
            code="priorities_before_patients",
            title=str(WARNING_TITLES["priorities_before_patients"]),
            fired=fired,
            explanation=(
                ngettext(
                    "%(n)s priority vote was opened before any patient's story or mark of how "
                    "a moment felt was recorded.",
                    "%(n)s priority votes were opened before any patient's story or mark of "
                    "how a moment felt was recorded.",
                    before,
                )
                % {"n": before}
                if before
                else _("No priority vote was opened before patients' experience was recorded.")
            ),
            research=_(
                "In experience-based co-design, priorities are chosen together at the joint "
                "event, after patients have told their stories. Chosen before, they are staff's "
                "priorities, and patients are asked to agree."
            ),
            question=_("Could the group choose its priorities again, after the patient event?"),
            based_on=_("%(toolkit)s (the joint event); %(farr)s")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={
                "first_vote_opened": data["first_vote_opened"],
                "first_patient_record": rec["first_patient_record"],
                "votes_before": before,
            },
            thresholds=dict(th),
        )
    )
    return out
