"""A journey's plan: the method it follows and its stages, each with planned and actual dates,
and which gatherings belong to which stage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from powerwith.common.models import TimeStamped

from . import vocab


class Plan(TimeStamped):
    """The method a journey's plan follows (one plan per journey)."""

    journey = models.OneToOneField(
        "journeys.Journey", on_delete=models.CASCADE, related_name="plan"
    )
    method = models.CharField(max_length=8, choices=vocab.METHODS.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return vocab.METHODS.label(self.method)


class Stage(TimeStamped):
    """One stage of the plan. It is done when it has an actual end."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="stages")
    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["journey", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="plans_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | (Q(started_on__isnull=False) & Q(ended_on__gte=F("started_on"))),
                name="plans_ended_after_started",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def done(self) -> bool:
        return self.ended_on is not None


class StageGathering(models.Model):
    """A gathering that belongs to a stage (at most one stage each). Kept here, so gatherings
    does not know about plans."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="links")
    gathering = models.OneToOneField(
        "gatherings.Gathering", on_delete=models.CASCADE, related_name="plan_stage"
    )

    def __str__(self) -> str:
        return f"{self.gathering_id} in {self.stage_id}"
