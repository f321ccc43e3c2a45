"""Question banks (versioned), reflection rounds, answers (named or anonymous), endings.

Anonymous answers live in their own tables (``AnonymousAnswerSet``, ``AnonymousAnswer``) that
hold no link to a person, an account or a membership: random ids, no day and no time, the side
(and the role only when the round keeps it) and how the answers came in. Who has answered is
kept apart, in ``Receipt``, which holds no time and a random id.

Order is the subtle link: a database keeps rows in the order they were written, and PostgreSQL
stamps each with the transaction that wrote it (``xmin``), so a receipt and an answer set
written together would pair by position or by transaction. Each new answer therefore rewrites
the round's anonymous rows and receipts in a new random order in its own transaction
(``services.answers._shuffle_round``): every live row of the round carries the latest
transaction and an order that says nothing about who answered when. tests/reflection/test_anonymity.py checks
the schema; tests/reflection/test_unlinkable.py the stored order and ``xmin``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext

from powerwith.common.fields import RoleSnapshot
from powerwith.common.models import TimeStamped
from powerwith.journeys import vocab as journey_vocab
from powerwith.people import vocab as people_vocab

from . import vocab


class Question(models.Model):
    """One version of one question. Never changed: rewording makes a new version, so answers
    always point at the exact words people saw."""

    key = models.SlugField(max_length=60, help_text="Stays the same across versions.")
    version = models.PositiveIntegerField(default=1)
    bank_key = models.SlugField(max_length=60, help_text="The bank this question started in.")
    kind = models.CharField(max_length=8, choices=vocab.QUESTION_KINDS.choices)
    area = models.CharField(max_length=16, choices=vocab.AREAS.choices, blank=True)
    text = models.TextField()
    hint = models.CharField(max_length=300, blank=True)
    based_on = models.CharField(max_length=300, blank=True)
    options = models.JSONField(default=list, blank=True)  # [[code, words], ...] for "role"
    builtin = models.BooleanField(default=False)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bank_key", "key", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["bank_key", "key", "version"],
                condition=Q(builtin=True),
                name="reflection_builtin_question_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=vocab.QUESTION_KINDS.codes),
                name="reflection_question_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text[:60]} (version {self.version})"

    @property
    def shown_text(self) -> str:
        """The words in the reader's language while they are the built-in bank's own; a
        question a facilitator wrote or rewrote is shown as written."""
        from .banks import builtin_words

        return gettext(self.text) if self.text in builtin_words() else self.text

    @property
    def shown_hint(self) -> str:
        from .banks import builtin_words

        return gettext(self.hint) if self.hint and self.hint in builtin_words() else self.hint

    @property
    def is_rating(self) -> bool:
        return self.kind == vocab.RATING

    @property
    def is_open(self) -> bool:
        return self.kind == vocab.OPEN

    @property
    def is_role(self) -> bool:
        return self.kind == vocab.ROLE

    @property
    def area_label(self) -> str:
        return vocab.AREAS.label(self.area) if self.area else ""

    @property
    def shown_options(self) -> list[tuple[str, str]]:
        from .banks import builtin_words

        return [
            (str(code), gettext(words) if words in builtin_words() else str(words))
            for code, words in self.options
        ]

    def option_label(self, code: str) -> str:
        for option_code, words in self.shown_options:
            if option_code == code:
                return words
        return code


class QuestionBank(models.Model):
    """One version of a question bank: built in, an organisation's, or one journey's own.

    A bank version is never changed once made: editing a question, adding or removing one makes
    a new version (for a built-in bank, the first edit makes the organisation's own copy)."""

    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=16, choices=vocab.BANK_KINDS.choices)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    based_on = models.CharField(max_length=300, blank=True)
    builtin = models.BooleanField(default=False)
    # An organisation's bank: every journey it hosts may use and change it, and its admins see
    # it. By identity, never by name. PROTECT: rounds keep the exact bank they were asked from.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_banks",
    )
    # A journey's own bank, when the journey has no host organisation.
    journey = models.ForeignKey(
        "journeys.Journey",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reflection_banks",
    )
    derived_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    change_note = models.CharField(max_length=300, blank=True)
    questions: models.ManyToManyField[Question, BankItem] = models.ManyToManyField(
        Question, through="BankItem", related_name="banks"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(builtin=True),
                name="reflection_builtin_bank_version_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "key", "version"],
                condition=Q(organisation__isnull=False),
                name="reflection_org_bank_version_unique",
            ),
            models.UniqueConstraint(
                fields=["journey", "key", "version"],
                condition=Q(journey__isnull=False),
                name="reflection_journey_bank_version_unique",
            ),
            models.CheckConstraint(
                condition=(Q(builtin=True) & Q(organisation__isnull=True) & Q(journey__isnull=True))
                | (Q(builtin=False) & Q(organisation__isnull=False) & Q(journey__isnull=True))
                | (Q(builtin=False) & Q(organisation__isnull=True) & Q(journey__isnull=False)),
                name="reflection_bank_has_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def shown_title(self) -> str:
        """A built-in bank's title and intro read in the reader's language while unchanged."""
        from .banks import builtin_words

        return gettext(self.title) if self.builtin and self.title in builtin_words() else self.title

    @property
    def shown_intro(self) -> str:
        from .banks import builtin_words

        return gettext(self.intro) if self.builtin and self.intro in builtin_words() else self.intro

    @property
    def owner_label(self) -> str:
        if self.builtin:
            return "Built in"
        if self.organisation_id:
            return self.organisation.name  # type: ignore[union-attr]
        return "This journey"

    @property
    def scope(self) -> tuple[bool, int | None, int | None]:
        return (self.builtin, self.organisation_id, self.journey_id)


class BankItem(models.Model):
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "question"], name="reflection_item_once"),
            models.UniqueConstraint(fields=["bank", "position"], name="reflection_item_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"


class Round(TimeStamped):
    """A reflection round: a bank (one exact version) opened for a phase of the journey."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="reflection_rounds"
    )
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=24, choices=journey_vocab.STAGES.choices, blank=True)
    anonymous = models.BooleanField(
        help_text="Anonymous: answers are kept with no link to the person who gave them."
    )
    keep_role = models.BooleanField(
        default=False,
        help_text="Anonymous rounds only: keep each answer's role as well as its side.",
    )
    message = models.TextField(blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=True) | Q(keep_role=False),
                name="reflection_keep_role_only_when_anonymous",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="reflection_round_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reflection:round", kwargs={"slug": self.journey.slug, "round_pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def is_lived_roles(self) -> bool:
        return self.bank.kind == vocab.LIVED_ROLES


class Receipt(models.Model):
    """That a person has answered a round, so nobody answers twice.

    Kept apart from the answers on purpose: a random id, no time, and nothing that points from
    here to an answer set or back."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="reflection_answer_once")
        ]

    def __str__(self) -> str:
        return "Has answered"


