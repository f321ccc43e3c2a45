"""How each person hears back, the journey's choice of timing, and the outbox of notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from powerwith.common.models import TimeStamped

from . import vocab


class HearingBack(TimeStamped):
    """How one person in a journey's register wants to hear what became of what they raised.

    The address details are personal data: only facilitators and the person see them, and
    erasure removes them (notices/rights.py).
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="hearing_back"
    )
    # The person's journey, kept here so that pages find a journey's rows through an index and
    # ``owned`` can check them.
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="+", editable=False
    )
    way = models.CharField(max_length=8, choices=vocab.WAYS.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    # The postal address as it goes on the envelope, one line each, the postcode last.
    address = models.TextField(blank=True)
    # For "through a member of the group": who passes the news on.
    via = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The language their news is written in ("" = the one their account chose, else the
    # site's), and whether in easy read: for people who hear by post or through someone, who
    # may have no account to choose it with (docs/notices.md).
    language = models.CharField(max_length=8, blank=True, default="")
    easy_read = models.BooleanField(default=False)
    # The day they agreed to be told this way; required for every way but "not at all".
    consent_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(way=vocab.NONE) | Q(consent_on__isnull=False),
                name="hearing_back_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {vocab.WAYS.label(self.way)}"

    @property
    def way_label(self) -> str:
        return str(vocab.WAYS.label(self.way))


class NoticeTiming(models.Model):
    """When a journey's notices go: at once, or together after a gathering, weekly or monthly.
    A journey without a row sends at once."""

    journey = models.OneToOneField(
        "journeys.Journey", on_delete=models.CASCADE, related_name="notice_timing"
    )
    timing = models.CharField(max_length=12, choices=vocab.TIMINGS.choices, default=vocab.AT_ONCE)

    def __str__(self) -> str:
        return f"{self.journey_id}: {vocab.TIMINGS.label(self.timing)}"


class Notice(TimeStamped):
    """One person told about one change in the fate of what they raised: the outbox row.

    Made in the same transaction as the fate change, at most once per person and change
    (``notice_once``). The task queue only moves it along: queued -> sending -> sent, or back
    to queued with a later ``due_at`` after a failed try, and failed after the last try.
    """

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="notices")
    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    fate_change = models.ForeignKey(
        "contributions.FateChange", on_delete=models.CASCADE, related_name="+"
    )
    way = models.CharField(max_length=8, choices=vocab.WAYS.choices)
    status = models.CharField(max_length=8, choices=vocab.STATUSES.choices, default=vocab.QUEUED)
    # Not before this time: now for "at once", later for a digest or the next try.
    due_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Which run claimed it for sending (so two workers never send the same row), and when.
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # When its run reached the mail server and began handing it over: a claim older than the
    # task lease without this was never handed over, so it can safely go back to the queue.
    handed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["journey", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "fate_change"], name="notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({vocab.WAYS.label(self.way)}): {self.status}"

    @property
    def status_label(self) -> str:
        return str(vocab.STATUSES.label(self.status))

    @property
    def way_label(self) -> str:
        return str(vocab.WAYS.label(self.way))
