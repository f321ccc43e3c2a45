"""The pages: who sees and does what, forms keeping what was typed with the message next to the
field, the agreement and gathering pages showing the rules, and the wall page."""

from __future__ import annotations

import datetime

from django.utils import timezone

from powerwith.groundrules import services as s
from powerwith.groundrules.models import GroundRule, Word, Wording
from tests.conftest import client_for
from tests.people.builders import gathering, person

D = datetime.date


def u(world, name: str, **kw) -> str:
    from django.urls import reverse

    return reverse(f"groundrules:{name}", kwargs={"slug": world.journey.slug, **kw})


def test_propose_agree_and_retire_a_rule_through_the_pages(world):
    ann = person(world, "Ann Lee")
    mo = client_for(world.member)
    r = mo.post(u(world, "rule_add"), {"text": "", "proposed_by": "group", "proposed_on": ""})
    assert r.status_code == 400
    assert "Write the ground rule." in r.content.decode()
    r = mo.post(
        u(world, "rule_add"),
        {"text": "One voice at a time", "proposed_by": str(ann.pk), "proposed_on": "4/2/2025"},
    )
    assert r.status_code == 302
    rule = GroundRule.objects.get(journey=world.journey)
    assert (rule.proposed_by, rule.proposed_on, rule.agreed_on) == (ann, D(2025, 2, 4), None)
    assert mo.get(u(world, "rule_agree", rule_pk=rule.pk)).status_code == 403
    fran = client_for(world.facilitator)
    r = fran.post(u(world, "rule_agree", rule_pk=rule.pk), {"day": "3/2/2025"})
    assert r.status_code == 400
    assert "The group cannot agree it before it was proposed." in r.content.decode()
    r = fran.post(u(world, "rule_agree", rule_pk=rule.pk), {"day": "11/2/2025"})
    assert r.status_code == 302
    rule.refresh_from_db()
    assert rule.agreed_on == D(2025, 2, 11)
    page = client_for(world.observer).get(u(world, "rules")).content.decode()
    assert "One voice at a time" in page and "Ann Lee" in page
    assert "The group agreed it" not in page and "Propose a ground rule" not in page
    # The agreement page and a gathering's page show the rules in force.
    agreement = fran.get(f"/j/{world.journey.slug}/agreement/").content.decode()
    assert "One voice at a time" in agreement and "Print them for the wall" in agreement
    g = gathering(world, held_on=D(2025, 3, 4))
    before = gathering(world, "Earlier", held_on=D(2025, 2, 5))
    assert "One voice at a time" in fran.get(g.get_absolute_url()).content.decode()
    # On the 5th of February it was not agreed yet.
    assert "One voice at a time" not in fran.get(before.get_absolute_url()).content.decode()
    r = fran.post(u(world, "rule_retire", rule_pk=rule.pk), {"day": "1/3/2025"})
    assert r.status_code == 302
    fran.get(g.get_absolute_url())  # shows the message saying it no longer applies
    assert "One voice at a time" not in fran.get(g.get_absolute_url()).content.decode()


def test_words_through_the_pages(world):
    mo = client_for(world.member)
    r = mo.post(
        u(world, "word_add"), {"term": "MDT", "meaning": "", "asked_by": "", "asked_on": ""}
    )
    assert r.status_code == 400 and "Write what it means, in plain words." in r.content.decode()
    assert 'value="MDT"' in r.content.decode()  # kept what was typed
    today = timezone.localdate()
    r = mo.post(
        u(world, "word_add"),
        {
            "term": "MDT",
            "meaning": "The team who plan treatment.",
            "asked_by": "",
            "asked_on": f"{today.day}/{today.month}/{today.year}",
        },
    )
    assert r.status_code == 302
    word = Word.objects.get()
    r = mo.post(u(world, "word_edit", word_pk=word.pk), {"term": "MDT", "meaning": "The team."})
    assert r.status_code == 302
    assert mo.post(u(world, "word_remove", word_pk=word.pk)).status_code == 403
    wall = client_for(world.observer).get(u(world, "wall")).content.decode()
    assert "MDT" in wall and "The team." in wall and "groundrules/wall.css" in wall
    assert (
        client_for(world.facilitator).post(u(world, "word_remove", word_pk=word.pk)).status_code
        == 302
    )
    assert not Word.objects.exists()


