"""Every change to the stakeholder map and to the groups a journey works with.

Members and facilitators keep the map (``record``); removing an entry altogether (a person
outside the register asked to be taken off, or it was a mistake) is for facilitators, and the
log line it leaves names no one. A map entry's status always equals its latest step; steps are
kept in date order, so the history reads as what happened.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys.models import Journey, Membership
from powerwith.people import services as people_services
from powerwith.people.models import Person

from . import vocab
from .models import JointActivity, LinkedGroup, Stakeholder, StakeholderStep

MAX_NAME = 200
MAX_TEXT = 4000


def _today() -> datetime.date:
    return timezone.localdate()


def _text(field: str, value: str, *, required: str = "", limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise invalid(field, required)
    if len(value) > limit:
        raise invalid(field, _("Keep this under %(n)s characters.") % {"n": f"{limit:,}"})
    return value


def _not_future(field: str, day: datetime.date) -> None:
    if day > _today():
        raise invalid(field, _("The date cannot be in the future."))


def _check_approacher(journey: Journey, approacher: Person | None) -> None:
    if approacher is not None and approacher.journey_id != journey.pk:
        raise invalid("approacher", _("Choose someone from this journey's register."))


def _check_entry(
    *,
    journey: Journey,
    name: str,
    form: str,
    kind: str,
    why: str,
    how: str,
    approacher: Person | None,
) -> tuple[str, str]:
    name = _text("name", name, required=_("Enter who should be involved."), limit=MAX_NAME)
    if form not in vocab.FORMS:
        raise invalid("form", _("Choose whether it is a person, an organisation or a group."))
    if kind not in vocab.KINDS:
        raise invalid("kind", _("Choose which kind of stakeholder they are."))
    why = _text("why", why, required=_("Say why they matter to this work."))
    if how and how not in vocab.HOW:
        raise invalid("how", _("Choose how they will be approached from the list."))
    _check_approacher(journey, approacher)
    return name, why


def _lock(stakeholder: Stakeholder) -> None:
    """Lock the entry's row (two people recording at once take turns) and read its status
    again, into the caller's own object."""
    Stakeholder.objects.select_for_update().filter(pk=stakeholder.pk).values("pk").get()
    stakeholder.refresh_from_db(fields=["status", "status_on", "person"])


# --- The stakeholder map ----------------------------------------------------------------------


@transaction.atomic
def stakeholder_create(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    form: str,
    kind: str,
    why: str,
    planned_on: datetime.date,
    approacher: Person | None = None,
    how: str = "",
    how_notes: str = "",
) -> Stakeholder:
    """Add someone who should be involved but is not yet. Their history starts "still to
    approach" on ``planned_on``."""
    require(actor, journey, "record")
    name, why = _check_entry(
        journey=journey, name=name, form=form, kind=kind, why=why, how=how, approacher=approacher
    )
    _not_future("planned_on", planned_on)
    how_notes = _text("how_notes", how_notes)
    entry = Stakeholder.objects.create(
        journey=journey,
        name=name,
        form=form,
        kind=kind,
        why=why,
        approacher=approacher,
        how=how,
        how_notes=how_notes,
        planned_on=planned_on,
        status=vocab.TO_APPROACH,
        status_on=planned_on,
        recorded_by=user_or_none(actor),
    )
    StakeholderStep.objects.create(
        stakeholder=entry,
        journey=journey,
        status=vocab.TO_APPROACH,
        on=planned_on,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="stakeholder_create",
        obj=entry,
        summary=f"{name} ({vocab.KINDS.label(kind)})",
    )
    return entry


@transaction.atomic
def stakeholder_update(
    *,
    actor: Any,
    stakeholder: Stakeholder,
    name: str,
    form: str,
    kind: str,
    why: str,
    planned_on: datetime.date,
    approacher: Person | None = None,
    how: str = "",
    how_notes: str = "",
) -> Stakeholder:
    """Change who they are, why they matter, who will approach them and how. The first step
    of the history moves with ``planned_on``, which cannot come after any later step."""
    journey = stakeholder.journey
    require(actor, journey, "record")
    name, why = _check_entry(
        journey=journey, name=name, form=form, kind=kind, why=why, how=how, approacher=approacher
    )
    _not_future("planned_on", planned_on)
    steps = list(stakeholder.steps.order_by("on", "id"))
    later = [s.on for s in steps[1:]]
    if later and planned_on > min(later):
        raise invalid(
            "planned_on",
            _("The date planned cannot be after the first thing that happened (%(day)s).")
            % {"day": min(later).isoformat()},
        )
    stakeholder.name, stakeholder.form, stakeholder.kind = name, form, kind
    stakeholder.why, stakeholder.approacher = why, approacher
    stakeholder.how, stakeholder.how_notes = how, _text("how_notes", how_notes)
    stakeholder.planned_on = planned_on
    if steps:
        first = steps[0]
        first.on = planned_on
        first.save(update_fields=["on"])
    if len(steps) <= 1:
        stakeholder.status_on = planned_on
    stakeholder.save()
    audit(
        journey=journey,
        actor=actor,
        action="stakeholder_update",
        obj=stakeholder,
        summary=f"{name} ({vocab.KINDS.label(kind)})",
    )
    return stakeholder


