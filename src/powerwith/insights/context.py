"""What every foundation indicator is built on (``insights.core``): the journey and period's
records read once (``Ctx``, ``Fold``), the shape of an indicator and its small-numbers note, and
the sides and sources the figures name. Other sections build on ``Ctx`` too."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.decisions.selectors import DecisionTally, decision_tally
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import Attendance, Gathering, SpeakingTurn
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey
from powerwith.people import vocab as p_vocab
from powerwith.people.models import Person, RoleSpell

# Below this many records a figure is flagged as resting on small numbers.
SMALL_N = 10

LIVED, PROFESSIONAL = p_vocab.LIVED, p_vocab.PROFESSIONAL
SIDES = (LIVED, PROFESSIONAL)
STAFF_ROLES = p_vocab.STAFF_ROLES
HIGH_LEVELS = ("organisational_culture", "policy_structural")

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
CHAUHAN = "Chauhan, Croft & Spyridonidis 2022"
DUROSE = "Durose, Richardson & Perry 2024"
ESSAY = gettext_lazy("the citizenship essay")


# --------------------------------------------------------------------------------------------
# Shared shape of an indicator


# "This rests on only 3 ...": one whole sentence for each kind of record, so that each
# language can put the number and the noun together its own way.
SMALL_NOTES = {
    "record": lambda n: ngettext(
        "This rests on only %(n)s record: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s records: read it as a rough picture, not a precise figure.",
        n,
    ),
    "attendance record": lambda n: ngettext(
        "This rests on only %(n)s attendance record: read it as a rough picture, not a precise "
        "figure.",
        "This rests on only %(n)s attendance records: read it as a rough picture, not a precise "
        "figure.",
        n,
    ),
    "speaking turn": lambda n: ngettext(
        "This rests on only %(n)s speaking turn: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s speaking turns: read it as a rough picture, not a precise "
        "figure.",
        n,
    ),
    "agenda item": lambda n: ngettext(
        "This rests on only %(n)s agenda item: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s agenda items: read it as a rough picture, not a precise figure.",
        n,
    ),
    "contribution": lambda n: ngettext(
        "This rests on only %(n)s contribution: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s contributions: read it as a rough picture, not a precise figure.",
        n,
    ),
    "person": lambda n: ngettext(
        "This rests on only %(n)s person: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s people: read it as a rough picture, not a precise figure.",
        n,
    ),
    "gathering": lambda n: ngettext(
        "This rests on only %(n)s gathering: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s gatherings: read it as a rough picture, not a precise figure.",
        n,
    ),
    "contribution done": lambda n: ngettext(
        "This rests on only %(n)s contribution done: read it as a rough picture, not a precise "
        "figure.",
        "This rests on only %(n)s contributions done: read it as a rough picture, not a precise "
        "figure.",
        n,
    ),
    "decision": lambda n: ngettext(
        "This rests on only %(n)s decision: read it as a rough picture, not a precise figure.",
        "This rests on only %(n)s decisions: read it as a rough picture, not a precise figure.",
        n,
    ),
}


def small_note(n: int, what: str = "record") -> str:
    """A plain warning when a figure rests on few records ("" when there are enough).
    ``what``: the kind of record, one of ``SMALL_NOTES``."""
    if n == 0:
        return _("Nothing recorded in this period yet.")
    if n < SMALL_N:
        return SMALL_NOTES[what](n) % {"n": n}
    return ""


def indicator(
    *,
    title: str,
    n: int,
    explanation: str,
    based_on: str,
    drill_down: str,
    what: str = "record",
    **values: Any,
) -> dict[str, Any]:
    return {
        "title": title,
        "n": n,
        "small_numbers": n < SMALL_N,
        "note": small_note(n, what),
        "explanation": explanation,
        "based_on": based_on,
        "drill_down": drill_down,
        **values,
    }


def days_words(n: int) -> str:
    """ "1 day", "30 days", in the reader's language."""
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}


def drill_down_url(journey: Journey, period: Period, key: str) -> str:
    try:
        url = reverse("insights:records", kwargs={"slug": journey.slug, "indicator": key})
    except NoReverseMatch:
        return ""
    query = {k: v for k, v in period.as_json().items() if v}
    return f"{url}?{urlencode(query)}" if query else url


def _sides(counts: dict[str, int]) -> dict[str, int]:
    return {LIVED: counts.get(LIVED, 0), PROFESSIONAL: counts.get(PROFESSIONAL, 0)}


