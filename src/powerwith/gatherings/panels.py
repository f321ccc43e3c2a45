"""Parts of a gathering's page that apps above gatherings provide.

gatherings sits below the apps whose records belong on a gathering's page (groundrules: the
group's ground rules and the words it uses, for everyone in the room to see), so it must not
import them. Each registers a *provider* here from its ``AppConfig.ready()``::

    from powerwith.gatherings import panels
    panels.register("groundrules", my_provider, order=10)

A provider is ``provider(access, user, gathering) -> Panel | None``: a template and its context
(None when there is nothing to show). It should read with one or two queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from powerwith.common.access import Access


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Access, Any, Any], "Panel | None"]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int) -> None:
    """Add (or replace, so reloading an app is harmless) the provider called ``key``."""
    _PROVIDERS[key] = (order, provider)


def panels(access: Access, user: Any, gathering: Any) -> list[Panel]:
    """Every registered app's panel for this gathering, in the providers' order."""
    out = []
    for _, (_, provider) in sorted(_PROVIDERS.items(), key=lambda kv: (kv[1][0], kv[0])):
        panel = provider(access, user, gathering)
        if panel is not None:
            out.append(panel)
    return out
