"""Helpers every service uses: the audit trail and validation errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .figures import figures_changed
from .models import AuditEntry, ReadingChoice

# How the changes being written now reached us, when not through the pages: (way, name).
_THROUGH: ContextVar[tuple[str, str] | None] = ContextVar("powerwith_through", default=None)

API = "api"


@contextmanager
def through(way: str, name: str) -> Iterator[None]:
    """Every audit line written inside says the change came ``way`` (``API``), with ``name``
    (the token's name, never the token). A context variable, so services need no new argument
    and the pages' lines stay as they are; reset on the way out, so nothing leaks into the
    next request a thread serves."""
    mark = _THROUGH.set((way, name[:100]))
    try:
        yield
    finally:
        _THROUGH.reset(mark)


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
    way, way_name = _THROUGH.get() or ("", "")
    return AuditEntry.objects.create(
        journey=journey,
        actor=user_or_none(actor),
        on_behalf_of=on_behalf_of,
        channel=channel,
        through=way,
        through_name=way_name,
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


@transaction.atomic
def reading_choose(
    *, user: Any, language: str | None = None, easy_read: bool | None = None
) -> ReadingChoice:
    """Keep how ``user`` chose to read the site: a language code from settings.LANGUAGES
    and/or easy read on or off. A value left as None keeps what was chosen before."""
    if language is not None and language not in {code for code, _ in settings.LANGUAGES}:
        raise invalid("language", _("Choose English or Welsh."))
    choice, _created = ReadingChoice.objects.get_or_create(user=user)
    if language is not None:
        choice.language = language
    if easy_read is not None:
        choice.easy_read = easy_read
    choice.save()
    audit(
        journey=None,
        actor=user,
        action="reading_choose",
        obj=choice,
        summary=f"language={choice.language or '-'} easy_read={choice.easy_read}",
    )
    return choice
