"""The common-ground part of the demo: a round in each journey whose results show groups and
both sides, the same every time it is loaded."""

from __future__ import annotations

import pytest

from powerwith.commonground.models import Participant, Statement, StatementRound
from tests import demo_snapshot
from tests.demo import fingerprints

pytestmark = pytest.mark.django_db


def test_demo_statement_rounds() -> None:
    demo_snapshot.load_demo()
    first = fingerprints.statement_rounds()
    assert [row[0] for row in first] == ["better-breast-care", "northfield-together"]
    for row in first:
        sizes = [size for size, hidden in row[3] if not hidden]
        assert len(sizes) >= 2, row  # at least two groups shown
        assert row[5] == [False, False]  # both sides shown
    for rnd in StatementRound.objects.all():
        assert Statement.objects.filter(round=rnd, contribution__isnull=False).count() == 2
        assert Statement.objects.filter(round=rnd, moderation="pending").count() == 1
        assert Participant.objects.filter(round=rnd, channel="paper").count() == 12
