"""The plan's field on a gathering's own form: "Stage of the plan" (gatherings/form_extras.py;
gatherings sits below plans and does not import it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from powerwith.common.access import Access
from powerwith.common.forms import ModelChoiceField
from powerwith.gatherings.form_extras import Extra

from . import services
from .models import Stage, StageGathering

NAME = "plan_stage"


def _save(actor: Any, gathering: Any, stage: Stage | None) -> None:
    # The form offers only this journey's stages; the service checks again (a stage of another
    # journey is refused), so what reaches the database always belongs to the journey.
    services.gathering_set_stage(actor=actor, gathering=gathering, stage=stage)


def gathering_stage_field(access: Access, gathering: Any) -> Extra | None:
    """Offered to facilitators (who choose stages on the plan's own pages too) when the
    journey's plan has stages."""
    if not access.can_manage:
        return None
    stages = Stage.objects.filter(journey=access.journey)
    if not stages.exists():
        return None
    field = ModelChoiceField(
        label=_("Stage of the plan"),
        queryset=stages,
        required=False,
        empty_label=_("In no stage"),
        help_text=_("Which part of the plan this gathering belongs to, if any."),
        error_messages={"invalid_choice": _("Choose a stage from the list.")},
    )
    field.label_from_instance = lambda s: s.name  # type: ignore[method-assign,assignment]
    current = None
    if gathering is not None:
        current = (
            StageGathering.objects.filter(gathering=gathering)
            .values_list("stage_id", flat=True)
            .first()
        )
    return Extra(NAME, field, current, _save)
