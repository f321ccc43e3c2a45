"""The paper statement sheet as an A4 PDF made on the server, read back with pypdf."""

from __future__ import annotations

import io

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
