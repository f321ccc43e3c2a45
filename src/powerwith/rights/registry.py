"""The ``<app>/rights.py`` contract: every app that holds personal data says what it holds
about a person and how to erase it.

Each module in ``RIGHTS_MODULES`` that exists exposes:

- ``held(person) -> dict[str, list[dict]]``: tables (a plain-English name -> rows, each row a
  dict of plain-English column -> value: str, int, bool, None, date or datetime) of what the app
  holds about this one register entry. Anonymous answers are never anyone's: never list them.
- ``erase(person, *, actor, remove_words=False) -> dict[str, int]``: remove or pseudonymise
  what the app holds about this entry, keeping every count the group's figures rest on; returns
  what it changed (a plain-English name -> how many). ``person.name`` is still the real name
  when it is called (the register entry is pseudonymised last), so free text that names them
  can be rewritten with ``common.redact.scrub_rows``. Erasing twice must be harmless.
  ``remove_words``: the facilitator chose to remove the person's own words, not only their name.

and may expose:

- ``expire(now, *, dry_run) -> dict[str, int]``: forget what the app keeps only for a while and
  whose time is up at ``now`` (on a dry run, only count it); returns what it forgot (a
  plain-English name -> how many). The daily run (``services.retention_run``) calls it, so a
  thing kept "for a day" is gone within a day even when nothing else comes along to clear it.

A new app holding personal data (stories, notices...) adds its module here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

RIGHTS_MODULES = [
    "powerwith.people.rights",
    "powerwith.journeys.rights",
    "powerwith.gatherings.rights",
    "powerwith.contributions.rights",
    "powerwith.decisions.rights",
    "powerwith.reflection.rights",
    "powerwith.inclusion.rights",
    "powerwith.care.rights",
    "powerwith.outreach.rights",
    "powerwith.leaving.rights",
    "powerwith.groundrules.rights",
    "powerwith.commonground.rights",
    "powerwith.stories.rights",
    "powerwith.notices.rights",
    "powerwith.trials.rights",
    "powerwith.training.rights",
    "powerwith.common.rights",
    "powerwith.api.rights",
]

# Pseudonymised after every other module has taken the name out of its text.
LAST = "powerwith.people.rights"


def modules() -> list[ModuleType]:
    """The rights modules that exist, in order."""
    found = []
    for name in RIGHTS_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            # Not there (yet): the app, or its rights module. Anything else missing is a bug.
            if not exc.name or not (name == exc.name or name.startswith(exc.name + ".")):
                raise
    return found


def expiring() -> list[ModuleType]:
    """The rights modules that keep something only for a while (they have ``expire``)."""
    return [m for m in modules() if hasattr(m, "expire")]


def erase_order() -> list[ModuleType]:
    found = modules()
    return [m for m in found if m.__name__ != LAST] + [m for m in found if m.__name__ == LAST]
