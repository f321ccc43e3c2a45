"""The dashboard cache: a warm dashboard reads almost nothing, and never shows figures from
before the last write (common/figures.py)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from powerwith.common import figures
from powerwith.common.services import audit
from powerwith.gatherings import services as gs
from powerwith.insights import services as insights_services
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from tests.conftest import client_for

from .builders import D, came, gathering, person, raise_
from .conftest import SceneA


def turns(doc: dict[str, Any]) -> int:
    (sign,) = [w for w in doc["warnings"] if w["code"] == "professionals_hold_voice"]
    return int(sign["evidence"]["turns"])


def queries_to_read(journey: Journey, period: Period | None = None) -> int:
    """How many statements the insights take: a handful when cached, dozens when computed."""
    with CaptureQueriesContext(connection) as read:
        insights_for(journey, period or Period())
    return len(read)


def dashboard_turns(scene: SceneA) -> int:
    r = client_for(scene.w.observer).get(f"/j/{scene.w.journey.slug}/dashboard/")
    assert r.status_code == 200
    return turns(r.context["doc"])


def test_a_warm_dashboard_reads_the_cached_figures(scene: SceneA) -> None:
    client = client_for(scene.w.observer)
    url = f"/j/{scene.w.journey.slug}/dashboard/"
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.context["doc"] == first.context["doc"]  # the same computation, kept
    # Session, user, journey, membership, the generation: no figure is computed again.
    assert len(warm) <= 10, [q["sql"] for q in warm.captured_queries]
    assert len(cold) > len(warm) + 20


def test_the_dashboard_shows_a_tap_made_after_it_was_cached(scene: SceneA) -> None:
    assert dashboard_turns(scene) == 14
    gs.turn_record(actor=scene.w.facilitator, gathering=scene.g2, person=scene.people["dan"])
    assert dashboard_turns(scene) == 15
    gs.turn_undo(actor=scene.w.facilitator, gathering=scene.g2)
    assert dashboard_turns(scene) == 14


def test_every_kind_of_write_gives_the_journey_new_figures(scene: SceneA) -> None:
    """A write through each services module that feeds the dashboard, an audit line alone, a
    row saved outside any service, and the journey's own settings: each moves the journey to a
    new generation, so the next read computes again."""
    w = scene.w
    ann = scene.people["ann"]
    writes = {
        "people": lambda: person(w, "Fay", "carer"),
        "gatherings": lambda: gathering(w, D(2025, 4, 1)),
        "attendance": lambda: came(w, scene.g2, scene.people["ben"]),
        "taps": lambda: gs.turn_record(actor=w.facilitator, gathering=scene.g1, person=ann),
        "contributions": lambda: raise_(w, "More buses", "online", D(2025, 4, 2), by=ann),
        "thresholds": lambda: insights_services.thresholds_set(
            actor=w.facilitator, journey=w.journey, values={}
        ),
        "audit": lambda: audit(journey=w.journey, actor=None, action="test"),
        "journey saved": lambda: Journey.objects.get(pk=w.journey.pk).save(),
    }
    for what, write in writes.items():
        queries_to_read(w.journey)
        before = figures.generation(w.journey.pk)
        assert queries_to_read(w.journey) <= 2, what  # cached
        write()
        assert figures.generation(w.journey.pk) != before, what
        assert queries_to_read(w.journey) > 10, what  # computed again


def test_another_journeys_write_leaves_the_figures_cached(scene: SceneA) -> None:
    from tests.conftest import build_world

    other = build_world("other", title="Another journey")
    before = figures.generation(scene.w.journey.pk)
    person(other, "Gil", "carer")
    assert figures.generation(scene.w.journey.pk) == before


def test_a_failing_cache_computes_the_figures_and_says_so(
    scene: SceneA, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the cache is down")

    for name in ("get", "get_many", "set", "add", "put"):
        monkeypatch.setattr(cache, name, broken, raising=False)
    with caplog.at_level(logging.WARNING, logger="powerwith.common.figures"):
        assert dashboard_turns(scene) == 14
        gs.turn_record(actor=scene.w.facilitator, gathering=scene.g2, person=scene.people["dan"])
        assert dashboard_turns(scene) == 15
    assert "Could not read journey" in caplog.text
    assert "Could not mark journey" in caplog.text


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_with_a_cache_outside_the_database_the_token_changes_again_after_the_commit(
    scene: SceneA, django_capture_on_commit_callbacks: Any
) -> None:
    """Valkey/Redis: the token set inside the transaction is seen before the write is, so a
    reader may have cached the old figures under it; the commit moves everyone on."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        gs.turn_record(actor=scene.w.facilitator, gathering=scene.g2, person=scene.people["dan"])
        gs.turn_record(actor=scene.w.facilitator, gathering=scene.g2, person=scene.people["ann"])
        stale = insights_for(scene.w.journey, Period())  # a reader before the commit
    bumps = [c for c in callbacks if isinstance(c, figures._BumpAfterCommit)]
    assert len(bumps) == 1  # once per journey per transaction
    assert turns(stale) == 16  # the locmem cache sees the uncommitted rows in this test
    assert queries_to_read(scene.w.journey) == 0  # the reader's copy is found...
    bumps[0]()
    assert queries_to_read(scene.w.journey) > 10  # ...until the commit moves everyone on


def test_the_database_cache_changes_the_token_inside_the_writing_transaction(
    scene: SceneA, django_capture_on_commit_callbacks: Any
) -> None:
    """With the database cache the token is committed with the write: nothing left to do."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        gs.turn_record(actor=scene.w.facilitator, gathering=scene.g2, person=scene.people["dan"])
    assert not [c for c in callbacks if isinstance(c, figures._BumpAfterCommit)]


def test_figures_are_cached_per_period(scene: SceneA) -> None:
    february = Period(start=D(2025, 2, 1), end=D(2025, 2, 28))
    assert turns(insights_for(scene.w.journey, february)) == 10
    assert turns(insights_for(scene.w.journey, Period())) == 14
    assert turns(insights_for(scene.w.journey, february)) == 10


def test_migrating_forgets_every_journeys_figures(scene: SceneA) -> None:
    before = figures.generation(scene.w.journey.pk)
    figures.everything_changed()
    assert figures.generation(scene.w.journey.pk) != before


@pytest.mark.django_db(transaction=True)
def test_a_write_does_not_wait_for_another_transaction_holding_the_journeys_token() -> None:
    """PostgreSQL: while another transaction holds the token's row, a write leaves it (no
    queue, no deadlock) and renews it after its own commit instead."""
    import threading

    from django.db import connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only")
    journey_id = 987_654
    figures.figures_changed(journey_id)  # the token's row exists
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        try:
            with transaction.atomic():
                figures.figures_changed(journey_id)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_writer)
    thread.start()
    try:
        assert holding.wait(10)
        with transaction.atomic():
            figures.figures_changed(journey_id)  # would block here without skip_busy
            pending = [c for _, c, _ in connection.run_on_commit]
            assert figures._BumpAfterCommit(journey_id) in pending
            release.set()  # the other commits; then this commit renews the token
    finally:
        release.set()
        thread.join(10)
