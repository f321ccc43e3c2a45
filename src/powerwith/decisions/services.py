"""Every change to decisions, priority votes and their ballots, and co-design groups.

Ballots. One ballot per person per vote is enforced by the database (``BallotReceipt``'s unique
constraint) and by :func:`ballot_cast`: a repeated submission (a double tap, a resent form, two
devices at once) counts once and the first ballot stands. In an open (not secret) vote a person,
or a facilitator correcting a paper ballot, may deliberately *change* the ballot while the vote is
open; that replaces the marks of the same ballot, never adds a second. A secret ballot cannot be
changed, because nothing links the ballot paper back to the voter: every secret ballot writes
all of its vote's papers again in a random order (``_papers_rewrite``), so neither the order
they are stored in nor the transaction that wrote them pairs a paper with a receipt.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.dates import long_date
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions import services as contribution_services
from powerwith.contributions import vocab as cvocab
from powerwith.contributions.models import Contribution, Tag
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey, Limit
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import counting, vocab
from .models import (
    BallotPaper,
    BallotReceipt,
    CoDesignGroup,
    Decision,
    GroupAction,
    Vote,
    VoteOption,
)
from .selectors import vote_accepting, voter_for

DECISION_FATES = vocab.DECISION_FATES


def _in_journey(journey: Journey, obj: Any, field: str, what: str) -> None:
    if obj is not None and obj.journey_id != journey.pk:
        raise invalid(field, _("Choose %(what)s from this journey.") % {"what": what})


# --- decisions ---------------------------------------------------------------------------------


def _check_decision(
    *,
    journey: Journey,
    text: str,
    decided_on: datetime.date | None,
    taken_by: str,
    rung: str,
    gathering: Gathering | None,
    where_outside: str,
    proposed_by: Person | None,
    limits: Sequence[Limit],
    answers: Sequence[Contribution],
    vote: Vote | None,
    fate: str,
) -> tuple[str, str, datetime.date]:
    text, where_outside = text.strip(), where_outside.strip()
    if not text:
        raise invalid("text", _("Write what was decided, in plain words."))
    _in_journey(journey, gathering, "gathering", _("a gathering"))
    if gathering is None and not where_outside:
        raise invalid(
            "where_outside",
            _(
                "Choose the gathering where it was decided, or say where it was decided outside the group."
            ),
        )
    if gathering is not None and where_outside:
        raise invalid(
            "where_outside",
            _("Choose either a gathering of the group or a place outside the group, not both."),
        )
    decided_on = decided_on or (gathering.held_on if gathering is not None else None)
    if decided_on is None:
        raise invalid("decided_on", _("Enter the date it was decided."))
    if decided_on > timezone.localdate():
        raise invalid("decided_on", _("The date it was decided cannot be in the future."))
    if taken_by not in vocab.TAKERS:
        raise invalid("taken_by", _("Choose who took the decision."))
    if rung not in vocab.RUNGS:
        raise invalid("rung", _("Choose where on the ladder of participation it sat."))
    _in_journey(journey, proposed_by, "proposed_by", _("a person"))
    for limit in limits:
        _in_journey(journey, limit, "limits", "limits")
    for c in answers:
        _in_journey(journey, c, "answers", "contributions")
    _in_journey(journey, vote, "vote", _("a vote"))
    if fate:
        if fate not in DECISION_FATES:
            raise invalid("fate", _("Choose what happens to the contributions it answers."))
        if not answers:
            raise invalid(
                "answers", _("Choose the contributions whose fate this decision changes.")
            )
    return text, where_outside, decided_on


def _move_fates(
    *,
    actor: Any,
    decision: Decision,
    answers: Sequence[Contribution],
    fate: str,
    reason: str,
    change_level: str,
    response: str,
) -> None:
    for c in answers:
        if c.fate == cvocab.MERGED:
            raise invalid(
                "answers",
                _("“%(text)s” was merged into another contribution. Choose that one instead.")
                % {"text": c.text[:60]},
            )
        try:
            contribution_services.contribution_set_fate(
                actor=actor,
                contribution=c,
                fate=fate,
                reason=reason,
                change_level=change_level,
                response=response.strip() or None,
                on=decision.decided_on,
                decision=decision,
            )
        except ValidationError as exc:
            # The contribution's own rules; its date rule is about this decision's date.
            if hasattr(exc, "error_dict") and "on" in exc.error_dict:
                raise invalid(
                    "decided_on",
                    _(
                        "“%(text)s” was raised on %(date)s, after this date. Check the date or the contributions."
                    )
                    % {"text": c.text[:60], "date": long_date(c.raised_on)},
                ) from exc
            raise


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    journey: Journey,
    text: str,
    taken_by: str,
    rung: str,
    decided_on: datetime.date | None = None,
    gathering: Gathering | None = None,
    where_outside: str = "",
    proposed_by: Person | None = None,
    limits: Sequence[Limit] = (),
    answers: Sequence[Contribution] = (),
    vote: Vote | None = None,
    fate: str = "",
    reason: str = "",
    change_level: str = "",
    response: str = "",
) -> Decision:
    """Record a decision: what, where (a gathering, or outside the group), who proposed and who
    took it, its rung on the ladder, the limits that constrained it and the contributions it
    answers. With ``fate``, those contributions move to it in the same transaction, each history
    line linked to this decision; if any move breaks a rule, nothing is saved."""
    require(actor, journey, "record")
    text, where_outside, decided_on = _check_decision(
        journey=journey,
        text=text,
        decided_on=decided_on,
        taken_by=taken_by,
        rung=rung,
        gathering=gathering,
        where_outside=where_outside,
        proposed_by=proposed_by,
        limits=limits,
        answers=answers,
        vote=vote,
        fate=fate,
    )
    role, side = role_on(proposed_by, decided_on) if proposed_by is not None else ("", "")
    decision = Decision.objects.create(
        journey=journey,
        text=text,
        decided_on=decided_on,
        gathering=gathering,
        where_outside=where_outside,
        taken_by=taken_by,
        rung=rung,
        proposed_by=proposed_by,
        proposer_role=role,
        proposer_side=side,
        vote=vote,
        recorded_by=user_or_none(actor),
    )
    decision.limits.set(limits)
    decision.answers.set(answers)
    if fate:
        _move_fates(
            actor=actor,
            decision=decision,
            answers=answers,
            fate=fate,
            reason=reason,
            change_level=change_level,
            response=response,
        )
    audit(
        journey=journey,
        actor=actor,
        action="decision_create",
        obj=decision,
        summary=f"{vocab.RUNGS.label(rung)}, {vocab.TAKERS.label(taken_by).lower()}: {text[:200]}",
    )
    return decision


@transaction.atomic
def decision_update(
    *,
    actor: Any,
    decision: Decision,
    text: str,
    taken_by: str,
    rung: str,
    decided_on: datetime.date | None,
    gathering: Gathering | None = None,
    where_outside: str = "",
    proposed_by: Person | None = None,
    limits: Sequence[Limit] = (),
    answers: Sequence[Contribution] = (),
    vote: Vote | None = None,
    fate: str = "",
    reason: str = "",
    change_level: str = "",
    response: str = "",
) -> Decision:
    """Correct a decision. Fates already moved keep their history; with ``fate`` the chosen
    contributions move again, linked to this decision."""
    journey = decision.journey
    require(actor, journey, "record")
    text, where_outside, decided_on = _check_decision(
        journey=journey,
        text=text,
        decided_on=decided_on,
        taken_by=taken_by,
        rung=rung,
        gathering=gathering,
        where_outside=where_outside,
        proposed_by=proposed_by,
        limits=limits,
        answers=answers,
        vote=vote,
        fate=fate,
    )
    role, side = role_on(proposed_by, decided_on) if proposed_by is not None else ("", "")
    decision.text, decision.decided_on, decision.gathering = text, decided_on, gathering
    decision.where_outside, decision.taken_by, decision.rung = where_outside, taken_by, rung
    decision.proposed_by, decision.proposer_role, decision.proposer_side = proposed_by, role, side
    decision.vote = vote
    decision.save()
    decision.limits.set(limits)
    decision.answers.set(answers)
    if fate:
        _move_fates(
            actor=actor,
            decision=decision,
            answers=answers,
            fate=fate,
            reason=reason,
            change_level=change_level,
            response=response,
        )
    audit(
        journey=journey,
        actor=actor,
        action="decision_update",
        obj=decision,
        summary=text[:200],
    )
    return decision


# --- votes -------------------------------------------------------------------------------------


def _check_vote_settings(
    *, title: str, method: str, dots: int, score_max: int, closes_at: datetime.datetime | None
) -> str:
    title = title.strip()
    if not title:
        raise invalid(
            "title", _("Give the vote a short name, like “What should we work on first?”.")
        )
    if method not in vocab.METHODS:
        raise invalid("method", _("Choose a way of voting."))
    if not 1 <= dots <= 20:
        raise invalid("dots", _("Give each person between 1 and 20 dots."))
    if not 1 <= score_max <= 10:
        raise invalid("score_max", _("The highest score must be between 1 and 10."))
    if closes_at is not None and closes_at <= timezone.now():
        raise invalid("closes_at", _("The closing time must be in the future."))
    return title


def _not_draft(vote: Vote) -> None:
    if vote.state != vocab.DRAFT:
        raise invalid(
            None,
            _(
                "This vote has opened, so its items and rules can no longer change. Close it and start a new vote if they must."
            ),
        )


def _add_options(
    vote: Vote,
    *,
    contributions: Iterable[Contribution] = (),
    tags: Iterable[Tag] = (),
    labels: Iterable[str] = (),
) -> list[VoteOption]:
    journey_id = vote.journey_id
    existing = list(vote.options.all())
    have_c = {o.contribution_id for o in existing if o.contribution_id}
    have_t = {o.tag_id for o in existing if o.tag_id}
    have_l = {o.label.casefold() for o in existing if not o.contribution_id and not o.tag_id}
    position = max((o.position for o in existing), default=0)
    made: list[VoteOption] = []
    for c in contributions:
        if c.journey_id != journey_id:
            raise invalid("contributions", _("Choose contributions from this journey."))
        if c.fate == cvocab.MERGED:
            raise invalid(
                "contributions",
                _("“%(text)s” was merged into another contribution. Choose that one instead.")
                % {"text": c.text[:60]},
            )
        if c.pk in have_c:
            continue
        have_c.add(c.pk)
        position += 1
        made.append(VoteOption(vote=vote, contribution=c, label=c.text[:300], position=position))
    for t in tags:
        if t.journey_id != journey_id:
            raise invalid("tags", _("Choose themes from this journey."))
        if t.pk in have_t:
            continue
        have_t.add(t.pk)
        position += 1
        made.append(VoteOption(vote=vote, tag=t, label=t.name, position=position))
    for raw in labels:
        label = " ".join(raw.split())[:300]
        if not label or label.casefold() in have_l:
            continue
        have_l.add(label.casefold())
        position += 1
        made.append(VoteOption(vote=vote, label=label, position=position))
    return VoteOption.objects.bulk_create(made)


@transaction.atomic
def vote_create(
    *,
    actor: Any,
    journey: Journey,
    title: str,
    method: str,
    question: str = "",
    dots: int = 3,
    stacking: bool = True,
    score_max: int = 5,
    secret: bool = False,
    hide_results: bool = True,
    closes_at: datetime.datetime | None = None,
    gathering: Gathering | None = None,
    contributions: Iterable[Contribution] = (),
    tags: Iterable[Tag] = (),
    labels: Iterable[str] = (),
) -> Vote:
    """Prepare a priority vote (a draft) with its items: contributions, themes or free text.
    A secret vote always hides its results until it closes, because totals changing as each
    person votes would show how they voted."""
    require(actor, journey, "manage")
    title = _check_vote_settings(
        title=title, method=method, dots=dots, score_max=score_max, closes_at=closes_at
    )
    _in_journey(journey, gathering, "gathering", _("a gathering"))
    vote = Vote.objects.create(
        journey=journey,
        title=title,
        question=question.strip(),
        method=method,
        dots=dots,
        stacking=stacking,
        score_max=score_max,
        secret=secret,
        hide_results=hide_results or secret,
        closes_at=closes_at,
        gathering=gathering,
        created_by=user_or_none(actor),
    )
    _add_options(vote, contributions=contributions, tags=tags, labels=labels)
    audit(
        journey=journey,
        actor=actor,
        action="vote_create",
        obj=vote,
        summary=f"{title} ({vocab.METHODS.label(method).lower()}{', secret' if secret else ''})",
    )
    return vote


@transaction.atomic
def vote_update(
    *,
    actor: Any,
    vote: Vote,
    title: str,
    method: str,
    question: str = "",
    dots: int = 3,
    stacking: bool = True,
    score_max: int = 5,
    secret: bool = False,
    hide_results: bool = True,
    closes_at: datetime.datetime | None = None,
    gathering: Gathering | None = None,
) -> Vote:
    """Change a vote's rules while it is being prepared."""
    require(actor, vote.journey, "manage")
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _not_draft(vote)
    title = _check_vote_settings(
        title=title, method=method, dots=dots, score_max=score_max, closes_at=closes_at
    )
    _in_journey(vote.journey, gathering, "gathering", _("a gathering"))
    vote.title, vote.question, vote.method = title, question.strip(), method
    vote.dots, vote.stacking, vote.score_max = dots, stacking, score_max
    vote.secret, vote.hide_results = secret, hide_results or secret
    vote.closes_at, vote.gathering = closes_at, gathering
    vote.save()
    audit(journey=vote.journey, actor=actor, action="vote_update", obj=vote, summary=title)
    return vote


