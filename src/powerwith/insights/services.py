"""Writes of the insights app: a journey's own warning-sign thresholds."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.services import audit, invalid
from powerwith.journeys.models import Journey

from . import thresholds as th


@transaction.atomic
def thresholds_set(*, actor: Any, journey: Journey, values: dict[str, dict[str, Any]]) -> Journey:
    """Store the journey's own thresholds in ``journey.options["warnings"]``.

    Only values that differ from the defaults are kept, so a later change of a default still
    reaches journeys that never changed it. Unknown warning signs or names are refused.
    """
    require(actor, journey, "manage")
    defaults = th.defaults()
    own: dict[str, dict[str, Any]] = {}
    for code, named in values.items():
        if code not in defaults:
            raise invalid(None, _("There is no warning sign called “%(code)s”.") % {"code": code})
        for name, value in named.items():
            if name not in defaults[code]:
                raise invalid(
                    None,
                    _("The warning sign “%(code)s” has no setting “%(name)s”.")
                    % {"code": code, "name": name},
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise invalid(f"{code}__{name}", _("Enter a number."))
            if value < 0:
                raise invalid(f"{code}__{name}", _("Enter a number of 0 or more."))
            if value != defaults[code][name]:
                own.setdefault(code, {})[name] = value
    journey = Journey.objects.select_for_update().get(pk=journey.pk)
    options = dict(journey.options or {})
    options["warnings"] = own
    journey.options = options
    journey.save(update_fields=["options", "updated_at"])
    changed = sum(len(v) for v in own.values())
    audit(
        journey=journey,
        actor=actor,
        action="thresholds_set",
        obj=journey,
        summary=f"Warning-sign thresholds: {changed} differ from the defaults",
    )
    return journey
