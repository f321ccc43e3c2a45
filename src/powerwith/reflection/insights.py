"""The reflection section of the power dashboard and of ``powerwith insights --json``.

Rounds opened in the period with their answers by side, the statements where the two sides
diverge most (difference of mean agreement on the 1-5 scale, see ``figures.py``), counted
reflections on lived experience at work, and end-of-phase reviews. Anonymous rounds count only
once closed with at least 5 answers; every group under 5 is ``null``. docs/insights.md
("## reflection") documents every key.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.common.privacy import is_small, min_group
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from . import selectors, vocab
from .figures import rank_by_divergence
from .models import BankItem, Ending, NamedAnswer, NamedAnswerSet, Round

KEY = "reflection"
TITLE = gettext_noop("Reflection: how each side sees it")  # translated where shown
TEMPLATE = "reflection/_insights.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
CHAUHAN = "Chauhan, Croft & Spyridonidis 2022"
TOP = 3  # diverging statements listed per round
LAST_ROUND = "reflection.last_round_opened_on"  # in ``shared.memo``: compute's, for warnings

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "sides_disagree": {"min_divergence": 1.0},
    "reflection_overdue": {"days": 180},
    "lived_roles_pushed_aside": {"share": 0.3, "min_counted": 5},
}

# How each figure a warning sign looked at is shown to people (insights/labels.py formats it).
# The round's id and the statement's code are for tools; the explanation names them in words.
EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "sides_disagree": {
        "round": Shown(gettext_lazy("Round"), "skip"),
        "question": Shown(gettext_lazy("Statement"), "skip"),
        "divergence": Shown(
            gettext_lazy("Gap between the sides' average agreement (1 to 5)"), "ratio"
        ),
        "lived_mean": Shown(gettext_lazy("Average agreement, lived experience"), "scale"),
        "professional_mean": Shown(gettext_lazy("Average agreement, professionals"), "scale"),
    },
    "reflection_overdue": {
        "last_round_opened_on": Shown(gettext_lazy("Last round opened"), "date"),
        "days_since": Shown(gettext_lazy("Time since then"), "days"),
        "last_in_period": Shown(gettext_lazy("Last round opened in this period"), "date"),
    },
    "lived_roles_pushed_aside": {
        "counted": Shown(gettext_lazy("Reflections counted"), "small"),
        "tokenistic_share": Shown(gettext_lazy("Share saying they are pushed aside"), "share"),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "sides_disagree": {
        "min_divergence": ThresholdInfo(
            gettext_lazy("Difference between the sides' average agreement"),
            "ratio",
            gettext_lazy("On the 1 to 5 scale: 1 is a whole step, such as agree against neither."),
            minimum=0.1,
            maximum=4,
        )
    },
    "reflection_overdue": {
        "days": ThresholdInfo(
            gettext_lazy("Days without a reflection round"),
            "days",
            gettext_lazy("Warn after this many days."),
            minimum=1,
        )
    },
    "lived_roles_pushed_aside": {
        "share": ThresholdInfo(
            gettext_lazy("Share of counted reflections suggesting people are pushed aside"),
            "share",
            gettext_lazy("Warn at this share or more."),
            maximum=1,
        ),
        "min_counted": ThresholdInfo(
            gettext_lazy("Fewest counted reflections before warning"),
            "count",
            gettext_lazy("Never below 5, so no one can be picked out."),
            minimum=5,
        ),
    },
}

WARNING_TITLES = {
    "sides_disagree": gettext_lazy("The two sides see things very differently"),
    "reflection_overdue": gettext_lazy("The group has not reflected together for a long time"),
    "lived_roles_pushed_aside": gettext_lazy("Peer workers feel pushed aside"),
}


def _round_json(
    rnd: Round,
    counts: dict[tuple[str, str], int],
    statements: list[selectors.Statement] | None,
) -> dict[str, Any]:
    n = sum(counts.values())
    hidden = selectors.results_hidden_reason(rnd, n)
    by_side: dict[str, int | None] = {}
    for side in selectors.SIDE_ORDER:
        k = sum(v for (s, _r), v in counts.items() if s == side)
        by_side[side] = None if is_small(k) else k
    diverging = []
    if statements is not None and not hidden:
        for s in [s for s in rank_by_divergence(statements) if s.divergence][:TOP]:
            diverging.append(
                {
                    "question": s.question.key,
                    "question_version": s.question.version,
                    "text": s.question.text,
                    "lived_mean": s.sides[0].mean,
                    "professional_mean": s.sides[1].mean,
                    "gap": s.gap,
                    "divergence": s.divergence,
                    "higher": s.higher,
                }
            )
    return {
        "id": rnd.pk,
        "title": rnd.title,
        "bank": rnd.bank.key,
        "bank_version": rnd.bank.version,
        "bank_kind": rnd.bank.kind,
        "anonymous": rnd.anonymous,
        "stage": rnd.stage,
        "opens_on": rnd.opens_on.isoformat(),
        "closed_on": rnd.closed_on.isoformat() if rnd.closed_on else None,
        "answers": n,
        "by_side": by_side,
        "results_shown": not hidden,
        "statements": len(statements or []),
        "diverging": diverging,
    }


def _lived_roles(journey: Journey, period: Period) -> dict[str, Any]:
    """Consented reflections in the period: each person's latest, by what it suggests."""
    sets = (
        NamedAnswerSet.objects.filter(
            period.q("answered_on"),
            round__journey=journey,
            round__bank__kind=vocab.LIVED_ROLES,
            consent__in=selectors.COUNTABLE,
        )
        .order_by("person_id", "-answered_on", "-id")
        .prefetch_related(
            Prefetch("answers", queryset=NamedAnswer.objects.select_related("question"))
        )
    )
    latest: dict[int, Any] = {}
    for s in sets:
        latest.setdefault(s.person_id, s)
    tallies = dict.fromkeys(vocab.PROCESSES.codes, 0)
    counted = 0
    for s in latest.values():
        suggestion = selectors.suggestion_for(s.answers.all())
        if suggestion is not None:
            counted += 1
            tallies[suggestion.process] += 1
    shown = counted >= min_group()
    return {
        "title": _("Lived experience at work, counted without names"),
        "n": counted if shown else None,
        "people": counted if shown else None,
        "by_process": {c: (tallies[c] if shown else None) for c in vocab.PROCESSES.codes},
        "tokenistic_share": round(tallies[vocab.TOKENISTIC] / counted, 3) if shown else None,
        "explanation": _(
            "Each peer worker's latest reflection on how their voice, experience and "
            "identity are treated, counted only when they agreed to be counted, and only when at "
            "least 5 are counted."
        ),
        "based_on": CHAUHAN,
    }


