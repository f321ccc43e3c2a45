"""Reads for reflection: banks a journey can use, rounds, results by side and role, where the
sides diverge, comparison with earlier rounds, reflections on lived experience at work (only
those the viewer may see), and endings."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from powerwith.common.privacy import is_small, min_group
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey, Membership
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

from . import vocab
from .figures import Gap, Group, group_figure, rank_by_divergence, side_gap, tally
from .lived_roles import Suggestion, suggest
from .models import (
    AnonymousAnswer,
    AnonymousAnswerSet,
    BankItem,
    Ending,
    NamedAnswer,
    NamedAnswerSet,
    Question,
    QuestionBank,
    Receipt,
    Round,
)

SIDE_ORDER = (people_vocab.LIVED, people_vocab.PROFESSIONAL)
COUNTABLE = (vocab.COUNTED, vocab.SHARED)


# ---------------------------------------------------------------------------------------------
# People and banks


def person_for_user(journey: Journey, user: Any) -> Person | None:
    """The person in the journey's register that this account belongs to, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(journey=journey, user=user).select_related("person").first()
    )
    if (
        membership is not None
        and membership.person is not None
        and membership.person.journey_id == journey.pk
    ):
        return membership.person
    return Person.objects.filter(journey=journey, user=user).order_by("pk").first()


def banks_visible(journey: Journey) -> QuerySet[QuestionBank]:
    """Every bank version this journey may use: built in, its host organisation's, its own.

    The host is an organisation's identity, chosen only by that organisation's admins, so a
    journey sees an organisation's banks only if the organisation chose to host it."""
    q = Q(builtin=True) | Q(journey=journey)
    if journey.host_id is not None:
        q |= Q(organisation_id=journey.host_id, journey__isnull=True, builtin=False)
    return QuestionBank.objects.filter(q).select_related("organisation")


@dataclass
class Lineage:
    """One bank as people think of it: its latest version here, and the earlier ones."""

    latest: QuestionBank
    earlier: list[QuestionBank]
    questions: int
    editable: bool  # editing it here makes a new version (or the organisation's first copy)
    copied: QuestionBank | None = None  # for a built-in bank: the organisation's own copy


def bank_lineages(journey: Journey) -> list[Lineage]:
    banks = list(
        banks_visible(journey)
        .annotate(n=Count("items"))
        .order_by("builtin", "title", "key", "-version")
    )
    groups: dict[tuple[bool, int | None, int | None, str], list[QuestionBank]] = defaultdict(list)
    for b in banks:
        groups[(b.builtin, b.organisation_id, b.journey_id, b.key)].append(b)
    own_keys = {key for (builtin, _, _, key) in groups if not builtin}
    out = []
    for (builtin, _org, _j, key), versions in groups.items():
        copied = None
        if builtin and key in own_keys:
            copied = next(v[0] for (b2, _o, _jj, k2), v in groups.items() if not b2 and k2 == key)
        out.append(
            Lineage(
                latest=versions[0],
                earlier=versions[1:],
                questions=getattr(versions[0], "n", 0),
                editable=copied is None,
                copied=copied,
            )
        )
    out.sort(key=lambda li: (li.latest.builtin, li.latest.title.casefold()))
    return out


def bank_questions(bank: QuestionBank) -> list[Question]:
    return [
        i.question
        for i in BankItem.objects.filter(bank=bank).select_related("question").order_by("position")
    ]


def bank_with_question(journey: Journey, bank_pk: int, question_pk: int) -> Question | None:
    item = (
        BankItem.objects.filter(bank_id=bank_pk, question_id=question_pk)
        .filter(bank__in=banks_visible(journey))
        .select_related("question")
        .first()
    )
    return item.question if item else None


def bank_history(bank: QuestionBank) -> list[QuestionBank]:
    """The versions this bank came from, newest first (following what each was derived from)."""
    chain, seen = [], {bank.pk}
    current = bank.derived_from
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.derived_from
    return chain


# ---------------------------------------------------------------------------------------------
# Rounds


