"""The stakeholder map: services (bad input, who may do what), its history, joining the
register, and its figures on a small worked example (docs/insights.md, "## outreach")."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from powerwith.inclusion.insights import compute as inclusion_compute
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import merged
from powerwith.journeys import services as journey_services
from powerwith.outreach import insights, services
from powerwith.outreach.models import Stakeholder, StakeholderStep
from powerwith.people import services as people_services
from powerwith.people.models import Person

D = datetime.date


def _person(world, name="Amina"):
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role="service_user",
        joined_on=D(2025, 1, 6),
    )


def _entry(world, actor=None, **kw):
    args = {
        "name": "Carers of people on ward 7",
        "form": "group",
        "kind": "carers",
        "why": "They see the discharge from the other side.",
        "planned_on": D(2025, 3, 1),
    }
    args.update(kw)
    return services.stakeholder_create(actor=actor or world.member, journey=world.journey, **args)


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_create_starts_the_history(world):
    amina = _person(world)
    e = _entry(world, approacher=amina, how="at_a_group")
    assert (e.status, e.status_on, e.approacher, e.how) == (
        "to_approach",
        D(2025, 3, 1),
        amina,
        "at_a_group",
    )
    steps = list(e.steps.values_list("status", "on"))
    assert steps == [("to_approach", D(2025, 3, 1))]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter who should be involved."),
        ({"form": "crowd"}, "form", "Choose whether it is a person, an organisation or a group."),
        ({"kind": "bankers"}, "kind", "Choose which kind of stakeholder they are."),
        ({"why": ""}, "why", "Say why they matter to this work."),
        ({"how": "pigeon"}, "how", "Choose how they will be approached from the list."),
        ({"planned_on": D(2999, 1, 1)}, "planned_on", "The date cannot be in the future."),
        ({"name": "x" * 201}, "name", "Keep this under 200 characters."),
    ],
)
def test_create_refuses_bad_input(world, change, field, message):
    with pytest.raises(ValidationError) as exc:
        _entry(world, **change)
    assert _errors(exc) == {field: [message]}
    assert Stakeholder.objects.count() == 0


def test_approacher_from_another_journey_is_refused(world):
    other = journey_services.journey_create(actor=world.facilitator, title="Other")
    stranger = people_services.person_create(
        actor=world.facilitator, journey=other, name="Zed", role="carer", joined_on=D(2025, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        _entry(world, approacher=stranger)
    assert _errors(exc) == {"approacher": ["Choose someone from this journey's register."]}


def test_who_may_keep_the_map(world):
    with pytest.raises(PermissionDenied):
        _entry(world, actor=world.observer)
    with pytest.raises(Http404):
        _entry(world, actor=world.outsider)
    e = _entry(world, actor=world.member)
    with pytest.raises(PermissionDenied):
        services.stakeholder_remove(actor=world.member, stakeholder=e)
    services.stakeholder_remove(actor=world.facilitator, stakeholder=e)
    assert Stakeholder.objects.count() == StakeholderStep.objects.count() == 0
    from powerwith.common.models import AuditEntry

    last = AuditEntry.objects.filter(action="stakeholder_remove").get()
    assert "ward 7" not in last.summary


def test_declined_needs_a_reason_and_steps_keep_date_order(world):
    e = _entry(world)
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_record(
            actor=world.member, stakeholder=e, status="declined", on=D(2025, 3, 5)
        )
    assert _errors(exc) == {"reason": ["Say why they declined, in their words if you can."]}
    services.stakeholder_record(
        actor=world.member, stakeholder=e, status="approached", on=D(2025, 3, 5)
    )
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_record(
            actor=world.member, stakeholder=e, status="agreed", on=D(2025, 3, 4)
        )
    assert _errors(exc) == {
        "on": ["The date cannot be before the last thing recorded (2025-03-05)."]
    }
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_record(
            actor=world.member, stakeholder=e, status="maybe", on=D(2025, 3, 6)
        )
    assert _errors(exc) == {"status": ["Choose what happened."]}
    services.stakeholder_record(
        actor=world.member,
        stakeholder=e,
        status="declined",
        on=D(2025, 3, 9),
        reason="Evenings are impossible",
    )
    e.refresh_from_db()
    assert (e.status, e.status_on) == ("declined", D(2025, 3, 9))
    assert list(e.steps.values_list("status", "reason")) == [
        ("to_approach", ""),
        ("approached", ""),
        ("declined", "Evenings are impossible"),
    ]


def test_the_database_refuses_a_decline_without_reason(world):
    e = _entry(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderStep.objects.create(
            stakeholder=e, journey=world.journey, status="declined", on=D(2025, 3, 2)
        )


def test_joining_the_register_keeps_the_history(world):
    e = _entry(world, name="Bea", form="person")
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_join(
            actor=world.member, stakeholder=e, role="carer", joined_on=D(2025, 3, 10)
        )
    assert exc.value.messages == ["Record that they agreed before adding them to the register."]
    services.stakeholder_record(
        actor=world.member, stakeholder=e, status="agreed", on=D(2025, 3, 8)
    )
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_join(
            actor=world.member, stakeholder=e, role="carer", joined_on=D(2025, 3, 7)
        )
    assert _errors(exc) == {"joined_on": ["They cannot join before they agreed (2025-03-08)."]}
    person = services.stakeholder_join(
        actor=world.member, stakeholder=e, role="carer", joined_on=D(2025, 3, 10)
    )
    assert (person.name, person.role, person.side, person.joined_on) == (
        "Bea",
        "carer",
        "lived",
        D(2025, 3, 10),
    )
    e.refresh_from_db()
    assert e.person == person
    assert e.steps.count() == 2
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_record(
            actor=world.member, stakeholder=e, status="declined", on=D(2025, 3, 11), reason="x"
        )
    assert list(exc.value.message_dict) == ["status"]
    with pytest.raises(ValidationError) as exc:
        services.stakeholder_join(actor=world.member, stakeholder=e, person=person)
    assert exc.value.messages == ["They are already in the register."]


def test_joining_links_someone_already_in_the_register(world):
    amina = _person(world)
    e = _entry(world)
    services.stakeholder_record(
        actor=world.member, stakeholder=e, status="agreed", on=D(2025, 3, 2)
    )
    assert services.stakeholder_join(actor=world.member, stakeholder=e, person=amina) == amina
    assert Person.objects.filter(journey=world.journey).count() == 1


def _worked_example(world):
    """Five entries, dashboard period ending 2025-04-30 (see docs/insights.md)."""
    amina = _person(world)
    a = _entry(world, name="A", kind="carers", planned_on=D(2025, 3, 1), approacher=amina)
    _entry(world, name="B", kind="carers", planned_on=D(2025, 3, 1))
    c = _entry(world, name="C", kind="unions", planned_on=D(2025, 3, 10), approacher=amina)
    d = _entry(world, name="D", kind="unions", planned_on=D(2025, 4, 1))
    _entry(world, name="E", kind="commissioners", planned_on=D(2025, 5, 10))  # after the end
    rec = services.stakeholder_record
    rec(actor=world.member, stakeholder=a, status="approached", on=D(2025, 3, 5))
    rec(actor=world.member, stakeholder=a, status="agreed", on=D(2025, 3, 20))
    rec(actor=world.member, stakeholder=c, status="approached", on=D(2025, 3, 20))
    rec(actor=world.member, stakeholder=c, status="declined", on=D(2025, 4, 2), reason="No time")
    rec(actor=world.member, stakeholder=d, status="no_answer", on=D(2025, 5, 2))  # after the end
    return Period(start=D(2025, 4, 1), end=D(2025, 4, 30))


def test_figures_on_a_worked_example(world):
    period = _worked_example(world)
    m = insights.compute(world.journey, period)["map"]
    # At 30 April: A agreed, B still to approach (nobody named), C declined, D still to
    # approach (nobody named; its "no answer" comes later); E not on the map yet.
    assert m == {
        "as_at": "2025-04-30",
        "entries": 4,
        "reached": 2,
        "agreed": 1,
        "declined": 1,
        "no_answer": 0,
        "awaiting_answer": 0,
        "still_to_approach": 2,
        "no_one_approaching": 2,
        "reached_share": 0.5,
        "agreed_share": 0.25,
        "joined_register": 0,
        "by_kind": [
            {
                "kind": "carers",
                "label": "Carers and families",
                "entries": 2,
                "reached": 1,
                "agreed": 1,
                "declined": 0,
                "no_answer": 0,
                "awaiting_answer": 0,
                "still_to_approach": 1,
                "no_one_approaching": 1,
            },
            {
                "kind": "unions",
                "label": "Unions and staff groups",
                "entries": 2,
                "reached": 1,
                "agreed": 0,
                "declined": 1,
                "no_answer": 0,
                "awaiting_answer": 0,
                "still_to_approach": 1,
                "no_one_approaching": 1,
            },
        ],
        # B waited 60 days (1 Mar to 30 Apr), D 29 days: the middle of 29 and 60 is 44.5.
        "median_days_waiting": 44.5,
        "longest_days_waiting": 60,
        # A was first asked 4 days after it was planned, C 10 days: the middle is 7.
        "median_days_to_reach": 7.0,
        # Steps dated in April: C declined on 2 April.
        "steps_in_period": {"approached": 0, "agreed": 0, "declined": 1, "no_answer": 0},
    }
    gaps = inclusion_compute(world.journey, period)["stakeholder_map"]
    assert gaps == {
        "entries": 4,
        "not_reached": 2,
        "not_agreed": 3,
        "by_kind": [
            {
                "kind": "carers",
                "label": "Carers and families",
                "entries": 2,
                "not_reached": 1,
                "not_agreed": 1,
            },
            {
                "kind": "unions",
                "label": "Unions and staff groups",
                "entries": 2,
                "not_reached": 1,
                "not_agreed": 2,
            },
        ],
    }


def test_warnings_on_the_worked_example(world):
    period = _worked_example(world)
    world.journey.started_on = D(2025, 2, 1)
    world.journey.save()
    data = insights.compute(world.journey, period)
    signs = {w.code: w for w in insights.warnings(world.journey, period, data, merged({}))}
    assert signs["map_empty"].fired is False
    assert signs["map_no_one_approaching"].fired is True
    assert signs["map_no_one_approaching"].evidence == {
        "entries": 2,
        "kinds": ["Carers and families", "Unions and staff groups"],
    }
    # B has waited 60 days (> 42); D 29 days.
    assert signs["map_waiting_long"].fired is True
    assert signs["map_waiting_long"].evidence == {"entries": 1, "longest_days": 60}
    signs = {
        w.code: w
        for w in insights.warnings(
            world.journey, period, data, merged({"map_waiting_long": {"days": 60}})
        )
    }
    assert signs["map_waiting_long"].fired is False


def test_empty_map_warns_once_the_journey_has_started(world):
    world.journey.started_on = D(2025, 2, 1)
    world.journey.save()
    period = Period(start=D(2025, 2, 1), end=D(2025, 3, 1))  # 28 days after the start
    data = insights.compute(world.journey, period)
    sign = next(
        w
        for w in insights.warnings(world.journey, period, data, merged({}))
        if w.code == "map_empty"
    )
    assert (sign.fired, sign.evidence) == (True, {"entries": 0, "days_since_start": 28})
    early = Period(start=D(2025, 2, 1), end=D(2025, 2, 28))
    data = insights.compute(world.journey, early)
    sign = next(
        w
        for w in insights.warnings(world.journey, early, data, merged({}))
        if w.code == "map_empty"
    )
    assert sign.fired is False


def test_the_section_is_in_the_insights_json(world):
    _entry(world, planned_on=D(2025, 3, 1))
    doc = insights_for(world.journey, Period())
    assert doc["sections"]["outreach"]["map"]["entries"] == 1
    assert doc["sections"]["inclusion"]["stakeholder_map"]["not_reached"] == 1
    codes = {w["code"] for w in doc["warnings"]}
    assert {"map_empty", "map_no_one_approaching", "map_waiting_long"} <= codes


def test_every_key_is_documented(world):
    from tests.insights.doc_keys import DOC, flatten

    _worked_example(world)
    group = services.linked_group_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Net",
        kind="network",
        since=D(2025, 1, 1),
    )
    services.joint_activity_add(actor=world.facilitator, group=group, on=D(2025, 2, 1), what="Met")
    text = DOC.read_text()
    known = set(__import__("re").findall(r"`([^`\s]+)`", text))
    data = insights_for(world.journey, Period())["sections"]["outreach"]
    paths = {"links.by_kind.*" if p.startswith("links.by_kind.") else p for p in flatten(data)}
    missing = sorted(p for p in paths if p not in known)
    assert not missing, f"outreach keys missing from docs/insights.md: {missing}"
    for code in insights.DEFAULT_THRESHOLDS:
        assert f"`{code}`" in text
