"""Turns a journey's story (people, gatherings, contributions, fates) into records.

The story is written as plain data (see ``ebcd.py`` and ``lab.py``): days are counted from the
journey's start. The builder turns each item into an *event* on its date, sorts the events and
runs them in order through the real services, so role snapshots, attendance, history and audit
lines come out as they would if people had used PowerWith day by day. After each event the
audit lines, fate history and turns it wrote are stamped with the event's date, so the journey's
log and histories read as a real timeline rather than "everything happened when the demo loaded".
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution, FateChange
from powerwith.gatherings import services as gathering_services
from powerwith.gatherings import vocab as gathering_vocab
from powerwith.gatherings.models import Gathering, SpeakingTurn
from powerwith.people import services as people_services
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Organisation, Person

from .context import DemoJourney, DemoWorkingGroup

NETWORK = uuid.UUID("6f1c1d52-5b1e-4d3c-9a57-2f4d0c1b9e10")


@dataclass
class P:
    """A person in the story."""

    name: str
    role: str
    joined: int  # day of the journey
    org: str = ""
    paid: bool | None = None  # default: paid if professional
    online: bool = True
    talk: float = 1.0  # how much they tend to speak, relative to others
    contact: str = ""
    side: str | None = None
    account: str = ""  # key of a demo account linked to this person
    shared: bool = False  # the same individual appears in the other demo journey


@dataclass
class G:
    """A gathering in the story."""

    key: str
    title: str
    kind: str
    day: int
    venue_kind: str
    venue_name: str
    present: list[str]
    stage: str = ""
    apologies: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    agenda: list[tuple[str, str | None]] = field(default_factory=list)
    turns: float = 0.0  # speaking turns per person present, on average (0 = none recorded)
    prof: float = 1.0  # how much more a professional speaks than others here
    live: bool = False  # tapped live on the turn page (timed, with agenda items)
    minutes: bool = False  # entered afterwards with minutes spoken
    notes: str = ""
    accessibility: str = ""
    starts: tuple[int, int] = (10, 0)
    group: str = ""  # the working group this meeting belongs to


@dataclass
class Step:
    """One change in a contribution's fate."""

    fate: str
    day: int
    reason: str = ""
    level: str = ""
    response: str | None = None
    merged_into: str = ""
    owner: str = ""
    by: str = "facilitator"


@dataclass
class C:
    """A contribution in the story."""

    key: str
    text: str
    by: str | None  # None: anonymous
    channel: str
    tags: list[str]
    at: str = ""  # gathering key
    day: int | None = None  # when not raised at a gathering
    provenance: str = ""
    entered: str = "notes"  # key of the account that typed it in (notes, facilitator, patient...)
    steps: list[Step] = field(default_factory=list)


@dataclass
class RoleChange:
    name: str
    day: int
    role: str
    paid: bool


@dataclass
class Leave:
    name: str
    day: int
    reason: str


@dataclass
class WG:
    """A co-design working group: its meetings are gatherings whose ``group`` is its name."""

    name: str
    purpose: str
    item: str  # the contribution key it grew from
    members: list[str]
    formed: int
    closed: int | None = None


@dataclass(order=True)
class _Event:
    day: datetime.date
    order: int
    seq: int
    run: Callable[[], None] = field(compare=False)
    hour: tuple[int, int] = field(compare=False, default=(9, 0))


