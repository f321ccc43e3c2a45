"""Results: figures by side and role, small groups suppressed, the statements where the two
sides diverge most first, written answers by theme, earlier rounds compared."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from powerwith.reflection import services
from powerwith.reflection.figures import group_figure, rank_by_divergence, side_gap
from powerwith.reflection.models import AnonymousAnswer
from powerwith.reflection.selectors import round_results

from .helpers import builtin, enter, open_round, people, question

A = services.Answer


def test_group_figures_by_hand() -> None:
    g = group_figure("lived", "Lived", [1, 1, 1, 1, 1], 0)
    assert (g.n, g.mean, g.agree_share, g.suppressed) == (5, 3.0, 0.4, False)
    # Four answers: nothing at all is shown.
    g = group_figure("lived", "Lived", [0, 0, 0, 0, 4], 0)
    assert (g.n, g.suppressed, g.counts, g.mean) == (4, True, None, None)
    # Five answers, but only four on the scale: counts shown, no mean.
    g = group_figure("lived", "Lived", [1, 1, 1, 1, 0], 1)
    assert (g.n, g.suppressed, g.counts, g.dont_know, g.mean, g.agree_share) == (
        5,
        False,
        [1, 1, 1, 1, 0],
        1,
        None,
        None,
    )
    # No answers is not a small group: shown as nothing to show.
    g = group_figure("all", "Everyone", [0, 0, 0, 0, 0], 0)
    assert (g.n, g.suppressed, g.mean) == (0, False, None)
    # Seven answers: 2,2,1,3,2 and two don't knows -> mean 2.0, none agree.
    g = group_figure("lived", "Lived", [1, 3, 1, 0, 0], 2)
    assert (g.n, g.rated, g.mean, g.agree_share, g.scale_x) == (7, 5, 2.0, 0.0, 85)


def test_side_gap_and_ranking_by_hand() -> None:
    lived = group_figure("lived", "L", [1, 3, 1, 0, 0], 0)  # 2.0
    prof = group_figure("professional", "P", [0, 0, 0, 2, 3], 0)  # 4.6
    gap = side_gap(lived, prof)
    assert (gap.gap, gap.divergence, gap.higher) == (2.6, 2.6, "professional")
    gap = side_gap(prof, lived)
    assert (gap.gap, gap.divergence, gap.higher) == (-2.6, 2.6, "lived")
    small = group_figure("lived", "L", [0, 0, 0, 0, 4], 0)
    assert side_gap(small, prof).divergence is None

    class S:
        def __init__(self, position: int, divergence: float | None) -> None:
            self.position, self.divergence = position, divergence

    items = [S(1, 0.4), S(2, None), S(3, 2.6), S(4, 1.4), S(5, 1.4)]
    assert [s.position for s in rank_by_divergence(items)] == [3, 4, 5, 1, 2]


def _worked_round(world: Any) -> Any:
    """Five staff and five patients answer four statements:

    speak_freely: staff 5,5,5,4,4 (4.6); patients 2,2,1,3,2 (2.0) -> divergence 2.6
    trust:        staff 4,4,4,4,4 (4.0); patients 3,4,4,3,4 (3.6) -> 0.4
    plain_words:  staff 3,3,3,3,3 (3.0); patients 4,5,4,5,4 (4.4) -> 1.4, patients agree more
    agenda_shared: staff 5,4 and three don't knows (no mean); patients 1 x5 -> no divergence
    """
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    q = {k: question(bank, k) for k in ("speak_freely", "trust", "plain_words", "agenda_shared")}
    staff = {
        "speak_freely": [5, 5, 5, 4, 4],
        "trust": [4, 4, 4, 4, 4],
        "plain_words": [3, 3, 3, 3, 3],
        "agenda_shared": [5, 4, None, None, None],
    }
    patients = {
        "speak_freely": [2, 2, 1, 3, 2],
        "trust": [3, 4, 4, 3, 4],
        "plain_words": [4, 5, 4, 5, 4],
        "agenda_shared": [1, 1, 1, 1, 1],
    }
    for side, role, table in (
        ("staff", "frontline_staff", staff),
        ("pt", "service_user", patients),
    ):
        for i, p in enumerate(people(world, role, 5, side)):
            answers = {
                q[k].pk: (A(rating=v[i]) if v[i] is not None else A(dont_know=True))
                for k, v in table.items()
            }
            enter(world, rnd, answers, person=p)
    return rnd


def test_divergence_ranking_on_a_worked_example(world: Any) -> None:
    rnd = _worked_round(world)
    hidden = round_results(rnd)
    assert hidden.hidden.startswith("The results of an anonymous round appear once")
    assert hidden.statements == [] and hidden.sets == 10
    services.round_close(actor=world.facilitator, round=rnd)
    rnd.refresh_from_db()
    res = round_results(rnd)
    assert res.hidden == ""
    assert [(code, n) for code, _l, n in res.by_side] == [("lived", 5), ("professional", 5)]
    ranked = [(s.question.key, s.divergence, s.higher) for s in res.diverging]
    assert ranked == [
        ("speak_freely", 2.6, "professional"),
        ("plain_words", 1.4, "lived"),
        ("trust", 0.4, "professional"),
    ]
    # Then every statement without a divergence, in the bank's order (agenda_shared among them).
    rest = res.ranked[3:]
    assert all(s.divergence is None for s in rest) and len(rest) == 22 - 3
    assert [s.position for s in rest] == sorted(s.position for s in rest)
    assert "agenda_shared" in [s.question.key for s in rest]
    speak = next(s for s in res.statements if s.question.key == "speak_freely")
    assert [(g.code, g.mean, g.agree_share) for g in speak.sides] == [
        ("lived", 2.0, 0.0),
        ("professional", 4.6, 1.0),
    ]
    assert (speak.overall.n, speak.overall.mean) == (10, 3.3)
    agenda = next(s for s in res.statements if s.question.key == "agenda_shared")
    prof = agenda.side("professional")
    assert prof is not None and (prof.n, prof.dont_know, prof.mean) == (5, 3, None)
    assert speak.roles == []  # this anonymous round does not keep roles
    # Statements nobody rated are listed with no answers.
    assert next(s for s in res.statements if s.question.key == "who_range").overall.n == 0


def test_small_groups_are_suppressed_and_small_rounds_hidden(world: Any) -> None:
    bank = builtin("power_audit")
    trust = question(bank, "trust")
    tiny = open_round(world, bank, title="Tiny")
    for p in people(world, "carer", 4, "tiny"):
        enter(world, tiny, {trust.pk: A(rating=4)}, person=p)
    services.round_close(actor=world.facilitator, round=tiny)
    tiny.refresh_from_db()
    res = round_results(tiny)
    assert res.hidden.startswith("Fewer than 5 people answered")
    assert [n for _c, _l, n in res.by_side] == [None, 0]

    rnd = open_round(world, bank, title="Roles kept", keep_role=True)
    for p in people(world, "frontline_staff", 5, "fs") + people(world, "manager", 2, "m"):
        enter(world, rnd, {trust.pk: A(rating=4)}, person=p)
    for p in people(world, "service_user", 3, "su"):
        enter(world, rnd, {trust.pk: A(rating=2)}, person=p)
    services.round_close(actor=world.facilitator, round=rnd)
    rnd.refresh_from_db()
    res = round_results(rnd)
    assert [(c, n) for c, _l, n in res.by_side] == [("lived", None), ("professional", 7)]
    s = next(s for s in res.statements if s.question == trust)
    lived, prof = s.sides
    assert (lived.suppressed, lived.n, lived.mean) == (True, 3, None)
    assert (prof.suppressed, prof.mean) == (False, 4.0)
    assert s.divergence is None
    assert [(g.code, g.suppressed, g.mean) for g in s.roles] == [
        ("service_user", True, None),
        ("frontline_staff", False, 4.0),
        ("manager", True, None),
    ]
    assert (s.overall.n, s.overall.mean) == (10, 3.4)


def test_named_rounds_show_results_at_once_with_roles_and_names(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, anonymous=False)
    trust, barriers = question(bank, "trust"), question(bank, "barriers_open")
    for i, p in enumerate(people(world, "carer", 5, "Carer")):
        answers = {trust.pk: A(rating=3)}
        if i == 0:
            answers[barriers.pk] = A(text="Evening meetings")
        enter(world, rnd, answers, person=p)
    res = round_results(rnd)
    assert res.hidden == ""
    s = next(s for s in res.statements if s.question == trust)
    assert [(g.code, g.n, g.mean) for g in s.roles] == [("carer", 5, 3.0)]
    (oq,) = [o for o in res.open_questions if o.total]
    assert [(a.text, a.who) for g in oq.groups for a in g.answers] == [
        ("Evening meetings", "Carer-0")
    ]


def test_written_answers_grouped_by_theme(audit_round: Any) -> None:
    w, rnd = audit_round.world, audit_round.round
    answers = list(AnonymousAnswer.objects.filter(answer_set__round=rnd).exclude(text=""))
    assert len(answers) == 2
    services.answer_themes_set(
        actor=w.facilitator,
        round=rnd,
        answer_id=str(answers[0].pk),
        names=["times", " venues ", ""],
    )
    res = round_results(rnd)
    (oq,) = [o for o in res.open_questions if o.question.key == "barriers_open"]
    assert oq.total == 2
    assert [(g.name, len(g.answers)) for g in oq.groups] == [("times", 1), ("venues", 1), ("", 1)]
    # The side is shown: five patients answered, so their side is not a small group.
    assert {a.who for g in oq.groups for a in g.answers} == {"Lived experience"}
    with pytest.raises(ValidationError, match="not a written answer in this round"):
        services.answer_themes_set(
            actor=w.facilitator, round=rnd, answer_id="not-an-id", names=["x"]
        )
    with pytest.raises(ValidationError) as e:
        services.answer_themes_set(
            actor=w.facilitator, round=rnd, answer_id=str(answers[1].pk), names=["x" * 81]
        )
    assert e.value.message_dict == {"themes": ["Keep each theme under 80 characters."]}


def test_earlier_rounds_of_the_same_questions_are_compared(audit_round: Any) -> None:
    w, bank = audit_round.world, audit_round.bank
    speak = question(bank, "speak_freely")
    later = open_round(w, bank, title="Autumn", opens_on=datetime.date(2025, 9, 1))
    for p in audit_round.staff:
        enter(w, later, {speak.pk: A(rating=4)}, person=p)
    for p in audit_round.patients:
        enter(w, later, {speak.pk: A(rating=3)}, person=p)
    # While the later round is open, nothing shows; once closed, the comparison appears.
    assert round_results(later).statements == []
    services.round_close(actor=w.facilitator, round=later)
    later.refresh_from_db()
    s = next(s for s in round_results(later).statements if s.question == speak)
    assert s.previous is not None and s.previous.round == audit_round.round
    # Before: staff 5, patients 2 -> 3.5; now staff 4, patients 3 -> 3.5: the same overall.
    assert (s.previous.overall.mean, s.overall.mean, s.previous.change) == (3.5, 3.5, 0.0)
    assert [g.mean for g in s.previous.sides] == [2.0, 5.0]
    assert s.previous.change_words == "the same"
    trust = next(s for s in round_results(later).statements if s.question.key == "trust")
    assert trust.previous is not None and trust.overall.n == 0
