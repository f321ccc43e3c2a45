"""Feedback cards: printed in batches with their own receipt codes (a PDF read back with pypdf),
typed in once when they come back, and looked up by whoever kept the strip."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from powerwith.common.models import AuditEntry
from powerwith.contributions import receipts
from powerwith.contributions import services as cs
from powerwith.contributions.models import CardBatch, Contribution, FeedbackCard
from tests.conftest import build_world, client_for
from tests.people.builders import D, gathering


def url(world, name, **kw):
    return reverse(f"contributions:{name}", kwargs={"slug": world.journey.slug, **kw})


def test_printing_makes_a_row_per_card_with_its_own_code_and_no_personal_data(world):
    g = gathering(world, "Tuesday café", D(2025, 2, 4))
    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=5, gathering=g)
    codes = list(batch.cards.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 5
    assert all(receipts.normalise(c) == c for c in codes)
    assert (batch.journey, batch.gathering) == (world.journey, g)
    # A card row is a code, its batch, and later the contribution: nothing about a person.
    assert sorted(f.name for f in FeedbackCard._meta.concrete_fields) == [
        "batch",
        "code",
        "contribution",
        "id",
        "typed_in_at",
        "typed_in_token",
    ]
    assert sorted(f.name for f in CardBatch._meta.concrete_fields) == [
        "gathering",
        "id",
        "journey",
        "printed_at",
    ]
    line = AuditEntry.objects.get(action="cards_print")
    assert (line.summary, line.actor) == (
        "5 feedback cards printed for Tuesday café",
        world.facilitator,
    )
    assert not any(code in line.summary for code in codes)


@pytest.mark.parametrize("count", [0, 201])
def test_printing_refuses_a_count_out_of_range(world, count):
    with pytest.raises(ValidationError) as exc:
        cs.cards_print(actor=world.facilitator, journey=world.journey, count=count)
    assert exc.value.message_dict == {"count": ["Choose between 1 and 200 cards."]}


def test_only_facilitators_print_and_type_in(world):
    from powerwith.common.access import NotAllowed

    with pytest.raises(NotAllowed):
        cs.cards_print(actor=world.member, journey=world.journey, count=1)
    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=1)
    with pytest.raises(NotAllowed):
        cs.card_type_in(
            actor=world.member, journey=world.journey, code=batch.cards.get().code, text="Hi"
        )


def test_the_pdf_has_four_cards_an_a4_page_each_with_its_code(world, client):
    g = gathering(world, "Tuesday café", D(2025, 2, 4))
    client.force_login(world.facilitator)
    r = client.post(url(world, "cards"), {"count": "5", "gathering": str(g.pk)}, follow=True)
    assert "5 cards made. Download them below and print them." in r.content.decode()
    batch = CardBatch.objects.get()
    pdf = client.get(url(world, "cards_pdf", batch_pk=batch.pk))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(p.extract_text() for p in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    for code in batch.cards.values_list("code", flat=True):
        assert receipts.shown(code) in flat
    assert flat.count("You do not need to write your name.") == 5
    assert flat.count("Tell us what you think") == 5
    assert "Better breast care: Tuesday café, 4 February 2025" in flat
    assert "go to testserver/receipt and type in your code" in flat
    # The same codes each time it is downloaded.
    again = PdfReader(io.BytesIO(client.get(url(world, "cards_pdf", batch_pk=batch.pk)).content))
    assert " ".join(p.extract_text() for p in again.pages) == text


def test_a_card_typed_in_is_an_anonymous_paper_contribution_with_the_cards_code(world):
    g = gathering(world, "Tuesday café", D(2025, 2, 4))
    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=2, gathering=g)
    card = batch.cards.first()
    assert (
        Client()
        .post("/receipt/", {"code": card.code})
        .content.decode()
        .count("has not been typed in yet")
        == 1
    )
    c = cs.card_type_in(
        actor=world.facilitator,
        journey=world.journey,
        code=receipts.shown(card.code).lower(),
        text=" More seats please ",
        token="t1",
    )
    card.refresh_from_db()
    assert (c.text, c.channel, c.anonymous, c.raised_by, c.gathering, c.raised_on) == (
        "More seats please",
        "paper",
        True,
        None,
        g,
        D(2025, 2, 4),
    )
    assert (c.receipt_code, c.provenance, c.entered_by) == (
        card.code,
        "Written on a feedback card",
        world.facilitator,
    )
    assert card.contribution == c and card.typed_in_at is not None
    found = Client().post("/receipt/", {"code": card.code}).content.decode()
    assert "More seats please" in found and "<strong>New</strong>" in found


def test_the_same_card_twice_is_refused_saying_when_and_a_double_submit_counts_once(world):
    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=1)
    code = batch.cards.get().code
    first = cs.card_type_in(
        actor=world.facilitator, journey=world.journey, code=code, text="One", token="tok"
    )
    # The same form sent again (a double tap): the same contribution, nothing more.
    same = cs.card_type_in(
        actor=world.facilitator, journey=world.journey, code=code, text="One", token="tok"
    )
    assert same.pk == first.pk and Contribution.objects.count() == 1
    at = timezone.localtime(batch.cards.get().typed_in_at)
    with pytest.raises(ValidationError) as exc:
        cs.card_type_in(
            actor=world.facilitator, journey=world.journey, code=code, text="One", token="other"
        )
    day = f"{at.day} {at:%B %Y}"
    assert exc.value.message_dict == {
        "code": [
            f"The card {receipts.shown(code)} was already typed in on {day} at {at:%H:%M}. "
            "A card is typed in only once."
        ]
    }
    assert Contribution.objects.count() == 1


def test_a_code_from_another_journey_or_no_card_is_refused(world):
    other = build_world("2", "Another journey")
    theirs = cs.cards_print(actor=other.facilitator, journey=other.journey, count=1).cards.get()
    for code in (theirs.code, "ZZZZZZZZ"):
        with pytest.raises(ValidationError) as exc:
            cs.card_type_in(actor=world.facilitator, journey=world.journey, code=code, text="x")
        assert exc.value.message_dict == {
            "code": [
                f"No card with the code {receipts.shown(code)} was printed for this journey. "
                "Check the code on the card."
            ]
        }
    with pytest.raises(ValidationError) as exc:
        cs.card_type_in(actor=world.facilitator, journey=world.journey, code="K7P4", text="x")
    assert exc.value.message_dict == {
        "code": ["A card's code has 8 letters and numbers, like K7P4-3QX9. Check what you typed."]
    }


def test_the_type_in_page_keeps_what_was_typed_and_a_resent_form_counts_once(world):
    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=1)
    code = receipts.shown(batch.cards.get().code)
    fran = client_for(world.facilitator)
    page = fran.get(url(world, "card_type_in")).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)
    bad = fran.post(url(world, "card_type_in"), {"code": "ZZZZ-ZZZZ", "text": "Kept words"})
    assert bad.status_code == 400
    assert "Kept words" in bad.content.decode() and 'value="ZZZZ-ZZZZ"' in bad.content.decode()
    data = {"code": code, "text": "Lovely staff", "token": token}
    r = fran.post(url(world, "card_type_in"), data, follow=True)
    assert f"Card {code} typed in. It is now on the list of contributions." in r.content.decode()
    r = fran.post(url(world, "card_type_in"), data, follow=True)
    assert r.status_code == 200 and Contribution.objects.count() == 1
    r = fran.post(url(world, "card_type_in"), {**data, "token": "x" * 32})
    assert r.status_code == 400 and "was already typed in on" in r.content.decode()
    assert Contribution.objects.count() == 1


def test_the_export_lists_cards_without_their_codes(world):
    from powerwith import exports

    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=2)
    first, second = batch.cards.order_by("id")
    c = cs.card_type_in(actor=world.facilitator, journey=world.journey, code=first.code, text="Hi")
    tables, _descriptions = exports.all_tables(world.journey)
    today = timezone.localdate()
    assert tables["feedback_cards"] == [
        {
            "card": 1,
            "batch_id": batch.pk,
            "gathering_id": None,
            "printed_on": today,
            "typed_in_on": today,
            "contribution_id": c.pk,
        },
        {
            "card": 2,
            "batch_id": batch.pk,
            "gathering_id": None,
            "printed_on": today,
            "typed_in_on": None,
            "contribution_id": None,
        },
    ]
    import zipfile

    with zipfile.ZipFile(io.BytesIO(exports.build_zip(world.journey))) as z:
        everything = "\n".join(z.read(name).decode("utf-8") for name in z.namelist())
    assert "feedback_cards.csv" in everything and "Hi" in everything
    for code in (first.code, second.code, receipts.shown(first.code)):
        assert code not in everything


def test_the_demo_has_cards_printed_two_typed_in_and_anonymous_codes(db):
    from tests.demo_snapshot import load_demo

    load_demo()
    batch = CardBatch.objects.get(journey__slug="better-breast-care")
    assert batch.cards.count() == 8
    typed = list(batch.cards.filter(typed_in_at__isnull=False).select_related("contribution"))
    assert len(typed) == 2
    for card in typed:
        assert card.contribution.receipt_code == card.code
        assert (card.contribution.channel, card.contribution.anonymous) == ("paper", True)
        assert card.contribution.gathering == batch.gathering
    anonymous = Contribution.objects.filter(anonymous=True)
    assert anonymous.count() > 2
    assert not anonymous.filter(receipt_code__isnull=True).exists()
    assert not Contribution.objects.filter(anonymous=False, receipt_code__isnull=False).exists()
