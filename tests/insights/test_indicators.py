"""Every foundation indicator against values worked out by hand on small journeys."""

from __future__ import annotations

from typing import Any

from powerwith.insights import core
from powerwith.insights.period import Period
from powerwith.people import services as ps
from tests.conftest import World

from .builders import D, came, fate, gathering, item, person, raise_, spoke
from .conftest import SceneA, SceneF


def test_who_is_in_the_room(scene: SceneA) -> None:
    room = core.compute(scene.w.journey, Period())["room"]
    assert room["people"] == 5
    assert room["n"] == 7  # attendance records: 5 at G1 + 2 at G2
    assert room["by_side"] == {"lived": 3, "professional": 2}  # Ann, Ben, Eve | Cat, Dan
    assert room["by_role"] == {
        "service_user": 1,
        "carer": 1,
        "community_member": 1,
        "frontline_staff": 1,
        "manager": 1,
    }
    assert room["paid"] == {"paid": 2, "unpaid": 3}
    assert room["staff_seniority"] == {
        "by_role": {"frontline_staff": 1, "manager": 1, "senior_leader": 0},
        "lowest": "frontline_staff",
        "highest": "manager",
    }
    assert room["organisations_by_kind"] == {"statutory_health": 1, "statutory_council": 1}
    assert room["organisations"] == 2
    assert room["by_month"] == [
        {
            "month": "2025-02",
            "people": 5,
            "by_side": {"lived": 3, "professional": 2},
            "by_role": {
                "service_user": 1,
                "carer": 1,
                "community_member": 1,
                "frontline_staff": 1,
                "manager": 1,
            },
        },
        {
            "month": "2025-03",
            "people": 2,
            "by_side": {"lived": 1, "professional": 1},
            "by_role": {"service_user": 1, "frontline_staff": 1},
        },
    ]
    assert room["small_numbers"] is True  # 7 < 10
    assert "only 7 attendance records" in room["note"]
    assert room["drill_down"].endswith("/dashboard/records/room/")
    assert room["based_on"].startswith("Farr 2018")


def test_share_of_voice(scene: SceneA) -> None:
    v = core.compute(scene.w.journey, Period())["voice"]
    # Turns per person: Ann 2+3=5, Ben 1, Cat 3+1=4, Dan 4, Eve 0; total 14.
    assert v["turns"] == v["n"] == 14
    assert v["turns_by_side"] == {"lived": 6, "professional": 8}  # Ann 5 + Ben 1 | Cat 4 + Dan 4
    assert v["turns_share_by_side"] == {"lived": 0.429, "professional": 0.571}  # 6/14, 8/14
    assert v["turns_by_role"] == {"service_user": 5, "carer": 1, "frontline_staff": 4, "manager": 4}
    # Timed: Ann 4 min over 2 turns (120 s each), Dan 8 min over 4 turns (120 s each).
    assert v["timed_turns"] == 6
    assert v["seconds"] == 720
    assert v["seconds_by_side"] == {"lived": 240, "professional": 480}
    assert v["seconds_share_by_side"] == {"lived": 0.333, "professional": 0.667}
    assert v["seconds_by_role"] == {
        "service_user": 240,
        "carer": 0,
        "frontline_staff": 0,
        "manager": 480,
    }
    assert v["speakers"] == 4
    assert v["attendees"] == 5
    # Top three: Ann 5 + Cat 4 + Dan 4 = 13 of 14.
    assert v["top3_share"] == 0.929
    # Gini over [0, 1, 4, 4, 5]: sum(i * x_i) = 0 + 2 + 12 + 16 + 25 = 55;
    # G = 2 * 55 / (5 * 14) - 6 / 5 = 1.5714 - 1.2 = 0.371.
    assert v["gini"] == 0.371
    assert v["silent"] == 1  # Eve
    assert v["silent_by_side"] == {"lived": 1, "professional": 0}
    g1, g2 = v["per_gathering"]
    assert (g1["title"], g1["held_on"]) == ("February meeting", "2025-02-03")
    assert g1["attendees"] == 5 and g1["attendees_by_side"] == {"lived": 3, "professional": 2}
    assert g1["turns"] == 10 and g1["turns_by_side"] == {"lived": 3, "professional": 7}
    assert g1["seconds_by_side"] == {"lived": 240, "professional": 480}
    assert (g1["speakers"], g1["silent"]) == (4, 1)
    assert g2["turns_by_side"] == {"lived": 3, "professional": 1}
    assert (g2["attendees"], g2["speakers"], g2["silent"]) == (2, 2, 0)


