"""The trials section of the insights document, on the worked example of docs/insights.md
("## trials"): every figure worked out by hand."""

from __future__ import annotations

import datetime
import re
from typing import Any

from powerwith.contributions import services as contribution_services
from powerwith.decisions import services as decision_services
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import merged
from powerwith.reflection import services as reflection_services
from powerwith.trials import insights, services
from tests.insights.doc_keys import DOC, flatten

from .helpers import person

D = datetime.date


def _worked_example(world: Any) -> None:
    f = world.facilitator
    j = world.journey
    amara = person(world, "Amara", "service_user")
    bea = person(world, "Bea", "carer")
    sam = person(world, "Sam", "frontline_staff")
    raj = person(world, "Raj", "manager")

    def trial(title: str, start: datetime.date, measures: list[tuple[str, str]]) -> Any:
        return services.trial_create(
            actor=f,
            journey=j,
            title=title,
            where="Ward 4",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=41),
            measures=measures,
        )

    # A: planned, not started.
    trial("A: bedside menu", D(2025, 9, 1), [("Fewer meals wasted", "")])
    # B: a measure before the start, another added after it; finished; decision recorded.
    b = trial("B: discharge leaflet", D(2025, 2, 1), [("Patients know their medicines", "8 in 10")])
    services.trial_start(actor=f, trial=b, on=D(2025, 2, 1))
    late = services.measure_add(
        actor=f, trial=b, text="Nurses explain less", reason="Nurses asked for it"
    )
    services.trial_end(actor=f, trial=b, on=D(2025, 3, 14))
    decision = decision_services.decision_create(
        actor=f,
        journey=j,
        text="Use the leaflet on every ward",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=D(2025, 3, 20),
        where_outside="Steering group",
    )
    (first,) = [m for m in b.measures.all() if m.pk != late.pk]
    services.trial_record_result(
        actor=f,
        trial=b,
        results={first.pk: ("met", "9 of 10"), late.pk: ("partly", "")},
        learned="Large print",
        follow_up="adopt",
        decision=decision,
    )
    # C: no measure before the start; one added after; stopped early; no decision.
    c = trial("C: phone follow-up", D(2025, 2, 10), [])
    services.trial_start(actor=f, trial=c, on=D(2025, 2, 10))
    services.measure_add(actor=f, trial=c, text="Calls answered", reason="Forgot to write it")
    services.trial_end(
        actor=f, trial=c, on=D(2025, 2, 20), stopped_early=True, reason="Phone line cut"
    )
    # D: running; its measure set before the start was changed after it.
    d = trial("D: quiet hour", D(2025, 4, 1), [("Patients sleep better", "")])
    services.trial_start(actor=f, trial=d, on=D(2025, 4, 1))
    services.measure_change(
        actor=f,
        measure=d.measures.get(),
        text="Patients say they slept better",
        reason="We cannot measure sleep",
    )
    # Feedback: two contributions on B, one of them on C too.
    said = [
        contribution_services.contribution_create(
            actor=f, journey=j, text=t, channel="paper", raised_on=D(2025, 2, 15), raised_by=amara
        )
        for t in ("Too small to read", "Now I know my tablets")
    ]
    services.feedback_link(actor=f, trial=b, contributions=said)
    services.feedback_link(actor=f, trial=c, contributions=said[:1])

    # Expected outcomes, set on 10 January 2025, and two end-of-phase reviews.
    e1 = reflection_services.ending_create(
        actor=f, journey=j, title="End of discovery", held_on=D(2025, 6, 30)
    )
    e2 = reflection_services.ending_create(
        actor=f, journey=j, title="End of co-design", held_on=D(2025, 10, 31)
    )

    def outcome(what: str, by: Any) -> Any:
        return services.outcome_create(
            actor=f,
            journey=j,
            what=what,
            for_whom="patients",
            set_on=D(2025, 1, 10),
            proposed_by=by,
        )

    o1 = outcome("O1", amara)
    o2 = outcome("O2", bea)
    o3 = outcome("O3", sam)
    o4 = outcome("O4", raj)
    o5 = outcome("O5", None)
    outcome("O6", sam)  # never reviewed
    for o, verdict, ending in (
        (o1, "achieved", e1),
        (o2, "not_achieved", e1),
        (o4, "too_early", e1),
        (o3, "partly", e2),
    ):
        services.outcome_review(actor=f, outcome=o, verdict=verdict, ending=ending)
    services.outcome_review(actor=f, outcome=o5, verdict="achieved", reviewed_on=D(2025, 6, 1))


