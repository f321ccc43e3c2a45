"""The "What's next" panel at the top of a journey's front page.

The journeys app sits below the apps whose news it shows (gatherings, contributions,
decisions, reflection, and later notices), so it must not import them. Instead each of those
apps registers a *provider* here from its ``AppConfig.ready()``::

    from powerwith.journeys import next_steps
    next_steps.register("gatherings", my_provider, order=10)

A provider is ``provider(access, user) -> list[NextStep]``: what this app has for the person
looking at the front page (an empty list when there is nothing to say). It should read with
one or two queries; the front page's query count is guarded by a test. The panel shows the
steps of every provider, in ``order``, so a new app (notices that failed to send, issue 16)
adds a provider and nothing here changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from powerwith.common.access import Access


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    # A plain download (a calendar file) rather than another page.
    download: bool = False


@dataclass(frozen=True)
class NextStep:
    """One line of the panel: a heading, what to know, and where to go to act on it."""

    key: str
    heading: str
    text: str
    links: tuple[Link, ...] = ()
    # Something waiting too long, or that failed: drawn as a warning.
    attention: bool = False
    details: tuple[str, ...] = field(default=())


Provider = Callable[[Access, Any], list[NextStep]]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int) -> None:
    """Add (or replace, so reloading an app is harmless) the provider called ``key``."""
    _PROVIDERS[key] = (order, provider)


def providers() -> list[tuple[str, Provider]]:
    return [(k, p) for k, (_, p) in sorted(_PROVIDERS.items(), key=lambda kv: (kv[1][0], kv[0]))]


def next_steps(access: Access, user: Any) -> list[NextStep]:
    """Every registered app's next steps for this person, in the providers' order."""
    steps: list[NextStep] = []
    for _, provider in providers():
        steps.extend(provider(access, user))
    return steps
