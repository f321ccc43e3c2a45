"""Subject access and erasure pages: who may see what, what the copy holds, and the log."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from powerwith.common.models import AuditEntry
from powerwith.contributions import services as contribution_services
from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Membership
from powerwith.people import services as people_services
from powerwith.people.models import Person
from tests.conftest import PASSWORD, World, build_world, client_for
from tests.rights.helpers import zip_texts

pytestmark = pytest.mark.django_db


def _mo(world: World, *, network_key: object = None) -> Person:
    """Mo, the member, in the register with their account linked."""
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo Ibrahim",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
        contact="07700 900123",
        user=world.member,
        network_key=network_key,
    )
    contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="The letters come after the appointment.",
        channel="phone",
        raised_by=person,
    )
    return person


def _files(data: bytes) -> dict[str, str]:
    return {name.split("/", 1)[1]: text for name, text in zip_texts(data).items()}


def test_a_facilitator_downloads_what_we_hold_about_a_person(world: World) -> None:
    mo = _mo(world)
    url = f"/j/{world.journey.slug}/rights/people/{mo.pk}/"
    page = client_for(world.facilitator).get(url)
    assert page.status_code == 200
    assert "<h1>What we hold about Mo Ibrahim</h1>" in page.content.decode()
    response = client_for(world.facilitator).get(url + "?format=zip")
    assert response["Content-Type"] == "application/zip"
    files = _files(response.content)
    assert sorted(files) == sorted(
        [
            "README.txt",
            "actions-handed-on-to-them.csv",
            "agenda-items-proposed.csv",
            "asked-why-they-stopped-coming.csv",
            "assets.csv",
            "co-design-actions.csv",
            "co-design-groups.csv",
            "contributions-raised.csv",
            "contributions-they-follow-up.csv",
            "data.json",
            "decisions-they-proposed.csv",
            "every-statement-answer-given.csv",
            "expected-outcomes-they-proposed.csv",
            "expenses.csv",
            "gatherings-attended.csv",
            "ground-rules-they-proposed.csv",
            "handovers.csv",
            "how-moments-felt-to-them.csv",
            "how-they-hear-back.csv",
            "in-the-care-of-a-member-of-the-group-seen-only-by-facilitators.csv",
            "invitation-lists-drawn-up.csv",
            "invitations.csv",
            "journey-access.csv",
            "left-off-a-gathering-s-invitations.csv",
            "log-lines.csv",
            "named-reflection-answers.csv",
            "needs-checked-at-gatherings.csv",
            "notices.csv",
            "parts-of-the-legacy-plan-they-own.csv",
            "payments.csv",
            "profile.csv",
            "reflection-rounds-answered.csv",
            "register-entry.csv",
            "roles-over-time.csv",
            "speaking-turns.csv",
            "statement-responses.csv",
            "statements-written.csv",
            "stories-they-told.csv",
            "support-needs.csv",
            "tasks.csv",
            "their-consent-for-each-use.csv",
            "time-given.csv",
            "training-goals.csv",
            "training-sessions-they-ran.csv",
            "training-sessions.csv",
            "training.csv",
            "views-at-an-ending.csv",
            "votes-cast.csv",
            "who-should-be-involved-people-they-were-asked-to-approach.csv",
            "who-should-be-involved-their-entry-before-joining.csv",
            "who-should-be-involved-what-happened.csv",
            "wordings-of-the-purpose-or-problem-they-proposed.csv",
            "words-they-asked-about.csv",
        ]
    )
    entry = files["register-entry.csv"].splitlines()
    assert entry[0].startswith("Journey,Name,Name is a pseudonym,Role now,Side now")
    assert "Mo Ibrahim" in entry[1] and "07700 900123" in entry[1]
    raised = json.loads(files["data.json"])["tables"]["contributions raised"]
    assert [r["Words"] for r in raised] == ["The letters come after the appointment."]
    assert "Mo Ibrahim" in files["README.txt"]
    line = AuditEntry.objects.filter(action="subject_access").get()
    assert line.actor == world.facilitator
    assert line.summary == (
        f"Made a copy of what we hold about register entry {mo.pk} (by a facilitator)"
    )


def test_the_copy_covers_other_journeys_only_where_the_facilitator_runs_them(
    world: World,
) -> None:
    mo = _mo(world)
    other = build_world("2", "Another journey")
    elsewhere = people_services.person_create(
        actor=other.facilitator,
        journey=other.journey,
        name="Mo Ibrahim",
        role="carer",
        joined_on=datetime.date(2025, 2, 1),
        network_key=mo.network_key,
    )
    url = f"/j/{world.journey.slug}/rights/people/{mo.pk}/?format=zip"
    entries = _files(client_for(world.facilitator).get(url).content)["register-entry.csv"]
    assert len(entries.splitlines()) == 2  # header and this journey's entry only
    journey_services.membership_add(
        actor=other.facilitator, journey=other.journey, user=world.facilitator, role="facilitator"
    )
    entries = _files(client_for(world.facilitator).get(url).content)["register-entry.csv"]
    assert [line.split(",")[0] for line in entries.splitlines()] == [
        "Journey",
        "Better breast care",
        "Another journey",
    ]
    assert AuditEntry.objects.filter(journey=other.journey, action="subject_access").count() == 1
    assert elsewhere.pk != mo.pk


def test_members_and_outsiders_cannot_see_what_we_hold(world: World) -> None:
    mo = _mo(world)
    url = f"/j/{world.journey.slug}/rights/people/{mo.pk}/"
    assert client_for(world.member).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    assert not AuditEntry.objects.filter(action="subject_access").exists()


def test_a_signed_in_person_downloads_what_powerwith_holds_about_them(world: World) -> None:
    mo = _mo(world)
    other = build_world("2", "Another journey")
    people_services.person_create(
        actor=other.facilitator,
        journey=other.journey,
        name="Mo I",
        role="carer",
        joined_on=datetime.date(2025, 2, 1),
        user=world.member,
    )
    client = client_for(world.member)
    page = client.get("/accounts/your-data/").content.decode()
    assert "<h1>What PowerWith holds about you</h1>" in page
    assert f'href="/accounts/your-data/erase/{mo.pk}/"' in page
    files = _files(client.get("/accounts/your-data/?format=zip").content)
    assert files["account.csv"].splitlines()[1].startswith("mo@example.org,Mo,")
    names = [line.split(",")[1] for line in files["register-entry.csv"].splitlines()[1:]]
    assert names == ["Mo I", "Mo Ibrahim"]
    assert AuditEntry.objects.filter(action="subject_access").count() == 2
    assert Client().get("/accounts/your-data/").status_code == 302


def test_a_person_erases_their_own_entry_with_their_password(world: World) -> None:
    mo = _mo(world)
    client = client_for(world.member)
    url = f"/accounts/your-data/erase/{mo.pk}/"
    page = client.get(url).content.decode()
    assert "<h1>Erase your entry in Better breast care</h1>" in page
    assert "What stays" in page
    wrong = client.post(url, {"password": "not it"})
    assert wrong.status_code == 400
    assert "That is not your password" in wrong.content.decode()
    assert Person.objects.get(pk=mo.pk).name == "Mo Ibrahim"
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    mo.refresh_from_db()
    assert (mo.name, mo.user_id, mo.contact) == (f"Erased person {mo.pk}", None, "")
    assert Membership.objects.get(user=world.member, journey=world.journey).person_id is None
    line = AuditEntry.objects.filter(action="person_erase").get()
    assert line.summary.endswith("(at their own request)")
    assert "Mo" not in line.summary
    # No longer theirs: the page is gone for them.
    assert client.get(url).status_code == 404


def test_another_users_entry_is_not_found(world: World) -> None:
    mo = _mo(world)
    assert client_for(world.observer).get(f"/accounts/your-data/erase/{mo.pk}/").status_code == 404
    assert (
        client_for(world.facilitator).get(f"/accounts/your-data/erase/{mo.pk}/").status_code == 404
    )
    assert Client().get(f"/accounts/your-data/erase/{mo.pk}/").status_code == 302


def test_a_facilitator_erases_after_confirming(world: World) -> None:
    mo = _mo(world)
    client = client_for(world.facilitator)
    url = f"/j/{world.journey.slug}/rights/people/{mo.pk}/erase/"
    assert "<h1>Erase Mo Ibrahim's personal data</h1>" in client.get(url).content.decode()
    unconfirmed = client.post(url, {"remove_words": "on"})
    assert unconfirmed.status_code == 400
    assert "Tick the box to say you understand" in unconfirmed.content.decode()
    assert client.post(url, {"remove_words": "on", "confirm": "on"}).status_code == 302
    mo.refresh_from_db()
    assert mo.name == f"Erased person {mo.pk}"
    assert mo.contributions.get().text == "(Removed at the request of the person who said it.)"
    assert client_for(world.member).post(url, {"confirm": "on"}).status_code == 403


def test_the_password_is_always_checked_and_only_for_your_own_entry(world: World) -> None:
    from django.core.exceptions import ValidationError

    from powerwith.rights import services

    fran = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Fran Okafor",
        role="frontline_staff",
        joined_on=datetime.date(2025, 1, 6),
        user=world.facilitator,
    )
    mo = _mo(world)
    with pytest.raises(ValidationError, match="That is not your password"):
        services.person_erase(actor=world.facilitator, person=fran, password="wrong")
    with pytest.raises(ValidationError, match="only erase your own entry"):
        services.person_erase(actor=world.facilitator, person=mo, password=PASSWORD)
    with pytest.raises(ValidationError, match="only erase your own entry"):
        services.person_erase(actor=world.member, person=fran, password=PASSWORD)
    assert Person.objects.filter(name__in=["Fran Okafor", "Mo Ibrahim"]).count() == 2
    assert not AuditEntry.objects.filter(action="person_erase").exists()
