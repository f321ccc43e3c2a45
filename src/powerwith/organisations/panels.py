"""Parts of an organisation's page that apps above it provide.

The organisations app sits below journeys and every domain app, so it must not import them.
An app that has something to show on an organisation's page (insights: the view across its
journeys) registers a *provider* here from its ``AppConfig.ready()``::

    from powerwith.organisations import panels
    panels.register("insights", my_provider, order=10)

A provider is ``provider(access, user) -> Panel | None``: a template and its context for the
person looking at the page (None when there is nothing to show). Its reads must not grow with
the number of journeys the organisation hosts; the page's query count is guarded by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .access import OrgAccess


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[OrgAccess, Any], "Panel | None"]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int) -> None:
    """Add (or replace, so reloading an app is harmless) the provider called ``key``."""
    _PROVIDERS[key] = (order, provider)


def panels(access: OrgAccess, user: Any) -> list[Panel]:
    """Every registered app's panel for this person, in the providers' order."""
    out = []
    for _, (_, provider) in sorted(_PROVIDERS.items(), key=lambda kv: (kv[1][0], kv[0])):
        panel = provider(access, user)
        if panel is not None:
            out.append(panel)
    return out
