"""Lived experience at work (Chauhan, Croft & Spyridonidis 2022): the mapping on all 27
combinations, who may see a reflection, and how it changes over time."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from powerwith.insights.period import Period
from powerwith.insights.thresholds import merged
from powerwith.reflection import export, insights, services, vocab
from powerwith.reflection.lived_roles import suggest
from powerwith.reflection.models import NamedAnswerSet
from powerwith.reflection.selectors import (
    bank_questions,
    lived_sets_visible,
    my_reflections,
    reflections_shared_with,
    round_results,
)

from .conftest import link
from .helpers import builtin, people

N, X, R = "non_professional", "expert", "rejected"
T, E, NZ = "tokenistic", "enhanced", "neutralized"

# Every combination of (voice, experience, identity), with what it suggests, worked out by hand
# from the rule in reflection/lived_roles.py.
EXPECTED = {
    (N, N, N): NZ,  # all non-professional: heard on others' terms
    (N, N, X): NZ,  # one expert: not enough to say expertise is built in
    (N, X, N): NZ,
    (X, N, N): NZ,
    (N, X, X): E,  # two experts, nothing rejected
    (X, N, X): E,
    (X, X, N): E,
    (X, X, X): E,
    (N, N, R): T,  # one rejected, no expertise to hold it back
    (N, R, N): T,
    (R, N, N): T,
    (N, X, R): NZ,  # one rejected alongside some expertise: recognised but held in check
    (N, R, X): NZ,
    (X, N, R): NZ,
    (X, R, N): NZ,
    (R, N, X): NZ,
    (R, X, N): NZ,
    (X, X, R): NZ,
    (X, R, X): NZ,
    (R, X, X): NZ,
    (N, R, R): T,  # two or more rejected
    (R, N, R): T,
    (R, R, N): T,
    (X, R, R): T,
    (R, X, R): T,
    (R, R, X): T,
    (R, R, R): T,
}


def test_the_table_covers_all_27_combinations() -> None:
    assert set(EXPECTED) == set(itertools.product((N, X, R), repeat=3))
    assert sorted(list(EXPECTED.values()).count(p) for p in (T, E, NZ)) == [4, 10, 13]


@pytest.mark.parametrize(("combo", "process"), sorted(EXPECTED.items()), ids=str)
def test_mapping(combo: tuple[str, str, str], process: str) -> None:
    s = suggest(*combo)
    assert s.process == process
    assert s.mixed == (len(set(combo)) > 1)
    assert (s.voice, s.experience, s.identity) == combo
    assert s.label == vocab.PROCESSES.label(process) and s.prompt.endswith("?")
    assert (
        s.process_name
        == {
            T: "perpetuating rejection",
            E: "embedding expertise",
            NZ: "inverting professionalism",
        }[process]
    )


def test_unknown_answers_are_refused() -> None:
    with pytest.raises(ValueError):
        suggest("expert", "expert", "brilliant")


def _reflect(world: Any, rnd: Any, person: Any, combo: tuple[str, str, str], **kw: Any) -> None:
    qs = {q.area: q for q in bank_questions(rnd.bank) if q.is_role}
    opens = {q.key: q for q in bank_questions(rnd.bank) if q.is_open}
    answers = {
        qs["voice"].pk: services.Answer(choice=combo[0]),
        qs["experience"].pk: services.Answer(choice=combo[1]),
        qs["identity"].pk: services.Answer(choice=combo[2]),
        opens["lr_moment_open"].pk: services.Answer(text=f"A private moment for {person.name}"),
    }
    services.answers_enter(
        actor=world.facilitator,
        round=rnd,
        answers=answers,
        channel="helped",
        person=person,
        given_on=rnd.opens_on,
        **kw,
    )


def _round(world: Any, day: datetime.date, title: str = "Peer check-in") -> Any:
    return services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=builtin("lived_roles"),
        title=title,
        anonymous=False,
        opens_on=day,
    )


def test_who_may_see_a_reflection(world: Any) -> None:
    from powerwith.journeys import services as journey_services
    from tests.conftest import make_user

    second = make_user("fay@example.org", "Fay")
    journey_services.membership_add(
        actor=world.facilitator, journey=world.journey, user=second, role="facilitator"
    )
    rnd = _round(world, datetime.date(2025, 4, 1))
    pat, kim, lou = people(world, "peer_worker", 3, "Peer")
    link(world, world.member, pat)  # Pat has an account (the member's)
    _reflect(world, rnd, pat, (N, R, R), supporter=world.facilitator)
    _reflect(world, rnd, kim, (X, X, N), supporter=second, consent=vocab.COUNTED)
    _reflect(world, rnd, lou, (N, N, N), supporter=world.facilitator, consent=vocab.SHARED)

    def seen(user: Any) -> set[str]:
        return {s.person.name for s in lived_sets_visible(world.journey, user)}

    assert seen(world.member) == {pat.name}  # their own only
    assert seen(world.facilitator) == {pat.name, lou.name}  # chosen by Pat; shared by Lou
    assert seen(second) == {kim.name, lou.name}  # chosen by Kim; shared by Lou
    assert seen(world.observer) == set()
    assert seen(world.outsider) == set()
    # The results page of a facilitator nobody chose shows neither Pat's words nor a label.
    c = Client()
    c.force_login(second)
    url = reverse("reflection:results", kwargs={"slug": world.journey.slug, "round_pk": rnd.pk})
    body = c.get(url).content.decode()
    assert "A private moment for Peer-0" not in body
    assert "A private moment for Peer-1" in body  # Kim chose this facilitator
    assert "Fewer than 5 people chose to be counted" in body
    # Only the person can change who sees it.
    mine = NamedAnswerSet.objects.get(person=pat)
    with pytest.raises(ValidationError, match="Only the person who wrote this reflection"):
        services.answer_set_share(actor=world.facilitator, answer_set=mine, consent=vocab.SHARED)
    services.answer_set_share(
        actor=world.member, answer_set=mine, consent=vocab.SHARED, supporter=None
    )
    assert seen(second) == {kim.name, lou.name, pat.name}
    with pytest.raises(ValidationError) as e:
        services.answer_set_share(actor=world.member, answer_set=mine, consent="managers")
    assert e.value.message_dict == {"consent": ["Choose who can see this reflection."]}


def test_counts_only_of_consenting_reflections_and_only_from_five(world: Any) -> None:
    rnd = _round(world, datetime.date(2025, 4, 1))
    peers = people(world, "peer_worker", 6, "Peer")
    combos = [(R, R, R), (N, R, R), (X, X, X), (N, N, N), (X, N, N)]
    for p, combo in zip(peers[:4], combos, strict=False):
        _reflect(world, rnd, p, combo, supporter=world.facilitator, consent=vocab.COUNTED)
    _reflect(world, rnd, peers[5], (R, R, R), supporter=world.facilitator)  # private: not counted
    res = round_results(rnd, world.facilitator)
    assert (res.processes, res.processes_counted, res.sets) == (None, 4, 4)
    data = insights.compute(world.journey, Period())
    assert data["lived_roles"]["people"] is None
    assert data["lived_roles"]["by_process"] == {E: None, NZ: None, T: None}
    _reflect(world, rnd, peers[4], combos[4], supporter=world.facilitator, consent=vocab.SHARED)
    res = round_results(rnd, world.facilitator)
    assert res.processes == [
        (E, vocab.PROCESSES.label(E), 1),
        (NZ, vocab.PROCESSES.label(NZ), 2),
        (T, vocab.PROCESSES.label(T), 2),
    ]
    data = insights.compute(world.journey, Period())
    assert data["lived_roles"]["people"] == 5
    assert data["lived_roles"]["tokenistic_share"] == 0.4
    (sign,) = [
        s
        for s in insights.warnings(world.journey, Period(), data, merged({}))
        if s.code == "lived_roles_pushed_aside"
    ]
    assert sign.fired and sign.evidence == {"counted": 5, "tokenistic_share": 0.4}
    rows = export.tables(world.journey)["reflection_lived_roles"]
    assert rows == [
        {"round_id": rnd.pk, "counted": 5, "enhanced": 1, "neutralized": 2, "tokenistic": 2}
    ]
    assert "A private moment" not in repr(export.tables(world.journey))


def test_a_trajectory_over_time(world: Any) -> None:
    (pat,) = people(world, "peer_worker", 1, "Pat")
    link(world, world.member, pat)
    for day, combo in (
        (datetime.date(2025, 3, 1), (N, R, R)),
        (datetime.date(2025, 6, 1), (N, N, N)),
        (datetime.date(2025, 9, 1), (X, X, N)),
    ):
        _reflect(
            world, _round(world, day, f"Check-in {day:%b}"), pat, combo, supporter=world.facilitator
        )
    mine = my_reflections(world.journey, world.member)
    assert mine is not None
    assert [r.suggestion.process for r in mine.reflections if r.suggestion] == [T, NZ, E]
    assert mine.moves == [
        (datetime.date(2025, 6, 1), vocab.PROCESSES.label(T), vocab.PROCESSES.label(NZ)),
        (datetime.date(2025, 9, 1), vocab.PROCESSES.label(NZ), vocab.PROCESSES.label(E)),
    ]
    (theirs,) = reflections_shared_with(world.journey, world.facilitator)
    assert theirs.person == pat and len(theirs.reflections) == 3
    assert reflections_shared_with(world.journey, world.member) == []
    # The page shows the person their own path, and the way to change who sees it.
    c = Client()
    c.force_login(world.member)
    body = c.get(
        reverse("reflection:lived_roles", kwargs={"slug": world.journey.slug})
    ).content.decode()
    assert "How things have moved for you" in body
    assert "You are being pushed aside" in body and "Your expertise is being built in" in body
    assert "Save who can see it" in body
