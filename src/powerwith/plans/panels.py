"""The plan's panel on a gathering's page: the stage it belongs to (gatherings/panels.py)."""

from __future__ import annotations

from typing import Any

from powerwith.common.access import Access
from powerwith.gatherings.panels import Panel

from .models import Stage, StageGathering


def gathering_stage(access: Access, user: Any, gathering: Any) -> Panel | None:
    link = StageGathering.objects.filter(gathering=gathering).select_related("stage").first()
    if link is None and not (
        access.can_manage and Stage.objects.filter(journey=access.journey).exists()
    ):
        return None
    return Panel(
        "plans/_gathering_panel.html",
        {"stage": link.stage if link else None, "gathering": gathering},
    )
