"""Parts of the agreement page that apps above journeys provide.

journeys sits below the apps whose records belong with what the group agreed (groundrules:
the ground rules, the words the group uses, and how it framed its purpose and problem), so it
must not import them. Each registers a *provider* here from its ``AppConfig.ready()``::

    from powerwith.journeys import panels
    panels.register("groundrules", my_provider, order=10, place="bottom")

A provider is ``provider(access, user) -> Panel | None``: a template and its context (None
when there is nothing to show). ``place`` is where on the page it goes: "top" (after the
journey's details and purpose) or "bottom" (after the group's values, before the limits).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from powerwith.common.access import Access

PLACES = ("top", "bottom")


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Access, Any], "Panel | None"]

_PROVIDERS: dict[str, tuple[str, int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int, place: str) -> None:
    """Add (or replace, so reloading an app is harmless) the provider called ``key``."""
    if place not in PLACES:
        raise ValueError(f"place must be one of {PLACES}")
    _PROVIDERS[key] = (place, order, provider)


def panels(access: Access, user: Any) -> dict[str, list[Panel]]:
    """Every registered app's panel for this person, by place, in the providers' order."""
    out: dict[str, list[Panel]] = {p: [] for p in PLACES}
    for _, (place, _, provider) in sorted(_PROVIDERS.items(), key=lambda kv: (kv[1][1], kv[0])):
        panel = provider(access, user)
        if panel is not None:
            out[place].append(panel)
    return out
