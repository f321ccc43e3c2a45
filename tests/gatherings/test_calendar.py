"""Each gathering has a calendar file (RFC 5545) with a reminder the day before, for members."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from powerwith.gatherings import calendar
from powerwith.gatherings import services as gathering_services
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def parse(text: str) -> list[tuple[str, str]]:
    """Unfold (RFC 5545 3.1) and split each content line into name (with parameters) and value."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    out = []
    for line in lines:
        assert len(line) > 0
        name, _, value = line.partition(":")
        out.append((name, value))
    return out


def _gathering(world: World, **kw: object) -> object:
    return gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Co-design event; parking, food",
        kind="codesign_event",
        held_on=datetime.date(2026, 12, 8),
        venue_kind="community",
        venue_name="St Anne's hall",
        accessibility="Step-free access.\nHearing loop.",
        **kw,
    )


def test_calendar_file_fields(world: World) -> None:
    g = _gathering(world, starts_at=datetime.time(10, 30))
    url = reverse("gatherings:calendar", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk})
    r = client_for(world.observer).get(url)
    assert r.status_code == 200
    assert r["Content-Type"] == "text/calendar; charset=utf-8"
    assert r["Content-Disposition"] == f'attachment; filename="gathering-{g.pk}.ics"'
    text = r.content.decode()
    for raw in text.split("\r\n"):
        assert len(raw.encode()) <= 75
    fields = parse(text)
    names = [n for n, _ in fields]
    assert names[:6] == ["BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "BEGIN"]
    d = dict(fields)
    assert d["VERSION"] == "2.0"
    assert d["UID"] == f"gathering-{g.pk}@testserver"
    assert len(d["DTSTAMP"]) == 16 and d["DTSTAMP"].endswith("Z")
    # 10:30 in London in December is 10:30 UTC; the end is assumed two hours later.
    assert d["DTSTART"] == "20261208T103000Z"
    assert d["DTEND"] == "20261208T123000Z"
    assert d["SUMMARY"] == "Co-design event\\; parking\\, food"
    assert d["LOCATION"] == "Community space: St Anne's hall"
    assert d["URL"] == f"http://testserver{g.get_absolute_url()}"
    assert fields[names.index("DESCRIPTION")][1] == (
        "Better breast care.\\nDetails: http://testserver"
        f"{g.get_absolute_url()}\\nThe end time is a guess: two hours after the start."
        "\\nAccess and support: Step-free access.\\nHearing loop."
    )
    alarm = names.index("BEGIN", names.index("BEGIN", 1) + 1)
    assert fields[alarm] == ("BEGIN", "VALARM")
    assert fields[alarm + 1 : alarm + 5] == [
        ("ACTION", "DISPLAY"),
        ("TRIGGER", "-P1D"),
        ("DESCRIPTION", "Tomorrow: Co-design event\\; parking\\, food"),
        ("END", "VALARM"),
    ]
    assert fields[-2:] == [("END", "VEVENT"), ("END", "VCALENDAR")]


def test_summer_time_and_all_day(world: World) -> None:
    g = _gathering(world, starts_at=datetime.time(10, 30))
    g.held_on = datetime.date(2026, 7, 1)
    text = calendar.gathering_ics(g, host="example.org", url="https://example.org/g/")
    assert "DTSTART:20260701T093000Z\r\n" in text  # British Summer Time is UTC+1
    g.starts_at = None
    d = dict(parse(calendar.gathering_ics(g, host="example.org", url="https://example.org/g/")))
    assert d["DTSTART;VALUE=DATE"] == "20260701"
    assert d["DTEND;VALUE=DATE"] == "20260702"


def test_long_lines_fold_at_75_octets() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = calendar._fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_only_members_get_it(world: World) -> None:
    g = _gathering(world)
    url = reverse("gatherings:calendar", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk})
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.member).get(url).status_code == 200
