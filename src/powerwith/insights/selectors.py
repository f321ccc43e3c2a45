"""Reads for the power dashboard: the whole insights document for a journey and a period.

:func:`insights_for` is the one entry point behind the dashboard page, ``powerwith insights``,
the JSON endpoint and the benchmarks. docs/insights.md documents every key it returns.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise

from powerwith import __version__
from powerwith.common import figures
from powerwith.journeys.models import Journey

from . import registry
from .core import Ctx
from .period import Period
from .thresholds import thresholds_for


def _compute(journey: Journey, period: Period, thresholds: dict[str, Any]) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    warnings: list[dict[str, Any]] = []
    # The journey's big tables are read once for all sections (insights/core.py, Ctx).
    shared = Ctx(journey=journey, period=period, thresholds=thresholds)
    for module in registry.sections():
        data = module.compute(journey, period, shared=shared)
        sections[module.KEY] = data
        for sign in module.warnings(journey, period, data, thresholds, shared=shared):
            warnings.append({"section": module.KEY, **sign.as_json()})
    return plain({"period": period.as_json(), "sections": sections, "warnings": warnings})


# What a document holds most of, returned as they are without the checks below (a large
# journey's document has some 15,000 values).
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """``value`` with every lazy translation turned into a string (in the language active now),
    so the document is plain JSON whichever section wrote it."""
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return value
    if kind is dict or isinstance(value, dict):
        # Most values are plain already: they are kept without a call for each.
        return {k: v if type(v) in _PLAIN_TYPES else plain(v) for k, v in value.items()}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list):
        return [v if type(v) in _PLAIN_TYPES else plain(v) for v in value]
    return value


def insights_for(journey: Journey, period: Period | None = None, *, compare: bool = False) -> dict:
    """Every section's figures and every warning sign (fired or not) for ``journey`` over
    ``period`` (default: all time), JSON-ready. With ``compare``, the same for the previous
    period of the same length under ``"previous"`` (None when the period has no start).

    Kept in the shared cache until the next write to the journey (``common.figures``; the
    setting ``FIGURES_CACHE`` turns this off). The document does not depend on who asks, so
    one copy serves every viewer; ``generated_at`` says when it was computed.

    Its sentences (titles, explanations, warning signs) are in the language active when it is
    called: the dashboard asks in the reader's language, the JSON endpoint and the command line
    in English (``settings.LANGUAGE_CODE``), so the JSON contract never changes. Each language
    has its own copy in the cache."""
    period = period or Period()
    if not getattr(settings, "FIGURES_CACHE", True):
        return _document(journey, period, compare)
    gen = figures.generation(journey.pk)
    if gen is None:  # the cache is failing (logged): compute, as without a cache
        return _document(journey, period, compare)
    # Figures also depend on today's date (periods "up to now", "days since" warning signs)
    # and on the code that computes them.
    key = ":".join(
        [
            "figures:doc",
            str(journey.pk),
            gen,
            timezone.localdate().isoformat(),
            str(period.start),
            str(period.end),
            "compare" if compare else "one",
            translation.get_language() or settings.LANGUAGE_CODE,
            __version__,
        ]
    )
    doc = figures.cached_get(key)
    if isinstance(doc, dict):
        return doc
    doc = _document(journey, period, compare)
    figures.cached_set(key, doc)
    return doc


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a document is computed, then on again.

    A large journey's figures hold tens of thousands of rows, sets and dicts for the length of
    the call, and free them all by reference counting at its end (they make no cycles). With
    the collector on, each of those objects is walked by the collections that the allocations
    themselves set off, and outlives enough of them to be walked again by a full collection of
    the whole process: about 9 ms of every computed dashboard, and a full collection of about
    130 ms in one of every four or five (bench/README.md, "A big journey's dashboard,
    computed"). Anything the call does leave behind is collected as usual afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _document(journey: Journey, period: Period, compare: bool) -> dict[str, Any]:
    with _collector_paused():
        return _document_now(journey, period, compare)


def _document_now(journey: Journey, period: Period, compare: bool) -> dict[str, Any]:
    thresholds = thresholds_for(journey)
    doc: dict[str, Any] = {
        "journey": {"slug": journey.slug, "title": journey.title},
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "thresholds": thresholds,
        **_compute(journey, period, thresholds),
    }
    if compare:
        previous = period.previous()
        doc["previous"] = _compute(journey, previous, thresholds) if previous else None
    return doc


def fired(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The warning signs that fired, in section order."""
    return [w for w in doc["warnings"] if w["fired"]]


def for_viewer(doc: dict[str, Any], *, can_manage: bool) -> dict[str, Any]:
    """``doc`` as a viewer may see it: for anyone but a facilitator, without the sections only
    facilitators may see (``AUDIENCE = "manage"``, see ``registry``), their warning signs and
    their thresholds, in the previous period's figures too. The cached document itself is never changed."""
    private = registry.private_keys()
    if can_manage or not private:
        return doc

    def strip(part: dict[str, Any]) -> dict[str, Any]:
        return {
            **part,
            "sections": {k: v for k, v in part["sections"].items() if k not in private},
            "warnings": [w for w in part["warnings"] if w["section"] not in private],
        }

    out = strip(doc)
    codes = registry.private_codes()
    if "thresholds" in doc:
        out["thresholds"] = {k: v for k, v in doc["thresholds"].items() if k not in codes}
    if doc.get("previous"):
        out["previous"] = strip(doc["previous"])
    return out
