"""Recording what someone raised when they are not in the register yet: add them from the same
form (name and role, through the people service) without losing what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from powerwith.contributions.models import Contribution
from powerwith.people.models import Person
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

TYPED = {
    "text": "The bus does not stop at the clinic",
    "raised_by": "",
    "channel": "paper",
    "gathering": "",
    "raised_on": "2025-03-04",
    "provenance": "written on a card",
    "tags": "transport",
}


def test_add_them_and_choose_them_keeps_what_was_typed(world: World) -> None:
    c = client_for(world.member)
    url = reverse("contributions:create", kwargs={"slug": world.journey.slug})
    page = c.get(url).content.decode()
    assert "Someone not in the register yet?" in page
    r = c.post(url, {**TYPED, "new_name": "Ann", "new_role": "carer", "add_person": "1"})
    assert r.status_code == 200
    ann = Person.objects.get(journey=world.journey, name="Ann")
    assert (ann.role, ann.side) == ("carer", "lived")
    html = r.content.decode()
    assert f'<option value="{ann.pk}" selected>Ann</option>' in html
    assert "The bus does not stop at the clinic</textarea>" in html
    assert 'value="written on a card"' in html
    assert 'value="2025-03-04"' in html
    assert "Added Ann to the register and chose them below. Check the rest, then save." in html
    assert not Contribution.objects.exists()
    # Then saving records it as Ann's words.
    r = c.post(url, {**TYPED, "raised_by": str(ann.pk)})
    assert r.status_code == 302
    assert Contribution.objects.get().raised_by == ann


def test_mistakes_in_the_new_person_go_next_to_their_fields(world: World) -> None:
    c = client_for(world.member)
    url = reverse("contributions:create", kwargs={"slug": world.journey.slug})
    r = c.post(url, {**TYPED, "new_name": "Ann", "new_role": "", "add_person": "1"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Choose a role from the list." in html
    assert '<details class="add-person" open id="new-person">' in html
    assert "Write what was raised" not in html  # the rest is not checked yet
    assert not Person.objects.filter(name="Ann").exists()


def test_enter_with_no_new_person_means_save(world: World) -> None:
    c = client_for(world.member)
    url = reverse("contributions:create", kwargs={"slug": world.journey.slug})
    r = c.post(url, {**TYPED, "raised_by": "anonymous", "add_person": "1", "new_name": ""})
    assert r.status_code == 302
    assert Contribution.objects.get().anonymous is True
