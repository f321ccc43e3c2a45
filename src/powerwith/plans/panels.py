"""The plan's panel on a gathering's page: the stage it belongs to (gatherings/panels.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef

from powerwith.common.access import Access
from powerwith.gatherings.panels import Panel

from .models import Stage, StageGathering


def gathering_stage(access: Access, user: Any, gathering: Any) -> Panel | None:
    # One read: the journey's stages, each marked when this gathering is in it.
    stages = list(
        Stage.objects.filter(journey_id=gathering.journey_id).annotate(
            here=Exists(StageGathering.objects.filter(stage=OuterRef("pk"), gathering=gathering))
        )
    )
    stage = next((s for s in stages if s.here), None)
    if stage is None and not (access.can_manage and stages):
        return None
    return Panel("plans/_gathering_panel.html", {"stage": stage, "gathering": gathering})
