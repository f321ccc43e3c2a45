"""Decisions and co-design groups (the core; voting lives here too).

Secret ballots: ``BallotReceipt`` says openly who voted, when and how (the journey's log says
the same); ``BallotPaper`` holds the marks with nothing that points back. Written one after the
other they would still pair, by the order rows are stored in or, on PostgreSQL, by the
transaction that wrote them (``xmin``); so every secret ballot rewrites all of its vote's papers
in a new random order with new random ids (``services._papers_rewrite``), and closing the vote
does so once more. tests/decisions/test_unlinkable.py checks both, while the vote is open and
after it closes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from powerwith.common.models import TimeStamped
from powerwith.people import vocab as people_vocab

from . import vocab


class Decision(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(help_text="What was decided, in plain words.")
    decided_on = models.DateField()
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    where_outside = models.CharField(
        max_length=200,
        blank=True,
        help_text="If taken outside the group: where (e.g. the trust's board).",
    )
    taken_by = models.CharField(max_length=24, choices=vocab.TAKERS.choices)
    rung = models.CharField(max_length=16, choices=vocab.RUNGS.choices)
    proposed_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_decisions",
    )
    proposer_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    proposer_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    limits = models.ManyToManyField("journeys.Limit", blank=True, related_name="decisions")
    answers = models.ManyToManyField(
        "contributions.Contribution", blank=True, related_name="decisions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vote = models.ForeignKey(
        "Vote",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        help_text="The group's vote this decision came from, if any.",
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["journey", "decided_on"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def inside_group(self) -> bool:
        return self.taken_by in vocab.INSIDE_TAKERS

    def get_absolute_url(self) -> str:
        return reverse(
            "decisions:detail", kwargs={"slug": self.journey.slug, "decision_pk": self.pk}
        )


class CoDesignGroup(TimeStamped):
    """A working group formed around a prioritised item."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="codesign_groups"
    )
    name = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    item = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="codesign_groups",
    )
    members = models.ManyToManyField("people.Person", blank=True, related_name="codesign_groups")
    formed_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["formed_on", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("decisions:group", kwargs={"slug": self.journey.slug, "group_pk": self.pk})


class GroupAction(TimeStamped):
    """Something a co-design group agreed to do: what, who, by when, and when it was done."""

    group = models.ForeignKey(CoDesignGroup, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=300)
    who = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_actions",
    )
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.what


class Vote(TimeStamped):
    """A priority vote: which items the group should work on, counted by a documented rule."""

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="votes")
    title = models.CharField(max_length=200)
    question = models.TextField(blank=True)
    method = models.CharField(max_length=12, choices=vocab.METHODS.choices)
    dots = models.PositiveSmallIntegerField(default=3)
    stacking = models.BooleanField(default=True)
    score_max = models.PositiveSmallIntegerField(default=5)
    secret = models.BooleanField(default=False)
    hide_results = models.BooleanField(default=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=8, choices=vocab.VOTE_STATES.choices, default=vocab.DRAFT)
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="votes",
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dots__gte=1, dots__lte=20), name="vote_dots_1_to_20"
            ),
            models.CheckConstraint(
                condition=models.Q(score_max__gte=1, score_max__lte=10),
                name="vote_score_max_1_to_10",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="closed") | models.Q(closed_at__isnull=False),
                name="closed_vote_has_closing_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:vote", kwargs={"slug": self.journey.slug, "vote_pk": self.pk})

    @property
    def method_label(self) -> str:
        return vocab.METHODS.label(self.method)


class VoteOption(models.Model):
    """An item on a vote: a contribution, a theme (tag), or words of its own."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=300)
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vote_options",
    )
    tag = models.ForeignKey(
        "contributions.Tag",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vote_options",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contribution__isnull=True) | models.Q(tag__isnull=True),
                name="option_is_contribution_or_tag",
            ),
            models.UniqueConstraint(
                fields=["vote", "contribution"],
                condition=models.Q(contribution__isnull=False),
                name="contribution_once_per_vote",
            ),
            models.UniqueConstraint(
                fields=["vote", "tag"],
                condition=models.Q(tag__isnull=False),
                name="tag_once_per_vote",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class BallotReceipt(models.Model):
    """Proof that one person voted, once, in one vote: the database enforces one ballot per
    person per vote here, for open and secret votes alike.

    For an open vote the marks are kept here too (everyone may see who chose what). For a secret
    vote ``marks`` stays empty and the marks go on a :class:`BallotPaper`, which nothing links
    back to this receipt.
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="ballot_receipts"
    )
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    channel = models.CharField(max_length=12, choices=vocab.BALLOT_CHANNELS.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cast_on = models.DateField()
    cast_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    marks = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["cast_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "person"], name="one_ballot_per_person_per_vote"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} voted in {self.vote}"


class BallotPaper(models.Model):
    """The marks of one secret ballot. Deliberately unlinkable from the voter: no person, no
    receipt, no time, and a random id (not a counter), so neither a link nor the order of ids
    can tie it to a receipt. It keeps only the voter's side, for results by side (shown only
    when each side has at least five ballots). Every ballot cast, and closing the vote, rewrites
    the vote's papers in a random order, so not even the order they were stored in survives."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="papers")
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    marks = models.JSONField()

    def __str__(self) -> str:
        return "A secret ballot paper"
