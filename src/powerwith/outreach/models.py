"""Who should be involved but is not yet (the stakeholder map), and the groups and networks a
journey works with.

A map entry names a person, an organisation or a group of people from outside the register.
Its status is always equal to its latest history row (kept by ``outreach.services``); the
history keeps every step with its date, and stays when the entry joins the register.
Names of outside people are personal data: members and facilitators see them, observers and
the export do not (``outreach/rights.py``; a facilitator removes an entry on request).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from powerwith.common.models import TimeStamped

from . import vocab


class Stakeholder(TimeStamped):
    """One entry on the map: someone who should be involved."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(max_length=200)
    form = models.CharField(max_length=16, choices=vocab.FORMS.choices)
    kind = models.CharField(max_length=20, choices=vocab.KINDS.choices)
    why = models.TextField()
    approacher = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    how = models.CharField(max_length=20, choices=vocab.HOW.choices, blank=True)
    how_notes = models.TextField(blank=True)
    planned_on = models.DateField()
    # Equal to the latest StakeholderStep (kept by services).
    status = models.CharField(
        max_length=16, choices=vocab.STATUSES.choices, default=vocab.TO_APPROACH
    )
    status_on = models.DateField()
    # Their entry in the register, once they agreed and joined.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_entries",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "name", "id"]
        indexes = [models.Index(fields=["journey", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status_on__gte=models.F("planned_on")),
                name="stakeholder_status_after_planned",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=True) | models.Q(status=vocab.AGREED),
                name="stakeholder_joins_once_agreed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return vocab.KINDS.label(self.kind)

    @property
    def status_label(self) -> str:
        return vocab.STATUSES.label(self.status)


class StakeholderStep(models.Model):
    """One step of an entry's history: what happened, and on which day."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="steps")
    # The entry's journey, so a journey's figures read its steps through an index.
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="+", editable=False
    )
    status = models.CharField(max_length=16, choices=vocab.STATUSES.choices)
    on = models.DateField()
    reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=vocab.DECLINED) | ~models.Q(reason=""),
                name="stakeholder_declined_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder}: {vocab.STATUSES.label(self.status)} on {self.on}"

    @property
    def status_label(self) -> str:
        return vocab.STATUSES.label(self.status)


class LinkedGroup(TimeStamped):
    """Another group or network the journey works with."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="linked_groups"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=vocab.GROUP_KINDS.choices)
    about = models.TextField(blank=True)
    website = models.URLField(blank=True)
    # Another journey on PowerWith, when the group is one (optional).
    other_journey = models.ForeignKey(
        "journeys.Journey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="linked_from",
    )
    since = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "name"], name="linked_group_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("since")),
                name="linked_group_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return vocab.GROUP_KINDS.label(self.kind)


class JointActivity(models.Model):
    """Something the journey and a linked group did together, on a day."""

    group = models.ForeignKey(LinkedGroup, on_delete=models.CASCADE, related_name="activities")
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="+", editable=False
    )
    on = models.DateField()
    what = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "joint activities"

    def __str__(self) -> str:
        return f"{self.group}: {self.on}"
