"""Inclusion: who is missing, what people need to take part, what they bring, and who pays.

Every row points at the journey it belongs to, so views fetch objects with ``owned(...)``.
A profile is deleted outright when it is erased: no flag, no copy, nothing left to count.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from powerwith.common.models import TimeStamped

from . import vocab


class Profile(TimeStamped):
    """A person's own description of themselves, kept only with their consent.

    Each answer is optional: empty means "not answered"; "prefer_not" means they chose not to
    say. Categories are what figures count; the self-described words are never counted.
    """

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="inclusion_profiles"
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="inclusion_profile"
    )
    consent_given_on = models.DateField()
    consent_channel = models.CharField(
        max_length=16, choices=vocab.CONSENT_CHANNELS.choices, default=vocab.SELF_ONLINE
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    age_band = models.CharField(max_length=12, choices=vocab.AGE_BANDS.choices, blank=True)
    disability = models.CharField(max_length=12, choices=vocab.DISABILITY.choices, blank=True)
    ethnicity = models.CharField(max_length=12, choices=vocab.ETHNICITY.choices, blank=True)
    ethnicity_text = models.CharField(max_length=120, blank=True)
    income = models.CharField(max_length=12, choices=vocab.INCOME.choices, blank=True)
    caring = models.CharField(max_length=12, choices=vocab.CARING.choices, blank=True)
    online = models.CharField(max_length=12, choices=vocab.ONLINE.choices, blank=True)
    lgbt = models.CharField(max_length=12, choices=vocab.LGBT.choices, blank=True)
    first_language = models.CharField(
        max_length=12, choices=vocab.FIRST_LANGUAGE.choices, blank=True
    )
    first_language_text = models.CharField(max_length=80, blank=True)

    class Meta:
        indexes = [models.Index(fields=["journey"])]

    def __str__(self) -> str:
        return f"Profile of person {self.person_id}"

    def answers(self) -> dict[str, str]:
        return {code: getattr(self, code) for code in vocab.CHARACTERISTICS.codes}


class ReferencePopulation(TimeStamped):
    """Who the group would expect to see, for example the local population or the service's
    users, as shares per characteristic, with where the figures come from."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="reference_populations"
    )
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=500)
    compare_with = models.CharField(
        max_length=12, choices=vocab.COMPARE_WITH.choices, default=vocab.COMPARE_LIVED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "name"], name="reference_population_unique_name"
            ),
            models.CheckConstraint(condition=~models.Q(source=""), name="reference_has_source"),
        ]

    def __str__(self) -> str:
        return self.name


class ReferenceShare(models.Model):
    """The share (in per cent, two decimal places) of one group in a reference population."""

    population = models.ForeignKey(
        ReferencePopulation, on_delete=models.CASCADE, related_name="shares"
    )
    characteristic = models.CharField(max_length=16, choices=vocab.CHARACTERISTICS.choices)
    category = models.CharField(max_length=12)
    share = models.DecimalField(max_digits=5, decimal_places=2)
    count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["characteristic", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["population", "characteristic", "category"],
                name="reference_share_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0) & models.Q(share__lte=100),
                name="reference_share_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.characteristic}={self.category}: {self.share}%"


class RecruitmentAction(TimeStamped):
    """What the group does to reach a group that is missing, and whether it worked."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="recruitment_actions"
    )
    characteristic = models.CharField(max_length=16, choices=vocab.CHARACTERISTICS.choices)
    category = models.CharField(max_length=12)
    target = models.CharField(max_length=300, help_text="Who, in the group's own words.")
    channels = models.JSONField(default=list)  # codes from vocab.CHANNELS
    networks = models.TextField(blank=True)  # whose own networks are used
    actions = models.TextField()
    planned_on = models.DateField()
    outcome = models.CharField(
        max_length=16, choices=vocab.OUTCOMES.choices, default=vocab.OUTCOME_PENDING
    )
    outcome_on = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-planned_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome=vocab.OUTCOME_PENDING)
                | models.Q(outcome_on__isnull=False),
                name="recruitment_outcome_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.target


class SupportNeed(TimeStamped):
    """Something a person needs to be able to take part, or a barrier in their way."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="support_needs"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="support_needs"
    )
    kind = models.CharField(max_length=16, choices=vocab.NEEDS.choices)
    notes = models.CharField(max_length=500, blank=True)
    since = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["person__name", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="other") | ~models.Q(notes=""),
                name="other_need_has_notes",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("since")),
                name="need_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{vocab.NEEDS.label(self.kind)} for person {self.person_id}"