class AnswerFields(models.Model):
    """What one answer to one question holds, named or anonymous."""

    rating = models.PositiveSmallIntegerField(null=True, blank=True)  # 1..5, see vocab.RATINGS
    dont_know = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    choice = models.CharField(max_length=24, blank=True)  # for "role" questions
    themes = models.ManyToManyField("contributions.Tag", blank=True, related_name="+")

    class Meta:
        abstract = True


def _answer_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            name=f"{prefix}_rating_on_scale",
        ),
        models.CheckConstraint(
            condition=Q(rating__isnull=True) | Q(dont_know=False),
            name=f"{prefix}_rating_or_dont_know",
        ),
        models.UniqueConstraint(fields=["answer_set", "question"], name=f"{prefix}_once"),
    ]


class AnonymousAnswerSet(models.Model):
    """One person's anonymous answers to a round. Nothing here leads back to them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="anonymous_sets")
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices)
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    channel = models.CharField(max_length=16, choices=vocab.ANSWER_CHANNELS.choices)
    # No day and no time: on a day only one person answered, the day alone would say whose
    # answers these are to anyone who knows who came in that day.
    # Minted when the form is drawn and sent back with it: a resent form counts once. It is
    # kept nowhere else (not in the session, the receipt or the log).
    client_token = models.UUIDField(unique=True, null=True, blank=True)

    def __str__(self) -> str:
        return "Anonymous answers"


class AnonymousAnswer(AnswerFields):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer_set = models.ForeignKey(
        AnonymousAnswerSet, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = _answer_constraints("reflection_anon_answer")

    def __str__(self) -> str:
        return "Anonymous answer"


class NamedAnswerSet(RoleSnapshot):
    """One person's answers to a named round, with who typed them in and how they came in.

    For the lived experience at work bank, ``consent`` and ``supporter`` say who may see it:
    by default only the person and the one supporter they chose."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="named_sets")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="reflection_answer_sets"
    )
    answered_on = models.DateField()
    channel = models.CharField(max_length=16, choices=vocab.ANSWER_CHANNELS.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    consent = models.CharField(max_length=12, choices=vocab.CONSENT.choices, default=vocab.PRIVATE)
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The one person, chosen by the person answering, who may read it.",
    )
    client_token = models.UUIDField(unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="reflection_named_once"),
            models.CheckConstraint(
                condition=Q(consent__in=vocab.CONSENT.codes), name="reflection_consent_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.round}"


class NamedAnswer(AnswerFields):
    answer_set = models.ForeignKey(NamedAnswerSet, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = _answer_constraints("reflection_named_answer")

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class PaperEntryCount(models.Model):
    """Provenance of anonymous answers typed in by someone else: who typed in how many, on
    which day and how. Deliberately not linked to any answer set."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="paper_counts")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_on = models.DateField()
    channel = models.CharField(max_length=16, choices=vocab.ANSWER_CHANNELS.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entered_by", "entered_on", "channel"],
                name="reflection_paper_count_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} typed in on {self.entered_on}"


class Ending(TimeStamped):
    """The group's review at the end of a phase: what was achieved and what was learned."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="reflection_endings"
    )
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=24, choices=journey_vocab.STAGES.choices, blank=True)
    held_on = models.DateField()
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "reflection:ending", kwargs={"slug": self.journey.slug, "ending_pk": self.pk}
        )


