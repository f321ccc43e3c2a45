"""Every change to the register of people and organisations."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.dates import long_date, short_date
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys.models import Journey

from . import vocab
from .models import Organisation, Person, RoleSpell
from .snapshots import TARGETS


def role_on(
    person: Person, day: datetime.date, spells: list[RoleSpell] | None = None
) -> tuple[str, str]:
    """The (role, side) a person held on ``day``; before their first spell, the first spell's."""
    spells = spells if spells is not None else list(person.spells.all())
    if not spells:
        return person.role, person.side
    chosen = spells[0]
    for spell in spells:
        if spell.started_on <= day:
            chosen = spell
    return chosen.role, chosen.side


def _check_role(role: str, side: str | None) -> str:
    if role not in vocab.ROLES:
        raise invalid("role", _("Choose a role from the list."))
    if side is None or side == "":
        return vocab.default_side(role)
    if side not in vocab.SIDES:
        raise invalid("side", _("Choose lived experience or professional."))
    return side


@transaction.atomic
def organisation_create(
    *, actor: Any, journey: Journey, name: str, kind: str, notes: str = ""
) -> Organisation:
    require(actor, journey, "record")
    name = name.strip()
    if not name:
        raise invalid("name", _("Enter the organisation's name."))
    if kind not in vocab.ORGANISATION_KINDS:
        raise invalid("kind", _("Choose what kind of organisation it is."))
    if Organisation.objects.filter(journey=journey, name__iexact=name).exists():
        raise invalid(
            "name",
            _("There is already an organisation called “%(name)s” in this journey.")
            % {"name": name},
        )
    org = Organisation.objects.create(journey=journey, name=name, kind=kind, notes=notes.strip())
    audit(journey=journey, actor=actor, action="organisation_create", obj=org, summary=name)
    return org


@transaction.atomic
def person_create(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    role: str,
    joined_on: datetime.date,
    side: str | None = None,
    paid: bool = False,
    is_pseudonym: bool = False,
    organisation: Organisation | None = None,
    contact: str = "",
    online: bool = True,
    user: Any = None,
    network_key: Any = None,
) -> Person:
    """Add someone to the register. They need no account. Opens their first role spell."""
    require(actor, journey, "record")
    name = name.strip()
    if not name:
        raise invalid("name", _("Enter a name. A first name or a pseudonym is fine."))
    side = _check_role(role, side)
    if organisation is not None and organisation.journey_id != journey.pk:
        raise invalid("organisation", _("Choose an organisation from this journey."))
    extra: dict[str, Any] = {}
    if network_key is not None:
        extra["network_key"] = network_key
    person = Person.objects.create(
        journey=journey,
        name=name,
        is_pseudonym=is_pseudonym,
        role=role,
        side=side,
        paid=paid,
        organisation=organisation,
        joined_on=joined_on,
        contact=contact.strip(),
        online=online,
        user=user,
        **extra,
    )
    RoleSpell.objects.create(
        person=person,
        journey=journey,
        role=role,
        side=side,
        paid=paid,
        started_on=joined_on,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="person_create",
        obj=person,
        summary=f"{name} ({vocab.ROLES.label(role)})",
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    name: str,
    is_pseudonym: bool,
    organisation: Organisation | None,
    contact: str,
    online: bool,
) -> Person:
    """Change a person's details (not their role: see ``person_change_role``)."""
    require(actor, person.journey, "record")
    name = name.strip()
    if not name:
        raise invalid("name", _("Enter a name. A first name or a pseudonym is fine."))
    if organisation is not None and organisation.journey_id != person.journey_id:
        raise invalid("organisation", _("Choose an organisation from this journey."))
    person.name, person.is_pseudonym, person.organisation = name, is_pseudonym, organisation
    person.contact, person.online = contact.strip(), online
    person.save()
    audit(journey=person.journey, actor=actor, action="person_update", obj=person, summary=name)
    return person


