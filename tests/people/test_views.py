"""People pages: the register, its forms (bad input kept and explained), and query counts."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from powerwith.people import services as ps
from powerwith.people.models import Organisation, Person, RoleSpell
from tests.people.builders import D, person


def url(world, name, **kw):
    return reverse(f"people:{name}", kwargs={"slug": world.journey.slug, **kw})


def listed(page: str) -> set[str]:
    """The names in the register's table. Not a search of the whole page: a random token on it
    (the form's CSRF value) can hold three letters that spell a name."""
    return set(re.findall(r'data-label="Name"><a href="[^"]*">([^<]+)</a>', page))


@pytest.fixture
def fran(client, world):
    client.force_login(world.facilitator)
    return client


def test_list_filters_by_side_role_and_current_or_left(world, fran):
    person(world, "Ann", "service_user", is_pseudonym=True)
    person(world, "Bob", "manager", paid=True)
    cat = person(world, "Cat", "carer")
    ps.person_leave(actor=world.facilitator, person=cat, left_on=D(2025, 3, 1))

    page = fran.get(url(world, "list")).content.decode()
    assert {"Ann", "Bob"} <= listed(page) and "Cat" not in listed(page)
    assert "pseudonym" in page
    page = fran.get(url(world, "list"), {"side": "professional"}).content.decode()
    assert "Bob" in listed(page) and "Ann" not in listed(page)
    page = fran.get(url(world, "list"), {"status": "left"}).content.decode()
    assert "Cat" in listed(page) and "Ann" not in listed(page)
    page = fran.get(url(world, "list"), {"status": "all", "role": "carer"}).content.decode()
    assert "Cat" in listed(page) and "Bob" not in listed(page)
    r = fran.get(url(world, "list"))
    assert r.context["counts"] == {
        "current": 2,
        "lived": 1,
        "professional": 1,
        "paid_lived": 0,
        "unpaid": 1,
        "offline": 0,
        "left": 1,
    }


def test_add_person_with_side_from_the_role(world, fran):
    org = ps.organisation_create(
        actor=world.facilitator, journey=world.journey, name="Hub", kind="voluntary"
    )
    r = fran.post(
        url(world, "create"),
        {
            "name": "Dee",
            "is_pseudonym": "on",
            "role": "volunteer",
            "side": "",
            "organisation": org.pk,
            "joined_on": "2025-02-01",
            "contact": "via the café",
        },
    )
    dee = Person.objects.get(name="Dee")
    assert r.status_code == 302 and r["Location"] == dee.get_absolute_url()
    assert (dee.side, dee.is_pseudonym, dee.online, dee.organisation, dee.joined_on) == (
        "lived",
        True,
        False,
        org,
        D(2025, 2, 1),
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "Enter a name. A first name or a pseudonym is fine."),
        ({"role": "boss"}, "role", "Choose a role from the list."),
        ({"role": ""}, "role", "Choose their role."),
        ({"side": "middle"}, "side", "Choose lived experience or professional."),
        (
            {"joined_on": "31/02/2025"},
            "joined_on",
            "Enter a real date for “date they joined”, like 27/03/2026.",
        ),
        ({"organisation": "999"}, "organisation", "Choose an organisation from the list."),
    ],
)
def test_add_person_bad_input(world, fran, data, field, message):
    good = {
        "name": "Eve Typed",
        "role": "carer",
        "joined_on": "2025-02-01",
        "contact": "07700 900123",
    }
    r = fran.post(url(world, "create"), {**good, **data})
    assert r.status_code == 400
    form = r.context["form"]
    assert form.errors[field] == [message]
    page = r.content.decode()
    assert "There is a problem" in page and "07700 900123" in page
    assert Person.objects.count() == 0 and RoleSpell.objects.count() == 0


