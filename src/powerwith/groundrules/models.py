"""The group's ground rules, the words it uses (its jargon list), and the history of how it
framed its purpose and its problem.

Each record says who proposed it (a person in the register, or the group as a whole when
``proposed_by`` is empty) and keeps that person's role and side on the day they proposed it
(``people/snapshots.py``), so figures count people by the role they held at the time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from powerwith.people import vocab as people_vocab

from . import vocab


class Proposed(models.Model):
    """Who proposed something and when, with their role and side on that day."""

    proposed_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposer_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    proposer_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    proposed_on = models.DateField()
    agreed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class GroundRule(Proposed):
    """One ground rule: proposed, then agreed by the group (``agreed_on``), perhaps retired
    later. A proposal retired without being agreed was not taken up."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="ground_rules"
    )
    text = models.CharField(max_length=300)
    retired_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_on", "id"]
        indexes = [models.Index(fields=["journey", "agreed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreed_on__isnull=True)
                | models.Q(agreed_on__gte=models.F("proposed_on")),
                name="ground_rule_agreed_after_proposed",
            ),
            models.CheckConstraint(
                condition=models.Q(retired_on__isnull=True)
                | models.Q(retired_on__gte=models.F("proposed_on")),
                name="ground_rule_retired_after_proposed",
            ),
            models.CheckConstraint(
                condition=models.Q(retired_on__isnull=True)
                | models.Q(agreed_on__isnull=True)
                | models.Q(retired_on__gte=models.F("agreed_on")),
                name="ground_rule_retired_after_agreed",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Word(models.Model):
    """A word or phrase the group uses and its plain meaning (the group's jargon list)."""

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="words")
    term = models.CharField(max_length=80)
    meaning = models.TextField()
    asked_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The role and side of the person who asked, on the day they asked.
    asker_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    asker_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    asked_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "id"]
        constraints = [
            models.UniqueConstraint(Lower("term"), "journey", name="word_term_unique_in_journey"),
            models.CheckConstraint(condition=~models.Q(meaning=""), name="word_has_meaning"),
        ]

    def __str__(self) -> str:
        return self.term


class Wording(Proposed):
    """One wording of the journey's purpose or problem statement. Never edited: a new wording
    is proposed, and the group agrees it (``agreed_on``). The current one of each kind is the
    agreed wording with the latest agreement date; ``Journey.purpose`` always holds the current
    agreed purpose (``services.wording_agree``)."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="wordings"
    )
    kind = models.CharField(max_length=8, choices=vocab.FRAMING_KINDS.choices)
    text = models.TextField()
    # Written through the journey's settings page (its purpose field) rather than proposed here.
    from_settings = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "proposed_on", "id"]
        indexes = [models.Index(fields=["journey", "kind", "agreed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreed_on__isnull=True)
                | models.Q(agreed_on__gte=models.F("proposed_on")),
                name="wording_agreed_after_proposed",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="wording_has_text"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
