"""Receipt codes: an anonymous contribution's only way back to whoever raised it, and the public
look-up page that reads one, signed out, naming no one."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.contributions import receipts
from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution
from tests.people.builders import D, contribution, person

LOOKUP = "/receipt/"


def test_the_alphabet_has_no_look_alikes_and_codes_read_back_however_typed():
    assert receipts.ALPHABET == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    assert len(set(receipts.ALPHABET)) == 32
    code = receipts.new_code()
    assert len(code) == 8 and set(code) <= set(receipts.ALPHABET)
    assert receipts.shown("K7P43QX9") == "K7P4-3QX9"
    for typed in ("K7P4-3QX9", "k7p43qx9", " k7p4 3qx9 ", "K7P4–3QX9", "k7p4-3qx9\n"):
        assert receipts.normalise(typed) == "K7P43QX9"
    # O, I and L are read as 0, 1 and 1.
    assert receipts.normalise("oil0-1111") == "01101111"
    for bad in ("K7P4-3QX", "K7P4-3QX9A", "K7P4-3QU9", "K7P4*3QX9", ""):
        assert receipts.normalise(bad) is None


def test_codes_come_from_secrets(monkeypatch):
    picks = iter("ABCDEFGH")
    monkeypatch.setattr(receipts.secrets, "choice", lambda alphabet: next(picks))
    assert receipts.new_code() == "ABCDEFGH"


def test_an_anonymous_contribution_gets_a_code_and_a_named_one_none(world):
    ann = person(world, "Ann", "carer")
    named = contribution(world, "From Ann", raised_by=ann)
    first = contribution(world, "Nobody named")
    second = contribution(world, "Nobody named either")
    assert named.receipt_code is None
    assert receipts.normalise(first.receipt_code) == first.receipt_code
    assert first.receipt_code != second.receipt_code
    # The log says what was raised and who typed it in, and never the code.
    lines = AuditEntry.objects.filter(action="contribution_create", object_id=first.pk)
    (line,) = lines
    assert first.receipt_code not in line.summary
    assert line.on_behalf_of is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=second.pk).update(receipt_code=first.receipt_code)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=named.pk).update(receipt_code="ABCDEFGH")


def test_a_new_code_skips_one_already_used(world, monkeypatch):
    taken = contribution(world, "First")
    codes = iter([taken.receipt_code, "ZZZZ0000"])
    monkeypatch.setattr(receipts, "new_code", lambda: next(codes))
    assert contribution(world, "Second").receipt_code == "ZZZZ0000"


def test_the_code_is_shown_once_after_raising_with_why_to_keep_it(world, client):
    client.force_login(world.member)
    r = client.post(
        reverse("contributions:create", kwargs={"slug": world.journey.slug}),
        {"text": "The waiting room is cold", "raised_by": "anonymous", "channel": "paper"},
        follow=True,
    )
    c = Contribution.objects.get(text="The waiting room is cold")
    shown = receipts.shown(c.receipt_code)
    text = r.content.decode()
    assert (
        f"Its receipt code is {shown}. Give it to whoever raised it and ask them to keep it: it "
        "is the only way they can hear what happens, because nobody knows who raised it. They "
        "can type it in at testserver/receipt to see what became of it." in text
    )
    # Not on its page afterwards.
    again = client.get(c.get_absolute_url()).content.decode()
    assert shown not in again and c.receipt_code not in again


def test_existing_anonymous_contributions_get_codes_in_the_migration(world):
    ann = person(world, "Ann", "carer")
    named = contribution(world, "Named", raised_by=ann)
    old = [contribution(world, f"Old {n}") for n in range(3)]
    Contribution.objects.filter(pk__in=[c.pk for c in old]).update(receipt_code=None)
    migration = importlib.import_module(
        "powerwith.contributions.migrations.0008_receipts_codes_and_cards"
    )
    migration.give_codes(django_apps, None)
    codes = [Contribution.objects.get(pk=c.pk).receipt_code for c in old]
    assert all(receipts.normalise(code) == code for code in codes)
    assert len(set(codes)) == 3
    assert Contribution.objects.get(pk=named.pk).receipt_code is None


# --- The public look-up -------------------------------------------------------------------


def _post(client: Client, code: str):
    return client.post(LOOKUP, {"code": code})


def test_lookup_signed_out_shows_the_fate_and_no_name(world):
    ann = person(world, "Ann Example", "carer")
    c = contribution(world, "The chairs are too low")
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=c,
        fate="done",
        change_level="organisational_service",
        reason="The estates team measured them",
        response="We bought higher chairs for the waiting room",
        on=D(2025, 3, 10),
    )
    world.journey.public_you_said = True
    world.journey.save(update_fields=["public_you_said"])
    client = Client()
    assert client.get(LOOKUP).status_code == 200
    r = _post(client, receipts.shown(c.receipt_code).lower())
    assert r.status_code == 200
    text = re.sub(r"\s+", " ", r.content.decode())
    assert "Raised in “Better breast care”" in text
    assert "The chairs are too low" in text
    assert "<strong>Done</strong>: Something changed because of it." in text
    assert "The estates team measured them" in text
    assert "We bought higher chairs for the waiting room" in text
    assert "10 March 2025" in text and "4 February 2025" in text
    assert f'href="/p/{world.journey.slug}/you-said-we-did/"' in text
    for name in ("Ann", "Fran", "Mo"):
        assert name not in text
    assert ann.pk  # Ann exists in the journey, and still is not named


def test_lookup_of_one_kept_off_the_public_page_hides_its_words_and_without_sharing_no_link(
    world,
):
    c = contribution(world, "Words that could tell who I am")
    cs.contribution_set_public(actor=world.facilitator, contribution=c, off_public=True)
    r = _post(Client(), c.receipt_code)
    text = r.content.decode()
    assert r.status_code == 200
    assert "Words that could tell who I am" not in text
    assert "<strong>New</strong>: Raised, and no one has responded yet." in text
    assert "/you-said-we-did/" not in text


def test_lookup_of_a_merged_one_says_what_became_of_the_one_carrying_it(world):
    keeper = contribution(world, "Parking is hard")
    c = contribution(world, "No spaces in the car park")
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=keeper,
        fate="in_progress",
        response="Talking to the council",
        on=D(2025, 3, 1),
    )
    cs.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="merged", merged_into=keeper, on=D(2025, 3, 2)
    )
    text = _post(Client(), c.receipt_code).content.decode()
    assert "Someone else raised the same point. Both are answered together." in text
    assert "“Parking is hard”" in text
    assert "<strong>In progress</strong>" in text
    assert "Talking to the council" in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type the receipt code from your card or your screen."),
        (
            "K7P4-3QX",
            "A receipt code has 8 letters and numbers, like K7P4-3QX9. Check what you typed.",
        ),
        (
            "zzzz-zzzz",
            "Nothing has the receipt code ZZZZ-ZZZZ. Check it against your card or the screen you "
            "saw it on.",
        ),
    ],
)
def test_a_wrong_code_gets_its_own_message_and_keeps_what_was_typed(world, typed, message):
    contribution(world, "Something")
    r = _post(Client(), typed)
    assert r.status_code == 400
    text = r.content.decode()
    assert message in text
    assert f'value="{typed}"' in text if typed else 'name="code"' in text
    assert "There is a problem" in text


def test_lookup_is_rate_limited(world, settings, pinned_clock):
    settings.POWERWITH_RATE_LIMITS = {"lookup": (2, 60)}
    client = Client()
    assert _post(client, "zzzz-zzzz").status_code == 400
    assert _post(client, "zzzz-zzzz").status_code == 400
    assert _post(client, "zzzz-zzzz").status_code == 429
