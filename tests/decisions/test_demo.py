"""The demo's decisions, votes and groups: realistic, through the services, the same twice."""

from __future__ import annotations

from collections import Counter

import pytest

from powerwith.decisions import selectors, vocab
from powerwith.decisions.models import (
    BallotReceipt,
    CoDesignGroup,
    Decision,
    GroupAction,
    Vote,
)
from powerwith.journeys.models import Journey
from tests import demo_snapshot

pytestmark = pytest.mark.django_db


def test_the_demo_decisions() -> None:
    demo_snapshot.load_demo()
    ebcd = Journey.objects.get(slug="better-breast-care")
    lab = Journey.objects.get(slug="northfield-together")

    # A closed dot vote at the joint event, staff and patients both voting.
    vote = Vote.objects.get(journey=ebcd)
    assert (vote.state, vote.method, vote.secret) == ("closed", "dot", False)
    assert vote.gathering.title.startswith("Joint event")
    counts = selectors.ballot_counts(vote)
    assert counts["lived"] >= 5 and counts["professional"] >= 5
    assert set(BallotReceipt.objects.filter(vote=vote).values_list("channel", flat=True)) == {
        "paper"
    }
    results = selectors.vote_results(vote)
    # The story's eight priorities all beat the other items except waiting for surgery, which
    # patients put high and staff did not (it is off the table).
    priorities = set(
        Decision.objects.get(journey=ebcd, vote=vote).answers.values_list("pk", flat=True)
    )
    assert len(priorities) == 8
    ranks = {r.option.contribution_id: r.result.rank for r in results["rows"]}
    worst_priority = max(ranks[pk] for pk in priorities)
    beaten = [r for r in results["rows"] if r.option.contribution_id not in priorities]
    assert all(r.result.rank > worst_priority or "wait between" in r.option.label for r in beaten)
    wait = next(r for r in results["rows"] if "wait between" in r.option.label)
    assert wait.sides["lived"]["share"] >= wait.sides["professional"]["share"] + 8
    assert wait.option in [r.option for r in results["sides"]["differ_most"]]
    assert results["sides"]["common_ground"]

    # Decisions on several rungs, inside and outside the group, in both journeys.
    for j in (ebcd, lab):
        ds = Decision.objects.filter(journey=j)
        assert len(set(ds.values_list("rung", flat=True))) >= 3
        takers = set(ds.values_list("taken_by", flat=True))
        assert takers & set(vocab.INSIDE_TAKERS) and takers - set(vocab.INSIDE_TAKERS)
    assert Decision.objects.filter(journey=ebcd, where_outside__icontains="board").exists()

    # Co-design groups from the top items, with gatherings and actions; one closed.
    groups = CoDesignGroup.objects.filter(journey=ebcd)
    assert groups.count() == 3 and groups.filter(closed_on__isnull=False).count() == 1
    for g in groups:
        assert g.item_id in priorities
        assert g.gatherings.exists() and g.actions.exists()
    assert GroupAction.objects.filter(group__journey=ebcd, done_on__isnull=False).exists()

    # Northfield: a secret vote whose small professional side is withheld, or shown from five.
    lab_vote = Vote.objects.get(journey=lab)
    assert lab_vote.secret and lab_vote.state == "closed" and lab_vote.method == "approval"
    assert not BallotReceipt.objects.filter(vote=lab_vote, marks__isnull=False).exists()
    lab_results = selectors.vote_results(lab_vote)
    n = lab_results["by_side_counts"]
    assert (lab_results["sides"] is None) == any(0 < n[s] < 5 for s in n)

    assert Counter(Vote.objects.values_list("state", flat=True)) == {"closed": 2}
