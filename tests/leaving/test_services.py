"""Leaving's services: who may write, what bad input is refused and with which message, and
what a handover moves."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from powerwith.common.access import NotAllowed
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import GroupAction
from powerwith.inclusion.models import Task
from powerwith.leaving import selectors, services
from powerwith.leaving.models import AssetKept, StopAsk
from powerwith.people import services as ps
from tests.insights.builders import D


def message(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_only_facilitators_record_why_someone_stopped(stays: dict[str, Any]) -> None:
    w, p = stays["w"], stays["p"]
    with pytest.raises(NotAllowed):
        services.stop_ask_record(
            actor=w.member,
            person=p[2],
            asked_on=D(2025, 2, 1),
            asked_how="phone",
            answer="declined",
        )
    with pytest.raises(NotAllowed):
        services.funding_set(actor=w.member, journey=w.journey, funding_ends_on=None)
    assert not StopAsk.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"asked_how": "pigeon"}, "asked_how", "Choose how they were asked."),
        ({"answer": "maybe"}, "answer", "Choose what came of asking."),
        ({"in_their_words": ""}, "in_their_words", "Write what they said, in their words."),
        ({"reasons": []}, "reasons", "Choose at least one reason."),
        ({"reasons": ["bored"]}, "reasons", "Choose reasons from the list."),
        ({"asked_on": D(2025, 1, 10)}, "asked_on", "P2 had not come to any gathering by then"),
        ({"answer": "declined"}, "answer", "You wrote down their reasons"),
        ({"in_their_words": "x" * 4001}, "in_their_words", "Keep this under 4,000 characters."),
    ],
)
def test_bad_answers_are_refused(
    stays: dict[str, Any], kwargs: dict[str, Any], field: str, words: str
) -> None:
    w, p = stays["w"], stays["p"]
    good: dict[str, Any] = {
        "asked_on": D(2025, 2, 1),
        "asked_how": "phone",
        "answer": "answered",
        "in_their_words": "The times",
        "reasons": ["times_places"],
    }
    with pytest.raises(ValidationError) as exc:
        services.stop_ask_record(actor=w.facilitator, person=p[2], **{**good, **kwargs})
    assert words in message(exc)[field][0]


def test_a_future_date_is_refused(stays: dict[str, Any]) -> None:
    w, p = stays["w"], stays["p"]
    with pytest.raises(ValidationError) as exc:
        services.stop_ask_record(
            actor=w.facilitator,
            person=p[2],
            asked_on=timezone.localdate() + datetime.timedelta(days=1),
            asked_how="phone",
            answer="no_answer",
        )
    assert message(exc) == {"asked_on": ["The date cannot be in the future."]}


def test_raising_a_reason_makes_it_a_contribution_in_their_name(scene: dict[str, Any]) -> None:
    w, ask = scene["w"], scene["asks"][2]
    c = services.stop_ask_raise(actor=w.facilitator, ask=ask)
    assert (c.text, c.raised_by, c.channel, c.raised_on) == (
        "Mondays clash with my dialysis.",
        ask.person,
        "phone",
        D(2025, 2, 1),
    )
    assert sorted(t.name for t in c.tags.all()) == [
        "Health or caring",
        "Times or places don't suit",
    ]
    with pytest.raises(ValidationError):
        services.stop_ask_raise(actor=w.facilitator, ask=ask)  # twice
    with pytest.raises(ValidationError):
        services.stop_ask_raise(actor=w.facilitator, ask=scene["asks"][6])  # declined


def test_a_handover_moves_open_actions(scene: dict[str, Any]) -> None:
    p = scene["p"]
    assert Task.objects.get(pk=scene["task"].pk).person == p[1]
    assert GroupAction.objects.get(pk=scene["action"].pk).who == p[8]
    assert Contribution.objects.get(pk=scene["owned"].pk).owner == p[4]
    h = scene["handover"]
    assert (h.on, h.role, h.side) == (D(2025, 1, 28), "manager", "professional")
    assert [(r.kind, r.to_person) for r in h.reassignments.all()] == [
        ("task", p[1]),
        ("group_action", p[8]),
    ]
    assert [a.kind for a in selectors.open_actions(p[4])] == ["contribution"]


def test_handing_on_an_owned_contribution(scene: dict[str, Any]) -> None:
    w, p = scene["w"], scene["p"]
    h = services.handover_record(
        actor=w.facilitator,
        person=p[3],
        occasion="role_change",
        knew_and_did="Front desk",
        reassign={},
    )
    assert (h.on, h.role) == (D(2025, 2, 1), "frontline_staff")  # the role before the change
    ps.person_leave(actor=w.facilitator, person=p[8], left_on=D(2025, 3, 1))
    services.handover_record(
        actor=w.facilitator,
        person=p[8],
        occasion="left",
        knew_and_did="Signs",
        reassign={f"group_action-{scene['action'].pk}": p[1]},
    )
    assert GroupAction.objects.get(pk=scene["action"].pk).who == p[1]


@pytest.mark.parametrize(
    ("who", "kwargs", "field", "words"),
    [
        (1, {"occasion": "left"}, "occasion", "P1 has not left."),
        (1, {"occasion": "role_change"}, "occasion", "P1 has had one role only."),
        (4, {"occasion": "gone"}, "occasion", "Choose whether they left or changed role."),
        (4, {"knew_and_did": " "}, "knew_and_did", "Write what they knew and did."),
        (4, {"occasion": "left"}, "occasion", "A handover for this is already recorded"),
    ],
)
def test_bad_handovers_are_refused(
    scene: dict[str, Any], who: int, kwargs: dict[str, Any], field: str, words: str
) -> None:
    w, p = scene["w"], scene["p"]
    args: dict[str, Any] = {"occasion": "left", "knew_and_did": "Things", **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.handover_record(actor=w.facilitator, person=p[who], **args)
    assert words in message(exc)[field][0]


def test_reassigning_to_someone_who_left_or_to_themselves_is_refused(scene: dict[str, Any]) -> None:
    w, p = scene["w"], scene["p"]
    ps.person_leave(actor=w.facilitator, person=p[8], left_on=D(2025, 3, 1))
    key = f"contribution-{scene['owned'].pk}"
    ps.person_rejoin(actor=w.facilitator, person=p[4])
    ps.person_leave(actor=w.facilitator, person=p[4], left_on=D(2025, 2, 2))
    with pytest.raises(ValidationError) as exc:
        services.handover_record(
            actor=w.facilitator,
            person=p[4],
            occasion="left",
            knew_and_did="x",
            reassign={key: p[8]},
        )
    assert message(exc) == {f"reassign_{key}": ["P8 has left."]}
    with pytest.raises(ValidationError) as exc:
        services.handover_record(
            actor=w.facilitator,
            person=p[4],
            occasion="left",
            knew_and_did="x",
            reassign={key: p[4]},
        )
    assert message(exc) == {f"reassign_{key}": ["Choose someone else to take it on."]}


def test_assets_kept(scene: dict[str, Any]) -> None:
    w = scene["w"]
    with pytest.raises(ValidationError) as exc:
        services.asset_keep(
            actor=w.facilitator, asset=scene["skills"], how="Again", on=D(2025, 2, 1)
        )
    assert exc.value.messages == ["This asset has already been handed over."]
    org_asset = scene["org"].assets.get()
    with pytest.raises(ValidationError):
        services.asset_keep(actor=w.facilitator, asset=org_asset, how="x", on=D(2025, 2, 1))
    with pytest.raises(NotAllowed):
        services.asset_keep(actor=w.observer, asset=scene["skills"], how="x", on=D(2025, 2, 1))
    assert AssetKept.objects.count() == 1


def test_legacy_plan_parts_and_reviews(scene: dict[str, Any]) -> None:
    w, p = scene["w"], scene["p"]
    f, j = w.facilitator, w.journey
    with pytest.raises(ValidationError) as exc:
        services.funding_set(actor=f, journey=j, funding_ends_on=D(2024, 12, 31))
    assert "The funding cannot end before the journey started" in message(exc)["funding_ends_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.legacy_plan_save(actor=f, journey=j, agreed_on=D(2025, 8, 1), record_lives=" ")
    assert list(message(exc)) == ["record_lives"]
    with pytest.raises(ValidationError) as exc:
        services.legacy_part_add(actor=f, journey=j, what="The café")
    assert message(exc) == {"owner": ["Choose who owns it, or name a team or organisation."]}
    with pytest.raises(ValidationError) as exc:
        services.legacy_part_add(actor=f, journey=j, what="The café", owner=p[1], owner_other="Lib")
    assert list(message(exc)) == ["owner_other"]
    services.legacy_part_add(actor=f, journey=j, what="The café", owner=p[1])
    with pytest.raises(ValidationError) as exc:
        services.review_record(actor=f, journey=j, months=3, done_on=D(2026, 3, 1), found="x")
    assert message(exc) == {"months": ["Choose the 6-month or the 12-month review."]}
    with pytest.raises(ValidationError) as exc:
        services.review_record(actor=f, journey=j, months=6, done_on=D(2025, 8, 1), found="x")
    assert "A follow-up review is after the end" in message(exc)["done_on"][0]
    services.review_record(actor=f, journey=j, months=6, done_on=D(2026, 3, 1), found="Lasted")
    with pytest.raises(ValidationError) as exc:
        services.review_record(actor=f, journey=j, months=6, done_on=D(2026, 3, 2), found="x")
    assert message(exc) == {"months": ["This review is already recorded."]}


def test_a_review_needs_an_end(world: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.review_record(
            actor=world.facilitator,
            journey=world.journey,
            months=6,
            done_on=D(2026, 1, 1),
            found="x",
        )
    assert "Set the journey's end date" in message(exc)["months"][0]