@transaction.atomic
def vote_option_add(
    *,
    actor: Any,
    vote: Vote,
    contributions: Iterable[Contribution] = (),
    tags: Iterable[Tag] = (),
    labels: Iterable[str] = (),
) -> list[VoteOption]:
    """Add items to a vote being prepared. Items already on it are not added twice."""
    require(actor, vote.journey, "manage")
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _not_draft(vote)
    made = _add_options(vote, contributions=contributions, tags=tags, labels=labels)
    if not made:
        raise invalid(
            "labels", _("Choose or write at least one item that is not on the vote already.")
        )
    audit(
        journey=vote.journey,
        actor=actor,
        action="vote_option_add",
        obj=vote,
        summary="; ".join(o.label[:60] for o in made)[:1000],
    )
    return made


@transaction.atomic
def vote_option_remove(*, actor: Any, option: VoteOption) -> None:
    vote = option.vote
    require(actor, vote.journey, "manage")
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _not_draft(vote)
    audit(
        journey=vote.journey,
        actor=actor,
        action="vote_option_remove",
        obj=vote,
        summary=option.label[:200],
    )
    option.delete()


@transaction.atomic
def vote_open(*, actor: Any, vote: Vote) -> Vote:
    """Open a vote for ballots. It needs at least two items."""
    require(actor, vote.journey, "manage")
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    _not_draft(vote)
    n = vote.options.count()
    if n < 2:
        raise invalid(None, _("A vote needs at least two items. Add more items first."))
    if vote.method == counting.DOT and not vote.stacking and vote.dots > n:
        raise invalid(
            "dots",
            _(
                "With one dot per item, people cannot have more dots (%(dots)s) than there are items (%(n)s)."
            )
            % {"dots": vote.dots, "n": n},
        )
    if vote.closes_at is not None and vote.closes_at <= timezone.now():
        raise invalid("closes_at", _("The closing time has passed. Choose a later time, or none."))
    vote.state, vote.opened_at = vocab.OPEN, timezone.now()
    vote.save(update_fields=["state", "opened_at", "updated_at"])
    audit(
        journey=vote.journey,
        actor=actor,
        action="vote_open",
        obj=vote,
        summary=f"Opened with {n} items",
    )
    return vote


