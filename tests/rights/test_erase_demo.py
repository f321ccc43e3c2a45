"""Erasing a person from the demo journey: the group's figures stay exactly as they were,
except the ones made from the profile and needs erasure deletes; the person is nowhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from powerwith import exports
from powerwith.common.models import AuditEntry
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.demo import ebcd, lab
from powerwith.inclusion import services as inclusion_services
from powerwith.inclusion.models import NeedCheck, Profile, SupportNeed
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.reflection.models import NamedAnswer
from powerwith.rights import services
from tests import demo_snapshot
from tests.rights.helpers import differences, where_in_database, zip_texts

pytestmark = pytest.mark.django_db

NAME = "Maggie"
CONTACT = "maggie.w@example.org"
OWN_WORDS = "Zanzibari Cornish"  # her own description of her ethnic group


def _figures(journey: Journey) -> dict[str, Any]:
    doc = insights_for(journey)
    doc.pop("generated_at")
    return doc


def _expected(journey: Journey, person: Person) -> dict[str, Any]:
    """The figures erasure must give: what deleting exactly their profile and their needs (and
    nothing else) gives, worked out in a transaction that is rolled back."""
    with transaction.atomic():
        Profile.objects.filter(person=person).delete()
        SupportNeed.objects.filter(person=person).delete()
        expected = _figures(journey)
        transaction.set_rollback(True)
    return expected


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_erasing_a_person_keeps_the_groups_figures_and_leaves_no_trace() -> None:
    demo_snapshot.load_demo()
    journey = Journey.objects.get(slug=ebcd.SLUG)
    other = Journey.objects.get(slug=lab.SLUG)
    facilitator = journey.created_by
    maggie = Person.objects.get(journey=journey, name=NAME)
    rosa = Person.objects.get(journey=journey, name="Rosa")
    # Her contact, her own words in her profile, and someone else naming her.
    people_services.person_update(
        actor=facilitator,
        person=maggie,
        name=NAME,
        is_pseudonym=False,
        organisation=maggie.organisation,
        contact=CONTACT,
        online=maggie.online,
    )
    profile = Profile.objects.get(person=maggie)
    inclusion_services.profile_save(
        actor=facilitator,
        person=maggie,
        answers=profile.answers(),
        consent=True,
        ethnicity_text=OWN_WORDS,
        consent_channel=profile.consent_channel,
        consent_given_on=profile.consent_given_on,
        reason="Maggie asked us to correct it by phone",
    )
    mention = contribution_services.contribution_create(
        actor=facilitator,
        journey=journey,
        text="I agree with what Maggie said about the waiting room.",
        channel="phone",
        raised_by=rosa,
    )
    her_words = list(
        Contribution.objects.filter(raised_by=maggie).order_by("pk").values_list("pk", "text")
    )
    assert len(her_words) == 4  # three raised at gatherings, one at the film's screening
    assert SupportNeed.objects.filter(person=maggie).count() == 1
    ratings = list(
        NamedAnswer.objects.filter(answer_set__person=maggie, rating__isnull=False)
        .order_by("pk")
        .values_list("pk", "rating")
    )
    assert len(ratings) == 8

    before = _figures(journey)
    other_before = _figures(other)
    expected = _expected(journey, maggie)
    checks = NeedCheck.objects.filter(person=maggie).exclude(outcome="").count()  # with an outcome
    assert checks > 0

    counts = services.person_erase(actor=facilitator, person=maggie)

    assert counts["register entries pseudonymised"] == 1
    assert counts["profiles deleted"] == 1
    assert counts["support needs deleted"] == 1
    assert counts["contributions naming them"] == 1  # Rosa's words now name the pseudonym
    after = _figures(journey)
    assert differences(expected, after) == []
    # Exactly these figures moved, and only by her:
    moved = {line.split(":")[0] for line in differences(before, after)}
    sections = {
        p.split(".")[2] + "." + p.split(".")[3].split("[")[0]
        for p in moved
        if p.startswith(".sections")
    }
    assert sections == {"inclusion.profiles", "inclusion.representation", "inclusion.needs"}
    inc_before, inc_after = before["sections"]["inclusion"], after["sections"]["inclusion"]
    assert inc_after["profiles"]["profiles"] == inc_before["profiles"]["profiles"] - 1
    needs_before, needs_after = inc_before["needs"], inc_after["needs"]
    assert needs_after["people_with_needs"] == needs_before["people_with_needs"] - 1
    assert needs_after["checked"] == needs_before["checked"] - checks
    # The other journey does not move at all.
    assert differences(other_before, _figures(other)) == []

    maggie.refresh_from_db()
    assert maggie.name == f"Erased person {maggie.pk}"
    assert maggie.is_pseudonym and maggie.contact == "" and maggie.user_id is None
    # Her words stay (the default), without her name; Rosa's mention names the pseudonym.
    assert (
        list(Contribution.objects.filter(raised_by=maggie).order_by("pk").values_list("pk", "text"))
        == her_words
    )
    mention.refresh_from_db()
    assert mention.text == (
        f"I agree with what Erased person {maggie.pk} said about the waiting room."
    )
    # Her named answers keep their ratings (the round's counts) and lose any words.
    assert not NamedAnswer.objects.filter(answer_set__person=maggie).exclude(text="").exists()
    assert (
        list(
            NamedAnswer.objects.filter(answer_set__person=maggie, rating__isnull=False)
            .order_by("pk")
            .values_list("pk", "rating")
        )
        == ratings
    )
    assert not Profile.objects.filter(person=maggie).exists()
    for text in (NAME, CONTACT, OWN_WORDS):
        assert where_in_database(text) == [], text
        for name, content in zip_texts(exports.build_zip(journey)).items():
            assert text not in content, (text, name)
    line = AuditEntry.objects.filter(journey=journey, action="person_erase").get()
    assert line.summary == (
        f"Erased the personal data of register entry {maggie.pk}, now "
        f"\u201cErased person {maggie.pk}\u201d (by a facilitator)"
    )

    # Erasing twice is harmless: nothing changes but one more log line.
    tables = _counts()
    again = services.person_erase(actor=facilitator, person=maggie)
    assert {k: v for k, v in again.items() if v} == {}
    assert differences(after, _figures(journey)) == []
    tables["common.AuditEntry"] += 1
    assert _counts() == tables


def test_the_facilitator_can_remove_her_words_too() -> None:
    demo_snapshot.load_demo()
    journey = Journey.objects.get(slug=ebcd.SLUG)
    maggie = Person.objects.get(journey=journey, name=NAME)
    expected = _expected(journey, maggie)
    services.person_erase(actor=journey.created_by, person=maggie, remove_words=True)
    texts = set(Contribution.objects.filter(raised_by=maggie).values_list("text", flat=True))
    assert texts == {"(Removed at the request of the person who said it.)"}
    # Only the quoted words move: the "you said, we did" figures quote what people said.
    marker = "'(Removed at the request of the person who said it.)'"
    moved = differences(expected, _figures(journey))
    assert moved, "her words are quoted on the dashboard"
    for line in moved:
        assert line.split(":")[0].endswith(".text") and line.endswith(f"-> {marker}"), line