class EndingView(models.Model):
    """One stakeholder's view of the phase (a person's, or a group's such as "the patients")."""

    ending = models.ForeignKey(Ending, on_delete=models.CASCADE, related_name="stakeholder_views")
    perspective = models.CharField(max_length=200)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    achieved = models.TextField(blank=True)
    skills_gained = models.TextField(blank=True)
    worked = models.TextField(blank=True)
    did_not_work = models.TextField(blank=True)
    carry_forward = models.TextField(blank=True)
    still_lacking = models.TextField(blank=True)
    channel = models.CharField(max_length=16, choices=vocab.ANSWER_CHANNELS.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(achieved="", skills_gained="", worked="", did_not_work="")
                | ~Q(carry_forward="", still_lacking=""),
                name="reflection_ending_view_not_empty",
            )
        ]

    def __str__(self) -> str:
        return self.perspective

    def parts(self) -> list[tuple[str, str]]:
        return [(t.label, getattr(self, t.code)) for t in vocab.ENDING_FIELDS]


class RealistNote(models.Model):
    """A realist evaluation note: in this context, this mechanism led to this outcome, with the
    evidence for it in the record."""

    ending = models.ForeignKey(Ending, on_delete=models.CASCADE, related_name="realist_notes")
    context = models.TextField()
    mechanism = models.TextField()
    outcome = models.TextField()
    contributions = models.ManyToManyField(
        "contributions.Contribution", blank=True, related_name="+"
    )
    gatherings = models.ManyToManyField("gatherings.Gathering", blank=True, related_name="+")
    decisions = models.ManyToManyField("decisions.Decision", blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(context="") & ~Q(mechanism="") & ~Q(outcome=""),
                name="reflection_realist_note_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mechanism[:40]} -> {self.outcome[:40]}"


class AnswerDraft(models.Model):
    """A named round's answers not sent yet, kept so the person can stop and come back.

    Only for named rounds: answers to an anonymous round are never kept on the server with a
    person (their unfinished answers stay in the person's own browser, reflection/paging.py).
    Deleted when the answers are sent."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="drafts")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    # The form's raw values, by field name (q_<question pk>, consent, supporter).
    values = models.JSONField(default=dict)
    part = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="reflection_one_draft")
        ]

    def __str__(self) -> str:
        return f"Unsent answers to {self.round}"
