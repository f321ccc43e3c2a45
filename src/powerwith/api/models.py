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