def _papers_rewrite(vote: Vote, new: tuple[str, dict[str, int]] | None = None) -> None:
    """Write the secret vote's ballot papers again (with ``new``, a ballot just cast, among
    them) in a random order with new random ids. The caller holds the vote's lock.

    Written one after the other, the k-th paper would be the k-th receipt's, and the receipts
    say who voted and when: a database keeps rows in the order they were written (SQLite's
    rowid, PostgreSQL's place in the table, which a plain SELECT follows), and PostgreSQL
    stamps each row with the transaction that wrote it (``xmin``), which a receipt and its
    paper would share. Rewritten with every ballot, all of a vote's papers carry the latest
    ballot's transaction and lie in an order that says nothing about who voted when."""
    papers = list(vote.papers.values_list("side", "marks"))
    if new is not None:
        papers.append(new)
    random.SystemRandom().shuffle(papers)
    vote.papers.all().delete()
    BallotPaper.objects.bulk_create(
        [BallotPaper(vote=vote, side=side, marks=marks) for side, marks in papers]
    )


@transaction.atomic
def vote_close(*, actor: Any, vote: Vote) -> Vote:
    """Close a vote: no more ballots, results final. A secret vote's ballot papers are
    rewritten once more in a random order with new random ids (each ballot already did so)."""
    require(actor, vote.journey, "manage")
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.state != vocab.OPEN:
        raise invalid(None, _("Only an open vote can be closed."))
    if vote.secret:
        _papers_rewrite(vote)
    vote.state, vote.closed_at = vocab.CLOSED, timezone.now()
    vote.save(update_fields=["state", "closed_at", "updated_at"])
    n = vote.receipts.count()
    audit(
        journey=vote.journey,
        actor=actor,
        action="vote_close",
        obj=vote,
        summary=f"Closed with {n} ballot{'' if n == 1 else 's'}",
    )
    return vote


