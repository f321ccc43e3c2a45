"""Letters (a PDF batch read back with pypdf) and news passed on in person."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from powerwith.contributions import services as contribution_services
from powerwith.notices import services
from powerwith.notices.models import Notice
from tests.conftest import World, client_for

from .conftest import add_person, raise_one


def _by_post(world: World, name: str, address: str) -> Any:
    person = add_person(world, name)
    services.hearing_back_set(
        actor=world.facilitator, person=person, way="post", address=address, consent=True
    )
    return person


@pytest.mark.django_db
def test_the_letters_pdf_has_one_a4_page_a_person_with_address_and_news(world: World) -> None:
    rose = _by_post(world, "Rose Hill", "1 High Street\nLeeds\nLS1 1AA")
    sam = _by_post(world, "Sam Ode", "Flat 2\n9 Mill Road\nBradford\nBD1 2CD")
    for person, text in ((rose, "The waiting room is too cold."), (sam, "Parking costs too much.")):
        c = raise_one(world, person, text)
        contribution_services.contribution_set_fate(
            actor=world.facilitator,
            contribution=c,
            fate="not_possible",
            reason="It is outside what this group can change.",
        )
    slug = world.journey.slug
    c = client_for(world.facilitator)
    response = c.get(reverse("notices:letters_pdf", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    for page in reader.pages:  # A4 is 595 x 842 points
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    first = reader.pages[0].extract_text()
    second = reader.pages[1].extract_text()
    for line in (
        "Rose Hill",
        "1 High Street",
        "Leeds",
        "LS1 1AA",
        "Dear Rose Hill,",
        "The waiting room is too cold.",
        "What happened: Not possible.",
        "Why: It is outside what this group can change.",
    ):
        assert line in first
    assert "Sam Ode" not in first
    assert "BD1 2CD" in second and "Parking costs too much." in second
    # Nothing is marked sent until the facilitator says the letters went.
    assert set(Notice.objects.values_list("status", flat=True)) == {"queued"}
    ids = list(Notice.objects.values_list("pk", flat=True))
    r = c.post(
        reverse("notices:mark_done", kwargs={"slug": slug}),
        {"way": "post", "notice": [str(i) for i in ids]},
    )
    assert r.status_code == 302
    assert set(Notice.objects.values_list("status", flat=True)) == {"sent"}
    # With none waiting, the PDF link goes back to the page.
    assert c.get(reverse("notices:letters_pdf", kwargs={"slug": slug})).status_code == 302


@pytest.mark.django_db
def test_the_pass_on_list_names_the_member_and_the_news(world: World) -> None:
    rose, mo = add_person(world), add_person(world, "Mo Ibrahim")
    services.hearing_back_set(
        actor=world.facilitator, person=rose, way="member", via=mo, consent=True
    )
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator,
        contribution=c,
        fate="done",
        change_level="individual",
        response="A heater was put in.",
    )
    page = client_for(world.facilitator).get(
        reverse("notices:by_hand", kwargs={"slug": world.journey.slug})
    )
    text = page.content.decode()
    assert "Passed on by Mo Ibrahim." in text
    assert "What happened: Done." in text
    assert "What we did: A heater was put in." in text
    assert "No letters are waiting." in text
    notice = Notice.objects.get()
    # A member's news is marked by hand; "post" does not touch it.
    services.notices_mark_done(
        actor=world.facilitator, journey=world.journey, way="post", notice_ids=[notice.pk]
    )
    notice.refresh_from_db()
    assert notice.status == "queued"
    assert (
        services.notices_mark_done(
            actor=world.facilitator, journey=world.journey, way="member", notice_ids=[notice.pk]
        )
        == 1
    )
    notice.refresh_from_db()
    assert notice.status == "sent"


@pytest.mark.django_db
def test_a_letter_has_a_qr_code_of_the_public_page_only_when_there_is_one(
    world: World, settings: Any
) -> None:
    from powerwith.contributions.cards import qr_svg
    from powerwith.notices import letters

    settings.POWERWITH_SITE_URL = "https://powerwith.example.org"
    rose = _by_post(world, "Rose Hill", "1 High Street\nLeeds\nLS1 1AA")
    c = raise_one(world, rose, "The waiting room is too cold.")
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    rows = list(Notice.objects.all())
    (letter,) = letters.letters(world.journey, rows)
    assert "<svg" not in letter["page"]
    text = PdfReader(io.BytesIO(letters.letters_pdf(world.journey, rows))).pages[0].extract_text()
    assert "Scan to see what the group did" not in text
    world.journey.public_you_said = True
    world.journey.save(update_fields=["public_you_said"])
    (letter,) = letters.letters(world.journey, rows)
    link = f"https://powerwith.example.org/p/{world.journey.slug}/you-said-we-did/"
    assert qr_svg(link) in letter["page"]
    text = PdfReader(io.BytesIO(letters.letters_pdf(world.journey, rows))).pages[0].extract_text()
    assert "Scan to see what the group did" in " ".join(text.split())
    assert link in text.replace("\n", "")