def test_worked_example(world: Any) -> None:
    _worked_example(world)
    doc = insights_for(world.journey, Period())
    data = doc["sections"]["trials"]
    assert data["trials"] == {
        "total": 4,
        "by_status": {"planned": 1, "running": 1, "finished": 1, "stopped": 1},
        "started": 3,
        "with_measure_before_start": 2,
        "measure_before_start_share": 0.667,
        "ended": 2,
        "ended_with_decision": 1,
        "ended_with_decision_share": 0.5,
        "measure_changes_after_start": 3,
        "results": {"met": 1, "partly": 1, "not_met": 0, "cant_tell": 0, "not_recorded": 1},
        "follow_ups": {"adopt": 1, "adapt": 0, "drop": 0, "try_again": 0},
        "feedback_contributions": 2,
    }
    assert data["outcomes"] == {
        "expected": 6,
        "reviewed": 5,
        "judged": 4,
        "achieved": 2,
        "achieved_share": 0.5,
        "by_verdict": {"achieved": 2, "partly": 1, "not_achieved": 1, "too_early": 1},
        "achieved_or_partly_share": 0.75,
        "not_reviewed": 1,
        "by_side": {
            "lived": {
                "expected": 2,
                "reviewed": 2,
                "judged": 2,
                "achieved": 1,
                "achieved_share": 0.5,
            },
            "professional": {
                "expected": 3,
                "reviewed": 2,
                "judged": 1,
                "achieved": 0,
                "achieved_share": 0.0,
            },
            "group": {
                "expected": 1,
                "reviewed": 1,
                "judged": 1,
                "achieved": 1,
                "achieved_share": 1.0,
            },
        },
    }
    fired = {w["code"]: w for w in doc["warnings"] if w["section"] == "trials"}
    assert fired["trial_without_decision"]["fired"] is True
    assert fired["trial_without_decision"]["evidence"] == {
        "trials": ["C: phone follow-up"],
        "count": 1,
    }
    assert fired["no_expected_outcomes"]["fired"] is False
    assert fired["ending_nothing_achieved"]["fired"] is True
    assert fired["ending_nothing_achieved"]["evidence"] == {
        "reviews": ["End of co-design"],
        "count": 1,
    }
    # A period: trials planned to start, and outcomes set, from 1 March 2025 on.
    later = insights_for(world.journey, Period(start=D(2025, 3, 1)))["sections"]["trials"]
    assert (later["trials"]["total"], later["trials"]["started"]) == (2, 1)
    assert later["trials"]["measure_before_start_share"] == 1.0
    assert later["trials"]["ended_with_decision_share"] is None
    assert later["outcomes"]["expected"] == 0 and later["outcomes"]["achieved_share"] is None


def test_warning_thresholds(world: Any) -> None:
    # A journey that started long ago with no expected outcome.
    doc = insights_for(world.journey, Period())
    w = {x["code"]: x for x in doc["warnings"] if x["section"] == "trials"}
    assert w["no_expected_outcomes"]["fired"] is True
    assert w["no_expected_outcomes"]["evidence"] == {
        "expected_outcomes": 0,
        "started_on": "2025-01-06",
    }
    assert w["trial_without_decision"]["fired"] is False
    # Just within the days allowed: a period ending 28 days after the start says nothing yet.
    quiet = insights.warnings(
        world.journey,
        Period(start=D(2025, 1, 6), end=D(2025, 2, 3)),
        insights.compute(world.journey, Period(start=D(2025, 1, 6), end=D(2025, 2, 3))),
        merged({}),
    )
    assert {x.code: x.fired for x in quiet}["no_expected_outcomes"] is False


def test_every_key_is_documented(world: Any) -> None:
    _worked_example(world)
    data = insights_for(world.journey, Period())["sections"]["trials"]
    known = set(re.findall(r"`([^`\s]+)`", DOC.read_text()))
    missing = sorted(p for p in flatten(data) if p not in known)
    assert not missing, missing
    assert "\n## trials\n" in DOC.read_text()