@transaction.atomic
def person_change_role(
    *,
    actor: Any,
    person: Person,
    role: str,
    from_date: datetime.date,
    side: str | None = None,
    paid: bool = False,
) -> RoleSpell:
    """From ``from_date`` on, the person holds ``role``. Earlier spells are kept; records dated
    on or after ``from_date`` are re-counted under the new role."""
    require(actor, person.journey, "record")
    side = _check_role(role, side)
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = person.spells.filter(ended_on__isnull=True).first()
    if current is None:  # pragma: no cover - every person has an open spell
        raise invalid(None, _("This person has no current role."))
    if from_date < current.started_on:
        raise invalid(
            "from_date",
            _("The change must be on or after %(date)s, when their current role began.")
            % {"date": long_date(current.started_on)},
        )
    if (current.role, current.side, current.paid) == (role, side, paid):
        raise invalid(
            "role", _("That is already their role. Choose a different role, side or pay.")
        )
    if from_date == current.started_on:
        current.delete()
    else:
        current.ended_on = from_date - datetime.timedelta(days=1)
        current.save(update_fields=["ended_on"])
    spell = RoleSpell.objects.create(
        person=person,
        journey_id=person.journey_id,
        role=role,
        side=side,
        paid=paid,
        started_on=from_date,
        recorded_by=user_or_none(actor),
    )
    person.role, person.side, person.paid = role, side, paid
    person.save(update_fields=["role", "side", "paid", "updated_at"])
    resnapshot(person=person, since=from_date)
    audit(
        journey=person.journey,
        actor=actor,
        action="person_change_role",
        obj=person,
        summary=f"{person.name} is {vocab.ROLES.label(role)} from {short_date(from_date)}",
    )
    return spell


def resnapshot(*, person: Person, since: datetime.date) -> int:
    """Rewrite role/side snapshots on this person's records dated on or after ``since``."""
    spells = list(person.spells.order_by("started_on"))
    changed = 0
    for target in TARGETS:
        model = apps.get_model(target.model)
        rows = model.objects.filter(
            **{target.person_field: person, f"{target.date_path}__gte": since}
        )
        for spell in spells:
            if spell.ended_on is not None and spell.ended_on < since:
                continue
            window = rows.filter(**{f"{target.date_path}__gte": max(spell.started_on, since)})
            if spell.ended_on is not None:
                window = window.filter(**{f"{target.date_path}__lte": spell.ended_on})
            changed += window.update(
                **{target.role_field: spell.role, target.side_field: spell.side}
            )
    return changed


@transaction.atomic
def person_leave(*, actor: Any, person: Person, left_on: datetime.date, reason: str = "") -> Person:
    """Record that someone stopped taking part, and (optionally) why."""
    require(actor, person.journey, "record")
    if left_on < person.joined_on:
        raise invalid(
            "left_on",
            _("They cannot leave before they joined (%(date)s).")
            % {"date": long_date(person.joined_on)},
        )
    person.left_on, person.left_reason = left_on, reason.strip()
    person.save(update_fields=["left_on", "left_reason", "updated_at"])
    audit(
        journey=person.journey, actor=actor, action="person_leave", obj=person, summary=person.name
    )
    return person


@transaction.atomic
def person_rejoin(*, actor: Any, person: Person) -> Person:
    require(actor, person.journey, "record")
    person.left_on, person.left_reason = None, ""
    person.save(update_fields=["left_on", "left_reason", "updated_at"])
    audit(
        journey=person.journey, actor=actor, action="person_rejoin", obj=person, summary=person.name
    )
    return person


@transaction.atomic
def organisation_update(
    *, actor: Any, organisation: Organisation, name: str, kind: str, notes: str = ""
) -> Organisation:
    """Correct an organisation's name, kind or notes."""
    require(actor, organisation.journey, "record")
    name = name.strip()
    if not name:
        raise invalid("name", _("Enter the organisation's name."))
    if kind not in vocab.ORGANISATION_KINDS:
        raise invalid("kind", _("Choose what kind of organisation it is."))
    clash = Organisation.objects.filter(journey=organisation.journey, name__iexact=name).exclude(
        pk=organisation.pk
    )
    if clash.exists():
        raise invalid(
            "name",
            _("There is already an organisation called “%(name)s” in this journey.")
            % {"name": name},
        )
    organisation.name, organisation.kind, organisation.notes = name, kind, notes.strip()
    organisation.save()
    audit(
        journey=organisation.journey,
        actor=actor,
        action="organisation_update",
        obj=organisation,
        summary=name,
    )
    return organisation
