"""A gathering as a calendar file (iCalendar, RFC 5545), so people can put it in their own
calendar and be reminded the day before. Written by hand: a handful of lines, no library."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Gathering

# A gathering records when it starts but not when it ends: calendars need an end, so we assume
# two hours (the length of a typical session) and say so in the description.
ASSUMED_LENGTH = datetime.timedelta(hours=2)


def _escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and new lines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded: CRLF then one space (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74  # continuation lines start with a space
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def gathering_ics(
    g: Gathering, *, host: str, url: str, now: datetime.datetime | None = None
) -> str:
    """The calendar file for one gathering. ``url`` is the gathering's full address; ``host``
    makes the UID unique to this site, and stable, so saving it twice updates one event."""
    now = now or timezone.now()
    place = g.get_venue_kind_display() + (f": {g.venue_name}" if g.venue_name else "")
    description = [f"{g.journey.title}.", _("Details: %(url)s") % {"url": url}]
    if g.starts_at is not None:
        start = timezone.make_aware(
            datetime.datetime.combine(g.held_on, g.starts_at), timezone.get_default_timezone()
        )
        when = [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(start + ASSUMED_LENGTH)}"]
        description.append(_("The end time is a guess: two hours after the start."))
    else:
        next_day = g.held_on + datetime.timedelta(days=1)
        when = [f"DTSTART;VALUE=DATE:{g.held_on:%Y%m%d}", f"DTEND;VALUE=DATE:{next_day:%Y%m%d}"]
    if g.accessibility:
        description.append(_("Access and support: %(text)s") % {"text": g.accessibility})
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//PowerWith//Gatherings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:gathering-{g.pk}@{host}",
        f"DTSTAMP:{_utc(now)}",
        *when,
        f"SUMMARY:{_escape(g.title)}",
        f"LOCATION:{_escape(place)}",
        f"DESCRIPTION:{_escape(chr(10).join(description))}",
        f"URL:{url}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P1D",
        "DESCRIPTION:" + _escape(_("Tomorrow: %(title)s") % {"title": g.title}),
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
