"""The "common ground" section of the power dashboard and of ``powerwith insights --json``:
statement rounds opened in the period, who wrote their statements, who voted, and, for the
latest rounds, what the round's own analysis found (where both sides agree, where they split
most, the opinion groups). docs/insights.md ("## commonground") documents every key.

The groups and side comparisons are the results page's own (``selectors.cached_analysis``,
shown through ``present.side_rows``), never worked out a second way; a group or side under 5
is hidden here exactly as it is there.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from powerwith.common.privacy import suppress
from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from . import present, selectors, services
from .models import ACCEPTED, Response, Statement, StatementRound

KEY = "commonground"
TITLE = gettext_noop("Common ground")  # translated where shown
TEMPLATE = "commonground/_dashboard.html"

LIVED, PROF = people_vocab.LIVED, people_vocab.PROFESSIONAL
AUTHORS = (LIVED, PROF, "unknown", "facilitator", "imported")
LATEST = 3  # rounds shown in detail (the newest in the period): a fixed number of reads
TOP = 3  # statements listed where the sides agree most and split most

POLIS = "Small et al. 2021"
FARR = "Farr 2018"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "statements_mostly_facilitators": {"share": 0.75, "min_statements": 8},
    "lived_statements_fewer_votes": {"ratio": 0.5, "min_statements": 3},
}

WARNING_TITLES = {
    "statements_mostly_facilitators": gettext_lazy("Facilitators wrote most of the statements"),
    "lived_statements_fewer_votes": gettext_lazy(
        "Statements by people with lived experience get fewer votes"
    ),
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "statements_mostly_facilitators": {
        "share": ThresholdInfo(
            gettext_lazy("Share of statements typed by facilitators"),
            "share",
            gettext_lazy("Warn when more than this share of the statements are theirs."),
        ),
        "min_statements": ThresholdInfo(
            gettext_lazy("Fewest statements"),
            "count",
            gettext_lazy("Say nothing with fewer statements than this."),
            minimum=1,
        ),
    },
    "lived_statements_fewer_votes": {
        "ratio": ThresholdInfo(
            gettext_lazy("Votes per statement, lived experience against the rest"),
            "ratio",
            gettext_lazy(
                "Warn when their statements get fewer than this many votes for each one the others get."
            ),
            maximum=1,
        ),
        "min_statements": ThresholdInfo(
            gettext_lazy("Fewest statements by people with lived experience"),
            "count",
            gettext_lazy("Say nothing with fewer of their statements than this."),
            minimum=1,
        ),
    },
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "statements_mostly_facilitators": {
        "facilitator": Shown(gettext_lazy("Statements typed by facilitators")),
        "statements": Shown(gettext_lazy("Statements")),
        "share": Shown(gettext_lazy("Share typed by facilitators"), "share"),
    },
    "lived_statements_fewer_votes": {
        "lived": Shown(gettext_lazy("Votes per statement by people with lived experience")),
        "others": Shown(gettext_lazy("Votes per statement by everyone else")),
        "lived_statements": Shown(gettext_lazy("Statements by people with lived experience")),
    },
}


def _author(row: dict[str, Any]) -> str:
    """Whose words a statement is (docs/insights.md, "commonground")."""
    if row["author_id"] is not None:
        return row["author__side"] or "unknown"
    if row["contribution_id"] is not None:
        return row["contribution__raiser_side"] or "unknown"
    return "imported" if row["round__source"] else "facilitator"


def _share(n: int, of: int) -> float | None:
    return round(n / of, 3) if of else None


def _per(n: int, of: int) -> float | None:
    return round(n / of, 1) if of else None


def _latest(
    rnd: StatementRound, result: dict[str, Any], names: dict[str, Statement]
) -> dict[str, Any]:
    """One round as its results page shows it: the analysis it keeps (``result``), suppressed
    the same way; ``names``: its statements by the analysis's name for them."""
    rows = present.side_rows(result)
    sides = result["by_side"]["sides"]
    both = not any(s["suppressed"] for s in sides.values())

    def listed(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for r in items[:TOP]:
            s = names.get(r["statement"])
            cells = rows.get(r["statement"], {})
            out.append(
                {
                    "text": s.text if s is not None else r["statement"],
                    "lived": cells.get(LIVED),
                    "professional": cells.get(PROF),
                }
            )
        return out

    return {
        "id": rnd.pk,
        "question": rnd.question,
        "opened_on": timezone.localdate(rnd.created_at).isoformat(),
        "taking_responses": services.accepting(rnd),
        "participants": result["n_participants"],
        "grouped": result["n_clustered"],
        "groups": [
            {
                "name": present.group_name(g["id"]),
                "size": None if g["suppressed"] else g["size"],
                "suppressed": g["suppressed"],
            }
            for g in result["groups"]
        ],
        "sides_shown": both,
        "agree_most": listed(result["by_side"]["agree_most"]) if both else [],
        "differ_most": listed([r for r in result["by_side"]["differ_most"] if abs(r["gap"]) > 0])
        if both
        else [],
    }


def _latests(rounds: list[StatementRound]) -> list[dict[str, Any]]:
    """``_latest`` of each round, their analyses and statements read together."""
    results = selectors.cached_analyses(rounds)
    names = selectors.statement_names_of(rounds) if rounds else {}
    return [_latest(r, res, names[r.pk]) for r, res in zip(rounds, results, strict=True)]


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """Rounds opened in the period, with every vote on them so far (a fixed number of reads:
    the totals in three queries, then the newest ``LATEST`` rounds' kept analyses)."""
    rounds = StatementRound.objects.filter(period.q("created_at__date"), journey=journey)
    all_rounds = list(rounds.order_by("-created_at", "-pk"))
    # With no round in the period there are no statements, votes or voters to read.
    statements = (
        list(
            Statement.objects.filter(round__in=rounds, moderation=ACCEPTED)
            .values(
                "pk",
                "author_id",
                "author__side",
                "contribution_id",
                "contribution__raiser_side",
                "round__source",
            )
            .annotate(votes=Count("responses"))
        )
        if all_rounds
        else []
    )
    by_author = dict.fromkeys(AUTHORS, 0)
    votes_by_author = dict.fromkeys(AUTHORS, 0)
    for row in statements:
        who = _author(row)
        by_author[who] += 1
        votes_by_author[who] += row["votes"]
    # Votes and voters by side from one read of the votes: a participant votes only on the
    # statements of their own round (``services.response_record``), so those who voted on the
    # period's statements are the period's participants who voted.
    by_side = (
        Response.objects.filter(statement__round__in=rounds, statement__moderation=ACCEPTED)
        .values("participant__side")
        .annotate(votes=Count("pk"), voters=Count("participant", distinct=True))
        .order_by()
        if all_rounds
        else []
    )
    votes_side = {r["participant__side"]: r["votes"] for r in by_side}
    voters_side = {r["participant__side"]: r["voters"] for r in by_side}
    voters = {s: voters_side.get(s, 0) for s in (LIVED, PROF)}
    voters["unknown"] = sum(n for s, n in voters_side.items() if s not in (LIVED, PROF))
    votes = {s: votes_side.get(s, 0) for s in (LIVED, PROF)}
    votes["unknown"] = sum(n for s, n in votes_side.items() if s not in (LIVED, PROF))
    n_statements = len(statements)
    return {
        "rounds": len(all_rounds),
        "taking_responses": sum(1 for r in all_rounds if services.accepting(r)),
        "statements": n_statements,
        "statements_by_author": by_author,
        "lived_share": _share(by_author[LIVED], n_statements),
        "facilitator_share": _share(by_author["facilitator"], n_statements),
        "votes_by_author": votes_by_author,
        "votes_per_statement_by_author": {
            who: _per(votes_by_author[who], by_author[who]) for who in AUTHORS
        },
        "votes": sum(votes.values()),
        "votes_by_side": {
            LIVED: suppress(votes[LIVED], voters[LIVED]),
            PROF: suppress(votes[PROF], voters[PROF]),
            "unknown": votes["unknown"],
        },
        "voters": sum(voters.values()),
        "voters_by_side": {
            LIVED: suppress(voters[LIVED], voters[LIVED]),
            PROF: suppress(voters[PROF], voters[PROF]),
            "unknown": voters["unknown"],
        },
        "latest": _latests(all_rounds[:LATEST]),
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Who set the agenda of the rounds, and whether lived experience's statements are heard."""

    out: list[WarningSign] = []
    th = thresholds["statements_mostly_facilitators"]
    n, seeds = data["statements"], data["statements_by_author"]["facilitator"]
    share = data["facilitator_share"]
    fired = n >= int(th["min_statements"]) and share is not None and share > float(th["share"])
    out.append(
        WarningSign(
            code="statements_mostly_facilitators",
            title=str(WARNING_TITLES["statements_mostly_facilitators"]),
            fired=fired,
            explanation=(
                _(
                    "Facilitators typed %(seeds)s of the %(n)s statements people responded to. "
                    "People could only agree or disagree with their words."
                )
                % {"seeds": seeds, "n": n}
                if fired
                else _("Facilitators typed %(seeds)s of the %(n)s statements.")
                % {"seeds": seeds, "n": n}
            ),
            research=_(
                "Whoever writes the statements frames the question. Pol.is works best when "
                "participants add their own statements; starting from what people raised, in "
                "their own words, keeps the framing theirs."
            ),
            question=_(
                "Could people add their own statements, and could more start from what people raised?"
            ),
            based_on=_("%(polis)s (Pol.is); %(farr)s (who sets the agenda)")
            % {"polis": POLIS, "farr": FARR},
            evidence={"facilitator": seeds, "statements": n, "share": share},
            thresholds=dict(th),
        )
    )

    th = thresholds["lived_statements_fewer_votes"]
    by_author, votes_by = data["statements_by_author"], data["votes_by_author"]
    n_lived = by_author[LIVED]
    others_per = _per(
        sum(votes_by[w] for w in AUTHORS if w != LIVED),
        sum(by_author[w] for w in AUTHORS if w != LIVED),
    )
    lived_per = data["votes_per_statement_by_author"][LIVED]
    fired = (
        n_lived >= int(th["min_statements"])
        and lived_per is not None
        and others_per is not None
        and others_per > 0
        and lived_per < float(th["ratio"]) * others_per
    )
    out.append(
        WarningSign(
            code="lived_statements_fewer_votes",
            title=str(WARNING_TITLES["lived_statements_fewer_votes"]),
            fired=fired,
            explanation=(
                _(
                    "Statements by people with lived experience got %(lived)s votes each on "
                    "average; everyone else's got %(others)s."
                )
                % {"lived": lived_per, "others": others_per}
                if lived_per is not None and others_per is not None
                else _("No statement by someone with lived experience to compare yet.")
            ),
            research=_(
                "Statements added late, or shown to fewer people, collect fewer votes, so they "
                "count for less in the groups and the common ground. When they are the words of "
                "people with lived experience, their view is quietly underweighted."
            ),
            question=_(
                "Were their statements added late, or held back while waiting to be checked? "
                "Could the round stay open longer?"
            ),
            based_on=_("%(polis)s (Pol.is); %(farr)s (whose voice counts)")
            % {"polis": POLIS, "farr": FARR},
            evidence={"lived": lived_per, "others": others_per, "lived_statements": n_lived},
            thresholds=dict(th),
        )
    )
    return out