def compute(journey: Journey, period: Period, *, shared: Any = None) -> dict[str, Any]:
    # Every round of the journey (a handful), newest first: the period's are counted, and the
    # newest of all is what ``warnings`` needs to tell whether a round is overdue.
    every_round = list(
        Round.objects.filter(journey=journey).select_related("bank").order_by("-opens_on", "-id")
    )
    if shared is not None:
        shared.memo[LAST_ROUND] = every_round[0].opens_on if every_round else None
    rounds = [r for r in every_round if period.contains(r.opens_on)]
    counts = selectors.set_counts(rounds)
    shown = [r for r in rounds if selectors.results_visible(r, sum(counts[r.pk].values()))]
    rows = selectors.rating_rows(shown)
    rows_by_round: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        rows_by_round[row["answer_set__round_id"]].append(row)
    questions_by_bank: dict[int, list[Any]] = defaultdict(list)
    for item in (
        BankItem.objects.filter(bank__in={r.bank_id for r in shown})
        .select_related("question")
        .order_by("bank_id", "position")
    ):
        questions_by_bank[item.bank_id].append(item.question)
    by_round = []
    for r in rounds:
        statements = (
            selectors.statements_for(r, questions_by_bank[r.bank_id], rows_by_round[r.pk])
            if r in shown
            else None
        )
        by_round.append(_round_json(r, counts[r.pk], statements))
    latest = next((x for x in by_round if x["results_shown"] and x["diverging"]), None)
    # The period's endings with their views and realist notes, counted in one read (distinct
    # counts, so that joining both to the endings counts nothing twice).
    endings = Ending.objects.filter(period.q("held_on"), journey=journey).aggregate(
        n=Count("id", distinct=True),
        views=Count("stakeholder_views", distinct=True),
        notes=Count("realist_notes", distinct=True),
    )
    return {
        "rounds": {
            "title": _("Reflection rounds"),
            "n": len(rounds),
            "open": sum(1 for r in rounds if r.is_open),
            "anonymous": sum(1 for r in rounds if r.anonymous),
            "answers": sum(x["answers"] for x in by_round),
            "results_shown": len(shown),
            "last_opened_on": rounds[0].opens_on.isoformat() if rounds else None,
            "explanation": _(
                "Rounds of questions about how power works in the group, opened in "
                "this period. An anonymous round counts here only once it is closed with at least 5 "
                "answers."
            ),
            "based_on": f"{FARR}; {TOOLKIT}",
        },
        "by_round": by_round,
        "divergence": {
            "title": _("Where the two sides see things differently"),
            "round": latest["id"] if latest else None,
            "round_title": latest["title"] if latest else None,
            "largest": latest["diverging"][0] if latest else None,
            "explanation": _(
                "In the most recent round with results, the statements where people "
                "with lived experience and professionals differ most: the gap between their average "
                "agreement on a scale from 1 (strongly disagree) to 5 (strongly agree)."
            ),
            "based_on": FARR,
        },
        "lived_roles": _lived_roles(journey, period),
        "endings": {
            "title": _("End-of-phase reviews"),
            "n": endings["n"],
            "views": endings["views"],
            "realist_notes": endings["notes"],
            "explanation": _(
                "Reviews at the end of a phase, the stakeholders' views in them, and "
                "notes on what worked, for whom and why (context, mechanism, outcome)."
            ),
            "based_on": _(
                "%(toolkit)s, activity 10; %(farr)s (realist evaluation: what worked, for whom and why)"
            )
            % {"toolkit": TOOLKIT, "farr": FARR},
        },
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Any = None,
) -> list[WarningSign]:
    """Reflection warning signs, fired or not, against ``thresholds``."""

    out: list[WarningSign] = []

    th = thresholds["sides_disagree"]
    limit = float(th["min_divergence"])
    d = data["divergence"]
    top = d["largest"]
    fired = top is not None and float(top["divergence"]) >= limit
    if top is not None:
        more = (
            _("professionals agree more")
            if top["higher"] == people_vocab.PROFESSIONAL
            else _("people with lived experience agree more")
        )
        said = _(
            "In “%(round)s”, the sides disagree most about “%(text)s”: "
            "average agreement %(professional).2f among professionals and "
            "%(lived).2f among people with lived experience (%(more)s)."
        ) % {
            "round": d["round_title"],
            "text": top["text"],
            "professional": top["professional_mean"],
            "lived": top["lived_mean"],
            "more": more,
        }
    else:
        said = _("No round in this period has results from both sides to compare yet.")
    out.append(
        WarningSign(
            code="sides_disagree",
            title=str(WARNING_TITLES["sides_disagree"]),
            fired=fired,
            explanation=said
            + ("" if fired or top is None else " " + _("The gap is below the warning level.")),
            research=_(
                "Staff and people who use services often experience the same process very "
                "differently: professionals may believe everyone can speak freely while people "
                "using the service do not. A gap like this is worth talking about openly."
            ),
            question=_(
                "Why might the two sides see this so differently? What would help the "
                "side that agrees less?"
            ),
            based_on=FARR,
            evidence={
                "round": d["round"],
                "question": top["question"] if top else None,
                "divergence": top["divergence"] if top else None,
                "lived_mean": top["lived_mean"] if top else None,
                "professional_mean": top["professional_mean"] if top else None,
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["reflection_overdue"]
    days = int(th["days"])
    today = timezone.localdate()
    last = data["rounds"]["last_opened_on"]
    # The newest round of all, as ``compute`` read it; read here only when called alone.
    if shared is not None and LAST_ROUND in shared.memo:
        last_any = shared.memo[LAST_ROUND]
    else:
        last_any = (
            Round.objects.filter(journey=journey)
            .order_by("-opens_on")
            .values_list("opens_on", flat=True)
            .first()
        )
    since = (today - last_any).days if last_any else None
    running = (today - journey.started_on).days if journey.started_on else 0
    overdue = journey.ended_on is None and running > days and (since is None or since > days)
    out.append(
        WarningSign(
            code="reflection_overdue",
            title=str(WARNING_TITLES["reflection_overdue"]),
            fired=overdue,
            explanation=(
                _("The group has never opened a reflection round.")
                if last_any is None
                else ngettext(
                    "The last reflection round opened %(n)d day ago, on %(day)s.",
                    "The last reflection round opened %(n)d days ago, on %(day)s.",
                    since or 0,
                )
                % {"n": since, "day": date_format(last_any, "d F Y")}
            ),
            research=_(
                "Power shifts as a journey goes on. The research asks groups to reflect "
                "constantly and honestly on how power is working, not once at the start."
            ),
            question=_("When shall we next stop and ask ourselves how power is working here?"),
            based_on=f"{FARR}; {TOOLKIT}",
            evidence={
                "last_round_opened_on": last_any.isoformat() if last_any else None,
                "days_since": since,
                "last_in_period": last,
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["lived_roles_pushed_aside"]
    lr = data["lived_roles"]
    counted = lr["people"] or 0
    share = lr["tokenistic_share"]
    floor = max(int(th["min_counted"]), min_group())
    pushed = counted >= floor and share is not None and share >= float(th["share"])
    out.append(
        WarningSign(
            code="lived_roles_pushed_aside",
            title=str(WARNING_TITLES["lived_roles_pushed_aside"]),
            fired=pushed,
            explanation=(
                ngettext(
                    "Of %(n)d peer workers who agreed to be counted, "
                    "%(pushed)d describe their voice, experience or identity as pushed aside.",
                    "Of %(n)d peer workers who agreed to be counted, "
                    "%(pushed)d describe their voice, experience or identity as pushed aside.",
                    counted,
                )
                % {"n": counted, "pushed": lr["by_process"][vocab.TOKENISTIC]}
                if counted
                else _("Too few peer workers agreed to be counted to say anything.")
            ),
            research=_(
                "People employed for their lived experience can find it set aside or used "
                "against them, or be treated as patients rather than colleagues. Co-production "
                "then becomes tokenistic. It is about how roles are set up and supported, not about "
                "the people in them."
            ),
            question=_(
                "How are peer workers supported, and who decides when and where their "
                "experience counts?"
            ),
            based_on=CHAUHAN,
            evidence={"counted": lr["people"], "tokenistic_share": share},
            thresholds=dict(th),
        )
    )
    return out


__all__ = ["DEFAULT_THRESHOLDS", "KEY", "TEMPLATE", "TITLE", "compute", "warnings"]
