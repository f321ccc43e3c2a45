"""The plan's pages: a facilitator makes a plan from a method, changes a stage (a wrong date
comes back on the form), reorders, chooses gatherings on the stage page and on a gathering's
page; members and observers read the plan and its PDF; the front page says where the group is."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from powerwith.gatherings import services as gathering_services
from powerwith.plans import services
from powerwith.plans.models import Stage, StageGathering
from tests.conftest import build_world, client_for

D = datetime.date


def _u(world: Any, name: str, **kw: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"slug": world.journey.slug, **kw})


def _gathering(world: Any, title: str, day: datetime.date) -> Any:
    return gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title=title,
        kind="workshop",
        held_on=day,
        venue_kind="institutional",
    )


def test_a_facilitator_makes_and_changes_the_plan_through_the_pages(world: Any) -> None:
    c = client_for(world.facilitator)
    page = c.get(_u(world, "plan")).content.decode()
    assert "There is no plan of stages yet." in page and _u(world, "choose") in page
    r = c.post(_u(world, "choose"), {"method": "ebcd", "starts_on": "2025-01-06"})
    assert r.status_code == 302 and r["Location"] == _u(world, "plan")
    assert Stage.objects.filter(journey=world.journey).count() == 8
    staff = Stage.objects.get(journey=world.journey, position=2)
    # An actual end before the actual start comes back on the form, with what was typed.
    form = {
        "action": "save",
        "name": "Talking with staff",
        "description": "One-to-one conversations.",
        "planned_start": "2025-02-17",
        "planned_end": "2025-03-30",
        "started_on": "2025-02-20",
        "ended_on": "2025-02-19",
    }
    r = c.post(_u(world, "stage_edit", stage_pk=staff.pk), form)
    assert r.status_code == 400
    body = r.content.decode()
    assert "The day it ended must be on or after the day it started." in body
    assert 'value="Talking with staff"' in body
    r = c.post(_u(world, "stage_edit", stage_pk=staff.pk), {**form, "ended_on": "2025-04-02"})
    assert r.status_code == 302
    staff.refresh_from_db()
    assert (staff.name, staff.started_on, staff.ended_on) == (
        "Talking with staff",
        D(2025, 2, 20),
        D(2025, 4, 2),
    )
    r = c.post(_u(world, "stage_edit", stage_pk=staff.pk), {"action": "up"})
    assert r.status_code == 302
    assert list(Stage.objects.filter(journey=world.journey).values_list("name", flat=True))[:2] == [
        "Talking with staff",
        "Setting up",
    ]
    r = c.post(_u(world, "stage_add"), {"name": "", "planned_start": "", "planned_end": ""})
    assert r.status_code == 400
    assert "Name the stage, like “Gathering staff experience”." in r.content.decode()
    r = c.post(_u(world, "stage_add"), {"name": "Sharing what we learned"})
    assert r.status_code == 302
    last = Stage.objects.filter(journey=world.journey).last()
    assert last is not None and (last.name, last.position) == ("Sharing what we learned", 9)
    r = c.post(_u(world, "stage_edit", stage_pk=last.pk), {"action": "remove"})
    assert r.status_code == 302 and not Stage.objects.filter(pk=last.pk).exists()


def test_gatherings_are_chosen_on_the_stage_page_and_on_the_gatherings_page(world: Any) -> None:
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    first, second, *_ = Stage.objects.filter(journey=world.journey)
    g1 = _gathering(world, "Kick-off", D(2025, 1, 10))
    g2 = _gathering(world, "Workshop", D(2025, 2, 10))
    c = client_for(world.facilitator)
    r = c.post(_u(world, "stage", stage_pk=first.pk), {"gatherings": [g1.pk, g2.pk]})
    assert r.status_code == 302
    assert set(StageGathering.objects.values_list("gathering_id", flat=True)) == {g1.pk, g2.pk}
    # The gathering's page says its stage, with a link to change it.
    page = c.get(g2.get_absolute_url()).content.decode()
    assert "Stage of the plan:" in page and "Co-commissioning" in page
    assert _u(world, "gathering_stage", gathering_pk=g2.pk) in page
    r = c.post(_u(world, "gathering_stage", gathering_pk=g2.pk), {"stage": second.pk})
    assert r.status_code == 302 and r["Location"] == g2.get_absolute_url()
    assert StageGathering.objects.get(gathering=g2).stage_id == second.pk
    r = c.post(_u(world, "gathering_stage", gathering_pk=g2.pk), {"stage": "99999"})
    assert r.status_code == 400 and "Choose a stage from the list." in r.content.decode()
    r = c.post(_u(world, "gathering_stage", gathering_pk=g2.pk), {"stage": ""})
    assert r.status_code == 302 and not StageGathering.objects.filter(gathering=g2).exists()
    plan = c.get(_u(world, "plan")).content.decode()
    assert "Gatherings in no stage" in plan


def test_members_and_observers_read_the_plan_and_its_pdf_but_cannot_change_it(world: Any) -> None:
    services.plan_choose(
        actor=world.facilitator, journey=world.journey, method="ebcd", starts_on=D(2025, 1, 6)
    )
    stage = Stage.objects.get(journey=world.journey, position=1)
    services.gathering_set_stage(
        actor=world.facilitator,
        gathering=_gathering(world, "Kick-off", D(2025, 1, 10)),
        stage=stage,
    )
    for who in (world.member, world.observer):
        c = client_for(who)
        page = c.get(_u(world, "plan")).content.decode()
        assert "Setting up" in page and "Kick-off" in page
        assert "Late by" in page  # every planned end passed long ago, nothing done
        assert _u(world, "stage_edit", stage_pk=stage.pk) not in page
        assert c.get(_u(world, "stage", stage_pk=stage.pk)).status_code == 200
        assert c.post(_u(world, "stage", stage_pk=stage.pk), {"gatherings": []}).status_code == 403
        assert c.get(_u(world, "stage_edit", stage_pk=stage.pk)).status_code == 403
        assert c.get(_u(world, "choose")).status_code == 403
        r = c.get(_u(world, "plan") + "?format=pdf")
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
        assert "Our plan: Better breast care" in " ".join(text.split())
        assert "Celebration and review" in text and "Kick-off" in text
    assert StageGathering.objects.count() == 1
    assert client_for(world.outsider).get(_u(world, "plan")).status_code == 404


def test_the_front_page_says_where_the_group_is_and_what_comes_next(world: Any) -> None:
    today = timezone.localdate()
    c = client_for(world.facilitator)
    front = reverse("journeys:detail", kwargs={"slug": world.journey.slug})
    assert "Plan the journey&#x27;s stages" in c.get(front).content.decode()
    assert "Plan the journey" not in client_for(world.member).get(front).content.decode()
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    first, *_ = Stage.objects.filter(journey=world.journey)
    services.stage_update(
        actor=world.facilitator,
        stage=first,
        name=first.name,
        planned_start=today - datetime.timedelta(days=30),
        planned_end=today - datetime.timedelta(days=3),
        started_on=today - datetime.timedelta(days=30),
    )
    page = " ".join(client_for(world.member).get(front).content.decode().split())
    assert "Where we are in the plan" in page
    assert "Stage 1 of 4: Co-commissioning." in page
    assert "Late: its planned end passed 3 days ago." in page
    assert "Next: Co-design." in page


def _gathering_form(**over: str) -> dict[str, str]:
    return {
        "title": "Joint event",
        "kind": "workshop",
        "held_on": "2025-05-06",
        "venue_kind": "institutional",
        **over,
    }


def test_the_gathering_form_offers_the_stage_of_the_plan(world: Any) -> None:
    from powerwith.common.models import AuditEntry
    from powerwith.gatherings.models import Gathering

    create = reverse("gatherings:create", kwargs={"slug": world.journey.slug})
    fac = client_for(world.facilitator)
    # No plan yet: no field.
    assert 'name="plan_stage"' not in fac.get(create).content.decode()
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="ebcd")
    joint = Stage.objects.get(journey=world.journey, position=6)
    page = fac.get(create).content.decode()
    assert '<label class="label" for="id_plan_stage">Stage of the plan <span' in page
    assert f'<option value="{joint.pk}">{joint.name}</option>' in page
    # A member records gatherings but does not choose stages: no field for them.
    member = client_for(world.member)
    assert 'name="plan_stage"' not in member.get(create).content.decode()

    # A stage that is not one of this journey's: a specific error, and nothing saved.
    other_world = build_world("2", "Another journey")
    other = services.plan_choose(
        actor=other_world.facilitator, journey=other_world.journey, method="ebcd"
    )
    theirs = Stage.objects.filter(plan=other).first()
    assert theirs is not None
    for bad in (str(theirs.pk), "999999", "abc"):
        r = fac.post(create, _gathering_form(plan_stage=bad))
        assert r.status_code == 400, bad
        assert "Choose a stage from the list." in r.content.decode()
    assert not Gathering.objects.filter(journey=world.journey).exists()
    assert not StageGathering.objects.exists()

    r = fac.post(create, _gathering_form(plan_stage=str(joint.pk)))
    g = Gathering.objects.get(journey=world.journey)
    assert r.status_code == 302 and r["Location"] == g.get_absolute_url()
    assert StageGathering.objects.get(gathering=g).stage == joint
    assert AuditEntry.objects.filter(action="gathering_set_stage", object_id=g.pk).count() == 1

    # The edit form shows it chosen; "In no stage" takes it out, in the same save.
    edit = reverse("gatherings:edit", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk})
    assert f'<option value="{joint.pk}" selected>' in fac.get(edit).content.decode()
    r = fac.post(edit, _gathering_form(title="Joint event, moved", plan_stage=""))
    g.refresh_from_db()
    assert (r.status_code, g.title) == (302, "Joint event, moved")
    assert not StageGathering.objects.filter(gathering=g).exists()
    # A member's edit leaves the stage alone.
    services.gathering_set_stage(actor=world.facilitator, gathering=g, stage=joint)
    r = member.post(edit, _gathering_form(title="Joint event, by Mo"))
    assert r.status_code == 302
    assert StageGathering.objects.get(gathering=g).stage == joint


def test_a_refused_extra_saves_nothing(world: Any) -> None:
    """Every extra field's save runs in the gathering's transaction: one that refuses its
    value undoes the gathering too, and its message comes back under its own field."""
    from django import forms

    from powerwith.common.services import invalid
    from powerwith.gatherings import form_extras
    from powerwith.gatherings.models import Gathering

    def refuse(actor: Any, gathering: Any, value: Any) -> None:
        raise invalid("stage", "That stage has just been removed.")

    form_extras.register(
        "refusing",
        lambda access, g: form_extras.Extra(
            "refusing", forms.CharField(label="Refusing", required=False), "", refuse
        ),
        order=99,
    )
    try:
        r = client_for(world.facilitator).post(
            reverse("gatherings:create", kwargs={"slug": world.journey.slug}), _gathering_form()
        )
    finally:
        form_extras.unregister("refusing")
    assert r.status_code == 400
    assert r.context["form"].errors == {"refusing": ["That stage has just been removed."]}
    assert not Gathering.objects.exists()
