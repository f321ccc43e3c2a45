from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

import powerwith

from .reading import html_lang, is_easy_read

# The journey's sections, in the order people meet them. A section whose app has not
# registered the URL yet is simply left out.
JOURNEY_SECTIONS = [
    (_("Overview"), "journeys:detail"),
    (_("Agreement"), "journeys:agreement"),
    (_("People"), "people:list"),
    (_("Gatherings"), "gatherings:list"),
    (_("Contributions"), "contributions:list"),
    (_("You said, we did"), "contributions:you_said"),
    (_("Stories"), "stories:list"),
    (_("Decisions"), "decisions:list"),
    (_("Reflection"), "reflection:list"),
    (_("Training"), "training:list"),
    (_("Statements"), "commonground:list"),
    (_("Inclusion"), "inclusion:overview"),
    (_("Power dashboard"), "insights:dashboard"),
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
    language = translation.get_language() or "en-gb"
    return {
        "site_name": "PowerWith",
        "html_lang": html_lang(language),
        "in_welsh": language == "cy",
        "easy_read": is_easy_read(request),
        "version": powerwith.__version__,
        "access": access,
        "journey_nav": journey_nav(request, access.journey.slug) if access is not None else [],
    }
