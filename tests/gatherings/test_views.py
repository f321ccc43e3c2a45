"""Gathering pages: forms, the live speaking-turn page (htmx and no-JavaScript), query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from powerwith.gatherings import services as gs
from powerwith.gatherings.models import AgendaItem, Attendance, Gathering, SpeakingTurn
from tests.people.builders import contribution, gathering, person


def url(world, name, **kw):
    return reverse(f"gatherings:{name}", kwargs={"slug": world.journey.slug, **kw})


@pytest.fixture
def fran(client, world):
    client.force_login(world.facilitator)
    return client


GOOD = {
    "title": "March café",
    "kind": "informal_session",
    "held_on": "2025-03-04",
    "starts_at": "10:30",
    "venue_kind": "community",
    "venue_name": "The Hub",
    "accessibility": "Step-free; hearing loop",
    "stage": "co_design",
    "notes": "",
}


def test_create_and_edit_a_gathering(world, fran):
    r = fran.post(url(world, "create"), GOOD)
    g = Gathering.objects.get()
    assert r.status_code == 302 and r["Location"] == url(world, "detail", gathering_pk=g.pk)
    assert (g.kind, g.format, g.venue_name, g.starts_at.strftime("%H:%M"), g.stage) == (
        "informal_session",
        "informal",
        "The Hub",
        "10:30",
        "co_design",
    )
    r = fran.post(url(world, "edit", gathering_pk=g.pk), {**GOOD, "title": "April café"})
    g.refresh_from_db()
    assert (r.status_code, g.title) == (302, "April café")
    page = fran.get(url(world, "detail", gathering_pk=g.pk)).content.decode()
    assert "Step-free; hearing loop" in page and "Co-design" in page


def test_a_gathering_can_be_a_meeting_of_a_co_design_group(world, fran):
    """Asked only when the journey has co-design groups; chosen on recording, changed or
    cleared on editing, shown on the gathering's page; another journey's group is refused."""
    from powerwith.decisions import services as ds
    from tests.conftest import build_world

    assert 'name="group"' not in fran.get(url(world, "create")).content.decode()
    mk = lambda w, name, **kw: ds.group_create(  # noqa: E731
        actor=w.facilitator, journey=w.journey, name=name, formed_on=datetime.date(2025, 1, 6)
    )
    waiting = mk(world, "Waiting room group")
    leaflets = mk(world, "Leaflets group")
    ds.group_close(actor=world.facilitator, group=leaflets, closed_on=datetime.date(2025, 2, 1))
    form = fran.get(url(world, "create")).content.decode()
    assert "Not a meeting of a co-design group" in form
    # Open groups first; a closed one says so.
    assert form.index("Waiting room group") < form.index("Leaflets group (closed)")
    assert form.index('name="stage"') < form.index('name="group"') < form.index('name="notes"')

    fran.post(url(world, "create"), {**GOOD, "group": str(waiting.pk)})
    g = Gathering.objects.get()
    assert g.group == waiting
    page = fran.get(url(world, "detail", gathering_pk=g.pk)).content.decode()
    assert f'<a href="{waiting.get_absolute_url()}">Waiting room group</a>' in page
    edit = fran.get(url(world, "edit", gathering_pk=g.pk)).content.decode()
    assert re.search(rf'<option value="{waiting.pk}" selected>', edit)

    # Another journey's group: refused, nothing changed, what was typed kept.
    other = mk(build_world("2", "Another journey"), "Elsewhere")
    r = fran.post(
        url(world, "edit", gathering_pk=g.pk),
        {**GOOD, "title": "Changed", "group": str(other.pk)},
    )
    assert r.status_code == 400
    assert r.context["form"].errors["group"] == ["Choose a co-design group from the list."]
    assert "Changed" in r.content.decode()
    g.refresh_from_db()
    assert (g.title, g.group) == ("March café", waiting)

    # Moved to another group, then to none.
    fran.post(url(world, "edit", gathering_pk=g.pk), {**GOOD, "group": str(leaflets.pk)})
    g.refresh_from_db()
    assert g.group == leaflets
    fran.post(url(world, "edit", gathering_pk=g.pk), {**GOOD, "group": ""})
    g.refresh_from_db()
    assert g.group is None
    # The service, called without a group, leaves it as it is.
    gs.gathering_update(actor=world.facilitator, gathering=g, **{**_typed(GOOD), "group": waiting})
    gs.gathering_update(actor=world.facilitator, gathering=g, **_typed(GOOD))
    g.refresh_from_db()
    assert g.group == waiting
    with pytest.raises(Exception, match="Choose a co-design group from this journey"):
        gs.gathering_update(actor=world.facilitator, gathering=g, **_typed(GOOD), group=other)


def _typed(data):
    return {
        **data,
        "held_on": datetime.date.fromisoformat(data["held_on"]),
        "starts_at": datetime.time.fromisoformat(data["starts_at"]),
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"title": ""},
            "title",
            "Enter a short name for the gathering, like “March café session”.",
        ),
        ({"kind": "party"}, "kind", "Choose a kind of gathering from the list."),
        ({"held_on": "yesterday"}, "held_on", "Enter a real date for “date”, like 27/03/2026."),
        ({"starts_at": "25:99"}, "starts_at", "Enter a real time, like 10:30."),
        ({"venue_kind": ""}, "venue_kind", "Choose where it was held."),
        ({"stage": "co_dreaming"}, "stage", "Choose a stage from the list."),
    ],
)
def test_gathering_form_bad_input(world, fran, data, field, message):
    r = fran.post(url(world, "create"), {**GOOD, **data})
    assert r.status_code == 400
    assert r.context["form"].errors[field] == [message]
    assert "Step-free; hearing loop" in r.content.decode()
    assert Gathering.objects.count() == 0


def test_agenda_add_and_remove(world, fran):
    bob = person(world, "Bob", "manager")
    g = gathering(world)
    r = fran.post(url(world, "agenda_add", gathering_pk=g.pk), {"title": "", "notes": "kept note"})
    assert r.status_code == 400 and "kept note" in r.content.decode()
    assert r.context["form"].errors["title"] == ["Enter the agenda item."]
    r = fran.post(
        url(world, "agenda_add", gathering_pk=g.pk), {"title": "Parking", "proposed_by": "999"}
    )
    assert r.status_code == 400
    assert r.context["form"].errors["proposed_by"] == ["Choose a person from the list."]
    assert AgendaItem.objects.count() == 0
    r = fran.post(
        url(world, "agenda_add", gathering_pk=g.pk), {"title": "Parking", "proposed_by": bob.pk}
    )
    item = AgendaItem.objects.get()
    assert r.status_code == 302 and item.proposer_side == "professional"
    page = fran.get(url(world, "detail", gathering_pk=g.pk)).content.decode()
    assert "Proposed by Bob" in page and "Professional" in page
    r = fran.post(url(world, "agenda_remove", gathering_pk=g.pk, item_pk=item.pk))
    assert r.status_code == 302 and AgendaItem.objects.count() == 0


def test_agenda_item_of_another_gathering_is_not_found(world, fran):
    g1, g2 = gathering(world, "One"), gathering(world, "Two")
    item = gs.agenda_item_add(actor=world.facilitator, gathering=g2, title="X")
    r = fran.post(url(world, "agenda_remove", gathering_pk=g1.pk, item_pk=item.pk))
    assert r.status_code == 404 and AgendaItem.objects.count() == 1


def test_attendance_form_prefilled_and_saved(world, fran):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    gs.attendance_set(actor=world.facilitator, gathering=g, statuses={ann.pk: "apologies"})
    page = fran.get(url(world, "attendance", gathering_pk=g.pk)).content.decode()
    assert re.search(rf'name="status_{ann.pk}" value="apologies"[^>]*checked', page)
    r = fran.post(
        url(world, "attendance", gathering_pk=g.pk),
        {f"status_{ann.pk}": "present", f"status_{bob.pk}": "maybe"},
    )
    assert r.status_code == 400
    assert r.context["form"].errors[f"status_{bob.pk}"] == [
        "Choose came, sent apologies or did not come for Bob."
    ]
    assert Attendance.objects.get().status == "apologies"  # nothing half-saved
    r = fran.post(
        url(world, "attendance", gathering_pk=g.pk),
        {f"status_{ann.pk}": "present", f"status_{bob.pk}": "absent"},
    )
    assert r.status_code == 302
    assert dict(Attendance.objects.values_list("person__name", "status")) == {
        "Ann": "present",
        "Bob": "absent",
    }


def _tokens(page: str) -> dict[int, str]:
    return {
        int(p): t
        for p, t in re.findall(
            r'name="person" value="(\d+)"><input type="hidden" name="client_token" value="(\w+)"',
            page,
        )
    }


def came(world, g, *people):
    """Mark people as here: the turn page has a button for each person who came."""
    gs.attendance_set(
        actor=world.facilitator, gathering=g, statuses={p.pk: "present" for p in people}
    )


def test_turn_page_without_javascript_counts_a_resent_form_once(world, fran):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    came(world, g, ann, bob)
    page = fran.get(url(world, "turns", gathering_pk=g.pk)).content.decode()
    tokens = _tokens(page)
    assert set(tokens) == {ann.pk, bob.pk}
    assert "shape--lived" in page and "shape--professional" in page  # side by shape, and text
    data = {"person": ann.pk, "client_token": tokens[ann.pk]}
    r1 = fran.post(url(world, "tap", gathering_pk=g.pk), data)
    r2 = fran.post(url(world, "tap", gathering_pk=g.pk), data)  # the same form again
    assert r1.status_code == r2.status_code == 302
    assert r1["Location"] == url(world, "turns", gathering_pk=g.pk)
    assert SpeakingTurn.objects.count() == 1
    page = fran.get(url(world, "turns", gathering_pk=g.pk)).content.decode()
    assert "That tap for Ann was already counted (1 so far)." in page
    assert tokens[ann.pk] not in page  # fresh tokens on every drawing
    assert f'id="count-{ann.pk}">1 turn<' in page


def test_turn_page_with_htmx_returns_the_counts(world, fran):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    came(world, g, ann, bob)
    hx = {"HTTP_HX_REQUEST": "true"}
    r = fran.post(
        url(world, "tap", gathering_pk=g.pk), {"person": bob.pk, "client_token": "a1"}, **hx
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "Turn recorded for Bob: 1 so far." in body
    assert f'<span class="tap__count" id="count-{bob.pk}" hx-swap-oob="true">1 turn</span>' in body
    assert f'<span class="tap__count" id="count-{ann.pk}" hx-swap-oob="true">0 turns</span>' in body
    fran.post(url(world, "tap", gathering_pk=g.pk), {"person": ann.pk, "client_token": "a2"}, **hx)
    fran.post(url(world, "tap", gathering_pk=g.pk), {"person": ann.pk, "client_token": "a2"}, **hx)
    r = fran.post(
        url(world, "tap", gathering_pk=g.pk), {"person": ann.pk, "client_token": "a3"}, **hx
    )
    body = r.content.decode()
    assert "Turn recorded for Ann: 2 so far." in body
    assert "<strong>2</strong> (67%)" in body and "<strong>1</strong> (33%)" in body
    r = fran.post(url(world, "undo", gathering_pk=g.pk), **hx)
    assert "Undone: the last turn, by Ann." in r.content.decode()
    assert SpeakingTurn.objects.filter(person=ann).count() == 1


def test_turns_are_counted_against_the_agenda_item_being_discussed(world, fran):
    """The turn page says which agenda item is being discussed; every tap (with or without
    JavaScript) carries it, timing keeps it, and the gathering's page shows who spoke on each
    item by side."""
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    came(world, g, ann, bob)
    page = fran.get(url(world, "turns", gathering_pk=g.pk)).content.decode()
    assert "Now discussing" not in page  # no agenda, no chooser
    bus = gs.agenda_item_add(
        actor=world.facilitator, gathering=g, title="Bus times", proposed_by=ann
    )
    car = gs.agenda_item_add(
        actor=world.facilitator, gathering=g, title="Car park", proposed_by=bob
    )

    page = fran.get(url(world, "turns", gathering_pk=g.pk)).content.decode()
    assert "Now discussing" in page and "1. Bus times" in page and "2. Car park" in page
    assert 'name="item" value=' not in page  # nothing chosen yet: taps carry no item
    page = fran.get(url(world, "turns", gathering_pk=g.pk), {"item": bus.pk}).content.decode()
    assert f'<option value="{bus.pk}" selected>' in page
    assert page.count(f'<input type="hidden" name="item" value="{bus.pk}">') >= 2  # every tap
    tokens = _tokens(page)

    # Without JavaScript: the tap goes back to the page still on that item.
    r = fran.post(
        url(world, "tap", gathering_pk=g.pk),
        {"person": ann.pk, "client_token": tokens[ann.pk], "item": bus.pk},
    )
    assert r["Location"] == url(world, "turns", gathering_pk=g.pk) + f"?item={bus.pk}"
    # With htmx, timed, on the second item; the item is read once per tap.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hx = {"HTTP_HX_REQUEST": "true"}
    for token, who in (("c1", bob), ("c2", bob), ("c3", ann)):
        with CaptureQueriesContext(connection) as q:
            fran.post(
                url(world, "tap", gathering_pk=g.pk),
                {"person": who.pk, "client_token": token, "item": car.pk, "timed": "1"},
                **hx,
            )
        assert sum('FROM "gatherings_agendaitem"' in x["sql"] for x in q.captured_queries) == 1
    r = fran.post(url(world, "stop", gathering_pk=g.pk), {"item": car.pk, "timed": "1"})
    assert r["Location"] == url(world, "turns", gathering_pk=g.pk) + f"?timed=1&item={car.pk}"
    # A turn with no item chosen.
    fran.post(url(world, "tap", gathering_pk=g.pk), {"person": bob.pk, "client_token": "c4"})
    assert {
        (t.person.name, t.agenda_item and t.agenda_item.title)
        for t in SpeakingTurn.objects.select_related("person", "agenda_item")
    } == {("Ann", "Bus times"), ("Bob", "Car park"), ("Ann", "Car park"), ("Bob", None)}

    # Another gathering's item, or one removed since the page was drawn: refused, not counted.
    other = gathering(world, "Other")
    elsewhere = gs.agenda_item_add(actor=world.facilitator, gathering=other, title="Elsewhere")
    r = fran.post(
        url(world, "tap", gathering_pk=g.pk),
        {"person": ann.pk, "client_token": "c5", "item": elsewhere.pk},
    )
    assert r.status_code == 400
    assert "not on this gathering\u2019s agenda any more" in r.content.decode()
    assert SpeakingTurn.objects.count() == 5

    detail = fran.get(url(world, "detail", gathering_pk=g.pk))
    rows = {(v.item.title if v.item else None): v for v in detail.context["voice_by_item"]}
    assert (rows["Bus times"].turns, rows["Bus times"].by_side) == (1, {"lived": 1})
    assert (rows["Car park"].turns, rows["Car park"].by_side) == (
        3,
        {"lived": 1, "professional": 2},
    )
    assert [(s.code, n, share) for s, n, share in rows["Car park"].sides] == [
        ("lived", 1, 33),
        ("professional", 2, 67),
    ]
    assert rows[None].turns == 1
    body = detail.content.decode()
    assert "Turns by agenda item" in body and "No item chosen" in body
    # With no turn naming an item, the table is not shown.
    assert (
        "Turns by agenda item"
        not in fran.get(url(world, "detail", gathering_pk=other.pk)).content.decode()
    )


def test_tap_bad_input(world, fran):
    from powerwith.journeys import services as js
    from powerwith.people import services as ps

    g = gathering(world)
    other = js.journey_create(actor=world.facilitator, title="Other")
    stranger = ps.person_create(
        actor=world.facilitator, journey=other, name="S", role="carer", joined_on=g.held_on
    )
    r = fran.post(url(world, "tap", gathering_pk=g.pk), {"person": "x"})
    assert r.status_code == 400 and "Choose who spoke." in r.content.decode()
    r = fran.post(url(world, "tap", gathering_pk=g.pk), {"person": stranger.pk})
    assert r.status_code == 400 and "Choose a person from this journey." in r.content.decode()
    assert SpeakingTurn.objects.count() == 0


def test_timed_turns_run_until_the_next_tap_or_stop(world, fran):
    ann, bob = person(world, "Ann"), person(world, "Bob")
    g = gathering(world)
    tap = url(world, "tap", gathering_pk=g.pk)
    r = fran.post(tap, {"person": ann.pk, "client_token": "t1", "timed": "1"})
    assert r["Location"].endswith("?timed=1")
    fran.post(tap, {"person": bob.pk, "client_token": "t2", "timed": "1"})
    first = SpeakingTurn.objects.get(person=ann)
    assert first.seconds is not None and first.seconds >= 0
    assert SpeakingTurn.objects.get(person=bob).seconds is None
    page = fran.get(url(world, "turns", gathering_pk=g.pk) + "?timed=1").content.decode()
    assert "Now speaking: <strong>Bob</strong>" in page
    fran.post(url(world, "stop", gathering_pk=g.pk))
    assert SpeakingTurn.objects.get(person=bob).seconds is not None


def test_seconds_and_remove_for_one_turn(world, fran):
    ann = person(world, "Ann")
    g = gathering(world)
    turn, _ = gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    r = fran.post(url(world, "turn_seconds", gathering_pk=g.pk, turn_pk=turn.pk), {"seconds": "-5"})
    assert r.status_code == 400
    assert "Speaking time must be between 0 seconds and 6 hours." in r.content.decode()
    fran.post(url(world, "turn_seconds", gathering_pk=g.pk, turn_pk=turn.pk), {"seconds": "75"})
    turn.refresh_from_db()
    assert turn.seconds == 75
    other = gathering(world, "Other")
    r = fran.post(url(world, "turn_remove", gathering_pk=other.pk, turn_pk=turn.pk))
    assert r.status_code == 404
    fran.post(url(world, "turn_remove", gathering_pk=g.pk, turn_pk=turn.pk))
    assert SpeakingTurn.objects.count() == 0


def test_turns_entered_afterwards_form(world, fran):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    r = fran.post(
        url(world, "turns_after", gathering_pk=g.pk),
        {f"turns_{ann.pk}": "3", f"turns_{bob.pk}": "-2", f"minutes_{bob.pk}": "4"},
    )
    assert r.status_code == 400
    assert r.context["form"].errors[f"turns_{bob.pk}"] == [
        "Enter a number of turns between 0 and 500 for Bob."
    ]
    assert 'value="3"' in r.content.decode() and SpeakingTurn.objects.count() == 0
    r = fran.post(
        url(world, "turns_after", gathering_pk=g.pk),
        {f"turns_{ann.pk}": "", f"minutes_{ann.pk}": "5"},
    )
    assert r.context["form"].errors[f"turns_{ann.pk}"] == [
        "Enter how many turns Ann took, or leave their minutes empty."
    ]
    r = fran.post(
        url(world, "turns_after", gathering_pk=g.pk),
        {f"turns_{ann.pk}": "3", f"turns_{bob.pk}": "2", f"minutes_{bob.pk}": "4"},
    )
    assert r.status_code == 302
    assert sorted(SpeakingTurn.objects.values_list("person__name", "seconds")) == [
        ("Ann", None),
        ("Ann", None),
        ("Ann", None),
        ("Bob", 120),
        ("Bob", 120),
    ]
    page = fran.get(url(world, "turns_after", gathering_pk=g.pk)).content.decode()
    assert f'id="id_minutes_{bob.pk}" value="4"' in page
    # Clearing a box removes the turns entered for that person.
    fran.post(url(world, "turns_after", gathering_pk=g.pk), {f"turns_{ann.pk}": "3"})
    assert SpeakingTurn.objects.filter(person=bob).count() == 0
    detail = fran.get(url(world, "detail", gathering_pk=g.pk)).content.decode()
    assert "3 speaking turns" in detail


def test_observer_cannot_take_turns(world, client):
    g = gathering(world)
    client.force_login(world.observer)
    assert client.get(url(world, "detail", gathering_pk=g.pk)).status_code == 200
    assert client.get(url(world, "turns", gathering_pk=g.pk)).status_code == 403


@pytest.mark.parametrize("n", [3, 30])
def test_gathering_pages_queries_do_not_grow(world, fran, django_assert_max_num_queries, n):
    people = [person(world, f"P{i:02}", "manager" if i % 3 == 0 else "carer") for i in range(n)]
    g = gathering(world)
    for i in range(n):
        gathering(world, f"G{i:02}")
    for p in people:
        gs.turn_record(actor=world.facilitator, gathering=g, person=p)
        gs.agenda_item_add(
            actor=world.facilitator, gathering=g, title=f"Item {p.name}", proposed_by=p
        )
        contribution(
            world, f"Said by {p.name}", raised_by=p, channel="gathering", gathering=g, tags=["x"]
        )
    with django_assert_max_num_queries(8):
        r = fran.get(url(world, "list"))
    assert r.status_code == 200 and len(r.context["page"].object_list) == n + 1
    gs.invitation_set(actor=world.facilitator, gathering=g, how="list", drawn_up_by=people)
    for p in people:
        gs.left_off_add(actor=world.facilitator, gathering=g, person=p, reason="Away")
    # 14, 2 reading who drew up the invitation list and who was left off, 2 for the ground
    # rules panel (rules in force, words: groundrules/panels.py), 1 for the plan's stage
    # (plans/panels.py) and 1 for the films shown there (stories/panels.py).
    with django_assert_max_num_queries(20):
        r = fran.get(url(world, "detail", gathering_pk=g.pk))
    assert r.status_code == 200 and r.context["turns"].total == n
    with django_assert_max_num_queries(13):
        r = fran.get(url(world, "turns", gathering_pk=g.pk))
    assert r.status_code == 200 and len(r.context["taps"]) == n
    # 26: one is the dashboard cache's mark that the journey's figures changed.
    with django_assert_max_num_queries(27):
        r = fran.post(
            url(world, "tap", gathering_pk=g.pk),
            {"person": people[0].pk, "client_token": "q"},
            HTTP_HX_REQUEST="true",
        )
    assert r.status_code == 200
    with django_assert_max_num_queries(10):
        assert fran.get(url(world, "attendance", gathering_pk=g.pk)).status_code == 200


def _register(world, g, n_came=5):
    """23 people in the register; the first ``n_came`` came, Zoe sent apologies."""
    names = "Ann Bob Cara Dev Eve Fay Gus Hal Ida Jo Kim Lee Max Nia Oli Pat Raj Sue Tom Uma Vic Wyn Zoe"
    people = {
        n: person(world, n, "manager" if i % 3 == 0 else "carer")
        for i, n in enumerate(names.split())
    }
    came(world, g, *list(people.values())[:n_came])
    gs.attendance_set(
        actor=world.facilitator, gathering=g, statuses={people["Zoe"].pk: "apologies"}
    )
    return people


def test_turn_page_shows_who_came_and_folds_everyone_else(
    world, fran, django_assert_max_num_queries
):
    g = gathering(world)
    people = _register(world, g)
    with django_assert_max_num_queries(13):
        r = fran.get(url(world, "turns", gathering_pk=g.pk))
    page = r.content.decode()
    assert [row.person.name for row, _ in r.context["taps"]] == ["Ann", "Bob", "Cara", "Dev", "Eve"]
    others = r.context["board"].others
    assert len(others) == 18 and others[0].person.name == "Fay"
    assert [(o.person.name, o.status_label) for o in others if o.status_label] == [
        ("Zoe", "sent apologies")
    ]
    assert '<h2 class="turn-here">Here (5)</h2>' in page
    assert '<details class="turn-others" id="others">' in page  # folded: five came
    assert "<summary>Others in the register (18)</summary>" in page
    assert page.count("Mark present<span") == 18
    assert f'id="tap-{people["Fay"].pk}"' not in page  # no tap button for someone not here
    # A register this long can be searched by name.
    assert 'id="turn-q"' in page
    # "Someone else spoke" is gone: the folded list marks people as here instead.
    assert "Someone else spoke" not in page


def test_turn_page_before_anyone_is_marked_as_here(world, fran):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    r = fran.get(url(world, "turns", gathering_pk=g.pk))
    page = r.content.decode()
    assert r.context["taps"] == []
    assert "No one is marked as here yet." in page
    assert '<details class="turn-others" id="others" open>' in page  # unfolded: no one yet
    assert 'id="turn-q"' not in page  # two people: nothing to search
    assert {o.person for o in r.context["board"].others} == {ann, bob}


def test_mark_someone_as_here_from_the_turn_page(world, fran):
    g = gathering(world)
    people = _register(world, g)
    bus = gs.agenda_item_add(actor=world.facilitator, gathering=g, title="Bus times")
    zoe = people["Zoe"]
    r = fran.post(
        url(world, "mark_here", gathering_pk=g.pk),
        {"person": zoe.pk, "timed": "1", "item": bus.pk, "q": "zo"},
    )
    # Back to the list of others, kept open for the next person to arrive, still timed and on
    # the item; the filter has found her, so it is cleared.
    assert r.status_code == 302
    assert r["Location"] == (
        url(world, "turns", gathering_pk=g.pk) + f"?timed=1&item={bus.pk}&others=1#others"
    )
    assert Attendance.objects.get(gathering=g, person=zoe).status == "present"
    page = fran.get(r["Location"].split("#")[0]).content.decode()
    assert "Zoe is marked as here: tap their name when they speak." in page
    assert f'id="tap-{zoe.pk}"' in page and "Others in the register (17)" in page
    assert '<details class="turn-others" id="others" open>' in page
    # Someone from another journey, or nobody: refused, nothing changed.
    from powerwith.journeys import services as js
    from powerwith.people import services as ps

    other = js.journey_create(actor=world.facilitator, title="Other")
    stranger = ps.person_create(
        actor=world.facilitator, journey=other, name="S", role="carer", joined_on=g.held_on
    )
    for bad in (stranger.pk, "", "x"):
        r = fran.post(url(world, "mark_here", gathering_pk=g.pk), {"person": bad})
        assert r.status_code == 400
        assert "Choose a person from this journey." in r.content.decode()
    assert Attendance.objects.filter(gathering=g, status="present").count() == 6


def test_add_someone_new_from_the_turn_page(world, fran):
    from powerwith.people.models import Person

    g = gathering(world)
    _register(world, g)
    r = fran.post(url(world, "newcomer", gathering_pk=g.pk), {"new-name": " ", "timed": "1"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "Enter a name. A first name or a pseudonym is fine." in page
    assert "Choose their role." in page
    assert '<details class="turn-newcomer" id="newcomer" open>' in page
    assert 'href="#id_new-name"' in page  # the error summary leads to the field
    assert not Person.objects.filter(name="Wren").exists()
    r = fran.post(
        url(world, "newcomer", gathering_pk=g.pk),
        {"new-name": "Wren", "new-role": "service_user", "new-side": "", "timed": "1"},
    )
    wren = Person.objects.get(journey=world.journey, name="Wren")
    assert r["Location"] == url(world, "turns", gathering_pk=g.pk) + f"?timed=1#tap-{wren.pk}"
    assert (wren.role, wren.side, wren.joined_on) == ("service_user", "lived", g.held_on)
    assert Attendance.objects.get(gathering=g, person=wren).status == "present"
    page = fran.get(url(world, "turns", gathering_pk=g.pk)).content.decode()
    assert "Wren added to the register and marked as here" in page
    assert "Here (6)" in page


def test_find_a_name_without_javascript(world, fran):
    g = gathering(world)
    people = _register(world, g)
    bus = gs.agenda_item_add(actor=world.facilitator, gathering=g, title="Bus times")
    r = fran.get(url(world, "turns", gathering_pk=g.pk), {"q": " A ", "item": bus.pk})
    page = r.content.decode()
    assert [row.person.name for row, _ in r.context["taps"]] == ["Ann", "Cara"]
    assert [o.person.name for o in r.context["board"].others] == [
        "Fay", "Hal", "Ida", "Max", "Nia", "Pat", "Raj", "Uma",
    ]  # fmt: skip
    assert "Showing names with \u201cA\u201d: 2 here, 8 others." in page
    assert "<summary>Others in the register (8 of 18)</summary>" in page
    assert '<details class="turn-others" id="others" open>' in page  # looking for someone
    assert (
        f'<a href="{url(world, "turns", gathering_pk=g.pk)}?item={bus.pk}">Show everyone</a>'
        in (page)
    )
    # Every form keeps the filter (and the item), so a tap without JavaScript comes back to it.
    assert page.count('<input type="hidden" name="q" value="A">') >= 2 + 8
    tokens = _tokens(page)
    r = fran.post(
        url(world, "tap", gathering_pk=g.pk),
        {
            "person": people["Ann"].pk,
            "client_token": tokens[people["Ann"].pk],
            "q": "A",
            "item": bus.pk,
        },
    )
    assert r["Location"] == url(world, "turns", gathering_pk=g.pk) + f"?item={bus.pk}&q=A"
    # No one by that name.
    page = fran.get(url(world, "turns", gathering_pk=g.pk), {"q": "Quentin"}).content.decode()
    assert "No one marked as here has a name with \u201cQuentin\u201d." in page
    assert "No one else has a name with \u201cQuentin\u201d." in page
