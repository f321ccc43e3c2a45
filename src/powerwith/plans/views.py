"""Pages of the journey's plan (thin: every write goes through ``services``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.gatherings.models import Gathering

from . import forms, printing, selectors, services, vocab
from .models import Stage


def _plan_url(access: Access) -> str:
    return reverse("plans:plan", kwargs={"slug": access.journey.slug})


@journey_view("view")
def plan(request: HttpRequest, access: Access) -> HttpResponse:
    """The plan for everyone in the journey: each stage's planned and actual dates and its
    gatherings, where the group is and what comes next; ``?format=pdf`` is the same as an A4
    PDF to share."""
    view = selectors.plan_view(access.journey)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(
            printing.plan_pdf(access.journey, view), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{access.journey.slug}-plan.pdf"'
        return response
    return render(
        request,
        "plans/plan.html",
        {
            "journey": access.journey,
            "view": view,
            "method": vocab.METHODS.label(view.plan.method) if view.plan else "",
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def plan_choose(request: HttpRequest, access: Access) -> HttpResponse:
    """Choose the method the plan follows; its stages are made at once."""
    form = forms.ChooseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_choose(
                actor=request.user,
                journey=access.journey,
                method=form.cleaned_data["method"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The plan is made. Change any stage to fit your group."))
            return redirect(_plan_url(access))
    return render(
        request,
        "plans/choose.html",
        {"journey": access.journey, "form": form, "back": _plan_url(access)},
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def stage_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.NewStageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_add(actor=request.user, journey=access.journey, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Stage added at the end of the plan."))
            return redirect(_plan_url(access))
    return render(
        request,
        "plans/stage_form.html",
        {"journey": access.journey, "form": form, "back": _plan_url(access), "stage": None},
        status=400 if form.errors else 200,
    )


@journey_view("view", write_need="manage")
@require_http_methods(["GET", "POST"])
def stage_detail(request: HttpRequest, access: Access, stage_pk: int) -> HttpResponse:
    """One stage: what happens in it, its dates and its gatherings; facilitators choose the
    gatherings here."""
    stage = owned(Stage.objects.all(), access, pk=stage_pk)
    gathering_ids = list(stage.links.values_list("gathering_id", flat=True))
    form = (
        forms.StageGatheringsForm(
            request.POST or None,
            journey=access.journey,
            initial={"gatherings": gathering_ids},
        )
        if access.can_manage
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.stage_set_gatherings(
                actor=request.user, stage=stage, gatherings=form.cleaned_data["gatherings"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The gatherings of this stage are saved."))
            return redirect(
                reverse("plans:stage", kwargs={"slug": access.journey.slug, "stage_pk": stage.pk})
            )
    ctx: dict[str, Any] = {
        "journey": access.journey,
        "stage": stage,
        "row": next(
            (
                r
                for r in selectors.plan_view(access.journey, with_gatherings=False).rows
                if r.stage.pk == stage.pk
            ),
            None,
        ),
        "gatherings": list(
            Gathering.objects.filter(pk__in=gathering_ids).order_by("held_on", "pk")
        ),
        "form": form,
        "back": _plan_url(access),
    }
    return render(
        request,
        "plans/stage.html",
        ctx,
        status=400 if form is not None and form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, access: Access, stage_pk: int) -> HttpResponse:
    """Change a stage's words and dates, move it earlier or later, or take it out."""
    stage = owned(Stage.objects.select_related("plan"), access, pk=stage_pk)
    back = _plan_url(access)
    action = request.POST.get("action", "save")
    fields = ("name", "description", "planned_start", "planned_end", "started_on", "ended_on")
    form = forms.StageForm(
        request.POST if request.method == "POST" and action == "save" else None,
        initial={f: getattr(stage, f) for f in fields},
    )
    if request.method == "POST":
        if action in ("up", "down"):
            services.stage_move(actor=request.user, stage=stage, direction=action)
            return redirect(back + f"#stage-{stage.pk}")
        if action == "remove":
            services.stage_remove(actor=request.user, stage=stage)
            messages.success(request, _("The stage is taken out of the plan."))
            return redirect(back)
        if form.is_valid():
            try:
                services.stage_update(actor=request.user, stage=stage, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The stage is saved."))
                return redirect(back + f"#stage-{stage.pk}")
    return render(
        request,
        "plans/stage_form.html",
        {"journey": access.journey, "form": form, "back": back, "stage": stage},
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def gathering_stage(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """Choose which stage of the plan a gathering belongs to (from the gathering's page)."""
    gathering = owned(Gathering.objects.all(), access, pk=gathering_pk)
    current = selectors.stage_of(gathering)
    form = forms.GatheringStageForm(
        request.POST or None,
        journey=access.journey,
        initial={"stage": current.pk if current else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.gathering_set_stage(
                actor=request.user, gathering=gathering, stage=form.cleaned_data["stage"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The gathering's stage is saved."))
            return redirect(gathering.get_absolute_url())
    return render(
        request,
        "plans/gathering_stage.html",
        {
            "journey": access.journey,
            "gathering": gathering,
            "form": form,
            "has_stages": bool(form.fields["stage"].queryset.exists()),  # type: ignore[attr-defined]
            "back": gathering.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )
