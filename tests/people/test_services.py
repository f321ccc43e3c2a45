"""The register of people: creating, role history (and the snapshots it rewrites), leaving."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from powerwith.contributions.models import Contribution
from powerwith.gatherings import services as gs
from powerwith.gatherings.models import Attendance, SpeakingTurn
from powerwith.people import services as ps
from powerwith.people.models import Organisation, Person, RoleSpell
from tests.people.builders import D, contribution, gathering, person


def test_person_gets_the_roles_usual_side_and_a_first_spell(world):
    ann = person(world, "Ann", "service_user")
    sam = person(world, "Sam", "facilitator", side="lived", paid=True)
    assert (ann.side, sam.side) == ("lived", "lived")
    spell = RoleSpell.objects.get(person=sam)
    assert (spell.role, spell.side, spell.paid, spell.started_on, spell.ended_on) == (
        "facilitator",
        "lived",
        True,
        D(2025, 1, 6),
        None,
    )


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter a name. A first name or a pseudonym is fine."),
        ({"role": "boss"}, "role", "Choose a role from the list."),
        ({"side": "middle"}, "side", "Choose lived experience or professional."),
    ],
)
def test_person_create_rejects_bad_input_and_saves_nothing(world, kw, field, message):
    args = {"name": "Ann", "role": "carer", "joined_on": D(2025, 1, 6), **kw}
    with pytest.raises(ValidationError) as exc:
        ps.person_create(actor=world.facilitator, journey=world.journey, **args)
    assert exc.value.message_dict == {field: [message]}
    assert Person.objects.count() == 0 and RoleSpell.objects.count() == 0


def test_person_organisation_must_be_in_the_journey(world):
    from powerwith.journeys import services as js

    other = js.journey_create(actor=world.facilitator, title="Other")
    org = ps.organisation_create(actor=world.facilitator, journey=other, name="X", kind="other")
    with pytest.raises(ValidationError) as exc:
        person(world, "Ann", organisation=org)
    assert exc.value.message_dict == {"organisation": ["Choose an organisation from this journey."]}


def test_observer_cannot_add_people(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        ps.person_create(
            actor=world.observer,
            journey=world.journey,
            name="A",
            role="carer",
            joined_on=D(2025, 1, 1),
        )


def test_change_role_keeps_history_and_rewrites_snapshots_from_that_date(world):
    ann = person(world, "Ann", "service_user")
    before = gathering(world, "January", D(2025, 1, 20))
    after = gathering(world, "March", D(2025, 3, 3))
    for g in (before, after):
        gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
        gs.agenda_item_add(actor=world.facilitator, gathering=g, title="Item", proposed_by=ann)
    early = contribution(world, "Early", raised_by=ann, raised_on=D(2025, 1, 21))
    late = contribution(world, "Late", raised_by=ann, raised_on=D(2025, 3, 4))

    ps.person_change_role(
        actor=world.facilitator, person=ann, role="peer_worker", paid=True, from_date=D(2025, 2, 1)
    )

    spells = list(RoleSpell.objects.filter(person=ann).order_by("started_on"))
    assert [(s.role, s.started_on, s.ended_on, s.paid) for s in spells] == [
        ("service_user", D(2025, 1, 6), D(2025, 1, 31), False),
        ("peer_worker", D(2025, 2, 1), None, True),
    ]
    ann.refresh_from_db()
    assert (ann.role, ann.side, ann.paid) == ("peer_worker", "lived", True)
    assert dict(SpeakingTurn.objects.values_list("gathering__title", "role")) == {
        "January": "service_user",
        "March": "peer_worker",
    }
    assert dict(Attendance.objects.values_list("gathering__title", "role")) == {
        "January": "service_user",
        "March": "peer_worker",
    }
    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.raiser_role, late.raiser_role) == ("service_user", "peer_worker")


def test_figures_count_people_by_the_role_they_held_at_the_time(world):
    """A manager who later becomes a senior leader: her earlier turns stay a manager's."""
    from django.db.models import Count

    kim = person(world, "Kim", "manager")
    g1 = gathering(world, "One", D(2025, 2, 1))
    g2 = gathering(world, "Two", D(2025, 4, 1))
    for _ in range(3):
        gs.turn_record(actor=world.facilitator, gathering=g1, person=kim)
    gs.turn_record(actor=world.facilitator, gathering=g2, person=kim)
    ps.person_change_role(
        actor=world.facilitator,
        person=kim,
        role="senior_leader",
        paid=True,
        from_date=D(2025, 3, 1),
    )
    by_role = dict(
        SpeakingTurn.objects.values("role").annotate(n=Count("id")).values_list("role", "n")
    )
    assert by_role == {"manager": 3, "senior_leader": 1}


