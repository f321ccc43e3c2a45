"""Who stays: stopped coming, never came, left; expected gatherings; co-design groups."""

from __future__ import annotations

from typing import Any

from powerwith.insights import core
from powerwith.insights.period import Period

from .builders import D


def test_who_stays(stays: dict[str, Any]) -> None:
    r = core.compute(stays["w"].journey, Period())["retention"]
    assert r["missed_gatherings"] == 3
    assert r["people_expected"] == r["n"] == 8
    assert r["stopped_coming"] == {
        "total": 3,
        "by_side": {"lived": 2, "professional": 1},  # P2, P7 | P6
        "by_role": {"service_user": 1, "senior_leader": 1, "volunteer": 1},
    }
    assert r["never_came"] == {
        "total": 1,
        "by_side": {"lived": 1, "professional": 0},
        "by_role": {"carer": 1},
    }
    assert r["left"] == {
        "total": 1,
        "by_side": {"lived": 0, "professional": 1},
        "by_role": {"manager": 1},
    }
    # Staff: P3, P4, P6. P6 stopped coming, P4 left: 2 of 3.
    assert r["staff"] == {"people": 3, "stopped_coming": 1, "left": 1, "dropped": 2, "share": 0.667}


def test_who_stays_with_a_different_number_of_missed_gatherings(stays: dict[str, Any]) -> None:
    w = stays["w"]
    w.journey.options = {"warnings": {"staff_dropping_out": {"missed_gatherings": 2}}}
    w.journey.save()
    r = core.compute(w.journey, Period())["retention"]
    # Now P3 (missed G4, G5) has stopped coming too.
    assert r["stopped_coming"]["total"] == 4
    assert r["staff"]["dropped"] == 3


def test_who_stays_in_a_period(stays: dict[str, Any]) -> None:
    """Up to 27 January: G1-G3 only. P2 missed G3 only (1), P6 missed G3 (1): nobody stopped.
    P5 joined on the 26th: expected at G3 only, so too soon to say they never came. P4 left on
    the 28th, after this period: still here."""
    r = core.compute(stays["w"].journey, Period(end=D(2025, 1, 27)))["retention"]
    assert r["stopped_coming"]["total"] == 0
    assert r["never_came"]["total"] == 0
    assert r["left"]["total"] == 0
    assert r["people_expected"] == 8