def _set_count(model: Any) -> Any:
    return Coalesce(
        Subquery(
            model.objects.filter(round=OuterRef("pk"))
            .values("round")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def rounds_for(journey: Journey) -> QuerySet[Round]:
    return (
        Round.objects.filter(journey=journey)
        .select_related("bank")
        .annotate(
            named_count=_set_count(NamedAnswerSet),
            anonymous_count=_set_count(AnonymousAnswerSet),
        )
        .order_by("-opens_on", "-id")
    )


def answered_round_ids(journey: Journey, person: Person | None) -> set[int]:
    if person is None:
        return set()
    return set(
        Receipt.objects.filter(round__journey=journey, person=person).values_list(
            "round_id", flat=True
        )
    )


def has_answered(rnd: Round, person: Person | None) -> bool:
    return person is not None and Receipt.objects.filter(round=rnd, person=person).exists()


def answer_set_count(rnd: Round) -> int:
    if rnd.anonymous:
        return AnonymousAnswerSet.objects.filter(round=rnd).count()
    return NamedAnswerSet.objects.filter(round=rnd).count()


def results_hidden_reason(rnd: Round, sets: int) -> str:
    """Why an anonymous round's results are not shown yet ("" when they can be shown)."""
    if not rnd.anonymous:
        return ""
    if rnd.is_open:
        return (
            "The results of an anonymous round appear once a facilitator closes it, so that no "
            "one can work out a single person's answers by watching the figures change."
        )
    if sets < min_group():
        return (
            f"Fewer than {min_group()} people answered, so the results are not shown: with so "
            "few answers, people could be picked out."
        )
    return ""


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Previous:
    round: Round
    overall: Group
    sides: list[Group]
    change: float | None  # this round's overall mean minus the earlier one's

    @property
    def change_words(self) -> str:
        if self.change is None:
            return ""
        if self.change == 0:
            return "the same"
        return f"{'up' if self.change > 0 else 'down'} {abs(self.change):.2f}"


@dataclass
class Statement:
    question: Question
    position: int
    overall: Group
    sides: list[Group]
    roles: list[Group]
    gap: float | None
    divergence: float | None
    higher: str
    previous: Previous | None = None

    @property
    def higher_label(self) -> str:
        return people_vocab.SIDES.label(self.higher) if self.higher else ""

    def side(self, code: str) -> Group | None:
        return next((g for g in self.sides if g.code == code), None)


@dataclass
class WrittenAnswer:
    id: str
    text: str
    who: str  # a name (named rounds), or a side when that side has 5 or more answers
    themes: list[str]


@dataclass
class ThemeGroup:
    name: str
    answers: list[WrittenAnswer]


@dataclass
class OpenQuestion:
    question: Question
    groups: list[ThemeGroup]
    total: int


@dataclass
class Results:
    round: Round
    sets: int
    hidden: str
    by_side: list[tuple[str, str, int | None]]  # code, label, count (None when suppressed)
    statements: list[Statement] = field(default_factory=list)  # bank order
    open_questions: list[OpenQuestion] = field(default_factory=list)
    processes: list[tuple[str, str, int]] | None = None  # lived roles: counted, if 5 or more
    processes_counted: int = 0

    @property
    def ranked(self) -> list[Statement]:
        return rank_by_divergence(self.statements)

    @property
    def diverging(self) -> list[Statement]:
        return [s for s in self.ranked if s.divergence is not None]


def _answers_model(rnd: Round) -> Any:
    return AnonymousAnswer if rnd.anonymous else NamedAnswer


def _countable_q(prefix: str = "answer_set__") -> Q:
    """Answer sets that may be counted: all, except lived-roles reflections not consented to."""
    return ~Q(**{f"{prefix}round__bank__kind": vocab.LIVED_ROLES}) | Q(
        **{f"{prefix}consent__in": COUNTABLE}
    )


def _read_together(reads: list[QuerySet[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The rows of several grouped reads with the same columns (the named and the anonymous
    tables), in one statement: UNION ALL keeps every row of each, as separate reads would."""
    if not reads:
        return []
    first, *rest = reads
    return list(first.union(*rest, all=True) if rest else first)


def rating_rows(
    rounds: list[Round], question_ids: Iterable[int] | None = None
) -> list[dict[str, Any]]:
    """Counts of answers on the scale, grouped by round, question, side, role, rating."""
    named = [r.pk for r in rounds if not r.anonymous]
    anonymous = [r.pk for r in rounds if r.anonymous]
    fields = (
        "answer_set__round_id",
        "question_id",
        "answer_set__side",
        "answer_set__role",
        "rating",
        "dont_know",
    )
    extra = Q(question_id__in=list(question_ids)) if question_ids is not None else Q()
    reads: list[QuerySet[Any, dict[str, Any]]] = []
    if named:
        reads.append(
            NamedAnswer.objects.filter(
                extra,
                _countable_q(),
                answer_set__round_id__in=named,
                question__kind=vocab.RATING,
            )
            .values(*fields)
            .annotate(n=Count("pk"))
            .order_by()
        )
    if anonymous:
        reads.append(
            AnonymousAnswer.objects.filter(
                extra, answer_set__round_id__in=anonymous, question__kind=vocab.RATING
            )
            .values(*fields)
            .annotate(n=Count("pk"))
            .order_by()
        )
    return _read_together(reads)


def set_counts(rounds: list[Round]) -> dict[int, dict[tuple[str, str], int]]:
    """Answer sets per round, by (side, role). Lived-roles reflections only when consented."""
    out: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    named = [r.pk for r in rounds if not r.anonymous]
    anonymous = [r.pk for r in rounds if r.anonymous]
    reads: list[QuerySet[Any, dict[str, Any]]] = []
    if named:
        reads.append(
            NamedAnswerSet.objects.filter(_countable_q(""), round_id__in=named)
            .values("round_id", "side", "role")
            .annotate(n=Count("pk"))
            .order_by()
        )
    if anonymous:
        reads.append(
            AnonymousAnswerSet.objects.filter(round_id__in=anonymous)
            .values("round_id", "side", "role")
            .annotate(n=Count("pk"))
            .order_by()
        )
    for row in _read_together(reads):
        out[row["round_id"]][(row["side"], row["role"])] = row["n"]
    return out


def _roles_shown(rnd: Round) -> bool:
    return (not rnd.anonymous) or rnd.keep_role


def _statement_groups(
    rows: list[dict[str, Any]], with_roles: bool
) -> tuple[Group, list[Group], list[Group]]:
    overall = group_figure(
        "all", "Everyone", *tally((r["rating"], r["dont_know"], r["n"]) for r in rows)
    )
    sides = [
        group_figure(
            side,
            people_vocab.SIDES.label(side),
            *tally(
                (r["rating"], r["dont_know"], r["n"]) for r in rows if r["answer_set__side"] == side
            ),
        )
        for side in SIDE_ORDER
    ]
    roles: list[Group] = []
    if with_roles:
        present = {r["answer_set__role"] for r in rows if r["answer_set__role"]}
        for role in [c for c in people_vocab.ROLES.codes if c in present]:
            roles.append(
                group_figure(
                    role,
                    people_vocab.ROLES.label(role),
                    *tally(
                        (r["rating"], r["dont_know"], r["n"])
                        for r in rows
                        if r["answer_set__role"] == role
                    ),
                )
            )
    return overall, sides, roles


def statements_for(
    rnd: Round, questions: list[Question], rows: list[dict[str, Any]]
) -> list[Statement]:
    by_question: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_question[r["question_id"]].append(r)
    out = []
    for position, q in enumerate(questions, start=1):
        if not q.is_rating:
            continue
        overall, sides, roles = _statement_groups(by_question.get(q.pk, []), _roles_shown(rnd))
        gap: Gap = side_gap(sides[0], sides[1])
        out.append(
            Statement(
                question=q,
                position=position,
                overall=overall,
                sides=sides,
                roles=roles,
                gap=gap.gap,
                divergence=gap.divergence,
                higher=gap.higher,
            )
        )
    return out


def results_visible(rnd: Round, sets: int) -> bool:
    return results_hidden_reason(rnd, sets) == ""


def _side_counts(counts: dict[tuple[str, str], int]) -> list[tuple[str, str, int | None]]:
    out = []
    for side in SIDE_ORDER:
        n = sum(v for (s, _r), v in counts.items() if s == side)
        out.append((side, people_vocab.SIDES.label(side), None if is_small(n) else n))
    return out


def _earlier_rounds(rnd: Round) -> list[Round]:
    return list(
        Round.objects.filter(journey_id=rnd.journey_id)
        .filter(Q(opens_on__lt=rnd.opens_on) | Q(opens_on=rnd.opens_on, pk__lt=rnd.pk))
        .select_related("bank")
        .order_by("-opens_on", "-id")
    )


def _attach_previous(rnd: Round, statements: list[Statement]) -> None:
    """For each statement, the most recent earlier round (same journey) that asked the same
    version of it and whose results can be shown."""
    if not statements:
        return
    earlier = _earlier_rounds(rnd)
    if not earlier:
        return
    counts = set_counts(earlier)
    shown = [r for r in earlier if results_visible(r, sum(counts.get(r.pk, {}).values()))]
    if not shown:
        return
    qids = [s.question.pk for s in statements]
    rows = rating_rows(shown, qids)
    by_key: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_key[(row["answer_set__round_id"], row["question_id"])].append(row)
    for s in statements:
        for r in shown:  # newest first
            found = by_key.get((r.pk, s.question.pk))
            if found:
                overall, sides, _roles = _statement_groups(found, False)
                change = None
                if overall.raw_mean is not None and s.overall.raw_mean is not None:
                    change = round(s.overall.raw_mean - overall.raw_mean, 2)
                s.previous = Previous(round=r, overall=overall, sides=sides, change=change)
                break


def _written_answers(
    rnd: Round,
    questions: list[Question],
    counts: dict[tuple[str, str], int],
    viewer_may: set[int] | None,
) -> list[OpenQuestion]:
    open_qs = [q for q in questions if q.is_open]
    if not open_qs:
        return []
    model = _answers_model(rnd)
    qs = (
        model.objects.filter(answer_set__round=rnd, question__in=open_qs)
        .exclude(text="")
        .prefetch_related("themes")
    )
    if rnd.anonymous:
        qs = qs.select_related("answer_set").order_by("id")  # random ids: no order of arrival
    else:
        qs = qs.select_related("answer_set__person").order_by("answer_set__person__name", "id")
        if viewer_may is not None:
            qs = qs.filter(answer_set_id__in=viewer_may)
    side_n: dict[str, int] = defaultdict(int)
    role_n: dict[str, int] = defaultdict(int)
    for (side, role), n in counts.items():
        side_n[side] += n
        role_n[role] += n
    per_q: dict[int, list[WrittenAnswer]] = defaultdict(list)
    for a in qs:
        aset = a.answer_set
        if rnd.anonymous:
            who = ""
            if not is_small(side_n[aset.side]):
                who = people_vocab.SIDES.label(aset.side)
                if rnd.keep_role and aset.role and not is_small(role_n[aset.role]):
                    who = people_vocab.ROLES.label(aset.role)
        else:
            who = aset.person.name
        per_q[a.question_id].append(
            WrittenAnswer(
                id=str(a.pk),
                text=a.text,
                who=who,
                themes=sorted(t.name for t in a.themes.all()),
            )
        )
    out = []
    for q in open_qs:
        answers = per_q.get(q.pk, [])
        groups: dict[str, list[WrittenAnswer]] = defaultdict(list)
        for wa in answers:
            for t in wa.themes or [""]:
                groups[t].append(wa)
        ordered = sorted((k for k in groups if k), key=lambda k: (-len(groups[k]), k.casefold()))
        theme_groups = [ThemeGroup(name=k, answers=groups[k]) for k in ordered]
        if "" in groups:
            theme_groups.append(ThemeGroup(name="", answers=groups[""]))
        out.append(OpenQuestion(question=q, groups=theme_groups, total=len(answers)))
    return out


def round_results(rnd: Round, viewer: Any = None) -> Results:
    """Everything the results page shows, with small groups suppressed and, for anonymous
    rounds, nothing at all until the round is closed with at least 5 answers."""
    counts = set_counts([rnd]).get(rnd.pk, {})
    sets = sum(counts.values())
    hidden = results_hidden_reason(rnd, sets) if rnd.anonymous else ""
    results = Results(round=rnd, sets=sets, hidden=hidden, by_side=_side_counts(counts))
    if hidden:
        return results
    questions = bank_questions(rnd.bank)
    results.statements = statements_for(rnd, questions, rating_rows([rnd]))
    _attach_previous(rnd, results.statements)
    viewer_may: set[int] | None = None
    if rnd.is_lived_roles:
        viewer_may = {s.pk for s in lived_sets_visible(rnd.journey, viewer, rounds=[rnd])}
        _lived_processes(rnd, results)
    results.open_questions = _written_answers(rnd, questions, counts, viewer_may)
    return results


# ---------------------------------------------------------------------------------------------
# Lived experience at work (Chauhan, Croft & Spyridonidis 2022)


@dataclass
class Reflection:
    answer_set: NamedAnswerSet
    suggestion: Suggestion | None
    written: list[tuple[Question, str]]


def suggestion_for(answers: Iterable[Any]) -> Suggestion | None:
    chosen = {a.question.area: a.choice for a in answers if a.question.is_role and a.choice}
    if all(c in chosen for c in vocab.CONSTRUCTS.codes):
        return suggest(chosen[vocab.VOICE], chosen[vocab.EXPERIENCE], chosen[vocab.IDENTITY])
    return None


def _lived_processes(rnd: Round, results: Results) -> None:
    sets = list(
        NamedAnswerSet.objects.filter(round=rnd, consent__in=COUNTABLE).prefetch_related(
            Prefetch("answers", queryset=NamedAnswer.objects.select_related("question"))
        )
    )
    results.processes_counted = len(sets)
    if len(sets) < min_group():
        results.processes = None
        return
    tallies = {code: 0 for code in vocab.PROCESSES.codes}
    for s in sets:
        suggestion = suggestion_for(s.answers.all())
        if suggestion is not None:
            tallies[suggestion.process] += 1
    results.processes = [(c, vocab.PROCESSES.label(c), tallies[c]) for c in vocab.PROCESSES.codes]


def lived_sets_visible(
    journey: Journey, viewer: Any, rounds: list[Round] | None = None
) -> QuerySet[NamedAnswerSet]:
    """Reflections on lived experience at work this viewer may read: their own; those whose
    writer chose them as supporter; and, for facilitators, those shared with facilitators."""
    base = NamedAnswerSet.objects.filter(
        round__journey=journey, round__bank__kind=vocab.LIVED_ROLES
    )
    if rounds is not None:
        base = base.filter(round__in=rounds)
    if not getattr(viewer, "is_authenticated", False):
        return base.none()
    me = person_for_user(journey, viewer)
    allowed = Q(supporter=viewer)
    if me is not None:
        allowed |= Q(person=me)
    if Membership.objects.filter(
        journey=journey, user=viewer, role=journey_vocab.FACILITATOR
    ).exists():
        allowed |= Q(consent=vocab.SHARED)
    return base.filter(allowed)


def _reflections(qs: QuerySet[NamedAnswerSet]) -> list[Reflection]:
    out = []
    for s in (
        qs.select_related("round", "person", "supporter")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=NamedAnswer.objects.select_related("question").order_by("question_id"),
            )
        )
        .order_by("answered_on", "id")
    ):
        answers = list(s.answers.all())
        out.append(
            Reflection(
                answer_set=s,
                suggestion=suggestion_for(answers),
                written=[(a.question, a.text) for a in answers if a.question.is_open and a.text],
            )
        )
    return out


@dataclass
class Trajectory:
    person: Person
    reflections: list[Reflection]

    @property
    def moves(self) -> list[tuple[datetime.date, str, str]]:
        """Each change of suggested process over time: (date, from label, to label)."""
        out = []
        prev: Reflection | None = None
        for r in self.reflections:
            if (
                prev is not None
                and prev.suggestion
                and r.suggestion
                and prev.suggestion.process != r.suggestion.process
            ):
                out.append((r.answer_set.answered_on, prev.suggestion.label, r.suggestion.label))
            if r.suggestion:
                prev = r
        return out


def my_reflections(journey: Journey, viewer: Any) -> Trajectory | None:
    me = person_for_user(journey, viewer)
    if me is None:
        return None
    qs = NamedAnswerSet.objects.filter(
        round__journey=journey, round__bank__kind=vocab.LIVED_ROLES, person=me
    )
    return Trajectory(person=me, reflections=_reflections(qs))


def reflections_shared_with(journey: Journey, viewer: Any) -> list[Trajectory]:
    """Other people's reflections this viewer may read, one trajectory per person."""
    me = person_for_user(journey, viewer)
    qs = lived_sets_visible(journey, viewer)
    if me is not None:
        qs = qs.exclude(person=me)
    by_person: dict[int, Trajectory] = {}
    for r in _reflections(qs):
        p = r.answer_set.person
        by_person.setdefault(p.pk, Trajectory(person=p, reflections=[])).reflections.append(r)
    return sorted(by_person.values(), key=lambda t: t.person.name.casefold())


def supporters_for(journey: Journey, exclude_user: Any = None) -> list[Membership]:
    qs = (
        Membership.objects.filter(
            journey=journey, role__in=[journey_vocab.FACILITATOR, journey_vocab.MEMBER]
        )
        .select_related("user", "person")
        .order_by("user__first_name", "user__email")
    )
    if exclude_user is not None and getattr(exclude_user, "pk", None):
        qs = qs.exclude(user=exclude_user)
    return list(qs)


# ---------------------------------------------------------------------------------------------
# Endings


def endings_for(journey: Journey) -> QuerySet[Ending]:
    return (
        Ending.objects.filter(journey=journey)
        .annotate(
            view_count=Count("stakeholder_views", distinct=True),
            note_count=Count("realist_notes", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def ending_detail(ending: Ending) -> dict[str, Any]:
    views = list(ending.stakeholder_views.select_related("person", "entered_by"))
    notes = list(
        ending.realist_notes.select_related("recorded_by").prefetch_related(
            "contributions", "gatherings", "decisions"
        )
    )
    return {"views": views, "notes": notes}
