"""Reads about gatherings: lists, the detail page, and the live speaking-turn board.

Each function runs a fixed number of queries, whatever the number of gatherings, people or
turns (the tests guard this)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from powerwith.journeys.models import Journey
from powerwith.people import vocab as pvocab
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import vocab
from .models import AgendaItem, Attendance, Gathering, LeftOff, SpeakingTurn


def _count(model: Any, **filters: Any) -> Any:
    sub = (
        model.objects.filter(gathering=OuterRef("pk"), **filters)
        .order_by()
        .values("gathering")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def gatherings_list(journey: Journey, *, kind: str = "") -> QuerySet[Gathering]:
    """The journey's gatherings, newest first, with how many came, spoke and raised things."""
    from powerwith.contributions.models import Contribution

    qs = Gathering.objects.filter(journey=journey)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(
        n_present=_count(Attendance, status=vocab.PRESENT),
        n_turns=_count(SpeakingTurn),
        n_agenda=_count(AgendaItem),
        n_contributions=_count(Contribution),
    ).order_by("-held_on", "-id")


def people_for(gathering: Gathering) -> list[Person]:
    """Everyone who could have been there: people who had not left before the gathering, and
    anyone already recorded at it."""
    recorded = Attendance.objects.filter(gathering=gathering).values("person_id")
    return list(
        Person.objects.filter(journey_id=gathering.journey_id)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=gathering.held_on) | Q(pk__in=recorded))
        .prefetch_related("spells")
        .order_by("name", "id")
    )


@dataclass
class SideShare:
    side: str
    label: str
    turns: int
    seconds: int
    people: int = 0
    share: int = 0  # percent of all turns


@dataclass
class PersonTurns:
    person_id: int
    name: str
    side: str
    side_label: str
    turns: int
    seconds: int
    share: int = 0


@dataclass
class TurnSummary:
    total: int = 0
    seconds: int = 0
    timed: int = 0
    by_person: list[PersonTurns] = field(default_factory=list)
    by_side: list[SideShare] = field(default_factory=list)


def turn_summary(gathering: Gathering) -> TurnSummary:
    """Who spoke and how much, per person and by side (the side they held on the day)."""
    rows = list(
        SpeakingTurn.objects.filter(gathering=gathering)
        .values("person_id", "person__name", "side")
        .annotate(
            n=Count("id"),
            secs=Coalesce(Sum("seconds"), 0),
            timed=Count("id", filter=Q(seconds__isnull=False)),
        )
        .order_by()
    )
    summary = TurnSummary()
    per_person: dict[int, PersonTurns] = {}
    sides: dict[str, SideShare] = {s.code: SideShare(s.code, s.label, 0, 0) for s in pvocab.SIDES}
    for r in rows:
        summary.total += r["n"]
        summary.seconds += r["secs"]
        summary.timed += r["timed"]
        pt = per_person.get(r["person_id"])
        if pt is None:
            pt = per_person[r["person_id"]] = PersonTurns(
                r["person_id"], r["person__name"], r["side"], pvocab.SIDES.label(r["side"]), 0, 0
            )
            if r["side"] in sides:
                sides[r["side"]].people += 1
        pt.turns += r["n"]
        pt.seconds += r["secs"]
        if r["side"] in sides:
            sides[r["side"]].turns += r["n"]
            sides[r["side"]].seconds += r["secs"]
    for pt in per_person.values():
        pt.share = round(100 * pt.turns / summary.total) if summary.total else 0
    for s in sides.values():
        s.share = round(100 * s.turns / summary.total) if summary.total else 0
    summary.by_person = sorted(per_person.values(), key=lambda p: (-p.turns, p.name))
    summary.by_side = list(sides.values())
    return summary


def gathering_detail(gathering: Gathering) -> dict[str, Any]:
    from powerwith.contributions.models import Contribution

    agenda = list(gathering.agenda_items.select_related("proposed_by").order_by("position", "id"))
    attendance = list(
        gathering.attendances.select_related("person").order_by("person__name", "person_id")
    )
    by_status = [
        {"term": t, "rows": [a for a in attendance if a.status == t.code]} for t in vocab.ATTENDANCE
    ]
    contributions = list(
        Contribution.objects.filter(gathering=gathering)
        .select_related("raised_by")
        .prefetch_related("tags")
        .order_by("-raised_on", "-id")
    )
    agenda_by_side = {
        s.code: sum(1 for a in agenda if a.proposer_side == s.code) for s in pvocab.SIDES
    }
    return {
        "agenda": agenda,
        "voice_by_item": voice_by_item(gathering, agenda),
        "agenda_by_side": [(s, agenda_by_side[s.code]) for s in pvocab.SIDES],
        "agenda_unknown": sum(1 for a in agenda if not a.proposer_side),
        "attendance_groups": by_status,
        "n_present": sum(1 for a in attendance if a.status == vocab.PRESENT),
        "turns": turn_summary(gathering),
        "contributions": contributions,
        **invitation_detail(gathering),
    }


