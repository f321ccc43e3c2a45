"""Board reports: a journey's report for a period, made as a PDF by the task queue.

One row per PDF asked for: who asked, when, for which period and in which language, where it
is in the queue, the reason when it failed, and the stored file (``common/files.py``) once made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from powerwith.common import tasks
from powerwith.insights.period import Period

QUEUED, MAKING, READY, FAILED = "queued", "making", "ready", "failed"
PENDING = (QUEUED, MAKING)


class Status(models.TextChoices):
    QUEUED = QUEUED, _("Waiting to be made")
    MAKING = MAKING, _("Being made")
    READY = READY, _("Ready")
    FAILED = FAILED, _("Could not be made")


class BoardReport(models.Model):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="board_reports"
    )
    # The period, as days (a preset such as "last 3 months" is fixed to its days when asked).
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    # "all", or "<from>..<to>" with empty sides: one key for the "one job at a time" rule below.
    period_key = models.CharField(max_length=32)
    language = models.CharField(max_length=8)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=QUEUED)
    reason = models.TextField(blank=True)  # why it could not be made
    made_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=300, blank=True)  # the storage's (random) name
    # Fields holding a stored file's name (common.files): a backup copies those files too.
    stored_file_fields = ("file_name",)
    size = models.PositiveBigIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    # When a task last began making it, and how many tasks have: a report still "being made"
    # after the task lease was being made by a worker that died (common/tasks.py).
    started_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # A double click, or two facilitators at once, makes one job, not two.
            models.UniqueConstraint(
                fields=["journey", "period_key", "language"],
                condition=Q(status__in=PENDING),
                name="one_pending_board_report",
            ),
            models.CheckConstraint(
                condition=~Q(status=READY) | ~Q(file_name=""),
                name="ready_board_report_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status=FAILED) | ~Q(reason=""),
                name="failed_board_report_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Board report {self.pk} ({self.period_key})"

    @property
    def period(self) -> Period:
        return Period(start=self.period_from, end=self.period_to)

    @property
    def stalled(self) -> bool:
        """Still "being made" after the task lease: its worker died. Shown as failed, with
        "try again"; a worker's follow-up task takes it up."""
        return (
            self.status == MAKING
            and self.started_at is not None
            and self.started_at < tasks.stale_before()
        )

    @property
    def pending(self) -> bool:
        return self.status in PENDING and not self.stalled

    @property
    def shown_status(self) -> str:
        """The status people see: a stalled report could not be made."""
        return FAILED if self.stalled else self.status

    @property
    def shown_status_label(self) -> str:
        return str(Status(self.shown_status).label)