def vote_reopen_refusal(vote: Vote, *, now: datetime.datetime | None = None) -> str | None:
    """Why a closed vote cannot be reopened now, in words for the facilitator; None if it can.

    Reopening is for a vote closed by mistake, so it is allowed only soon after closing
    (:data:`vocab.REOPEN_WITHIN`), only while nothing has been decided from the results, and
    for a secret vote only if no one had voted: its results have been shown, and comparing them
    with the results after more people vote would show how those people voted."""
    now = now or timezone.now()
    if vote.state != vocab.CLOSED or vote.closed_at is None:
        return _("Only a closed vote can be reopened.")
    if now - vote.closed_at > vocab.REOPEN_WITHIN:
        return _(
            "This vote closed more than %(within)s ago, so it can no longer "
            "be reopened. If the group needs to vote again, prepare a new vote."
        ) % {"within": vocab.REOPEN_WITHIN_WORDS}
    if vote.decisions.exists():
        return _(
            "A decision has already been recorded from this vote's results, so it cannot be "
            "reopened. If the group needs to vote again, prepare a new vote."
        )
    if vote.closes_at is not None and vote.closes_at <= now:
        return _(
            "This vote's closing time (%(when)s) "
            "has passed, so it would be over again at once. Prepare a new vote instead."
        ) % {"when": dateformat.format(timezone.localtime(vote.closes_at), "d F Y, H:i")}
    if vote.secret and vote.receipts.exists():
        return _(
            "This is a secret ballot and people had voted when it closed. Everyone can now "
            "see those results, so if more people voted after reopening, comparing the two "
            "sets of results would show how they voted. Prepare a new vote instead."
        )
    return None