@dataclass
class Ctx:
    journey: Journey
    period: Period
    thresholds: dict[str, dict[str, Any]]
    today: datetime.date = field(default_factory=timezone.localdate)
    # Results worked out from these reads that more than one section needs (the people of
    # ``retention_people``: the retention figure and leaving's "stopped coming"), kept for
    # the rest of the call under their function's name.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def end(self) -> datetime.date:
        """The last day counted: the period's end, or today."""
        return self.period.end or self.today

    def url(self, key: str) -> str:
        return drill_down_url(self.journey, self.period, key)

    def present(self) -> Any:
        return Attendance.objects.filter(
            self.period.q("gathering__held_on"),
            gathering__journey=self.journey,
            status=g_vocab.PRESENT,
        )

    def turns(self) -> Any:
        return SpeakingTurn.objects.filter(
            self.period.q("gathering__held_on"), gathering__journey=self.journey
        )

    def gatherings(self) -> Any:
        return Gathering.objects.filter(self.period.q("held_on"), journey=self.journey)

    def contributions(self) -> Any:
        return Contribution.objects.filter(self.period.q("raised_on"), journey=self.journey)

    # One read of each of the journey's big tables, shared by the indicators that need it.

    @cached_property
    def gathering_rows(self) -> dict[int, dict[str, Any]]:
        """The period's gatherings by id, in date order."""
        return {
            g["id"]: g
            for g in self.gatherings()
            .order_by("held_on", "id")
            .values(
                "id", "title", "held_on", "venue_kind", "format", "kind", "group_id", "invitation"
            )
        }

    @cached_property
    def presence(self) -> list[tuple[int, int, str, str, str, int, int, int]]:
        """The period's attendance rows of people who came or spoke, with their turn tally
        (see gatherings/tally.py): ``(gathering id, person id, role, side, status, turns,
        timed turns, seconds)``. Plain tuples, because a large journey has tens of thousands;
        :func:`_fold` gathers what the figures need from them in one pass."""
        rows = (
            Attendance.objects.filter(
                self.period.q("gathering__held_on"), gathering__journey=self.journey
            )
            .filter(Q(status=g_vocab.PRESENT) | Q(turn_count__gt=0))
            .values_list(
                "gathering_id",
                "person_id",
                "role",
                "side",
                "status",
                "turn_count",
                "timed_turns",
                "turn_seconds",
            )
        )
        # Fetched whole by the database cursor: the columns need no converting, and Django's
        # row-by-row iteration cost a fifth of the time for a large journey's 17,000 rows.
        sql, params = rows.query.sql_with_params()
        with connections[rows.db].cursor() as cursor:
            cursor.execute(sql, params)
            fetched: list[tuple[int, int, str, str, str, int, int, int]] = cursor.fetchall()
            return fetched

    @cached_property
    def fold(self) -> Fold:
        return _fold(self)

    @cached_property
    def came_per_person(self) -> dict[int, int]:
        """How many gatherings of the period each person came to (counted by the fold)."""
        return self.fold.came_of

    @cached_property
    def contribution_groups(self) -> list[dict[str, Any]]:
        """The period's contributions counted by channel, raiser's side, anonymous or not, fate
        and kind (``n``), with how many of each are new and older than the "unanswered too
        long" threshold (``long``): follow-through and the praise and problems of patients'
        experience count from this one read."""
        days_long = int(self.thresholds["unanswered_long"]["days"])
        cutoff = self.today - datetime.timedelta(days=days_long)
        return list(
            self.contributions()
            .values("channel", "raiser_side", "anonymous", "fate", "kind")
            .annotate(
                n=Count("id"),
                long=Count("id", filter=Q(fate=c_vocab.NEW, raised_on__lt=cutoff)),
            )
            .order_by()
        )

    @cached_property
    def decisions(self) -> DecisionTally:
        """The period's decisions counted by rung, taker and proposer's side, with the earliest
        day of each group (``decisions.selectors.decision_tally``): the foundation's limits,
        the decisions section and the budgets section all count from it."""
        return decision_tally(self.journey, self.period.q("decided_on"))

    @cached_property
    def role_spells(self) -> list[tuple[int, datetime.date, datetime.date | None, bool]]:
        """Every role spell of the journey's people, ``(person id, started on, ended on,
        paid)``, each person's in the order they started (who is in the room reads whether
        people were paid; leaving reads who changed role)."""
        return list(
            RoleSpell.objects.filter(journey=self.journey)
            .order_by("person_id", "started_on", "id")
            .values_list("person_id", "started_on", "ended_on", "paid")
        )

    @cached_property
    def people(self) -> dict[int, Any]:
        """Everyone in the journey's register (in the register's order)."""
        return {
            p["id"]: p
            for p in Person.objects.filter(journey=self.journey).values(
                "id", "role", "side", "joined_on", "left_on", "organisation_id", "network_key"
            )
        }