def test_change_role_form_bad_date_keeps_input(world, fran):
    ann = person(world, "Ann")
    r = fran.post(
        url(world, "change_role", person_pk=ann.pk),
        {"role": "peer_worker", "paid": "on", "from_date": "2024-12-01"},
    )
    assert r.status_code == 400
    assert r.context["form"].errors["from_date"] == [
        "The change must be on or after 6 January 2025, when their current role began."
    ]
    assert re.search(r'<input[^>]*value="peer_worker"[^>]*checked', r.content.decode())
    assert RoleSpell.objects.filter(person=ann).count() == 1
    r = fran.post(
        url(world, "change_role", person_pk=ann.pk),
        {"role": "peer_worker", "paid": "on", "from_date": "2025-03-01"},
    )
    assert r.status_code == 302
    detail = fran.get(url(world, "detail", person_pk=ann.pk)).content.decode()
    assert "Peer worker" in detail and "Person who uses the service" in detail


def test_leave_rejoin_and_edit(world, fran):
    ann = person(world, "Ann")
    r = fran.post(
        url(world, "leave", person_pk=ann.pk), {"left_on": "2024-01-01", "reason": "Moved"}
    )
    assert r.status_code == 400 and "Moved" in r.content.decode()
    assert r.context["form"].errors["left_on"] == [
        "They cannot leave before they joined (6 January 2025)."
    ]
    r = fran.post(
        url(world, "leave", person_pk=ann.pk), {"left_on": "2025-04-01", "reason": "Moved"}
    )
    assert r.status_code == 302
    ann.refresh_from_db()
    assert ann.left_reason == "Moved"
    assert fran.post(url(world, "rejoin", person_pk=ann.pk)).status_code == 302
    ann.refresh_from_db()
    assert ann.left_on is None
    r = fran.post(url(world, "edit", person_pk=ann.pk), {"name": "", "contact": "kept"})
    assert r.status_code == 400 and "kept" in r.content.decode()
    r = fran.post(url(world, "edit", person_pk=ann.pk), {"name": "Annie", "online": "on"})
    ann.refresh_from_db()
    assert (r.status_code, ann.name, ann.online) == (302, "Annie", True)


def test_organisation_forms(world, fran):
    r = fran.post(url(world, "organisation_create"), {"name": "Hub", "kind": "charity"})
    assert r.status_code == 400
    assert r.context["form"].errors["kind"] == ["Choose a kind of organisation from the list."]
    assert (
        fran.post(
            url(world, "organisation_create"), {"name": "Hub", "kind": "voluntary"}
        ).status_code
        == 302
    )
    r = fran.post(url(world, "organisation_create"), {"name": "hub", "kind": "voluntary"})
    assert r.status_code == 400
    assert r.context["form"].errors["name"] == [
        "There is already an organisation called “hub” in this journey."
    ]
    assert Organisation.objects.count() == 1
    org = Organisation.objects.get()
    assert fran.get(url(world, "organisation", organisation_pk=org.pk)).status_code == 200
    r = fran.post(
        url(world, "organisation_edit", organisation_pk=org.pk), {"name": "", "kind": "voluntary"}
    )
    assert r.status_code == 400 and r.context["form"].errors["name"] == [
        "Enter the organisation's name."
    ]


def test_observer_sees_but_cannot_add(world, client):
    client.force_login(world.observer)
    assert client.get(url(world, "list")).status_code == 200
    assert client.get(url(world, "create")).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url(world, "list")).status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_people_pages_queries_do_not_grow(world, fran, django_assert_max_num_queries, n):
    from powerwith.gatherings import services as gs
    from tests.people.builders import contribution, gathering

    org = ps.organisation_create(
        actor=world.facilitator, journey=world.journey, name="Hub", kind="voluntary"
    )
    people = [person(world, f"P{i:02}", organisation=org) for i in range(n)]
    g = gathering(world)
    for p in people:
        gs.turn_record(actor=world.facilitator, gathering=g, person=p)
        contribution(world, f"Said by {p.name}", raised_by=p)
    with django_assert_max_num_queries(8):
        r = fran.get(url(world, "list"), {"status": "all"})
    assert r.status_code == 200 and len(r.context["people"]) == n
    with django_assert_max_num_queries(16):
        assert fran.get(url(world, "detail", person_pk=people[0].pk)).status_code == 200
    with django_assert_max_num_queries(8):
        assert fran.get(url(world, "organisations")).status_code == 200
