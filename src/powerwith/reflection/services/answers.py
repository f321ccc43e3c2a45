"""Answers to a round: sent by the person, typed in by someone else, shared, given themes, and
kept unsent (named rounds only) to come back to.

Anonymous answers are written so that nothing leads back to the person: no person, account or
membership on the answer tables, random ids, no day or time, and an audit line with no actor
and no one on whose behalf. This module never logs. The "has answered" receipt is written in
the same transaction but holds no time and nothing that points at the answers, and each new
answer rewrites the round's anonymous rows and receipts in a new random order
(``_shuffle_round``), so neither the order rows are stored in nor the transaction that wrote them
pairs a receipt with its answers.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from powerwith.common.access import require
from powerwith.common.inputs import parse_id
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions.models import Tag
from powerwith.contributions.services import tags_get_or_create
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Membership
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person
from powerwith.people.services import role_on

from .. import hooks, vocab
from ..models import (
    AnonymousAnswer,
    AnonymousAnswerSet,
    AnswerDraft,
    NamedAnswer,
    NamedAnswerSet,
    PaperEntryCount,
    Question,
    Receipt,
    Round,
)
from ..selectors import person_for_user
from .question_banks import _items

MAX_TEXT = 5000


@dataclass(frozen=True)
class Answer:
    """One answer as typed: a point on the scale (1-5), don't know, words, or a choice."""

    rating: int | None = None
    dont_know: bool = False
    text: str = ""
    choice: str = ""

    @property
    def empty(self) -> bool:
        return (
            self.rating is None and not self.dont_know and not self.text.strip() and not self.choice
        )


@dataclass(frozen=True)
class Submitted:
    created: bool  # False: the same answers had already been received (counted once)
    anonymous: bool


def field_name(question: Question) -> str:
    return f"q_{question.pk}"


def _clean_answers(rnd: Round, answers: Mapping[int, Answer]) -> list[tuple[Question, Answer]]:
    questions = _items(rnd.bank)
    known = {q.pk for q in questions}
    if any(pk not in known for pk in answers):
        raise invalid(None, gettext("Some answers are for questions that are not in this round."))
    errors: dict[str, list[str]] = {}
    cleaned: list[tuple[Question, Answer]] = []
    for q in questions:
        a = answers.get(q.pk)
        name = field_name(q)
        if a is None or a.empty:
            if q.is_role:
                errors[name] = [gettext("Choose the description that fits best.")]
            continue
        if q.is_rating:
            if a.dont_know and a.rating is not None:
                errors[name] = [gettext("Choose one answer: a point on the scale, or don't know.")]
                continue
            if not a.dont_know and a.rating not in (1, 2, 3, 4, 5):
                errors[name] = [
                    gettext(
                        "Choose an answer from strongly disagree to strongly agree, or don't know."
                    )
                ]
                continue
            cleaned.append((q, Answer(rating=a.rating, dont_know=a.dont_know)))
        elif q.is_open:
            text = a.text.strip()
            if len(text) > MAX_TEXT:
                errors[name] = [gettext("Keep your answer under 5,000 characters.")]
                continue
            if text:
                cleaned.append((q, Answer(text=text)))
        else:
            if a.choice not in [str(o[0]) for o in q.options]:
                errors[name] = [gettext("Choose one of the three descriptions.")]
                continue
            cleaned.append((q, Answer(choice=a.choice)))
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise invalid(None, gettext("Answer at least one question before you send your answers."))
    return cleaned


def _token_used(token: uuid.UUID | None) -> bool:
    if token is None:
        return False
    return (
        AnonymousAnswerSet.objects.filter(client_token=token).exists()
        or NamedAnswerSet.objects.filter(client_token=token).exists()
    )


def _check_open(rnd: Round, today: datetime.date) -> None:
    if rnd.closed_on is not None:
        raise invalid(None, gettext("This round has closed, so it no longer takes answers."))
    if rnd.opens_on > today:
        raise invalid(
            None,
            gettext("This round opens on %(day)s.") % {"day": date_format(rnd.opens_on, "d F Y")},
        )