def test_framing_through_the_pages(world):
    ann = person(world, "Ann Lee")
    mo = client_for(world.member)
    r = mo.post(
        u(world, "wording_add"),
        {"kind": "", "text": "x", "proposed_by": "group", "proposed_on": "4/2/2025"},
    )
    assert (
        r.status_code == 400
        and "Choose the purpose or the problem statement." in r.content.decode()
    )
    r = mo.post(
        u(world, "wording_add"),
        {
            "kind": "problem",
            "text": "Nobody tells us what happens next.",
            "proposed_by": str(ann.pk),
            "proposed_on": "4/2/2025",
        },
    )
    assert r.status_code == 302
    w = Wording.objects.get(kind="problem")
    page = client_for(world.observer).get(u(world, "framing")).content.decode()
    assert "Nobody tells us what happens next." in page and "Proposed, not yet agreed" in page
    r = client_for(world.facilitator).post(
        u(world, "wording_agree", wording_pk=w.pk), {"day": "11/2/2025"}
    )
    assert r.status_code == 302
    agreement = mo.get(f"/j/{world.journey.slug}/agreement/").content.decode()
    assert "Nobody tells us what happens next." in agreement
    assert "Improve the breast care service together." in agreement


def test_another_journeys_rule_is_not_found(world):
    from tests.conftest import build_world

    other = build_world("2", "Another journey")
    rule = s.ground_rule_propose(actor=other.facilitator, journey=other.journey, text="Listen")
    r = client_for(world.facilitator).get(u(world, "rule_agree", rule_pk=rule.pk))
    assert r.status_code == 404


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )


def test_the_wall_as_a_pdf_in_english_and_welsh(world):
    """The wall page offers an A4 PDF made on the server: the agreed rules only (not one still
    proposed, not one retired), the words on a page of their own, in the page's language."""
    from tests.welsh import welsh_get

    f, j = world.facilitator, world.journey
    listen = s.ground_rule_propose(
        actor=f, journey=j, text="One voice at a time", proposed_on=D(2025, 2, 4)
    )
    s.ground_rule_agree(actor=f, rule=listen, agreed_on=D(2025, 2, 4))
    s.ground_rule_propose(actor=f, journey=j, text="Phones away", proposed_on=D(2025, 2, 4))
    old = s.ground_rule_propose(actor=f, journey=j, text="Start on time", proposed_on=D(2025, 2, 4))
    s.ground_rule_agree(actor=f, rule=old, agreed_on=D(2025, 2, 4))
    s.ground_rule_retire(actor=f, rule=old, retired_on=D(2025, 3, 4))
    s.word_add(actor=f, journey=j, term="MDT", meaning="The team.", asked_on=D(2025, 2, 4))

    page = client_for(world.observer).get(u(world, "wall")).content.decode()
    assert 'href="?format=pdf"' in page
    r = client_for(world.observer).get(u(world, "wall") + "?format=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == f'attachment; filename="{j.slug}-ground-rules.pdf"'
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(r.content)).pages
    assert len(pages) == 2  # the words start a page of their own
    first = " ".join(pages[0].extract_text().split())
    assert first.startswith("Our ground rules")
    assert "One voice at a time" in first
    assert "Phones away" not in first and "Start on time" not in first
    assert "Words we use MDT The team." in " ".join(pages[1].extract_text().split())

    welsh = _pdf_text(welsh_get(client_for(world.member), u(world, "wall") + "?format=pdf").content)
    assert "Ein rheolau sylfaenol" in welsh and "Geiriau rydyn ni’n eu defnyddio" in welsh
    assert "Our ground rules" not in welsh
    assert client_for(world.outsider).get(u(world, "wall") + "?format=pdf").status_code == 404
