"""What apps above contributions do, in the same transaction, when a fate changes.

contributions sits below the apps that act on a fate change (notices tells the person who
raised it), so it must not import them. Each registers a hook here from its
``AppConfig.ready()``::

    from powerwith.contributions import hooks
    hooks.on_fate_change("notices", my_hook)

``contribution_set_fate`` calls every hook with the ``FateChange`` it has just written, inside
its own ``@transaction.atomic``: what a hook writes is committed with the change or rolled back
with it. A hook must not send anything itself (a mail server is not part of the transaction);
it writes rows, and work outside the database waits for ``transaction.on_commit``. This is a
plain call from the service layer, not a signal: the order and the transaction are explicit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import FateChange

# What a hook returns is ignored.
FateHook = Callable[["FateChange"], object]

_FATE_HOOKS: dict[str, FateHook] = {}


def on_fate_change(key: str, hook: FateHook) -> None:
    """Add (or replace, so reloading an app is harmless) the hook called ``key``."""
    _FATE_HOOKS[key] = hook


def fate_changed(change: FateChange) -> None:
    """Run every registered hook, in the order they were registered."""
    for hook in list(_FATE_HOOKS.values()):
        hook(change)
