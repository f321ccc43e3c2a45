"""Support needs: who is expected at a gathering, the checklist, unmet needs, and who stopped
coming after one."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from powerwith.inclusion import selectors, services
from powerwith.inclusion.models import NeedCheck
from powerwith.people import services as ps
from tests.conftest import build_world

from .helpers import came, crowd, gathering, person

D0 = datetime.date(2025, 1, 10)
D1 = datetime.date(2025, 2, 1)
D2 = datetime.date(2025, 3, 1)


def _need(world, p, kind="transport", since=D0, notes=""):
    return services.need_add(actor=world.facilitator, person=p, kind=kind, since=since, notes=notes)


def test_expected_needs_at_a_gathering(world):
    ann, bob, cat, dev = (person(world, n) for n in ("Ann", "Bob", "Cat", "Dev"))
    late = person(world, "Eve", joined_on=datetime.date(2025, 2, 20))
    a = _need(world, ann)
    b = _need(world, bob, kind="care_cover")
    _need(world, cat, kind="step_free", since=datetime.date(2025, 2, 5))  # starts after D1
    ended = _need(world, dev, kind="easy_read")
    services.need_end(actor=world.facilitator, need=ended, ended_on=datetime.date(2025, 1, 31))
    _need(world, late, kind="interpreter")  # joins after D1: not expected
    ps.person_leave(actor=world.facilitator, person=bob, left_on=datetime.date(2025, 1, 31))
    g = gathering(world, "Workshop", D1)
    rows = selectors.gathering_needs(g)
    assert [r.need.pk for r in rows] == [a.pk]
    came(world, g, [bob], status="present")  # on the attendance list, so expected after all
    assert [r.need.pk for r in selectors.gathering_needs(g)] == [a.pk, b.pk]


def test_checklist_and_who_stopped_coming(world):
    ann, bob = person(world, "Ann"), person(world, "Bob")
    a, b = _need(world, ann), _need(world, bob, kind="care_cover")
    g1, g2 = gathering(world, "One", D1), gathering(world, "Two", D2)
    came(world, g1, [ann, bob])
    services.need_checks_save(
        actor=world.facilitator,
        gathering=g1,
        arranged={a.pk: True, b.pk: False},
        outcomes={a.pk: "met", b.pk: "not_met"},
        notes={b.pk: "The sitter cancelled"},
    )
    check = NeedCheck.objects.get(need=b)
    assert (check.arranged, check.outcome, check.note, check.person) == (
        False,
        "not_met",
        "The sitter cancelled",
        bob,
    )
    came(world, g2, [ann])
    summary = selectors.needs_summary(world.journey)
    assert summary["checked"] == 2
    # 1 unmet need is hidden, and so is "met" (2 - 1 would give it away)
    assert summary["unmet"] is None and summary["met"] is None
    # One person, one kind: hidden (fewer than 5), but the warning still knows someone stopped.
    assert summary["unmet_by_kind"] == [
        {"code": "care_cover", "label": "Care cover", "unmet": None}
    ]
    assert summary["stopped_after_unmet"] is None and summary["anyone_stopped_after_unmet"]
    # Saving again updates the same rows.
    services.need_checks_save(
        actor=world.facilitator, gathering=g1, arranged={b.pk: True}, outcomes={b.pk: "met"}
    )
    assert NeedCheck.objects.count() == 2
    assert selectors.needs_summary(world.journey)["anyone_stopped_after_unmet"] is False


def test_five_stopped_is_shown(world):
    people = crowd(world, 6)
    needs = [_need(world, p) for p in people]
    g1, g2 = gathering(world, "One", D1), gathering(world, "Two", D2)
    came(world, g1, people)
    services.need_checks_save(
        actor=world.facilitator,
        gathering=g1,
        arranged={},
        outcomes={n.pk: ("met" if i == 0 else "not_met") for i, n in enumerate(needs)},
    )
    came(world, g2, people[:1])
    summary = selectors.needs_summary(world.journey)
    assert summary["unmet"] == 5 and summary["stopped_after_unmet"] == 5
    assert summary["unmet_by_kind"] == [{"code": "transport", "label": "Transport", "unmet": 5}]
    assert summary["people_with_needs"] == 6 and summary["people_unmet"] == 5


def test_no_later_gathering_means_nobody_stopped_yet(world):
    ann = person(world, "Ann")
    a = _need(world, ann)
    g1 = gathering(world, "One", D1)
    came(world, g1, [ann])
    services.need_checks_save(
        actor=world.facilitator, gathering=g1, arranged={}, outcomes={a.pk: "not_met"}
    )
    assert selectors.needs_summary(world.journey)["anyone_stopped_after_unmet"] is False


def test_bad_input(world):
    ann = person(world, "Ann")
    with pytest.raises(ValidationError) as exc:
        _need(world, ann, kind="other")
    assert exc.value.message_dict == {"notes": ["Say what the need is."]}
    with pytest.raises(ValidationError) as exc:
        _need(world, ann, kind="teleport")
    assert exc.value.message_dict == {"kind": ["Choose what they need from the list."]}
    a = _need(world, ann)
    with pytest.raises(ValidationError) as exc:
        _need(world, ann)
    assert exc.value.message_dict == {"kind": ["\u201cTransport\u201d is already on the list."]}
    with pytest.raises(ValidationError) as exc:
        services.need_end(actor=world.facilitator, need=a, ended_on=datetime.date(2025, 1, 1))
    assert exc.value.message_dict == {
        "ended_on": ["It cannot end before it began (10 January 2025)."]
    }
    g = gathering(world, "One", D1)
    with pytest.raises(ValidationError) as exc:
        services.need_checks_save(
            actor=world.facilitator, gathering=g, arranged={}, outcomes={a.pk: "maybe"}
        )
    assert exc.value.message_dict == {f"outcome_{a.pk}": ["Choose met or not met."]}
    other = build_world("2", "Other")
    theirs = services.need_add(
        actor=other.facilitator,
        person=ps.person_create(
            actor=other.facilitator, journey=other.journey, name="Zed", role="carer", joined_on=D0
        ),
        kind="transport",
        since=D0,
    )
    with pytest.raises(ValidationError):
        services.need_checks_save(
            actor=world.facilitator, gathering=g, arranged={theirs.pk: True}, outcomes={}
        )
    assert not NeedCheck.objects.exists()


def test_a_person_can_add_their_own_need_but_not_others(world):
    from powerwith.common.access import NotAllowed

    ann = person(world, "Ann", user=world.observer)
    bob = person(world, "Bob")
    need = services.need_add(actor=world.observer, person=ann, kind="times", since=D0)
    assert need.recorded_by == world.observer
    with pytest.raises(NotAllowed):
        services.need_add(actor=world.observer, person=bob, kind="times", since=D0)
