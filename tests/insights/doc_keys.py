"""Flatten an insights document into the key paths docs/insights.md must document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parents[2] / "docs" / "insights.md"

# Objects whose keys are codes (roles, sides, channels, fates...), not fixed names: their
# children are written ``*`` in the documentation.
MAPS = {
    "by_side",
    "by_role",
    "by_month[].by_side",
    "by_month[].by_role",
    "organisations_by_kind",
    "turns_by_side",
    "turns_share_by_side",
    "turns_by_role",
    "seconds_by_side",
    "seconds_share_by_side",
    "seconds_by_role",
    "silent_by_side",
    "attendees_by_side",
    "by_fate",
    "by_channel",
    "by_raiser",
    "by_venue",
    "by_format",
    "by_level",
    "by_level_share",
    "evidence",
    "thresholds",
    "thresholds.*",
}

# Keys every indicator carries, documented once as ``*.<key>``.
COMMON = {"title", "n", "small_numbers", "note", "explanation", "based_on", "drill_down"}


def flatten(value: Any, path: str = "") -> set[str]:
    out: set[str] = set()
    last = path.rsplit(".", 1)[-1]
    if isinstance(value, dict):
        is_map = last in MAPS or any(path.endswith("." + m) or path == m for m in MAPS if "." in m)
        for k, v in value.items():
            child = f"{path}.{'*' if is_map else k}" if path else k
            out.add(child)
            out |= flatten(v, child)
    elif isinstance(value, list):
        for v in value:
            out |= flatten(v, path + "[]")
    return out


def record_paths(record: dict[str, Any]) -> set[str]:
    """The foundation section's paths, relative to ``sections.record``, common keys folded."""
    out = set()
    for p in flatten(record):
        _, _, rest = p.partition(".")
        if rest in COMMON:
            out.add(f"*.{rest}")
        else:
            out.add(p)
    return out


def document_paths(doc: dict[str, Any]) -> set[str]:
    """Top-level paths (outside the sections' own figures)."""
    out = set()
    for p in flatten({k: v for k, v in doc.items() if k not in ("sections", "previous")}):
        if p.startswith("warnings[].evidence.") or p.startswith("warnings[].thresholds."):
            continue
        out.add(p)
    out |= {f"sections.{k}" for k in doc["sections"]}
    if "previous" in doc:
        out.add("previous")
        if doc["previous"]:
            out |= {f"previous.{k}" for k in doc["previous"]}
    return out


def documented() -> set[str]:
    return set(re.findall(r"`([^`\s]+)`", DOC.read_text()))
