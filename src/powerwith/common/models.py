"""The base model and the audit trail that every service writes to."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One line of "who did what, when, on whose behalf, through which channel".

    Written by services, never by views. Entries about anonymous answers carry no actor.
    """

    journey = models.ForeignKey(
        "journeys.Journey",
        on_delete=models.CASCADE,
        related_name="audit_entries",
        null=True,
        blank=True,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["journey", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.summary}"


class ReadingChoice(models.Model):
    """How an account chose to read the site: its language and easy read.

    Made the first time someone signed in chooses; until then (and for anyone signed out) the
    browser's cookie and its Accept-Language header decide (``common/reading.py``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_choice"
    )
    # A code from settings.LANGUAGES, or "" for "not chosen: follow the browser".
    language = models.CharField(max_length=8, blank=True)
    # None: not chosen, so the browser's cookie decides.
    easy_read = models.BooleanField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.language or '-'} easy_read={self.easy_read}"
