"""A journey: one co-production process, its members and what the group agreed."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from powerwith.common.models import TimeStamped

from . import vocab


class Journey(TimeStamped):
    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    purpose = models.TextField(
        blank=True, help_text="What the group is here to do, in a few sentences."
    )
    # The organisation that hosts it (by identity, never by name): its journeys share its
    # question banks. PROTECT: an organisation that hosts journeys is part of their record.
    host = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_journeys",
    )
    stages = models.JSONField(default=list, blank=True)  # codes from vocab.STAGES
    level = models.CharField(max_length=16, choices=vocab.LEVELS.choices, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    public_you_said = models.BooleanField(
        default=False, help_text='Anyone with the link can see the "you said, we did" page.'
    )
    # Per-journey settings, e.g. warning-sign thresholds ({"warnings": {"code": {...}}}).
    options = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journeys:detail", kwargs={"slug": self.slug})

    @property
    def stage_labels(self) -> list[str]:
        return [vocab.STAGES.label(s) for s in self.stages]


class Membership(TimeStamped):
    """A user's access to a journey. The one source of truth for the access gate."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=vocab.MEMBERSHIP_ROLES.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="This user's entry in the journey's register of people, if they take part.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["journey", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.journey} as {self.role}"


# How long an invitation nobody used is kept after its link ran out (``journeys.rights``).
UNUSED_INVITATION_DAYS = 90


def token_hash(token: str) -> str:
    """What is stored of an invitation's token: its SHA-256, so a database reader cannot use
    an open invitation. The token itself is random (256 bits): no salt or slow hash needed."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(TimeStamped):
    """A link that lets someone join a journey with a given role, once. Only a hash of the
    link's token is stored (``token_hash``); the token is known only when the invitation is
    made (``token``, not a column) and travels in the link."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=vocab.MEMBERSHIP_ROLES.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    # The token, on the invitation just made only (``invitation_create``): never stored.
    token: str | None = None

    @property
    def forgotten_on(self) -> datetime.datetime:
        """When the daily run forgets it if nobody uses it (``journeys.rights.expire``)."""
        return self.expires_at + datetime.timedelta(days=UNUSED_INVITATION_DAYS)

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.journey}"


class DefinitionVersion(models.Model):
    """The group's own definition of co-production. Never edited: a new version is added."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="definitions")
    text = models.TextField()
    agreed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]

    def __str__(self) -> str:
        return f"Definition agreed {self.agreed_on}"


class JourneyValue(models.Model):
    """A value the group chose, in the group's own words."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(max_length=32, choices=vocab.VALUES.choices, blank=True)
    name = models.CharField(max_length=120)
    meaning = models.TextField(blank=True, help_text="What this value means for this group.")
    chosen_on = models.DateField()

    class Meta:
        ordering = ["chosen_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "name"], name="value_name_unique_in_journey")
        ]

    def __str__(self) -> str:
        return self.name

    def _from_list(self, stored: str, words: str) -> str:
        """A value taken from the list as it was written there reads in the reader's language;
        words the group wrote or rewrote stay as they are."""
        with translation.override(None):
            english = str(words)
        return str(words) if self.code and stored == english else stored

    @property
    def shown_name(self) -> str:
        if not self.code or self.code not in vocab.VALUES:
            return self.name
        # The term's lazy words: read in English to compare, and in the reader's language to show.
        return self._from_list(self.name, vocab.VALUES[self.code].label_text)

    @property
    def shown_meaning(self) -> str:
        if not self.code:
            return self.meaning
        if self.code not in vocab.VALUES:
            return self.meaning
        return self._from_list(self.meaning, vocab.VALUES[self.code].explanation_text)


class Limit(TimeStamped):
    """Something on or off the table, who set it and why (honest practice)."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="limits")
    table = models.CharField(
        max_length=3, choices=vocab.TABLE_SIDES.choices, default=vocab.OFF_TABLE
    )
    text = models.CharField(max_length=300)
    set_by = models.CharField(max_length=16, choices=vocab.LIMIT_SETTERS.choices)
    why = models.TextField()
    disclosed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When this was shared with the whole group. Empty if not yet.",
    )
    # Who recorded that it was shared (the date above says when). Members and observers see a
    # limit only once it has been shared (journeys.selectors.limits_for).
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["table", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(why=""), name="limit_has_reason"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def shared(self) -> bool:
        """The whole group has been told (its sharing date has come)."""
        return self.disclosed_on is not None and self.disclosed_on <= timezone.localdate()
