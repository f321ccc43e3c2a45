"""What each part of the demo looks like, compared before and after loading it a second time.

Loading the demo over itself must give the same demo. Each app's demo test used to reload the
whole demo to check its own part, which cost a full load each (a dozen a run, per database).
Now `tests/demo/test_loader.py::test_loading_twice_gives_the_same_demo` reloads it once and
compares every fingerprint here; the apps' demo tests check their part of the demo as loaded.
A new app with demo data adds its fingerprint to FINGERPRINTS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from powerwith.care.models import CareFlag
from powerwith.commonground.models import Response, StatementRound
from powerwith.commonground.selectors import round_analysis
from powerwith.decisions.models import (
    BallotPaper,
    BallotReceipt,
    CoDesignGroup,
    Decision,
    GroupAction,
    VoteOption,
)
from powerwith.gatherings import insights as gatherings_insights
from powerwith.groundrules.models import GroundRule, Word, Wording
from powerwith.inclusion.models import Task
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.leaving.models import Handover, StopAsk
from powerwith.outreach.models import JointActivity, LinkedGroup, Stakeholder, StakeholderStep
from powerwith.plans.models import Stage, StageGathering
from powerwith.reflection import selectors as reflection_selectors
from powerwith.reflection.models import Round
from powerwith.reports.models import BoardReport
from powerwith.stories.models import Consent, Film, FilmClip, Remark, Story, StoryFile
from powerwith.training import selectors as training_selectors
from powerwith.trials.models import Trial


def without_ids(value: Any) -> Any:
    """A document with every database id left out (a reload makes new rows)."""
    if isinstance(value, dict):
        return {
            k: without_ids(v)
            for k, v in value.items()
            if k not in ("id", "generated_at", "round", "before_round_id", "after_round_id")
            and not k.endswith("_id")
        }
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def _journeys() -> Any:
    return Journey.objects.order_by("slug")


def insights_documents() -> dict[str, Any]:
    """Every figure of every section of every journey."""
    return {j.slug: without_ids(insights_for(j, Period())) for j in _journeys()}


def gatherings_figures() -> dict[str, Any]:
    return {j.slug: gatherings_insights.compute(j, Period()) for j in _journeys()}


def training_figures() -> dict[str, Any]:
    return {
        j.slug: without_ids(training_selectors.journey_figures(j, Period())) for j in _journeys()
    }


def _labelled(marks: dict[str, int] | None) -> str:
    labels = dict(VoteOption.objects.values_list("pk", "label"))
    return str(sorted((labels[int(k)], v) for k, v in (marks or {}).items()))


def decisions_state() -> list[Any]:
    return [
        sorted(
            Decision.objects.values_list("journey__slug", "text", "rung", "taken_by", "decided_on")
        ),
        sorted(
            (r.vote.title, r.person.name, _labelled(r.marks), r.side)
            for r in BallotReceipt.objects.select_related("vote", "person")
        ),
        sorted(
            (p.vote.title, p.side, _labelled(p.marks))
            for p in BallotPaper.objects.select_related("vote")
        ),
        sorted(CoDesignGroup.objects.values_list("name", "formed_on", "closed_on")),
        sorted(GroupAction.objects.values_list("group__name", "what", "done_on")),
    ]


def statement_rounds() -> list[tuple[Any, ...]]:
    out = []
    for rnd in StatementRound.objects.order_by("journey__slug"):
        result = round_analysis(rnd)
        out.append(
            (
                rnd.journey.slug,
                rnd.question,
                result["n_participants"],
                [(g["size"], g["suppressed"]) for g in result["groups"]],
                [c["score"] for c in result["consensus"]],
                [s["suppressed"] for s in result["by_side"]["sides"].values()],
                sorted(
                    Response.objects.filter(statement__round=rnd).values_list("vote", flat=True)
                ),
            )
        )
    return out


def reflection_rounds() -> list[tuple[Any, ...]]:
    out = []
    for r in Round.objects.order_by("journey__slug", "opens_on", "title"):
        res = reflection_selectors.round_results(r)
        out.append(
            (
                r.journey.slug,
                r.title,
                r.anonymous,
                res.sets,
                [(s.question.key, s.divergence) for s in res.ranked[:3]],
            )
        )
    return out


def outreach() -> tuple[list[Any], ...]:
    return (
        sorted(
            Stakeholder.objects.values_list(
                "journey__slug", "name", "status", "status_on", "person__name", "approacher__name"
            )
        ),
        sorted(StakeholderStep.objects.values_list("stakeholder__name", "status", "on")),
        sorted(LinkedGroup.objects.values_list("journey__slug", "name", "since", "ended_on")),
        sorted(JointActivity.objects.values_list("group__name", "on", "what")),
    )


def leaving() -> list[Any]:
    return sorted(
        (a.person.name, a.asked_on, a.answer, tuple(a.reasons))
        for a in StopAsk.objects.select_related("person")
    ) + sorted((h.person.name, h.occasion, h.on) for h in Handover.objects.select_related("person"))


def groundrules() -> tuple[list[Any], ...]:
    return (
        sorted(GroundRule.objects.values_list("text", "proposed_on", "agreed_on", "retired_on")),
        sorted(Word.objects.values_list("term", "asked_on", "asker_side")),
        sorted(Wording.objects.values_list("kind", "text", "proposed_on", "agreed_on")),
    )


def ledger_tasks() -> list[Any]:
    """The reciprocity ledger's tasks: who does each, since when, and when it was marked done."""
    return sorted(
        Task.objects.values_list(
            "journey__slug", "person__name", "description", "since", "done_on", "done_by__username"
        )
    )


