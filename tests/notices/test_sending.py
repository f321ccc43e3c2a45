"""Notices of fate through the real task worker and a real SMTP server on localhost."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from powerwith.common.access import check
from powerwith.contributions import services as contribution_services
from powerwith.journeys.next_steps import next_steps
from powerwith.notices import sending, services
from powerwith.notices.models import Notice
from tests.conftest import World, build_world

from .conftest import SmtpServer, add_person, hears_by_email, raise_one, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db: Any) -> World:
    return build_world()


def _parts(message: Any) -> dict[str, str]:
    return {
        # Lines travel with CRLF endings over SMTP.
        part.get_content_type(): part.get_payload(decode=True)
        .decode(part.get_content_charset())
        .replace("\r\n", "\n")
        for part in message.walk()
        if not part.is_multipart()
    }


def test_a_fate_change_sends_exactly_one_email_with_the_right_words(
    world: World, smtp: SmtpServer
) -> None:
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator,
        contribution=c,
        fate="not_possible",
        reason="The heating is run by the landlord, who will not change it until May.",
    )
    notice = Notice.objects.get()
    assert (notice.status, notice.way, notice.attempts) == ("queued", "email", 0)
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert len(smtp.inbox.messages) == 1
    message = smtp.inbox.messages[0]
    assert smtp.inbox.recipients == [["rose@example.org"]]
    assert message["Subject"] == "What happened to what you raised: Better breast care"
    parts = _parts(message)
    assert set(parts) == {"text/plain", "text/html"}
    text = parts["text/plain"]
    assert "Hello Rose Hill," in text
    assert 'On 3 February 2025 you said:\n"The waiting room is too cold."' in text
    assert "What happened: Not possible. It cannot be done, and the reason is given." in text
    assert "Why: The heating is run by the landlord, who will not change it until May." in text
    assert "<blockquote><p>The waiting room is too cold.</p></blockquote>" in parts["text/html"]
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.last_error) == ("sent", 0, "")
    assert notice.sent_at is not None

    # Running the worker again, or sending what is due by hand, sends nothing more.
    run_worker()
    assert sending.send_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert len(smtp.inbox.messages) == 1


def test_the_public_link_is_in_the_email_only_when_the_page_is_shared(
    world: World, smtp: SmtpServer, settings: Any
) -> None:
    settings.POWERWITH_SITE_URL = "https://powerwith.example.org/"
    world.journey.public_you_said = True
    world.journey.save()
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    run_worker()
    text = _parts(smtp.inbox.messages[0])["text/plain"]
    assert (
        "Everything the group has done with what people raised:\n"
        "https://powerwith.example.org/p/better-breast-care/you-said-we-did/" in text
    )


def test_with_the_mail_server_down_nothing_is_lost_and_nothing_is_sent_twice(
    world: World, smtp_server: SmtpServer, settings: Any
) -> None:
    settings.POWERWITH_NOTICE_BACKOFF = [1, 1, 1]
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    run_worker()  # the server is not running: the try fails
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == ("queued", 1)
    assert notice.last_error.startswith("The mail server could not be reached")
    assert notice.due_at > timezone.now()
    # The next try is on the queue, to run after the back-off; so is the run's follow-up, for
    # after the task lease, in case the worker had died mid-way (common/tasks.py).
    waits = sorted(DBTaskResult.objects.filter(status="READY").values_list("run_after", flat=True))
    assert len(waits) == 2
    assert waits[0] <= timezone.now() + datetime.timedelta(seconds=2)
    assert waits[1] > timezone.now() + datetime.timedelta(seconds=590)

    smtp_server.start()
    run_worker()  # too early: the retry waits for its time
    assert smtp_server.inbox.messages == []
    time.sleep(1.1)
    run_worker()
    assert len(smtp_server.inbox.messages) == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("sent", 1)
    # More tasks for the same notices (a cron job, a second worker) send nothing more.
    from powerwith.notices.tasks import send_due_notices

    send_due_notices.enqueue()
    send_due_notices.enqueue()
    run_worker()
    assert len(smtp_server.inbox.messages) == 1


def test_after_the_last_try_it_has_failed_shows_on_the_front_page_and_can_be_retried(
    world: World, smtp_server: SmtpServer, settings: Any
) -> None:
    settings.POWERWITH_NOTICE_BACKOFF = [0, 0]
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="prioritised"
    )
    run_worker()  # three tries (the first and two retries, no wait), all refused
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == ("failed", 3)

    steps = next_steps(check(world.facilitator, world.journey, "view"), world.facilitator)
    failed = [s for s in steps if s.key == "notices"]
    assert [(s.heading, s.text, s.attention) for s in failed] == [
        (
            "Notices that could not be sent",
            "1 person was not told what happened to what they raised: the notice could not "
            "be sent.",
            True,
        )
    ]
    member_steps = next_steps(check(world.member, world.journey, "view"), world.member)
    assert [s for s in member_steps if s.key == "notices"] == []

    smtp_server.start()
    services.notice_retry(actor=world.facilitator, notice=notice)
    run_worker()
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("sent", 0)
    assert len(smtp_server.inbox.messages) == 1


def test_a_weekly_digest_sends_each_person_one_email_with_everything(
    world: World, smtp: SmtpServer
) -> None:
    services.notice_timing_set(actor=world.facilitator, journey=world.journey, timing="week")
    rose, sam = add_person(world), add_person(world, "Sam Ode")
    hears_by_email(world, rose)
    hears_by_email(world, sam, "sam@example.org")
    cold = raise_one(world, rose)
    parking = raise_one(world, rose, "Parking costs too much.")
    chairs = raise_one(world, sam, "The chairs are hard.")
    for c in (cold, parking, chairs):
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=c, fate="considering"
        )
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=cold, fate="in_progress"
    )
    run_worker()  # nothing is due before Monday
    assert smtp.inbox.messages == []
    due = {n.due_at for n in Notice.objects.all()}
    assert len(due) == 1
    monday = timezone.localtime(due.pop())
    assert (monday.weekday(), monday.hour, monday.minute) == (0, 9, 0)
    assert 0 < (monday.date() - timezone.localdate()).days <= 7

    assert sending.send_due(now=monday) == {"sent": 4, "retry": 0, "failed": 0}
    assert sorted(r[0] for r in smtp.inbox.recipients) == ["rose@example.org", "sam@example.org"]
    to_rose = next(
        _parts(m)["text/plain"]
        for m, r in zip(smtp.inbox.messages, smtp.inbox.recipients, strict=True)
        if r == ["rose@example.org"]
    )
    # Each contribution once, with its latest change.
    assert to_rose.count("you said:") == 2
    assert "What happened: In progress." in to_rose
    assert "What happened: Being considered." in to_rose
    assert "Parking costs too much." in to_rose
    assert "The chairs are hard." not in to_rose


def test_due_times_for_each_timing() -> None:
    from powerwith.notices.services import due_time

    class J:  # due_time reads gatherings only for "gathering"
        pass

    now = timezone.make_aware(datetime.datetime(2026, 12, 2, 15, 30))  # a Wednesday
    assert due_time(J(), "at_once", now) == now  # type: ignore[arg-type]
    assert timezone.localtime(
        due_time(
            J(),
            "week",
            now,
        )
    ) == timezone.make_aware(  # type: ignore[arg-type]
        datetime.datetime(2026, 12, 7, 9, 0)
    )
    assert timezone.localtime(due_time(J(), "month", now)) == timezone.make_aware(  # type: ignore[arg-type]
        datetime.datetime(2027, 1, 1, 9, 0)
    )


def test_opting_out_sends_nothing(world: World, smtp: SmtpServer) -> None:
    rose = add_person(world)
    services.hearing_back_set(actor=world.facilitator, person=rose, way="none", consent=False)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    run_worker()
    assert Notice.objects.count() == 0
    assert smtp.inbox.messages == []


def test_no_notice_for_anonymous_contributions_or_people_who_never_said(
    world: World, smtp: SmtpServer
) -> None:
    quiet = add_person(world)
    c = raise_one(world, quiet)
    anon = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Nobody listens.",
        channel="paper",
        anonymous=True,
    )
    for x in (c, anon):
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=x, fate="considering"
        )
    assert Notice.objects.count() == 0


def test_a_rolled_back_fate_change_leaves_no_notice_and_no_task(world: World) -> None:
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    with transaction.atomic():
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=c, fate="considering"
        )
        assert Notice.objects.count() == 1
        transaction.set_rollback(True)
    assert Notice.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_the_hook_twice_for_one_change_makes_one_notice(world: World) -> None:
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    change = contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    services.notices_for_fate_change(change)
    assert Notice.objects.filter(fate_change=change).count() == 1


def test_send_again_for_every_failed_notice_queues_each_once_and_sends_each_once(
    world: World, smtp_server: SmtpServer, settings: Any
) -> None:
    from django.urls import reverse

    from powerwith.common.models import AuditEntry
    from tests.conftest import client_for

    settings.POWERWITH_NOTICE_BACKOFF = [0]
    people = [add_person(world, name) for name in ("Rose Hill", "Sam Ode", "Tia Bell")]
    for person in people:
        hears_by_email(world, person, f"{person.name.split()[0].lower()}@example.org")
        c = raise_one(world, person, f"Something {person.name} said")
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=c, fate="prioritised"
        )
    run_worker()  # the server is not running: every notice fails after two tries
    assert list(Notice.objects.values_list("status", flat=True)) == ["failed"] * 3
    # Tia no longer wants to hear back: hers is left where it is.
    services.hearing_back_set(actor=world.facilitator, person=people[2], way="none", consent=False)

    fran = client_for(world.facilitator)
    outbox = reverse("notices:outbox", kwargs={"slug": world.journey.slug})
    assert "Send again: all 3 notices that could not be sent" in fran.get(outbox).content.decode()
    url = reverse("notices:retry_failed", kwargs={"slug": world.journey.slug})
    text = fran.post(url, follow=True).content.decode()
    assert "2 notices will be tried again in a moment." in text
    assert "1 notice was left: that person no longer wants to hear back." in text
    assert sorted(Notice.objects.values_list("person__name", "status", "attempts")) == [
        ("Rose Hill", "queued", 0),
        ("Sam Ode", "queued", 0),
        ("Tia Bell", "failed", 2),
    ]
    # Pressed again before the worker ran: nothing is queued twice.
    text = fran.post(url, follow=True).content.decode()
    assert "will be tried again" not in text
    assert "1 notice was left: that person no longer wants to hear back." in text
    lines = AuditEntry.objects.filter(action="notices_retry_failed")
    assert [line.summary for line in lines] == [
        "2 notices that could not be sent are being tried again"
    ]

    smtp_server.start()
    run_worker()
    assert sorted(Notice.objects.values_list("status", flat=True)) == ["failed", "sent", "sent"]
    assert sorted(r[0] for r in smtp_server.inbox.recipients) == sorted(
        f"{p.name.split()[0].lower()}@example.org" for p in people[:2]
    )
    run_worker()
    assert len(smtp_server.inbox.messages) == 2
    assert "Send again: the 1 notice that could not be sent" in fran.get(outbox).content.decode()
