"""Reads of the reports app."""

from __future__ import annotations

from django.db.models import QuerySet

from powerwith.journeys.models import Journey

from .models import BoardReport

SHOWN = 20


def reports_for(journey: Journey) -> QuerySet[BoardReport]:
    """The journey's board reports, newest first, with who asked (one query)."""
    return BoardReport.objects.filter(journey=journey).select_related("requested_by")[:SHOWN]
