"""The foundation indicators of the power dashboard, computed from the record.

Seven indicators (who is in the room, share of voice, who sets the agenda, follow-through,
who stays, where and how people meet, what changed) plus a small one on limits and decisions,
and the warning signs over them. Every figure is a plain function of ``(journey, period)``;
the page, the CLI and the API all call :func:`compute`.

Every figure is an aggregate query (GROUP BY on the role and side snapshots kept on each
record), so the number of queries does not grow with the size of the journey.

Each indicator is a dict with: ``title``, ``n`` (the number of records it rests on),
``small_numbers`` and ``note`` (said plainly when n is small), ``explanation`` (our own words),
``based_on`` (a source named in CONCEPTS.md), ``drill_down`` (a link to the records behind it)
and its values. docs/insights.md documents every key.
"""

from __future__ import annotations

import bisect
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.common.db import DaysBetween
from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import CoDesignGroup, Decision
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import AgendaItem, Attendance, Gathering, SpeakingTurn
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Journey, Limit
from powerwith.people import vocab as p_vocab
from powerwith.people.models import Organisation, Person, RoleSpell

from .maths import gini, median_of_counts, percent, share, top_share
from .period import Period
from .thresholds import ThresholdInfo
from .types import Shown, WarningSign

KEY = "record"
TITLE = gettext_noop("Who takes part, who speaks, and what happens")  # translated where shown
TEMPLATE = "insights/sections/record.html"

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

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "professionals_hold_voice": {"share": 0.6, "min_turns": 20},
    "lived_no_agenda": {"last_gatherings": 3, "min_items": 3},
    "unanswered_long": {"days": 30, "count": 5},
    "low_acted_upon": {"rate": 0.5, "min_raised": 10},
    "institutional_premises": {"share": 0.8, "min_gatherings": 4},
    "no_senior_leader": {"min_high_level_done": 1, "min_open_in_hand": 3},
    "staff_dropping_out": {"missed_gatherings": 3, "min_people": 1, "share": 0.2},
    "voice_concentrated": {"top3_share": 0.5, "gini": 0.5, "min_attendees": 8, "min_turns": 20},
    "limits_undisclosed": {"min_decisions": 1},
}

