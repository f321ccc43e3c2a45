"""Budgets the group controls or advises on, and what each was spent on. Money is always whole
pence (integers), as in the reciprocity ledger (inclusion)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from powerwith.common.models import TimeStamped

from . import vocab

# The most a budget or a line of spending may be: £10,000,000. Above that is a typing slip.
MAX_PENCE = 1_000_000_000


class Budget(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="budgets"
    )
    name = models.CharField(max_length=200)
    amount_pence = models.PositiveBigIntegerField(help_text="The money available, in pence.")
    # Where the money comes from, in words; and the organisation in the register, if it is one.
    source = models.CharField(max_length=200)
    source_organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budgets",
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    final_say = models.CharField(max_length=12, choices=vocab.SAY.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0) & models.Q(amount_pence__lte=MAX_PENCE),
                name="budget_amount_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="budget_ends_after_start",
            ),
            # The source's name is always kept in words (copied from the organisation when one
            # is chosen), so it survives the organisation leaving the register (SET_NULL).
            models.CheckConstraint(condition=~models.Q(source=""), name="budget_has_source"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("budgets:detail", kwargs={"slug": self.journey.slug, "budget_pk": self.pk})

    @property
    def source_name(self) -> str:
        if self.source_organisation is not None:
            return self.source_organisation.name
        return self.source

    @property
    def say_label(self) -> str:
        return vocab.SAY.label(self.final_say)


class Spending(TimeStamped):
    """One thing a budget was spent on, optionally linked to the decision that chose it."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="spending")
    # The budget's journey, kept here so a journey's figures read its spending through an index.
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="+", editable=False
    )
    what = models.CharField(max_length=300)
    amount_pence = models.PositiveBigIntegerField()
    spent_on = models.DateField()
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spending",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-spent_on", "-id"]
        indexes = [models.Index(fields=["journey", "spent_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0) & models.Q(amount_pence__lte=MAX_PENCE),
                name="spending_amount_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what}: {self.amount_pence}p"