def invitation_detail(gathering: Gathering) -> dict[str, Any]:
    """Who chose who was in the room: who drew up the list (with their side on the day), and
    who was left off and why."""
    makers = list(gathering.invitation_makers.select_related("person").order_by("person__name"))
    return {
        "invitation_label": (
            vocab.INVITATIONS.label(gathering.invitation) if gathering.invitation else ""
        ),
        "invitation_makers": makers,
        "chosen_by_professionals_alone": bool(makers)
        and all(m.side == pvocab.PROFESSIONAL for m in makers),
        "left_off": list(gathering.left_off.select_related("person").order_by("id")),
    }


@dataclass
class ItemVoice:
    item: AgendaItem | None  # None: turns recorded with no item chosen
    turns: int = 0
    by_side: dict[str, int] = field(default_factory=dict)

    @property
    def sides(self) -> list[tuple[Any, int, int]]:
        """(side, turns, share of this item's turns in whole per cent) for each side."""
        return [
            (s, n := self.by_side.get(s.code, 0), round(100 * n / self.turns) if self.turns else 0)
            for s in pvocab.SIDES
        ]


def voice_by_item(gathering: Gathering, agenda: list[AgendaItem]) -> list[ItemVoice]:
    """Who spoke on each agenda item, by side on the day: turns recorded while the turn page
    said which item was being discussed. Empty when no turn names an item."""
    counts = list(
        SpeakingTurn.objects.filter(gathering=gathering)
        .values_list("agenda_item_id", "side")
        .annotate(n=Count("id"))
        .order_by()
    )
    if not any(item_id for item_id, _, _ in counts):
        return []
    rows = {a.pk: ItemVoice(a) for a in agenda}
    rest = ItemVoice(None)
    for item_id, side, n in counts:
        row = rows.get(item_id, rest)  # no item, or one since taken off the agenda
        row.turns += n
        row.by_side[side] = row.by_side.get(side, 0) + n
    return [*rows.values(), *([rest] if rest.turns else [])]


@dataclass
class BoardRow:
    person: Person
    turns: int
    side: str


@dataclass
class Other:
    """Someone in the register not marked as here, with what was recorded for them."""

    person: Person
    status: str  # "", or vocab.APOLOGIES / vocab.ABSENT
    status_label: str


@dataclass
class TurnBoard:
    rows: list[BoardRow]  # the people who came (or spoke): one tap button each
    others: list[Other]  # everyone else in the register, folded below the buttons
    summary: TurnSummary
    recent: list[SpeakingTurn]
    query: str = ""  # the name filter, as typed
    present_total: int = 0  # before the filter
    others_total: int = 0  # before the filter


def turn_board(gathering: Gathering, *, query: str = "") -> TurnBoard:
    """The note-taker's grid: one button per person marked as here (anyone who spoke was), with
    their live count; everyone else in the register apart, to mark as here. ``query`` keeps
    only the people whose name contains it (either list)."""
    people = people_for(gathering)
    status = dict(gathering.attendances.values_list("person_id", "status"))
    summary = turn_summary(gathering)
    counts = {p.person_id: p for p in summary.by_person}
    rows: list[BoardRow] = []
    others: list[Other] = []
    present_total = others_total = 0
    needle = query.strip().casefold()
    for p in people:
        st = status.get(p.pk)
        spoke = p.pk in counts
        here = spoke or st == vocab.PRESENT
        if here:
            present_total += 1
        else:
            others_total += 1
        if needle and needle not in p.name.casefold():
            continue
        if here:
            side = (
                counts[p.pk].side
                if spoke
                else role_on(p, gathering.held_on, list(p.spells.all()))[1]
            )
            rows.append(BoardRow(p, counts[p.pk].turns if spoke else 0, side))
        else:
            label = vocab.ATTENDANCE.label(st).lower() if st else ""
            others.append(Other(p, st or "", label))
    recent = list(
        SpeakingTurn.objects.filter(gathering=gathering)
        .select_related("person")
        .order_by("-recorded_at", "-id")[:5]
    )
    return TurnBoard(
        rows=rows,
        others=others,
        summary=summary,
        recent=recent,
        query=query.strip(),
        present_total=present_total,
        others_total=others_total,
    )


def turns_entered_after(gathering: Gathering) -> dict[int, tuple[int, int | None]]:
    """Turns entered after the gathering (not tapped live): ``{person_id: (turns, minutes)}``."""
    rows = (
        SpeakingTurn.objects.filter(gathering=gathering, started_at__isnull=True)
        .values("person_id")
        .annotate(n=Count("id"), secs=Sum("seconds"))
        .order_by()
    )
    return {
        r["person_id"]: (r["n"], round(r["secs"] / 60) if r["secs"] is not None else None)
        for r in rows
    }


def expected_people(gathering: Gathering) -> list[Person]:
    """Who the gathering's sign-in sheet lists: everyone who could be there (``people_for``)
    but those who sent apologies or are recorded as not coming, and those on its list of
    people not invited (unless they are already recorded as there)."""
    marks = dict(Attendance.objects.filter(gathering=gathering).values_list("person_id", "status"))
    not_invited = set(
        LeftOff.objects.filter(gathering=gathering, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    return [
        p
        for p in people_for(gathering)
        if marks.get(p.pk) == vocab.PRESENT or (p.pk not in marks and p.pk not in not_invited)
    ]
