"""Contribution pages: raising on someone's behalf, the fate form, filters, "you said, we did"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution, FateChange
from powerwith.journeys import services as js
from tests.people.builders import contribution, gathering, person


def url(world, name, **kw):
    return reverse(f"contributions:{name}", kwargs={"slug": world.journey.slug, **kw})


@pytest.fixture
def fran(client, world):
    client.force_login(world.facilitator)
    return client


def test_record_on_someones_behalf(world, fran):
    ann = person(world, "Ann", "carer")
    r = fran.post(
        url(world, "create"),
        {
            "text": "Nobody told us the clinic had moved.",
            "raised_by": ann.pk,
            "channel": "paper",
            "raised_on": "2025-02-03",
            "provenance": "written on a card at the café",
            "tags": "communication, Moving ,communication",
        },
    )
    c = Contribution.objects.get()
    assert r.status_code == 302 and r["Location"] == url(world, "detail", contribution_pk=c.pk)
    assert (c.raised_by, c.anonymous, c.channel, c.provenance, c.raiser_side) == (
        ann,
        False,
        "paper",
        "written on a card at the café",
        "lived",
    )
    assert sorted(c.tags.values_list("name", flat=True)) == ["Moving", "communication"]
    page = fran.get(url(world, "detail", contribution_pk=c.pk)).content.decode()
    assert "written on a card at the café" in page and "on their behalf" in page
    assert "carer or family member at the time (lived experience)" in page


def test_anonymous_and_gathering_prefill(world, fran):
    g = gathering(world)
    page = fran.get(url(world, "create") + f"?gathering={g.pk}").content.decode()
    assert f'<option value="{g.pk}" selected>' in page
    r = fran.post(
        url(world, "create"),
        {"text": "Too hot", "raised_by": "anonymous", "channel": "gathering", "gathering": g.pk},
    )
    c = Contribution.objects.get()
    assert r.status_code == 302 and (c.anonymous, c.raised_by, c.raised_on) == (
        True,
        None,
        g.held_on,
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": " "}, "text", "Write what was raised, in the person’s own words if you can."),
        ({"raised_by": ""}, "raised_by", "Choose who raised it, or choose “Anonymous”."),
        ({"raised_by": "9999"}, "raised_by", "Choose a person from the list, or “Anonymous”."),
        ({"channel": "pigeon"}, "channel", "Choose how it reached us from the list."),
        ({"channel": "gathering"}, "gathering", "Choose the gathering where it was raised."),
        (
            {"raised_on": "2999-01-01"},
            "raised_on",
            "The date it was raised cannot be in the future.",
        ),
        (
            {"raised_on": "32/01/2025"},
            "raised_on",
            "Enter a real date for “date it was raised”, like 27/03/2026.",
        ),
    ],
)
def test_record_bad_input(world, fran, data, field, message):
    good = {
        "text": "Typed words kept",
        "raised_by": "anonymous",
        "channel": "paper",
        "provenance": "card in the comment box",
    }
    r = fran.post(url(world, "create"), {**good, **data})
    assert r.status_code == 400
    assert r.context["form"].errors[field] == [message]
    page = r.content.decode()
    assert "There is a problem" in page and "card in the comment box" in page
    assert Contribution.objects.count() == 0 and FateChange.objects.count() == 0


def test_fate_form_specific_errors_and_limits(world, fran):
    js.limit_add(
        actor=world.facilitator,
        journey=world.journey,
        text="Opening hours",
        set_by="funder",
        why="The contract fixes them.",
    )
    c = contribution(world, "Open on Saturdays")
    detail = fran.get(url(world, "detail", contribution_pk=c.pk)).content.decode()
    # One line after the task, not the whole panel; a facilitator is told it is not yet shared.
    assert "<strong>1 limit</strong> applies to this journey" in detail
    assert "1 not yet shared with the group" in detail and "Opening hours" not in detail
    fate_url = url(world, "fate", contribution_pk=c.pk)
    r = fran.post(
        fate_url,
        {"fate-fate": "not_possible", "fate-on": "2025-03-01", "fate-response": "Kept text"},
    )
    assert r.status_code == 400
    assert r.context["form"].errors["reason"] == [
        "Explain why it is not possible. People have a right to know."
    ]
    page = r.content.decode()
    assert "Kept text" in page and "<strong>1 limit</strong> applies to this journey" in page
    r = fran.post(fate_url, {"fate-fate": "done", "fate-on": "2025-03-01"})
    assert r.context["form"].errors["change_level"] == ["Choose the level at which things changed."]
    r = fran.post(fate_url, {"fate-fate": "merged", "fate-on": "2025-03-01"})
    assert r.context["form"].errors["merged_into"] == ["Choose the contribution it is the same as."]
    r = fran.post(fate_url, {"fate-fate": "new", "fate-on": "2025-03-01"})
    assert r.context["form"].errors["fate"] == ["Choose what has happened to it from the list."]
    assert c.history.count() == 1
    r = fran.post(
        fate_url,
        {
            "fate-fate": "not_possible",
            "fate-reason": "The contract fixes opening hours.",
            "fate-on": "2025-03-01",
        },
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.fate, c.fate_reason) == ("not_possible", "The contract fixes opening hours.")
    page = fran.get(url(world, "detail", contribution_pk=c.pk)).content.decode()
    assert "New → Not possible" in page and "recorded by Fran" in page


def test_merge_via_the_form_and_history(world, fran):
    a = contribution(world, "Parking is impossible")
    b = contribution(world, "Nowhere to park")
    r = fran.post(
        url(world, "fate", contribution_pk=b.pk),
        {"fate-fate": "merged", "fate-merged_into": a.pk, "fate-on": "2025-03-01"},
    )
    assert r.status_code == 302
    page = fran.get(url(world, "detail", contribution_pk=a.pk)).content.decode()
    assert "The same point, raised by others (1)" in page and "Nowhere to park" in page
    page = fran.get(url(world, "detail", contribution_pk=b.pk)).content.decode()
    assert "This is the same point as" in page


def test_edit_form(world, fran):
    bob = person(world, "Bob", "manager")
    c = contribution(world, "Txt", tags=["a"])
    r = fran.post(url(world, "edit", contribution_pk=c.pk), {"text": "", "tags": "kept tag"})
    assert r.status_code == 400 and "kept tag" in r.content.decode()
    r = fran.post(
        url(world, "edit", contribution_pk=c.pk),
        {"text": "Text", "tags": "b", "owner": bob.pk, "provenance": "phone"},
    )
    c.refresh_from_db()
    assert (r.status_code, c.text, c.owner) == (302, "Text", bob)


def test_list_filters(world, fran):
    ann, bob = person(world, "Ann", "carer"), person(world, "Bob", "manager")
    c1 = contribution(world, "From Ann on paper", raised_by=ann, tags=["waiting"])
    contribution(world, "From Bob online", raised_by=bob, channel="online")
    contribution(world, "Nobody named")
    cs.contribution_set_fate(
        actor=world.facilitator, contribution=c1, fate="done", change_level="individual"
    )

    def texts(**params):
        r = fran.get(url(world, "list"), params)
        return sorted(c.text for c in r.context["page"].object_list)

    assert texts() == ["From Ann on paper", "From Bob online", "Nobody named"]
    assert texts(side="lived") == ["From Ann on paper"]
    assert texts(side="anonymous") == ["Nobody named"]
    assert texts(channel="online") == ["From Bob online"]
    assert texts(open="on") == ["From Bob online", "Nobody named"]
    assert texts(fate="done") == ["From Ann on paper"]
    tag = c1.tags.get()
    assert texts(tag=tag.pk) == ["From Ann on paper"]
    r = fran.get(url(world, "list"))
    assert {f["term"].code: f["n"] for f in r.context["fate_counts"]}["done"] == 1


def test_you_said_we_did_for_members_and_public_without_names(world, fran, client):
    ann = person(world, "Zebedee Quill", "carer")
    a = contribution(world, "Chairs hurt", raised_by=ann)
    b = contribution(world, "Seats are too hard")
    c = contribution(world, "Open at weekends", raised_by=ann)
    cs.contribution_set_fate(actor=world.facilitator, contribution=b, fate="merged", merged_into=a)
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=a,
        fate="done",
        change_level="organisational_service",
        response="New chairs in the waiting room.",
    )
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=c,
        fate="not_possible",
        reason="The contract fixes the hours.",
    )
    r = fran.get(url(world, "you_said"))
    assert r.context["counts"] == {
        "raised": 2,
        "done": 1,
        "not_possible": 1,
        "open": 0,
        "merged": 1,
        "kept_off": 0,
    }
    page = r.content.decode()
    assert "We did:</strong> New chairs in the waiting room." in page
    assert "Why not:</strong> The contract fixes the hours." in page
    assert "Also raised by 1 other:" in page and "Seats are too hard" in page
    assert "Zebedee" not in page

    public = reverse("public:you_said", kwargs={"slug": world.journey.slug})
    assert client.get(public).status_code == 404
    world.journey.public_you_said = True
    world.journey.save()
    client.logout()
    body = client.get(public).content.decode()
    assert "New chairs in the waiting room." in body and "Zebedee" not in body
    assert "Details and history" not in body


@pytest.mark.parametrize("n", [3, 30])
def test_contribution_pages_queries_do_not_grow(world, fran, django_assert_max_num_queries, n):
    people = [person(world, f"P{i:02}", "carer") for i in range(n)]
    g = gathering(world)
    first = None
    for i, p in enumerate(people):
        c = contribution(
            world, f"Point {i}", raised_by=p, tags=[f"t{i % 4}"], channel="gathering", gathering=g
        )
        if first is None:
            first = c
        elif i % 3 == 0:
            cs.contribution_set_fate(
                actor=world.facilitator, contribution=c, fate="merged", merged_into=first
            )
        elif i % 3 == 1:
            cs.contribution_set_fate(
                actor=world.facilitator,
                contribution=c,
                fate="done",
                change_level="individual",
                response="Did it",
            )
    with django_assert_max_num_queries(10):
        r = fran.get(url(world, "list"))
    assert r.status_code == 200 and len(r.context["page"].object_list) == n
    with django_assert_max_num_queries(14):
        r = fran.get(url(world, "you_said"))
    assert r.context["counts"]["raised"] + r.context["counts"]["merged"] == n
    world.journey.public_you_said = True
    world.journey.save()
    # 11: one more than the page's own queries, for the finished votes behind "voted on"
    # (decisions app; counted once per page, however many items); and 4 for the rate limit on
    # signed-out look-ups (a savepoint, reading and writing the count in the shared cache).
    with django_assert_max_num_queries(16):
        assert (
            fran.get(reverse("public:you_said", kwargs={"slug": world.journey.slug})).status_code
            == 200
        )
    with django_assert_max_num_queries(20):
        assert fran.get(url(world, "detail", contribution_pk=first.pk)).status_code == 200


def test_praise_or_a_problem_is_shown_filtered_and_changed(world, fran, client):
    from powerwith.common.models import AuditEntry

    kind_nurses = contribution(world, "Kind nurses", kind="praise")
    contribution(world, "Long waits", kind="problem")
    contribution(world, "Parking")

    def texts(**params):
        r = fran.get(url(world, "list"), params)
        return sorted(c.text for c in r.context["page"].object_list)

    assert texts(kind="praise") == ["Kind nurses"]
    assert texts(kind="problem") == ["Long waits"]
    assert texts(kind="") == ["Kind nurses", "Long waits", "Parking"]
    assert fran.get(url(world, "list"), {"kind": "great"}).context["filtered"] is False
    page = fran.get(url(world, "detail", contribution_pk=kind_nurses.pk)).content.decode()
    assert "<dt>Praise or a problem</dt>" in page
    assert f'href="{url(world, "list")}?kind=praise">Works well</a>' in page
    assert f'href="{url(world, "edit", contribution_pk=kind_nurses.pk)}">Change' in page
    # The member who records may change it, through the service, with a line in the log.
    member = client
    member.force_login(world.member)
    r = member.post(
        url(world, "edit", contribution_pk=kind_nurses.pk),
        {"text": "Kind nurses", "tags": "", "kind": "problem"},
    )
    kind_nurses.refresh_from_db()
    assert (r.status_code, kind_nurses.kind) == (302, "problem")
    line = AuditEntry.objects.filter(action="contribution_update").get()
    assert (line.actor, line.object_id) == (world.member, kind_nurses.pk)
    # The change of kind has its own line, so the record of changes says what changed.
    line = AuditEntry.objects.filter(action="contribution_set_kind").get()
    assert (line.actor, line.object_id) == (world.member, kind_nurses.pk)
    from tests.conftest import client_for

    log = client_for(world.facilitator).get(
        reverse("journeys:log", kwargs={"slug": world.journey.slug})
    )  # (``fran`` is the same client as ``member``, signed in as the member now)
    assert "Said whether something raised is praise or a problem: Kind nurses" in (
        log.content.decode()
    )
    page = member.get(url(world, "detail", contribution_pk=kind_nurses.pk)).content.decode()
    assert f'href="{url(world, "list")}?kind=problem">A problem</a>' in page
    # An observer sees it, and no way to change it.
    client.force_login(world.observer)
    page = client.get(url(world, "detail", contribution_pk=kind_nurses.pk)).content.decode()
    assert ">A problem</a>" in page and "whether it is praise or a problem" not in page
    none = contribution(world, "Signs")
    page = client.get(url(world, "detail", contribution_pk=none.pk)).content.decode()
    assert "Neither, or not said" in page