@transaction.atomic
def vote_reopen(*, actor: Any, vote: Vote, now: datetime.datetime | None = None) -> Vote:
    """Reopen a vote closed by mistake: ballots are counted again and the results are hidden
    again (as the vote's rules say). Allowed to facilitators within
    :data:`vocab.REOPEN_WITHIN` of closing, if no decision has been recorded from it, and for a
    secret vote only if no one had voted (see :func:`vote_reopen_refusal`). The log says who
    reopened it."""
    require(actor, vote.journey, "manage")
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    refusal = vote_reopen_refusal(vote, now=now)
    if refusal is not None:
        raise invalid(None, refusal)
    closed_at = vote.closed_at
    vote.state, vote.closed_at = vocab.OPEN, None
    vote.save(update_fields=["state", "closed_at", "updated_at"])
    n = vote.receipts.count()
    audit(
        journey=vote.journey,
        actor=actor,
        action="vote_reopen",
        obj=vote,
        summary=(
            f"Reopened (it had closed at {timezone.localtime(closed_at):%H:%M} with "
            f"{n} ballot{'' if n == 1 else 's'})"
        ),
    )
    return vote


def _clean_marks(vote: Vote, marks: Mapping[int, int]) -> dict[int, int]:
    options = list(vote.options.values_list("pk", flat=True))
    try:
        return counting.check_ballot(
            vote.method,
            options,
            marks,
            dots=vote.dots,
            stacking=vote.stacking,
            score_max=vote.score_max,
        )
    except counting.BallotError as exc:
        field = f"option_{exc.option}" if exc.option is not None else "marks"
        raise invalid(field, exc.message) from exc


