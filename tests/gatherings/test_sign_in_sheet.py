"""A gathering's sign-in sheet as a PDF: the people expected, with boxes to tick and sign,
needs and expenses, and blank rows for anyone else; only names, and only for members up."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import translation

from powerwith.gatherings import services as gs
from powerwith.people import services as ps
from tests.conftest import World, client_for
from tests.insights.builders import came, gathering, person
from tests.pdftext import a4, flat, read
from tests.welsh import welsh_client

D = datetime.date


def _url(world: World, g: Any) -> str:
    return reverse(
        "gatherings:sign_in_sheet", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk}
    )


def test_the_sheet_lists_the_people_expected_and_room_for_others(world: World) -> None:
    rose = person(world, "Rose Hill", "service_user", contact="rose@example.org")
    sam = person(world, "Sam Staff", "frontline_staff")
    away = person(world, "Ada Away", "carer")
    gone = person(world, "Len Left", "carer")
    ps.person_leave(actor=world.facilitator, person=gone, left_on=D(2025, 2, 1), reason="Moved")
    g = gathering(world, D(2025, 3, 4), title="Spring workshop")
    came(world, g, away, status="apologies")
    r = client_for(world.member).get(_url(world, g))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == (
        f'attachment; filename="{world.journey.slug}-sign-in-{g.pk}.pdf"'
    )
    texts, reader = read(r.content)
    assert len(reader.pages) == 1
    assert a4(reader) == {(595, 842)}
    whole = flat(" ".join(texts))
    assert "Sign-in sheet" in whole
    assert "Better breast care: Spring workshop, 4 March 2025" in whole
    for heading in ("Name", "Here", "Signature", "Anything you need", "Expenses to pay back"):
        assert heading in whole
    assert "If your name is not here, write it in a blank row at the end." in whole
    assert "Everyone who signs this sheet can read it." in whole
    # The people expected, by name only: not who sent apologies or had left, and nothing else
    # about anyone (no contact details, roles or sides).
    assert "Rose Hill" in whole and "Sam Staff" in whole
    assert "Ada Away" not in whole and "Len Left" not in whole
    assert "rose@example.org" not in whole
    assert "Service user" not in whole and "Carer" not in whole
    assert rose.pk and sam.pk


def test_people_not_invited_are_not_listed_unless_they_came(world: World) -> None:
    """Someone on the gathering's list of people not invited is not expected: the sheet leaves
    them off (they can still sign a blank row), unless they are already recorded as there. A
    group described in words leaves nobody off by name."""
    rose = person(world, "Rose Hill", "service_user")
    nia = person(world, "Nia Night", "frontline_staff")
    ola = person(world, "Ola Came", "carer")
    g = gathering(world, D(2025, 3, 4))
    for who in (nia, ola):
        gs.left_off_add(actor=world.facilitator, gathering=g, person=who, reason="Night shift")
    gs.left_off_add(actor=world.facilitator, gathering=g, group="Night staff", reason="Rota")
    came(world, g, ola)
    whole = flat(" ".join(read(client_for(world.member).get(_url(world, g)).content)[0]))
    assert "Rose Hill" in whole and "Ola Came" in whole
    assert "Nia Night" not in whole
    assert rose.pk


def test_a_sheet_with_no_names_and_a_long_list_over_pages(world: World) -> None:
    for i in range(30):
        person(world, f"Person {i:02d}", "service_user")
    g = gathering(world, D(2025, 3, 4))
    c = client_for(world.facilitator)
    texts, reader = read(c.get(_url(world, g)).content)
    assert len(reader.pages) >= 3
    whole = flat(" ".join(texts))
    assert all(f"Person {i:02d}" in whole for i in range(30))
    # Every page says which gathering it is for, and which page it is.
    for n, text in enumerate(texts, start=1):
        assert "Better breast care: Meeting 04 Mar, 4 March 2025" in text
        assert f"{n} / {len(texts)}" in text
    blank = c.get(_url(world, g), {"names": "no"})
    assert blank["Content-Disposition"].endswith(f'-sign-in-{g.pk}-blank.pdf"')
    texts, reader = read(blank.content)
    assert len(reader.pages) == 1
    assert "Person" not in flat(" ".join(texts))
    assert "Signature" in flat(" ".join(texts))


def test_in_welsh(world: World) -> None:
    person(world, "Rose Hill", "service_user")
    g = gathering(world, D(2025, 3, 4))
    with translation.override("cy"):
        r = welsh_client(world.member).get(_url(world, g), HTTP_ACCEPT_LANGUAGE="cy")
    texts, _reader = read(r.content)
    whole = flat(" ".join(texts))
    assert "Taflen gofrestru" in whole
    assert "Rose Hill" in whole


def test_who_may_print_it(world: World) -> None:
    g = gathering(world, D(2025, 3, 4))
    assert client_for(world.observer).get(_url(world, g)).status_code == 403
    assert client_for(world.outsider).get(_url(world, g)).status_code == 404
    assert client_for(world.member).post(_url(world, g)).status_code == 405
    detail = client_for(world.member).get(g.get_absolute_url()).content.decode()
    assert f'href="{_url(world, g)}" download>Sign-in sheet to print (PDF)</a>' in detail
    assert f'href="{_url(world, g)}?names=no" download>' in detail
    seen = client_for(world.observer).get(g.get_absolute_url()).content.decode()
    assert _url(world, g) not in seen
