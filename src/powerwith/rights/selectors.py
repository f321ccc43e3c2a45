"""Reads for people's rights: whose entries a copy covers, and each journey's retention dates."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings

from powerwith.common import twostep
from powerwith.common.redact import pseudonym_for
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey, Membership
from powerwith.people.models import Person

from . import registry

Row = dict[str, object]
Tables = dict[str, list[Row]]


def is_erased(person: Person) -> bool:
    return person.is_pseudonym and person.name == pseudonym_for(person.pk)


def entries_for_facilitator(actor: Any, person: Person) -> list[Person]:
    """``person`` and the same individual's entries in other journeys this facilitator also
    runs (found through ``network_key``; never journeys they do not facilitate)."""
    theirs = Membership.objects.filter(user=actor, role=journey_vocab.FACILITATOR).values(
        "journey_id"
    )
    others = (
        Person.objects.filter(network_key=person.network_key, journey_id__in=theirs)
        .exclude(pk=person.pk)
        .select_related("journey", "organisation")
        .order_by("journey__title", "pk")
    )
    return [person, *others]


def entries_of_user(user: Any) -> list[Person]:
    """Every register entry linked to this account, in every journey."""
    return list(
        Person.objects.filter(user=user)
        .select_related("journey", "organisation")
        .order_by("journey__title", "pk")
    )


def account_table(user: Any) -> list[Row]:
    # Whether two-step sign-in is on, and how many recovery codes are left: never its key,
    # never the codes (only their hashes are kept).
    two_step = twostep.of(user)
    return [
        {
            "Email address": user.email,
            "Name": user.get_full_name() or user.first_name,
            "Account made on": user.date_joined,
            "Last signed in": user.last_login,
            "Two-step sign-in": "on" if two_step else "off",
            "Recovery codes left": twostep.codes_left(two_step) if two_step else 0,
        }
    ]


def held_tables(entries: list[Person], *, user: Any = None) -> Tables:
    """What every rights module holds about each of ``entries``, one table per kind of thing,
    each row saying which journey it is from; with ``user``, their account too."""
    tables: Tables = {}
    if user is not None:
        tables["account"] = account_table(user)
        tables["journey access"] = [
            {"Journey": m.journey.title, "Access": journey_vocab.MEMBERSHIP_ROLES.label(m.role)}
            for m in Membership.objects.filter(user=user).select_related("journey")
        ]
    for person in entries:
        for module in registry.modules():
            for name, rows in module.held(person).items():
                if user is not None and name == "journey access":
                    continue  # already listed from the account
                table = tables.setdefault(name, [])
                table.extend({"Journey": person.journey.title, **row} for row in rows)
    return tables


# -- retention ---------------------------------------------------------------------------------
def retention_days(journey: Journey) -> int:
    """How many days after its end this journey keeps personal data."""
    days = journey.options.get("retention_days") if isinstance(journey.options, dict) else None
    return int(days) if isinstance(days, int) and days > 0 else settings.POWERWITH_RETENTION_DAYS


def removal_date(journey: Journey) -> datetime.date | None:
    """The day personal data in this journey is removed; None while it has no end date."""
    if journey.ended_on is None:
        return None
    return journey.ended_on + datetime.timedelta(days=retention_days(journey))


def warning_date(journey: Journey) -> datetime.date | None:
    day = removal_date(journey)
    if day is None:
        return None
    return day - datetime.timedelta(days=settings.POWERWITH_RETENTION_WARNING_DAYS)


def retention_notice(journey: Journey, today: datetime.date) -> datetime.date | None:
    """The removal date, when it is close enough to warn about (or has come)."""
    start = warning_date(journey)
    if start is None or today < start:
        return None
    return removal_date(journey)
