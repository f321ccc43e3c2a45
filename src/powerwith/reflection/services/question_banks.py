"""Question banks: the built-in banks copied from ``reflection/banks/``, and every edit a
facilitator makes, each a new version in the journey's organisation (or the journey)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys.models import Journey

from .. import banks, vocab
from ..models import (
    BankItem,
    Question,
    QuestionBank,
)
from ..selectors import banks_visible

# ---------------------------------------------------------------------------------------------
# Built-in banks


def _builtin_question(bank_key: str, q: banks.Q) -> Question:
    found = Question.objects.filter(
        builtin=True, bank_key=bank_key, key=q.key, version=q.version
    ).first()
    options = [list(o) for o in q.options]
    if found is not None:
        if (found.text, found.hint, found.options) != (q.text, q.hint, options):
            raise RuntimeError(
                f"The shipped question {bank_key}/{q.key} version {q.version} has new words. "
                "Never reword a shipped question in place: raise its version in a new bank version."
            )
        return found
    return Question.objects.create(
        key=q.key,
        version=q.version,
        bank_key=bank_key,
        kind=q.kind,
        area=q.area,
        text=q.text,
        hint=q.hint,
        based_on=q.based_on,
        options=options,
        builtin=True,
        previous=Question.objects.filter(
            builtin=True, bank_key=bank_key, key=q.key, version__lt=q.version
        )
        .order_by("-version")
        .first(),
    )


def banks_sync() -> int:
    """Copy any built-in bank version not yet in the database; return how many were added.

    Cheap when nothing is missing (one query), safe to call from several processes at once."""
    have = set(QuestionBank.objects.filter(builtin=True).values_list("key", "version"))
    missing = [
        (m, v) for m in banks.modules() for v in m.VERSIONS if (m.KEY, v.version) not in have
    ]
    added = 0
    for module, version in missing:
        try:
            with transaction.atomic():
                bank = QuestionBank.objects.create(
                    key=module.KEY,
                    version=version.version,
                    kind=module.KIND,
                    title=version.title,
                    intro=version.intro,
                    based_on=version.based_on,
                    builtin=True,
                    derived_from=QuestionBank.objects.filter(
                        builtin=True, key=module.KEY, version__lt=version.version
                    )
                    .order_by("-version")
                    .first(),
                )
                BankItem.objects.bulk_create(
                    BankItem(bank=bank, question=_builtin_question(module.KEY, q), position=i)
                    for i, q in enumerate(version.questions, start=1)
                )
                added += 1
        except IntegrityError:  # another process added it at the same moment
            continue
    return added


# ---------------------------------------------------------------------------------------------
# Editing banks: every edit makes a new version in the journey's organisation (or the journey)


def _owner(journey: Journey) -> dict[str, Any]:
    """Where a facilitator's edits go: the host organisation's banks, else the journey's own."""
    if journey.host_id is not None:
        return {"builtin": False, "organisation": journey.host, "journey": None}
    return {"builtin": False, "organisation": None, "journey": journey}


def _audit_bank(
    *, actor: Any, journey: Journey, bank: QuestionBank, action: str, summary: str
) -> None:
    """One line in the journey the change was made from; for an organisation's bank, one more
    in the organisation's own log, so its admins see every change to its shared banks and
    which journey it came from."""
    audit(journey=journey, actor=actor, action=action, obj=bank, summary=summary)
    if bank.organisation_id is not None:
        audit(
            journey=None,
            actor=actor,
            action=action,
            obj=bank.organisation,
            summary=f"From the journey “{journey.title}”: {summary}",
        )


def _check_bank(journey: Journey, bank: QuestionBank) -> None:
    if not banks_visible(journey).filter(pk=bank.pk).exists():
        raise invalid("bank", gettext("Choose a question bank this journey can use."))


def _items(bank: QuestionBank) -> list[Question]:
    return [i.question for i in bank.items.select_related("question").order_by("position")]


