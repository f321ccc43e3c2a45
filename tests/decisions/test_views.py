"""The pages: forms keep input and show specific errors, writes go through services, and list
and results pages stay within a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.contributions.models import Contribution
from powerwith.decisions import services as ds
from powerwith.decisions.models import BallotReceipt, CoDesignGroup, Decision, GroupAction, Vote
from powerwith.gatherings.models import Gathering
from powerwith.journeys import services as js
from tests.conftest import client_for

from .helpers import LIVED, STAFF, open_vote, option_ids, paper


def url(vw: Any, name: str, **kw: Any) -> str:
    return reverse(f"decisions:{name}", kwargs={"slug": vw.journey.slug, **kw})


def test_decision_list_filters_and_explains_the_ladder(
    vw: Any, django_assert_max_num_queries: Any
) -> None:
    for i, (rung, taker) in enumerate(
        [
            ("informing", "organisation"),
            ("co_designing", "group_vote"),
            ("consulting", "professional"),
        ]
    ):
        ds.decision_create(
            actor=vw.f,
            journey=vw.journey,
            text=f"Decision {i}",
            taken_by=taker,
            rung=rung,
            gathering=vw.gathering if taker == "group_vote" else None,
            where_outside="" if taker == "group_vote" else "Trust board",
            decided_on=datetime.date(2025, 3, 3),
            answers=vw.items[:2],
        )
    c = client_for(vw.world.observer)
    with django_assert_max_num_queries(12):
        r = c.get(url(vw, "list"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Decision 0" in html and "Decision 1" in html
    assert "People are told what has been decided. They cannot change it." in html
    r = c.get(url(vw, "list") + "?where=outside")
    assert "Decision 0" in r.content.decode() and "Decision 1" not in r.content.decode()
    r = c.get(url(vw, "list") + "?rung=co_designing")
    assert "Decision 1" in r.content.decode() and "Decision 2" not in r.content.decode()
    r = c.get(url(vw, "list") + "?rung=nonsense&where=nowhere")
    assert r.status_code == 200 and "Decision 2" in r.content.decode()


def test_record_a_decision_moving_fates(vw: Any) -> None:
    c = client_for(vw.world.member)
    r = c.get(url(vw, "create"))
    html = r.content.decode()
    assert r.status_code == 200
    # every rung explained in plain words on the page, as radio hints
    assert "People share the power to decide and to deliver, as equals." in html
    assert "Co-producing (rung 7 of 7)" in html
    data = {
        "text": "We will work on waiting times",
        "decided_on": "2025-03-03",
        "gathering": vw.gathering.pk,
        "taken_by": "group_vote",
        "rung": "co_designing",
        "proposed_by": vw.people["Ann"].pk,
        "answers": [vw.items[0].pk],
        "fate": "prioritised",
    }
    r = c.post(url(vw, "create"), data)
    d = Decision.objects.get()
    assert r.status_code == 302 and r["Location"] == d.get_absolute_url()
    vw.items[0].refresh_from_db()
    assert vw.items[0].fate == "prioritised" and vw.items[0].last_change.decision == d
    r = c.get(d.get_absolute_url())
    assert r.status_code == 200 and "We will work on waiting times" in r.content.decode()
    r = c.get(url(vw, "edit", decision_pk=d.pk))
    assert r.status_code == 200
    data.update(text="We will work on waiting times and parking", fate="")
    r = c.post(url(vw, "edit", decision_pk=d.pk), data)
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.text == "We will work on waiting times and parking"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": ""}, "Write what was decided, in plain words."),
        (
            {"decided_on": "31/02/2025"},
            "Enter a real date for \u201cdate it was decided\u201d, like 27/03/2026.",
        ),
        (
            {"gathering": ""},
            "Choose the gathering where it was decided, or say where it was decided outside the group.",
        ),
        ({"gathering": "999999"}, "Choose a gathering from the list."),
        ({"taken_by": ""}, "Choose who took the decision."),
        ({"rung": "sky"}, "Choose a rung from the list."),
        ({"answers": ["999999"]}, "Choose contributions from the list."),
        ({"fate": "done"}, "Choose the level at which things changed."),
        ({"fate": "not_possible"}, "Explain why it is not possible. People have a right to know."),
    ],
)
def test_decision_form_bad_input(vw: Any, change: dict, message: str) -> None:
    c = client_for(vw.world.member)
    data: dict[str, Any] = {
        "text": "Typed text stays",
        "decided_on": "2025-03-03",
        "gathering": vw.gathering.pk,
        "taken_by": "group_vote",
        "rung": "co_designing",
        "answers": [vw.items[0].pk],
    }
    data.update(change)
    r = c.post(url(vw, "create"), data)
    html = r.content.decode()
    assert r.status_code == 400
    assert message in html and "There is a problem" in html
    if data["text"]:
        assert "Typed text stays" in html
    assert not Decision.objects.exists()
    assert set(Contribution.objects.values_list("fate", flat=True)) == {"new"}


def test_observer_cannot_record_and_outsider_sees_nothing(vw: Any) -> None:
    assert client_for(vw.world.observer).get(url(vw, "create")).status_code == 403
    assert client_for(vw.world.outsider).get(url(vw, "list")).status_code == 404


# --- votes -------------------------------------------------------------------------------------


def test_prepare_open_vote_close_and_see_results(
    vw: Any, django_assert_max_num_queries: Any
) -> None:
    f = client_for(vw.f)
    r = f.get(url(vw, "vote_create"))
    assert r.status_code == 200 and "How each way of voting is counted" in r.content.decode()
    r = f.post(
        url(vw, "vote_create"),
        {
            "title": "What first?",
            "method": "dot",
            "dots": "3",
            "stacking": "on",
            "score_max": "5",
            "hide_results": "on",
            "contributions": [c.pk for c in vw.items],
            "labels": "Better signs\n\nBetter signs\nA quiet room",
            "gathering": vw.gathering.pk,
        },
    )
    vote = Vote.objects.get()
    assert r.status_code == 302 and r["Location"] == vote.get_absolute_url()
    assert [o.label for o in vote.options.all()] == [
        "Ward food",  # newest first, as the form lists them
        "Being told results",
        "Parking",
        "Waiting times",
        "Better signs",
        "A quiet room",
    ]
    assert f.get(vote.get_absolute_url()).status_code == 200
    # remove an item, add a theme-less free item back, then open
    last = vote.options.last()
    assert f.post(url(vw, "option_remove", vote_pk=vote.pk, option_pk=last.pk)).status_code == 302
    r = f.post(url(vw, "option_add", vote_pk=vote.pk), {"labels": "Somewhere to pray"})
    assert r.status_code == 302 and vote.options.count() == 6
    assert f.post(url(vw, "vote_open", vote_pk=vote.pk)).status_code == 302
    vote.refresh_from_db()
    assert vote.state == "open"

    ann = client_for(vw.world.member)  # Mo's account is Ann in the register
    page = ann.get(vote.get_absolute_url()).content.decode()
    assert "You have <strong>3 dots</strong>" in page
    a, b = option_ids(vote)[:2]
    r = ann.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{a}": "2", f"option_{b}": "1"})
    assert r.status_code == 302
    r = ann.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{a}": "3"})  # a double tap
    assert r.status_code == 302
    assert BallotReceipt.objects.filter(vote=vote).count() == 1
    page = ann.get(vote.get_absolute_url()).content.decode()
    assert "Your vote has been counted" in page and "Change my vote" in page
    r = ann.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{b}": "3", "change": "1"})
    assert r.status_code == 302
    assert BallotReceipt.objects.get(vote=vote).marks == {str(b): 3}

    for name in ("Gus", "Hal", "Bea"):
        r = f.post(
            url(vw, "paper", vote_pk=vote.pk), {"person": vw.people[name].pk, f"option_{a}": "1"}
        )
        assert r.status_code == 302
    assert BallotReceipt.objects.filter(vote=vote, channel="paper").count() == 3
    hidden = f.get(url(vw, "results", vote_pk=vote.pk)).content.decode()
    assert "The results stay hidden until the vote closes" in hidden
    assert f.post(url(vw, "vote_close", vote_pk=vote.pk)).status_code == 302
    c = client_for(vw.world.observer)
    with django_assert_max_num_queries(12):
        r = c.get(url(vw, "results", vote_pk=vote.pk))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Common ground" in html and "Where the sides differ most" in html
    assert "Points for each item, by side" in html  # the chart, with its table


def test_ballot_bad_input_keeps_what_was_typed(vw: Any) -> None:
    vote = open_vote(vw)
    a, b = option_ids(vote)[:2]
    ann = client_for(vw.world.member)
    r = ann.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{a}": "2", f"option_{b}": "2"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "You placed 4 dots, but each person has 3. Take 1 off." in html
    assert f'name="option_{a}" value="2"' in html
    r = ann.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{a}": "lots"})
    assert r.status_code == 400 and "Enter a whole number of dots, like 2." in r.content.decode()
    r = ann.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{a}": "9"})
    assert r.status_code == 400 and "You have 3 dots in all." in r.content.decode()
    assert not BallotReceipt.objects.exists()


def test_ballot_without_a_person_is_explained(vw: Any) -> None:
    vote = open_vote(vw)
    f = client_for(vw.f)  # the facilitator is not in the register
    page = f.get(vote.get_absolute_url()).content.decode()
    assert "not linked to anyone in this journey" in page
    r = f.post(url(vw, "ballot", vote_pk=vote.pk), {f"option_{option_ids(vote)[0]}": "1"})
    assert r.status_code == 302 and not BallotReceipt.objects.exists()


def test_paper_ballot_bad_input(vw: Any) -> None:
    vote = open_vote(vw, method="ranked")
    a, b = option_ids(vote)[:2]
    f = client_for(vw.f)
    r = f.post(url(vw, "paper", vote_pk=vote.pk), {f"option_{a}": "1"})
    assert r.status_code == 400 and "Choose whose ballot this is." in r.content.decode()
    r = f.post(
        url(vw, "paper", vote_pk=vote.pk),
        {"person": vw.people["Gus"].pk, f"option_{a}": "1", f"option_{b}": "1"},
    )
    assert r.status_code == 400
    assert "Two items have the number 1. Give each a different number." in r.content.decode()
    r = f.post(
        url(vw, "paper", vote_pk=vote.pk),
        {"person": vw.people["Gus"].pk, f"option_{a}": "1", "cast_on": "2099-01-01"},
    )
    assert (
        r.status_code == 400
        and "The date of the ballot cannot be in the future." in r.content.decode()
    )
    assert not BallotReceipt.objects.exists()
    assert client_for(vw.world.member).get(url(vw, "paper", vote_pk=vote.pk)).status_code == 403


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Give the vote a short name."),
        ({"method": "lottery"}, "Choose a way of voting from the list."),
        ({"dots": "0"}, "Give each person between 1 and 20 dots."),
        ({"dots": "three"}, "Enter a whole number of dots, like 3."),
        ({"score_max": "11"}, "The highest score must be between 1 and 10."),
        ({"closes_at": "2020-01-01T10:00"}, "The closing time must be in the future."),
        ({"closes_at": "tomorrow"}, "Enter a real date and time, like 27/03/2026 17:00."),
    ],
)
def test_vote_form_bad_input(vw: Any, change: dict, message: str) -> None:
    data = {"title": "Kept title", "method": "dot", "dots": "3", "score_max": "5"}
    data.update(change)
    r = client_for(vw.f).post(url(vw, "vote_create"), data)
    assert r.status_code == 400 and message in r.content.decode()
    assert not Vote.objects.exists()


def test_opening_needs_two_items(vw: Any) -> None:
    vote = ds.vote_create(actor=vw.f, journey=vw.journey, title="V", method="dot", labels=["One"])
    f = client_for(vw.f)
    r = f.post(url(vw, "vote_open", vote_pk=vote.pk), follow=True)
    assert "A vote needs at least two items. Add more items first." in r.content.decode()
    r = f.post(url(vw, "option_add", vote_pk=vote.pk), {"labels": "One"})
    assert r.status_code == 400
    assert (
        "Choose or write at least one item that is not on the vote already." in r.content.decode()
    )


def test_vote_list_query_bound(vw: Any, django_assert_max_num_queries: Any) -> None:
    for i in range(4):
        v = open_vote(vw, title=f"Vote {i}")
        paper(vw, v, "Ann", {option_ids(v)[0]: 1})
    c = client_for(vw.world.observer)
    with django_assert_max_num_queries(10):
        r = c.get(url(vw, "votes"))
    assert r.status_code == 200 and "Vote 3" in r.content.decode()


def test_results_page_query_bound_with_many_ballots(
    vw: Any, django_assert_max_num_queries: Any
) -> None:
    vote = open_vote(vw, method="ranked")
    ids = option_ids(vote)
    for i, name in enumerate(LIVED + STAFF):
        paper(vw, vote, name, {ids[i % 4]: 1, ids[(i + 1) % 4]: 2})
    ds.vote_close(actor=vw.f, vote=vote)
    c = client_for(vw.world.member)
    with django_assert_max_num_queries(12):
        r = c.get(url(vw, "results", vote_pk=vote.pk))
    html = r.content.decode()
    assert r.status_code == 200 and "Round by round" in html


# --- co-design groups --------------------------------------------------------------------------


def test_group_pages(vw: Any, django_assert_max_num_queries: Any) -> None:
    m = client_for(vw.world.member)
    item = vw.items[0]
    r = m.get(url(vw, "group_create") + f"?item={item.pk}")
    assert r.status_code == 200 and "Waiting times group" in r.content.decode()
    r = m.post(
        url(vw, "group_create"),
        {
            "name": "Waiting group",
            "item": item.pk,
            "members": [vw.people["Ann"].pk, vw.people["Gus"].pk],
            "formed_on": "2025-03-10",
            "start_work": "on",
        },
    )
    g = CoDesignGroup.objects.get()
    assert r.status_code == 302 and r["Location"] == g.get_absolute_url()
    r = m.post(
        url(vw, "group_gathering_add", group_pk=g.pk),
        {
            "title": "First meeting",
            "kind": "workshop",
            "held_on": "2025-03-17",
            "venue_kind": "community",
        },
    )
    gathering = Gathering.objects.get(group=g)
    assert r.status_code == 302 and r["Location"] == gathering.get_absolute_url()
    r = m.post(
        url(vw, "action_add", group_pk=g.pk),
        {"what": "Count the waits", "who": vw.people["Gus"].pk},
    )
    assert r.status_code == 302
    a = GroupAction.objects.get()
    r = m.post(
        url(vw, "action_edit", group_pk=g.pk, group_action_pk=a.pk),
        {"what": "Count the waits", "who": vw.people["Gus"].pk, "done_on": "2025-03-20"},
    )
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.done_on == datetime.date(2025, 3, 20)
    with django_assert_max_num_queries(17):
        r = m.get(g.get_absolute_url())
    html = r.content.decode()
    assert "First meeting" in html and "Count the waits" in html and "In progress" in html
    with django_assert_max_num_queries(10):
        assert m.get(url(vw, "groups")).status_code == 200
    r = m.post(url(vw, "group_close", group_pk=g.pk), {"closed_on": "2025-01-01"})
    assert r.status_code == 400 and "A group cannot close before it formed" in r.content.decode()
    r = m.post(url(vw, "group_close", group_pk=g.pk), {"closed_on": "2025-04-01"})
    assert r.status_code == 302
    r = m.get(url(vw, "group_edit", group_pk=g.pk))
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("group_create", {"name": "", "formed_on": "2025-03-10"}, "Give the group a name."),
        (
            "group_create",
            {"name": "G", "formed_on": "soon"},
            "Enter a real date for \u201cdate it was formed\u201d",
        ),
        (
            "group_create",
            {"name": "G", "formed_on": "2025-03-10", "members": ["99999"]},
            "Choose people from the list.",
        ),
    ],
)
def test_group_form_bad_input(vw: Any, name: str, data: dict, message: str) -> None:
    r = client_for(vw.world.member).post(url(vw, name), data)
    assert r.status_code == 400 and message in r.content.decode()
    assert not CoDesignGroup.objects.exists()


def test_action_and_group_gathering_bad_input(vw: Any) -> None:
    g = ds.group_create(
        actor=vw.f, journey=vw.journey, name="G", formed_on=datetime.date(2025, 3, 3)
    )
    m = client_for(vw.world.member)
    r = m.post(url(vw, "action_add", group_pk=g.pk), {"what": ""})
    assert r.status_code == 400 and "Say what needs doing." in r.content.decode()
    r = m.post(
        url(vw, "group_gathering_add", group_pk=g.pk),
        {"title": "x", "kind": "party", "held_on": "2025-03-03", "venue_kind": "community"},
    )
    assert r.status_code == 400 and "Choose what kind of gathering it was." in r.content.decode()
    assert not GroupAction.objects.exists() and not Gathering.objects.filter(group=g).exists()


def test_another_journeys_objects_are_404(vw: Any) -> None:
    from tests.conftest import build_world

    other = build_world("2", "Other journey")
    js.membership_add(actor=other.facilitator, journey=other.journey, user=vw.f, role="facilitator")
    vote = open_vote(vw)
    g = ds.group_create(
        actor=vw.f, journey=vw.journey, name="G", formed_on=datetime.date(2025, 3, 3)
    )
    a = ds.group_action_add(actor=vw.f, group=g, what="x")
    f = client_for(vw.f)
    o = other.journey.slug
    for name, kw in [
        ("vote", {"vote_pk": vote.pk}),
        ("results", {"vote_pk": vote.pk}),
        ("group", {"group_pk": g.pk}),
        ("action_edit", {"group_pk": g.pk, "group_action_pk": a.pk}),
    ]:
        assert f.get(reverse(f"decisions:{name}", kwargs={"slug": o, **kw})).status_code == 404
    g2 = ds.group_create(
        actor=vw.f, journey=vw.journey, name="G2", formed_on=datetime.date(2025, 3, 3)
    )
    assert f.get(url(vw, "action_edit", group_pk=g2.pk, group_action_pk=a.pk)).status_code == 404
    v2 = open_vote(vw, title="Other vote")
    opt = vote.options.first()
    r = f.post(url(vw, "option_remove", vote_pk=v2.pk, option_pk=opt.pk))
    assert r.status_code == 404


def test_link_an_existing_gathering_to_a_group(vw: Any) -> None:
    g = ds.group_create(
        actor=vw.f, journey=vw.journey, name="G", formed_on=datetime.date(2025, 3, 3)
    )
    m = client_for(vw.world.member)
    assert m.get(url(vw, "group_gathering_link", group_pk=g.pk)).status_code == 200
    r = m.post(url(vw, "group_gathering_link", group_pk=g.pk), {"gathering": ""})
    assert r.status_code == 400 and "Choose a gathering." in r.content.decode()
    r = m.post(url(vw, "group_gathering_link", group_pk=g.pk), {"gathering": vw.gathering.pk})
    assert r.status_code == 302
    vw.gathering.refresh_from_db()
    assert vw.gathering.group == g
    g2 = ds.group_create(
        actor=vw.f, journey=vw.journey, name="G2", formed_on=datetime.date(2025, 3, 3)
    )
    with pytest.raises(ValidationError) as exc:
        ds.group_gatherings_add(actor=vw.f, group=g2, gatherings=[vw.gathering])
    assert "already belongs to another co-design group" in exc.value.messages[0]


def test_vote_edit_only_while_being_prepared(vw: Any) -> None:
    draft = ds.vote_create(
        actor=vw.f, journey=vw.journey, title="Draft", method="dot", labels=["A", "B"]
    )
    f = client_for(vw.f)
    data = {"title": "Renamed", "method": "score", "dots": "3", "score_max": "5"}
    r = f.post(url(vw, "vote_edit", vote_pk=draft.pk), {**data, "score_max": "0"})
    assert (
        r.status_code == 400 and "The highest score must be between 1 and 10." in r.content.decode()
    )
    r = f.post(url(vw, "vote_edit", vote_pk=draft.pk), data)
    assert r.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.method) == ("Renamed", "score")
    opened = open_vote(vw)
    r = f.post(url(vw, "vote_edit", vote_pk=opened.pk), data)
    assert r.status_code == 400
    assert (
        "This vote has opened, so its items and rules can no longer change." in r.content.decode()
    )
    opened.refresh_from_db()
    assert opened.method == "dot"


def test_group_and_action_edit_bad_input(vw: Any) -> None:
    g = ds.group_create(
        actor=vw.f, journey=vw.journey, name="G", formed_on=datetime.date(2025, 3, 3)
    )
    a = ds.group_action_add(actor=vw.f, group=g, what="Count")
    m = client_for(vw.world.member)
    r = m.post(url(vw, "group_edit", group_pk=g.pk), {"name": "", "purpose": "Kept purpose"})
    assert r.status_code == 400 and "Give the group a name." in r.content.decode()
    assert "Kept purpose" in r.content.decode()
    r = m.post(
        url(vw, "action_edit", group_pk=g.pk, group_action_pk=a.pk),
        {"what": "Count", "done_on": "2099-01-01"},
    )
    assert (
        r.status_code == 400
        and "The date it was done cannot be in the future." in r.content.decode()
    )
    r = m.post(
        url(vw, "action_edit", group_pk=g.pk, group_action_pk=a.pk),
        {"what": "Count", "who": "99999"},
    )
    assert r.status_code == 400 and "Choose a person from the list." in r.content.decode()
    g.refresh_from_db()
    a.refresh_from_db()
    assert (g.name, a.done_on, a.who) == ("G", None, None)


@pytest.mark.parametrize(
    ("method", "marks", "shown"),
    [
        ("dot", {0: 2, 1: 1}, 'value="2"'),
        ("approval", {0: 1}, "checked"),
        ("ranked", {1: 1, 0: 2}, 'value="2" selected'),
        ("score", {2: 4}, '_4" checked'),
    ],
)
def test_change_my_vote_form_shows_the_ballot_as_cast(
    vw: Any, method: str, marks: dict, shown: str
) -> None:
    vote = open_vote(vw, method=method)
    ids = option_ids(vote)
    ds.ballot_cast(
        actor=vw.world.member,
        vote=vote,
        person=vw.people["Ann"],
        marks={ids[i]: v for i, v in marks.items()},
    )
    ann = client_for(vw.world.member)
    html = ann.get(vote.get_absolute_url() + "?change=1").content.decode()
    assert "Change your vote" in html and 'name="change" value="1"' in html
    assert shown in html
