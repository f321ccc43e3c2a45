"""Reads about decisions, votes (their results) and co-design groups."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.models import AuditEntry
from powerwith.common.privacy import is_small, min_group
from powerwith.journeys.models import Journey, Membership
from powerwith.people import vocab as pvocab
from powerwith.people.models import Person

from . import counting, vocab
from .models import BallotPaper, BallotReceipt, CoDesignGroup, Decision, Vote, VoteOption

SIDES = (pvocab.LIVED, pvocab.PROFESSIONAL)

# --- decisions ---------------------------------------------------------------------------------

WHERE_FILTERS = {
    "inside": gettext_lazy("Taken inside the group"),
    "outside": gettext_lazy("Taken outside the group"),
}


# (rung, who took it, proposer's side, how many decisions, the earliest day one was made)
DecisionTally = list[tuple[str, str, str, int, datetime.date]]


def decision_tally(journey: Journey, when: Q | None = None) -> DecisionTally:
    """The journey's decisions (those matching ``when``, e.g. a period's ``decided_on``)
    counted by rung, by who took them and by the proposer's side, each group with its earliest
    day: one small read from which the dashboard's decision figures, its limits and its
    budgets' count of decisions are all worked out."""
    return list(
        Decision.objects.filter(when or Q(), journey=journey)
        .values_list("rung", "taken_by", "proposer_side")
        .annotate(n=Count("id"), first=Min("decided_on"))
        .values_list("rung", "taken_by", "proposer_side", "n", "first")
        .order_by()
    )


def decision_list(journey: Journey, *, rung: str = "", where: str = "") -> QuerySet[Decision]:
    """The decision log, newest first, optionally only one rung or inside/outside the group."""
    qs = (
        Decision.objects.filter(journey=journey)
        .select_related("journey", "gathering", "proposed_by", "vote")
        .annotate(n_answers=Count("answers", distinct=True))
    )
    if rung in vocab.RUNGS:
        qs = qs.filter(rung=rung)
    if where == "inside":
        qs = qs.filter(taken_by__in=vocab.INSIDE_TAKERS)
    elif where == "outside":
        qs = qs.exclude(taken_by__in=vocab.INSIDE_TAKERS)
    return qs.order_by("-decided_on", "-id")


# --- votes -------------------------------------------------------------------------------------