@transaction.atomic
def ballot_cast(
    *,
    actor: Any,
    vote: Vote,
    person: Person,
    marks: Mapping[int, int],
    channel: str = vocab.OWN_DEVICE,
    cast_on: datetime.date | None = None,
    change: bool = False,
) -> tuple[BallotReceipt, bool]:
    """Count one person's ballot. Returns ``(receipt, counted)``.

    ``channel`` is ``own_device`` (the signed-in person votes for themselves) or ``paper`` (a
    facilitator types in someone's paper ballot; it counts as that person's vote and the
    receipt keeps who typed it). A repeat (double tap, retry, a second device) returns the first
    receipt with ``counted=False``: the first ballot stands. ``change=True`` replaces the marks
    of an open, non-secret vote's ballot while the vote is open.
    """
    journey = vote.journey
    if channel == vocab.PAPER:
        require(actor, journey, "manage")
    elif channel == vocab.OWN_DEVICE:
        require(actor, journey, "view")
        own = voter_for(actor, journey)
        if own is None or own.pk != person.pk:
            raise invalid(
                None,
                _(
                    "You can only cast your own ballot. A facilitator can enter a paper ballot for someone else."
                ),
            )
    else:
        raise invalid("channel", _("Choose how the ballot reached us."))
    if person.journey_id != journey.pk:
        raise invalid("person", _("Choose a person from this journey."))
    # Ballots for one vote queue behind this lock, so a ballot can never slip in after closing.
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.state == vocab.DRAFT:
        raise invalid(None, _("This vote has not opened yet."))
    if not vote_accepting(vote):
        raise invalid(None, _("This vote has closed. No more ballots can be counted."))
    today = timezone.localdate()
    cast_on = cast_on if (cast_on is not None and channel == vocab.PAPER) else today
    if cast_on > today:
        raise invalid("cast_on", _("The date of the ballot cannot be in the future."))
    if person.left_on is not None and person.left_on < cast_on:
        raise invalid(
            "person",
            _("%(name)s left the group on %(date)s, before this vote.")
            % {"name": person.name, "date": long_date(person.left_on)},
        )
    clean = _clean_marks(vote, marks)
    stored = {str(k): v for k, v in clean.items()}

    existing = BallotReceipt.objects.filter(vote=vote, person=person).first()
    if existing is not None:
        if not change:
            return existing, False
        if vote.secret:
            raise invalid(
                None,
                _(
                    "This is a secret vote, so a ballot cannot be changed once cast: nothing links the ballot paper to the voter."
                ),
            )
        existing.marks, existing.changed_at = stored, timezone.now()
        existing.save(update_fields=["marks", "changed_at"])
        audit(
            journey=journey,
            actor=actor,
            action="ballot_change",
            obj=vote,
            summary=f"{person.name} changed their ballot",
            on_behalf_of=person if channel == vocab.PAPER else None,
            channel=channel,
        )
        return existing, True

    role, side = role_on(person, cast_on)
    try:
        with transaction.atomic():
            receipt = BallotReceipt.objects.create(
                vote=vote,
                person=person,
                role=role,
                side=side,
                channel=channel,
                entered_by=user_or_none(actor),
                cast_on=cast_on,
                marks=None if vote.secret else stored,
            )
    except IntegrityError:
        # The same person's other submission won the race; theirs is the ballot that counts.
        return BallotReceipt.objects.get(vote=vote, person=person), False
    if vote.secret:
        _papers_rewrite(vote, (side, stored))
    audit(
        journey=journey,
        actor=actor,
        action="ballot_enter" if channel == vocab.PAPER else "ballot_cast",
        obj=vote,
        summary=(
            f"Paper ballot for {person.name} entered"
            if channel == vocab.PAPER
            else f"{person.name} voted on their own device"
        ),
        on_behalf_of=person if channel == vocab.PAPER else None,
        channel=channel,
    )
    return receipt, True


