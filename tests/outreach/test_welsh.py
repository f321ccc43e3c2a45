"""Outreach pages in Welsh: the catalogue is complete and each page reads in Welsh with no
English sentence of the catalogue left."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from powerwith.outreach import services
from tests.conftest import World, client_for
from tests.welsh import catalogue, english_left, welsh_get, welsh_text


def test_catalogue_is_complete() -> None:
    entries = [e for e in catalogue("outreach") if not e.obsolete]
    assert len(entries) > 200
    assert [e.msgid for e in entries if not e.translated()] == []


@pytest.mark.parametrize(
    ("name", "welsh"),
    [
        ("map", "Pwy ddylai fod yn rhan o hyn"),
        ("entry_add", "Ychwanegu rhywun a ddylai fod yn rhan o hyn"),
        ("entry", "Cofnodi beth ddigwyddodd"),
        ("groups", "Grwpiau a rhwydweithiau rydym yn gweithio gyda nhw"),
        ("group", "Beth wnaethom ni gyda’n gilydd"),
    ],
)
def test_pages_in_welsh(world: World, name: str, welsh: str) -> None:
    day = datetime.date(2025, 3, 1)
    entry = services.stakeholder_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Unison",
        form="organisation",
        kind="unions",
        why="Staff",
        planned_on=day,
    )
    group = services.linked_group_create(
        actor=world.facilitator, journey=world.journey, name="Net", kind="network", since=day
    )
    kwargs = {"slug": world.journey.slug}
    if name == "entry":
        kwargs["stakeholder_pk"] = entry.pk
    if name == "group":
        kwargs["linked_group_pk"] = group.pk
    page = welsh_text(
        welsh_get(client_for(world.facilitator), reverse(f"outreach:{name}", kwargs=kwargs))
    )
    assert welsh in page
    assert english_left("outreach", page) == []
