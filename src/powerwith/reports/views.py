"""The board report: its page for a period, and its PDF made by the task queue."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from powerwith.common import files
from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.insights.period import Period

from . import content, selectors, services
from .forms import ReportPeriodForm
from .models import READY, BoardReport


def _chosen(form: ReportPeriodForm) -> Period | None:
    if not form.is_bound:
        return Period()
    if not form.is_valid():
        return None
    return form.chosen()


def _page(
    request: HttpRequest, access: Access, form: ReportPeriodForm, status: int = 200
) -> HttpResponse:
    period = _chosen(form)
    context: dict[str, Any] = {
        "journey": access.journey,
        "form": form,
        "period": period,
        "made": selectors.reports_for(access.journey),
        "can_manage": access.can_manage,
    }
    if period is not None:
        context.update(content.report(access.journey, period))
        context["pdf_fields"] = {
            "period": "dates" if not period.is_all_time else "all",
            "from": period.start.isoformat() if period.start else "",
            "to": period.end.isoformat() if period.end else "",
        }
    return render(request, "reports/report.html", context, status=400 if period is None else status)


@journey_view("view")
@require_GET
def report_page(request: HttpRequest, access: Access) -> HttpResponse:
    return _page(request, access, ReportPeriodForm(request.GET if request.GET else None))


@journey_view("manage")
@require_POST
def pdf_make(request: HttpRequest, access: Access) -> HttpResponseBase:
    data = QueryDict(mutable=True)
    for key in ("period", "from", "to"):
        data[key] = request.POST.get(key, "")
    form = ReportPeriodForm(data)
    period = _chosen(form)
    if period is None:
        return _page(request, access, form)
    try:
        report = services.report_request(
            actor=request.user,
            journey=access.journey,
            start=period.start,
            end=period.end,
            language=translation.get_language() or "",
        )
    except ValidationError as exc:
        apply_errors(form, exc)
        return _page(request, access, form, status=400)
    return redirect("reports:status", slug=access.journey.slug, report_pk=report.pk)


@journey_view("view")
@require_GET
def pdf_status(request: HttpRequest, access: Access, report_pk: int) -> HttpResponse:
    report: BoardReport = owned(
        BoardReport.objects.select_related("requested_by"), access, pk=report_pk
    )
    query = {}
    if report.period_from or report.period_to:
        query = {
            "period": "dates",
            "from": report.period_from.isoformat() if report.period_from else "",
            "to": report.period_to.isoformat() if report.period_to else "",
        }
    return render(
        request,
        "reports/status.html",
        {
            "journey": access.journey,
            "report": report,
            "period": content.period_of(report.period_from, report.period_to),
            "query": urlencode({k: v for k, v in query.items() if v}),
            # "Try again" asks for the same period once more (a facilitator's POST).
            "again_fields": {"period": "all", **query},
            "can_manage": access.can_manage,
        },
    )


@journey_view("view")
@require_GET
def pdf_download(request: HttpRequest, access: Access, report_pk: int) -> HttpResponseBase:
    report: BoardReport = owned(BoardReport.objects.all(), access, pk=report_pk)
    if report.status != READY:
        raise Http404("This report's PDF is not made")
    name = f"{access.journey.slug}-board-report-{report.period_key.replace('..', '-to-')}.pdf"
    return files.file_response(
        request, report.file_name, content_type="application/pdf", filename=name
    )
