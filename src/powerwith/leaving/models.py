"""Leaving well: why people stopped coming, handovers when someone leaves or changes role,
assets kept in the group, and the journey's legacy plan and follow-up reviews.

The app sits above inclusion, decisions and contributions (it links to their records) and
below insights. "Stopped coming" is the retention figure's own definition
(``insights.core.retention_people``), never a second one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from powerwith.common.models import TimeStamped
from powerwith.people import vocab as people_vocab

from . import vocab


class StopAsk(TimeStamped):
    """Someone who stopped coming was asked why: how and when, and what they said."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="stop_asks"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    # The last gathering they came to before being asked, and the role and side they held
    # there: the retention figure's "role at the time".
    last_came = models.DateField()
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices)
    asked_on = models.DateField()
    asked_how = models.CharField(max_length=16, choices=vocab.ASK_WAYS.choices)
    answer = models.CharField(max_length=12, choices=vocab.ANSWERS.choices)
    # Required for an answer when recorded (services); emptied when the person is erased.
    in_their_words = models.TextField(blank=True)
    reasons = models.JSONField(default=list, blank=True)  # codes from vocab.REASONS
    # What the group did about it: a contribution raised from it, or a decision.
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["journey", "asked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(asked_on__gte=models.F("last_came")), name="asked_after_last_came"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} asked {self.asked_on}"

    @property
    def acted_on(self) -> bool:
        return self.contribution_id is not None or self.decision_id is not None

    @property
    def reason_labels(self) -> list[str]:
        return [vocab.REASONS.label(c) for c in self.reasons]


class Handover(TimeStamped):
    """What someone who left or changed role knew and did, who to contact, what is unfinished."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="handovers"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    occasion = models.CharField(max_length=12, choices=vocab.OCCASIONS.choices)
    # The day they left, or the first day of their new role.
    on = models.DateField()
    # The role and side they held before: the role at the time of the handover.
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices)
    knew_and_did = models.TextField()
    contacts = models.TextField(blank=True)
    unfinished = models.TextField(blank=True)
    handed_to = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "occasion", "on"], name="one_handover_per_occasion"
            )
        ]

    def __str__(self) -> str:
        return f"Handover from {self.person} on {self.on}"


class Reassignment(models.Model):
    """An open action moved from the person handing over to someone else."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="reassignments")
    kind = models.CharField(max_length=16, choices=vocab.ACTION_KINDS.choices)
    object_id = models.PositiveBigIntegerField()
    description = models.CharField(max_length=300)
    to_person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class AssetKept(TimeStamped):
    """An asset of someone leaving that was handed over, so it stays with the group."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="assets_kept"
    )
    asset = models.OneToOneField("inclusion.Asset", on_delete=models.CASCADE, related_name="kept")
    # Who holds it now; empty when it was written down in the group's own record.
    handed_to = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    how = models.CharField(max_length=300)
    on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.how


class Legacy(TimeStamped):
    """The end of the journey's funding, and the plan for what carries on after it."""

    journey = models.OneToOneField(
        "journeys.Journey", on_delete=models.CASCADE, related_name="legacy"
    )
    funding_ends_on = models.DateField(null=True, blank=True)
    funder = models.CharField(max_length=200, blank=True)
    # The plan: agreed on a day, saying where the group's record will live.
    plan_agreed_on = models.DateField(null=True, blank=True)
    record_lives = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "legacies"
        constraints = [
            models.CheckConstraint(
                condition=Q(plan_agreed_on__isnull=True) | ~Q(record_lives=""),
                name="plan_says_where_record_lives",
            )
        ]

    def __str__(self) -> str:
        return f"Legacy of {self.journey}"


class LegacyPart(TimeStamped):
    """One thing that carries on after the end, and who owns it."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="legacy_parts"
    )
    what = models.CharField(max_length=300)
    owner = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_other = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.what


class FollowUpReview(TimeStamped):
    """A review 6 or 12 months after the end: what carried on, and what was found."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="follow_up_reviews"
    )
    months = models.PositiveSmallIntegerField()
    done_on = models.DateField()
    found = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["months"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "months"], name="one_review_per_due_date"),
            models.CheckConstraint(condition=Q(months__in=[6, 12]), name="review_at_6_or_12"),
        ]

    def __str__(self) -> str:
        return f"{self.months}-month review"
