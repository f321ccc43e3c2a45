"""The benchmark generator at a tiny scale: right counts, the shape the services produce, every
model and database constraint satisfied, the insights and the dashboard run on it."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import statistics
from collections import Counter, defaultdict
from typing import Any

import pytest
from bench.generator import (
    LARGE_SLUG,
    STEADY_SLUG,
    TABLES,
    Result,
    Size,
    bench_facilitator,
    generate,
    host_name,
    make_plan,
    orphans,
    usual_suspect_keys,
)
from django.db import connection, models, transaction
from django.test import Client

from powerwith.contributions import vocab as cvocab
from powerwith.contributions.models import Contribution, FateChange
from powerwith.decisions.models import Decision
from powerwith.gatherings import tally
from powerwith.gatherings import vocab as gvocab
from powerwith.gatherings.models import AgendaItem, Attendance, SpeakingTurn
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.people.models import Person, RoleSpell
from powerwith.people.services import role_on

TINY = 0.02  # 3 journeys, 200 people, 2,000 attendance, 4,000 turns, 600 contributions
TODAY = datetime.date(2026, 1, 15)
MAX_QUERIES = 117  # 104 with the eight sections of issue 20, 129 with the plan's and the ebcd
# sections, 117 once the sections share their reads (a fixed number, whatever the size)


@pytest.fixture
def generated(db: Any) -> Result:
    return generate(TINY, today=TODAY)


def test_plan_matches_the_national_programme_at_10x() -> None:
    one, ten = make_plan(1), make_plan(10)
    assert len(one.journeys) == 100
    assert one.totals == Size(
        people=10_000, attendance=100_000, turns=200_000, contributions=30_000
    )
    assert len(ten.journeys) == 1_000
    assert ten.totals == Size(
        people=100_000, attendance=1_000_000, turns=2_000_000, contributions=300_000
    )
    large1, large10 = one.journey(LARGE_SLUG).size, ten.journey(LARGE_SLUG).size
    assert large1 == Size(
        people=200, attendance=2_000, turns=5_000, contributions=600, gatherings=50
    )
    assert large10 == Size(
        people=2_000, attendance=20_000, turns=50_000, contributions=6_000, gatherings=500
    )
    assert one.journey(STEADY_SLUG).size == ten.journey(STEADY_SLUG).size


def test_plan_is_skewed_and_the_large_journey_is_the_largest() -> None:
    plan = make_plan(10)
    regular = [j for j in plan.journeys if j.kind == "regular"]
    attendance = sorted(j.size.attendance for j in regular)
    assert attendance[-1] > 8 * statistics.median(attendance)  # a few very large, most small
    assert attendance[-1] < plan.journey(LARGE_SLUG).size.attendance
    silent = [j for j in regular if not j.records_turns]
    assert silent and all(j.size.turns == 0 for j in silent)  # some journeys record no turns
    # About seven journeys per host organisation, at every scale.
    for p in (make_plan(1), plan):
        per_host = Counter(j.host for j in p.journeys)
        assert len(per_host) == round((len(p.journeys) - 2) / 7)
        assert max(per_host.values()) <= 9


def test_plan_is_deterministic() -> None:
    assert make_plan(1) == make_plan(1)
    assert make_plan(1, seed=1) != make_plan(1, seed=2)


def test_counts_are_exactly_the_plan(generated: Result) -> None:
    plan = generated.plan
    assert Journey.objects.count() == len(plan.journeys) == 3
    assert Person.objects.count() == plan.totals.people == 200
    assert Attendance.objects.count() == plan.totals.attendance == 2_000
    assert SpeakingTurn.objects.count() == plan.totals.turns == 4_000
    assert Contribution.objects.count() == plan.totals.contributions == 600
    for jp in plan.journeys:
        journey = Journey.objects.get(slug=jp.slug)
        assert journey.people.count() == jp.size.people
        assert Attendance.objects.filter(gathering__journey=journey).count() == jp.size.attendance
        assert SpeakingTurn.objects.filter(gathering__journey=journey).count() == jp.size.turns
        assert journey.contributions.count() == jp.size.contributions
    # What the generator says it wrote is what is there.
    for key, (target, _fields) in TABLES.items():
        if isinstance(target, tuple):
            model, name = target
            through = model._meta.get_field(name).remote_field.through
            assert through.objects.count() == generated.counts[key], key
        else:
            assert target.objects.count() == generated.counts[key], key


def test_data_has_the_variety_the_dashboard_needs(generated: Result) -> None:
    assert RoleSpell.objects.count() > Person.objects.count()  # some people changed role
    assert Contribution.objects.filter(anonymous=True).exists()
    channels = set(Contribution.objects.values_list("channel", flat=True))
    assert len(channels) >= 5
    fates = set(Contribution.objects.values_list("fate", flat=True))
    assert {cvocab.NEW, cvocab.DONE, cvocab.NOT_POSSIBLE, cvocab.MERGED} <= fates
    assert set(Attendance.objects.values_list("status", flat=True)) == set(gvocab.ATTENDANCE.codes)
    assert SpeakingTurn.objects.filter(seconds__isnull=False).exists()
    assert SpeakingTurn.objects.filter(client_token__isnull=False).exists()
    assert AgendaItem.objects.filter(proposed_by__isnull=False).exists()
    assert Decision.objects.filter(answers__isnull=False).exists()
    # The host's "usual suspects" take part with the same network key in its journeys.
    large = generated.plan.journey(LARGE_SLUG)
    keys = usual_suspect_keys(generated.plan.seed, large.host)
    assert Person.objects.filter(network_key__in=keys, journey__slug="bench-0001").exists()
    hosts = set(Journey.objects.values_list("host__name", flat=True))
    assert hosts == {host_name(0), host_name(1)}
    # Professionals speak more per person present than people with lived experience.
    per_side: dict[str, list[int]] = {"lived": [0, 0], "professional": [0, 0]}
    for side, n in SpeakingTurn.objects.values_list("side").annotate(n=models.Count("id")):
        per_side[side][0] = n
    for side, n in (
        Attendance.objects.filter(status=gvocab.PRESENT)
        .values_list("side")
        .annotate(n=models.Count("id"))
    ):
        per_side[side][1] = n
    lived = per_side["lived"][0] / per_side["lived"][1]
    pro = per_side["professional"][0] / per_side["professional"][1]
    assert pro > 1.3 * lived


def test_every_model_passes_full_clean_and_the_database_constraints_hold(
    generated: Result,
) -> None:
    for key, (target, _fields) in TABLES.items():
        if isinstance(target, tuple):
            continue
        total = target.objects.count()
        assert total, key
        step = max(1, total // 30)
        for obj in target.objects.order_by("pk")[::step]:
            obj.full_clean()
    connection.check_constraints()  # deferred foreign keys, checked now


def test_snapshots_and_histories_are_what_the_services_would_write(generated: Result) -> None:
    spells: dict[int, list[RoleSpell]] = defaultdict(list)
    for spell in RoleSpell.objects.order_by("started_on", "id"):
        spells[spell.person_id].append(spell)
    people = {p.pk: p for p in Person.objects.all()}
    for pid, person in people.items():
        open_spells = [s for s in spells[pid] if s.ended_on is None]
        assert len(open_spells) == 1
        assert (person.role, person.side, person.paid) == (
            open_spells[0].role,
            open_spells[0].side,
            open_spells[0].paid,
        )

    def check(rows: Any, person_field: str, day_field: str, role: str, side: str) -> None:
        for row in rows:
            pid = getattr(row, person_field + "_id")
            if pid is None:
                assert (getattr(row, role), getattr(row, side)) == ("", "")
                continue
            day = row
            for part in day_field.split("."):
                day = getattr(day, part)
            expected = role_on(people[pid], day, spells[pid])
            assert (getattr(row, role), getattr(row, side)) == expected

    check(Attendance.objects.select_related("gathering"), "person", "gathering.held_on", "role", "side")  # fmt: skip
    check(SpeakingTurn.objects.select_related("gathering"), "person", "gathering.held_on", "role", "side")  # fmt: skip
    check(AgendaItem.objects.select_related("gathering"), "proposed_by", "gathering.held_on", "proposer_role", "proposer_side")  # fmt: skip
    check(Contribution.objects.all(), "raised_by", "raised_on", "raiser_role", "raiser_side")
    check(Decision.objects.all(), "proposed_by", "decided_on", "proposer_role", "proposer_side")

    # Speaking marks someone as having come (turn_record does the same).
    present = set(
        Attendance.objects.filter(status=gvocab.PRESENT).values_list("gathering_id", "person_id")
    )
    spoke = set(SpeakingTurn.objects.values_list("gathering_id", "person_id"))
    assert spoke <= present
    # The turn tally on attendance is what the turn services keep there.
    assert tally.mismatches(Attendance, SpeakingTurn) == []
    assert Attendance.objects.filter(turn_count__gt=0).count() == len(spoke)
    # A person attends only while they are in the journey.
    for att in Attendance.objects.select_related("gathering", "person")[::7]:
        assert att.person.joined_on <= att.gathering.held_on
        assert att.person.left_on is None or att.gathering.held_on <= att.person.left_on
        assert att.person.journey_id == att.gathering.journey_id

    # Fate history as contribution_create and contribution_set_fate write it.
    history: dict[int, list[FateChange]] = defaultdict(list)
    for change in FateChange.objects.order_by("id"):
        history[change.contribution_id].append(change)
    answered_by = set(
        Decision.answers.through.objects.values_list("decision_id", "contribution_id")
    )
    for c in Contribution.objects.select_related("gathering"):
        rows = history[c.pk]
        assert (rows[0].from_fate, rows[0].to_fate, rows[0].on) == ("", cvocab.NEW, c.raised_on)
        for before, after in itertools.pairwise(rows):
            assert after.from_fate == before.to_fate
            assert after.on >= before.on
        assert rows[-1].to_fate == c.fate
        if c.fate == cvocab.NEW:
            assert (c.last_change_id, c.first_response_on, c.fate_changed_on) == (None, None, None)
        else:
            assert c.last_change_id == rows[-1].pk
            assert c.first_response_on == rows[1].on
            assert c.fate_changed_on == rows[-1].on
        if c.fate == cvocab.MERGED:
            assert c.merged_into is not None and c.merged_into.fate != cvocab.MERGED
            assert c.merged_into.journey_id == c.journey_id
        if c.channel == "gathering":
            assert c.gathering is not None and c.raised_on == c.gathering.held_on
        assert c.raised_on <= TODAY
        for change in rows:
            if change.decision_id is not None:
                assert (change.decision_id, c.pk) in answered_by


def _digest() -> str:
    h = hashlib.sha256()
    for model, fields in (
        (Person, ("pk", "journey__slug", "role", "joined_on", "network_key")),
        (SpeakingTurn, ("pk", "gathering_id", "person_id", "seconds", "role")),
        (Contribution, ("pk", "raised_on", "channel", "fate", "merged_into_id")),
    ):
        for row in model.objects.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.mark.django_db
def test_generation_is_deterministic() -> None:
    digests = []
    for _ in range(2):
        with transaction.atomic():
            generate(TINY, today=TODAY)
            digests.append(_digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]


def test_insights_run_on_it_with_a_bounded_number_of_queries(
    generated: Result, django_assert_max_num_queries: Any
) -> None:
    for journey in Journey.objects.all():
        with django_assert_max_num_queries(MAX_QUERIES):
            doc = insights_for(journey, Period())
        assert doc["journey"]["slug"] == journey.slug
        assert doc["sections"]


@pytest.mark.django_db
def test_the_fast_load_gives_the_same_rows_and_finds_broken_keys() -> None:
    with transaction.atomic():
        generate(TINY, today=TODAY)
        slow = _digest()
        assert orphans() == []
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(TINY, today=TODAY, fast_foreign_keys=True)  # PostgreSQL only; same elsewhere
        assert _digest() == slow
        with connection.cursor() as cur:  # a turn of a person who does not exist
            if connection.vendor == "postgresql":
                cur.execute("SET LOCAL session_replication_role = replica")
            else:
                cur.execute("PRAGMA defer_foreign_keys = ON")
            cur.execute("UPDATE gatherings_speakingturn SET person_id = 987654321 WHERE id = 1")
        assert orphans() == ["gatherings.SpeakingTurn.person: 1"]
        transaction.set_rollback(True)


def test_the_dashboard_answers_for_the_large_journey(
    generated: Result, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(bench_facilitator())
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/j/{LARGE_SLUG}/dashboard/")
    assert response.status_code == 200


def test_the_organisation_view_over_the_programme_agrees_with_each_journey(
    generated: Result, django_assert_max_num_queries: Any, settings: Any
) -> None:
    from powerwith.insights.organisation import programme_figures

    settings.FIGURES_CACHE = False
    # 25 since training, money, trials, leaving and the network of groups joined the
    # organisation's figures (a fixed number, whatever the number of journeys).
    with django_assert_max_num_queries(25):
        doc = programme_figures(Journey.objects.all(), bench_facilitator(), every_journey=True)
    assert len(doc["journeys"]) == Journey.objects.count() and doc["others"] is None
    for row in doc["journeys"]:
        rec = insights_for(Journey.objects.get(slug=row["slug"]), Period())["sections"]["record"]
        assert row["people"] == rec["room"]["people"]
        assert row["turns"] == rec["voice"]["turns"]
        assert row["voice_share"] == rec["voice"]["turns_share_by_side"]
        assert row["acted_upon_rate"] == rec["follow_through"]["acted_upon_rate"]
        assert row["changes_by_level"] == rec["changes"]["by_level"]