# --- co-design groups --------------------------------------------------------------------------


def _check_members(journey: Journey, members: Iterable[Person]) -> list[Person]:
    members = list(members)
    for p in members:
        _in_journey(journey, p, "members", "people")
    return members


@transaction.atomic
def group_create(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    formed_on: datetime.date,
    purpose: str = "",
    item: Contribution | None = None,
    members: Iterable[Person] = (),
    start_work: bool = False,
) -> CoDesignGroup:
    """Form a co-design group, usually around a prioritised item. With ``start_work`` the item
    moves to "in progress", its history naming the group."""
    require(actor, journey, "record")
    name = name.strip()
    if not name:
        raise invalid("name", _("Give the group a name, like “Waiting room group”."))
    if formed_on > timezone.localdate():
        raise invalid("formed_on", _("The date it was formed cannot be in the future."))
    _in_journey(journey, item, "item", _("a contribution"))
    if item is not None and item.fate == cvocab.MERGED:
        raise invalid(
            "item", _("That contribution was merged into another one. Choose that one instead.")
        )
    members = _check_members(journey, members)
    group = CoDesignGroup.objects.create(
        journey=journey,
        name=name,
        purpose=purpose.strip(),
        item=item,
        formed_on=formed_on,
        created_by=user_or_none(actor),
    )
    group.members.set(members)
    if (
        start_work
        and item is not None
        and item.fate in (cvocab.NEW, cvocab.CONSIDERING, cvocab.PRIORITISED)
    ):
        # New, being considered or prioritised: work on it starts now.
        if formed_on < item.raised_on:
            raise invalid(
                "formed_on",
                _("The item was raised on %(date)s, after this date.")
                % {"date": long_date(item.raised_on)},
            )
        contribution_services.contribution_set_fate(
            actor=actor,
            contribution=item,
            fate=cvocab.IN_PROGRESS,
            reason=f"The co-design group “{name}” was formed to work on it.",
            on=formed_on,
        )
    audit(journey=journey, actor=actor, action="group_create", obj=group, summary=name)
    return group


@transaction.atomic
def group_update(
    *,
    actor: Any,
    group: CoDesignGroup,
    name: str,
    purpose: str,
    members: Iterable[Person],
) -> CoDesignGroup:
    require(actor, group.journey, "record")
    name = name.strip()
    if not name:
        raise invalid("name", _("Give the group a name, like “Waiting room group”."))
    members = _check_members(group.journey, members)
    group.name, group.purpose = name, purpose.strip()
    group.save()
    group.members.set(members)
    audit(journey=group.journey, actor=actor, action="group_update", obj=group, summary=name)
    return group


