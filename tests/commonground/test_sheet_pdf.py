"""The paper statement sheet as an A4 PDF made on the server, read back with pypdf."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from powerwith.commonground import services
from tests.commonground.test_results import TEXTS, _client, url
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_sheet_downloads_as_an_a4_pdf_with_every_statement_and_the_link(
    world: World,
) -> None:
    rnd = services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What matters most?",
        statements=TEXTS,
    )
    waiting = services.participant_join(round=rnd)
    rnd.participants_may_add = True
    rnd.save()
    services.statement_propose(participant=waiting, text="Not checked yet, so not printed.")
    page = _client(world.member).get(url(world, "sheet", rnd))
    assert '<a href="?format=pdf" download>' in page.content.decode()
    r = _client(world.member).get(url(world, "sheet", rnd) + "?format=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == (
        f'attachment; filename="{world.journey.slug}-statement-sheet-{rnd.pk}.pdf"'
    )
    reader = PdfReader(io.BytesIO(r.content))
    for p in reader.pages:  # A4 is 595 x 842 points
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "What matters most?" in text
    assert "tick one box: agree, disagree, or pass" in text
    for i, statement in enumerate(TEXTS, 1):
        assert f"{i}. {statement}" in text
    assert "Agree Disagree Pass" in text
    assert "Because of my job" in text
    assert f"/s/{rnd.link_token}/" in text.replace(" ", "")
    assert "Not checked yet" not in text
    # The QR code is drawn as vector paths: about 170 more lines than a sheet without it
    # (36 there, the tick boxes' and the table's).
    drawn = b"".join(p.get_contents().get_data() for p in reader.pages)
    assert drawn.count(b" l\n") > 150


def test_outsiders_get_no_sheet(world: World) -> None:
    rnd = services.round_create(
        actor=world.facilitator, journey=world.journey, question="Q?", statements=TEXTS
    )
    assert _client(world.outsider).get(url(world, "sheet", rnd) + "?format=pdf").status_code == 404


def test_numbered_copies_each_have_their_own_code_and_page(world: World) -> None:
    """Each copy starts a new page with a code of its own; the codes are fresh each time and
    nothing is stored when the PDF is made (nothing says which copy went to whom)."""
    from powerwith.commonground.models import Participant
    from powerwith.contributions import receipts

    rnd = services.round_create(
        actor=world.facilitator, journey=world.journey, question="Q?", statements=TEXTS
    )
    page = _client(world.member).get(url(world, "sheet", rnd)).content.decode()
    assert '<input type="number" inputmode="numeric" min="1" max="200" name="copies"' in page

    def codes(copies: str) -> tuple[list[str], int]:
        r = _client(world.member).get(url(world, "sheet", rnd), {"format": "pdf", "copies": copies})
        assert r.status_code == 200
        reader = PdfReader(io.BytesIO(r.content))
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        found = re.findall(r"Sheet code: ([0-9A-Z]{4}-[0-9A-Z]{4})", text)
        first_lines = [" ".join(p.extract_text().split())[:40] for p in reader.pages]
        assert sum(line.startswith("Sheet code:") for line in first_lines) == len(found)
        return found, len(reader.pages)

    three, pages = codes("3")
    assert len(three) == 3 == len(set(three))
    assert pages % 3 == 0  # each copy the same number of pages, each starting with its code
    assert all(receipts.normalise(c) is not None for c in three)
    again, _pages = codes("3")
    assert not set(again) & set(three)
    assert len(codes("0")[0]) == 1 and len(codes("many")[0]) == 1  # a bad number: one copy
    assert Participant.objects.filter(round=rnd).count() == 0


def test_one_pdf_holds_at_most_the_most_copies(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More than ``MOST_COPIES`` asked for gives that many (200 in the product; 2 here, so the
    test does not draw 400 pages)."""
    from powerwith.commonground import printing

    monkeypatch.setattr(printing, "MOST_COPIES", 2)
    rnd = services.round_create(
        actor=world.facilitator, journey=world.journey, question="Q?", statements=TEXTS
    )
    r = _client(world.member).get(url(world, "sheet", rnd), {"format": "pdf", "copies": "5000"})
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(r.content)).pages
    )
    assert len(re.findall(r"Sheet code: [0-9A-Z]{4}-[0-9A-Z]{4}", text)) == 2
