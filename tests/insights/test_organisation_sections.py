"""The organisation's view, set-based, gives every demo journey exactly the figures its own
dashboard gives over all time: the record, decisions and warning signs, and training, money,
trials and leaving (issue 20's apps); and its JSON carries the network of groups."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.insights.organisation import SIGNS, organisation_figures
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.organisations.models import Organisation
from powerwith.outreach.network import network_figures
from tests.demo_snapshot import load_demo


def _expected(full: dict[str, Any]) -> dict[str, Any]:
    """What the organisation's row should say, read from the journey's own document."""
    s = full["sections"]
    rec, dec = s["record"], s["decisions"]["decisions"]
    tr, money, trials, leaving = s["training"], s["budgets"], s["trials"], s["leaving"]
    ft = rec["follow_through"]
    reviews = leaving["legacy"]["reviews"]
    today = datetime.date.today().isoformat()
    return {
        "people": rec["room"]["people"],
        "people_by_side": rec["room"]["by_side"],
        "turns": rec["voice"]["turns"],
        "voice_share": rec["voice"]["turns_share_by_side"],
        "agenda_lived_share": rec["agenda"]["lived_share"],
        "raised": ft["raised"],
        "done": ft["done"],
        "acted_upon_rate": ft["acted_upon_rate"],
        "unanswered_long": ft["unanswered_long"],
        "institutional_share": rec["venues"]["institutional_share"],
        "decisions_by_rung": dec["by_rung"],
        "lower_rungs_share": dec["lower_rungs_share"],
        "changes_by_level": rec["changes"]["by_level"],
        "warnings": sorted(
            x["code"] for x in full["warnings"] if x["fired"] and x["code"] in SIGNS
        ),
        "training": {
            "sessions": tr["sessions"],
            "came": tr["came"],
            "people": tr["people"],
            "goals_set": tr["goals"]["set"],
            "goals_reviewed": tr["goals"]["reviewed"],
            "goals_met": tr["goals"]["met"],
            "goals_met_share": tr["goals"]["met_share"],
        },
        "budgets": {
            "budgets": money["budgets"]["count"],
            "budgets_pence": money["budgets"]["total_pence"],
            "group_say_pence": money["budgets"]["group_say_pence"],
            "group_say_share": money["budgets"]["group_say_share"],
            "spending_lines": money["spending"]["lines"],
            "spending_pence": money["spending"]["total_pence"],
            "group_decided_pence": money["spending"]["group_decided_pence"],
            "group_decided_share": money["spending"]["group_decided_share"],
        },
        "trials": {
            "trials": trials["trials"]["total"],
            "started": trials["trials"]["started"],
            "with_measure_before_start": trials["trials"]["with_measure_before_start"],
            "measure_before_start_share": trials["trials"]["measure_before_start_share"],
            "ended": trials["trials"]["ended"],
            "ended_with_decision": trials["trials"]["ended_with_decision"],
            "ended_with_decision_share": trials["trials"]["ended_with_decision_share"],
            "outcomes_expected": trials["outcomes"]["expected"],
            "outcomes_judged": trials["outcomes"]["judged"],
            "outcomes_achieved": trials["outcomes"]["achieved"],
            "outcomes_achieved_share": trials["outcomes"]["achieved_share"],
        },
        "leaving": {
            "asked": leaving["reasons"]["asked"],
            "answered": leaving["reasons"]["answered"],
            "acted_on": leaving["reasons"]["acted_on"],
            "acted_on_share": leaving["reasons"]["acted_on_share"],
            "unheard": leaving["reasons"]["unheard"]["answers"],
            "unheard_not_acted_on": leaving["reasons"]["unheard"]["not_acted_on"],
            "occasions": leaving["handovers"]["occasions"],
            "with_handover": leaving["handovers"]["with_handover"],
            "handover_share": leaving["handovers"]["handover_share"],
            "with_legacy_plan": int(leaving["legacy"]["has_plan"]),
            "reviews_due": sum(1 for r in reviews if r["due_on"] <= today),
            "reviews_done": sum(1 for r in reviews if r["done_on"] is not None),
            "reviews_late": sum(1 for r in reviews if r["days_late"] > 0),
        },
    }


def test_set_based_figures_equal_each_demo_journeys_dashboard(db: Any, settings: Any) -> None:
    settings.FIGURES_CACHE = False
    load_demo()
    today = datetime.date.today()
    seen = 0
    for org in Organisation.objects.filter(hosted_journeys__isnull=False).distinct():
        doc = organisation_figures(org, every_journey=True, today=today)
        for row in doc["journeys"]:
            full = insights_for(Journey.objects.get(slug=row["slug"]))
            want = _expected(full)
            got = {k: row[k] for k in want}
            got["warnings"] = sorted(got["warnings"])
            assert got == want, row["slug"]
            seen += 1
        # The programme adds the rows up; its shares are worked out from the sums.
        programme = doc["programme"]
        for key in ("training", "budgets", "trials", "leaving"):
            for count in (k for k, v in doc["journeys"][0][key].items() if isinstance(v, int)):
                total = sum(r[key][count] for r in doc["journeys"])
                assert programme[key][count] in (total, None), (key, count)
    assert seen == 3
    # The demo has something in each part, so the comparison means something.
    rows = {
        r["slug"]: r
        for org in Organisation.objects.filter(hosted_journeys__isnull=False).distinct()
        for r in organisation_figures(org, every_journey=True, today=today)["journeys"]
    }
    assert any(r["training"]["sessions"] for r in rows.values())
    assert any(r["budgets"]["budgets"] for r in rows.values())
    assert any(r["trials"]["trials"] for r in rows.values())
    assert any(r["leaving"]["asked"] for r in rows.values())
    assert any(r["leaving"]["with_handover"] for r in rows.values())
    assert any(r["leaving"]["with_legacy_plan"] for r in rows.values())
    assert any(r["leaving"]["reviews_due"] for r in rows.values())


def test_the_organisation_json_carries_the_network(db: Any) -> None:
    load_demo()
    trust = Organisation.objects.get(name="Riverside Hospital NHS Trust")
    doc = organisation_figures(trust, every_journey=True)
    assert doc["network"] == network_figures(trust, None, every_journey=True)
    assert [r["slug"] for r in doc["network"]["yours"]] == [
        "better-breast-care",
        "clearer-clinic-letters",
    ]
    # The page leaves it out: the network has its own panel there.
    assert "network" not in organisation_figures(trust, None, network=False)
