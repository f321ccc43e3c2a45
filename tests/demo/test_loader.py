"""The demo: invented, realistic, built through the services, and the same when loaded twice."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.contributions.models import Contribution, FateChange
from powerwith.decisions.models import Vote
from powerwith.demo import context, loader
from powerwith.gatherings.models import AgendaItem, Gathering, SpeakingTurn
from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Journey, Membership
from powerwith.people.models import Person
from powerwith.stories.models import StoryFile
from tests import demo_snapshot
from tests.conftest import make_user
from tests.demo import fingerprints

pytestmark = pytest.mark.django_db

ACTED = ("done", "in_progress")
OPEN = ("new", "considering", "prioritised", "in_progress")


def _counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def _turns() -> list[tuple[str, str, int | None]]:
    rows = SpeakingTurn.objects.order_by(
        "gathering__held_on", "gathering__title", "started_at", "id"
    )
    return list(rows.values_list("gathering__title", "person__name", "seconds"))


def _share_professional(turns: Any) -> float:
    c = Counter(turns.values_list("side", flat=True))
    return c["professional"] / sum(c.values())


def test_the_demo(monkeypatch: Any) -> None:
    """One load (it takes a few seconds), checked from every side."""
    from tests.demo import ext_ok

    ext_ok.CALLS.clear()
    monkeypatch.setattr(loader, "EXTENSIONS", ["tests.demo.no_such_module", "tests.demo.ext_ok"])
    summary = loader.load_demo()
    assert summary.extensions == ["demo"]
    check_breast_care_journey_tells_the_research_story()
    check_council_lab_journey()
    check_dates_are_current_and_history_is_consistent()
    check_demo_accounts(summary)
    (ctx,) = ext_ok.CALLS
    check_context_hands_extensions_what_they_need(ctx)


def check_breast_care_journey_tells_the_research_story() -> None:
    j = Journey.objects.get(slug="better-breast-care")
    contributions = Contribution.objects.filter(journey=j)
    distinct = contributions.exclude(fate="merged")
    # About 36 issues raised, 29 acted upon (Farr 2018): merged duplicates count once.
    assert distinct.count() == 36
    assert contributions.filter(fate="merged").count() == 4
    assert distinct.filter(fate__in=ACTED).count() == 29
    assert distinct.filter(fate="done").count() == 21
    levels = set(distinct.filter(fate="done").values_list("change_level", flat=True))
    assert {"individual", "organisational_service", "organisational_culture"} <= levels
    # Waiting times and ward care are among what was not resolved, with honest reasons.
    unresolved = distinct.exclude(fate__in=ACTED)
    not_possible = unresolved.filter(fate="not_possible")
    assert not_possible.count() == 3
    assert all(c.fate_reason for c in not_possible)
    unresolved_tags = set(unresolved.values_list("tags__name", flat=True))
    assert {"waiting times", "ward care"} <= unresolved_tags
    # Staff interviews, the patient film and the joint event, then working groups.
    kinds = Counter(Gathering.objects.filter(journey=j).values_list("kind", flat=True))
    assert kinds["interview"] == 2 and kinds["codesign_event"] == 2
    assert 12 <= sum(kinds.values()) <= 25
    # A patient becomes a peer worker part-way; her later records count her as one.
    amara = Person.objects.get(journey=j, name="Amara")
    assert list(amara.spells.values_list("role", "paid")) == [
        ("service_user", False),
        ("peer_worker", True),
    ]
    change = amara.spells.get(role="peer_worker").started_on
    roles = set(
        SpeakingTurn.objects.filter(person=amara, gathering__held_on__gte=change).values_list(
            "role", flat=True
        )
    )
    assert roles == {"peer_worker"}
    # Ward staff who felt criticised stepped back, and said why.
    for name in ("Femi", "Helen"):
        p = Person.objects.get(journey=j, name=name)
        assert p.left_on is not None and "critici" in p.left_reason
    # People who are not online take part through others, with provenance kept.
    offline = Contribution.objects.filter(journey=j, raised_by__online=False)
    assert offline.count() >= 5
    assert all(c.provenance and c.entered_by != c.raised_by.user for c in offline)
    # Professionals dominate early speaking; they propose most early agenda items, less later.
    gatherings = list(Gathering.objects.filter(journey=j).order_by("held_on"))
    early, late = gatherings[: len(gatherings) // 2], gatherings[len(gatherings) // 2 :]
    turns = SpeakingTurn.objects.filter(gathering__journey=j)
    assert turns.count() >= 500
    assert _share_professional(turns.filter(gathering__in=early)) > 0.6
    assert turns.filter(seconds__isnull=False).count() > 200
    agenda = AgendaItem.objects.filter(gathering__journey=j)
    early_sides = Counter(
        agenda.filter(gathering__in=early).values_list("proposer_side", flat=True)
    )
    late_sides = Counter(agenda.filter(gathering__in=late).values_list("proposer_side", flat=True))
    assert early_sides["professional"] > early_sides["lived"]
    assert late_sides["lived"] > late_sides["professional"]
    # The agreement: a definition with two versions, values, limits (one not yet shared).
    assert j.definitions.count() == 2
    assert j.values.count() == 5
    assert j.limits.filter(disclosed_on__isnull=True).count() == 1
    assert j.limits.filter(table="off", set_by="law").exists()


def check_context_hands_extensions_what_they_need(ctx: Any) -> None:
    assert ctx.facilitator.email == loader.FACILITATOR_EMAIL
    assert set(ctx.users) == {
        "notes@demo.powerwith.invalid",
        "funder@demo.powerwith.invalid",
        "rosa@demo.powerwith.invalid",
    }
    breast, lab = ctx.journeys[context.EBCD], ctx.journeys[context.LAB]
    assert breast.journey.slug == "better-breast-care" and lab.journey.slug == "northfield-together"
    joint = breast.joint_event
    assert joint.kind == "codesign_event" and joint.journey_id == breast.journey.pk
    assert breast.priority_event == joint
    # Everything on the ballot was raised before the vote; the winners were prioritised there.
    assert all(c.raised_on <= joint.held_on for c in breast.shortlist)
    for item in breast.priorities:
        assert item in breast.shortlist
        assert FateChange.objects.filter(
            contribution=item, to_fate="prioritised", on=joint.held_on
        ).exists()
    assert [g.name for g in breast.working_groups] == [
        "Diagnosis day",
        "Ward stay and going home",
        "After surgery and follow-up",
    ]
    ward = breast.working_groups[1]
    assert ward.closed_on is not None and len(ward.gatherings) == 3
    assert all(g.held_on >= ward.formed_on for g in ward.gatherings)
    assert [g.name for g in lab.working_groups] == ["Community shop", "Time bank", "Parents' group"]
    assert breast.gatherings == sorted(breast.gatherings, key=lambda g: (g.held_on, g.pk))
    assert breast.people["Rosa"].user.email == "rosa@demo.powerwith.invalid"
    raised = [c.raised_on for c in breast.contributions]
    assert raised == sorted(raised) and raised[0] >= breast.journey.started_on


def test_a_broken_extension_is_not_silently_skipped(monkeypatch: Any) -> None:
    # A missing extension module is skipped; one that fails to import is an error.
    monkeypatch.setattr(
        loader, "EXTENSIONS", ["tests.demo.no_such_module", "tests.demo.ext_broken"]
    )
    with pytest.raises(ModuleNotFoundError) as caught:
        loader._run_extensions(None)  # type: ignore[arg-type]
    assert caught.value.name == "powerwith_no_such_dependency"


def check_council_lab_journey() -> None:
    j = Journey.objects.get(slug="northfield-together")
    kinds = set(Gathering.objects.filter(journey=j).values_list("kind", flat=True))
    assert {"informal_session", "walk_and_talk", "art_film", "phone_round"} <= kinds
    venues = Counter(Gathering.objects.filter(journey=j).values_list("venue_kind", flat=True))
    assert venues["community"] > venues["institutional"]
    done = Contribution.objects.filter(journey=j, fate="done")
    responses = " ".join(done.values_list("response", flat=True)).lower()
    for outcome in ("community shop", "time bank", "parents' group", "paid community connector"):
        assert outcome in responses
    assert set(done.values_list("change_level", flat=True)) >= {
        "local_community",
        "organisational_service",
        "organisational_culture",
    }
    assert j.public_you_said
    # Professionals cede control of the agenda over time.
    gatherings = list(Gathering.objects.filter(journey=j).order_by("held_on"))
    first = AgendaItem.objects.filter(gathering=gatherings[0])
    assert set(first.values_list("proposer_side", flat=True)) == {"professional"}
    later = AgendaItem.objects.filter(gathering__in=gatherings[len(gatherings) // 2 :])
    sides = Counter(later.values_list("proposer_side", flat=True))
    assert sides["lived"] > 2 * sides["professional"]
    dean = Person.objects.get(journey=j, name="Dean")
    assert [s.role for s in dean.spells.all()] == ["community_member", "volunteer", "peer_worker"]


def check_dates_are_current_and_history_is_consistent() -> None:
    today = timezone.localdate()
    for j in Journey.objects.filter(slug__in=["better-breast-care", "northfield-together"]):
        held = sorted(Gathering.objects.filter(journey=j).values_list("held_on", flat=True))
        assert (today - held[-1]).days <= 30
        assert 360 <= (today - held[0]).days <= 550
        for c in Contribution.objects.filter(journey=j).prefetch_related("history"):
            history = list(c.history.all())
            assert history[0].to_fate == "new" and history[-1].to_fate == c.fate
            assert all(c.raised_on <= h.on <= today for h in history)
            assert [h.on for h in history] == sorted(h.on for h in history)
        # The log reads as a timeline, not as "everything happened when the demo loaded".
        first_entry = AuditEntry.objects.filter(journey=j).order_by("at").first()
        assert first_entry is not None and first_entry.at.date() <= held[0]


def check_demo_accounts(demo: loader.DemoSummary) -> None:
    User = get_user_model()
    assert demo.facilitator_email == "facilitator@demo.powerwith.invalid"
    assert "facilitator@demo.powerwith.invalid" in demo.describe()
    assert loader.DEMO_PASSWORD in demo.describe()
    roles = {
        (m.journey.slug, m.user.email): m.role
        for m in Membership.objects.select_related("journey", "user")
    }
    for slug in ("better-breast-care", "northfield-together"):
        assert roles[(slug, "facilitator@demo.powerwith.invalid")] == "facilitator"
        assert roles[(slug, "notes@demo.powerwith.invalid")] == "member"
        assert roles[(slug, "funder@demo.powerwith.invalid")] == "observer"
    assert roles[("better-breast-care", "rosa@demo.powerwith.invalid")] == "member"
    # The trust's organisation-wide viewer is in its small journey only, as an observer.
    viewer = "trust-viewer@demo.powerwith.invalid"
    assert {(s, r) for (s, e), r in roles.items() if e == viewer} == {
        ("clearer-clinic-letters", "observer")
    }
    assert viewer in demo.describe()
    assert [j.slug for j in demo.journeys] == [
        "better-breast-care",
        "northfield-together",
        "clearer-clinic-letters",
    ]
    letters = Journey.objects.get(slug="clearer-clinic-letters")
    assert letters.host.name == "Riverside Hospital NHS Trust"
    # Each journey is hosted by a real organisation: Sam is its admin, Priya (the funder) a viewer.
    hosts = {
        j.slug: (
            j.host.name,
            j.host.kind,
            sorted((r.user.email.split("@")[0], r.role) for r in j.host.roles.all()),
        )
        for j in Journey.objects.filter(slug__in=("better-breast-care", "northfield-together"))
    }
    assert hosts == {
        "better-breast-care": (
            "Riverside Hospital NHS Trust",
            "health",
            [("facilitator", "admin"), ("funder", "viewer"), ("trust-viewer", "viewer")],
        ),
        "northfield-together": (
            "Northfield Borough Council",
            "council",
            [("facilitator", "admin"), ("funder", "viewer")],
        ),
    }
    assert ("northfield-together", "rosa@demo.powerwith.invalid") not in roles
    rosa = Membership.objects.get(user__email="rosa@demo.powerwith.invalid")
    assert rosa.person is not None and rosa.person.name == "Rosa"
    assert rosa.person.role == "service_user"
    for user in User.objects.filter(email__endswith="@demo.powerwith.invalid"):
        assert user.check_password(loader.DEMO_PASSWORD)


def test_loading_twice_gives_the_same_demo(client: Any) -> None:
    """The one test that loads the demo over itself: every app's fingerprint of its part
    (tests/demo/fingerprints.py) is the same after, and the old files are gone. The first load
    is the test processes' copy of a real load (tests/demo_snapshot.py: row for row and file for
    file what the loader made); the second is the real loader, over it."""
    first = demo_snapshot.load_demo()
    # Someone's own journey and account must survive reloading the demo.
    own = make_user("own@example.org")
    mine = journey_services.journey_create(actor=own, title="Our own journey")
    counts = _counts()
    texts = sorted(Contribution.objects.values_list("text", flat=True))
    turns = _turns()
    prints = fingerprints.take()
    old_files = list(StoryFile.objects.values_list("name", flat=True))
    assert old_files and all(default_storage.exists(n) for n in old_files)
    public = [f"/p/{slug}/you-said-we-did/" for slug in prints["public you said"]]
    assert len(public) == 2
    second = loader.load_demo()
    again = fingerprints.take()
    for name in fingerprints.FINGERPRINTS:
        assert again[name] == prints[name], name
    # The demo is rebuilt, not left half-way: its stories' old files are gone from storage,
    # and its shared pages still answer.
    assert not any(default_storage.exists(n) for n in old_files)
    for path in public:
        assert client.get(path).status_code == 200, path
    assert Counter(Vote.objects.values_list("state", flat=True)) == {"closed": 2}
    assert _counts() == counts
    assert sorted(Contribution.objects.values_list("text", flat=True)) == texts
    assert _turns() == turns  # the same people spoke as often, for as long
    assert [j.turns for j in second.journeys] == [j.turns for j in first.journeys]
    assert Journey.objects.filter(pk=mine.pk).exists()
    assert get_user_model().objects.filter(email="own@example.org").exists()


def test_a_real_journey_with_a_demo_name_is_never_deleted() -> None:
    own = make_user("own@example.org")
    journey_services.journey_create(actor=own, title="Ours", slug="better-breast-care")
    with pytest.raises(loader.DemoConflict):
        loader.load_demo()
    assert Journey.objects.get(slug="better-breast-care").title == "Ours"
