"""The sections of the power dashboard and of `powerwith insights --json`.

Each module named here exposes:

- ``KEY``: the key of its section in the insights JSON (documented in docs/insights.md);
- ``TITLE``: the heading on the dashboard;
- ``TEMPLATE``: the template that renders its part of the dashboard, given ``data``;
- ``compute(journey, period, *, shared=None) -> dict``: JSON-ready figures, each with the
  number of records it rests on; small groups suppressed where they concern people's
  characteristics or anonymous answers. ``shared`` is an ``insights.core.Ctx`` for the same
  journey and period whose reads (the period's attendance with its turn tally, the journey's
  people, its gatherings) are made once per call and may be used instead of querying again;
  called without it, a section reads what it needs itself;
- ``warnings(journey, period, data, thresholds) -> list[WarningSign]``: its warning signs
  (fired or not), using ``thresholds``: every section's defaults already merged with the
  journey's own settings (``thresholds.merged``/``thresholds_for``, called once by the runner
  in ``insights.selectors``), so a section reads ``thresholds[code][name]`` and never merges.
  It also takes ``shared`` (keyword, ``None`` when called alone): the same ``Ctx`` its
  ``compute`` was given, so that a read its figures made is not made twice (``Ctx.memo``); a
  section whose warning signs read nothing more ignores it.
- ``DEFAULT_THRESHOLDS``: a dict ``{warning code: {name: value}}``.
- ``THRESHOLD_INFO`` and ``EVIDENCE_INFO``: how each threshold and each evidence key of its
  warning signs is shown to people (a label and a kind; see ``insights/labels.py``).

A module may also set ``AUDIENCE = "manage"``: its section and warning signs are then for
facilitators only. The cached document still holds them (it is the same for every viewer);
every view that shows the document to a person passes it through
``insights.selectors.for_viewer`` first, which takes them out for anyone else (the care
section, issue 20: who is in the care of a member of the group is private).

A module that does not exist yet is skipped, so apps can be added one at a time.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

SECTION_MODULES = [
    "powerwith.insights.core",
    "powerwith.gatherings.insights",
    "powerwith.decisions.insights",
    "powerwith.reflection.insights",
    "powerwith.inclusion.insights",
    "powerwith.budgets.insights",
    "powerwith.care.insights",
    "powerwith.outreach.insights",
    "powerwith.trials.insights",
    "powerwith.training.insights",
    "powerwith.leaving.insights",
    "powerwith.groundrules.insights",
    "powerwith.plans.insights",
    "powerwith.commonground.insights",
    "powerwith.stories.insights",
]


def private_keys() -> set[str]:
    """The KEYs of the sections only facilitators may see (``AUDIENCE = "manage"``)."""
    return {m.KEY for m in sections() if getattr(m, "AUDIENCE", "view") == "manage"}


def private_codes() -> set[str]:
    """The warning codes of those sections (their thresholds are left out too)."""
    return {
        code
        for m in sections()
        if getattr(m, "AUDIENCE", "view") == "manage"
        for code in getattr(m, "DEFAULT_THRESHOLDS", {})
    }


def sections() -> list[ModuleType]:
    # Asked for some sixty times per dashboard (the runner, thresholds, labels, the page):
    # looked up once per list of names.
    return list(_sections(tuple(SECTION_MODULES)))


@functools.cache
def _sections(names: tuple[str, ...]) -> tuple[ModuleType, ...]:
    found = []
    for name in names:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return tuple(found)
