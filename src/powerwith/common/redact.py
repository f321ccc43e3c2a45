"""Taking a person's name out of free text, for erasure (see ``powerwith.rights``).

Kept here, below every domain app, so that each app's ``rights.py`` can scrub its own text
columns the same way.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

# What a contribution's or an answer's words become when the person asks for them to go too.
REMOVED = "(Removed at the request of the person who said it.)"


def pseudonym_for(pk: int) -> str:
    """The stable label an erased register entry carries instead of a name."""
    return f"Erased person {pk}"


def name_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern matching ``name`` as a whole word or words, any case; None for a name too
    short to search for without hitting other words."""
    name = name.strip()
    if len(name) < 2:
        return None
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def scrub(text: str, pattern: re.Pattern[str] | None, label: str) -> str:
    if not text or pattern is None:
        return text
    return pattern.sub(label, text)


def scrub_rows(queryset: QuerySet[Any], fields: list[str], name: str, label: str) -> int:
    """Replace ``name`` with ``label`` in ``fields`` of every row of ``queryset`` that mentions
    it; returns how many rows changed. Rows are updated in place (``update``), so timestamps and
    everything figures count stay as they were."""
    pattern = name_pattern(name)
    if pattern is None or not fields:
        return 0
    mentions = Q()
    for field in fields:
        mentions |= Q(**{f"{field}__icontains": name.strip()})
    changed = 0
    for row in queryset.filter(mentions).values("pk", *fields):
        updates = {}
        for field in fields:
            new = scrub(row[field] or "", pattern, label)
            if new != (row[field] or ""):
                updates[field] = new
        if updates:
            queryset.model._default_manager.filter(pk=row["pk"]).update(**updates)
            changed += 1
    return changed
