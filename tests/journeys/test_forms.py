"""The journey forms not covered in test_views.py: settings and changing a limit. Bad input gets
a specific message next to the field, the typed value stays, nothing is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from powerwith.journeys import services as js
from powerwith.journeys.models import Journey, Limit


@pytest.fixture
def fran(client, world):
    client.force_login(world.facilitator)
    return client


def url(world, name, **kw):
    return reverse(f"journeys:{name}", kwargs={"slug": world.journey.slug, **kw})


SETTINGS = {
    "title": "Better breast care",
    "purpose": "Typed purpose kept",
    "host": "",
    "stages": ["co_design"],
    "level": "service",
    "started_on": "2025-01-06",
    "ended_on": "",
}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a name for the journey."),
        (
            {"ended_on": "2024-12-31"},
            "ended_on",
            "The end date must be on or after the start date.",
        ),
        (
            {"ended_on": "not a date"},
            "ended_on",
            "Enter a real date for “end date”, like 27/03/2026.",
        ),
        (
            {"stages": ["co_dreaming"]},
            "stages",
            "Choose stages from the list.",
        ),
    ],
)
def test_settings_bad_input(world, fran, data, field, message):
    r = fran.post(url(world, "settings"), {**SETTINGS, **data})
    assert r.status_code == 400
    assert r.context["form"].errors[field] == [message]
    assert "Typed purpose kept" in r.content.decode()
    j = Journey.objects.get(pk=world.journey.pk)
    assert (j.purpose, j.ended_on) == ("Improve the breast care service together.", None)


def test_settings_share_you_said_publicly(world, fran):
    r = fran.post(url(world, "settings"), {**SETTINGS, "public_you_said": "on"})
    assert r.status_code == 302
    world.journey.refresh_from_db()
    assert world.journey.public_you_said and world.journey.purpose == "Typed purpose kept"


def test_change_a_limit_bad_input_and_withdraw(world, fran):
    limit = js.limit_add(
        actor=world.facilitator, journey=world.journey, text="Budget", set_by="funder", why="Grant"
    )
    edit = url(world, "limit_edit", limit_pk=limit.pk)
    assert 'value="Budget"' in fran.get(edit).content.decode()
    r = fran.post(edit, {"table": "off", "text": "Budget for staff", "set_by": "funder", "why": ""})
    assert r.status_code == 400
    assert r.context["form"].errors["why"] == [
        "Explain why. People find unexplained limits frustrating."
    ]
    assert "Budget for staff" in r.content.decode()
    assert Limit.objects.get().text == "Budget"
    r = fran.post(
        edit,
        {
            "table": "off",
            "text": "Budget",
            "set_by": "funder",
            "why": "Grant",
            "withdrawn_on": "2025-06-01",
        },
    )
    assert r.status_code == 302
    assert str(Limit.objects.get().withdrawn_on) == "2025-06-01"