def _check_who(rnd: Round, person: Person, field: str | None) -> None:
    """Refuse someone a round that an app above keeps for certain people (reflection/hooks.py:
    a training session's questions are for the people on that session)."""
    reason = hooks.refusal(rnd, person)
    if reason:
        raise invalid(field, reason)


def _check_consent(
    rnd: Round, person: Person | None, consent: str, supporter: Any, entering: bool
) -> tuple[str, Any]:
    if not rnd.is_lived_roles:
        return vocab.PRIVATE, None
    if consent not in vocab.CONSENT:
        raise invalid("consent", gettext("Choose who can see this reflection."))
    if supporter is not None:
        ok = Membership.objects.filter(
            journey=rnd.journey,
            user=supporter,
            role__in=[journey_vocab.FACILITATOR, journey_vocab.MEMBER],
        ).exists()
        if not ok or (person is not None and person.user_id == supporter.pk):
            raise invalid("supporter", gettext("Choose a facilitator or member of this journey."))
    elif entering and person is not None and person.user_id is None:
        raise invalid(
            "supporter",
            gettext(
                "This person has no account, so choose who may read this with them. Otherwise no "
                "one could see it."
            ),
        )
    return consent, supporter


def _shuffle_round(rnd: Round) -> None:
    """Write the round's anonymous answer sets, their answers and themes, and its receipts
    again, each table in a new random order, in the transaction that adds an answer.

    Written one after the other, the k-th receipt and the k-th answer set would belong to the
    same person: a database keeps rows in the order they were written (SQLite's rowid,
    PostgreSQL's place in the table, which a plain SELECT follows), and PostgreSQL stamps each
    row with the transaction that wrote it (``xmin``), which a receipt and its answers would
    share. Rewritten together, every live row of the round carries the same, latest
    transaction and lies in an order that says nothing about who answered when. Ids are kept
    (they are random), so a page open on an answer still finds it.

    Plain SQL, a few statements whatever the size: the rows are read, deleted and written back
    as they are, without making a model object of each (a round of 400 people answering 28
    questions holds 11,000 answers, and this runs for every one of them). The caller holds
    the round's lock."""
    q = connection.ops.quote_name
    through = AnonymousAnswer.themes.through
    answer_column = through._meta.get_field("anonymousanswer").column
    # Each table is read by a list of its parents' ids, never by a subquery: on PostgreSQL a
    # table filled in the same transaction has no statistics yet (the demo, a test, a busy
    # first day), and the planner then nests "IN (SELECT ...)" into a loop over every row for
    # every row, seconds for each answer. A list of ids is an index lookup whatever it knows.
    tables: list[tuple[Any, str, str]] = [  # parents first: (model, column, parent's ids)
        (AnonymousAnswerSet, "round_id", "round"),
        (AnonymousAnswer, "answer_set_id", "sets"),
        (through, answer_column, "answers"),
        (Receipt, "round_id", "round"),
    ]
    ids: dict[str, list[Any]] = {"round": [rnd.pk]}
    size = max(1, min(500, (connection.features.max_query_params or 999) - 1))
    rng = random.SystemRandom()
    with connection.cursor() as cursor:
        kept: list[tuple[str, list[str], list[Any], str, list[Any]]] = []
        for model, column, parent in tables:
            table = q(model._meta.db_table)
            # The themes' own numbered id is left out: numbered again in the new order.
            fields = [
                f for f in model._meta.concrete_fields if not (model is through and f.primary_key)
            ]
            names = [f.column for f in fields]
            columns = [q(n) for n in names]
            rows: list[Any] = []
            for start in range(0, len(ids[parent]), size):
                chunk = ids[parent][start : start + size]
                cursor.execute(
                    f"SELECT {', '.join(columns)} FROM {table} WHERE {q(column)} IN "
                    f"({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                rows += cursor.fetchall()
            if model is AnonymousAnswerSet:
                ids["sets"] = [r[names.index("id")] for r in rows]
            elif model is AnonymousAnswer:
                ids["answers"] = [r[names.index("id")] for r in rows]
            rng.shuffle(rows)
            kept.append((table, columns, rows, column, ids[parent]))
        for table, _, _, column, parents in reversed(kept):
            for start in range(0, len(parents), size):
                chunk = parents[start : start + size]
                cursor.execute(
                    f"DELETE FROM {table} WHERE {q(column)} IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
        for table, columns, rows, _, _ in kept:
            one = f"({', '.join(['%s'] * len(columns))})"
            batch_size = max(
                1, min(500, (connection.features.max_query_params or 999) // len(columns))
            )
            for start in range(0, len(rows), batch_size):
                batch = rows[start : start + batch_size]
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                    + ", ".join([one] * len(batch)),
                    [value for row in batch for value in row],
                )


def _rows(
    model: type[AnonymousAnswer] | type[NamedAnswer],
    answer_set: Any,  # an AnonymousAnswerSet for AnonymousAnswer, a NamedAnswerSet for NamedAnswer
    cleaned: list[tuple[Question, Answer]],
) -> list[Any]:
    """One answer row of ``model`` (anonymous or named: the same columns) per cleaned answer."""
    return [
        model(
            answer_set=answer_set,
            question=q,
            rating=a.rating,
            dont_know=a.dont_know,
            text=a.text,
            choice=a.choice,
        )
        for q, a in cleaned
    ]


def _write(
    *,
    actor: Any,
    rnd: Round,
    person: Person | None,
    cleaned: list[tuple[Question, Answer]],
    channel: str,
    side: str,
    role: str,
    client_token: uuid.UUID | None,
    consent: str,
    supporter: Any,
    day: datetime.date | None = None,
    own: bool = False,
) -> Submitted:
    today = day or timezone.localdate()
    if rnd.anonymous:
        # Every anonymous answer rewrites the round's anonymous rows (``_shuffle_round``), so
        # answers to one round queue behind this lock and each sees the one before it.
        Round.objects.select_for_update().filter(pk=rnd.pk).first()
    if _token_used(client_token):
        return Submitted(created=False, anonymous=rnd.anonymous)
    if person is not None and Receipt.objects.filter(round=rnd, person=person).exists():
        if own:
            message = gettext("You have already answered this round, so it counts once. Thank you.")
        else:
            message = gettext(
                "%(name)s has already answered this round, so it counts once. Thank you."
            ) % {"name": person.name}
        raise invalid(None, message)
    try:
        with transaction.atomic():
            if rnd.anonymous:
                if person is not None:
                    Receipt.objects.create(round=rnd, person=person)
                aset = AnonymousAnswerSet.objects.create(
                    round=rnd,
                    side=side,
                    role=role if rnd.keep_role else "",
                    channel=channel,
                    client_token=client_token,
                )
                AnonymousAnswer.objects.bulk_create(_rows(AnonymousAnswer, aset, cleaned))
                _shuffle_round(rnd)
            else:
                assert person is not None
                Receipt.objects.create(round=rnd, person=person)
                snap_role, snap_side = role_on(person, today)
                nset = NamedAnswerSet.objects.create(
                    round=rnd,
                    person=person,
                    role=snap_role,
                    side=snap_side,
                    answered_on=today,
                    channel=channel,
                    entered_by=user_or_none(actor),
                    consent=consent,
                    supporter=supporter,
                    client_token=client_token,
                )
                NamedAnswer.objects.bulk_create(_rows(NamedAnswer, nset, cleaned))
    except IntegrityError:
        # The same form arrived twice at the same moment: the first one counts.
        return Submitted(created=False, anonymous=rnd.anonymous)
    if rnd.anonymous:
        if channel != vocab.ONLINE:
            counter, _ = PaperEntryCount.objects.get_or_create(
                round=rnd,
                entered_by=user_or_none(actor),
                entered_on=timezone.localdate(),
                channel=channel,
            )
            PaperEntryCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        # No actor, no one on whose behalf, nothing about the person: only that one more
        # anonymous answer arrived, and how.
        audit(
            journey=rnd.journey,
            actor=None,
            action="round_answer_anonymous",
            obj=rnd,
            channel=channel,
            summary=f"An anonymous answer to “{rnd.title}”.",
        )
    else:
        assert person is not None
        audit(
            journey=rnd.journey,
            actor=actor,
            action="round_answer",
            obj=rnd,
            channel=channel,
            on_behalf_of=None if own else person,
            summary=f"{person.name} answered “{rnd.title}”.",
        )
    return Submitted(created=True, anonymous=rnd.anonymous)


@transaction.atomic
def answers_submit(
    *,
    actor: Any,
    round: Round,
    answers: Mapping[int, Answer],
    client_token: uuid.UUID | None = None,
    consent: str = vocab.PRIVATE,
    supporter: Any = None,
) -> Submitted:
    """A signed-in person answers for themselves, on their own phone or computer.

    Counts once: a resent form (same ``client_token``) is accepted without a second record, and
    a second set of answers from the same person is refused."""
    rnd = round
    require(actor, rnd.journey, "view")
    _check_open(rnd, timezone.localdate())
    person = person_for_user(rnd.journey, actor)
    if person is None:
        raise invalid(
            None,
            gettext(
                "Your account is not linked to a person in this journey's register, so you cannot "
                "answer for yourself yet. Ask a facilitator to link you, or to type in your answers."
            ),
        )
    _check_who(rnd, person, None)
    cleaned = _clean_answers(rnd, answers)
    consent, supporter = _check_consent(rnd, person, consent, supporter, entering=False)
    today = timezone.localdate()
    role, side = role_on(person, today)
    return _write(
        actor=actor,
        rnd=rnd,
        person=person,
        cleaned=cleaned,
        channel=vocab.ONLINE,
        side=side,
        role=role,
        client_token=client_token,
        consent=consent,
        supporter=supporter,
        own=True,
    )


@transaction.atomic
def answers_enter(
    *,
    actor: Any,
    round: Round,
    answers: Mapping[int, Answer],
    channel: str,
    person: Person | None = None,
    side: str = "",
    role: str = "",
    client_token: uuid.UUID | None = None,
    consent: str = vocab.PRIVATE,
    supporter: Any = None,
    given_on: datetime.date | None = None,
) -> Submitted:
    """Type in answers someone gave on paper, by phone or with help at a gathering.

    Named rounds need the person. In anonymous rounds the person is optional and only marks
    them as having answered; the answers keep just the side (and the role if the round keeps
    it), taken from the person when given, or as typed. ``given_on`` is the day the answers
    were given (default today): from the round's opening day up to today."""
    rnd = round
    require(actor, rnd.journey, "record")
    today = timezone.localdate()
    _check_open(rnd, today)
    given_on = given_on or today
    if given_on > today:
        raise invalid(
            "given_on", gettext("The day the answers were given cannot be in the future.")
        )
    if given_on < rnd.opens_on:
        raise invalid(
            "given_on",
            gettext("The round opened on %(day)s: answers cannot be given before that.")
            % {"day": date_format(rnd.opens_on, "d F Y")},
        )
    if channel not in vocab.ENTERED_CHANNELS:
        raise invalid(
            "channel", gettext("Choose how the answers came in: on paper, by phone or with help.")
        )
    if person is not None and person.journey_id != rnd.journey_id:
        raise invalid("person", gettext("Choose a person from this journey."))
    if person is None and not rnd.anonymous:
        raise invalid("person", gettext("Choose whose answers these are. This round is named."))
    if person is not None:
        _check_who(rnd, person, "person")
    if person is not None:
        role, side = role_on(person, given_on)
    else:
        if side not in people_vocab.SIDES:
            raise invalid("side", gettext("Choose the side of the person who answered."))
        if rnd.keep_role:
            if role not in people_vocab.ROLES:
                raise invalid("role", gettext("Choose the role of the person who answered."))
        else:
            role = ""
    cleaned = _clean_answers(rnd, answers)
    consent, supporter = _check_consent(rnd, person, consent, supporter, entering=True)
    return _write(
        actor=actor,
        rnd=rnd,
        person=person,
        cleaned=cleaned,
        channel=channel,
        side=side,
        role=role,
        client_token=client_token,
        consent=consent,
        supporter=supporter,
        day=given_on,
        own=person is not None and person_for_user(rnd.journey, actor) == person,
    )


@transaction.atomic
def answer_set_share(
    *, actor: Any, answer_set: NamedAnswerSet, consent: str, supporter: Any = None
) -> NamedAnswerSet:
    """The person changes who may see their reflection on their lived-experience role. Only
    they can: not their supporter, not a facilitator."""
    journey = answer_set.round.journey
    require(actor, journey, "view")
    if not answer_set.round.is_lived_roles:
        raise invalid(
            None, gettext("Only reflections on lived experience at work have these choices.")
        )
    me = person_for_user(journey, actor)
    if me is None or me.pk != answer_set.person_id:
        raise invalid(
            None, gettext("Only the person who wrote this reflection can change who sees it.")
        )
    consent, supporter = _check_consent(
        answer_set.round, answer_set.person, consent, supporter, entering=False
    )
    answer_set.consent, answer_set.supporter = consent, supporter
    answer_set.save(update_fields=["consent", "supporter"])
    audit(
        journey=journey,
        actor=actor,
        action="reflection_sharing_change",
        obj=answer_set,
        summary="Changed who can see their reflection.",
    )
    return answer_set


@transaction.atomic
def answer_themes_set(
    *, actor: Any, round: Round, answer_id: str, names: Iterable[str]
) -> list[Tag]:
    """Put theme tags on one free-text answer (the journey's tags, shared with contributions)."""
    rnd = round
    require(actor, rnd.journey, "manage")
    answer: AnonymousAnswer | NamedAnswer | None
    if rnd.anonymous:
        try:
            key: Any = uuid.UUID(str(answer_id))
        except ValueError:
            key = None
        answer = (
            AnonymousAnswer.objects.filter(pk=key, answer_set__round=rnd).first() if key else None
        )
    else:
        named_pk = parse_id(answer_id)
        answer = (
            NamedAnswer.objects.filter(pk=named_pk, answer_set__round=rnd).first()
            if named_pk
            else None
        )
    if answer is None or not answer.text:
        raise invalid(None, gettext("That answer is not a written answer in this round."))
    if rnd.is_lived_roles:
        raise invalid(
            None, gettext("Reflections on lived experience at work are not tagged by others.")
        )
    cleaned = [n.strip() for n in names if n.strip()]
    if any(len(n) > 80 for n in cleaned):
        raise invalid("themes", gettext("Keep each theme under 80 characters."))
    tags = tags_get_or_create(journey=rnd.journey, names=cleaned, kind="theme")
    answer.themes.set(tags)
    audit(
        journey=rnd.journey,
        actor=actor,
        action="round_answer_themes",
        obj=rnd,
        summary=f"Themes on a written answer: {', '.join(t.name for t in tags) or 'none'}",
    )
    return tags


# ---------------------------------------------------------------------------------------------
# Unsent answers to a named round ("save and come back later")


def _draft_person(actor: Any, rnd: Round) -> Person:
    require(actor, rnd.journey, "view")
    if rnd.anonymous:
        # Anonymous answers are never kept on the server with a person, finished or not.
        raise invalid(
            None, gettext("Unsent answers to an anonymous round are kept only in your browser.")
        )
    found = person_for_user(rnd.journey, actor)
    if found is None:
        raise invalid(
            None, gettext("Your account is not linked to a person in this journey's register.")
        )
    _check_who(rnd, found, None)
    return found


@transaction.atomic
def answer_draft_save(
    *, actor: Any, round: Round, values: Mapping[str, str], part: int
) -> AnswerDraft:
    """Keep a named round's unsent answers for the person who is answering, so they can come
    back to them (the answers are sent, as usual, through ``answers_submit``)."""
    if not round.is_open:
        raise invalid(None, gettext("This round has closed, so answers can no longer be saved."))
    person = _draft_person(actor, round)
    draft, _ = AnswerDraft.objects.update_or_create(
        round=round, person=person, defaults={"values": dict(values), "part": part}
    )
    audit(
        journey=round.journey,
        actor=actor,
        action="round_draft_save",
        obj=round,
        summary="Saved unsent answers to come back to",
    )
    return draft


@transaction.atomic
def answer_draft_discard(*, actor: Any, round: Round) -> None:
    """Forget the person's unsent answers to a named round (after sending them)."""
    if round.anonymous:
        return
    AnswerDraft.objects.filter(round=round, person=_draft_person(actor, round)).delete()
