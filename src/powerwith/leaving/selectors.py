"""Reads for leaving: who stopped coming (the retention figure's own rule), the open actions
someone holds, which assets left with people, and the journey's end and follow-up reviews."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import IntegerField, Q, QuerySet, Subquery
from django.utils import timezone

from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import GroupAction
from powerwith.inclusion.models import Asset, Task
from powerwith.insights.core import Ctx, Stayer, retention_people
from powerwith.insights.period import Period
from powerwith.insights.thresholds import thresholds_for
from powerwith.journeys.models import Journey
from powerwith.people.models import Person

from . import vocab
from .models import AssetKept, FollowUpReview, Legacy, StopAsk


def stopped_coming(journey: Journey, *, ctx: Ctx | None = None) -> list[Stayer]:
    """People who have stopped coming, by the retention figure's rule (``insights.core``): they
    came at least once and missed their last N expected gatherings (N from the journey's
    ``staff_dropping_out.missed_gatherings`` threshold). Over all time, up to today, unless a
    dashboard context for a period is given."""
    if ctx is None:
        ctx = Ctx(journey=journey, period=Period(), thresholds=thresholds_for(journey))
    return [s for s in retention_people(ctx) if s.status == "stopped"]


def asked_about(stayer: Stayer, asks: list[StopAsk], upto: datetime.date) -> StopAsk | None:
    """The latest record of asking this person why they stopped, made on or after the last day
    they came and no later than ``upto``."""
    found = [
        a
        for a in asks
        if a.person_id == stayer.id
        and stayer.last_came is not None
        and stayer.last_came <= a.asked_on <= upto
    ]
    return max(found, key=lambda a: (a.asked_on, a.pk)) if found else None


@dataclass
class StoppedRow:
    person: Person
    stayer: Stayer
    ask: StopAsk | None


def stopped_rows(journey: Journey) -> list[StoppedRow]:
    """For the facilitator's list: everyone who stopped coming, with whether they were asked."""
    stayers = stopped_coming(journey)
    people = Person.objects.in_bulk([s.id for s in stayers])
    asks = list(StopAsk.objects.filter(journey=journey, person_id__in=list(people)))
    today = timezone.localdate()
    rows = [StoppedRow(people[s.id], s, asked_about(s, asks, today)) for s in stayers]
    rows.sort(key=lambda r: (r.ask is not None, r.stayer.last_came or datetime.date.min))
    return rows


# --- Open actions --------------------------------------------------------------------------


@dataclass
class OpenAction:
    kind: str
    pk: int
    description: str
    since: datetime.date | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def kind_label(self) -> str:
        return vocab.ACTION_KINDS.label(self.kind)


def open_actions(person: Person) -> list[OpenAction]:
    """What is still on this person: their tasks not marked done (theirs until handed on or
    done), co-design group actions not yet done, and open contributions they own."""
    out = [
        OpenAction(vocab.TASK, t.pk, t.description, t.since)
        for t in Task.objects.filter(person=person, done_on__isnull=True).order_by("since", "id")
    ]
    out += [
        OpenAction(vocab.GROUP_ACTION, a.pk, f"{a.what} ({a.group.name})", a.due_on)
        for a in GroupAction.objects.filter(who=person, done_on__isnull=True)
        .select_related("group")
        .order_by("id")
    ]
    out += [
        OpenAction(vocab.CONTRIBUTION, c.pk, str(c), c.raised_on)
        for c in Contribution.objects.filter(owner=person, fate__in=c_vocab.OPEN_FATES).order_by(
            "id"
        )
    ]
    return out


class _Count(Subquery):
    """How many rows a queryset has, as a subquery: several counts then go in one statement."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def actions_left_behind(journey: Journey, *, on: datetime.date) -> dict[str, int]:
    """Open actions still on people who had left by ``on``, by kind (one statement)."""
    gone = Person.objects.filter(journey=journey, left_on__isnull=False, left_on__lte=on)
    open_of: dict[str, QuerySet[Any]] = {
        vocab.TASK: Task.objects.filter(
            Q(done_on__isnull=True) | Q(done_on__gt=on), journey=journey, person__in=gone
        ),
        vocab.GROUP_ACTION: GroupAction.objects.filter(
            group__journey=journey, who__in=gone, done_on__isnull=True
        ),
        vocab.CONTRIBUTION: Contribution.objects.filter(
            journey=journey, owner__in=gone, fate__in=c_vocab.OPEN_FATES
        ),
    }
    counts: dict[str, Any] = dict(
        Journey.objects.filter(pk=journey.pk)
        .values(**{kind: _Count(rows.values("id")) for kind, rows in open_of.items()})
        .get()
    )
    return {kind: int(counts[kind]) for kind in open_of}


# --- Assets --------------------------------------------------------------------------------

IN_GROUP = "in_group"
LEFT_WITH = "left_with"
HANDED_OVER = "handed_over"


def status_on(
    left_on: datetime.date | None, kept_on: datetime.date | None, on: datetime.date
) -> str:
    """Where an asset is on ``on``, from the day its owner left (None for an organisation's
    asset or someone still here) and the day it was handed over (None if it was not)."""
    if left_on is None or left_on > on:
        return IN_GROUP
    if kept_on is not None and kept_on <= on:
        return HANDED_OVER
    return LEFT_WITH


def asset_status(asset: Asset, kept: AssetKept | None, on: datetime.date) -> str:
    """Where an asset is on ``on``. An organisation's asset, and a person's while they have not
    left, are in the group. A person's asset after the day they left has "left with them",
    unless it was handed over (to someone or into the group's record) by that day."""
    person = asset.person
    return status_on(
        person.left_on if person is not None else None, kept.on if kept is not None else None, on
    )


def asset_rows(journey: Journey, *, on: datetime.date | None = None) -> list[dict[str, Any]]:
    on = on or timezone.localdate()
    kept = {
        k.asset_id: k for k in AssetKept.objects.filter(journey=journey).select_related("handed_to")
    }
    rows = []
    for a in Asset.objects.filter(journey=journey).select_related("person", "organisation"):
        rows.append(
            {"asset": a, "kept": kept.get(a.pk), "status": asset_status(a, kept.get(a.pk), on)}
        )
    return rows


# --- The end and the follow-up reviews -----------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the month's last day when it has no such day
    (31 August + 6 months = 28 or 29 February)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def legacy_of(journey: Journey) -> Legacy | None:
    return Legacy.objects.filter(journey=journey).first()


def end_of(journey: Journey, legacy: Legacy | None) -> datetime.date | None:
    """The end the legacy plan and the reviews are about: the journey's end date or its
    funding's end date, whichever comes first (either may be unset)."""
    days = [d for d in (journey.ended_on, legacy.funding_ends_on if legacy else None) if d]
    return min(days) if days else None


@dataclass
class ReviewDue:
    months: int
    due_on: datetime.date
    review: FollowUpReview | None

    def overdue(self, today: datetime.date) -> bool:
        return self.review is None and self.due_on < today


def reviews_due(journey: Journey, legacy: Legacy | None) -> list[ReviewDue]:
    end = end_of(journey, legacy)
    if end is None:
        return []
    done = {r.months: r for r in FollowUpReview.objects.filter(journey=journey)}
    return [ReviewDue(m, add_months(end, m), done.get(m)) for m in vocab.REVIEW_MONTHS]


def missed_gatherings(journey: Journey) -> int:
    """N of "stopped coming": the journey's ``staff_dropping_out.missed_gatherings``."""
    return int(thresholds_for(journey)["staff_dropping_out"]["missed_gatherings"])