@dataclass
class Fold:
    """What who is in the room, share of voice, the per-gathering figures and who stays need
    from the period's presence, gathered in one pass over it (see :func:`_fold`)."""

    # Per gathering id: [came, lived came, professional came, came and silent,
    #                    turns, speakers, lived turns, professional turns, lived s, prof. s]
    gatherings: dict[int, list[int]]
    # How many times someone came.
    attendances: int
    # Per month ("YYYY-MM"): people who came, by side, by role.
    months: dict[str, tuple[set[int], dict[str, set[int]], dict[str, set[int]]]]
    # Per person: (rank of the gathering in date order, its id, role, side) of the last
    # gathering on or before the period's end that they came to.
    latest: dict[int, tuple[int, int, str, str]]
    # Turns per person who spoke, and turns and seconds by (role, side).
    turns_of: dict[int, int]
    voice: dict[tuple[str, str], list[int]]  # (role, side) -> [turns, seconds, timed]
    # How many of the period's gatherings each person came to, in the order first seen.
    came_of: dict[int, int]

    @cached_property
    def by_side(self) -> dict[str, set[int]]:
        """People who came in the period, by each side they held when they came."""
        out: dict[str, set[int]] = defaultdict(set)
        for _people, sides, _roles in self.months.values():
            for side, ids in sides.items():
                out[side] |= ids
        return out

    @cached_property
    def by_role(self) -> dict[str, set[int]]:
        """People who came in the period, by each role they held when they came."""
        out: dict[str, set[int]] = defaultdict(set)
        for _people, _by_side, roles in self.months.values():
            for role, ids in roles.items():
                out[role] |= ids
        return out


_Bundle = tuple[list[int], set[int], dict[str, set[int]], dict[str, set[int]], int | None]


def _fold(ctx: Ctx) -> Fold:
    months: dict[str, tuple[set[int], dict[str, set[int]], dict[str, set[int]]]] = {}
    # Per gathering, everything a row of it adds to, looked up once per run of rows of the same
    # gathering (the database gives them gathering by gathering, though nothing depends on it):
    # (its counts, its month's people, by side, by role, its rank in date order if it was held
    # by the period's end).
    bundles: dict[int, _Bundle] = {}
    counts: dict[int, list[int]] = {}
    end = ctx.end
    for i, (gid, g) in enumerate(ctx.gathering_rows.items()):
        key = f"{g['held_on']:%Y-%m}"
        m = months.get(key)
        if m is None:
            m = months[key] = (set(), defaultdict(set), defaultdict(set))
        c = counts[gid] = [0] * 10
        bundles[gid] = (c, m[0], m[1], m[2], i if g["held_on"] <= end else None)
    latest: dict[int, tuple[int, int, str, str]] = {}
    turns_of: dict[int, int] = defaultdict(int)
    voice: dict[tuple[str, str], list[int]] = {}
    came_of: dict[int, int] = {}
    came_get = came_of.get
    attendances = 0
    present = g_vocab.PRESENT
    last = None
    for gid, pid, role, side, status, turns, timed, secs in ctx.presence:
        if gid != last:
            c, came, sides, roles, k = bundles[gid]
            last = gid
        if status == present:
            attendances += 1
            c[0] += 1
            if side == LIVED:
                c[1] += 1
            elif side == PROFESSIONAL:
                c[2] += 1
            if not turns:
                c[3] += 1
            came.add(pid)
            sides[side].add(pid)
            if role:
                roles[role].add(pid)
            came_of[pid] = came_get(pid, 0) + 1
            if k is not None:
                seen = latest.get(pid)
                if seen is None or k > seen[0]:
                    latest[pid] = (k, gid, role, side)
        if turns:
            c[4] += turns
            c[5] += 1
            if side == LIVED:
                c[6] += turns
                c[8] += secs
            elif side == PROFESSIONAL:
                c[7] += turns
                c[9] += secs
            turns_of[pid] += turns
            v = voice.get((role, side))
            if v is None:
                v = voice[(role, side)] = [0, 0, 0]
            v[0] += turns
            v[1] += secs
            v[2] += timed
    return Fold(
        counts, attendances, dict(sorted(months.items())), latest, dict(turns_of), voice, came_of
    )