def test_change_role_on_the_day_the_spell_began_replaces_it(world):
    ann = person(world, "Ann", "service_user")
    ps.person_change_role(
        actor=world.facilitator, person=ann, role="carer", from_date=D(2025, 1, 6)
    )
    assert list(RoleSpell.objects.filter(person=ann).values_list("role", "ended_on")) == [
        ("carer", None)
    ]


def test_change_role_rejects_a_date_before_the_current_role_and_the_same_role(world):
    ann = person(world, "Ann", "service_user")
    with pytest.raises(ValidationError) as exc:
        ps.person_change_role(
            actor=world.facilitator, person=ann, role="carer", from_date=D(2025, 1, 1)
        )
    assert exc.value.message_dict == {
        "from_date": [
            "The change must be on or after 6 January 2025, when their current role began."
        ]
    }
    with pytest.raises(ValidationError) as exc:
        ps.person_change_role(
            actor=world.facilitator, person=ann, role="service_user", from_date=D(2025, 2, 1)
        )
    assert exc.value.message_dict == {
        "role": ["That is already their role. Choose a different role, side or pay."]
    }
    assert RoleSpell.objects.filter(person=ann).count() == 1


def test_leave_and_rejoin(world):
    ann = person(world, "Ann")
    with pytest.raises(ValidationError) as exc:
        ps.person_leave(actor=world.facilitator, person=ann, left_on=D(2024, 12, 1))
    assert exc.value.message_dict == {
        "left_on": ["They cannot leave before they joined (6 January 2025)."]
    }
    ps.person_leave(
        actor=world.facilitator, person=ann, left_on=D(2025, 5, 1), reason=" Moved away "
    )
    ann.refresh_from_db()
    assert (ann.left_on, ann.left_reason) == (D(2025, 5, 1), "Moved away")
    ps.person_rejoin(actor=world.facilitator, person=ann)
    ann.refresh_from_db()
    assert (ann.left_on, ann.left_reason) == (None, "")


def test_organisations_unique_by_name_in_a_journey(world):
    org = ps.organisation_create(
        actor=world.facilitator,
        journey=world.journey,
        name="City Council",
        kind="statutory_council",
    )
    with pytest.raises(ValidationError) as exc:
        ps.organisation_create(
            actor=world.facilitator, journey=world.journey, name="city council", kind="other"
        )
    assert exc.value.message_dict == {
        "name": ["There is already an organisation called “city council” in this journey."]
    }
    other = ps.organisation_create(
        actor=world.facilitator, journey=world.journey, name="Hub", kind="voluntary"
    )
    with pytest.raises(ValidationError):
        ps.organisation_update(
            actor=world.facilitator, organisation=other, name="City Council", kind="other"
        )
    ps.organisation_update(
        actor=world.facilitator,
        organisation=org,
        name="City Council",
        kind="funder",
        notes=" Pays ",
    )
    org.refresh_from_db()
    assert (org.kind, org.notes) == ("funder", "Pays")
    assert Organisation.objects.count() == 2


def test_contribution_snapshot_of_anonymous_is_empty(world):
    c = contribution(world, "Anon")
    assert (c.raiser_role, c.raiser_side) == ("", "")
    assert Contribution.objects.count() == 1