class JourneyBuilder:
    """Builds one demo journey's core record from its story, through the services."""

    def __init__(
        self,
        *,
        dj: DemoJourney,
        start: datetime.date,
        today: datetime.date,
        accounts: dict[str, Any],
        rng: random.Random,
    ) -> None:
        self.dj = dj
        self.journey = dj.journey
        self.start = start
        self.today = today
        self.accounts = accounts  # "facilitator", "notes", "funder", "patient"... -> User
        self.rng = rng
        self.orgs: dict[str, Organisation] = {}
        self.talk: dict[str, float] = {}
        self.gatherings: dict[str, Gathering] = {}
        self.contributions: dict[str, Contribution] = {}
        self._events: list[_Event] = []
        self._seq = 0
        self._specs: dict[str, G] = {}
        self._post: list[Callable[[], None]] = []

    # -- dates ---------------------------------------------------------------------------------
    def date(self, day: int) -> datetime.date:
        return min(self.start + datetime.timedelta(days=day), self.today)

    def meeting_date(self, day: int) -> datetime.date:
        """The date ``day`` moved to the next Tuesday, Wednesday or Thursday (never after today)."""
        d = self.start + datetime.timedelta(days=day)
        while d.weekday() not in (1, 2, 3):
            d += datetime.timedelta(days=1)
        return min(d, self.today - datetime.timedelta(days=1))

    def _schedule(
        self, day: datetime.date, order: int, run: Callable[[], None], hour: tuple[int, int]
    ) -> None:
        self._seq += 1
        self._events.append(_Event(day, order, self._seq, run, hour))

    @property
    def facilitator(self) -> Any:
        return self.accounts["facilitator"]

    # -- the story -----------------------------------------------------------------------------
    def organisations(self, orgs: list[tuple[str, str]]) -> None:
        for name, kind in orgs:
            self.orgs[name] = people_services.organisation_create(
                actor=self.facilitator, journey=self.journey, name=name, kind=kind
            )

    def people(self, people: list[P]) -> None:
        for p in people:
            self._schedule(self.date(p.joined), 0, self._person_run(p), (9, 0))

    def _person_run(self, p: P) -> Callable[[], None]:
        def run() -> None:
            side = p.side or people_vocab.default_side(p.role)
            paid = p.paid if p.paid is not None else side == people_vocab.PROFESSIONAL
            scope = "shared" if p.shared else self.dj.key
            person = people_services.person_create(
                actor=self.facilitator,
                journey=self.journey,
                name=p.name,
                role=p.role,
                side=p.side,
                paid=paid,
                joined_on=self.date(p.joined),
                is_pseudonym=side == people_vocab.LIVED,
                organisation=self.orgs.get(p.org),
                contact=p.contact,
                online=p.online,
                user=self.accounts.get(p.account) if p.account else None,
                network_key=uuid.uuid5(NETWORK, f"{scope}:{p.name}"),
            )
            self.dj.people[p.name] = person
            self.talk[p.name] = p.talk * self.rng.uniform(0.8, 1.25)

        return run

    def role_changes(self, changes: list[RoleChange]) -> None:
        for ch in changes:

            def run(ch: RoleChange = ch) -> None:
                people_services.person_change_role(
                    actor=self.facilitator,
                    person=self.dj.people[ch.name],
                    role=ch.role,
                    paid=ch.paid,
                    from_date=self.date(ch.day),
                )

            self._schedule(self.date(ch.day), 1, run, (9, 30))

    def leaves(self, leaves: list[Leave]) -> None:
        for lv in leaves:

            def run(lv: Leave = lv) -> None:
                people_services.person_leave(
                    actor=self.facilitator,
                    person=self.dj.people[lv.name],
                    left_on=self.date(lv.day),
                    reason=lv.reason,
                )

            self._schedule(self.date(lv.day), 6, run, (17, 0))

    def other(self, day: int, run: Callable[[], None], order: int = 1) -> None:
        """Anything else on a day of the journey (agreement changes, sharing settings)."""
        self._schedule(self.date(day), order, run, (12, 0))

    def gathering_plan(self, gatherings: list[G]) -> None:
        for g in gatherings:
            self._specs[g.key] = g
            self._schedule(self.meeting_date(g.day), 2, self._gathering_run(g), g.starts)

    def _person(self, name: str, on: datetime.date) -> Person:
        person = self.dj.people.get(name)
        if person is None:
            raise ValueError(f"demo data: {name} is not in the journey yet on {on}")
        if person.left_on is not None and person.left_on < on:
            raise ValueError(f"demo data: {name} left before {on}")
        return person

    def _gathering_run(self, g: G) -> Callable[[], None]:
        def run() -> None:
            held_on = self.meeting_date(g.day)
            notes = self.accounts["notes"]
            gathering = gathering_services.gathering_create(
                actor=notes,
                journey=self.journey,
                title=g.title,
                kind=g.kind,
                held_on=held_on,
                venue_kind=g.venue_kind,
                venue_name=g.venue_name,
                starts_at=datetime.time(*g.starts),
                accessibility=g.accessibility,
                notes=g.notes,
                stage=g.stage,
            )
            self.gatherings[g.key] = gathering
            self.dj.gatherings.append(gathering)
            items = [
                gathering_services.agenda_item_add(
                    actor=notes,
                    gathering=gathering,
                    title=title,
                    proposed_by=self._person(who, held_on) if who else None,
                )
                for title, who in g.agenda
            ]
            statuses: dict[int, str] = {}
            for names, status in (
                (g.present, gathering_vocab.PRESENT),
                (g.apologies, gathering_vocab.APOLOGIES),
                (g.absent, gathering_vocab.ABSENT),
            ):
                for name in names:
                    statuses[self._person(name, held_on).pk] = status
            if statuses:
                gathering_services.attendance_set(
                    actor=notes, gathering=gathering, statuses=statuses
                )
            if g.turns:
                self._turns(g, gathering, items)

        return run

    def _weight(self, g: G, name: str) -> float:
        person = self.dj.people[name]
        w = self.talk.get(name, 1.0)
        if person.side == people_vocab.PROFESSIONAL:
            seniority = people_vocab.ROLES[person.role].extra.get("seniority", 0)
            w *= g.prof * (1 + 0.3 * float(seniority))  # type: ignore[arg-type]
        return w

    def _turns(self, g: G, gathering: Gathering, items: list[Any]) -> None:
        notes = self.accounts["notes"]
        speakers = [n for n in g.present if self.talk.get(n, 1.0) > 0]
        if not speakers:
            return
        weights = [self._weight(g, n) for n in speakers]
        total = max(1, round(len(speakers) * g.turns * self.rng.uniform(0.85, 1.15)))
        order = self.rng.choices(speakers, weights=weights, k=total)
        if g.live:
            clock = timezone.make_aware(
                datetime.datetime.combine(gathering.held_on, datetime.time(*g.starts))
            )
            for i, name in enumerate(order):
                person = self.dj.people[name]
                professional = person.side == people_vocab.PROFESSIONAL
                mean = 70 * g.prof**0.5 if professional else 45
                seconds = int(min(600, max(5, self.rng.gauss(mean, mean / 2.5))))
                clock += datetime.timedelta(seconds=seconds + self.rng.randint(5, 40))
                gathering_services.turn_record(
                    actor=notes,
                    gathering=gathering,
                    person=person,
                    seconds=seconds,
                    agenda_item=items[i * len(items) // total] if items else None,
                    started_at=clock,
                )
            return
        counts: dict[int, int] = {}
        for name in order:
            pk = self.dj.people[name].pk
            counts[pk] = counts.get(pk, 0) + 1
        minutes = None
        if g.minutes:
            minutes = {
                pk: max(1, round(n * self.rng.uniform(0.6, 1.6))) for pk, n in counts.items()
            }
        gathering_services.turns_enter(
            actor=notes, gathering=gathering, counts=counts, minutes=minutes
        )

    def contribution_plan(self, contributions: list[C]) -> None:
        for c in contributions:
            if c.at:
                day = self.meeting_date(self._specs[c.at].day)
            else:
                assert c.day is not None, c.key
                day = self.date(c.day)
            self._schedule(day, 3, self._contribution_run(c), (15, 0))
            for step in c.steps:
                when = max(self._step_date(step.day), day)
                self._schedule(when, 4, self._step_run(c.key, step, when), (16, 0))

    def _step_date(self, day: int) -> datetime.date:
        # A change on the day of a gathering happened at that gathering (e.g. a vote).
        for spec in self._specs.values():
            if spec.day == day:
                return self.meeting_date(day)
        return self.date(day)

    def _contribution_run(self, c: C) -> Callable[[], None]:
        def run() -> None:
            gathering = self.gatherings[c.at] if c.at else None
            raised_on = gathering.held_on if gathering else self.date(c.day or 0)
            actor = self.accounts[c.entered]
            contribution = contribution_services.contribution_create(
                actor=actor,
                journey=self.journey,
                text=c.text,
                channel=c.channel,
                raised_on=raised_on,
                raised_by=self._person(c.by, raised_on) if c.by else None,
                anonymous=c.by is None,
                gathering=gathering,
                provenance=c.provenance,
                tags=c.tags,
            )
            self.contributions[c.key] = contribution
            self.dj.contributions.append(contribution)

        return run

    def _step_run(self, key: str, step: Step, when: datetime.date) -> Callable[[], None]:
        def run() -> None:
            contribution = self.contributions[key]
            contribution_services.contribution_set_fate(
                actor=self.accounts[step.by],
                contribution=contribution,
                fate=step.fate,
                reason=step.reason,
                change_level=step.level,
                merged_into=self.contributions[step.merged_into] if step.merged_into else None,
                response=step.response,
                on=when,
                owner=self.dj.people[step.owner] if step.owner else False,
            )

        return run

    def working_groups(self, groups: list[WG]) -> None:
        def run() -> None:
            for wg in groups:
                self.dj.working_groups.append(
                    DemoWorkingGroup(
                        name=wg.name,
                        purpose=wg.purpose,
                        item=self.contributions[wg.item],
                        members=[self.dj.people[n] for n in wg.members],
                        gatherings=[
                            self.gatherings[s.key]
                            for s in sorted(self._specs.values(), key=lambda s: s.day)
                            if s.group == wg.name
                        ],
                        formed_on=self.meeting_date(wg.formed),
                        closed_on=self.date(wg.closed) if wg.closed is not None else None,
                    )
                )

        self.after(run)

    def after(self, run: Callable[[], None]) -> None:
        """Run ``run`` once the whole timeline has been built."""
        self._post.append(run)

    # -- running -------------------------------------------------------------------------------
    def run(self) -> None:
        """Run every event in date order, stamping what each one wrote with its date."""
        tz = timezone.get_current_timezone()
        marks = {
            "audit": last_id(AuditEntry),
            "fate": last_id(FateChange),
            "turn": last_id(SpeakingTurn),
        }
        for event in sorted(self._events):
            event.run()
            at = datetime.datetime.combine(event.day, datetime.time(*event.hour), tzinfo=tz)
            for key, model, stamp in (
                ("audit", AuditEntry, "at"),
                ("fate", FateChange, "at"),
                ("turn", SpeakingTurn, "recorded_at"),
            ):
                last = last_id(model)
                if last > marks[key]:
                    model.objects.filter(id__gt=marks[key], id__lte=last).update(**{stamp: at})
                    marks[key] = last
        # Live taps were recorded as they happened.
        SpeakingTurn.objects.filter(
            gathering__journey=self.journey, started_at__isnull=False
        ).update(recorded_at=F("started_at"))
        self.dj.gatherings.sort(key=lambda g: (g.held_on, g.pk))
        self.dj.contributions.sort(key=lambda c: (c.raised_on, c.pk))
        for post in self._post:
            post()


def last_id(model: Any) -> int:
    row = model.objects.order_by("-id").values_list("id", flat=True).first()
    return int(row or 0)
