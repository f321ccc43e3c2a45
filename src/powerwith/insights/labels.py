"""Every value of a warning sign a person sees, as a label and a formatted value.

The evidence and thresholds of a warning sign are dicts keyed by identifiers
(``professional_share``, ``min_turns``), which tools read from the JSON. People see them here:
each key has a label in plain words and a kind that picks its formatter ("64%", "20 days",
"£11.30"), never ``professional_share 0.636``. The labels live next to the figures, in each
section module's ``EVIDENCE_INFO`` (``{warning code: {key: Shown}}``) and ``THRESHOLD_INFO``;
the formatters live only here. ``tests/insights/test_labels.py`` checks that every key of every
warning sign has a label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from powerwith.common.dates import from_iso

from . import registry, thresholds
from .maths import percent
from .types import Shown

NONE = gettext_lazy("none yet")
HIDDEN = gettext_lazy("fewer than 5")


def _number(x: Any) -> str:
    return str(int(x)) if float(x).is_integer() else f"{float(x):g}"


def _count(x: Any) -> str:
    return str(NONE) if x is None else _number(x)


def _days(x: Any) -> str:
    if x is None:
        return str(NONE)
    n = float(x)
    return ngettext("%(n)s day", "%(n)s days", int(n) if n.is_integer() else 2) % {"n": _number(x)}


def _pence(x: Any) -> str:
    if x is None:
        return str(NONE)
    whole, part = divmod(abs(int(x)), 100)
    return f"{'-' if int(x) < 0 else ''}£{whole:,}.{part:02d}"


def _date(x: Any) -> str:
    return from_iso(str(x)) if x else str(NONE)


def _contribution(x: Any) -> str:
    if not x:
        return str(NONE)
    return _("“%(text)s”, raised on %(day)s (%(days)s ago)") % {
        "text": x["text"],
        "day": _date(x["raised_on"]),
        "days": _days(x["days"]),
    }


FORMATS: dict[str, Callable[[Any], str]] = {
    "count": _count,
    "small": lambda x: str(HIDDEN) if x is None else _number(x),
    "share": lambda x: percent(x, str(NONE)),
    "days": _days,
    "pence": _pence,
    "ratio": lambda x: str(NONE) if x is None else f"{float(x):.2f}",
    "scale": lambda x: str(NONE) if x is None else _("%(n)s out of 5") % {"n": f"{float(x):.1f}"},
    "date": _date,
    "text": lambda x: str(NONE) if x in (None, "") else str(x),
    "groups": lambda x: "; ".join(x) if x else _("none"),
    "yes_no": lambda x: _("yes") if x else _("no"),
    "contribution": _contribution,
}


def show(kind: str, value: Any) -> str:
    """``value`` formatted for people by its kind (see ``FORMATS``)."""
    return FORMATS[kind](value)


def evidence_info(code: str, key: str) -> Shown | None:
    """The label and kind of one evidence key, from its section's ``EVIDENCE_INFO``."""
    for module in registry.sections():
        known = getattr(module, "EVIDENCE_INFO", {}).get(code, {})
        if key in known:
            return known[key]
    return None


def evidence(code: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    """The figures a warning sign looked at, as (label, value) pairs. A key nobody labelled
    yet is shown with its words, not its identifier (the test above keeps this from happening)."""
    rows = []
    for key, value in values.items():
        info = evidence_info(code, key)
        if info is None:
            info = Shown(key.replace("_", " ").capitalize(), "text")
        if info.kind != "skip":
            rows.append((str(info.label), show(info.kind, value)))
    return rows


THRESHOLD_KINDS = {"share": "share", "count": "count", "days": "days", "ratio": "ratio"}


def threshold_rows(code: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    """The thresholds a warning sign used, as (label, value) pairs (labels from each section's
    ``THRESHOLD_INFO``, the same as on the settings page)."""
    rows = []
    for name, value in values.items():
        info = thresholds.info(code, name, value)
        rows.append((str(info.label), show(THRESHOLD_KINDS.get(info.kind, "text"), value)))
    return rows
