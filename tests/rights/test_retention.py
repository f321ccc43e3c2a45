"""Retention: a warning to each facilitator once, then erasure on the day, with fixed dates."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format

from powerwith.api.models import IdempotencyKey
from powerwith.common.models import AuditEntry
from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Invitation, Journey
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.rights import selectors, services
from tests.api.test_idempotency import DECISION, send, token
from tests.conftest import World, build_world, client_for, make_user

pytestmark = pytest.mark.django_db

ENDED = datetime.date(2026, 1, 6)


def _end(journey: Journey, day: datetime.date | None) -> None:
    # The settings page's service (journeys.services.journey_update) sets this too; its
    # other arguments are changing on another branch, so set the one field directly.
    Journey.objects.filter(pk=journey.pk).update(ended_on=day)
    journey.refresh_from_db()


def _people(world: World) -> list[Person]:
    return [
        people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name=name,
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
            contact=f"{name.lower()}@example.org",
        )
        for name in ("Ottoline", "Barnaby")
    ]


@override_settings(POWERWITH_RETENTION_DAYS=365, POWERWITH_RETENTION_WARNING_DAYS=30)
def test_facilitators_are_warned_once_then_personal_data_goes_on_the_day(world: World) -> None:
    second = make_user("fay@example.org", "Fay")
    journey_services.membership_add(
        actor=world.facilitator, journey=world.journey, user=second, role="facilitator"
    )
    ottoline, barnaby = _people(world)
    journey_services.invitation_create(
        actor=world.facilitator, journey=world.journey, email="new@example.org", role="member"
    )
    other = build_world("2", "Another journey")  # not ended: never touched
    other_person = _people(other)[0]
    _end(world.journey, ENDED)
    removal = datetime.date(2027, 1, 6)
    assert selectors.removal_date(world.journey) == removal

    # Before the warning window: nothing.
    assert services.retention_run(today=datetime.date(2026, 12, 6)).lines(False) == [
        "Nothing to do today."
    ]
    assert mail.outbox == []
    # A dry run on the first day of the window says what it would do, and does nothing.
    report = services.retention_run(today=datetime.date(2026, 12, 7), dry_run=True)
    assert report.lines(True) == [
        f"{world.journey.slug}: would warn its facilitators that personal data goes on 2027-01-06"
    ]
    assert mail.outbox == []
    # The warning: once to each facilitator, on the first run in the window, never again.
    services.retention_run(today=datetime.date(2026, 12, 7))
    services.retention_run(today=datetime.date(2026, 12, 7))
    services.retention_run(today=datetime.date(2027, 1, 5))
    assert sorted(m.to[0] for m in mail.outbox) == ["fay@example.org", "fran@example.org"]
    assert mail.outbox[0].subject == (
        "Personal data in \u201cBetter breast care\u201d will be removed on 6 January 2027"
    )
    assert "Export what you need now, or extend the date" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="retention_warning").count() == 1
    # The day before: still there.
    assert Person.objects.get(pk=ottoline.pk).name == "Ottoline"
    # On the day: everyone in this journey is erased, invitations go; once.
    report = services.retention_run(today=removal)
    assert report.erased == {world.journey.slug: 2}
    for p in (ottoline, barnaby):
        p.refresh_from_db()
        assert (p.name, p.contact, p.is_pseudonym) == (f"Erased person {p.pk}", "", True)
    assert not Invitation.objects.filter(journey=world.journey).exists()
    assert AuditEntry.objects.filter(action="person_erase").count() == 2
    assert services.retention_run(today=removal + datetime.timedelta(days=1)).erased == {}
    assert AuditEntry.objects.filter(action="person_erase").count() == 2
    assert len(mail.outbox) == 2
    other_person.refresh_from_db()
    assert other_person.name == "Ottoline"


@override_settings(POWERWITH_RETENTION_DAYS=365, POWERWITH_RETENTION_WARNING_DAYS=30)
def test_extending_the_date_moves_the_removal_and_warns_again(world: World) -> None:
    _end(world.journey, ENDED)
    services.retention_run(today=datetime.date(2026, 12, 20))
    assert len(mail.outbox) == 1
    client = client_for(world.facilitator)
    url = f"/j/{world.journey.slug}/rights/retention/"
    assert client.post(url, {"days": "0"}).status_code == 400
    response = client.post(url, {"days": "730"})
    assert response.status_code == 302
    world.journey.refresh_from_db()
    assert selectors.removal_date(world.journey) == datetime.date(2028, 1, 6)
    services.retention_run(today=datetime.date(2027, 1, 6))
    assert len(mail.outbox) == 1  # not yet in the new window
    services.retention_run(today=datetime.date(2027, 12, 7))
    assert len(mail.outbox) == 2
    assert "6 January 2028" in mail.outbox[1].subject
    page = client.get(url).content.decode()
    assert "personal data will be removed on <strong>6 January 2028</strong>" in page


def test_a_journey_without_an_end_keeps_its_data(world: World) -> None:
    _people(world)
    assert services.retention_run(today=datetime.date(2099, 1, 1)).lines(False) == [
        "Nothing to do today."
    ]


@override_settings(POWERWITH_RETENTION_DAYS=365, POWERWITH_RETENTION_WARNING_DAYS=30)
def test_the_notice_shows_on_the_front_and_settings_pages_in_the_window(world: World) -> None:
    today = timezone.localdate()
    pages = (f"/j/{world.journey.slug}/", f"/j/{world.journey.slug}/agreement/settings/")
    _end(world.journey, today - datetime.timedelta(days=365 - 31))  # one day before the window
    for url in pages:
        assert (
            "Personal data in this journey"
            not in client_for(world.facilitator).get(url).content.decode()
        )
    _end(world.journey, today - datetime.timedelta(days=365 - 10))
    day = date_format(today + datetime.timedelta(days=10), "j F Y")
    for url in pages:
        page = client_for(world.facilitator).get(url).content.decode()
        assert (
            f'Personal data in this journey will be removed on {day}. Export what you need now, or <a href="/j/{world.journey.slug}/rights/retention/">extend the date</a>.'
            in page
        )
    member = client_for(world.member).get(pages[0]).content.decode()
    assert "or ask a facilitator to extend the date." in member


@override_settings(POWERWITH_RETENTION_DAYS=365, POWERWITH_RETENTION_WARNING_DAYS=30)
def test_each_facilitator_is_warned_in_the_language_their_account_chose(world: World) -> None:
    from powerwith.common.models import ReadingChoice

    second = make_user("fay@example.org", "Fay")
    journey_services.membership_add(
        actor=world.facilitator, journey=world.journey, user=second, role="facilitator"
    )
    ReadingChoice.objects.create(user=second, language="cy")
    _end(world.journey, ENDED)
    services.retention_run(today=datetime.date(2026, 12, 7))
    got = {m.to[0]: m for m in mail.outbox}
    assert got["fran@example.org"].subject.startswith("Personal data in")
    assert got["fay@example.org"].subject == (
        "Bydd data personol yn \u201cBetter breast care\u201d yn cael ei ddileu ar 6 Ionawr 2027"
    )


def test_the_daily_run_forgets_api_answers_past_their_day(world: World) -> None:
    """A token that never sends another change: its kept answers go with the daily run,
    not only with its own next keyed change (api/idempotency.py)."""
    secret = token(world.member)
    path = f"/journeys/{world.journey.slug}/decisions"
    assert send(secret, path, DECISION, key="old").status_code == 201
    assert send(secret, path, DECISION, key="new").status_code == 201
    IdempotencyKey.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(hours=24, minutes=1)
    )
    IdempotencyKey.objects.filter(key="new").update(
        created_at=timezone.now() - datetime.timedelta(hours=23, minutes=59)
    )
    what = "API answers kept for a repeat, past their 24 hours"
    dry = services.retention_run(dry_run=True)
    assert dry.lines(True) == [f"would forget {what}: 1"]
    assert IdempotencyKey.objects.count() == 2
    report = services.retention_run()
    assert report.lines(False) == [f"forgot {what}: 1"]
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert services.retention_run().lines(False) == ["Nothing to do today."]


def test_the_daily_run_forgets_invitations_never_used_90_days_after_they_ran_out(
    world: World,
) -> None:
    """An invitation nobody used stays on the members page after its link runs out (to make a
    new link), then goes with its email address; a used one stays with its membership."""
    now = timezone.now()

    def invite(email: str, ran_out_days_ago: int) -> Invitation:
        inv = journey_services.invitation_create(
            actor=world.facilitator, journey=world.journey, email=email, role="member"
        )
        Invitation.objects.filter(pk=inv.pk).update(
            expires_at=now - datetime.timedelta(days=ran_out_days_ago)
        )
        return inv

    old = invite("old@example.org", 91)
    recent = invite("recent@example.org", 89)
    used = journey_services.invitation_create(
        actor=world.facilitator, journey=world.journey, email="used@example.org", role="member"
    )
    journey_services.invitation_accept(user=make_user("used@example.org"), token=used.token or "")
    Invitation.objects.filter(pk=used.pk).update(expires_at=now - datetime.timedelta(days=200))
    what = "invitations never used, 90 days after their link ran out"
    assert services.retention_run(dry_run=True).lines(True) == [f"would forget {what}: 1"]
    assert Invitation.objects.count() == 3
    assert services.retention_run().lines(False) == [f"forgot {what}: 1"]
    assert set(Invitation.objects.values_list("pk", flat=True)) == {recent.pk, used.pk}
    assert not Invitation.objects.filter(pk=old.pk).exists()
    assert services.retention_run().lines(False) == ["Nothing to do today."]