def voter_for(user: Any, journey: Journey) -> Person | None:
    """The person in the journey's register a signed-in user votes as: the person their
    membership links to, otherwise a person whose account is theirs."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(journey=journey, user=user).select_related("person").first()
    )
    if membership is not None and membership.person is not None:
        return membership.person
    return Person.objects.filter(journey=journey, user=user).order_by("id").first()


def vote_accepting(vote: Vote, now: datetime.datetime | None = None) -> bool:
    """Ballots can be counted: the vote is open and its closing time (if any) has not come."""
    now = now or timezone.now()
    return vote.state == vocab.OPEN and (vote.closes_at is None or now < vote.closes_at)


def vote_over(vote: Vote, now: datetime.datetime | None = None) -> bool:
    """Voting has finished: closed, or open past its closing time (not yet formally closed)."""
    now = now or timezone.now()
    return vote.state == vocab.CLOSED or (
        vote.state == vocab.OPEN and vote.closes_at is not None and now >= vote.closes_at
    )


def results_visible(vote: Vote) -> bool:
    """Results show once voting is over; before that only for open votes that chose to show
    them live. Secret votes always wait."""
    if vote_over(vote):
        return True
    return vote.state == vocab.OPEN and not vote.secret and not vote.hide_results


def over_q(now: datetime.datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(state=vocab.CLOSED) | Q(state=vocab.OPEN, closes_at__lte=now)


def vote_list(journey: Journey) -> list[Vote]:
    return list(
        Vote.objects.filter(journey=journey)
        .select_related("journey", "gathering")
        .annotate(
            n_options=Count("options", distinct=True), n_ballots=Count("receipts", distinct=True)
        )
        .order_by("-created_at", "-id")
    )


def ballot_counts(vote: Vote) -> dict[str, int]:
    """How many have voted, in all and by side (who voted is never secret)."""
    rows = dict(
        BallotReceipt.objects.filter(vote=vote)
        .values_list("side")
        .annotate(n=Count("id"))
        .values_list("side", "n")
    )
    out = {side: rows.get(side, 0) for side in SIDES}
    out["total"] = sum(rows.values())
    return out


def _marks(raw: dict[str, int] | None) -> dict[int, int]:
    return {int(k): int(v) for k, v in (raw or {}).items()}


def vote_ballots(vote: Vote) -> list[tuple[str, dict[int, int]]]:
    """Every ballot's (side, marks): from the receipts of an open vote, from the unlinked
    papers of a secret one."""
    rows: list[tuple[str, Any]] = list(
        vote.papers.values_list("side", "marks")
        if vote.secret
        else vote.receipts.values_list("side", "marks")
    )
    return [(side, _marks(marks)) for side, marks in rows]


def fmt_points(points: Fraction) -> str:
    if points.denominator == 1:
        return str(points.numerator)
    return f"{float(points):.1f}"


def pct(share: Fraction) -> int:
    return round(float(share) * 100)


@dataclass
class Row:
    option: VoteOption
    result: counting.OptionResult
    points: str
    share: int
    mean: str = ""
    sides: dict[str, dict[str, Any]] = field(default_factory=dict)
    difference: int | None = None  # percentage points, lived minus professional


def _rows(tally: counting.Tally, options: dict[int, VoteOption], method: str) -> list[Row]:
    rows = []
    for r in tally.results:
        mean = ""
        if method == counting.SCORE and tally.ballots:
            mean = f"{float(r.points) / tally.ballots:.1f}"
        rows.append(Row(options[r.option], r, fmt_points(r.points), pct(r.share), mean))
    return rows


def vote_results(
    vote: Vote,
    options: list[VoteOption] | None = None,
    ballots: list[tuple[str, dict[int, int]]] | None = None,
) -> dict[str, Any]:
    """The vote's results, combined and by side, with where the sides agree, differ most and
    their common ground. By-side results of a secret vote are withheld when a side has fewer
    than five ballots (with so few, people could work out how someone voted). ``options``
    and ``ballots``: the vote's, when already read for several votes (``results_of_votes``)."""
    if options is None:
        options = list(vote.options.select_related("contribution__journey", "tag"))
    by_pk = {o.pk: o for o in options}
    ids = [o.pk for o in options]
    if ballots is None:
        ballots = vote_ballots(vote)
    combined = counting.count(vote.method, ids, [m for _, m in ballots])
    n_side = {s: sum(1 for side, _ in ballots if side == s) for s in SIDES}
    out: dict[str, Any] = {
        "ballots": len(ballots),
        "by_side_counts": n_side,
        "rows": _rows(combined, by_pk, vote.method),
        "tally": combined,
        "irv": None,
        "sides": None,
        "sides_withheld": "",
        "min_group": min_group(),
    }
    if combined.irv is not None and combined.irv.rounds:
        irv = combined.irv
        out["irv"] = {
            "winners": [by_pk[o] for o in irv.winners],
            "tied": irv.tied,
            "majority": irv.majority,
            "exhausted": irv.exhausted,
            "rounds": [
                {
                    "number": i,
                    "counts": [
                        (by_pk[o], n) for o, n in sorted(r.counts.items(), key=lambda kv: -kv[1])
                    ],
                    "continuing": r.continuing,
                    "exhausted": r.exhausted,
                    "eliminated": [by_pk[o] for o in r.eliminated],
                }
                for i, r in enumerate(irv.rounds, start=1)
            ],
        }
    if vote.secret and any(is_small(n_side[s]) for s in SIDES):
        out["sides_withheld"] = _(
            "Results by side are not shown because a side has fewer than %(n)s ballots: "
            "in a secret vote, with so few, people could work out how someone voted."
        ) % {"n": min_group()}
        return out
    if not all(n_side[s] for s in SIDES):
        out["sides_withheld"] = _("Results by side need ballots from both sides.")
        return out
    tallies = {
        s: counting.count(vote.method, ids, [m for side, m in ballots if side == s]) for s in SIDES
    }
    cmp = counting.compare(ids, tallies[SIDES[0]], tallies[SIDES[1]], sides=SIDES)
    side_results = {s: tallies[s].by_option() for s in SIDES}
    diffs = {r.option: r.difference for r in cmp.rows}
    for row in out["rows"]:
        pk = row.option.pk
        row.sides = {
            s: {
                "rank": side_results[s][pk].rank,
                "share": pct(side_results[s][pk].share),
                "points": fmt_points(side_results[s][pk].points),
                "value": side_results[s][pk].points,
                "fraction": side_results[s][pk].share,
            }
            for s in SIDES
        }
        row.difference = round(float(diffs[pk]) * 100)
    row_by = {row.option.pk: row for row in out["rows"]}
    out["sides"] = {
        "labels": {s: pvocab.SIDES.label(s) for s in SIDES},
        "top_size": cmp.top_size,
        "common_ground": [row_by[o] for o in cmp.common_ground],
        "differ_most": [row_by[o] for o in cmp.differ_most],
        "agree": [row_by[o] for o in cmp.agree],
        "rank_agreement": cmp.rank_agreement,
        "tops": {
            s: [
                row_by[r.option]
                for r in tallies[s].results
                if r.rank <= cmp.top_size and r.points > 0
            ]
            for s in SIDES
        },
    }
    return out