def trials() -> list[Any]:
    return sorted(Trial.objects.values_list("title", "status", "starts_on"))


def care() -> list[Any]:
    return sorted(CareFlag.objects.values_list("journey__slug", "person__name"))


def stories() -> tuple[list[Any], ...]:
    return (
        sorted(Story.objects.values_list("journey__slug", "teller_side", "medium")),
        sorted(Consent.objects.values_list("story__teller__name", "use", "ended_on")),
        sorted(StoryFile.objects.values_list("story__journey__slug", "size")),
    )


def films() -> tuple[list[Any], ...]:
    return (
        sorted(Film.objects.values_list("journey__slug", "title", "gathering__title")),
        sorted(
            FilmClip.objects.values_list("film__title", "position", "clip__story__teller__name")
        ),
        sorted(Remark.objects.values_list("film__title", "contribution__text")),
    )


def plans() -> tuple[list[Any], ...]:
    return (
        sorted(
            Stage.objects.values_list(
                "journey__slug",
                "position",
                "name",
                "planned_start",
                "planned_end",
                "started_on",
                "ended_on",
            )
        ),
        sorted(StageGathering.objects.values_list("stage__name", "gathering__title")),
    )


def board_reports() -> list[Any]:
    return sorted(BoardReport.objects.values_list("journey__slug", "period_key", "status", "pages"))


def public_you_said() -> list[str]:
    return sorted(Journey.objects.filter(public_you_said=True).values_list("slug", flat=True))


FINGERPRINTS: dict[str, Callable[[], Any]] = {
    "insights": insights_documents,
    "gatherings": gatherings_figures,
    "training": training_figures,
    "decisions": decisions_state,
    "commonground": statement_rounds,
    "reflection": reflection_rounds,
    "outreach": outreach,
    "leaving": leaving,
    "groundrules": groundrules,
    "trials": trials,
    "ledger tasks": ledger_tasks,
    "care": care,
    "stories": stories,
    "films": films,
    "plans": plans,
    "board reports": board_reports,
    "public you said": public_you_said,
}


def take() -> dict[str, Any]:
    """Every fingerprint of the demo as it is now."""
    return {name: fingerprint() for name, fingerprint in FINGERPRINTS.items()}
