"""Training sessions: one event with several people, each person's own goals for it, and the
questions asked before and after it.

A session is one event (title, day, who ran it). ``Trainee`` is a person of the register taking
part; once they have come, the inclusion ledger gets the person's own ``inclusion.Training``
line (what they received), linked here, so reciprocity figures count it. Goals are the person's
own words (the toolkit's activity 1), set before and revisited after (met, partly, not met).

The before and after questions are two reflection rounds of the same bank version
(``before_round``, ``after_round``), so the answers use reflection's own tables and its
guarantees: an anonymous round's answers have no link to a person, and nothing links a
person's "before" answers to their "after" answers (the two rounds are compared as groups,
never pair by pair).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from powerwith.common.models import TimeStamped

from . import vocab


class TrainingSession(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="training_sessions"
    )
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    about = models.TextField(blank=True)
    led_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Someone in the register who ran it.",
    )
    trainer = models.CharField(
        max_length=200, blank=True, help_text="Who ran it, when they are not in the register."
    )
    bank = models.ForeignKey(
        "reflection.QuestionBank",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymous = models.BooleanField(default=True)
    before_round = models.OneToOneField(
        "reflection.Round",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_before",
    )
    after_round = models.OneToOneField(
        "reflection.Round",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_after",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "training:session", kwargs={"slug": self.journey.slug, "session_pk": self.pk}
        )

    @property
    def ran_by(self) -> str:
        names = [n for n in (self.led_by.name if self.led_by else "", self.trainer) if n]
        return ", ".join(names)


class Trainee(models.Model):
    """A person of the register taking part in a session: booked, then marked as having come."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="trainees")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="training_places"
    )
    came = models.BooleanField(default=False)
    # The person's own line in the inclusion ledger ("received training"), once they came.
    training = models.ForeignKey(
        "inclusion.Training", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="training_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"


class TrainingGoal(models.Model):
    """What one person wants to get out of a session, in their words; revisited afterwards."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField()
    set_on = models.DateField()
    outcome = models.CharField(max_length=12, choices=vocab.OUTCOMES.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["set_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="") & Q(reviewed_on__isnull=True))
                | (Q(outcome__in=vocab.OUTCOMES.codes) & Q(reviewed_on__isnull=False)),
                name="training_goal_outcome_with_day",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_on__isnull=True) | Q(reviewed_on__gte=models.F("set_on")),
                name="training_goal_reviewed_after_set",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def outcome_label(self) -> str:
        return vocab.OUTCOMES.label(self.outcome) if self.outcome else ""
