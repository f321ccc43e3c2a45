"""Personal access tokens for the API. The token itself is shown once, when it is made; only
its SHA-256 digest is kept (a token is 256 random bits, so a fast hash is enough: nobody can
guess one to match a digest)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from . import vocab


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    # The first characters of the token, shown so its owner can tell tokens apart.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=8, choices=vocab.SCOPES.choices)
    # The journeys it may reach; none chosen means every journey its owner is in (today's and
    # tomorrow's). A journey left out answers exactly as one its owner is not in.
    journeys = models.ManyToManyField("journeys.Journey", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=[vocab.READ, vocab.WRITE]), name="api_token_scope"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()


class IdempotencyKey(models.Model):
    """The answer to a change sent with an ``Idempotency-Key`` header (docs/api.md), so that
    the same key sent again by the same token gets the first answer and changes nothing. Kept
    for ``api.idempotency.KEEP`` (a day). The row is written in the same transaction as the
    change itself: a change that fails leaves no row, and a second request with the same key
    waits on the unique constraint until the first has committed or rolled back."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # The journey the change was made in, so erasing someone can forget answers naming them.
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # SHA-256 of the method, the path and the body: the same key with anything else is refused.
    request_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_once")
        ]
        indexes = [models.Index(fields=["token", "created_at"], name="api_idem_token_created")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