def test_where_and_how_people_meet(scene: SceneA) -> None:
    v = core.compute(scene.w.journey, Period())["venues"]
    assert v["gatherings"] == v["n"] == 2
    assert v["institutional_share"] == 0.5
    # G1 institutional: 5 came, 3 lived; G2 community: 2 came, 1 lived.
    assert v["by_venue"] == {
        "community": {
            "gatherings": 1,
            "attendances": 2,
            "lived_attendances": 1,
            "share": 0.5,
            "lived_share_of_attendance": 0.5,
            "lived_per_gathering": 1.0,
        },
        "institutional": {
            "gatherings": 1,
            "attendances": 5,
            "lived_attendances": 3,
            "share": 0.5,
            "lived_share_of_attendance": 0.6,
            "lived_per_gathering": 3.0,
        },
    }
    assert v["by_format"]["formal"]["lived_share_of_attendance"] == 0.6
    assert v["by_format"]["informal"]["gatherings"] == 1


def test_who_sets_the_agenda(scene: SceneA) -> None:
    p = scene.people
    item(scene.w, scene.g1, "Waiting times", by=p["ann"])
    item(scene.w, scene.g1, "Budget", by=p["cat"])
    item(scene.w, scene.g1, "Staffing", by=p["dan"])
    item(scene.w, scene.g1, "Any other business")  # no proposer recorded
    item(scene.w, scene.g2, "Car parking", by=p["ann"])
    a = core.compute(scene.w.journey, Period())["agenda"]
    assert a["items"] == a["n"] == 5
    assert a["by_side"] == {"lived": 2, "professional": 2}
    assert a["unknown"] == 1
    assert a["lived_share"] == 0.5  # 2 of the 4 with a known proposer
    assert a["by_role"] == {"service_user": 2, "frontline_staff": 1, "manager": 1}
    assert a["recent"] == {"gatherings": 2, "items": 5, "lived": 2, "from": "2025-02-03"}


def test_no_turns_recorded(world: World) -> None:
    w = world
    a, b = person(w, "Ann", "service_user"), person(w, "Bob", "manager")
    came(w, gathering(w, D(2025, 2, 3)), a, b)
    v = core.compute(w.journey, Period())["voice"]
    assert v["turns"] == 0 and v["timed_turns"] == 0 and v["seconds"] == 0
    assert v["turns_share_by_side"] == {"lived": None, "professional": None}
    assert v["top3_share"] is None
    assert v["gini"] == 0.0  # nobody holds more than anyone else
    assert v["silent"] == 2 and v["attendees"] == 2
    assert v["note"] == "Nothing recorded in this period yet."


def test_empty_journey_has_no_division_by_zero(world: World) -> None:
    data = core.compute(world.journey, Period())
    assert data["room"]["people"] == 0 and data["room"]["by_month"] == []
    assert data["voice"]["gini"] == 0.0 and data["voice"]["per_gathering"] == []
    assert data["agenda"]["lived_share"] is None
    assert data["follow_through"]["acted_upon_rate"] is None
    assert data["follow_through"]["median_days_to_first_response"] is None
    assert data["follow_through"]["oldest_unanswered"] is None
    assert data["retention"]["staff"]["share"] is None
    assert data["venues"]["institutional_share"] is None
    assert data["changes"]["by_level_share"]["individual"] is None
    assert data["limits"]["decisions"] == 0
    assert all(ind["n"] == 0 and ind["small_numbers"] for ind in data.values())
    signs = core.warnings(world.journey, Period(), data, _defaults())
    assert not [s.code for s in signs if s.fired]


def _defaults() -> dict[str, dict[str, Any]]:
    return {k: dict(v) for k, v in core.DEFAULT_THRESHOLDS.items()}


def test_a_role_change_mid_period_counts_by_the_role_at_the_time(world: World) -> None:
    """Ben is a service user at G1 (3 turns); from 1 March a paid peer worker, at G2 (2 turns)."""
    w = world
    ben = person(w, "Ben", "service_user")
    g1 = gathering(w, D(2025, 2, 3))
    g2 = gathering(w, D(2025, 3, 10))
    spoke(w, g1, {ben: 3})
    spoke(w, g2, {ben: 2})
    ps.person_change_role(
        actor=w.facilitator, person=ben, role="peer_worker", from_date=D(2025, 3, 1), paid=True
    )
    data = core.compute(w.journey, Period())
    assert data["voice"]["turns_by_role"] == {"service_user": 3, "peer_worker": 2}
    assert data["voice"]["turns_by_side"] == {"lived": 5, "professional": 0}
    room = data["room"]
    assert room["people"] == 1
    assert room["by_role"] == {"service_user": 1, "peer_worker": 1}  # once under each role
    assert room["by_side"] == {"lived": 1, "professional": 0}
    assert room["paid"] == {"paid": 1, "unpaid": 1}  # unpaid in February, paid in March
    assert [m["by_role"] for m in room["by_month"]] == [{"service_user": 1}, {"peer_worker": 1}]
    # Only March: the peer worker alone.
    march = core.compute(w.journey, Period(D(2025, 3, 1), D(2025, 3, 31)))
    assert march["room"]["by_role"] == {"peer_worker": 1}
    assert march["room"]["paid"] == {"paid": 1, "unpaid": 0}
    assert march["voice"]["turns"] == 2


