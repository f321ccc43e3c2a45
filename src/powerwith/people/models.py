"""The register of people (stakeholders) and organisations in a journey.

A person need not have an account. Their role can change over time; each spell is kept, and
records made on a date (attendance, turns, agenda items, contributions) carry a snapshot of the
role and side the person held on that date, kept right by ``people.services.person_change_role``.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerwith.common.models import TimeStamped

from . import vocab


class Organisation(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=vocab.ORGANISATION_KINDS.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "name"], name="organisation_unique_in_journey"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStamped):
    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=120, help_text=_("A pseudonym is fine."))
    is_pseudonym = models.BooleanField(default=False)
    # Current role, side and pay: always equal to the open role spell (kept by services).
    role = models.CharField(max_length=24, choices=vocab.ROLES.choices)
    side = models.CharField(max_length=12, choices=vocab.SIDES.choices)
    paid = models.BooleanField(
        default=False, help_text=_("Paid to be here (as part of their job or for their time).")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=300, blank=True)
    contact = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("How to reach them, if they want to be reached. Optional."),
    )
    online = models.BooleanField(default=True, help_text=_("Can take part online."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    # The same individual in several journeys of an organisation shares this key (for figures on
    # concentration of the "usual suspects"); it never leaves the database.
    network_key = models.UUIDField(default=uuid.uuid4, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["journey", "side"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", kwargs={"slug": self.journey.slug, "person_pk": self.pk})

    @property
    def role_label(self) -> str:
        return vocab.ROLES.label(self.role)

    @property
    def side_label(self) -> str:
        return vocab.SIDES.label(self.side)

    def is_active_on(self, day: datetime.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


class RoleSpell(models.Model):
    """A period in which a person held one role, on one side, paid or not."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="spells")
    # The person's journey, kept here so that a journey's figures read its own spells through
    # an index instead of every spell of every journey.
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="+", editable=False
    )
    role = models.CharField(max_length=24, choices=vocab.ROLES.choices)
    side = models.CharField(max_length=12, choices=vocab.SIDES.choices)
    paid = models.BooleanField(default=False)
    started_on = models.DateField()
    ended_on = models.DateField(
        null=True, blank=True, help_text=_("Last day in this role; empty while current.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="spell_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_spell_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {vocab.ROLES.label(self.role)} from {self.started_on}"
