"""The records behind each indicator (the dashboard's drill-down pages).

Each list is built with a bounded number of queries, whatever the size of the journey.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import AgendaItem
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Journey, Limit
from powerwith.people import vocab as p_vocab
from powerwith.people.models import Person

from . import core
from .period import Period
from .thresholds import thresholds_for

INDICATOR_TITLES = {
    "room": gettext_lazy("Who is in the room"),
    "voice": gettext_lazy("Share of voice"),
    "agenda": gettext_lazy("Who sets the agenda"),
    "follow_through": gettext_lazy("Follow-through"),
    "retention": gettext_lazy("Who stays"),
    "venues": gettext_lazy("Where and how people meet"),
    "changes": gettext_lazy("What changed"),
    "limits": gettext_lazy("Limits and decisions"),
}


@dataclass
class Cell:
    text: str
    url: str = ""
    num: bool = False


@dataclass
class RecordTable:
    intro: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # column indexes holding numbers


def _url(name: str, slug: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs={"slug": slug, **kwargs})
    except NoReverseMatch:
        return ""


def _n(value: Any) -> Cell:
    return Cell("" if value is None else str(value), num=True)


def _side(code: str) -> str:
    return p_vocab.SIDES.label(code) if code else "Not recorded"


def _person(slug: str, pid: int | None, name: str | None) -> Cell:
    if pid is None:
        return Cell(_("Not recorded"))
    return Cell(name or "", _url("people:detail", slug, person_pk=pid))


def _gathering(slug: str, gid: int, title: str) -> Cell:
    return Cell(title, _url("gatherings:detail", slug, gathering_pk=gid))


def _contribution(slug: str, cid: int, text: str) -> Cell:
    return Cell(core.short_text(text, 90), _url("contributions:detail", slug, contribution_pk=cid))


def rows_for(
    journey: Journey, period: Period, indicator: str, *, can_manage: bool = False
) -> RecordTable:
    """The records behind one figure. A limit not yet shared with the group is counted (the
    warning sign is about exactly that) but its words are shown only to facilitators."""
    ctx = core.Ctx(journey=journey, period=period, thresholds=thresholds_for(journey))
    if indicator == "limits":
        return _limits(ctx, can_manage=can_manage)
    return BUILDERS[indicator](ctx)


def _room(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    t = RecordTable(
        _(
            "Everyone who came to a gathering in this period, with the role and side they held "
            "when they came. Someone whose role changed appears once for each role."
        ),
        [_("Person"), _("Role"), _("Side"), _("Times they came"), _("Last came")],
    )
    for r in (
        ctx.present()
        .values("person_id", "person__name", "role", "side")
        .annotate(n=Count("id"), last=Max("gathering__held_on"))
        .order_by("person__name", "person_id", "last")
    ):
        t.rows.append(
            [
                _person(slug, r["person_id"], r["person__name"]),
                Cell(p_vocab.ROLES.label(r["role"])),
                Cell(_side(r["side"])),
                _n(r["n"]),
                Cell(r["last"].isoformat()),
            ]
        )
    return t


def _voice(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    people: dict[int, dict[str, Any]] = {}
    for r in ctx.present().values("person_id", "person__name").annotate(n=Count("id")).order_by():
        people[r["person_id"]] = {"name": r["person__name"], "came": r["n"], "t": 0, "s": 0}
    for r in (
        ctx.turns()
        .values("person_id", "person__name")
        .annotate(t=Count("id"), s=Sum("seconds"))
        .order_by()
    ):
        row = people.setdefault(r["person_id"], {"name": r["person__name"], "came": 0})
        row["t"], row["s"] = r["t"], r["s"] or 0
    t = RecordTable(
        _(
            "Everyone who came in this period and how often they spoke, most turns first. People "
            "who came but never spoke are listed with 0 turns."
        ),
        [_("Person"), _("Speaking turns"), _("Minutes timed"), _("Times they came")],
    )
    for pid, r in sorted(people.items(), key=lambda kv: (-kv[1]["t"], kv[1]["name"], kv[0])):
        t.rows.append(
            [
                _person(slug, pid, r["name"]),
                _n(r["t"]),
                _n(round(r["s"] / 60)),
                _n(r["came"]),
            ]
        )
    return t


def _agenda(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    t = RecordTable(
        _("Every agenda item of the gatherings in this period, and who proposed it."),
        [
            _("Date"),
            _("Gathering"),
            _("Agenda item"),
            pgettext("an agenda item", "Proposed by"),
            _("Side"),
        ],
    )
    for item in (
        AgendaItem.objects.filter(
            ctx.period.q("gathering__held_on"), gathering__journey=ctx.journey
        )
        .select_related("gathering", "proposed_by")
        .order_by("-gathering__held_on", "gathering_id", "position", "id")
    ):
        t.rows.append(
            [
                Cell(item.gathering.held_on.isoformat()),
                _gathering(slug, item.gathering_id, item.gathering.title),
                Cell(item.title),
                _person(
                    slug, item.proposed_by_id, item.proposed_by.name if item.proposed_by else None
                ),
                Cell(_side(item.proposer_side)),
            ]
        )
    return t


def _follow_through(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    t = RecordTable(
        _(
            "Every contribution raised in this period and what has become of it. Merged ones are "
            "counted through the contribution they were merged into."
        ),
        [
            _("Raised on"),
            _("Contribution"),
            _("How it reached us"),
            _("Raised by"),
            _("What happened"),
            _("Days to first response"),
            _("Reason given"),
        ],
    )
    for c in (
        ctx.contributions()
        .select_related("raised_by")
        .order_by("raised_on", "id")
        .only(
            "id",
            "text",
            "raised_on",
            "channel",
            "anonymous",
            "raised_by__name",
            "raiser_side",
            "fate",
            "fate_reason",
            "first_response_on",
        )
    ):
        if c.anonymous:
            who = Cell(_("Anonymous"))
        else:
            who = _person(slug, c.raised_by_id, c.raised_by.name if c.raised_by else None)
        days = (c.first_response_on - c.raised_on).days if c.first_response_on else None
        t.rows.append(
            [
                Cell(c.raised_on.isoformat()),
                _contribution(slug, c.pk, c.text),
                Cell(c_vocab.CHANNELS.label(c.channel)),
                who,
                Cell(c_vocab.FATES.label(c.fate)),
                _n(days),
                Cell(c.fate_reason if c.fate == c_vocab.NOT_POSSIBLE else ""),
            ]
        )
    return t


STATUS = {
    "stopped": gettext_lazy("Stopped coming"),
    "never": gettext_lazy("Never came"),
    "left": pgettext_lazy("people who left", "Left"),
}


def _retention(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    flagged = [s for s in core.retention_people(ctx) if s.status]
    names = dict(Person.objects.filter(pk__in=[s.id for s in flagged]).values_list("id", "name"))
    t = RecordTable(
        _(
            "People who stopped coming (they missed the last %(missed)s gatherings they were "
            "expected at), never came, or left during this period."
        )
        % {"missed": ctx.thresholds["staff_dropping_out"]["missed_gatherings"]},
        [
            _("Person"),
            _("Role"),
            _("Side"),
            _("What happened"),
            _("Last came"),
            _("Gatherings missed since"),
        ],
    )
    for s in sorted(flagged, key=lambda s: (s.status, names.get(s.id, ""), s.id)):
        t.rows.append(
            [
                _person(slug, s.id, names.get(s.id)),
                Cell(p_vocab.ROLES.label(s.role)),
                Cell(_side(s.side)),
                Cell(
                    _("Left on %(day)s") % {"day": s.left_on}
                    if s.status == "left"
                    else str(STATUS[s.status])
                ),
                Cell(s.last_came.isoformat() if s.last_came else _("Never")),
                _n(s.missed_since_last),
            ]
        )
    return t


def _venues(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    t = RecordTable(
        _("Every gathering in this period, where it was held, and who came."),
        [
            _("Date"),
            _("Gathering"),
            _("Kind"),
            _("Where"),
            _("Format"),
            _("People who came"),
            _("With lived experience"),
        ],
    )
    for g in reversed(core.per_gathering(ctx)):
        t.rows.append(
            [
                Cell(g["held_on"]),
                _gathering(slug, g["id"], g["title"]),
                Cell(g_vocab.KINDS.label(g["kind"])),
                Cell(g_vocab.VENUES.label(g["venue_kind"])),
                Cell(g_vocab.FORMATS.label(g["format"])),
                _n(g["attendees"]),
                _n(g["attendees_by_side"][p_vocab.LIVED]),
            ]
        )
    return t


def _changes(ctx: core.Ctx) -> RecordTable:
    slug = ctx.journey.slug
    t = RecordTable(
        _("Contributions marked done in this period, and the level at which things changed."),
        [_("Done on"), _("Contribution"), _("Level of change"), _("What we did")],
    )
    for c in (
        Contribution.objects.filter(
            ctx.period.q("fate_changed_on"), journey=ctx.journey, fate=c_vocab.DONE
        )
        .order_by("-fate_changed_on", "-id")
        .only("id", "text", "fate_changed_on", "change_level", "response")
    ):
        t.rows.append(
            [
                Cell(c.fate_changed_on.isoformat() if c.fate_changed_on else ""),
                _contribution(slug, c.pk, c.text),
                Cell(c_vocab.CHANGE_LEVELS.label(c.change_level)),
                Cell(core.short_text(c.response, 140)),
            ]
        )
    return t


def _limits(ctx: core.Ctx, *, can_manage: bool = False) -> RecordTable:
    t = RecordTable(
        _(
            "Everything recorded as off the table, who set it, and when it was shared with the "
            "whole group."
        ),
        [_("Limit"), _("Set by"), _("Shared with the group on"), _("Withdrawn on")],
    )
    for limit in Limit.objects.filter(journey=ctx.journey, table=j_vocab.OFF_TABLE).order_by("id"):
        hidden = not (can_manage or limit.shared)
        t.rows.append(
            [
                Cell(_("A limit not yet shared with the group") if hidden else limit.text),
                Cell("" if hidden else j_vocab.LIMIT_SETTERS.label(limit.set_by)),
                Cell(
                    limit.disclosed_on.isoformat()
                    if limit.disclosed_on and limit.shared
                    else _("Not shared yet")
                ),
                Cell(limit.withdrawn_on.isoformat() if limit.withdrawn_on else ""),
            ]
        )
    return t


BUILDERS: dict[str, Callable[[core.Ctx], RecordTable]] = {
    "room": _room,
    "voice": _voice,
    "agenda": _agenda,
    "follow_through": _follow_through,
    "retention": _retention,
    "venues": _venues,
    "changes": _changes,
    "limits": _limits,
}
