"""Ballots: one per person per vote (database and service), idempotent repeats, paper ballots,
secret ballots that cannot be linked to their voter, and the vote's trail."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.decisions import selectors
from powerwith.decisions import services as ds
from powerwith.decisions.models import BallotPaper, BallotReceipt, Vote
from powerwith.people import services as ps

from .helpers import LIVED, STAFF, open_vote, option_ids, paper


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_own_ballot_counts_once(vw: Any) -> None:
    vote = open_vote(vw)
    a, b, *_ = option_ids(vote)
    ann = vw.people["Ann"]
    r1, counted1 = ds.ballot_cast(actor=vw.world.member, vote=vote, person=ann, marks={a: 2, b: 1})
    r2, counted2 = ds.ballot_cast(actor=vw.world.member, vote=vote, person=ann, marks={b: 3})
    assert counted1 and not counted2 and r1.pk == r2.pk
    assert BallotReceipt.objects.filter(vote=vote).count() == 1
    r1.refresh_from_db()
    assert r1.marks == {str(a): 2, str(b): 1}  # the first ballot stands
    assert (r1.channel, r1.side, r1.role, r1.entered_by) == (
        "own_device",
        "lived",
        "service_user",
        vw.world.member,
    )


def test_database_refuses_a_second_ballot(vw: Any) -> None:
    vote = open_vote(vw)
    ann = vw.people["Ann"]
    paper(vw, vote, "Ann", {option_ids(vote)[0]: 1})
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotReceipt.objects.create(
            vote=vote, person=ann, channel="paper", cast_on=datetime.date(2025, 3, 3)
        )


def test_change_my_vote_replaces_the_same_ballot(vw: Any) -> None:
    vote = open_vote(vw)
    a, b, *_ = option_ids(vote)
    ann = vw.people["Ann"]
    ds.ballot_cast(actor=vw.world.member, vote=vote, person=ann, marks={a: 3})
    r, counted = ds.ballot_cast(
        actor=vw.world.member, vote=vote, person=ann, marks={b: 3}, change=True
    )
    assert counted and r.marks == {str(b): 3} and r.changed_at is not None
    assert BallotReceipt.objects.filter(vote=vote).count() == 1
    assert AuditEntry.objects.filter(action="ballot_change").count() == 1


def test_only_your_own_ballot_and_paper_needs_a_facilitator(vw: Any) -> None:
    vote = open_vote(vw)
    a = option_ids(vote)[0]
    with pytest.raises(ValidationError) as exc:
        ds.ballot_cast(actor=vw.world.member, vote=vote, person=vw.people["Bea"], marks={a: 1})
    assert exc.value.messages == [
        "You can only cast your own ballot. A facilitator can enter a paper ballot for someone else."
    ]
    with pytest.raises(PermissionDenied):
        ds.ballot_cast(
            actor=vw.world.member,
            vote=vote,
            person=vw.people["Bea"],
            marks={a: 1},
            channel="paper",
        )
    # The facilitator has no person in the register, so cannot vote "on their own device".
    with pytest.raises(ValidationError):
        ds.ballot_cast(actor=vw.f, vote=vote, person=vw.people["Bea"], marks={a: 1})
    assert not BallotReceipt.objects.exists()


def test_an_observer_linked_to_a_person_can_vote(vw: Any) -> None:
    vote = open_vote(vw)
    _, counted = ds.ballot_cast(
        actor=vw.world.observer, vote=vote, person=vw.people["Gus"], marks={option_ids(vote)[1]: 1}
    )
    assert counted


def test_paper_ballot_keeps_provenance_and_counts_as_theirs(vw: Any) -> None:
    vote = open_vote(vw)
    a = option_ids(vote)[0]
    r, counted = paper(vw, vote, "Gus", {a: 2}, cast_on=datetime.date(2025, 3, 3))
    assert counted
    assert (r.person, r.channel, r.entered_by, r.cast_on, r.side) == (
        vw.people["Gus"],
        "paper",
        vw.f,
        datetime.date(2025, 3, 3),
        "professional",
    )
    entry = AuditEntry.objects.get(action="ballot_enter")
    assert (entry.on_behalf_of, entry.channel, entry.object_type, entry.object_id) == (
        vw.people["Gus"],
        "paper",
        "Vote",
        vote.pk,
    )
    # The same paper typed in twice counts once.
    _, again = paper(vw, vote, "Gus", {a: 2})
    assert not again and BallotReceipt.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "kw", "marks", "field", "message"),
    [
        (
            "dot",
            {"dots": 3},
            {0: 2, 1: 2},
            "marks",
            "You placed 4 dots, but each person has 3. Take 1 off.",
        ),
        ("dot", {"stacking": False}, {0: 2}, 0, "Put at most one dot on each item."),
        ("approval", {}, {}, "marks", "Tick at least one item you would be happy to work on."),
        (
            "ranked",
            {},
            {0: 1, 1: 1},
            1,
            "Two items have the number 1. Give each a different number.",
        ),
        ("score", {"score_max": 5}, {2: 9}, 2, "Scores go from 0 to 5."),
    ],
)
def test_bad_ballots_are_refused_with_a_reason(
    vw: Any, method: str, kw: dict, marks: dict, field: Any, message: str
) -> None:
    vote = open_vote(vw, method=method, **kw)
    ids = option_ids(vote)
    with pytest.raises(ValidationError) as exc:
        paper(vw, vote, "Ann", {ids[i]: v for i, v in marks.items()})
    key = field if field == "marks" else f"option_{ids[field]}"
    assert errors(exc) == {key: [message]}
    assert not BallotReceipt.objects.exists() and not BallotPaper.objects.exists()


def test_ballot_for_an_item_of_another_vote_is_refused(vw: Any) -> None:
    vote = open_vote(vw)
    other = open_vote(vw, title="Another")
    with pytest.raises(ValidationError) as exc:
        paper(vw, vote, "Ann", {option_ids(other)[0]: 1})
    assert "This ballot names an item that is not in this vote." in exc.value.messages[0]


def test_no_ballots_before_opening_or_after_closing(vw: Any) -> None:
    draft = ds.vote_create(
        actor=vw.f, journey=vw.journey, title="Draft", method="dot", contributions=vw.items
    )
    with pytest.raises(ValidationError) as exc:
        paper(vw, draft, "Ann", {option_ids(draft)[0]: 1})
    assert exc.value.messages == ["This vote has not opened yet."]

    vote = open_vote(vw)
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as exc:
        paper(vw, vote, "Ann", {option_ids(vote)[0]: 1})
    assert exc.value.messages == ["This vote has closed. No more ballots can be counted."]

    vote2 = open_vote(vw, title="Second")
    ds.vote_close(actor=vw.f, vote=vote2)
    with pytest.raises(ValidationError):
        paper(vw, vote2, "Ann", {option_ids(vote2)[0]: 1})
    assert not BallotReceipt.objects.exists()


def test_someone_who_left_cannot_vote(vw: Any) -> None:
    vote = open_vote(vw)
    ps.person_leave(actor=vw.f, person=vw.people["Bea"], left_on=datetime.date(2025, 2, 1))
    with pytest.raises(ValidationError) as exc:
        paper(vw, vote, "Bea", {option_ids(vote)[0]: 1})
    assert exc.value.messages == ["Bea left the group on 1 February 2025, before this vote."]


def test_future_paper_date_refused(vw: Any) -> None:
    vote = open_vote(vw)
    with pytest.raises(ValidationError) as exc:
        paper(
            vw,
            vote,
            "Ann",
            {option_ids(vote)[0]: 1},
            cast_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert errors(exc) == {"cast_on": ["The date of the ballot cannot be in the future."]}


# --- secret ballots ---------------------------------------------------------------------------


def test_secret_ballot_schema_has_no_path_to_the_voter() -> None:
    fields = BallotPaper._meta.get_fields()
    relations = [f for f in fields if f.is_relation]
    assert [(f.name, f.related_model) for f in relations] == [("vote", Vote)]
    assert not any(isinstance(f, (models.DateField, models.TimeField)) for f in fields)
    assert isinstance(BallotPaper._meta.pk, models.UUIDField)
    assert BallotPaper._meta.ordering == []
    # And nothing points at a paper either (no reverse path from receipt or audit).
    assert not any(
        f.related_model is BallotPaper
        for model in (BallotReceipt, AuditEntry)
        for f in model._meta.get_fields()
        if f.is_relation
    )


def test_secret_vote_keeps_choices_apart_from_voters(vw: Any) -> None:
    vote = open_vote(vw, secret=True, hide_results=False)
    assert vote.hide_results  # a secret vote always hides its results until it closes
    a, b, *_ = option_ids(vote)
    r, _ = paper(vw, vote, "Ann", {a: 3})
    ds.ballot_cast(actor=vw.world.member, vote=vote, person=vw.people["Ann"], marks={b: 3})
    assert r.marks is None
    assert [(p.side, p.marks) for p in BallotPaper.objects.all()] == [("lived", {str(a): 3})]
    with pytest.raises(ValidationError) as exc:
        ds.ballot_cast(
            actor=vw.world.member, vote=vote, person=vw.people["Ann"], marks={b: 3}, change=True
        )
    assert "cannot be changed" in exc.value.messages[0]
    for entry in AuditEntry.objects.filter(object_type="Vote"):
        assert str(a) not in entry.summary.split() and "3" not in entry.summary
    assert not selectors.results_visible(vote)


def test_closing_a_secret_vote_reshuffles_the_papers(vw: Any) -> None:
    vote = open_vote(vw, secret=True)
    a, b, *_ = option_ids(vote)
    for i, name in enumerate(LIVED + STAFF):
        paper(vw, vote, name, {a if i % 3 else b: 1})
    before = {p.pk for p in BallotPaper.objects.all()}
    marks_before = sorted((p.side, str(p.marks)) for p in BallotPaper.objects.all())
    ds.vote_close(actor=vw.f, vote=vote)
    after = list(BallotPaper.objects.all())
    assert len(after) == 12 and not before & {p.pk for p in after}
    assert sorted((p.side, str(p.marks)) for p in after) == marks_before
    assert selectors.results_visible(Vote.objects.get(pk=vote.pk))


def test_vote_trail_says_what_happened_not_what_was_chosen(vw: Any) -> None:
    vote = open_vote(vw, secret=True)
    paper(vw, vote, "Ann", {option_ids(vote)[0]: 2})
    ds.ballot_cast(
        actor=vw.world.observer, vote=vote, person=vw.people["Gus"], marks={option_ids(vote)[1]: 1}
    )
    ds.vote_close(actor=vw.f, vote=vote)
    trail = selectors.vote_trail(vote)
    assert [e.action for e in trail] == [
        "vote_create",
        "vote_open",
        "ballot_enter",
        "ballot_cast",
        "vote_close",
    ]
    assert [e.summary for e in trail[2:]] == [
        "Paper ballot for Ann entered",
        "Gus voted on their own device",
        "Closed with 2 ballots",
    ]
