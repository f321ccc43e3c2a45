"""Contributions (anything anyone raises), their tags, fate and the history of every change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from powerwith.common.models import TimeStamped
from powerwith.people import vocab as people_vocab

from . import vocab


class Tag(models.Model):
    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=vocab.TAG_KINDS.choices, default="theme")
    # Touchpoints are the moments along the service, in the order people meet them; their
    # place in the journey's list (themes keep 0).
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "name"], name="tag_unique_in_journey")
        ]

    def __str__(self) -> str:
        return self.name


class Contribution(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="contributions"
    )
    text = models.TextField()
    raised_on = models.DateField()
    channel = models.CharField(max_length=16, choices=vocab.CHANNELS.choices)
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    # Whose words these are. Empty when anonymous.
    raised_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    anonymous = models.BooleanField(default=False)
    # An anonymous contribution's receipt code (``receipts.py``): the only way whoever raised it
    # can hear back. Random, unique across the site, and linked to no person or account.
    receipt_code = models.CharField(max_length=8, null=True, blank=True, unique=True)
    raiser_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    raiser_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    # Who typed it in, and how it reached them (provenance for people who are not online).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    provenance = models.CharField(
        max_length=300,
        blank=True,
        help_text='How it reached us, e.g. "written on a card at the Tuesday café".',
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contributions")
    # Praise (works well) or a problem; blank when it is neither or nobody said.
    kind = models.CharField(
        "praise or problem",
        max_length=8,
        choices=vocab.KINDS.choices,
        blank=True,
        help_text="praise when it says something works well and should be kept, problem when "
        "something went wrong or could be better, empty when it is neither or nobody said",
    )
    # Kept off the public "you said, we did" page (its words could identify someone, or the
    # person asked). Set by a facilitator or by the person who raised it; members still see it.
    off_public = models.BooleanField(default=False)

    fate = models.CharField(max_length=16, choices=vocab.FATES.choices, default=vocab.NEW)
    fate_reason = models.TextField(
        blank=True, help_text="Why it is not possible, or what was done."
    )
    change_level = models.CharField(max_length=32, choices=vocab.CHANGE_LEVELS.choices, blank=True)
    # RESTRICT: the one others were merged into cannot be deleted on its own, but a journey
    # (which takes all its contributions with it) can be.
    merged_into = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="merged_from"
    )
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_contributions",
    )
    first_response_on = models.DateField(null=True, blank=True)
    fate_changed_on = models.DateField(null=True, blank=True)
    response = models.TextField(
        blank=True, help_text='What we did, in plain words, for "you said, we did".'
    )
    # DO_NOTHING: when a contribution is deleted its history goes with it in the same
    # transaction; nulling this first would break "no fate without history" on the way out.
    # The database's (deferred) foreign key still guards it.
    last_change = models.ForeignKey(
        "FateChange", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [
            models.Index(fields=["journey", "fate"]),
            models.Index(fields=["journey", "raised_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(fate=vocab.NOT_POSSIBLE) | ~Q(fate_reason=""),
                name="not_possible_needs_reason",
            ),
            models.CheckConstraint(
                condition=~Q(fate=vocab.MERGED) | Q(merged_into__isnull=False),
                name="merged_needs_target",
            ),
            models.CheckConstraint(
                condition=Q(fate=vocab.MERGED) | Q(merged_into__isnull=True),
                name="only_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(fate=vocab.DONE) | ~Q(change_level=""), name="done_needs_level"
            ),
            models.CheckConstraint(
                condition=Q(fate=vocab.NEW) | Q(last_change__isnull=False),
                name="no_fate_without_history",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(raised_by__isnull=True),
                name="anonymous_has_no_raiser",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=True) | Q(receipt_code__isnull=True),
                name="receipt_only_when_anonymous",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse(
            "contributions:detail", kwargs={"slug": self.journey.slug, "contribution_pk": self.pk}
        )

    @property
    def fate_label(self) -> str:
        return vocab.FATES.label(self.fate)

    @property
    def is_open(self) -> bool:
        return self.fate in vocab.OPEN_FATES


class FateChange(models.Model):
    """One change in a contribution's fate (or its owner or response). Never edited or deleted."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="history")
    from_fate = models.CharField(max_length=16, choices=vocab.FATES.choices, blank=True)
    to_fate = models.CharField(max_length=16, choices=vocab.FATES.choices)
    reason = models.TextField(blank=True)
    change_level = models.CharField(max_length=32, choices=vocab.CHANGE_LEVELS.choices, blank=True)
    merged_into = models.ForeignKey(
        Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fate_changes",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on = models.DateField(
        help_text="The day the change happened (may be earlier than when it was recorded)."
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_fate or 'raised'} → {self.to_fate}"


class CardBatch(models.Model):
    """Feedback cards printed together for a journey (and usually one of its gatherings).

    Holds no personal data: who printed them is in the journey's log, not here."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="card_batches"
    )
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="card_batches",
    )
    printed_at = models.DateTimeField()

    class Meta:
        ordering = ["-printed_at", "-id"]

    def __str__(self) -> str:
        return f"Cards printed {self.printed_at:%Y-%m-%d}"


class FeedbackCard(models.Model):
    """One printed feedback card: its own receipt code, and what it became once typed in.

    No personal data: a code, a batch and, once returned, the (anonymous) contribution."""

    batch = models.ForeignKey(CardBatch, on_delete=models.CASCADE, related_name="cards")
    code = models.CharField(max_length=8, unique=True)
    # Once typed in, ``typed_in_at`` stays even if the contribution is ever deleted, so the
    # card still cannot be typed in twice.
    contribution = models.OneToOneField(
        Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="card"
    )
    typed_in_at = models.DateTimeField(null=True, blank=True)
    # The hidden token of the form that typed it in: the same form sent twice counts once.
    typed_in_token = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=True) | Q(typed_in_at__isnull=False),
                name="card_typed_in_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.code
