"""The common-ground part of the demo: a round in each journey whose results show groups and
both sides, the same every time it is loaded."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.commonground.models import Participant, Response, Statement, StatementRound
from powerwith.commonground.selectors import round_analysis
from powerwith.demo import loader
from tests import demo_snapshot

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[Any, ...]]:
    out = []
    for rnd in StatementRound.objects.order_by("journey__slug"):
        result = round_analysis(rnd)
        out.append(
            (
                rnd.journey.slug,
                rnd.question,
                result["n_participants"],
                [(g["size"], g["suppressed"]) for g in result["groups"]],
                [c["score"] for c in result["consensus"]],
                [s["suppressed"] for s in result["by_side"]["sides"].values()],
                sorted(
                    Response.objects.filter(statement__round=rnd).values_list("vote", flat=True)
                ),
            )
        )
    return out


def test_demo_statement_rounds(monkeypatch: Any) -> None:
    monkeypatch.setattr(loader, "EXTENSIONS", ["powerwith.commonground.demo"])
    demo_snapshot.load_demo()
    first = _snapshot()
    assert [row[0] for row in first] == ["better-breast-care", "northfield-together"]
    for row in first:
        sizes = [size for size, hidden in row[3] if not hidden]
        assert len(sizes) >= 2, row  # at least two groups shown
        assert row[5] == [False, False]  # both sides shown
    for rnd in StatementRound.objects.all():
        assert Statement.objects.filter(round=rnd, contribution__isnull=False).count() == 2
        assert Statement.objects.filter(round=rnd, moderation="pending").count() == 1
        assert Participant.objects.filter(round=rnd, channel="paper").count() == 12
    loader.load_demo()  # the real loader, a second time
    assert _snapshot() == first
