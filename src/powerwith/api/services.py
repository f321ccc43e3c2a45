"""Making and revoking personal access tokens (every write here)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from powerwith.common.services import audit, invalid
from powerwith.journeys.models import Journey, Membership

from . import vocab
from .models import ApiToken, IdempotencyKey

PREFIX = "pw_"
LONGEST_DAYS = 366


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(
    *,
    actor: Any,
    name: str,
    scope: str,
    days: int,
    journeys: Iterable[Journey] = (),
) -> tuple[ApiToken, str]:
    """Make a token for ``actor`` (signed in) that lasts ``days`` days, limited to
    ``journeys`` (each one the actor is a member of; none means all of theirs). Returns the
    stored token and the token itself, which is never stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise invalid("name", "Give the token a name, such as the tool that will use it.")
    if scope not in vocab.SCOPES:
        raise invalid("scope", "Choose read only, or read and write.")
    if not 1 <= days <= LONGEST_DAYS:
        raise invalid("days", f"Choose between 1 and {LONGEST_DAYS} days.")
    chosen = list(journeys)
    mine = set(
        Membership.objects.filter(user=actor, journey__in=chosen).values_list(
            "journey_id", flat=True
        )
    )
    if any(j.pk not in mine for j in chosen):
        raise invalid("journeys", "Choose only journeys you are a member of.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name[:100],
        prefix=secret[:10],
        digest=digest_of(secret),
        scope=scope,
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )
    if chosen:
        token.journeys.set(chosen)
    audit(
        journey=None,
        actor=actor,
        action="api_token.create",
        obj=token,
        summary=(
            f"Made an API token for {len(chosen)} of your journeys."
            if chosen
            else "Made an API token."
        ),
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> None:
    """Stop a token working at once. Only its owner can revoke it."""
    if token.user_id != getattr(actor, "pk", None):
        raise invalid("token", "That is not one of your tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        # The answers it kept for repeats can never be asked for again.
        IdempotencyKey.objects.filter(token=token).delete()
        audit(
            journey=None,
            actor=actor,
            action="api_token.revoke",
            obj=token,
            summary="Revoked an API token.",
        )


def token_reaches(token: ApiToken, journey: Journey) -> bool:
    """Whether a token may reach this journey at all (before the journey's own gate)."""
    limited = {j.pk for j in token.journeys.all()}
    return not limited or journey.pk in limited


def token_for(secret: str) -> ApiToken | None:
    """The live token with this secret, or None (unknown, revoked or expired)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .prefetch_related("journeys")
        .filter(digest=digest_of(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_live or not token.user.is_active:
        return None
    now = timezone.now()
    # Said once a minute at most: not a write per call.
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
