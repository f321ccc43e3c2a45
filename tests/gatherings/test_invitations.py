"""Who chose who was in the room (issue 20, item 2): the record, its pages, its figure and
warning sign, worked out by hand."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from powerwith.gatherings import insights as gi
from powerwith.gatherings import services as gs
from powerwith.gatherings.models import InvitationMaker, LeftOff
from powerwith.insights.period import Period
from powerwith.insights.thresholds import thresholds_for
from powerwith.people import services as ps
from tests.conftest import build_world, client_for
from tests.people.builders import D, gathering, person


def test_list_keeps_each_makers_side_on_the_day_and_follows_a_role_change(world):
    g = gathering(world, held_on=D(2025, 3, 1))
    nurse = person(world, "Nia", role="frontline_staff")
    ann = person(world, "Ann")
    gs.invitation_set(actor=world.member, gathering=g, how="list", drawn_up_by=[nurse, ann, nurse])
    rows = {m.person.name: (m.role, m.side) for m in InvitationMaker.objects.all()}
    assert rows == {"Nia": ("frontline_staff", "professional"), "Ann": ("service_user", "lived")}
    # Ann became a peer worker paid by the service before the gathering: her side follows.
    ps.person_change_role(
        actor=world.facilitator, person=ann, role="frontline_staff", from_date=D(2025, 2, 1)
    )
    assert InvitationMaker.objects.get(person=ann).side == "professional"
    # Moving the gathering before the change puts her back on her side then.
    gs.gathering_update(
        actor=world.facilitator,
        gathering=g,
        title=g.title,
        kind=g.kind,
        held_on=D(2025, 1, 20),
        venue_kind=g.venue_kind,
    )
    assert InvitationMaker.objects.get(person=ann).side == "lived"
    # Saying it was an open invitation takes the list away.
    gs.invitation_set(actor=world.member, gathering=g, how="open")
    g.refresh_from_db()
    assert (g.invitation, InvitationMaker.objects.count()) == ("open", 0)


def test_bad_input_is_named_per_field(world):
    g = gathering(world)
    nia = person(world, "Nia", role="frontline_staff")
    other = build_world("2", "Another")
    stranger = ps.person_create(
        actor=other.facilitator,
        journey=other.journey,
        name="Stranger",
        role="carer",
        joined_on=D(2025, 1, 1),
    )
    for kw, field, message in (
        ({"how": "guess"}, "how", "Choose how people were invited from the list."),
        (
            {"how": "list"},
            "drawn_up_by",
            "Choose at least one person who drew up the invitation list.",
        ),
        (
            {"how": "open", "drawn_up_by": [nia]},
            "drawn_up_by",
            "Only an invitation list has people who drew it up: untick the names, or choose "
            "“Particular people drew up the invitation list”.",
        ),
        (
            {"how": "list", "drawn_up_by": [stranger]},
            "drawn_up_by",
            "Choose a person from this journey.",
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            gs.invitation_set(actor=world.member, gathering=g, **kw)
        assert exc.value.message_dict == {field: [message]}
    for kw, field, message in (
        (
            {"reason": "Too many"},
            "group",
            "Choose the person who was left off, or describe the group, like “night-shift staff”.",
        ),
        (
            {"reason": "x", "person": nia, "group": "Carers"},
            "group",
            "Choose a person or describe a group, not both: record them one at a time.",
        ),
        (
            {"reason": "  ", "group": "Carers"},
            "reason",
            "Say why they were left off, even if the reason was practical.",
        ),
        ({"reason": "x", "person": stranger}, "person", "Choose a person from this journey."),
    ):
        with pytest.raises(ValidationError) as exc:
            gs.left_off_add(actor=world.member, gathering=g, **kw)
        assert exc.value.message_dict == {field: [message]}
    assert LeftOff.objects.count() == 0
    with pytest.raises(PermissionDenied):
        gs.invitation_set(actor=world.observer, gathering=g, how="open")


def _worked_example(world):
    """Six gatherings in March 2025 and one in April, worked out by hand:

    1 list by Nia (staff) alone                  -> professionals alone
    2 list by Nia and Mo (staff, manager)        -> professionals alone
    3 list by Nia and Ann (staff, service user)  -> not alone (lived experience helped)
    4 open invitation                            -> recorded, not professionals alone
    5 nothing recorded                           -> not recorded, out of the share
    6 list by Ann alone                          -> not alone
    7 (April) list by Nia alone                  -> outside a March period
    March: recorded 5, professionals alone 2, share 2/5 = 0.4; not recorded 1.
    All time: recorded 6, alone 3, share 0.5.
    """
    nia = person(world, "Nia", role="frontline_staff")
    mo = person(world, "Mo", role="manager")
    ann = person(world, "Ann")
    gs_ = [gathering(world, f"G{i}", held_on=D(2025, 3, i)) for i in range(1, 7)]
    april = gathering(world, "G7", held_on=D(2025, 4, 2))
    gs.invitation_set(actor=world.member, gathering=gs_[0], how="list", drawn_up_by=[nia])
    gs.invitation_set(actor=world.member, gathering=gs_[1], how="list", drawn_up_by=[nia, mo])
    gs.invitation_set(actor=world.member, gathering=gs_[2], how="list", drawn_up_by=[nia, ann])
    gs.invitation_set(actor=world.member, gathering=gs_[3], how="open")
    gs.invitation_set(actor=world.member, gathering=gs_[5], how="list", drawn_up_by=[ann])
    gs.invitation_set(actor=world.member, gathering=april, how="list", drawn_up_by=[nia])
    gs.left_off_add(actor=world.member, gathering=gs_[0], person=ann, reason="She was away")
    gs.left_off_add(
        actor=world.member, gathering=gs_[0], group="Night-shift staff", reason="Daytime only"
    )
    gs.left_off_add(actor=world.member, gathering=april, group="Carers", reason="Room size")
    return gs_, april


def test_worked_example_figures(world):
    _worked_example(world)
    march = gi.compute(world.journey, Period(D(2025, 3, 1), D(2025, 3, 31)))
    assert {k: v for k, v in march.items() if k not in ("title", "explanation", "based_on")} == {
        "gatherings": 6,
        "recorded": 5,
        "not_recorded": 1,
        "open": 1,
        "lists": 4,
        "professionals_alone": 2,
        "with_lived_experience": 2,
        "professionals_alone_share": 0.4,
        "left_off": {"entries": 2, "people": 1, "groups": 1, "gatherings": 1},
    }
    every = gi.compute(world.journey, Period())
    assert (every["recorded"], every["professionals_alone"]) == (6, 3)
    assert every["professionals_alone_share"] == 0.5
    assert every["left_off"] == {"entries": 3, "people": 1, "groups": 2, "gatherings": 2}
    empty = gi.compute(world.journey, Period(D(2024, 1, 1), D(2024, 1, 31)))
    assert (empty["gatherings"], empty["professionals_alone_share"]) == (0, None)


def test_warning_fires_only_above_the_share_and_with_enough_gatherings(world):
    gs_, _april = _worked_example(world)

    def sign(period):
        data = gi.compute(world.journey, period)
        (w,) = gi.warnings(world.journey, period, data, thresholds_for(world.journey))
        return w

    # All time: 3 of 6 = 0.5, not above 0.5.
    w = sign(Period())
    assert (w.fired, w.evidence["professionals_alone_share"]) == (False, 0.5)
    # Make the open gathering a staff list: 4 of 6 = 0.667 > 0.5.
    nia = gs_[0].invitation_makers.get().person
    gs.invitation_set(actor=world.member, gathering=gs_[3], how="list", drawn_up_by=[nia])
    w = sign(Period())
    assert (w.fired, w.evidence) == (
        True,
        {
            "professionals_alone_share": 0.667,
            "professionals_alone": 4,
            "recorded": 6,
            "not_recorded": 1,
        },
    )
    # April alone: 1 of 1, but fewer than 3 gatherings recorded: says nothing.
    assert sign(Period(D(2025, 4, 1), D(2025, 4, 30))).fired is False
    # The journey's own threshold counts.
    world.journey.options = {"warnings": {"professionals_chose_room": {"share": 0.7}}}
    world.journey.save()
    assert sign(Period()).fired is False


def test_pages_show_who_chose_and_let_members_record(world):
    g = gathering(world)
    nia = person(world, "Nia", role="frontline_staff")
    url = reverse(
        "gatherings:invitations", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk}
    )
    member = client_for(world.member)
    r = member.post(url, {"how": "list"})
    assert r.status_code == 400
    assert "Choose at least one person who drew up the invitation list." in r.content.decode()
    r = member.post(url, {"how": "list", "drawn_up_by": [str(nia.pk)]})
    assert r.status_code == 302
    add = reverse(
        "gatherings:left_off_add", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk}
    )
    r = member.post(add, {"group": "Night-shift staff", "reason": "Held at 2pm"})
    assert r.status_code == 302
    page = client_for(world.observer).get(g.get_absolute_url()).content.decode()
    assert "The invitation list was drawn up by:" in page
    assert "Only people there because of their job chose who was invited." in page
    assert "Night-shift staff" in page and "Held at 2pm" in page
    assert client_for(world.observer).post(url, {"how": "open"}).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    row = LeftOff.objects.get()
    remove = reverse(
        "gatherings:left_off_remove",
        kwargs={"slug": world.journey.slug, "gathering_pk": g.pk, "left_off_pk": row.pk},
    )
    assert member.post(remove).status_code == 302
    assert LeftOff.objects.count() == 0


@pytest.mark.django_db(transaction=False)
def test_demo_records_who_chose():
    from powerwith.journeys.models import Journey
    from tests import demo_snapshot

    demo_snapshot.load_demo()
    first = {j.slug: gi.compute(j, Period()) for j in Journey.objects.order_by("slug")}
    # The two long journeys record who chose (the trust's small third journey has just begun).
    for slug in ("better-breast-care", "northfield-together"):
        data = first[slug]
        assert data["recorded"] >= 3 and data["not_recorded"] >= 1
        assert data["open"] >= 1 and data["left_off"]["entries"] >= 1
    assert any(d["professionals_alone"] >= 1 for d in first.values())
