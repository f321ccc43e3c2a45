"""Asking before what cannot be undone: one page for every such action (see docs/architecture.md,
"Asking before what cannot be undone"). The GET of the action's address draws the page; the POST
to the same address does it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    button: str,
    back: str,
    points: Sequence[str] = (),
    undo: str = "",
    lead: str = "",
    facts: Sequence[str] = (),
    refusal: str | None = None,
    warning: bool = True,
    form: Any = None,
    status: int = 200,
) -> HttpResponse:
    """Draw ``common/confirm.html``: the question (``title``), what the person should know
    first (``facts``), what will happen (``points``), whether it can be undone (``undo``), and a
    button and a "Go back" link. With ``refusal`` the page says why it cannot be done instead of
    offering the button. ``form`` adds fields to fill in first (a date, a password)."""
    return render(
        request,
        "common/confirm.html",
        {
            "title": title,
            "lead": lead,
            "facts": list(facts),
            "points": list(points),
            "undo": undo,
            "refusal": refusal,
            "button": button,
            "warning": warning,
            "back": back,
            "form": form,
        },
        status=status,
    )