def _step_words(status: str, reason: str, notes: str) -> tuple[str, str]:
    """A step's reason (required when they declined) and notes, checked: recording a step and
    correcting one ask the same."""
    reason = _text(
        "reason",
        reason,
        required=_("Say why they declined, in their words if you can.")
        if status == vocab.DECLINED
        else "",
    )
    return reason, _text("notes", notes)


@transaction.atomic
def stakeholder_record(
    *,
    actor: Any,
    stakeholder: Stakeholder,
    status: str,
    on: datetime.date,
    reason: str = "",
    notes: str = "",
) -> StakeholderStep:
    """Record what happened: approached, agreed, declined (a reason is needed), no answer, or
    back to "still to approach". Steps are in date order: a step cannot be dated before the
    last one."""
    journey = stakeholder.journey
    require(actor, journey, "record")
    _lock(stakeholder)
    if status not in vocab.STATUSES:
        raise invalid("status", _("Choose what happened."))
    _not_future("on", on)
    if on < stakeholder.status_on:
        raise invalid(
            "on",
            _("The date cannot be before the last thing recorded (%(day)s).")
            % {"day": stakeholder.status_on.isoformat()},
        )
    reason, notes = _step_words(status, reason, notes)
    if stakeholder.person_id is not None and status != vocab.AGREED:
        raise invalid(
            "status",
            _(
                "They have joined the register, so their answer stays “agreed”. If they have "
                "stopped taking part, record that they left on their page in the register."
            ),
        )
    step = StakeholderStep.objects.create(
        stakeholder=stakeholder,
        journey=journey,
        status=status,
        on=on,
        reason=reason if status == vocab.DECLINED else "",
        notes=notes,
        recorded_by=user_or_none(actor),
    )
    stakeholder.status, stakeholder.status_on = status, on
    stakeholder.save(update_fields=["status", "status_on", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="stakeholder_record",
        obj=step,
        summary=f"{stakeholder.name}: {vocab.STATUSES.label(status)} ({on.isoformat()})",
    )
    return step


@transaction.atomic
def stakeholder_step_update(
    *,
    actor: Any,
    step: StakeholderStep,
    status: str,
    on: datetime.date,
    reason: str = "",
    notes: str = "",
) -> StakeholderStep:
    """Correct a step of an entry's history (the same fields as recording it). It keeps its
    place: its date stays between the steps before and after it. The entry's status is its
    latest step's again afterwards."""
    stakeholder = step.stakeholder
    journey = stakeholder.journey
    require(actor, journey, "record")
    _lock(stakeholder)
    if status not in vocab.STATUSES:
        raise invalid("status", _("Choose what happened."))
    _not_future("on", on)
    steps = list(StakeholderStep.objects.filter(stakeholder=stakeholder).order_by("on", "id"))
    at = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    earliest = steps[at - 1].on if at else stakeholder.planned_on
    if on < earliest:
        raise invalid(
            "on",
            _("The date cannot be before the step before it (%(day)s).")
            % {"day": earliest.isoformat()}
            if at
            else _("The date cannot be before the entry was planned (%(day)s).")
            % {"day": earliest.isoformat()},
        )
    if at + 1 < len(steps) and on > steps[at + 1].on:
        raise invalid(
            "on",
            _("The date cannot be after the step that follows it (%(day)s).")
            % {"day": steps[at + 1].on.isoformat()},
        )
    reason, notes = _step_words(status, reason, notes)
    last = at + 1 == len(steps)
    if last and stakeholder.person_id is not None and status != vocab.AGREED:
        raise invalid(
            "status",
            _(
                "They have joined the register, so their answer stays “agreed”. If they have "
                "stopped taking part, record that they left on their page in the register."
            ),
        )
    before = f"{vocab.STATUSES.label(step.status)} ({step.on.isoformat()})"
    step.status, step.on, step.notes = status, on, notes
    step.reason = reason if status == vocab.DECLINED else ""
    step.save(update_fields=["status", "on", "reason", "notes"])
    if last:
        stakeholder.status, stakeholder.status_on = status, on
        stakeholder.save(update_fields=["status", "status_on", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="stakeholder_step_update",
        obj=step,
        summary=f"{stakeholder.name}: {before} → {vocab.STATUSES.label(status)} ({on.isoformat()})",
    )
    return step


@transaction.atomic
def stakeholder_join(
    *,
    actor: Any,
    stakeholder: Stakeholder,
    person: Person | None = None,
    name: str = "",
    role: str = "",
    side: str | None = None,
    joined_on: datetime.date | None = None,
    contact: str = "",
) -> Person:
    """Bring someone who agreed into the register: link an entry already there (``person``),
    or add a new one (``name``, defaulting to the entry's name, ``role`` and ``joined_on``).
    The map entry and its history stay, linked to the register entry."""
    journey = stakeholder.journey
    require(actor, journey, "record")
    _lock(stakeholder)
    if stakeholder.status != vocab.AGREED:
        raise invalid(None, _("Record that they agreed before adding them to the register."))
    if stakeholder.person_id is not None:
        raise invalid(None, _("They are already in the register."))
    if person is not None:
        if person.journey_id != journey.pk:
            raise invalid("person", _("Choose someone from this journey's register."))
    else:
        if joined_on is None:
            raise invalid("joined_on", _("Enter the date they joined."))
        if joined_on < stakeholder.status_on:
            raise invalid(
                "joined_on",
                _("They cannot join before they agreed (%(day)s).")
                % {"day": stakeholder.status_on.isoformat()},
            )
        if not role:
            raise invalid("role", _("Choose their role."))
        person = people_services.person_create(
            actor=actor,
            journey=journey,
            name=name.strip() or stakeholder.name,
            role=role,
            side=side,
            joined_on=joined_on,
            contact=contact,
        )
    stakeholder.person = person
    stakeholder.save(update_fields=["person", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="stakeholder_join",
        obj=stakeholder,
        summary=f"{stakeholder.name} joined the register as {person.name}",
    )
    return person


@transaction.atomic
def stakeholder_remove(*, actor: Any, stakeholder: Stakeholder) -> None:
    """Take an entry off the map with its history (someone outside the register asked, or it
    was a mistake). The log line names no one."""
    journey = stakeholder.journey
    require(actor, journey, "manage")
    kind = vocab.KINDS.label(stakeholder.kind)
    stakeholder.delete()
    audit(
        journey=journey,
        actor=actor,
        action="stakeholder_remove",
        summary=f"An entry was taken off the map of who should be involved ({kind})",
    )


# --- Groups that link up ----------------------------------------------------------------------


def _check_group(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    kind: str,
    about: str,
    other_journey: Journey | None,
    since: datetime.date,
    ended_on: datetime.date | None,
    exclude: int | None = None,
) -> tuple[str, str]:
    name = _text("name", name, required=_("Enter the group's name."), limit=MAX_NAME)
    if kind not in vocab.GROUP_KINDS:
        raise invalid("kind", _("Choose what kind of group it is."))
    about = _text("about", about)
    same = LinkedGroup.objects.filter(journey=journey, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise invalid(
            "name",
            _("This journey already works with a group called “%(name)s”.") % {"name": name},
        )
    if other_journey is not None:
        if other_journey.pk == journey.pk:
            raise invalid("other_journey", _("Choose another journey, not this one."))
        uid = getattr(actor, "pk", None)
        if (
            uid is None
            or not Membership.objects.filter(journey=other_journey, user_id=uid).exists()
        ):
            raise invalid("other_journey", _("Choose a journey you are part of."))
    _not_future("since", since)
    if ended_on is not None and ended_on < since:
        raise invalid("ended_on", _("The end date cannot be before the date you started."))
    return name, about


@transaction.atomic
def linked_group_create(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    kind: str,
    since: datetime.date,
    about: str = "",
    website: str = "",
    other_journey: Journey | None = None,
    ended_on: datetime.date | None = None,
) -> LinkedGroup:
    """Record another group or network the journey works with."""
    require(actor, journey, "record")
    name, about = _check_group(
        actor=actor,
        journey=journey,
        name=name,
        kind=kind,
        about=about,
        other_journey=other_journey,
        since=since,
        ended_on=ended_on,
    )
    group = LinkedGroup.objects.create(
        journey=journey,
        name=name,
        kind=kind,
        about=about,
        website=website.strip(),
        other_journey=other_journey,
        since=since,
        ended_on=ended_on,
        recorded_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="linked_group_create", obj=group, summary=name)
    return group


@transaction.atomic
def linked_group_update(
    *,
    actor: Any,
    group: LinkedGroup,
    name: str,
    kind: str,
    since: datetime.date,
    about: str = "",
    website: str = "",
    other_journey: Journey | None = None,
    ended_on: datetime.date | None = None,
) -> LinkedGroup:
    """Change a linked group, or record that the journey stopped working with it."""
    journey = group.journey
    require(actor, journey, "record")
    if other_journey is not None and other_journey.pk == group.other_journey_id:
        keep = other_journey  # already linked by someone who is part of it
    else:
        keep = None
    name, about = _check_group(
        actor=actor,
        journey=journey,
        name=name,
        kind=kind,
        about=about,
        other_journey=None if keep else other_journey,
        since=since,
        ended_on=ended_on,
        exclude=group.pk,
    )
    first = group.activities.order_by("on").values_list("on", flat=True).first()
    if first is not None and first < since:
        raise invalid(
            "since",
            _("Something you did together is dated %(day)s, before this date.")
            % {"day": first.isoformat()},
        )
    group.name, group.kind, group.about, group.website = name, kind, about, website.strip()
    group.other_journey = keep or other_journey
    group.since, group.ended_on = since, ended_on
    group.save()
    audit(journey=journey, actor=actor, action="linked_group_update", obj=group, summary=name)
    return group


@transaction.atomic
def joint_activity_add(
    *, actor: Any, group: LinkedGroup, on: datetime.date, what: str
) -> JointActivity:
    """Record something the journey and the group did together."""
    journey = group.journey
    require(actor, journey, "record")
    what = _text("what", what, required=_("Say what you did together."))
    _not_future("on", on)
    if on < group.since:
        raise invalid(
            "on",
            _("The date cannot be before you started working with them (%(day)s).")
            % {"day": group.since.isoformat()},
        )
    activity = JointActivity.objects.create(
        group=group, journey=journey, on=on, what=what, recorded_by=user_or_none(actor)
    )
    audit(
        journey=journey,
        actor=actor,
        action="joint_activity_add",
        obj=activity,
        summary=f"{group.name}: {what[:200]}",
    )
    return activity


@transaction.atomic
def joint_activity_remove(*, actor: Any, activity: JointActivity) -> None:
    """Take a joint activity off the record (a mistake)."""
    journey = activity.journey
    require(actor, journey, "record")
    summary = f"{activity.group.name}: {activity.on.isoformat()}"
    activity.delete()
    audit(journey=journey, actor=actor, action="joint_activity_remove", summary=summary)


def linked_group_remove_refusal(group: LinkedGroup) -> str | None:
    """Why a linked group cannot be deleted, or None. What the journey did with it is part of
    the record (and of the organisation's network), so each activity is removed on its own,
    with its own log line, before the group can be."""
    n = JointActivity.objects.filter(group=group).count()
    if not n:
        return None
    return ngettext(
        "%(n)s thing the journey did with this group is recorded. Remove it first if it was "
        "entered by mistake. To record that you stopped working with the group, change it and "
        "give the day it ended.",
        "%(n)s things the journey did with this group are recorded. Remove them first if they "
        "were entered by mistake. To record that you stopped working with the group, change it "
        "and give the day it ended.",
        n,
    ) % {"n": n}


@transaction.atomic
def linked_group_remove(*, actor: Any, group: LinkedGroup) -> None:
    """Delete a linked group entered by mistake. Refused while anything done with it is
    recorded (``linked_group_remove_refusal``); the log keeps a line saying it was deleted."""
    journey = group.journey
    require(actor, journey, "record")
    group = LinkedGroup.objects.select_for_update().get(pk=group.pk)
    refusal = linked_group_remove_refusal(group)
    if refusal:
        raise invalid(None, refusal)
    audit(
        journey=journey,
        actor=actor,
        action="linked_group_remove",
        obj=group,
        summary=group.name,
    )
    group.delete()