def _new_version(
    *, actor: Any, journey: Journey, base: QuestionBank, questions: list[Question], note: str
) -> QuestionBank:
    owner = _owner(journey)
    in_owner = QuestionBank.objects.filter(
        key=base.key,
        organisation=owner["organisation"],
        journey=owner["journey"],
        builtin=False,
    )
    version = (in_owner.aggregate(n=Max("version"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            bank = QuestionBank.objects.create(
                key=base.key,
                version=version,
                kind=base.kind,
                title=base.title,
                intro=base.intro,
                based_on=base.based_on,
                derived_from=base,
                change_note=note[:300],
                created_by=user_or_none(actor),
                **owner,
            )
    except IntegrityError as exc:
        raise invalid(
            None,
            gettext("Someone else changed this bank at the same moment. Go back and try again."),
        ) from exc
    BankItem.objects.bulk_create(
        BankItem(bank=bank, question=q, position=i) for i, q in enumerate(questions, start=1)
    )
    _audit_bank(
        actor=actor,
        journey=journey,
        bank=bank,
        action="bank_version_create",
        summary=f"{bank.title}, version {bank.version} ({bank.owner_label}): {note}",
    )
    return bank


def _clean_question_text(text: str, hint: str) -> tuple[str, str]:
    text, hint = text.strip(), hint.strip()
    if not text:
        raise invalid("text", gettext("Enter the words of the question."))
    if len(text) > 1000:
        raise invalid("text", gettext("Keep the question under 1,000 characters."))
    if len(hint) > 300:
        raise invalid("hint", gettext("Keep the hint under 300 characters."))
    return text, hint


@transaction.atomic
def bank_create(*, actor: Any, journey: Journey, title: str, intro: str = "") -> QuestionBank:
    """Start the organisation's (or the journey's) own bank, empty, at version 1."""
    require(actor, journey, "manage")
    title, intro = title.strip(), intro.strip()
    if not title:
        raise invalid("title", gettext("Enter a name for the question bank."))
    if len(title) > 200:
        raise invalid("title", gettext("Keep the name under 200 characters."))
    owner = _owner(journey)
    base = "own-" + (slugify(title)[:40] or "bank")
    key, n = base, 2
    while QuestionBank.objects.filter(
        key=key, organisation=owner["organisation"], journey=owner["journey"]
    ).exists():
        key, n = f"{base}-{n}", n + 1
    bank = QuestionBank.objects.create(
        key=key,
        version=1,
        kind=vocab.OWN,
        title=title,
        intro=intro,
        created_by=user_or_none(actor),
        change_note="Started.",
        **owner,
    )
    _audit_bank(
        actor=actor,
        journey=journey,
        bank=bank,
        action="bank_create",
        summary=title,
    )
    return bank


@transaction.atomic
def question_add(
    *,
    actor: Any,
    journey: Journey,
    bank: QuestionBank,
    kind: str,
    text: str,
    hint: str = "",
    area: str = "",
) -> QuestionBank:
    """Add a question of the group's own; returns the new version of the bank."""
    require(actor, journey, "manage")
    _check_bank(journey, bank)
    if kind not in (vocab.RATING, vocab.OPEN):
        raise invalid("kind", gettext("Choose a statement to rate or an open question."))
    if area and area not in vocab.AREAS:
        raise invalid("area", gettext("Choose an area from the list, or leave it empty."))
    text, hint = _clean_question_text(text, hint)
    questions = _items(bank)
    if any(q.text.casefold() == text.casefold() for q in questions):
        raise invalid("text", gettext("This bank already has a question with these words."))
    question = Question.objects.create(
        key="q-" + uuid.uuid4().hex[:12],
        version=1,
        bank_key=bank.key,
        kind=kind,
        area=area,
        text=text,
        hint=hint,
        based_on="",
        created_by=user_or_none(actor),
    )
    return _new_version(
        actor=actor,
        journey=journey,
        base=bank,
        questions=[*questions, question],
        note=f"Added: {text[:200]}",
    )


@transaction.atomic
def question_revise(
    *,
    actor: Any,
    journey: Journey,
    bank: QuestionBank,
    question: Question,
    text: str,
    hint: str = "",
) -> QuestionBank:
    """Reword a question. The old words stay, with every answer given to them; the bank gets a
    new version holding a new version of the question."""
    require(actor, journey, "manage")
    _check_bank(journey, bank)
    questions = _items(bank)
    if question not in questions:
        raise invalid(None, gettext("That question is not in this bank."))
    text, hint = _clean_question_text(text, hint)
    if (text, hint) == (question.text, question.hint):
        raise invalid("text", gettext("The words are the same as before. Change them, or go back."))
    latest = (
        Question.objects.filter(bank_key=question.bank_key, key=question.key).aggregate(
            n=Max("version")
        )["n"]
        or 0
    )
    revised = Question.objects.create(
        key=question.key,
        version=latest + 1,
        bank_key=question.bank_key,
        kind=question.kind,
        area=question.area,
        text=text,
        hint=hint,
        based_on=question.based_on,
        options=question.options,
        previous=question,
        created_by=user_or_none(actor),
    )
    return _new_version(
        actor=actor,
        journey=journey,
        base=bank,
        questions=[revised if q.pk == question.pk else q for q in questions],
        note=f"Reworded: {text[:200]}",
    )


@transaction.atomic
def question_remove(
    *, actor: Any, journey: Journey, bank: QuestionBank, question: Question
) -> QuestionBank:
    """Leave a question out of a new version of the bank (earlier versions keep it)."""
    require(actor, journey, "manage")
    _check_bank(journey, bank)
    questions = _items(bank)
    if question not in questions:
        raise invalid(None, gettext("That question is not in this bank."))
    if bank.kind == vocab.LIVED_ROLES and question.is_role:
        raise invalid(
            None,
            gettext(
                "The three questions on voice, experience and identity work together, so they "
                "cannot be removed. You can reword them."
            ),
        )
    if len(questions) == 1:
        raise invalid(None, gettext("A bank needs at least one question, so this one cannot go."))
    return _new_version(
        actor=actor,
        journey=journey,
        base=bank,
        questions=[q for q in questions if q.pk != question.pk],
        note=f"Removed: {question.text[:200]}",
    )
