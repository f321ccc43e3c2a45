"""Care flags: facilitators only (``@journey_view("manage")`` on every page)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.insights.thresholds import thresholds_for
from powerwith.people.models import Person

from . import forms, insights, selectors, services
from .models import CareFlag


def _people(access: Access) -> Any:
    return Person.objects.filter(journey=access.journey).order_by("name", "id")


def _list_url(access: Access) -> str:
    return reverse("care:list", kwargs={"slug": access.journey.slug})


@journey_view("manage")
def care_list(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    flags = selectors.flags_for(journey)
    day = selectors.reference_day(None)
    days = int(thresholds_for(journey)["care_support_not_offered"]["days"])
    for f in flags:
        current = f.current_on(day)
        f.current = current  # type: ignore[attr-defined]
        f.waiting = (  # type: ignore[attr-defined]
            current and f.support_offered_on is None and (day - f.flagged_on).days > days
        )
    return render(
        request,
        "care/list.html",
        {
            "journey": journey,
            "flags": flags,
            "figures": selectors.figures(journey, day, days),
            "days": days,
            "based_on": insights.FARR,
        },
    )


def _save(request: HttpRequest, access: Access, flag: CareFlag | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if flag is not None:
        initial = {
            "carer": flag.carer_id,
            "started_on": flag.started_on,
            "ended_on": flag.ended_on,
            "support_offered_on": flag.support_offered_on,
            "routes_told_on": flag.routes_told_on,
            "notes": flag.notes,
        }
    form = forms.CareFlagForm(
        request.POST or None, people=_people(access), editing=flag is not None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if flag is None:
                services.care_flag_create(
                    actor=request.user, journey=access.journey, **form.cleaned_data
                )
            else:
                services.care_flag_update(actor=request.user, flag=flag, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved. Only facilitators can see this."))
            return redirect(_list_url(access))
    return render(
        request,
        "care/form.html",
        {
            "journey": access.journey,
            "form": form,
            "flag": flag,
            "title": _("Someone in the care of a member of the group")
            if flag is None
            else _("Care of %(name)s") % {"name": flag.person.name},
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def care_create(request: HttpRequest, access: Access) -> HttpResponse:
    return _save(request, access, None)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def care_edit(request: HttpRequest, access: Access, care_pk: int) -> HttpResponse:
    flag = owned(CareFlag.objects.select_related("person", "carer", "journey"), access, pk=care_pk)
    return _save(request, access, flag)


@journey_view("manage")
@require_POST
def care_remove(request: HttpRequest, access: Access, care_pk: int) -> HttpResponse:
    flag = owned(CareFlag.objects.select_related("journey"), access, pk=care_pk)
    services.care_flag_remove(actor=request.user, flag=flag)
    messages.success(request, _("Removed."))
    return redirect(_list_url(access))
