"""Helpers every service uses: the audit trail and validation errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from .figures import figures_changed
from .models import AuditEntry


def audit(
    *,
    journey: Any,
    actor: Any,
    action: str,
    obj: Any = None,
    summary: str = "",
    on_behalf_of: Any = None,
    channel: str = "",
) -> AuditEntry:
    """Write one audit line. ``actor`` may be None (system, or deliberately unlinked).

    Every service's write passes here, so this is also where the journey's cached figures are
    marked out of date (``common.figures``)."""
    if journey is not None:
        figures_changed(journey)
    return AuditEntry.objects.create(
        journey=journey,
        actor=user_or_none(actor),
        on_behalf_of=on_behalf_of,
        channel=channel,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=getattr(obj, "pk", None),
        summary=summary[:1000],
    )


def user_or_none(actor: Any) -> Any:
    """The signed-in user behind ``actor``, or None (system work, or no account)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def invalid(field: str | None, message: str) -> ValidationError:
    """A validation error tied to a form field (or to the whole form when ``field`` is None)."""
    if field is None:
        return ValidationError(message)
    return ValidationError({field: [message]})
