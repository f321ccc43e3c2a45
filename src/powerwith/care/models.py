"""Power in care relationships (issue 20, item 9): a PRIVATE flag that someone taking part is
in the care of a member of the group (a nurse on the ward, a social worker, a support worker),
so that facilitators can offer independent support and anonymous routes to speak.

Only facilitators ever see these rows: never members or observers, never the public page,
never the export (which carries only suppressed counts), never the API for anyone else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from powerwith.common.models import TimeStamped


class CareFlag(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="care_flags"
    )
    # The participant who is in someone's care.
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    # The member of the group whose care they are in, if the facilitator records it.
    carer = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    flagged_on = models.DateField()  # the day a facilitator recorded it: the support clock
    started_on = models.DateField(null=True, blank=True)  # since when, if known
    ended_on = models.DateField(null=True, blank=True)  # until when (last day in their care)
    support_offered_on = models.DateField(null=True, blank=True)
    routes_told_on = models.DateField(null=True, blank=True)  # told about anonymous routes
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-flagged_on", "-id"]
        indexes = [models.Index(fields=["journey", "flagged_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="care_flag_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(carer=models.F("person")),
                name="care_flag_not_own_carer",
            ),
        ]

    def __str__(self) -> str:
        return f"Care flag {self.pk}"

    def current_on(self, day: object) -> bool:
        """In the member's care on ``day``: started (or flagged) by then and not yet ended."""
        start = self.started_on or self.flagged_on
        return start <= day and (self.ended_on is None or self.ended_on >= day)  # type: ignore[operator]
