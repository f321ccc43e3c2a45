"""Warning-sign thresholds: every section's documented defaults, and a journey's own settings.

A journey keeps its own values in ``Journey.options["warnings"]`` as
``{warning code: {threshold name: value}}``; anything it does not set falls back to the default.
Names a section no longer uses are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from . import registry


def defaults() -> dict[str, dict[str, Any]]:
    """Every registered section's ``DEFAULT_THRESHOLDS``, merged (a deep copy)."""
    out: dict[str, dict[str, Any]] = {}
    for module in registry.sections():
        for code, values in getattr(module, "DEFAULT_THRESHOLDS", {}).items():
            out.setdefault(code, {}).update(dict(values))
    return out


def merged(own: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The defaults of every section, overridden by ``own`` (``{code: {name: value}}``).

    This is the one place defaults and a journey's settings meet: the section runner
    (``insights.selectors``) passes the result to every section's ``warnings()``, which reads
    ``thresholds[code][name]`` without merging again."""
    out = defaults()
    for code, values in (own or {}).items():
        if code in out and isinstance(values, dict):
            for name, value in values.items():
                if name in out[code]:
                    out[code][name] = value
    return out


def thresholds_for(journey: Any) -> dict[str, dict[str, Any]]:
    """The defaults of every section, overridden by ``journey.options["warnings"]``."""
    return merged((getattr(journey, "options", None) or {}).get("warnings", {}))


@dataclass(frozen=True)
class ThresholdInfo:
    """How a threshold is shown and checked on the facilitator's settings page.

    ``kind``: "share" (a fraction 0-1, shown and typed as a percentage), "count" (a whole
    number), "days" (a whole number of days) or "ratio" (a number from 0 to 1, e.g. a Gini).
    """

    label: StrOrPromise  # a lazy translation where the labels are module constants
    kind: str
    hint: StrOrPromise = ""
    minimum: float = 0
    maximum: float | None = None


def info(code: str, name: str, default: Any) -> ThresholdInfo:
    """The label and kind of one threshold: from its section's ``THRESHOLD_INFO`` if given,
    otherwise guessed from the default value."""
    for module in registry.sections():
        known = getattr(module, "THRESHOLD_INFO", {}).get(code, {})
        if name in known:
            return known[name]
    label = name.replace("_", " ").capitalize()
    if isinstance(default, bool):
        return ThresholdInfo(label=label, kind="count", maximum=1)
    if isinstance(default, int):
        return ThresholdInfo(label=label, kind="count")
    if isinstance(default, float) and 0 <= default <= 1:
        return ThresholdInfo(label=label, kind="share", maximum=1)
    return ThresholdInfo(label=label, kind="ratio")


def title(code: str) -> str:
    """The title of a warning sign (from its section's ``WARNING_TITLES``, if given)."""
    for module in registry.sections():
        titles = getattr(module, "WARNING_TITLES", {})
        if code in titles:
            return str(titles[code])
    return code.replace("_", " ").capitalize()
