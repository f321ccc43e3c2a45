"""Gatherings of every kind, their agenda, who came and who spoke."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerwith.common.dates import short_date
from powerwith.common.models import TimeStamped
from powerwith.people import vocab as people_vocab

from . import vocab


class Gathering(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="gatherings"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=vocab.KINDS.choices)
    # Derived from kind (formal or informal); stored so figures can group by it cheaply.
    format = models.CharField(max_length=12, choices=vocab.FORMATS.choices, editable=False)
    held_on = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    venue_kind = models.CharField(max_length=16, choices=vocab.VENUES.choices)
    venue_name = models.CharField(max_length=200, blank=True)
    accessibility = models.TextField(
        blank=True, help_text=_("Step-free access, hearing loop, quiet room, transport...")
    )
    notes = models.TextField(blank=True)
    stage = models.CharField(max_length=24, blank=True)  # a code from journeys.vocab.STAGES
    group = models.ForeignKey(
        "decisions.CoDesignGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gatherings",
        help_text=_("The co-design group this gathering belongs to, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # How people came to be invited: "list" (the people in InvitationMaker drew up a list),
    # "open" (anyone could come), or blank (not recorded). Who chose who was in the room.
    # db_default too: writers that name their columns (the benchmark's bulk loader) leave it out.
    invitation = models.CharField(
        max_length=8, choices=vocab.INVITATIONS.choices, blank=True, default="", db_default=""
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["journey", "held_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({short_date(self.held_on)})"

    def get_absolute_url(self) -> str:
        return reverse(
            "gatherings:detail", kwargs={"slug": self.journey.slug, "gathering_pk": self.pk}
        )

    def save(self, *args: object, **kwargs: object) -> None:
        self.format = vocab.format_of(self.kind)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AgendaItem(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    proposed_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    # Snapshot of the proposer's side and role on the gathering's date.
    proposer_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    proposer_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(
        max_length=12, choices=vocab.ATTENDANCE.choices, default=vocab.PRESENT
    )
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A tally of this person's speaking turns at this gathering, kept equal to the turns
    # themselves by gatherings.services (every turn is written there, and the tally is
    # recounted in the same transaction). The power dashboard reads these instead of scanning
    # every turn of the journey. A speaker always has an attendance row.
    turn_count = models.PositiveIntegerField(default=0, editable=False)
    timed_turns = models.PositiveIntegerField(default=0, editable=False)
    turn_seconds = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "person"], name="one_attendance_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(timed_turns__lte=models.F("turn_count")),
                name="attendance_timed_turns_within_turns",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person} at {self.gathering}: {self.status}"


class SpeakingTurn(models.Model):
    """One time someone spoke. Recorded live with one tap, or entered afterwards."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="turns")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="turns")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="turns"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("How long they spoke, if timed.")
    )
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    # A retry of the same tap (double tap, resent form) carries the same token and counts once.
    client_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["gathering", "person"])]

    def __str__(self) -> str:
        return f"{self.person} spoke at {self.gathering}"


class InvitationMaker(models.Model):
    """One of the people who drew up a gathering's invitation list, with their role and side
    on the gathering's date (rewritten by ``person_change_role`` like attendance)."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="invitation_makers"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="invitation_lists"
    )
    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "person"], name="one_invitation_maker_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} drew up the list for {self.gathering}"


class LeftOff(models.Model):
    """Someone, or a described group, not invited to a gathering, and why."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="left_off")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="left_off_lists",
    )
    group = models.CharField(max_length=200, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="left_off_needs_a_reason"),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(group=""),
                name="left_off_names_someone_or_a_group",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.name if self.person else self.group
        return f"{who} left off {self.gathering}"
