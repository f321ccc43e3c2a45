"""Decisions and co-design groups (the core; voting lives here too)."""

from __future__ import annotations

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

    class Meta:
        ordering = ["-decided_on", "-id"]

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
