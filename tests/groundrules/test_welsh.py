"""The groundrules pages in Welsh: the catalogue is complete and the pages read in Welsh with no
English sentence of the catalogue left."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from powerwith.groundrules import services as s
from tests.conftest import World, client_for
from tests.welsh import catalogue, english_left, welsh_get, welsh_text

D = datetime.date


def test_catalogue_is_complete() -> None:
    entries = [e for e in catalogue("groundrules") if not e.obsolete]
    assert len(entries) > 150
    assert [e.msgid for e in entries if not e.translated()] == []


@pytest.mark.parametrize(
    ("name", "welsh"),
    [
        ("rules", "Rheolau sylfaenol a’r geiriau rydyn ni’n eu defnyddio"),
        ("wall", "Ein rheolau sylfaenol"),
        ("framing", "Sut y fframiodd y grŵp ei waith"),
        ("rule_add", "Cynnig rheol sylfaenol"),
        ("word_add", "Ychwanegu gair rydyn ni’n ei ddefnyddio"),
        ("wording_add", "Cynnig geiriad"),
    ],
)
def test_pages_in_welsh(world: World, name: str, welsh: str) -> None:
    f, j = world.facilitator, world.journey
    rule = s.ground_rule_propose(actor=f, journey=j, text="Listen", proposed_on=D(2025, 2, 4))
    s.ground_rule_propose(actor=f, journey=j, text="Breaks", proposed_on=D(2025, 2, 4))
    s.ground_rule_agree(actor=f, rule=rule, agreed_on=D(2025, 2, 4))
    s.word_add(actor=f, journey=j, term="MDT", meaning="The team.", asked_on=D(2025, 2, 4))
    s.wording_propose(actor=f, journey=j, kind="problem", text="Waits.", proposed_on=D(2025, 2, 4))
    c = client_for(f)
    page = welsh_text(welsh_get(c, reverse(f"groundrules:{name}", kwargs={"slug": j.slug})))
    assert f"<h1>{welsh}</h1>" in page
    assert english_left("groundrules", page) == []
