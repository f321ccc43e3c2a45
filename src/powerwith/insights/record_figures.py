"""The foundation indicators themselves (``insights.core`` puts them together): who is in the
room, share of voice, who sets the agenda, follow-through, who stays, where and how people meet,
what changed, and limits. Each is a function of a ``Ctx``; docs/insights.md defines them."""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from powerwith.common.db import DaysBetween
from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import CoDesignGroup
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import AgendaItem, Attendance
from powerwith.insights.context import (
    DUROSE,
    ESSAY,
    FARR,
    HIGH_LEVELS,
    LIVED,
    PROFESSIONAL,
    SIDES,
    STAFF_ROLES,
    TOOLKIT,
    Ctx,
    _sides,
    indicator,
)
from powerwith.insights.maths import gini, median_of_counts, share, top_share
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Limit
from powerwith.people.models import Organisation

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
    spells = ctx.role_spells
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
    overall = _empty_ft()
    by_channel: dict[str, dict[str, Any]] = defaultdict(_empty_ft)
    by_raiser: dict[str, dict[str, Any]] = defaultdict(_empty_ft)
    by_fate: dict[str, int] = {f: 0 for f in c_vocab.FATES.codes}
    long_open = 0
    for r in ctx.contribution_groups:  # also by kind, which is added up here
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


@dataclass(slots=True)
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

    Worked out once per ``ctx`` (kept in ``ctx.memo``); each call returns a new list of the
    same people, which callers read and must not change.
    """
    kept = ctx.memo.get("retention_people")
    if kept is None:
        kept = ctx.memo["retention_people"] = _retention_people(ctx)
    return list(kept)


def _retention_people(ctx: Ctx) -> list[Stayer]:
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

    # The open gatherings (everyone's) are counted inline: two counts for each of the
    # journey's thousands of people.
    right, left = bisect.bisect_right, bisect.bisect_left
    one_day = datetime.timedelta(days=1)
    out: list[Stayer] = []
    for p in ctx.people.values():
        joined_on, left_on = p["joined_on"], p["left_on"]
        if joined_on > end or (left_on is not None and left_on < start):
            continue
        lo = max(start, joined_on)
        hi = min(end, left_on) if left_on else end
        seen = last.get(p["id"])
        s = Stayer(
            p["id"],
            seen[1] if seen and seen[1] else p["role"],
            seen[2] if seen and seen[2] else p["side"],
            joined_on,
            left_on,
            last_came=seen[0] if seen else None,
        )
        after = max(lo, seen[0] + one_day) if seen else lo
        if hi >= lo:
            upto = right(open_dates, hi)
            s.expected = upto - left(open_dates, lo)
            s.missed_since_last = upto - left(open_dates, after) if hi >= after else 0
        for gid in groups_of.get(p["id"], ()):
            s.expected += count(group_dates[gid], lo, hi)
            s.missed_since_last += count(group_dates[gid], after, hi)
        if left_on and start <= left_on <= end:
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
    n_decisions = sum(row[3] for row in ctx.decisions)
    first = min((row[4] for row in ctx.decisions), default=None)
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
        n=n_decisions,
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
        decisions=n_decisions,
        first_decision_on=first.isoformat() if first else None,
        off_table=n_limits,
        undisclosed=undisclosed,
        disclosed_after_decisions=late,
    )
