"""Trying things out: trials of a change with their success measures (whose every change is
kept), the feedback gathered on them and what followed; and the outcomes a group expects at
the start, reviewed at the end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from powerwith.common.models import TimeStamped
from powerwith.contributions.models import Contribution
from powerwith.journeys import vocab as journey_vocab
from powerwith.people import vocab as people_vocab

from . import vocab


class Trial(TimeStamped):
    """A prototype or trial of a change: what, where, for how long, and what became of it."""

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="trials")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    where = models.CharField(max_length=200)
    # The planned dates; the actual ones are set when it starts and ends.
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=12, choices=vocab.STATUSES.choices, default=vocab.PLANNED)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    stop_reason = models.TextField(blank=True)
    learned = models.TextField(blank=True)
    follow_up = models.CharField(max_length=12, choices=vocab.FOLLOW_UPS.choices, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trials",
    )
    feedback: models.ManyToManyField[Contribution, TrialFeedback] = models.ManyToManyField(
        "contributions.Contribution", through="TrialFeedback", related_name="trials"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["journey", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="trials_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status=vocab.STOPPED) | ~Q(stop_reason=""),
                name="trials_stopped_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=vocab.PLANNED) | Q(started_on__isnull=False),
                name="trials_started_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=vocab.ENDED) | Q(ended_on__isnull=False),
                name="trials_ended_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trials:detail", kwargs={"slug": self.journey.slug, "trial_pk": self.pk})

    @property
    def is_planned(self) -> bool:
        return self.status == vocab.PLANNED

    @property
    def has_ended(self) -> bool:
        return self.status in vocab.ENDED


class SuccessMeasure(models.Model):
    """What would count as success, written before the trial starts where possible. Changed
    only through the service, which keeps every change (``MeasureChange``)."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="measures")
    text = models.CharField(max_length=300)
    target = models.CharField(max_length=200, blank=True)
    added_on = models.DateField()
    # Written after the trial had started: the figures count trials with a measure set before.
    added_after_start = models.BooleanField(default=False)
    removed_on = models.DateField(null=True, blank=True)
    result = models.CharField(max_length=12, choices=vocab.RESULTS.choices, blank=True)
    seen = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class MeasureChange(models.Model):
    """One change to a success measure. Never edited or deleted, so goalposts never move
    silently: a change once the trial has started needs a reason."""

    measure = models.ForeignKey(SuccessMeasure, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(max_length=8, choices=vocab.MEASURE_CHANGES.choices)
    text_before = models.CharField(max_length=300, blank=True)
    target_before = models.CharField(max_length=200, blank=True)
    text_after = models.CharField(max_length=300, blank=True)
    target_after = models.CharField(max_length=200, blank=True)
    after_start = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(after_start=False) | ~Q(reason=""),
                name="trials_change_after_start_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text_after or self.text_before}"


class TrialFeedback(models.Model):
    """A contribution gathered as feedback on a trial."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="feedback_links")
    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="trial_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["trial", "contribution"], name="trials_feedback_once")
        ]

    def __str__(self) -> str:
        return f"{self.trial_id} <- {self.contribution_id}"


class ExpectedOutcome(TimeStamped):
    """An outcome the group expects, set at the start of the journey or of a phase, and how it
    turned out when reviewed at the end."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="expected_outcomes"
    )
    what = models.TextField()
    for_whom = models.CharField(max_length=200)
    by_when = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=24, choices=journey_vocab.STAGES.choices, blank=True)
    set_on = models.DateField()
    proposed_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_outcomes",
    )
    proposer_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    proposer_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The review at the end.
    verdict = models.CharField(max_length=16, choices=vocab.VERDICTS.choices, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    ending = models.ForeignKey(
        "reflection.Ending",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expected_outcomes",
    )
    evidence = models.TextField(blank=True)
    evidence_contributions = models.ManyToManyField(
        "contributions.Contribution", blank=True, related_name="+"
    )
    evidence_decisions = models.ManyToManyField("decisions.Decision", blank=True, related_name="+")
    evidence_trials = models.ManyToManyField(Trial, blank=True, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["set_on", "id"]
        indexes = [models.Index(fields=["journey", "set_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="", reviewed_on__isnull=True)
                | (~Q(verdict="") & Q(reviewed_on__isnull=False)),
                name="trials_verdict_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.what[:60]
