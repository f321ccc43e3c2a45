"""Closing a vote asks first, and a vote closed by mistake can be reopened soon after (issue 14,
item 1: one stray tap on a phone closed a vote with no ballots)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from powerwith.common.access import NotAllowed
from powerwith.common.models import AuditEntry
from powerwith.decisions import selectors
from powerwith.decisions import services as ds
from powerwith.decisions.models import Vote
from powerwith.people import services as ps
from tests.conftest import client_for

from .helpers import open_vote, option_ids, paper

pytestmark = pytest.mark.django_db


def url(vw: Any, name: str, **kw: Any) -> str:
    return reverse(f"decisions:{name}", kwargs={"slug": vw.journey.slug, **kw})


def test_the_vote_page_has_no_one_tap_close_button(vw: Any) -> None:
    # A facilitator who votes too: the page shows them a ballot and the management section.
    ps.person_create(
        actor=vw.f,
        journey=vw.journey,
        name="Fran",
        role="frontline_staff",
        user=vw.f,
        joined_on=datetime.date(2025, 1, 6),
    )
    vote = open_vote(vw)
    html = client_for(vw.f).get(vote.get_absolute_url()).content.decode()
    close = url(vw, "vote_close", vote_pk=vote.pk)
    assert f'action="{close}"' not in html  # no form that closes it in one tap
    assert f'href="{close}">Close the vote and show the results</a>' in html
    assert "Managing this vote (facilitators)" in html
    # The management section comes after the ballot and the rules, not just below the ballot.
    assert (
        html.index("Cast my vote")
        < html.index("How this vote is counted")
        < html.index("Managing this vote")
    )
    member = client_for(vw.world.member).get(vote.get_absolute_url()).content.decode()
    assert "Managing this vote" not in member and close not in member


def test_closing_asks_first_and_says_how_many_have_voted(vw: Any) -> None:
    vote = open_vote(vw)
    a = option_ids(vote)[0]
    paper(vw, vote, "Bea", {a: 1})
    f = client_for(vw.f)
    r = f.get(url(vw, "vote_close", vote_pk=vote.pk))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Close the vote \u201cWhat first?\u201d?" in html
    assert "1 of the 12 people in the group\u2019s register has voted so far." in html
    assert "The results will be shown to everyone in the journey." in html
    assert "you can reopen it within 30 minutes" in html
    assert f'href="{vote.get_absolute_url()}">Go back</a>' in html
    assert Vote.objects.get(pk=vote.pk).state == "open"  # asking changed nothing
    r = f.post(url(vw, "vote_close", vote_pk=vote.pk))
    assert r.status_code == 302 and r["Location"] == url(vw, "results", vote_pk=vote.pk)
    assert Vote.objects.get(pk=vote.pk).state == "closed"
    assert AuditEntry.objects.filter(action="vote_close").get().summary == "Closed with 1 ballot"


def test_members_cannot_close_or_reopen(vw: Any) -> None:
    vote = open_vote(vw)
    member = client_for(vw.world.member)
    assert member.get(url(vw, "vote_close", vote_pk=vote.pk)).status_code == 403
    assert member.post(url(vw, "vote_close", vote_pk=vote.pk)).status_code == 403
    ds.vote_close(actor=vw.f, vote=vote)
    assert member.post(url(vw, "vote_reopen", vote_pk=vote.pk)).status_code == 403
    with pytest.raises(NotAllowed):
        ds.vote_reopen(actor=vw.world.member, vote=vote)
    assert Vote.objects.get(pk=vote.pk).state == "closed"


def test_reopen_within_the_window_hides_results_again_and_is_logged(vw: Any) -> None:
    vote = open_vote(vw)  # results hidden until it closes
    paper(vw, vote, "Bea", {option_ids(vote)[0]: 1})
    vote = ds.vote_close(actor=vw.f, vote=vote)
    assert selectors.results_visible(vote)
    f = client_for(vw.f)
    page = f.get(vote.get_absolute_url()).content.decode()
    reopen = url(vw, "vote_reopen", vote_pk=vote.pk)
    assert f'href="{reopen}">Reopen the vote</a>' in page
    assert "You can reopen it within 30 minutes of closing" in page
    html = f.get(reopen).content.decode()
    assert "1 ballot had been counted when it closed." in html
    assert "The results will be hidden again until it closes." in html
    r = f.post(reopen)
    assert r.status_code == 302 and r["Location"] == vote.get_absolute_url()
    vote = Vote.objects.get(pk=vote.pk)
    assert (vote.state, vote.closed_at) == ("open", None)
    assert not selectors.results_visible(vote)
    line = AuditEntry.objects.filter(action="vote_reopen").get()
    assert line.actor == vw.f and line.object_id == vote.pk
    assert line.summary.startswith("Reopened (it had closed at ")
    assert line.summary.endswith(" with 1 ballot)")
    assert [e.action for e in selectors.vote_trail(vote)][-2:] == ["vote_close", "vote_reopen"]
    # Ballots count again, and the one already cast still counts.
    paper(vw, vote, "Cat", {option_ids(vote)[1]: 1})
    assert selectors.ballot_counts(vote)["total"] == 2


def test_reopen_is_refused_after_the_window(vw: Any) -> None:
    vote = ds.vote_close(actor=vw.f, vote=open_vote(vw))
    later = vote.closed_at + datetime.timedelta(minutes=31)
    with pytest.raises(ValidationError) as exc:
        ds.vote_reopen(actor=vw.f, vote=vote, now=later)
    assert exc.value.messages == [
        "This vote closed more than 30 minutes ago, so it can no longer be reopened. If the "
        "group needs to vote again, prepare a new vote."
    ]
    # Just inside the window it is allowed.
    ds.vote_reopen(actor=vw.f, vote=vote, now=vote.closed_at + datetime.timedelta(minutes=29))
    assert Vote.objects.get(pk=vote.pk).state == "open"
    # Closed long ago (as set in the database): the page says why, and offers no button.
    vote = ds.vote_close(actor=vw.f, vote=vote)
    Vote.objects.filter(pk=vote.pk).update(closed_at=timezone.now() - datetime.timedelta(hours=1))
    f = client_for(vw.f)
    html = f.get(url(vw, "vote_reopen", vote_pk=vote.pk)).content.decode()
    assert "can no longer be reopened" in html and "Reopen the vote</button>" not in html
    assert "Reopen the vote</a>" not in f.get(vote.get_absolute_url()).content.decode()
    f.post(url(vw, "vote_reopen", vote_pk=vote.pk))
    assert Vote.objects.get(pk=vote.pk).state == "closed"


def test_reopen_is_refused_once_a_decision_came_from_it(vw: Any) -> None:
    vote = ds.vote_close(actor=vw.f, vote=open_vote(vw))
    ds.decision_create(
        actor=vw.f,
        journey=vw.journey,
        text="Work on waiting times first",
        taken_by="group_vote",
        rung="co_designing",
        gathering=vw.gathering,
        vote=vote,
    )
    with pytest.raises(ValidationError) as exc:
        ds.vote_reopen(actor=vw.f, vote=vote)
    assert exc.value.messages[0].startswith(
        "A decision has already been recorded from this vote's results"
    )


def test_a_secret_vote_reopens_only_if_no_one_had_voted(vw: Any) -> None:
    """Its results were shown on closing: with more ballots after reopening, the difference
    between the two sets of results would show how the later voters voted."""
    empty = ds.vote_close(actor=vw.f, vote=open_vote(vw, secret=True))
    assert ds.vote_reopen(actor=vw.f, vote=empty).state == "open"

    voted = open_vote(vw, secret=True, title="Second")
    paper(vw, voted, "Bea", {option_ids(voted)[0]: 1})
    voted = ds.vote_close(actor=vw.f, vote=voted)
    with pytest.raises(ValidationError) as exc:
        ds.vote_reopen(actor=vw.f, vote=voted)
    assert "comparing the two sets of results would show how they voted" in exc.value.messages[0]
    html = client_for(vw.f).get(url(vw, "vote_close", vote_pk=empty.pk)).content.decode()
    assert "The secret ballot papers will be shuffled" in html


def test_only_a_closed_vote_can_be_reopened(vw: Any) -> None:
    vote = open_vote(vw)
    with pytest.raises(ValidationError) as exc:
        ds.vote_reopen(actor=vw.f, vote=vote)
    assert exc.value.messages == ["Only a closed vote can be reopened."]
