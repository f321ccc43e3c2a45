"""The inclusion section of the insights document: its contract, its warning signs at their
thresholds, every key documented, and the dashboard and CLI showing it."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from powerwith.inclusion import insights as section
from powerwith.inclusion import services
from powerwith.insights import registry
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from tests.insights.doc_keys import DOC, flatten

from .helpers import came, crowd, gathering, person, profile

D = datetime.date


def set_thresholds(world, **codes: dict[str, Any]) -> None:
    world.journey.options = {"warnings": codes}
    world.journey.save(update_fields=["options"])


def signs(world) -> dict[str, dict[str, Any]]:
    doc = insights_for(world.journey, Period())
    return {w["code"]: w for w in doc["warnings"] if w["section"] == "inclusion"}


@pytest.fixture
def scene(world):
    """Eight people came twice; six shared a profile, none of them aged 18-24 (45% of the
    borough: above 39%, the top of the interval for 0 of 6, so missing). Five had transport needs, unmet at the first gathering: four of them never came
    back. Una is out of pocket for 40 days; Ula's three claims took 10, 16 and 20 days."""
    people = crowd(world, 8)
    g1, g2 = gathering(world, "One", D(2025, 2, 1)), gathering(world, "Two", D(2025, 3, 1))
    came(world, g1, people)
    came(world, g2, people[4:])
    for p in people[:6]:
        profile(world, p, age_band="65_74")
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name="Borough", source="Census 2021"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={("age_band", "18_24"): Decimal(45), ("age_band", "65_74"): Decimal(20)},
    )
    needs = [
        services.need_add(actor=world.facilitator, person=p, kind="transport", since=D(2025, 1, 10))
        for p in people[:5]
    ]
    services.need_checks_save(
        actor=world.facilitator,
        gathering=g1,
        arranged={},
        outcomes={n.pk: "not_met" for n in needs},
    )
    f, ula, una = world.facilitator, person(world, "Ula"), person(world, "Una")
    for claimed, back in (
        (D(2025, 2, 1), D(2025, 2, 11)),
        (D(2025, 2, 2), D(2025, 2, 18)),
        (D(2025, 2, 3), D(2025, 2, 23)),
    ):
        c = services.expense_claim(
            actor=f, person=ula, description="Bus", amount_pence=300, claimed_on=claimed
        )
        services.expense_reimburse(actor=f, claim=c, reimbursed_on=back)
    services.expense_claim(
        actor=f,
        person=una,
        description="Taxi",
        amount_pence=1250,
        claimed_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    services.task_record(
        actor=f,
        person=ula,
        description="Runs the drop-in",
        since=D(2025, 2, 1),
        replaces_paid_role=True,
        paid_role="Community worker (post cut in 2024)",
    )
    return people


def test_the_section_keeps_the_contract(world, scene):
    assert section in registry.sections()
    assert section.KEY == "inclusion" and section.TITLE and section.TEMPLATE
    doc = insights_for(world.journey, Period())
    data = doc["sections"]["inclusion"]
    json.dumps(data)  # JSON-ready
    assert set(section.DEFAULT_THRESHOLDS) == set(signs(world))
    for code, values in section.DEFAULT_THRESHOLDS.items():
        assert doc["thresholds"][code] == values
    for s in signs(world).values():
        assert s["title"] and s["explanation"] and s["research"] and s["question"] and s["based_on"]


def test_every_key_is_documented(world, scene):
    known = set(__import__("re").findall(r"`([^`\s]+)`", DOC.read_text()))
    data = insights_for(world.journey, Period())["sections"]["inclusion"]
    missing = sorted(p for p in flatten(data) if p not in known)
    assert not missing, f"inclusion keys missing from docs/insights.md: {missing}"
    for code in section.DEFAULT_THRESHOLDS:
        assert f"`{code}`" in DOC.read_text()


def test_the_warnings_fire(world, scene):
    s = signs(world)
    assert s["reference_group_missing"]["fired"]
    assert s["reference_group_missing"]["evidence"]["groups"] == ["Age: 18 to 24 (Borough)"]
    assert s["stopped_after_unmet_need"]["fired"]
    assert s["stopped_after_unmet_need"]["evidence"]["people"] is None  # 4: hidden
    assert "Fewer than 5 people did not come" in s["stopped_after_unmet_need"]["explanation"]
    assert s["unpaid_out_of_pocket"]["fired"]
    assert s["unpaid_out_of_pocket"]["evidence"] == {"unpaid_people": 1, "unpaid_total_pence": 1250}
    assert "£12.50" in s["unpaid_out_of_pocket"]["explanation"]
    assert s["unpaid_doing_paid_work"]["fired"]
    assert s["slow_reimbursement"]["fired"]  # median of 10, 16, 20 = 16 > 14
    assert s["slow_reimbursement"]["evidence"] == {"median_days": 16.0, "paid_back": 3}
    assert not s["usual_suspects"]["fired"]  # no other journey of the host


def test_thresholds_are_the_journeys_own(world, scene):
    set_thresholds(
        world,
        reference_group_missing={"min_reference_share": 0.5},
        slow_reimbursement={"median_days": 16},
        unpaid_out_of_pocket={"days": 40},
        unpaid_doing_paid_work={"min_tasks": 2},
        stopped_after_unmet_need={"min_people": 5},
    )
    s = signs(world)
    assert not s["reference_group_missing"]["fired"]  # 45% < 50%
    assert not s["slow_reimbursement"]["fired"]  # 16 is not more than 16
    assert not s["unpaid_out_of_pocket"]["fired"]  # 40 days is not more than 40
    assert not s["unpaid_doing_paid_work"]["fired"]
    assert not s["stopped_after_unmet_need"]["fired"]  # fewer than 5 < 5
    set_thresholds(world, slow_reimbursement={"median_days": 15}, unpaid_out_of_pocket={"days": 39})
    s = signs(world)
    assert s["slow_reimbursement"]["fired"] and s["unpaid_out_of_pocket"]["fired"]


def test_missing_needs_enough_answers(world, scene):
    set_thresholds(world, reference_group_missing={"min_answered": 7})
    assert not signs(world)["reference_group_missing"]["fired"]  # only 6 answered


def test_dashboard_and_json_show_the_section(world, scene, client):
    client.force_login(world.observer)
    page = client.get(reverse("insights:dashboard", kwargs={"slug": world.journey.slug}))
    body = page.content.decode()
    assert page.status_code == 200
    assert section.TITLE in body and "Age: 18 to 24" in body
    assert "Unpaid people are out of pocket" in body
    data = client.get(reverse("insights:json", kwargs={"slug": world.journey.slug})).json()
    assert data["sections"]["inclusion"]["reciprocity"]["out_of_pocket"]["total_pence"] == 1250


def test_cli(world, scene, capsys):
    from powerwith.cli import main

    assert main(["insights", world.journey.slug, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["sections"]["inclusion"]["needs"]["unmet"] == 5
