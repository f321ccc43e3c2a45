"""Small groups (1 to 4 people) are hidden everywhere a figure about people's characteristics
or needs is shown or exported: the selectors, the inclusion pages, the power dashboard, the
JSON endpoint, the command line and the export."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from powerwith.exports import all_tables, to_csv
from powerwith.inclusion import selectors, services

from .helpers import came, crowd, gathering, profile

D = datetime.date


@pytest.fixture
def small(world):
    """Eight people came; all shared a profile; 3 are carers, 5 are not. Three had a transport
    need that was not met."""
    people = crowd(world, 8)
    g1, g2 = gathering(world, "One", D(2025, 2, 1)), gathering(world, "Two", D(2025, 3, 1))
    came(world, g1, people)
    came(world, g2, people[3:])
    for i, p in enumerate(people):
        profile(world, p, caring="yes" if i < 3 else "no", disability="no")
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name="Borough", source="Census"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={
            ("caring", "yes"): Decimal(12),
            ("caring", "no"): Decimal(88),
            ("disability", "no"): Decimal(80),
        },
    )
    needs = [
        services.need_add(actor=world.facilitator, person=p, kind="transport", since=D(2025, 1, 10))
        for p in people[:3]
    ]
    services.need_checks_save(
        actor=world.facilitator,
        gathering=g1,
        arranged={},
        outcomes={n.pk: "not_met" for n in needs},
    )
    return people


def _caring(data):
    block = data["representation"][0]["blocks"][0]
    ch = next(c for c in block["characteristics"] if c["code"] == "caring")
    return {g["code"]: g for g in ch["groups"]}


def test_selectors(world, small):
    data = {"representation": selectors.representation(world.journey)}
    carers = _caring(data)
    assert carers["yes"]["count"] is None and carers["no"]["count"] is None
    assert carers["yes"]["share"] is None and carers["no"]["low"] is None
    needs = selectors.needs_summary(world.journey)
    assert needs["checked"] == 3 and needs["unmet"] is None and needs["met"] is None
    assert needs["unmet_by_kind"][0]["unmet"] is None
    assert needs["stopped_after_unmet"] is None and needs["people_with_needs"] is None


def test_pages(world, small, client):
    client.force_login(world.observer)
    page = client.get(reverse("inclusion:overview", kwargs={"slug": world.journey.slug}))
    body = page.content.decode()
    table = body[body.find("<caption>Caring responsibilities") :]
    table = table[: table.find("</table>")]
    assert table.count("fewer than 5, or hidden to protect a small group") == 2
    assert "3 of 8" not in table and "5 of 8" not in table and "38%" not in table
    assert "8 of 8" in body  # the disability figure, big enough, is shown
    assert "Transport: fewer than 5" in body
    dash = client.get(reverse("insights:dashboard", kwargs={"slug": world.journey.slug}))
    assert "Transport: fewer than 5" in dash.content.decode()
    client.force_login(world.member)
    needs = client.get(reverse("inclusion:needs_list", kwargs={"slug": world.journey.slug}))
    assert "Fewer than 5 people stopped coming" in needs.content.decode()


def test_json_and_cli(world, small, client, capsys):
    client.force_login(world.observer)
    doc = client.get(reverse("insights:json", kwargs={"slug": world.journey.slug})).json()
    carers = _caring(doc["sections"]["inclusion"])
    assert carers["yes"]["count"] is None and carers["no"]["count"] is None
    from powerwith.cli import main

    assert main(["insights", world.journey.slug, "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert _caring(cli["sections"]["inclusion"])["yes"]["count"] is None


def test_export(world, small):
    tables, _descriptions = all_tables(world.journey)
    rows = [r for r in tables["inclusion_representation"] if r["characteristic"] == "caring"]
    assert {r["group"]: (r["count"], r["share"], r["low"]) for r in rows} == {
        "yes": (None, None, None),
        "no": (None, None, None),
    }
    csv_text = to_csv(tables["inclusion_representation"])
    caring_lines = [line for line in csv_text.splitlines() if ",all,8,8,caring," in line]
    assert len(caring_lines) == 2
    for line in caring_lines:
        assert ",3," not in line and ",5," not in line
    needs = {(r["measure"], r["kind"]): r["value"] for r in tables["inclusion_needs"]}
    assert needs[("needs_not_met", "transport")] is None
    assert needs[("people_stopped_after_unmet_need", "")] is None
