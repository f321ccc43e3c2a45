"""The stories' panel on a gathering's page: the trigger films shown there (gatherings/panels.py;
gatherings sits below stories and does not import it)."""

from __future__ import annotations

from typing import Any

from powerwith.common.access import Access
from powerwith.gatherings.panels import Panel

from .models import Film


def gathering_films(access: Access, user: Any, gathering: Any) -> Panel | None:
    # One read. Everyone who may see the gathering may open its films (film_play is a "view"
    # page, and consent is checked again there, clip by clip).
    films = list(
        Film.objects.filter(gathering=gathering, journey_id=gathering.journey_id)
        .order_by("created_at", "id")
        .only("pk", "title", "journey_id", "gathering_id")
    )
    if not films:
        return None
    return Panel("stories/_gathering_panel.html", {"films": films, "gathering": gathering})
