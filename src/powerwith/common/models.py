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
    # How the change reached us when it was not through the pages: "api" (the REST API), with
    # the name its owner gave the token (never the token itself). Set by
    # ``common.services.through`` around the API's writes.
    through = models.CharField(max_length=16, blank=True)
    through_name = models.CharField(max_length=100, blank=True)
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


class TwoStep(models.Model):
    """Two-step sign-in for one account: the key its authenticator app shares with us.

    The key must be readable to check a code, so it is stored as it is (a database reader
    with it still needs the password, which is hashed). Exists only once confirmed with a code:
    a key being set up lives in the session until then."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_step"
    )
    secret = models.CharField(max_length=64)
    # The 30-second step of the last code accepted: a code of that step or an earlier one is
    # refused, so a code seen over someone's shoulder cannot be used again.
    last_step = models.BigIntegerField(default=0)
    turned_on_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"two-step sign-in for account {self.user_id}"


class RecoveryCode(models.Model):
    """One recovery code, for when the phone is lost: stored only as a password hash, usable
    once (``used_at``)."""

    two_step = models.ForeignKey(TwoStep, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=256)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk}"


class SignedInSession(models.Model):
    """One place an account is signed in, for "Where you are signed in" and the session time
    limits (``common/sessions.py``). Holds a SHA-256 hash of the session's key, never the key:
    a database reader cannot take over a session from this table."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    last_used_at = models.DateTimeField()
    # A plain summary of the browser and device ("Firefox on Windows"), never the whole header.
    device = models.CharField(max_length=80, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-last_used_at"])]

    def __str__(self) -> str:
        return f"session of account {self.user_id} from {self.started_at:%Y-%m-%d %H:%M}"
