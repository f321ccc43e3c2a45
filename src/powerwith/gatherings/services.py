"""Every change to gatherings, their agenda, attendance and speaking turns."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.figures import figures_changed
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import tally, vocab
from .models import AgendaItem, Attendance, Gathering, InvitationMaker, LeftOff, SpeakingTurn


def _check(kind: str, venue_kind: str, stage: str, title: str) -> str:
    title = title.strip()
    if not title:
        raise invalid(
            "title", _("Enter a short name for the gathering, like “March café session”.")
        )
    if kind not in vocab.KINDS:
        raise invalid("kind", _("Choose what kind of gathering it was."))
    if venue_kind not in vocab.VENUES:
        raise invalid("venue_kind", _("Choose where it was held."))
    if stage and stage not in journey_vocab.STAGES:
        raise invalid("stage", _("Choose a stage from the list."))
    return title


@transaction.atomic
def gathering_create(
    *,
    actor: Any,
    journey: Journey,
    title: str,
    kind: str,
    held_on: datetime.date,
    venue_kind: str,
    venue_name: str = "",
    starts_at: datetime.time | None = None,
    accessibility: str = "",
    notes: str = "",
    stage: str = "",
    group: Any = None,
) -> Gathering:
    """Record a gathering of any kind."""
    require(actor, journey, "record")
    title = _check(kind, venue_kind, stage, title)
    if group is not None and group.journey_id != journey.pk:
        raise invalid("group", _("Choose a co-design group from this journey."))
    gathering = Gathering.objects.create(
        journey=journey,
        title=title,
        kind=kind,
        held_on=held_on,
        venue_kind=venue_kind,
        venue_name=venue_name.strip(),
        starts_at=starts_at,
        accessibility=accessibility.strip(),
        notes=notes.strip(),
        stage=stage,
        group=group,
        created_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="gathering_create",
        obj=gathering,
        summary=str(gathering),
    )
    return gathering


# "Leave this as it is", where None would mean "none".
KEEP: Any = object()


@transaction.atomic
def gathering_update(
    *,
    actor: Any,
    gathering: Gathering,
    title: str,
    kind: str,
    held_on: datetime.date,
    venue_kind: str,
    venue_name: str = "",
    starts_at: datetime.time | None = None,
    accessibility: str = "",
    notes: str = "",
    stage: str = "",
    group: Any = KEEP,
) -> Gathering:
    """Change a gathering's details. If its date moves, role snapshots follow the new date.
    ``group`` is the co-design group it was a meeting of, or None for none; left out, it
    stays as it is."""
    require(actor, gathering.journey, "record")
    title = _check(kind, venue_kind, stage, title)
    if group is not KEEP:
        if group is not None and group.journey_id != gathering.journey_id:
            raise invalid("group", _("Choose a co-design group from this journey."))
        gathering.group = group
    moved = gathering.held_on != held_on
    gathering.title, gathering.kind, gathering.held_on, gathering.venue_kind = (
        title,
        kind,
        held_on,
        venue_kind,
    )
    gathering.venue_name, gathering.starts_at = venue_name.strip(), starts_at
    gathering.accessibility, gathering.notes, gathering.stage = (
        accessibility.strip(),
        notes.strip(),
        stage,
    )
    gathering.save()
    if moved:
        _resnapshot_gathering(gathering)
    audit(
        journey=gathering.journey,
        actor=actor,
        action="gathering_update",
        obj=gathering,
        summary=str(gathering),
    )
    return gathering


def _resnapshot_gathering(gathering: Gathering) -> None:
    people = {
        p.pk: p for p in Person.objects.filter(journey=gathering.journey).prefetch_related("spells")
    }
    for model, field, role_f, side_f in (
        (Attendance, "person_id", "role", "side"),
        (SpeakingTurn, "person_id", "role", "side"),
        (AgendaItem, "proposed_by_id", "proposer_role", "proposer_side"),
        (InvitationMaker, "person_id", "role", "side"),
    ):
        for row in model.objects.filter(gathering=gathering).exclude(**{field: None}):
            person = people[getattr(row, field)]
            role, side = role_on(person, gathering.held_on, list(person.spells.all()))
            model.objects.filter(pk=row.pk).update(**{role_f: role, side_f: side})


def _person_in(journey: Journey, person: Person | None, field: str) -> None:
    if person is not None and person.journey_id != journey.pk:
        raise invalid(field, _("Choose a person from this journey."))


@transaction.atomic
def agenda_item_add(
    *,
    actor: Any,
    gathering: Gathering,
    title: str,
    proposed_by: Person | None = None,
    notes: str = "",
) -> AgendaItem:
    """Add an agenda item and who proposed it (shows who sets the agenda)."""
    require(actor, gathering.journey, "record")
    title = title.strip()
    if not title:
        raise invalid("title", _("Enter the agenda item."))
    _person_in(gathering.journey, proposed_by, "proposed_by")
    role, side = role_on(proposed_by, gathering.held_on) if proposed_by else ("", "")
    position = gathering.agenda_items.count() + 1
    item = AgendaItem.objects.create(
        gathering=gathering,
        title=title,
        proposed_by=proposed_by,
        proposer_role=role,
        proposer_side=side,
        notes=notes.strip(),
        position=position,
    )
    audit(journey=gathering.journey, actor=actor, action="agenda_item_add", obj=item, summary=title)
    return item


@transaction.atomic
def agenda_item_remove(*, actor: Any, item: AgendaItem) -> None:
    require(actor, item.gathering.journey, "record")
    audit(
        journey=item.gathering.journey,
        actor=actor,
        action="agenda_item_remove",
        obj=item,
        summary=item.title,
    )
    item.delete()


@transaction.atomic
def attendance_set(*, actor: Any, gathering: Gathering, statuses: dict[int, str]) -> int:
    """Set who came, sent apologies or did not come: ``{person_id: status}``. A person left out
    of ``statuses`` keeps what was recorded. Returns how many rows changed."""
    require(actor, gathering.journey, "record")
    if any(s not in vocab.ATTENDANCE for s in statuses.values()):
        raise invalid("status", _("Choose came, sent apologies or did not come."))
    people = {
        p.pk: p
        for p in Person.objects.filter(journey=gathering.journey, pk__in=statuses).prefetch_related(
            "spells"
        )
    }
    missing = set(statuses) - set(people)
    if missing:
        raise invalid(None, _("Someone in the list is not in this journey."))
    existing = {a.person_id: a for a in gathering.attendances.all()}
    changed = 0
    for pid, status in statuses.items():
        att = existing.get(pid)
        if att is not None:
            if att.status != status:
                att.status = status
                att.recorded_by = user_or_none(actor)
                att.save(update_fields=["status", "recorded_by"])
                changed += 1
            continue
        person = people[pid]
        role, side = role_on(person, gathering.held_on, list(person.spells.all()))
        Attendance.objects.create(
            gathering=gathering,
            person=person,
            status=status,
            role=role,
            side=side,
            recorded_by=user_or_none(actor),
        )
        changed += 1
    if changed:
        audit(
            journey=gathering.journey,
            actor=actor,
            action="attendance_set",
            obj=gathering,
            summary=f"{changed} changed",
        )
    return changed


@transaction.atomic
def turn_record(
    *,
    actor: Any,
    gathering: Gathering,
    person: Person,
    seconds: int | None = None,
    agenda_item: AgendaItem | None = None,
    client_token: str | None = None,
    started_at: datetime.datetime | None = None,
) -> tuple[SpeakingTurn, bool]:
    """Record one speaking turn. A repeat with the same ``client_token`` (double tap, resent
    form) returns the first turn and ``created=False``. A speaker not yet on the attendance
    list is marked as having come."""
    require(actor, gathering.journey, "record")
    _person_in(gathering.journey, person, "person")
    if seconds is not None and (seconds < 0 or seconds > 6 * 3600):
        raise invalid("seconds", _("Speaking time must be between 0 seconds and 6 hours."))
    if agenda_item is not None and agenda_item.gathering_id != gathering.pk:
        raise invalid("agenda_item", _("Choose an agenda item from this gathering."))
    if client_token:
        found = SpeakingTurn.objects.filter(client_token=client_token).first()
        if found is not None:
            if found.gathering_id != gathering.pk:
                raise invalid(None, _("This tap belongs to another gathering. Reload the page."))
            return found, False
    role, side = role_on(person, gathering.held_on)
    try:
        with transaction.atomic():
            turn = SpeakingTurn.objects.create(
                gathering=gathering,
                person=person,
                seconds=seconds,
                agenda_item=agenda_item,
                role=role,
                side=side,
                client_token=client_token or None,
                recorded_by=user_or_none(actor),
                started_at=started_at or timezone.now(),
            )
    except IntegrityError:
        # Two copies of the same tap arrived at once; the other one won.
        return SpeakingTurn.objects.get(client_token=client_token), False
    _mark_came(actor, gathering, {person.pk: (role, side)})
    _retally(gathering, [person.pk])
    return turn, True


def _mark_came(actor: Any, gathering: Gathering, speakers: dict[int, tuple[str, str]]) -> None:
    """Mark speakers as having come (``{person_id: (role, side) on the day}``): someone who
    spoke was there. Safe when two taps for a new speaker arrive at once."""
    for pid, (role, side) in speakers.items():
        att, created = Attendance.objects.get_or_create(
            gathering=gathering,
            person_id=pid,
            defaults={
                "status": vocab.PRESENT,
                "role": role,
                "side": side,
                "recorded_by": user_or_none(actor),
            },
        )
        if not created and att.status != vocab.PRESENT:
            Attendance.objects.filter(pk=att.pk).update(status=vocab.PRESENT)


def _retally(gathering: Gathering, person_ids: list[int]) -> None:
    """Recount the turn tally on these people's attendance rows (gatherings/tally.py). The rows
    are locked first, so two taps at once are counted from a view that includes both."""
    rows = Attendance.objects.select_for_update().filter(
        gathering=gathering, person_id__in=person_ids
    )
    list(rows.values_list("pk", flat=True))
    tally.recount(Attendance, SpeakingTurn, gathering=gathering, person_id__in=person_ids)
    # Taps are not audited one by one, but they change the dashboard's figures.
    figures_changed(gathering.journey_id)


@transaction.atomic
def turn_undo(
    *, actor: Any, gathering: Gathering, turn_id: int | None = None
) -> SpeakingTurn | None:
    """Remove a turn (by default the last one this user recorded in this gathering)."""
    require(actor, gathering.journey, "record")
    turns = SpeakingTurn.objects.filter(gathering=gathering)
    if turn_id is not None:
        turn = turns.filter(pk=turn_id).first()
    else:
        turn = turns.filter(recorded_by=user_or_none(actor)).order_by("-recorded_at", "-id").first()
    if turn is None:
        return None
    audit(
        journey=gathering.journey,
        actor=actor,
        action="turn_undo",
        obj=turn,
        summary=f"Removed a turn by {turn.person.name}",
    )
    turn.delete()
    _retally(gathering, [turn.person_id])
    return turn


MAX_TURN_SECONDS = 6 * 3600


@transaction.atomic
def turn_set_seconds(*, actor: Any, turn: SpeakingTurn, seconds: int | None) -> SpeakingTurn:
    """Record how long a turn lasted (or clear it with ``None``)."""
    require(actor, turn.gathering.journey, "record")
    if seconds is not None and (seconds < 0 or seconds > MAX_TURN_SECONDS):
        raise invalid("seconds", _("Speaking time must be between 0 seconds and 6 hours."))
    turn.seconds = seconds
    turn.save(update_fields=["seconds"])
    _retally(turn.gathering, [turn.person_id])
    return turn


@transaction.atomic
def turn_stop(
    *, actor: Any, turn: SpeakingTurn, at: datetime.datetime | None = None
) -> SpeakingTurn:
    """Stop the clock on a timed turn: its length is the time since it started. A turn that
    already has a length keeps it."""
    require(actor, turn.gathering.journey, "record")
    if turn.seconds is not None or turn.started_at is None:
        return turn
    elapsed = ((at or timezone.now()) - turn.started_at).total_seconds()
    turn.seconds = int(min(max(elapsed, 0), MAX_TURN_SECONDS))
    turn.save(update_fields=["seconds"])
    _retally(turn.gathering, [turn.person_id])
    return turn


@transaction.atomic
def turns_enter(
    *,
    actor: Any,
    gathering: Gathering,
    counts: dict[int, int],
    minutes: dict[int, int] | None = None,
) -> int:
    """Enter turns after the event: ``{person_id: number of turns}`` (and optional total
    minutes each). Replaces turns entered this way before for those people; live taps stay."""
    require(actor, gathering.journey, "record")
    minutes = minutes or {}
    for pid, n in counts.items():
        if n < 0 or n > 500:
            raise invalid(f"turns_{pid}", _("Enter a number of turns between 0 and 500."))
    for pid, m in minutes.items():
        if m < 0 or m > 600:
            raise invalid(f"minutes_{pid}", _("Enter minutes between 0 and 600."))
    people = {
        p.pk: p
        for p in Person.objects.filter(journey=gathering.journey, pk__in=counts).prefetch_related(
            "spells"
        )
    }
    if set(counts) - set(people):
        raise invalid(None, _("Someone in the list is not in this journey."))
    SpeakingTurn.objects.filter(
        gathering=gathering, person_id__in=counts, started_at__isnull=True
    ).delete()
    made = 0
    speakers: dict[int, tuple[str, str]] = {}
    for pid, n in counts.items():
        if n == 0:
            continue
        person = people[pid]
        role, side = role_on(person, gathering.held_on, list(person.spells.all()))
        total = minutes.get(pid)
        each = None
        if total is not None and n:
            each = round(total * 60 / n)
        SpeakingTurn.objects.bulk_create(
            [
                SpeakingTurn(
                    gathering=gathering,
                    person=person,
                    role=role,
                    side=side,
                    seconds=each,
                    recorded_by=user_or_none(actor),
                )
                for _ in range(n)
            ]
        )
        made += n
        speakers[pid] = (role, side)
    _mark_came(actor, gathering, speakers)
    _retally(gathering, list(counts))
    audit(
        journey=gathering.journey,
        actor=actor,
        action="turns_enter",
        obj=gathering,
        summary=f"{made} turns",
    )
    return made


# --- Who chose who was in the room --------------------------------------------------------


@transaction.atomic
def invitation_set(
    *,
    actor: Any,
    gathering: Gathering,
    how: str,
    drawn_up_by: list[Person] | None = None,
) -> Gathering:
    """Record how people came to be invited: ``how`` is ``"list"`` (``drawn_up_by``, one or
    more people in the register, drew up the invitation list; each keeps their role and side
    on the gathering's date), ``"open"`` (anyone could come) or ``""`` (not recorded)."""
    require(actor, gathering.journey, "record")
    people = list(dict.fromkeys(drawn_up_by or []))
    if how and how not in vocab.INVITATIONS:
        raise invalid("how", _("Choose how people were invited from the list."))
    for person in people:
        _person_in(gathering.journey, person, "drawn_up_by")
    if how == vocab.INVITE_LIST and not people:
        raise invalid(
            "drawn_up_by", _("Choose at least one person who drew up the invitation list.")
        )
    if how != vocab.INVITE_LIST and people:
        raise invalid(
            "drawn_up_by",
            _(
                "Only an invitation list has people who drew it up: untick the names, "
                "or choose “Particular people drew up the invitation list”."
            ),
        )
    gathering.invitation = how
    gathering.save(update_fields=["invitation", "format", "updated_at"])
    gathering.invitation_makers.all().delete()
    for person in people:
        role, side = role_on(person, gathering.held_on)
        InvitationMaker.objects.create(gathering=gathering, person=person, role=role, side=side)
    if how == vocab.INVITE_LIST:
        summary = "Invitation list drawn up by " + ", ".join(p.name for p in people)
    elif how == vocab.INVITE_OPEN:
        summary = "Open invitation: anyone could come"
    else:
        summary = "How people were invited: not recorded"
    audit(
        journey=gathering.journey,
        actor=actor,
        action="invitation_set",
        obj=gathering,
        summary=summary,
    )
    return gathering


@transaction.atomic
def left_off_add(
    *,
    actor: Any,
    gathering: Gathering,
    reason: str,
    person: Person | None = None,
    group: str = "",
) -> LeftOff:
    """Record that someone in the register, or a described group, was not invited, and why."""
    require(actor, gathering.journey, "record")
    group, reason = group.strip(), reason.strip()
    _person_in(gathering.journey, person, "person")
    if person is None and not group:
        raise invalid(
            "group",
            _(
                "Choose the person who was left off, or describe the group, like “night-shift staff”."
            ),
        )
    if person is not None and group:
        raise invalid(
            "group", _("Choose a person or describe a group, not both: record them one at a time.")
        )
    if len(group) > 200:
        raise invalid("group", _("Keep the description of the group to 200 characters or fewer."))
    if not reason:
        raise invalid("reason", _("Say why they were left off, even if the reason was practical."))
    row = LeftOff.objects.create(
        gathering=gathering,
        person=person,
        group=group,
        reason=reason,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=gathering.journey,
        actor=actor,
        action="left_off_add",
        obj=row,
        summary=f"Left off {gathering}: {person.name if person else group}",
    )
    return row


@transaction.atomic
def left_off_remove(*, actor: Any, row: LeftOff) -> None:
    """Take a line off the list of who was left off (recorded by mistake)."""
    gathering = row.gathering
    require(actor, gathering.journey, "record")
    audit(
        journey=gathering.journey,
        actor=actor,
        action="left_off_remove",
        obj=row,
        summary=f"Removed from who was left off {gathering}: "
        f"{row.person.name if row.person else row.group}",
    )
    row.delete()
