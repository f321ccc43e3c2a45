"""The power dashboard, the records behind each indicator, thresholds and the JSON document."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from powerwith.common.access import Access, journey_view
from powerwith.common.forms import apply_errors

from . import present, registry, services, thresholds
from .forms import PeriodForm, ThresholdsForm
from .period import Period
from .records import INDICATOR_TITLES, rows_for
from .selectors import fired, for_viewer, insights_for


def _period_form(request: HttpRequest) -> PeriodForm:
    return PeriodForm(request.GET if request.GET else None)


def _period(form: PeriodForm) -> tuple[Period | None, bool]:
    """The period asked for and whether to compare (None when the form has errors)."""
    if not form.is_bound:
        return Period(), False
    if not form.is_valid():
        return None, False
    return form.chosen(), bool(form.cleaned_data.get("compare"))


def _exists(template: str) -> bool:
    """A section whose template is not written yet is shown as "not ready" rather than failing."""
    try:
        get_template(template)
    except TemplateDoesNotExist:
        return False
    return True


def _query(request: HttpRequest) -> str:
    keep = {k: v for k, v in request.GET.items() if k in ("period", "from", "to", "compare") and v}
    from urllib.parse import urlencode

    return urlencode(keep)


@journey_view("view")
@require_GET
def dashboard(request: HttpRequest, access: Access) -> HttpResponse:
    form = _period_form(request)
    period, compare = _period(form)
    context: dict[str, Any] = {
        "journey": access.journey,
        "form": form,
        "report": request.GET.get("report") == "1",
        "query": _query(request),
    }
    if period is None:
        return render(request, "insights/dashboard.html", context, status=400)
    doc = for_viewer(
        insights_for(access.journey, period, compare=compare), can_manage=access.can_manage
    )
    previous = doc.get("previous")
    sections = []
    for module in registry.sections():
        if module.KEY not in doc["sections"]:  # for facilitators only
            continue
        data = doc["sections"][module.KEY]
        sections.append(
            {
                "key": module.KEY,
                "title": _(module.TITLE),  # each section marks its title with gettext_noop
                # The foundation's indicators get their own jump links: it is the long section.
                "parts": [(key, data[key]["title"]) for key in present.BUILDERS if key in data]
                if module.KEY == "record"
                else [],
                "template": module.TEMPLATE if _exists(module.TEMPLATE) else None,
                "data": data,
                "previous": previous["sections"][module.KEY] if previous else None,
            }
        )
    context.update(
        {
            "doc": doc,
            "period": period,
            "compare": compare,
            "previous_period": period.previous() if compare else None,
            "fired": fired(doc),
            "generated_at": datetime.datetime.fromisoformat(doc["generated_at"]),
            "quiet": [w for w in doc["warnings"] if not w["fired"]],
            "sections": sections,
        }
    )
    return render(request, "insights/dashboard.html", context)


@journey_view("view")
@require_GET
def records(request: HttpRequest, access: Access, indicator: str) -> HttpResponse:
    if indicator not in INDICATOR_TITLES:
        raise Http404("No such indicator")
    form = _period_form(request)
    period, _compare = _period(form)
    if period is None:
        return render(
            request,
            "insights/records.html",
            {"form": form, "title": INDICATOR_TITLES[indicator], "indicator": indicator},
            status=400,
        )
    table = rows_for(access.journey, period, indicator, can_manage=access.can_manage)
    page = Paginator(table.rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "insights/records.html",
        {
            "form": form,
            "indicator": indicator,
            "title": INDICATOR_TITLES[indicator],
            "table": table,
            "page": page,
            "period": period,
            "query": _query(request),
        },
    )


@journey_view("view", write_need="manage")
@require_http_methods(["GET", "POST"])
def threshold_settings(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    if request.method == "POST" and request.POST.get("reset") == "1":
        services.thresholds_set(actor=request.user, journey=journey, values={})
        messages.success(request, _("The warning signs use the default thresholds again."))
        return redirect("insights:thresholds", slug=journey.slug)
    form = ThresholdsForm(request.POST or None, journey=journey)
    if request.method == "POST" and form.is_valid():
        try:
            services.thresholds_set(actor=request.user, journey=journey, values=form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved. The dashboard now uses these thresholds."))
            return redirect("insights:thresholds", slug=journey.slug)
    return render(
        request,
        "insights/thresholds.html",
        {
            "journey": journey,
            "form": form,
            "groups": [(thresholds.title(code), fields) for code, fields in form.grouped()],
            "can_manage": access.can_manage,
        },
        status=400 if form.errors else 200,
    )


@journey_view("view")
@require_GET
def insights_json(request: HttpRequest, access: Access) -> HttpResponse:
    form = _period_form(request)
    period, compare = _period(form)
    if period is None:
        return JsonResponse(
            {"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=400
        )
    # The JSON is a contract for tools: its sentences are always English, whatever the
    # reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        doc = insights_for(access.journey, period, compare=compare)
    doc = for_viewer(doc, can_manage=access.can_manage)
    return JsonResponse(doc, json_dumps_params={"sort_keys": True})
