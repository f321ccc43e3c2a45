"""Taking a person's name out of free text, for erasure (see ``powerwith.rights``).

Kept here, below every domain app, so that each app's ``rights.py`` can scrub its own text
columns the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
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


# --- choosing the mentions to take out (the facilitator's erasure page) ------------------------
# Matching the whole name only misses "Mo said..." for "Mo Ibrahim". The facilitator's page lists
# every mention of the full name and of each part of it (3 letters or more), whole words, any
# case, with where each is; the full name's are ticked to start with, and exactly the ticked ones
# are taken out. The rights modules need not know: their ``scrub_rows`` calls collect mentions
# (``collecting``) or take out only the chosen ones (``only``), according to this context.


@dataclass(frozen=True)
class Mention:
    """One place a name, or a part of it, appears in free text."""

    id: str  # "<app.Model>:<pk>:<field>:<start>:<end>", stable while the text is unchanged
    where: str  # "contribution, text"
    before: str
    text: str
    after: str
    full: bool  # the whole name (ticked to start with)


_mode: ContextVar[tuple[str, Any] | None] = ContextVar("powerwith_redact", default=None)


@contextmanager
def collecting() -> Iterator[list[Mention]]:
    """Within it, ``scrub_rows`` changes nothing and lists every mention it would look at."""
    found: list[Mention] = []
    token = _mode.set(("collect", found))
    try:
        yield found
    finally:
        _mode.reset(token)


@contextmanager
def only(chosen: set[str]) -> Iterator[None]:
    """Within it, ``scrub_rows`` takes out exactly the mentions whose ids are in ``chosen``."""
    token = _mode.set(("only", frozenset(chosen)))
    try:
        yield
    finally:
        _mode.reset(token)


def name_terms(name: str) -> list[str]:
    """The full name, then each part of it of 3 letters or more (once each, any case)."""
    full = name.strip()
    terms = [full] if len(full) >= 2 else []
    for part in re.findall(r"\w+", full):
        if len(part) >= 3 and part.lower() not in {t.lower() for t in terms}:
            terms.append(part)
    return terms


def terms_pattern(name: str) -> re.Pattern[str] | None:
    terms = sorted(name_terms(name), key=len, reverse=True)  # the full name before its parts
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in terms)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def _chosen_rows(
    queryset: QuerySet[Any], fields: list[str], name: str, label: str, mode: tuple[str, Any]
) -> int:
    pattern = terms_pattern(name)
    if pattern is None or not fields:
        return 0
    mentions = Q()
    for term in name_terms(name):
        for field in fields:
            mentions |= Q(**{f"{field}__icontains": term})
    model = queryset.model
    kind, chosen = mode
    changed = 0
    for row in queryset.filter(mentions).values("pk", *fields):
        updates = {}
        for field in fields:
            text = row[field] or ""
            out, last = [], 0
            for m in pattern.finditer(text):
                ident = f"{model._meta.label}:{row['pk']}:{field}:{m.start()}:{m.end()}"
                if kind == "collect":
                    verbose = model._meta.get_field(field).verbose_name
                    chosen.append(
                        Mention(
                            id=ident,
                            where=f"{model._meta.verbose_name}, {verbose}",
                            before=text[max(0, m.start() - 40) : m.start()],
                            text=m.group(),
                            after=text[m.end() : m.end() + 40],
                            full=m.group().lower() == name.strip().lower(),
                        )
                    )
                elif ident in chosen:
                    out.append(text[last : m.start()] + label)
                    last = m.end()
            if last:
                updates[field] = "".join(out) + text[last:]
        if updates:
            model._default_manager.filter(pk=row["pk"]).update(**updates)
            changed += 1
    return changed


def scrub_rows(queryset: QuerySet[Any], fields: list[str], name: str, label: str) -> int:
    """Replace ``name`` with ``label`` in ``fields`` of every row of ``queryset`` that mentions
    it; returns how many rows changed. Rows are updated in place (``update``), so timestamps and
    everything figures count stay as they were. Within ``collecting`` or ``only``, the
    mentions of the name and its parts are listed, or only the chosen ones taken out."""
    mode = _mode.get()
    if mode is not None:
        return _chosen_rows(queryset, fields, name, label, mode)
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