def test_follow_through(follow: SceneF) -> None:
    ft = core.compute(follow.w.journey, Period())["follow_through"]
    # Raised = not merged: c1, c2, c3, c5, c6.
    assert ft["raised"] == ft["n"] == 5
    assert (ft["done"], ft["not_possible"], ft["open"]) == (2, 1, 2)
    assert ft["unanswered"] == 1  # c3
    assert ft["merged"] == 1  # c4
    assert ft["acted_upon_rate"] == 0.4  # 2 / 5
    # Days to first response: c1 3, c2 10, c5 5, c6 1 -> 1, 3, 5, 10 -> (3 + 5) / 2.
    assert ft["median_days_to_first_response"] == 4.0
    assert ft["responded"] == 4
    assert ft["by_fate"] == {
        "new": 1,
        "considering": 1,
        "prioritised": 0,
        "in_progress": 0,
        "done": 2,
        "not_possible": 1,
        "merged": 1,
    }
    assert ft["not_possible_reasons"] == [
        {
            "id": follow.c[1].pk,
            "text": "Free parking for carers",
            "reason": "No budget this year",
            "on": "2025-02-14",
        }
    ]
    old = ft["oldest_unanswered"]
    assert (old["id"], old["raised_on"], old["channel"], old["raised_by"]) == (
        follow.c[2].pk,
        "2025-02-05",
        "comment_box",
        "anonymous",
    )
    bc = ft["by_channel"]
    assert set(bc) == {"gathering", "paper", "comment_box", "online"}
    assert (
        bc["gathering"]["raised"],
        bc["gathering"]["done"],
        bc["gathering"]["acted_upon_rate"],
    ) == (1, 1, 1.0)
    assert bc["paper"]["not_possible"] == 1 and bc["paper"]["median_days_to_first_response"] == 10.0
    assert bc["comment_box"] == {
        "raised": 1,
        "done": 0,
        "not_possible": 0,
        "open": 1,
        "unanswered": 1,
        "merged": 1,
        "acted_upon_rate": 0.0,
        "median_days_to_first_response": None,
        "responded": 0,
    }
    # online: c5 (open, 5 days) and c6 (done, 1 day).
    assert bc["online"]["raised"] == 2 and bc["online"]["acted_upon_rate"] == 0.5
    assert bc["online"]["median_days_to_first_response"] == 3.0
    br = ft["by_raiser"]
    assert set(br) == {"lived", "professional", "anonymous"}
    # lived: c1 (done, 3 days), c2 (not possible, 10 days).
    assert (
        br["lived"]["acted_upon_rate"] == 0.5
        and br["lived"]["median_days_to_first_response"] == 6.5
    )
    assert br["professional"]["acted_upon_rate"] == 0.5
    assert br["anonymous"]["raised"] == 1 and br["anonymous"]["merged"] == 1
    assert br["anonymous"]["acted_upon_rate"] == 0.0


def test_what_changed(follow: SceneF) -> None:
    ch = core.compute(follow.w.journey, Period())["changes"]
    assert ch["done"] == ch["n"] == 2
    assert ch["by_level"] == {
        "individual": 1,
        "local_community": 0,
        "organisational_service": 0,
        "organisational_culture": 1,
        "policy_structural": 0,
    }
    assert ch["by_level_share"]["individual"] == 0.5
    assert ch["high_level"] == 1
    # Done in the period, whenever raised: only c6 was done on 9 February.
    only = core.compute(follow.w.journey, Period(D(2025, 2, 9), D(2025, 2, 9)))["changes"]
    assert only["by_level"]["organisational_culture"] == 1 and only["done"] == 1


def test_everyone_anonymous(world: World) -> None:
    w = world
    for i in range(3):
        raise_(w, f"Point {i}", "comment_box", D(2025, 2, 1 + i))
    ft = core.compute(w.journey, Period())["follow_through"]
    assert ft["raised"] == 3 and ft["unanswered"] == 3
    assert list(ft["by_raiser"]) == ["anonymous"]
    assert ft["by_raiser"]["anonymous"]["raised"] == 3
    assert ft["acted_upon_rate"] == 0.0
    assert ft["oldest_unanswered"]["raised_on"] == "2025-02-01"


def test_merged_counted_once_even_when_chained(follow: SceneF) -> None:
    """Merging c3 (which carries c4) into c1: c3 and c4 both count through c1."""
    w, c = follow.w, follow.c
    fate(w, c[2], "merged", D(2025, 2, 20), merged_into=c[0])
    ft = core.compute(w.journey, Period())["follow_through"]
    assert ft["raised"] == 4  # c1, c2, c5, c6
    assert ft["merged"] == 2
    assert ft["unanswered"] == 0 and ft["oldest_unanswered"] is None
    assert ft["acted_upon_rate"] == 0.5  # 2 / 4
