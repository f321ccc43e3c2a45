"""The demo has people with each way of hearing back, notices sent, one failed, letters waiting."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.journeys.models import Journey
from powerwith.notices.models import HearingBack, Notice
from tests.demo_snapshot import load_demo


@pytest.mark.django_db
def test_the_demo_has_ways_of_hearing_back_and_notices(db: Any) -> None:
    load_demo()
    ways = set(HearingBack.objects.values_list("way", flat=True))
    assert ways == {"email", "text", "post", "member", "none"}
    ebcd = Journey.objects.get(slug="better-breast-care")
    failed = Notice.objects.filter(journey=ebcd, status="failed")
    assert [(n.way, n.attempts) for n in failed] == [("email", 5)]
    assert Notice.objects.filter(status="sent", way__in=["email", "text"]).exists()
    assert Notice.objects.filter(status="queued", way="post").exists()
    assert not Notice.objects.filter(status="queued", way__in=["email", "text"]).exists()
    assert not Notice.objects.filter(person__hearing_back__way="none").exists()
