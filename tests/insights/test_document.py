"""The insights document: periods, comparison, the CLI and the documented keys."""

from __future__ import annotations

import json
from typing import Any

import pytest

from powerwith.cli import main
from powerwith.insights import registry
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from tests.conftest import World

from .builders import D, item
from .conftest import SceneA, SceneF
from .doc_keys import document_paths, documented, record_paths


def test_the_document_has_every_section_and_warning(scene: SceneA) -> None:
    doc = insights_for(scene.w.journey)
    assert doc["journey"] == {"slug": scene.w.journey.slug, "title": "Better breast care"}
    assert doc["period"] == {"from": None, "to": None}
    assert list(doc["sections"]) == [m.KEY for m in registry.sections()]
    assert "previous" not in doc
    assert {w["section"] for w in doc["warnings"]} <= set(doc["sections"])
    json.dumps(doc)  # JSON-ready


def test_period_filtering(scene: SceneA) -> None:
    """February holds G1 only: 5 people, 10 turns; March G2 only: Ann and Cat, 4 turns."""
    feb = insights_for(scene.w.journey, Period(D(2025, 2, 1), D(2025, 2, 28)))
    rec = feb["sections"]["record"]
    assert feb["period"] == {"from": "2025-02-01", "to": "2025-02-28"}
    assert rec["room"]["people"] == 5 and rec["voice"]["turns"] == 10
    assert rec["venues"]["institutional_share"] == 1.0
    mar = insights_for(scene.w.journey, Period(start=D(2025, 3, 1)))["sections"]["record"]
    assert mar["room"]["people"] == 2 and mar["voice"]["turns"] == 4
    assert mar["voice"]["turns_share_by_side"] == {"lived": 0.75, "professional": 0.25}
    assert mar["room"]["drill_down"].endswith("/records/room/?from=2025-03-01")


def test_compare_with_the_previous_period_of_the_same_length(scene: SceneA) -> None:
    """10-16 March (7 days, G2) against 3-9 March (nothing) ... and 3-9 Feb (G1) before that."""
    doc = insights_for(scene.w.journey, Period(D(2025, 3, 10), D(2025, 3, 16)), compare=True)
    prev = doc["previous"]
    assert prev["period"] == {"from": "2025-03-03", "to": "2025-03-09"}
    assert doc["sections"]["record"]["voice"]["turns"] == 4
    assert prev["sections"]["record"]["voice"]["turns"] == 0
    assert len(prev["warnings"]) == len(doc["warnings"])
    # 28 days from 10 Feb: the previous 28 days (13 Jan - 9 Feb) hold G1.
    doc = insights_for(scene.w.journey, Period(D(2025, 2, 10), D(2025, 3, 9)), compare=True)
    assert doc["previous"]["period"] == {"from": "2025-01-13", "to": "2025-02-09"}
    assert doc["previous"]["sections"]["record"]["voice"]["turns"] == 10
    assert insights_for(scene.w.journey, Period(), compare=True)["previous"] is None


def test_every_key_is_documented(follow: SceneF, scene: SceneA) -> None:
    item(scene.w, scene.g1, "Waiting times", by=scene.people["ann"])
    doc = insights_for(follow.w.journey, Period(start=D(2025, 1, 1)), compare=True)
    known = documented()
    missing = sorted(document_paths(doc) - known)
    assert not missing, f"keys missing from docs/insights.md: {missing}"
    missing = sorted(record_paths(doc["sections"]["record"]) - known)
    assert not missing, f"sections.record keys missing from docs/insights.md: {missing}"


def test_the_doc_has_a_heading_for_every_section() -> None:
    from .doc_keys import DOC

    text = DOC.read_text()
    for key in ("record", "decisions", "reflection", "inclusion"):
        assert f"\n## {key}\n" in text


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(["insights", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json(scene: SceneA, capsys: Any) -> None:
    code, out, err = run(capsys, scene.w.journey.slug, "--from", "2025-03-01", "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["period"] == {"from": "2025-03-01", "to": None}
    assert doc["sections"]["record"]["voice"]["turns"] == 4
    assert out.index('"generated_at"') < out.index('"journey"') < out.index('"period"')  # sorted
    assert document_paths(doc) <= documented()
    code, out, _ = run(capsys, scene.w.journey.slug, "--from", "2025-03-01", "--compare", "--json")
    assert json.loads(out)["previous"]["period"]["to"] == "2025-02-28"


def test_cli_summary(scene: SceneA, capsys: Any) -> None:
    code, out, _ = run(capsys, scene.w.journey.slug)
    assert code == 0
    assert "Better breast care (better-breast-care), all time" in out
    assert "Share of voice: 14 turns; professionals 57%, lived experience 43%" in out
    assert "Who is in the room: 5 people (3 lived experience, 2 professional)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no-such-journey"], "there is no journey \u201cno-such-journey\u201d"),
        (
            ["better-breast-care", "--from", "2025-02-30"],
            "The --from date \u201c2025-02-30\u201d is not a date",
        ),
        (["better-breast-care", "--to", "March"], "The --to date \u201cMarch\u201d is not a date"),
        (["better-breast-care", "--from", "2025-03-01", "--to", "2025-02-01"], "is before --from"),
    ],
)
def test_cli_bad_input(world: World, capsys: Any, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err


@pytest.mark.parametrize("on_before", [True, False])
def test_the_garbage_collector_is_paused_while_the_document_is_computed(
    scene: SceneA, monkeypatch: pytest.MonkeyPatch, settings: Any, on_before: bool
) -> None:
    """Off while the sections compute (bench/README.md: full collections of the figures' rows
    cost the dashboard about 130 ms now and then), and afterwards as it was before."""
    import gc

    from powerwith.insights import selectors

    settings.FIGURES_CACHE = False
    seen: list[bool] = []
    compute = selectors._compute

    def watched(*args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(gc.isenabled())
        return compute(*args, **kwargs)

    monkeypatch.setattr(selectors, "_compute", watched)
    was = gc.isenabled()
    try:
        if not on_before:
            gc.disable()
        doc = insights_for(scene.w.journey, Period(D(2025, 2, 1), D(2025, 3, 31)), compare=True)
        assert seen == [False, False]  # this period and the one before
        assert gc.isenabled() is on_before
    finally:
        if was:
            gc.enable()
    assert doc["sections"]["record"]["room"]["people"] == 5