class NeedCheck(models.Model):
    """One person's need at one gathering: arranged beforehand, and met or not afterwards."""

    gathering = models.ForeignKey(
        "gatherings.Gathering", on_delete=models.CASCADE, related_name="need_checks"
    )
    need = models.ForeignKey(SupportNeed, on_delete=models.CASCADE, related_name="checks")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    arranged = models.BooleanField(default=False)
    outcome = models.CharField(max_length=8, choices=vocab.NEED_OUTCOMES.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gathering", "need"], name="one_check_per_need")
        ]

    def __str__(self) -> str:
        return f"{self.need} at gathering {self.gathering_id}"


class Asset(TimeStamped):
    """Something a person or an organisation brings: knowledge, skills, experience, resources."""

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="assets")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="assets"
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assets",
    )
    kind = models.CharField(max_length=12, choices=vocab.ASSET_KINDS.choices)
    description = models.CharField(max_length=300)
    lived = models.BooleanField(default=False, help_text="Lived experience (not professional).")
    gained_on = models.DateField(
        null=True, blank=True, help_text="Set when it was gained during this journey."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=True) & models.Q(organisation__isnull=False))
                | (models.Q(person__isnull=False) & models.Q(organisation__isnull=True)),
                name="asset_has_one_holder",
            )
        ]

    def __str__(self) -> str:
        return self.description


class AssetGap(TimeStamped):
    """An asset the group knows it lacks and should look for."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="asset_gaps"
    )
    kind = models.CharField(max_length=12, choices=vocab.ASSET_KINDS.choices)
    description = models.CharField(max_length=300)
    found_on = models.DateField(null=True, blank=True)
    found_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["found_on", "kind", "id"]

    def __str__(self) -> str:
        return self.description


# --- The reciprocity ledger. Money is always whole pence (integers). --------------------------


class TimeGiven(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="time_given"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="time_given")
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="time_given",
    )
    on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    paid = models.BooleanField(help_text="Paid for this time (as their job or for their time).")
    description = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="time_hours_0_24",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hours}h by person {self.person_id}"


class ExpenseClaim(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="expense_claims"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="expense_claims"
    )
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expense_claims",
    )
    description = models.CharField(max_length=300)
    amount_pence = models.PositiveIntegerField()
    claimed_on = models.DateField()
    paid_in_advance = models.BooleanField(
        default=False,
        help_text="Paid before the person spent it, so they were never out of pocket.",
    )
    reimbursed_on = models.DateField(null=True, blank=True)
    # Whether the claimant was paid to take part, on the day of the claim.
    claimant_paid = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-claimed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="claim_positive"),
            models.CheckConstraint(
                condition=models.Q(reimbursed_on__isnull=True)
                | models.Q(reimbursed_on__gte=models.F("claimed_on")),
                name="reimbursed_after_claim",
            ),
        ]
        indexes = [models.Index(fields=["journey", "reimbursed_on"])]

    def __str__(self) -> str:
        return self.description

    @property
    def days_to_reimburse(self) -> int | None:
        if self.reimbursed_on is None or self.paid_in_advance:
            return None
        return (self.reimbursed_on - self.claimed_on).days

    @property
    def out_of_pocket(self) -> bool:
        return self.reimbursed_on is None and not self.paid_in_advance


class Payment(TimeStamped):
    """Money or a voucher for someone's time, at a stated hourly rate."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="inclusion_payments"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(max_length=8, choices=vocab.PAYMENT_KINDS.choices)
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    rate_pence = models.PositiveIntegerField(help_text="Pence per hour.")
    amount_pence = models.PositiveIntegerField(help_text="Hours times rate, to the nearest penny.")
    paid_on = models.DateField()
    description = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="payment_hours_positive"),
            models.CheckConstraint(
                condition=models.Q(rate_pence__gt=0), name="payment_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount_pence}p"


class Training(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="inclusion_training"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="training")
    title = models.CharField(max_length=200)
    received_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Task(TimeStamped):
    """A task someone does for the journey; flagged when it used to be someone's paid job."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="inclusion_tasks"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="inclusion_tasks"
    )
    description = models.CharField(max_length=300)
    since = models.DateField()
    replaces_paid_role = models.BooleanField(default=False)
    paid_role = models.CharField(
        max_length=300, blank=True, help_text="The paid role this used to be part of."
    )
    person_paid = models.BooleanField(default=False)  # the person's pay when it was recorded
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The last day the person did it: the task is finished, or no longer theirs to do.
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-since", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(replaces_paid_role=False) | ~models.Q(paid_role=""),
                name="replaced_role_described",
            ),
            models.CheckConstraint(
                condition=models.Q(done_on__isnull=True) | models.Q(done_on__gte=models.F("since")),
                name="task_done_after_since",
            ),
        ]

    def __str__(self) -> str:
        return self.description