# The title of each warning sign, for the threshold settings page.
WARNING_TITLES = {
    "professionals_hold_voice": gettext_lazy("Professionals hold most of the voice"),
    "voice_concentrated": gettext_lazy("A few people hold most of the voice"),
    "lived_no_agenda": gettext_lazy(
        "People with lived experience proposed none of the recent agenda"
    ),
    "unanswered_long": gettext_lazy("Many contributions have waited a long time for an answer"),
    "low_acted_upon": gettext_lazy("Few contributions have been acted upon"),
    "institutional_premises": gettext_lazy("Almost everything happens on institutional premises"),
    "no_senior_leader": gettext_lazy("No senior leader is involved where changes need one"),
    "staff_dropping_out": gettext_lazy("Staff are dropping out"),
    "limits_undisclosed": gettext_lazy("Limits were not shared while decisions were being made"),
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "professionals_hold_voice": {
        "share": ThresholdInfo(
            gettext_lazy("Professionals' share of speaking turns"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "min_turns": ThresholdInfo(
            gettext_lazy("Fewest turns before warning"),
            "count",
            gettext_lazy("Say nothing until this many turns are recorded."),
        ),
    },
    "lived_no_agenda": {
        "last_gatherings": ThresholdInfo(
            gettext_lazy("Recent gatherings to look at"),
            "count",
            gettext_lazy("The most recent gatherings with an agenda."),
            minimum=1,
        ),
        "min_items": ThresholdInfo(
            gettext_lazy("Fewest agenda items before warning"),
            "count",
            gettext_lazy("Across those gatherings."),
            minimum=1,
        ),
    },
    "unanswered_long": {
        "days": ThresholdInfo(
            gettext_lazy("Days without an answer"),
            "days",
            gettext_lazy("A contribution counts once it waits this long."),
        ),
        "count": ThresholdInfo(
            gettext_lazy("How many long-waiting contributions"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
    },
    "low_acted_upon": {
        "rate": ThresholdInfo(
            gettext_lazy("Lowest acceptable acted-upon rate"),
            "share",
            gettext_lazy("Warn when the rate is below this."),
        ),
        "min_raised": ThresholdInfo(
            gettext_lazy("Fewest contributions before warning"),
            "count",
            gettext_lazy("Say nothing until this many are raised."),
        ),
    },
    "institutional_premises": {
        "share": ThresholdInfo(
            gettext_lazy("Share of gatherings on institutional premises"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "min_gatherings": ThresholdInfo(
            gettext_lazy("Fewest gatherings before warning"),
            "count",
            gettext_lazy("Say nothing until this many are held."),
        ),
    },
    "no_senior_leader": {
        "min_high_level_done": ThresholdInfo(
            gettext_lazy("Changes to culture or policy"),
            "count",
            gettext_lazy(
                "Warn when this many contributions were done at organisational culture or policy level and no senior leader came."
            ),
        ),
        "min_open_in_hand": ThresholdInfo(
            gettext_lazy("Contributions being worked on"),
            "count",
            gettext_lazy(
                "Or when this many are prioritised or in progress and no senior leader came."
            ),
        ),
    },
    "staff_dropping_out": {
        "missed_gatherings": ThresholdInfo(
            gettext_lazy("Missed gatherings that mean someone stopped coming"),
            "count",
            gettext_lazy(
                "Someone has stopped coming when they missed this many gatherings in a row that they were expected at."
            ),
            minimum=1,
        ),
        "min_people": ThresholdInfo(
            gettext_lazy("Fewest staff dropping out"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
        "share": ThresholdInfo(
            gettext_lazy("Share of staff dropping out"),
            "share",
            gettext_lazy("And when they are at least this share of staff."),
        ),
    },
    "voice_concentrated": {
        "top3_share": ThresholdInfo(
            gettext_lazy("Share of turns held by the three most frequent speakers"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "gini": ThresholdInfo(
            gettext_lazy("How evenly speaking is shared (the Gini coefficient)"),
            "ratio",
            gettext_lazy("From 0 (everyone speaks equally) to 1. Warn at this value or more."),
            maximum=1,
        ),
        "min_attendees": ThresholdInfo(
            gettext_lazy("Fewest people in the room before warning"),
            "count",
            gettext_lazy("In a small group, three people always hold most turns."),
        ),
        "min_turns": ThresholdInfo(
            gettext_lazy("Fewest turns before warning"),
            "count",
            gettext_lazy("Say nothing until this many turns are recorded."),
        ),
    },
    "limits_undisclosed": {
        "min_decisions": ThresholdInfo(
            gettext_lazy("Fewest decisions before warning"),
            "count",
            gettext_lazy("Warn once this many decisions were made while a limit was not shared."),
            minimum=1,
        ),
    },
}


# How each figure a warning sign looked at is shown to people (insights/labels.py formats it).
EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "professionals_hold_voice": {
        "professional_share": Shown(
            gettext_lazy("Professionals' share of speaking turns"), "share"
        ),
        "turns": Shown(gettext_lazy("Speaking turns")),
    },
    "voice_concentrated": {
        "top3_share": Shown(
            gettext_lazy("Share of turns taken by the three who spoke most"), "share"
        ),
        "gini": Shown(
            gettext_lazy("How evenly speaking is shared (0 = everyone equally, 1 = one person)"),
            "ratio",
        ),
        "attendees": Shown(gettext_lazy("People who came")),
    },
    "lived_no_agenda": {
        "gatherings": Shown(gettext_lazy("Recent gatherings with an agenda")),
        "items": Shown(gettext_lazy("Agenda items at them")),
        "lived": Shown(gettext_lazy("Proposed by people with lived experience")),
        "from": Shown(gettext_lazy("Counted from"), "date"),
    },
    "unanswered_long": {
        "unanswered_long": Shown(gettext_lazy("Contributions waiting too long for a first answer")),
        "unanswered_days": Shown(gettext_lazy("A wait counts as too long after"), "days"),
        "oldest_unanswered": Shown(gettext_lazy("Oldest still waiting"), "contribution"),
    },
    "low_acted_upon": {
        "acted_upon_rate": Shown(gettext_lazy("Share acted upon"), "share"),
        "raised": Shown(gettext_lazy("Contributions raised")),
        "done": Shown(gettext_lazy("Done")),
    },
    "institutional_premises": {
        "institutional_share": Shown(
            gettext_lazy("Share of gatherings on institutional premises"), "share"
        ),
        "gatherings": Shown(gettext_lazy("Gatherings")),
    },
    "no_senior_leader": {
        "senior_leaders": Shown(gettext_lazy("Senior leaders who came")),
        "prioritised_or_in_progress": Shown(
            gettext_lazy("Contributions chosen or being worked on")
        ),
        "high_level_done": Shown(gettext_lazy("Done at the level of culture or policy")),
    },
    "staff_dropping_out": {
        "people": Shown(gettext_lazy("Staff")),
        "stopped_coming": Shown(gettext_lazy("Staff who stopped coming")),
        "left": Shown(gettext_lazy("Staff who left")),
        "dropped": Shown(gettext_lazy("Staff who stopped coming or left")),
        "share": Shown(gettext_lazy("Share of staff who stopped coming or left"), "share"),
    },
    "limits_undisclosed": {
        "decisions": Shown(gettext_lazy("Decisions made")),
        "undisclosed": Shown(gettext_lazy("Limits not shared with the group")),
        "disclosed_after_decisions": Shown(gettext_lazy("Limits shared only after decisions")),
    },
}

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
            .values("id", "title", "held_on", "venue_kind", "format", "kind", "group_id")
        }

    @cached_property
    def presence(self) -> list[tuple[int, int, str, str, str, int, int, int]]:
        """The period's attendance rows of people who came or spoke, with their turn tally
        (see gatherings/tally.py): ``(gathering id, person id, role, side, status, turns,
        timed turns, seconds)``. Plain tuples, because a large journey has tens of thousands;
        :func:`_fold` gathers what the figures need from them in one pass."""
        return list(
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

    @cached_property
    def fold(self) -> Fold:
        return _fold(self)

    @cached_property
    def came_per_person(self) -> dict[int, int]:
        """How many gatherings of the period each person came to."""
        present = g_vocab.PRESENT
        return dict(Counter(r[1] for r in self.presence if r[4] == present))

    @cached_property
    def people(self) -> dict[int, Any]:
        """Everyone in the journey's register."""
        return {
            p["id"]: p
            for p in Person.objects.filter(journey=self.journey).values(
                "id", "role", "side", "joined_on", "left_on", "organisation_id"
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


def _fold(ctx: Ctx) -> Fold:
    months: dict[str, tuple[set[int], dict[str, set[int]], dict[str, set[int]]]] = {}
    month_of: dict[int, tuple[set[int], dict[str, set[int]], dict[str, set[int]]]] = {}
    rank: dict[int, int] = {}
    end = ctx.end
    for i, (gid, g) in enumerate(ctx.gathering_rows.items()):
        key = f"{g['held_on']:%Y-%m}"
        m = months.get(key)
        if m is None:
            m = months[key] = (set(), defaultdict(set), defaultdict(set))
        month_of[gid] = m
        if g["held_on"] <= end:
            rank[gid] = i
    counts = {gid: [0] * 10 for gid in ctx.gathering_rows}
    latest: dict[int, tuple[int, int, str, str]] = {}
    turns_of: dict[int, int] = defaultdict(int)
    voice: dict[tuple[str, str], list[int]] = {}
    attendances = 0
    present = g_vocab.PRESENT
    for gid, pid, role, side, status, turns, timed, secs in ctx.presence:
        c = counts[gid]
        if status == present:
            attendances += 1
            c[0] += 1
            if side == LIVED:
                c[1] += 1
            elif side == PROFESSIONAL:
                c[2] += 1
            if not turns:
                c[3] += 1
            m = month_of[gid]
            m[0].add(pid)
            m[1][side].add(pid)
            if role:
                m[2][role].add(pid)
            k = rank.get(gid)
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
    return Fold(counts, attendances, dict(sorted(months.items())), latest, dict(turns_of), voice)


# --------------------------------------------------------------------------------------------
# 1. Who is in the room


def _room(ctx: Ctx) -> dict[str, Any]:
    # Each person once per side and role they held when they came, overall and month by month.
    fold = ctx.fold
    n_att = fold.attendances
    everyone: set[int] = set().union(*fold.by_side.values())
    people = len(everyone)
    by_side = {side: len(ids) for side, ids in fold.by_side.items()}
    by_role = {role: len(ids) for role, ids in fold.by_role.items()}
    months = {
        key: {
            "month": key,
            "people": len(m[0]),
            "by_side": {side: len(m[1].get(side, ())) for side in SIDES},
            "by_role": {role: len(m[2][role]) for role in sorted(by_role) if m[2].get(role)},
        }
        for key, m in fold.months.items()
    }
    # Organisations of the journey's people who came, by kind.
    # (Read by the journey's own index: a join would scan every journey's organisations.)
    kind_of = dict(Organisation.objects.filter(journey=ctx.journey).values_list("id", "kind"))
    org_ids: dict[str, set[int]] = defaultdict(set)
    for pid in everyone:
        p = ctx.people.get(pid)
        if p is not None and p["organisation_id"] in kind_of:
            org_ids[kind_of[p["organisation_id"]]].add(p["organisation_id"])
    orgs = {kind: len(ids) for kind, ids in org_ids.items()}

    # Paid or unpaid as held in their role spell on a day they came (a spell that started the
    # day they joined covers everything before it too).
    spells = list(
        RoleSpell.objects.filter(journey=ctx.journey).values_list(
            "person_id", "started_on", "ended_on", "paid"
        )
    )
    # Someone with one spell held it whenever they came; only those whose role changed need
    # the days they came.
    n_spells: dict[int, int] = defaultdict(int)
    for spell in spells:
        n_spells[spell[0]] += 1
    changed = {pid for pid, n in n_spells.items() if n > 1 and pid in everyone}
    came_on: dict[int, list[datetime.date]] = defaultdict(list)
    if changed:
        held_on = {gid: g["held_on"] for gid, g in ctx.gathering_rows.items()}
        present = g_vocab.PRESENT
        for g, p, _role, _side, status, *_rest in ctx.presence:
            if p in changed and status == present:
                came_on[p].append(held_on[g])
        for days in came_on.values():
            days.sort()
    paid_people: dict[bool, set[int]] = {True: set(), False: set()}
    for pid, started_on, ended_on, paid in spells:
        if pid not in everyone:
            continue
        if pid in changed:
            days = came_on[pid]
            joined = ctx.people[pid]["joined_on"] if pid in ctx.people else None
            lo = datetime.date.min if started_on == joined else started_on
            hi = ended_on or datetime.date.max
            if bisect.bisect_right(days, hi) <= bisect.bisect_left(days, lo):
                continue
        paid_people[paid].add(pid)
    paid_rows = {paid: len(ids) for paid, ids in paid_people.items()}
    staff = {r: by_role.get(r, 0) for r in STAFF_ROLES}
    held_staff = [r for r in STAFF_ROLES if staff[r]]
    return indicator(
        title=_("Who is in the room"),
        n=n_att,
        what="attendance record",
        explanation=(
            _(
                "Everyone who came to at least one gathering in this period, counted once, by the "
                "role and side they held on the day. Someone whose role changed is counted under "
                "each role they held when they came, so the rows can add up to more than the total. "
                "It shows whose experience is present when things are discussed, how many people "
                "are paid to be there and how many give their time, and whether staff from the front "
                "line to senior leaders take part."
            )
        ),
        based_on=_(
            "%(farr)s (who is involved: diversity, paying people, range of staff seniority); "
            "%(toolkit)s (identifying stakeholders)"
        )
        % {"farr": FARR, "toolkit": TOOLKIT},
        drill_down=ctx.url("room"),
        people=people,
        by_side=_sides(by_side),
        by_role=by_role,
        by_month=list(months.values()),
        paid={"paid": paid_rows.get(True, 0), "unpaid": paid_rows.get(False, 0)},
        staff_seniority={
            "by_role": staff,
            "lowest": held_staff[0] if held_staff else None,
            "highest": held_staff[-1] if held_staff else None,
        },
        organisations_by_kind=orgs,
        organisations=sum(orgs.values()),
    )


# --------------------------------------------------------------------------------------------
# 2. Share of voice


def _voice(ctx: Ctx) -> dict[str, Any]:
    # From the turn tally on each person's attendance at each gathering: a turn's role and side
    # are those held on the gathering's day, the same as on the attendance row.
    fold = ctx.fold
    by_side_t: dict[str, int] = defaultdict(int)
    by_side_s: dict[str, int] = defaultdict(int)
    by_role_t: dict[str, int] = defaultdict(int)
    by_role_s: dict[str, int] = defaultdict(int)
    total = seconds = timed = 0
    for (role, side), (turns, secs, timed_turns) in fold.voice.items():
        by_side_t[side] += turns
        by_side_s[side] += secs
        if role:
            by_role_t[role] += turns
            by_role_s[role] += secs
        total += turns
        seconds += secs
        timed += timed_turns
    per_person = list(fold.turns_of.values())
    # People who came in the period and never spoke in it, by the side they held when they came.
    spoke = fold.turns_of.keys()
    silent = len(set().union(*fold.by_side.values()) - spoke)
    silent_by_side = {side: len(fold.by_side.get(side, set()) - spoke) for side in SIDES}
    # Everyone in the room: those who spoke (with their count) and those who did not (zero).
    population = per_person + [0] * silent

    gatherings = per_gathering(ctx)
    return indicator(
        title=_("Share of voice"),
        n=total,
        what="speaking turn",
        explanation=(
            _(
                "How the speaking turns recorded in gatherings were shared out: by side and by role "
                "(as held on the day), and, where turns were timed, the speaking time. The three "
                "most frequent speakers' share and how evenly speaking is shared show whether a few "
                "people hold most of the voice. Evenness is a number from 0, when everyone in the room "
                "spoke equally often, rising towards 1 as fewer people do all the talking "
                "(statisticians call it the Gini coefficient). It counts everyone who "
                "came, including people who never spoke, who are also listed."
            )
        ),
        based_on=_(
            "%(farr)s (social interaction: can people speak freely); %(toolkit)s (power and "
            "influence: assertive people and paid representatives talk most)"
        )
        % {"farr": FARR, "toolkit": TOOLKIT},
        drill_down=ctx.url("voice"),
        turns=total,
        turns_by_side=_sides(by_side_t),
        turns_share_by_side={s: share(by_side_t.get(s, 0), total) for s in SIDES},
        turns_by_role=dict(by_role_t),
        timed_turns=timed,
        seconds=seconds,
        seconds_by_side=_sides(by_side_s),
        seconds_share_by_side={s: share(by_side_s.get(s, 0), seconds) for s in SIDES},
        seconds_by_role=dict(by_role_s),
        speakers=len(per_person),
        attendees=len(population),
        top3_share=top_share(population, 3),
        gini=gini(population),
        silent=silent,
        silent_by_side=_sides(silent_by_side),
        per_gathering=gatherings,
    )


def per_gathering(ctx: Ctx) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for g in ctx.gathering_rows.values():
        rows[g["id"]] = {
            "id": g["id"],
            "title": g["title"],
            "held_on": g["held_on"].isoformat(),
            "kind": g["kind"],
            "format": g["format"],
            "venue_kind": g["venue_kind"],
            "attendees": 0,
            "attendees_by_side": _sides({}),
            "turns": 0,
            "turns_by_side": _sides({}),
            "seconds_by_side": _sides({}),
            "speakers": 0,
            "silent": 0,
        }
    for gid, c in ctx.fold.gatherings.items():
        row = rows[gid]
        row["attendees"] = c[0]
        row["attendees_by_side"] = {LIVED: c[1], PROFESSIONAL: c[2]}
        row["silent"] = c[3]
        row["turns"] = c[4]
        row["speakers"] = c[5]
        row["turns_by_side"] = {LIVED: c[6], PROFESSIONAL: c[7]}
        row["seconds_by_side"] = {LIVED: c[8], PROFESSIONAL: c[9]}
    return list(rows.values())


# --------------------------------------------------------------------------------------------
# 3. Who sets the agenda


def _agenda(ctx: Ctx) -> dict[str, Any]:
    items = AgendaItem.objects.filter(
        ctx.period.q("gathering__held_on"), gathering__journey=ctx.journey
    )
    by_side: dict[str, int] = defaultdict(int)
    by_role: dict[str, int] = defaultdict(int)
    per_gathering: dict[int, dict[str, Any]] = {}
    total = 0
    for r in (
        items.values("gathering_id", "gathering__held_on", "proposer_side", "proposer_role")
        .annotate(n=Count("id"))
        .order_by()
    ):
        side = r["proposer_side"] if r["proposer_side"] in SIDES else "unknown"
        by_side[side] += r["n"]
        if r["proposer_role"]:
            by_role[r["proposer_role"]] += r["n"]
        total += r["n"]
        g = per_gathering.setdefault(
            r["gathering_id"],
            {"id": r["gathering_id"], "held_on": r["gathering__held_on"], "items": 0, "lived": 0},
        )
        g["items"] += r["n"]
        if side == LIVED:
            g["lived"] += r["n"]
    known = by_side.get(LIVED, 0) + by_side.get(PROFESSIONAL, 0)
    last_n = int(ctx.thresholds["lived_no_agenda"]["last_gatherings"])
    recent = sorted(per_gathering.values(), key=lambda g: (g["held_on"], g["id"]), reverse=True)
    recent = recent[: max(last_n, 0)]
    return indicator(
        title=_("Who sets the agenda"),
        n=total,
        what="agenda item",
        explanation=(
            _(
                "Of the agenda items of gatherings in this period, the share proposed by people with "
                "lived experience (their side on the day of the gathering). Items with no proposer "
                "recorded are counted separately and left out of the share. Deciding what is talked "
                "about, and what is not, is a quiet form of power: professionals often set the "
                "agenda without anyone noticing."
            )
        ),
        based_on=_(
            "%(farr)s (non-decision-making power: keeping things off the agenda; how agendas are agreed and whether professionals cede control)"
        )
        % {"farr": FARR},
        drill_down=ctx.url("agenda"),
        items=total,
        by_side={LIVED: by_side.get(LIVED, 0), PROFESSIONAL: by_side.get(PROFESSIONAL, 0)},
        unknown=by_side.get("unknown", 0),
        lived_share=share(by_side.get(LIVED, 0), known),
        by_role=dict(by_role),
        recent={
            "gatherings": len(recent),
            "items": sum(g["items"] for g in recent),
            "lived": sum(g["lived"] for g in recent),
            "from": recent[-1]["held_on"].isoformat() if recent else None,
        },
    )


# --------------------------------------------------------------------------------------------
# 4. Follow-through


def _empty_ft() -> dict[str, Any]:
    return {
        "raised": 0,
        "done": 0,
        "not_possible": 0,
        "open": 0,
        "unanswered": 0,
        "merged": 0,
        "_days": defaultdict(int),
    }


def _finish_ft(group: dict[str, Any]) -> dict[str, Any]:
    days = group.pop("_days")
    group["acted_upon_rate"] = share(group["done"], group["raised"])
    group["median_days_to_first_response"] = median_of_counts(days)
    group["responded"] = sum(days.values())
    return group


def _raiser_key(side: str, anonymous: bool) -> str:
    if anonymous:
        return "anonymous"
    return side if side in SIDES else "unknown"


def _follow_through(ctx: Ctx) -> dict[str, Any]:
    qs = ctx.contributions()
    days_long = int(ctx.thresholds["unanswered_long"]["days"])
    cutoff = ctx.today - datetime.timedelta(days=days_long)
    overall = _empty_ft()
    by_channel: dict[str, dict[str, Any]] = defaultdict(_empty_ft)
    by_raiser: dict[str, dict[str, Any]] = defaultdict(_empty_ft)
    by_fate: dict[str, int] = {f: 0 for f in c_vocab.FATES.codes}
    long_open = 0
    for r in (
        qs.values("channel", "raiser_side", "anonymous", "fate")
        .annotate(
            n=Count("id"),
            long=Count("id", filter=Q(fate=c_vocab.NEW, raised_on__lt=cutoff)),
        )
        .order_by()
    ):
        fate, n = r["fate"], r["n"]
        by_fate[fate] = by_fate.get(fate, 0) + n
        long_open += r["long"]
        for group in (
            overall,
            by_channel[r["channel"]],
            by_raiser[_raiser_key(r["raiser_side"], r["anonymous"])],
        ):
            if fate == c_vocab.MERGED:
                group["merged"] += n
                continue
            group["raised"] += n
            if fate == c_vocab.DONE:
                group["done"] += n
            elif fate == c_vocab.NOT_POSSIBLE:
                group["not_possible"] += n
            else:
                group["open"] += n
                if fate == c_vocab.NEW:
                    group["unanswered"] += n

    waited = DaysBetween("first_response_on", "raised_on")
    for r in (
        qs.exclude(fate=c_vocab.MERGED)
        .filter(first_response_on__isnull=False)
        .annotate(waited=waited)
        .values("channel", "raiser_side", "anonymous", "waited")
        .annotate(n=Count("id"))
        .order_by()
    ):
        d = r["waited"]
        for group in (
            overall,
            by_channel[r["channel"]],
            by_raiser[_raiser_key(r["raiser_side"], r["anonymous"])],
        ):
            group["_days"][d] += r["n"]

    reasons = [
        {
            "id": r["id"],
            "text": short_text(r["text"]),
            "reason": r["fate_reason"],
            "on": r["fate_changed_on"].isoformat() if r["fate_changed_on"] else None,
        }
        for r in qs.filter(fate=c_vocab.NOT_POSSIBLE)
        .order_by("-fate_changed_on", "-id")
        .values("id", "text", "fate_reason", "fate_changed_on")[:REASONS_LISTED]
    ]
    oldest = (
        qs.filter(fate=c_vocab.NEW)
        .order_by("raised_on", "id")
        .values("id", "text", "raised_on", "channel", "anonymous", "raiser_side")
        .first()
    )
    result = _finish_ft(overall)
    return indicator(
        title=_("Follow-through"),
        n=result["raised"],
        what="contribution",
        explanation=(
            _(
                "What has become of the contributions raised in this period: done, not possible "
                "(with the reasons given), or still open. The acted-upon rate is the share that are "
                "done. A contribution merged into another is the same point made twice, so it is "
                "counted once, through the one it was merged into. The same figures are split by how "
                "each contribution reached us and by who raised it, to show whether points made on "
                "paper, by phone or anonymously are followed through as often as those made in "
                "meetings. Recently raised contributions have had less time to be acted upon."
            )
        ),
        based_on=_(
            "%(farr)s (the experience-based co-design case: 29 of 36 issues acted upon); %(essay)s (voices of people living with disadvantage made visible)"
        )
        % {"farr": FARR, "essay": ESSAY},
        drill_down=ctx.url("follow_through"),
        **result,
        by_fate=by_fate,
        unanswered_days=days_long,
        unanswered_long=long_open,
        oldest_unanswered=(
            {
                "id": oldest["id"],
                "text": short_text(oldest["text"]),
                "raised_on": oldest["raised_on"].isoformat(),
                "days": (ctx.today - oldest["raised_on"]).days,
                "channel": oldest["channel"],
                "raised_by": _raiser_key(oldest["raiser_side"], oldest["anonymous"]),
            }
            if oldest
            else None
        ),
        not_possible_reasons=reasons,
        by_channel={k: _finish_ft(v) for k, v in sorted(by_channel.items())},
        by_raiser={k: _finish_ft(v) for k, v in sorted(by_raiser.items())},
    )


REASONS_LISTED = 50


def short_text(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------
# 5. Who stays


@dataclass
class Stayer:
    id: int
    role: str
    side: str
    joined_on: datetime.date
    left_on: datetime.date | None
    expected: int = 0  # gatherings in the period they were expected at
    missed_since_last: int = 0  # expected gatherings held after the last time they came
    last_came: datetime.date | None = None
    status: str = ""  # "stopped", "never", "left" or ""


def retention_people(ctx: Ctx) -> list[Stayer]:
    """Everyone active in the period, with how many expected gatherings they missed in a row.

    Expected: a gathering of the journey held in the period between the day they joined and the
    day they left; a co-design group's gathering only for that group's members. Someone stopped
    coming when they came at least once (at any time) and missed their last N expected
    gatherings; someone never came when they missed N or more and have never come.
    """
    n_missed = int(ctx.thresholds["staff_dropping_out"]["missed_gatherings"])
    start = ctx.period.start or datetime.date.min
    end = ctx.end
    open_dates: list[datetime.date] = []
    group_dates: dict[int, list[datetime.date]] = defaultdict(list)
    for g in ctx.gathering_rows.values():  # in date order
        if g["group_id"] is None:
            open_dates.append(g["held_on"])
        else:
            group_dates[g["group_id"]].append(g["held_on"])
    groups_of: dict[int, list[int]] = defaultdict(list)
    if group_dates:
        for gid, pid in CoDesignGroup.members.through.objects.filter(
            codesigngroup__journey=ctx.journey
        ).values_list("codesigngroup_id", "person_id"):
            groups_of[pid].append(gid)
    # The last time each person came, up to the end of the period (at any time before it).
    last: dict[int, tuple[datetime.date, str, str]] = {}
    if ctx.period.start is None:
        # The period's presence holds every time they came.
        for pid, (_held_on, gid, role, side) in ctx.fold.latest.items():
            last[pid] = (ctx.gathering_rows[gid]["held_on"], role, side)
    else:
        for day, pid, role, side in Attendance.objects.filter(
            gathering__journey=ctx.journey, status=g_vocab.PRESENT, gathering__held_on__lte=end
        ).values_list("gathering__held_on", "person_id", "role", "side"):
            seen = last.get(pid)
            if seen is None or day > seen[0]:
                last[pid] = (day, role, side)

    def count(dates: list[datetime.date], after: datetime.date, upto: datetime.date) -> int:
        if upto < after:
            return 0
        return bisect.bisect_right(dates, upto) - bisect.bisect_left(dates, after)

    out: list[Stayer] = []
    for p in ctx.people.values():
        if p["joined_on"] > end or (p["left_on"] is not None and p["left_on"] < start):
            continue
        lo = max(start, p["joined_on"])
        hi = min(end, p["left_on"]) if p["left_on"] else end
        seen = last.get(p["id"])
        s = Stayer(
            id=p["id"],
            role=seen[1] if seen and seen[1] else p["role"],
            side=seen[2] if seen and seen[2] else p["side"],
            joined_on=p["joined_on"],
            left_on=p["left_on"],
            last_came=seen[0] if seen else None,
        )
        after = max(lo, seen[0] + datetime.timedelta(days=1)) if seen else lo
        s.expected = count(open_dates, lo, hi)
        s.missed_since_last = count(open_dates, after, hi)
        for gid in groups_of.get(p["id"], ()):
            s.expected += count(group_dates[gid], lo, hi)
            s.missed_since_last += count(group_dates[gid], after, hi)
        if p["left_on"] and start <= p["left_on"] <= end:
            s.status = "left"
        elif s.missed_since_last >= n_missed and n_missed > 0:
            s.status = "stopped" if seen else "never"
        out.append(s)
    return out


def _tally(people: list[Stayer]) -> dict[str, Any]:
    by_side: dict[str, int] = defaultdict(int)
    by_role: dict[str, int] = defaultdict(int)
    for s in people:
        by_side[s.side] += 1
        by_role[s.role] += 1
    return {"total": len(people), "by_side": _sides(by_side), "by_role": dict(by_role)}


def _retention(ctx: Ctx) -> dict[str, Any]:
    people = retention_people(ctx)
    expected = [s for s in people if s.expected > 0 or s.status == "left"]
    staff = [s for s in people if s.role in STAFF_ROLES]
    staff_dropped = [s for s in staff if s.status in ("stopped", "left")]
    return indicator(
        title=_("Who stays"),
        n=len(expected),
        what="person",
        explanation=_(
            "People who stopped coming: they came before, but missed the last "
            "%(missed)s gatherings they were "
            "expected at (gatherings held while they were part of the journey; a co-design "
            "group's gatherings only for its members). Also who never came, and who left. Staff "
            "dropping out is shown on its own because it puts the whole group at risk: in the "
            "research, when staff withdrew, patients could not carry on and the changes stopped."
        )
        % {"missed": ctx.thresholds["staff_dropping_out"]["missed_gatherings"]},
        based_on=_(
            "%(farr)s (who disengages and why; the experience-based co-design case); %(toolkit)s (risks: staff leaving and taking knowledge with them)"
        )
        % {"farr": FARR, "toolkit": TOOLKIT},
        drill_down=ctx.url("retention"),
        missed_gatherings=int(ctx.thresholds["staff_dropping_out"]["missed_gatherings"]),
        people_expected=len(expected),
        stopped_coming=_tally([s for s in people if s.status == "stopped"]),
        never_came=_tally([s for s in people if s.status == "never"]),
        left=_tally([s for s in people if s.status == "left"]),
        staff={
            "people": len(staff),
            "stopped_coming": sum(1 for s in staff if s.status == "stopped"),
            "left": sum(1 for s in staff if s.status == "left"),
            "dropped": len(staff_dropped),
            "share": share(len(staff_dropped), len(staff)),
        },
    )


# --------------------------------------------------------------------------------------------
# 6. Where and how people meet


def _venues(ctx: Ctx, per_gathering: list[dict[str, Any]]) -> dict[str, Any]:
    def blank() -> dict[str, Any]:
        return {"gatherings": 0, "attendances": 0, "lived_attendances": 0}

    venue: dict[str, dict[str, Any]] = defaultdict(blank)
    fmt: dict[str, dict[str, Any]] = defaultdict(blank)
    for g in per_gathering:
        for group in (venue[g["venue_kind"]], fmt[g["format"]]):
            group["gatherings"] += 1
            group["attendances"] += g["attendees"]
            group["lived_attendances"] += g["attendees_by_side"][LIVED]
    total = len(per_gathering)

    def finish(groups: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for v in groups.values():
            v["share"] = share(v["gatherings"], total)
            v["lived_share_of_attendance"] = share(v["lived_attendances"], v["attendances"])
            v["lived_per_gathering"] = share(v["lived_attendances"], v["gatherings"], 1)
        return dict(sorted(groups.items()))

    return indicator(
        title=_("Where and how people meet"),
        n=total,
        what="gathering",
        explanation=(
            _(
                "Where the gatherings of this period were held and whether they were formal "
                "(meetings, workshops, calls with an agenda) or informal (café sessions, walks, art, "
                "phone rounds), and how many people with lived experience came to each kind. Formal "
                "meetings on an organisation's premises suit professionals; relaxed, familiar "
                "places often bring in people who would not come to a meeting room."
            )
        ),
        based_on=_(
            "%(farr)s (range of venues and activities; the council innovation lab's café and pizza night); %(toolkit)s (flexible and creative ways in)"
        )
        % {"farr": FARR, "toolkit": TOOLKIT},
        drill_down=ctx.url("venues"),
        gatherings=total,
        by_venue=finish(venue),
        by_format=finish(fmt),
        institutional_share=share(venue[_INSTITUTIONAL]["gatherings"], total)
        if _INSTITUTIONAL in venue
        else share(0, total),
    )


_INSTITUTIONAL = "institutional"


# --------------------------------------------------------------------------------------------
# 7. What changed


def _changes(ctx: Ctx) -> dict[str, Any]:
    done = Contribution.objects.filter(
        ctx.period.q("fate_changed_on"), journey=ctx.journey, fate=c_vocab.DONE
    )
    rows = {
        r["change_level"]: r["n"]
        for r in done.values("change_level").annotate(n=Count("id")).order_by()
    }
    by_level = {level: rows.get(level, 0) for level in c_vocab.CHANGE_LEVELS.codes}
    total = sum(by_level.values())
    return indicator(
        title=_("What changed"),
        n=total,
        what="contribution done",
        explanation=(
            _(
                "Contributions marked done in this period, by the level at which things changed: "
                "for one person or a few, in the local community, in how a service works, in how an "
                "organisation thinks and behaves, or in a policy, budget or structure. Changes at the "
                "higher levels are the hardest and usually need senior people to act."
            )
        ),
        based_on=_(
            "%(farr)s (outcome levels: individual, local community, organisational service, organisational culture; senior people implementing solutions)"
        )
        % {"farr": FARR},
        drill_down=ctx.url("changes"),
        done=total,
        by_level=by_level,
        by_level_share={k: share(v, total) for k, v in by_level.items()},
        high_level=sum(by_level[k] for k in HIGH_LEVELS),
    )


# --------------------------------------------------------------------------------------------
# Limits and decisions (for the "limits undisclosed" warning)


def _limits(ctx: Ctx) -> dict[str, Any]:
    d = Decision.objects.filter(ctx.period.q("decided_on"), journey=ctx.journey).aggregate(
        n=Count("id"), first=Min("decided_on")
    )
    first = d["first"]
    active = Limit.objects.filter(journey=ctx.journey, table=j_vocab.OFF_TABLE).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=first or ctx.period.start or ctx.end)
    )
    undisclosed = late = 0
    n_limits = 0
    for disclosed_on in active.values_list("disclosed_on", flat=True):
        n_limits += 1
        if disclosed_on is None:
            undisclosed += 1
        elif first is not None and disclosed_on > first:
            late += 1
    return indicator(
        title=_("Limits and decisions"),
        n=d["n"],
        what="decision",
        explanation=(
            _(
                "Decisions recorded in this period, and the limits (things off the table, set by a "
                "funder, the law or the organisation) that were not shared with the whole group, or "
                "were shared only after decisions had already been made. People get frustrated, "
                "and stop trusting the process, when limits are hidden or explained too late."
            )
        ),
        based_on=_(
            "%(durose)s (be clear what is on the table and what isn't); %(toolkit)s (frustration with unexplained limits)"
        )
        % {"durose": DUROSE, "toolkit": TOOLKIT},
        drill_down=ctx.url("limits"),
        decisions=d["n"],
        first_decision_on=first.isoformat() if first else None,
        off_table=n_limits,
        undisclosed=undisclosed,
        disclosed_after_decisions=late,
    )


# --------------------------------------------------------------------------------------------
# The section


INDICATORS = (
    "room",
    "voice",
    "agenda",
    "follow_through",
    "retention",
    "venues",
    "changes",
    "limits",
)


def compute(
    journey: Journey,
    period: Period,
    *,
    thresholds: dict[str, dict[str, Any]] | None = None,
    shared: Ctx | None = None,
) -> dict[str, Any]:
    """Every foundation indicator for ``journey`` over ``period`` (JSON-ready). ``shared`` is
    the reads of this call already made for other sections (see insights/selectors.py)."""
    from .thresholds import thresholds_for

    ctx = shared or Ctx(
        journey=journey, period=period, thresholds=thresholds or thresholds_for(journey)
    )
    room = _room(ctx)
    voice = _voice(ctx)
    return {
        "room": room,
        "voice": voice,
        "agenda": _agenda(ctx),
        "follow_through": _follow_through(ctx),
        "retention": _retention(ctx),
        "venues": _venues(ctx, voice["per_gathering"]),
        "changes": _changes(ctx),
        "limits": _limits(ctx),
    }


# --------------------------------------------------------------------------------------------
# Warning signs


NO_TURNS = gettext_lazy("No speaking turns were recorded in this period.")


def warnings(
    journey: Journey, period: Period, data: dict[str, Any], thresholds: dict[str, dict[str, Any]]
) -> list[WarningSign]:
    """The foundation warning signs, fired or not. Each compares figures with ``thresholds``
    (``>=`` for shares and counts that warn when high, ``<`` for the acted-upon rate)."""
    room, voice, agenda = data["room"], data["voice"], data["agenda"]
    ft, ret, venues = data["follow_through"], data["retention"], data["venues"]
    changes, limits = data["changes"], data["limits"]
    out: list[WarningSign] = []

    t = thresholds["professionals_hold_voice"]
    prof = voice["turns_share_by_side"][PROFESSIONAL]
    out.append(
        WarningSign(
            code="professionals_hold_voice",
            title=str(WARNING_TITLES["professionals_hold_voice"]),
            fired=voice["turns"] >= t["min_turns"] and prof is not None and prof >= t["share"],
            explanation=(
                ngettext(
                    "People there because of their job took %(share)s of the %(turns)s speaking "
                    "turn recorded in this period.",
                    "People there because of their job took %(share)s of the %(turns)s speaking "
                    "turns recorded in this period.",
                    voice["turns"],
                )
                % {"share": percent(prof, _("no")), "turns": voice["turns"]}
                if voice["turns"]
                else str(NO_TURNS)
            ),
            research=(
                _(
                    "Assertive people and paid representatives tend to talk most, and professionals "
                    "can keep control of a process that is meant to be shared. When lived experience "
                    "is heard as much as professional knowledge, co-production is more likely to "
                    "change things."
                )
            ),
            question=_(
                "What could we change so that people with lived experience speak more, "
                "and are listened to when they do?"
            ),
            based_on=_(
                "%(toolkit)s (power and influence); %(chauhan)s (voice, experience, identity)"
            )
            % {"toolkit": TOOLKIT, "chauhan": CHAUHAN},
            evidence={"professional_share": prof, "turns": voice["turns"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["voice_concentrated"]
    top3, g = voice["top3_share"], voice["gini"]
    enough = voice["attendees"] >= t["min_attendees"] and voice["turns"] >= t["min_turns"]
    out.append(
        WarningSign(
            code="voice_concentrated",
            title=str(WARNING_TITLES["voice_concentrated"]),
            fired=enough and ((top3 is not None and top3 >= t["top3_share"]) or g >= t["gini"]),
            explanation=(
                ngettext(
                    "The three people who spoke most took %(share)s of the turns, among "
                    "%(attendees)s person who came; how evenly speaking is shared, from 0 "
                    "(everyone equally) to 1 (one person), is %(gini)s.",
                    "The three people who spoke most took %(share)s of the turns, among "
                    "%(attendees)s people who came; how evenly speaking is shared, from 0 "
                    "(everyone equally) to 1 (one person), is %(gini)s.",
                    voice["attendees"],
                )
                % {
                    "share": percent(top3, _("no")),
                    "attendees": voice["attendees"],
                    "gini": f"{g:.2f}",
                }
                if voice["turns"]
                else str(NO_TURNS)
            ),
            research=(
                _(
                    "The same confident voices, often people used to committees, can dominate while "
                    "others say little. Techniques that give everyone a turn help people to speak "
                    "freely and bring in knowledge that would otherwise be missed."
                )
            ),
            question=_("Who have we not heard from, and what would help them to speak?"),
            based_on=_("%(farr)s (can people speak freely); %(toolkit)s (power and influence)")
            % {"farr": FARR, "toolkit": TOOLKIT},
            evidence={"top3_share": top3, "gini": g, "attendees": voice["attendees"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["lived_no_agenda"]
    recent = agenda["recent"]
    out.append(
        WarningSign(
            code="lived_no_agenda",
            title=str(WARNING_TITLES["lived_no_agenda"]),
            fired=recent["items"] >= t["min_items"] and recent["lived"] == 0,
            explanation=(
                ngettext(
                    "Of the %(items)s agenda item in the last %(gatherings)s gatherings with an "
                    "agenda, people with lived experience proposed %(lived)s.",
                    "Of the %(items)s agenda items in the last %(gatherings)s gatherings with an "
                    "agenda, people with lived experience proposed %(lived)s.",
                    recent["items"],
                )
                % {
                    "items": recent["items"],
                    "gatherings": recent["gatherings"],
                    "lived": recent["lived"],
                }
                if recent["items"]
                else _("No agenda items were recorded in this period.")
            ),
            research=(
                _(
                    "Power is not only about who wins a decision but about what gets discussed at "
                    "all. When professionals set the agenda, some questions never come up."
                )
            ),
            question=_("How do we agree our agendas, and how could everyone put items on them?"),
            based_on=_("%(farr)s (non-decision-making power; how agendas are agreed)")
            % {"farr": FARR},
            evidence=dict(recent),
            thresholds=dict(t),
        )
    )

    t = thresholds["unanswered_long"]
    out.append(
        WarningSign(
            code="unanswered_long",
            title=str(WARNING_TITLES["unanswered_long"]),
            fired=ft["unanswered_long"] >= t["count"],
            explanation=(
                ngettext(
                    "%(n)s contribution raised in this period has had no response for more than "
                    "%(days)s.",
                    "%(n)s contributions raised in this period have had no response for more "
                    "than %(days)s.",
                    ft["unanswered_long"],
                )
                % {"n": ft["unanswered_long"], "days": days_words(ft["unanswered_days"])}
            ),
            research=(
                _(
                    "People disengage when their influence is not genuine. Hearing nothing back "
                    "after raising something is one of the clearest signs that it was not."
                )
            ),
            question=_("Who will respond to these, and by when?"),
            based_on=_("%(toolkit)s (people disengage when influence isn't genuine); %(essay)s")
            % {"toolkit": TOOLKIT, "essay": ESSAY},
            evidence={
                "unanswered_long": ft["unanswered_long"],
                "unanswered_days": ft["unanswered_days"],
                "oldest_unanswered": ft["oldest_unanswered"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["low_acted_upon"]
    rate = ft["acted_upon_rate"]
    out.append(
        WarningSign(
            code="low_acted_upon",
            title=str(WARNING_TITLES["low_acted_upon"]),
            fired=ft["raised"] >= t["min_raised"] and rate is not None and rate < t["rate"],
            explanation=(
                ngettext(
                    "%(done)s of the %(raised)s contribution raised in this period is done "
                    "(%(share)s).",
                    "%(done)s of the %(raised)s contributions raised in this period are done "
                    "(%(share)s).",
                    ft["raised"],
                )
                % {"done": ft["done"], "raised": ft["raised"], "share": percent(rate, _("no"))}
                if ft["raised"]
                else _("No contributions were raised in this period.")
            ),
            research=(
                _(
                    "In one experience-based co-design project, 29 of the 36 issues patients raised "
                    "with staff were acted upon. A low rate may mean the group is consulted but does "
                    "not shape what happens."
                )
            ),
            question=_("What is stopping these from being acted upon, and who could unblock them?"),
            based_on=_("%(farr)s (the experience-based co-design case)") % {"farr": FARR},
            evidence={"acted_upon_rate": rate, "raised": ft["raised"], "done": ft["done"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["institutional_premises"]
    inst = venues["institutional_share"]
    out.append(
        WarningSign(
            code="institutional_premises",
            title=str(WARNING_TITLES["institutional_premises"]),
            fired=venues["gatherings"] >= t["min_gatherings"]
            and inst is not None
            and inst >= t["share"],
            explanation=(
                ngettext(
                    "%(share)s of the %(n)s gathering in this period were held in a hospital, "
                    "council office or another organisation's building.",
                    "%(share)s of the %(n)s gatherings in this period were held in a hospital, "
                    "council office or another organisation's building.",
                    venues["gatherings"],
                )
                % {"share": percent(inst, _("no")), "n": venues["gatherings"]}
                if venues["gatherings"]
                else _("No gatherings were recorded in this period.")
            ),
            research=(
                _(
                    "Meeting on professionals' ground keeps them in control of where and when "
                    "people take part. Cafés, community centres and informal sessions help people "
                    "feel comfortable and bring in those who would not come to a meeting room."
                )
            ),
            question=_(
                "Where could we meet that feels like neutral, or the community's own, ground?"
            ),
            based_on=_(
                "%(farr)s (range of venues; the council innovation lab); %(chauhan)s (neutralized co-production: professionals control where and when)"
            )
            % {"farr": FARR, "chauhan": CHAUHAN},
            evidence={"institutional_share": inst, "gatherings": venues["gatherings"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["no_senior_leader"]
    seniors = room["staff_seniority"]["by_role"]["senior_leader"]
    in_hand = ft["by_fate"].get(c_vocab.PRIORITISED, 0) + ft["by_fate"].get(c_vocab.IN_PROGRESS, 0)
    needs = changes["high_level"] >= t["min_high_level_done"] or in_hand >= t["min_open_in_hand"]
    out.append(
        WarningSign(
            code="no_senior_leader",
            title=str(WARNING_TITLES["no_senior_leader"]),
            fired=seniors == 0 and needs,
            explanation=(
                _(
                    "No senior leader came to a gathering in this period, while %(in_hand)s "
                    "and %(high_level)s at the level of organisational culture or policy."
                )
                % {
                    "in_hand": ngettext(
                        "%(n)s contribution is prioritised or in progress",
                        "%(n)s contributions are prioritised or in progress",
                        in_hand,
                    )
                    % {"n": in_hand},
                    "high_level": ngettext(
                        "%(n)s was done", "%(n)s were done", changes["high_level"]
                    )
                    % {"n": changes["high_level"]},
                }
            ),
            research=(
                _(
                    "Changes to how an organisation works, to its culture or to policy usually need "
                    "senior people to carry them through. Without a senior sponsor, agreed changes "
                    "can stall."
                )
            ),
            question=_(
                "Which senior leader could sponsor this work, and how would we involve them?"
            ),
            based_on=_("%(farr)s (senior sponsors; senior people implementing solutions)")
            % {"farr": FARR},
            evidence={
                "senior_leaders": seniors,
                "prioritised_or_in_progress": in_hand,
                "high_level_done": changes["high_level"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["staff_dropping_out"]
    staff = ret["staff"]
    staff_share = staff["share"]
    out.append(
        WarningSign(
            code="staff_dropping_out",
            title=str(WARNING_TITLES["staff_dropping_out"]),
            fired=staff["dropped"] >= t["min_people"]
            and staff_share is not None
            and staff_share >= t["share"],
            explanation=(
                _(
                    "%(dropped)s of the %(people)s staff in this period stopped coming or left "
                    "(%(stopped)s stopped coming, %(left)s left)."
                )
                % {
                    "dropped": staff["dropped"],
                    "people": staff["people"],
                    "stopped": staff["stopped_coming"],
                    "left": staff["left"],
                }
            ),
            research=(
                _(
                    "When staff withdraw, the people who use the service often cannot carry on, and "
                    "agreed changes stop. Staff leaving also takes knowledge and relationships with "
                    "them."
                )
            ),
            question=_(
                "What would help staff to stay involved, and who could take over from "
                "those who left?"
            ),
            based_on=_(
                "%(farr)s (the experience-based co-design case); %(toolkit)s (risks: staff leaving)"
            )
            % {"farr": FARR, "toolkit": TOOLKIT},
            evidence=dict(staff),
            thresholds=dict(t),
        )
    )

    t = thresholds["limits_undisclosed"]
    hidden = limits["undisclosed"] + limits["disclosed_after_decisions"]
    out.append(
        WarningSign(
            code="limits_undisclosed",
            title=str(WARNING_TITLES["limits_undisclosed"]),
            fired=limits["decisions"] >= t["min_decisions"] and hidden > 0,
            explanation=(
                _("%(decisions)s in this period while %(undisclosed)s and %(after)s.")
                % {
                    "decisions": ngettext(
                        "%(n)s decision was made", "%(n)s decisions were made", limits["decisions"]
                    )
                    % {"n": limits["decisions"]},
                    "undisclosed": ngettext(
                        "%(n)s limit had not been shared with the group",
                        "%(n)s limits had not been shared with the group",
                        limits["undisclosed"],
                    )
                    % {"n": limits["undisclosed"]},
                    "after": ngettext(
                        "%(n)s was shared only afterwards",
                        "%(n)s were shared only afterwards",
                        limits["disclosed_after_decisions"],
                    )
                    % {"n": limits["disclosed_after_decisions"]},
                }
            ),
            research=(
                _(
                    "Honest co-production is clear about what is on the table and what is not. "
                    "Limits set by funders, the law or the organisation shape every decision, and "
                    "discovering them late leaves people frustrated and distrustful."
                )
            ),
            question=_("Which limits does everyone need to know about before the next decision?"),
            based_on=_(
                "%(durose)s (honest practice); %(toolkit)s (frustration with unexplained limits)"
            )
            % {"durose": DUROSE, "toolkit": TOOLKIT},
            evidence={
                "decisions": limits["decisions"],
                "undisclosed": limits["undisclosed"],
                "disclosed_after_decisions": limits["disclosed_after_decisions"],
            },
            thresholds=dict(t),
        )
    )
    return out