def results_of_votes(votes: list[Vote]) -> dict[int, dict[str, Any]]:
    """``vote_results`` of each vote, by vote id: the votes' options read in one statement and
    their ballots in at most two (the receipts of open votes, the papers of secret ones),
    instead of two statements for each vote. Each vote's options and ballots are the ones
    (and in the order) that ``vote_results`` alone reads."""
    by_id = {v.pk: v for v in votes}
    options: dict[int, list[VoteOption]] = defaultdict(list)
    for option in VoteOption.objects.filter(vote_id__in=by_id).select_related(
        "contribution__journey", "tag"
    ):
        option.vote = by_id[option.vote_id]  # as ``vote.options`` sets it
        options[option.vote_id].append(option)
    ballots: dict[int, list[tuple[str, dict[int, int]]]] = defaultdict(list)
    open_ids = [v.pk for v in votes if not v.secret]
    secret_ids = [v.pk for v in votes if v.secret]
    rows: list[tuple[int, str, Any]] = []
    if open_ids:
        rows += BallotReceipt.objects.filter(vote_id__in=open_ids).values_list(
            "vote_id", "side", "marks"
        )
    if secret_ids:
        rows += BallotPaper.objects.filter(vote_id__in=secret_ids).values_list(
            "vote_id", "side", "marks"
        )
    for vote_id, side, marks in rows:
        ballots[vote_id].append((side, _marks(marks)))
    return {v.pk: vote_results(v, options[v.pk], ballots[v.pk]) for v in votes}


def vote_trail(vote: Vote) -> list[AuditEntry]:
    """What happened to the vote: prepared, opened, each ballot cast or entered (never its
    choices), closed."""
    return list(
        AuditEntry.objects.filter(
            journey_id=vote.journey_id, object_type=_("Vote"), object_id=vote.pk
        )
        .select_related("actor", "on_behalf_of")
        .order_by("at", "id")
    )


def option_rank(vote: Vote, option: VoteOption) -> dict[str, Any] | None:
    results = vote_results(vote)
    for row in results["rows"]:
        if row.option.pk == option.pk:
            return {"rank": row.result.rank, "of": len(results["rows"]), "points": row.points}
    return None


# --- co-design groups and the path of an item -------------------------------------------------


def group_list(journey: Journey) -> list[CoDesignGroup]:
    return list(
        CoDesignGroup.objects.filter(journey=journey)
        .select_related("journey", "item__journey")
        .annotate(
            n_members=Count("members", distinct=True),
            n_actions=Count("actions", distinct=True),
            n_done=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
            n_gatherings=Count("gatherings", distinct=True),
        )
        .order_by("closed_on", "-formed_on", "-id")
    )


def item_votes(contribution: Any) -> list[dict[str, Any]]:
    """The finished votes this contribution was an item in, with its place in each."""
    out = []
    options = (
        VoteOption.objects.filter(contribution=contribution)
        .filter(vote__in=Vote.objects.filter(over_q()))
        .select_related("vote")
    )
    for option in options:
        rank = option_rank(option.vote, option)
        if rank is not None:
            out.append({"vote": option.vote, "option": option, **rank})
    return out


def vote_places_for_journey(journey_id: int) -> dict[int, list[dict[str, Any]]]:
    """Contribution pk -> its place in each finished vote of the journey (oldest vote first)."""
    out: dict[int, list[dict[str, Any]]] = {}
    votes = list(
        Vote.objects.filter(over_q(), journey_id=journey_id)
        .select_related("journey", "gathering")
        .order_by("id")
    )
    all_results = results_of_votes(votes)
    for vote in votes:
        results = all_results[vote.pk]
        n = len(results["rows"])
        for row in results["rows"]:
            if row.option.contribution_id:
                out.setdefault(row.option.contribution_id, []).append(
                    {"vote": vote, "rank": row.result.rank, "of": n, "points": row.points}
                )
    return out


def item_path(contribution: Any) -> dict[str, Any]:
    """ "You said, we did" as a path: raised, voted on (its place), the groups that worked on
    it (their gatherings and actions), the decisions that answer it, and its fate."""
    groups = list(
        contribution.codesign_groups.prefetch_related("gatherings", "actions__who", "members")
    )
    return {
        "contribution": contribution,
        "votes": item_votes(contribution),
        "groups": groups,
        "decisions": list(contribution.decisions.order_by("decided_on", "id")),
    }


def decision_figures(qs: QuerySet[Decision]) -> dict[str, Any]:
    """Counts behind the decision log's summary (and the dashboard)."""
    agg = qs.aggregate(
        total=Count("id"),
        inside=Count("id", filter=Q(taken_by__in=vocab.INSIDE_TAKERS)),
        sharing=Count("id", filter=Q(rung__in=vocab.POWER_SHARING_RUNGS)),
        proposer_known=Count("id", filter=~Q(proposer_side="")),
        proposed_lived=Count("id", filter=Q(proposer_side=pvocab.LIVED)),
    )
    by_rung = dict(qs.values_list("rung").annotate(n=Count("id")).values_list("rung", "n"))
    agg["by_rung"] = [(t, by_rung.get(t.code, 0)) for t in vocab.RUNGS]
    return agg
