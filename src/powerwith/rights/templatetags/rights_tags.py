"""``{% retention_notice journey %}``: the notice that a journey's personal data will soon be
removed (or has been), for the journey's front page and settings pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from powerwith.journeys.models import Journey
from powerwith.rights import selectors

register = template.Library()


@register.inclusion_tag("rights/_retention_notice.html", takes_context=True)
def retention_notice(context: Any, journey: Journey) -> dict[str, Any]:
    today = timezone.localdate()
    day = selectors.retention_notice(journey, today)
    access = context.get("access")
    return {
        "journey": journey,
        "retention_day": day,
        "retention_past": day is not None and day <= today,
        "can_extend": bool(access is not None and getattr(access, "can_manage", False)),
    }