@transaction.atomic
def group_close(*, actor: Any, group: CoDesignGroup, closed_on: datetime.date) -> CoDesignGroup:
    """Record that a group finished its work."""
    require(actor, group.journey, "record")
    if group.closed_on is not None:
        raise invalid(
            None, _("This group already closed on %(date)s.") % {"date": long_date(group.closed_on)}
        )
    if closed_on < group.formed_on:
        raise invalid(
            "closed_on",
            _("A group cannot close before it formed (%(date)s).")
            % {"date": long_date(group.formed_on)},
        )
    if closed_on > timezone.localdate():
        raise invalid("closed_on", _("The date it closed cannot be in the future."))
    group.closed_on = closed_on
    group.save(update_fields=["closed_on", "updated_at"])
    audit(journey=group.journey, actor=actor, action="group_close", obj=group, summary=group.name)
    return group


@transaction.atomic
def group_gatherings_add(
    *, actor: Any, group: CoDesignGroup, gatherings: Iterable[Gathering]
) -> int:
    """Say that gatherings already recorded were meetings of this group. Returns how many
    were linked (a gathering already linked to this group is left as it is)."""
    require(actor, group.journey, "record")
    gatherings = list(gatherings)
    if not gatherings:
        raise invalid("gathering", _("Choose a gathering."))
    for g in gatherings:
        _in_journey(group.journey, g, "gathering", _("a gathering"))
        if g.group_id is not None and g.group_id != group.pk:
            raise invalid(
                "gathering",
                _("“%(title)s” already belongs to another co-design group.") % {"title": g.title},
            )
    n = Gathering.objects.filter(pk__in=[g.pk for g in gatherings], group__isnull=True).update(
        group=group
    )
    if n:
        audit(
            journey=group.journey,
            actor=actor,
            action="group_gatherings_add",
            obj=group,
            summary=f"{n} gathering{'s' if n != 1 else ''} linked to {group.name}",
        )
    return n


def _check_action(
    group: CoDesignGroup, what: str, who: Person | None, done_on: datetime.date | None
) -> str:
    what = what.strip()
    if not what:
        raise invalid("what", _("Say what needs doing."))
    _in_journey(group.journey, who, "who", _("a person"))
    if done_on is not None and done_on > timezone.localdate():
        raise invalid("done_on", _("The date it was done cannot be in the future."))
    return what


@transaction.atomic
def group_action_add(
    *,
    actor: Any,
    group: CoDesignGroup,
    what: str,
    who: Person | None = None,
    due_on: datetime.date | None = None,
    done_on: datetime.date | None = None,
) -> GroupAction:
    """Add an action the group agreed: what, who does it and by when."""
    require(actor, group.journey, "record")
    if group.closed_on is not None:
        raise invalid(None, _("This group has closed, so no new actions can be added."))
    what = _check_action(group, what, who, done_on)
    action = GroupAction.objects.create(
        group=group,
        what=what,
        who=who,
        due_on=due_on,
        done_on=done_on,
        created_by=user_or_none(actor),
    )
    audit(journey=group.journey, actor=actor, action="group_action_add", obj=action, summary=what)
    return action


@transaction.atomic
def group_action_update(
    *,
    actor: Any,
    action: GroupAction,
    what: str,
    who: Person | None,
    due_on: datetime.date | None,
    done_on: datetime.date | None,
) -> GroupAction:
    """Change an action, or record when it was done."""
    group = action.group
    require(actor, group.journey, "record")
    what = _check_action(group, what, who, done_on)
    action.what, action.who, action.due_on, action.done_on = what, who, due_on, done_on
    action.save()
    audit(
        journey=group.journey,
        actor=actor,
        action="group_action_update",
        obj=action,
        summary=what + (" (done)" if done_on else ""),
    )
    return action
