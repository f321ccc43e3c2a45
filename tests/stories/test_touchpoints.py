"""The touchpoints page: facilitators add, rename, reorder and remove the journey's moments."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.common.access import NotAllowed
from powerwith.contributions import services as cs
from powerwith.contributions.models import Tag
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def names(world: World) -> list[str]:
    return [t.name for t in cs.touchpoints_of(world.journey)]


def test_facilitators_keep_the_list_in_order(world: World) -> None:
    c = client_for(world.facilitator)
    url = reverse("stories:touchpoints", kwargs={"slug": world.journey.slug})
    for name in ("First letter", "Waiting for surgery", "Diagnosis"):
        assert c.post(url, {"name": name}).status_code == 302
    assert names(world) == ["First letter", "Waiting for surgery", "Diagnosis"]
    diagnosis = Tag.objects.get(name="Diagnosis")
    edit = reverse(
        "stories:touchpoint", kwargs={"slug": world.journey.slug, "touchpoint_pk": diagnosis.pk}
    )
    c.post(edit, {"action": "up"})
    assert names(world) == ["First letter", "Diagnosis", "Waiting for surgery"]
    c.post(edit, {"action": "up"})
    c.post(edit, {"action": "up"})  # already first: nothing moves
    assert names(world) == ["Diagnosis", "First letter", "Waiting for surgery"]
    assert c.post(edit, {"action": "rename", "name": "Being told"}).status_code == 302
    assert names(world) == ["Being told", "First letter", "Waiting for surgery"]
    r = c.post(url, {"name": "first LETTER"})
    assert r.status_code == 400
    assert "“first LETTER” is already a touchpoint." in r.content.decode()
    c.post(edit, {"action": "remove"})
    assert names(world) == ["First letter", "Waiting for surgery"]
    assert Tag.objects.get(pk=diagnosis.pk).kind == "theme"
    page = client_for(world.observer).get(url).content.decode()
    assert "Waiting for surgery" in page and "Add a touchpoint" not in page


def test_only_facilitators_change_the_list(world: World) -> None:
    url = reverse("stories:touchpoints", kwargs={"slug": world.journey.slug})
    assert client_for(world.member).post(url, {"name": "Discharge"}).status_code == 403
    with pytest.raises(NotAllowed):
        cs.touchpoint_add(actor=world.member, journey=world.journey, name="Discharge")
    with pytest.raises(ValidationError) as exc:
        cs.touchpoint_add(actor=world.facilitator, journey=world.journey, name="  ")
    assert exc.value.message_dict == {
        "name": ["Name the moment, like “first letter” or “diagnosis”."]
    }
