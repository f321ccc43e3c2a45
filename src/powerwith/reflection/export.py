"""The reflection part of a journey's export (see ``powerwith.exports``).

Anonymous answers are exported only for rounds whose results can be shown (closed, with at
least 5 answers), with no person, no account and no day: each answer set gets a code (R001...)
given in random order, its side only where that side has at least 5 answer sets in the round,
and its role only where the round kept roles and that role has at least 5. Reflections on
lived experience at work are never exported one by one: only counts, and only of those whose
writers agreed to be counted, when at least 5 are. People are named by the export's codes.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, Q

from powerwith.common.privacy import is_small, min_group
from powerwith.exports import account_ids, person_ids
from powerwith.journeys.models import Journey

from . import selectors, vocab
from .models import (
    AnonymousAnswer,
    AnonymousAnswerSet,
    BankItem,
    Ending,
    EndingView,
    NamedAnswer,
    NamedAnswerSet,
    PaperEntryCount,
    QuestionBank,
    RealistNote,
    Round,
)

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "reflection_banks": "The question banks this journey used or wrote, one line per version: "
    "built in, the organisation's own, or the journey's own, and what changed from the version "
    "before. A version never changes once made, so answers always match the words people saw.",
    "reflection_questions": "Every question in those bank versions, in order: its key and "
    "version (the same key and version means the same words), the kind (a statement to rate "
    "from 1 strongly disagree to 5 strongly agree, or an open question), its area, and the "
    "research it is based on.",
    "reflection_rounds": "Each reflection round: the bank version it asked, whether answers "
    "were named or anonymous, when it opened and closed, and how many answered from each side "
    "(empty when fewer than 5).",
    "reflection_answers_named": "Answers to named rounds, one line per answer: the person "
    "(by code) with the role and side they held that day, how the answers came in and who "
    "typed them in (by account code), and the answer. Reflections on lived experience at work "
    "are private and never listed here.",
    "reflection_answers_anonymous": "Answers to anonymous rounds, only for rounds closed with at "
    "least 5 answers. Nothing links them to a person: each set of answers has a code (R001...) "
    "given in random order, with its side only when that side gave at least 5 sets in the "
    "round, and its role only when the round kept roles and that role gave at least 5.",
    "reflection_lived_roles": "Reflections on lived experience at work, counted per round "
    "without names: only those whose writers agreed to be counted, and only when at least 5 "
    "are. Each shows what the answers on voice, experience and identity suggest: expertise "
    "built in (enhanced), heard on others' terms (neutralized) or pushed aside (tokenistic).",
    "reflection_typed_in": "Who typed in anonymous answers given on paper, by phone or with "
    "help: how many, on which day, by which account. Never linked to the answers themselves.",
    "reflection_endings": "The reviews at the end of each phase.",
    "reflection_ending_views": "Each stakeholder's view in those reviews: what was achieved, "
    "skills and confidence gained, what worked, what did not, what to carry into the next "
    "stage, and which skills and connections the group still lacks.",
    "reflection_realist_notes": "Notes on what worked, for whom and why: the context, the "
    "mechanism and the outcome, with the gatherings, contributions and decisions (by their ids "
    "in the other files) that show it.",
}


def _banks(journey: Journey, rounds: list[Round]) -> list[QuestionBank]:
    used = {r.bank_id for r in rounds}
    return list(
        QuestionBank.objects.filter(Q(pk__in=used) | Q(journey=journey))
        .select_related("derived_from", "organisation")
        .order_by("key", "builtin", "organisation", "version", "id")
    )


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)
    accounts = account_ids(journey)

    def who(pk: int | None) -> str:
        return people.get(pk, "") if pk is not None else ""

    def account(pk: int | None) -> str:
        return "" if pk is None else accounts.get(pk, "A00")

    rounds = list(
        Round.objects.filter(journey=journey).select_related("bank").order_by("opens_on", "id")
    )
    counts = selectors.set_counts(rounds)
    banks = _banks(journey, rounds)
    out: dict[str, list[Row]] = {}

    out["reflection_banks"] = [
        {
            "bank_id": b.pk,
            "key": b.key,
            "version": b.version,
            "title": b.title,
            "kind": b.kind,
            "owner": "built in"
            if b.builtin
            else (b.organisation.name if b.organisation else "this journey"),
            "derived_from_bank_id": b.derived_from_id,
            "what_changed": b.change_note,
            "based_on": b.based_on,
        }
        for b in banks
    ]
    out["reflection_questions"] = [
        {
            "bank_id": i.bank_id,
            "position": i.position,
            "question_id": i.question_id,
            "key": i.question.key,
            "version": i.question.version,
            "kind": i.question.kind,
            "area": i.question.area,
            "text": i.question.text,
            "hint": i.question.hint,
            "options": "; ".join(f"{c}: {w}" for c, w in i.question.options),
            "based_on": i.question.based_on,
        }
        for i in BankItem.objects.filter(bank__in=banks)
        .select_related("question")
        .order_by("bank_id", "position")
    ]

    def side_count(rnd: Round, side: str) -> int:
        return sum(v for (s, _r), v in counts[rnd.pk].items() if s == side)

    out["reflection_rounds"] = [
        {
            "round_id": r.pk,
            "title": r.title,
            "bank_id": r.bank_id,
            "stage": r.stage,
            "anonymous": r.anonymous,
            "roles_kept": r.keep_role if r.anonymous else True,
            "opens_on": r.opens_on,
            "closes_on": r.closes_on,
            "closed_on": r.closed_on,
            "answers": sum(counts[r.pk].values()),
            "answers_lived": None if is_small(side_count(r, "lived")) else side_count(r, "lived"),
            "answers_professional": None
            if is_small(side_count(r, "professional"))
            else side_count(r, "professional"),
            "results_shown": selectors.results_visible(r, sum(counts[r.pk].values())),
        }
        for r in rounds
    ]

    named_rounds = [r.pk for r in rounds if not r.anonymous and not r.is_lived_roles]
    out["reflection_answers_named"] = [
        {
            "round_id": a.answer_set.round_id,
            "person_id": who(a.answer_set.person_id),
            "role": a.answer_set.role,
            "side": a.answer_set.side,
            "answered_on": a.answer_set.answered_on,
            "channel": a.answer_set.channel,
            "entered_by": account(a.answer_set.entered_by_id),
            "question_id": a.question_id,
            "rating": a.rating,
            "dont_know": a.dont_know,
            "text": a.text,
            "themes": "; ".join(sorted(t.name for t in a.themes.all())),
        }
        for a in NamedAnswer.objects.filter(answer_set__round_id__in=named_rounds)
        .select_related("answer_set")
        .prefetch_related("themes")
        .order_by("answer_set__round_id", "answer_set__person_id", "question_id")
    ]

    shown = [
        r
        for r in rounds
        if r.anonymous and selectors.results_visible(r, sum(counts[r.pk].values()))
    ]
    anonymous_rows: list[Row] = []
    for r in shown:
        side_n: dict[str, int] = defaultdict(int)
        role_n: dict[str, int] = defaultdict(int)
        for (side, role), n in counts[r.pk].items():
            side_n[side] += n
            role_n[role] += n
        sets = (
            AnonymousAnswerSet.objects.filter(round=r)
            .order_by("id")  # random ids: an order that says nothing about when
            .prefetch_related(
                Prefetch(
                    "answers",
                    queryset=AnonymousAnswer.objects.order_by("question_id").prefetch_related(
                        "themes"
                    ),
                )
            )
        )
        for n, s in enumerate(sets, start=1):
            side = s.side if not is_small(side_n[s.side]) else ""
            role = s.role if r.keep_role and s.role and not is_small(role_n[s.role]) else ""
            for a in s.answers.all():
                anonymous_rows.append(
                    {
                        "round_id": r.pk,
                        "answer_set": f"R{n:03d}",
                        "side": side,
                        "role": role,
                        "channel": s.channel,
                        "question_id": a.question_id,
                        "rating": a.rating,
                        "dont_know": a.dont_know,
                        "text": a.text,
                        "themes": "; ".join(sorted(t.name for t in a.themes.all())),
                    }
                )
    out["reflection_answers_anonymous"] = anonymous_rows

    lived_rows: list[Row] = []
    for r in rounds:
        if not r.is_lived_roles:
            continue
        tallies = dict.fromkeys(vocab.PROCESSES.codes, 0)
        counted = 0
        for ns in NamedAnswerSet.objects.filter(
            round=r, consent__in=selectors.COUNTABLE
        ).prefetch_related(
            Prefetch("answers", queryset=NamedAnswer.objects.select_related("question"))
        ):
            suggestion = selectors.suggestion_for(ns.answers.all())
            if suggestion is not None:
                counted += 1
                tallies[suggestion.process] += 1
        shown_counts = counted >= min_group()
        lived_rows.append(
            {
                "round_id": r.pk,
                "counted": counted if shown_counts else None,
                "enhanced": tallies[vocab.ENHANCED] if shown_counts else None,
                "neutralized": tallies[vocab.NEUTRALIZED] if shown_counts else None,
                "tokenistic": tallies[vocab.TOKENISTIC] if shown_counts else None,
            }
        )
    out["reflection_lived_roles"] = lived_rows

    out["reflection_typed_in"] = [
        {
            "round_id": p.round_id,
            "entered_by": account(p.entered_by_id),
            "entered_on": p.entered_on,
            "channel": p.channel,
            "answer_sets": p.count,
        }
        for p in PaperEntryCount.objects.filter(round__journey=journey).order_by(
            "round_id", "entered_on", "id"
        )
    ]

    endings = list(Ending.objects.filter(journey=journey).order_by("held_on", "id"))
    out["reflection_endings"] = [
        {
            "ending_id": e.pk,
            "title": e.title,
            "stage": e.stage,
            "held_on": e.held_on,
            "summary": e.summary,
        }
        for e in endings
    ]

    def perspective(v: EndingView) -> str:
        if v.person_id is not None and v.person is not None and v.perspective == v.person.name:
            return who(v.person_id)  # never a name in the export
        return v.perspective

    out["reflection_ending_views"] = [
        {
            "ending_id": v.ending_id,
            "perspective": perspective(v),
            "person_id": who(v.person_id),
            "side": v.side,
            "role": v.role,
            "channel": v.channel,
            "entered_by": account(v.entered_by_id),
            **{t.code: getattr(v, t.code) for t in vocab.ENDING_FIELDS},
        }
        for v in EndingView.objects.filter(ending__journey=journey)
        .select_related("person")
        .order_by("ending__held_on", "ending_id", "id")
    ]
    out["reflection_realist_notes"] = [
        {
            "ending_id": n.ending_id,
            "context": n.context,
            "mechanism": n.mechanism,
            "outcome": n.outcome,
            "gathering_ids": "; ".join(str(g.pk) for g in n.gatherings.all()),
            "contribution_ids": "; ".join(str(c.pk) for c in n.contributions.all()),
            "decision_ids": "; ".join(str(d.pk) for d in n.decisions.all()),
        }
        for n in RealistNote.objects.filter(ending__journey=journey)
        .prefetch_related("gatherings", "contributions", "decisions")
        .order_by("ending__held_on", "ending_id", "id")
    ]
    return out


__all__ = ["DESCRIPTIONS", "tables"]
