from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

import powerwith

# The journey's sections, in the order people meet them. A section whose app has not
# registered the URL yet is simply left out.
JOURNEY_SECTIONS = [
    ("Overview", "journeys:detail"),
    ("Agreement", "journeys:agreement"),
    ("People", "people:list"),
    ("Gatherings", "gatherings:list"),
    ("Contributions", "contributions:list"),
    ("You said, we did", "contributions:you_said"),
    ("Decisions", "decisions:list"),
    ("Reflection", "reflection:list"),
    ("Statements", "commonground:list"),
    ("Inclusion", "inclusion:overview"),
    ("Power dashboard", "insights:dashboard"),
]


def journey_nav(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for label, name in JOURNEY_SECTIONS:
        try:
            url = reverse(name, kwargs={"slug": slug})
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "current": False})
    # The current section is the one whose address is the longest start of this page's
    # address ("You said, we did" lives inside "Contributions"; the overview only on itself).
    path = request.path
    matches = [
        i
        for i in items
        if path == i["url"] or (i["url"] != items[0]["url"] and path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["current"] = True
    return items


def site(request: HttpRequest) -> dict[str, Any]:
    access = getattr(request, "journey_access", None)
    return {
        "site_name": "PowerWith",
        "version": powerwith.__version__,
        "access": access,
        "journey_nav": journey_nav(request, access.journey.slug) if access is not None else [],
    }
