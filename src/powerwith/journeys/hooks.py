"""What apps above journeys do, in the same transaction, when a journey's purpose changes.

journeys sits below the app that keeps the history of how the group framed its purpose
(groundrules), so it must not import it. That app registers a hook here from its
``AppConfig.ready()``::

    from powerwith.journeys import hooks
    hooks.on_purpose_change("groundrules", my_hook)

``journey_create`` and ``journey_update`` call every hook, inside their own transaction, when
the purpose typed on the journey's settings page differs from the one it had, as
``hook(journey=..., actor=..., text=..., on=...)``: ``on`` is the day the purpose was agreed
(the journey's start when it is created with one; None, meaning today, when it is changed).
A plain call from the service layer, not a signal.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

PurposeHook = Callable[..., object]

_PURPOSE_HOOKS: dict[str, PurposeHook] = {}


def on_purpose_change(key: str, hook: PurposeHook) -> None:
    """Add (or replace, so reloading an app is harmless) the hook called ``key``."""
    _PURPOSE_HOOKS[key] = hook


def purpose_changed(*, journey: Any, actor: Any, text: str, on: datetime.date | None) -> None:
    """Run every registered hook, in the order they were registered."""
    for hook in list(_PURPOSE_HOOKS.values()):
        hook(journey=journey, actor=actor, text=text, on=on)
