"""The demo journeys' inclusion records: realistic, consented, small groups hidden, and every
warning sign of the section has something to show."""

from __future__ import annotations

import pytest

from powerwith.common.models import AuditEntry
from powerwith.demo.loader import FACILITATOR_EMAIL
from powerwith.inclusion.models import Profile, Task
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from tests.demo_snapshot import load_demo


@pytest.fixture
def demo(db):
    load_demo()
    return {j.slug: j for j in Journey.objects.all()}


def _section(journey):
    doc = insights_for(journey, Period())
    fired = {w["code"] for w in doc["warnings"] if w["section"] == "inclusion" and w["fired"]}
    return doc["sections"]["inclusion"], fired


def test_demo_inclusion(demo):
    ebcd, lab = demo["better-breast-care"], demo["northfield-together"]
    for journey in (ebcd, lab):
        data, fired = _section(journey)
        # consented profiles from some people, not everyone
        assert 5 <= data["profiles"]["profiles"] < data["profiles"]["people"]
        [pop] = data["representation"]
        assert pop["population"]["source"]
        overall = pop["blocks"][0]
        assert overall["rests_on"] >= 10
        shown = [
            g["count"]
            for ch in overall["characteristics"]
            for g in ch["groups"]
            if g["count"] not in (None, 0)
        ]
        assert shown and min(shown) >= 5  # every group shown has at least 5 people
        # With about 10 profiles, nobody from a group is "too few to tell", never "missing":
        # 0 of 10 gives 0% to 27.8%, which reaches every share in these references.
        statuses = {g["status"] for ch in overall["characteristics"] for g in ch["groups"]}
        assert "too_few" in statuses and "missing" not in statuses
        assert "reference_group_missing" not in fired
        r = data["reciprocity"]
        assert r["hours"]["unpaid"] > 0 and r["hours"]["paid"] > 0
        assert r["replaced_paid_roles"]["tasks"] == 1
        assert data["needs"]["unmet"] != 0 and data["needs"]["anyone_stopped_after_unmet"]
        assert data["assets"]["assets"] >= 8 and data["assets"]["gained_during_journey"] >= 1
        assert {
            "unpaid_doing_paid_work",
            "stopped_after_unmet_need",
        } <= fired
    data, fired = _section(ebcd)
    assert data["reciprocity"]["out_of_pocket"]["unpaid_people"] >= 1
    assert data["reciprocity"]["payments"]["voucher"]["count"] >= 5
    assert {"unpaid_out_of_pocket", "slow_reimbursement"} <= fired
    # One task is finished: Joan greeted people at the listening events, now over.
    assert data["reciprocity"]["tasks"] == {"ongoing": 1, "done": 1}
    done = Task.objects.get(journey=ebcd, done_on__isnull=False)
    assert (done.person.name, done.done_by.email) == ("Joan", FACILITATOR_EMAIL)
    assert (done.done_on - done.since).days == 75
    assert (
        AuditEntry.objects.filter(journey=ebcd, action="task_done", object_id=done.pk).count() == 1
    )
    assert Profile.objects.filter(journey=ebcd, consent_channel="self_online").count() == 1  # Rosa
    assert Profile.objects.filter(journey=ebcd, age_band="prefer_not").exists()


def test_demo_record_of_changes_reads_as_a_timeline(demo):
    """Every extension's lines are dated to the day of what they record, so the log's first
    page is not a wall of lines all written the moment the demo loaded."""
    import datetime
    from collections import Counter

    from django.utils import timezone

    from powerwith.common.models import AuditEntry
    from powerwith.demo.timeline import DATE_OF, DATE_OF_ACTION, _models
    from powerwith.inclusion.models import ExpenseClaim, TimeGiven
    from powerwith.journeys.views import LOG_PAGE_SIZE

    now = timezone.now()
    for journey in demo.values():
        lines = AuditEntry.objects.filter(journey=journey)
        first_page = list(lines.order_by("-at", "-id")[:LOG_PAGE_SIZE])
        days = Counter(timezone.localdate(e.at) for e in first_page)
        assert len(days) >= 5, days
        assert all(e.at <= now for e in first_page)
        # Of the kinds the timeline knows, only what happens today or later (a measure added
        # today, a session still to come) is dated at load time: everything else has its day.
        loaded = now - datetime.timedelta(minutes=5)
        models = _models()
        for e in lines.filter(object_type__in=DATE_OF, at__gt=loaded):
            field = DATE_OF_ACTION.get(e.action, DATE_OF[e.object_type])
            if not field or e.object_id is None:
                continue
            day = (
                models[e.object_type]
                ._default_manager.filter(pk=e.object_id)
                .values_list(field, flat=True)
                .first()
            )
            assert day is None or day >= timezone.localdate(e.at), (e, field, day)
        for e in lines.filter(object_type__in=["TimeGiven", "ExpenseClaim"]):
            day = timezone.localdate(e.at)
            if e.action == "time_record":
                assert day == TimeGiven.objects.get(pk=e.object_id).on
            elif e.action == "expense_claim":
                assert day == ExpenseClaim.objects.get(pk=e.object_id).claimed_on
            elif e.action == "expense_reimburse":
                assert day == ExpenseClaim.objects.get(pk=e.object_id).reimbursed_on
