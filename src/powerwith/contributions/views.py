"""Contribution pages. (The full set is built on top of this.)"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from powerwith.journeys.models import Journey

from . import selectors


def you_said_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public "you said, we did" page: only when the facilitator chose to share it; no names."""
    journey = Journey.objects.filter(slug=slug, public_you_said=True).first()
    if journey is None:
        raise Http404("No such page")
    return render(
        request,
        "contributions/you_said.html",
        {"journey": journey, "public": True, **selectors.you_said(journey)},
    )
