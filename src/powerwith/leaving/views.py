"""Leaving pages, under /j/<slug>/people/leaving/. Thin: parse, call a service or selector,
render.

Who sees what: why people stopped (their words) and handover notes (contacts) are personal,
so they are for facilitators. The asset page is for everyone in the journey, with names for
members and facilitators only (as inclusion's asset map). The legacy page (funding, the plan,
follow-up reviews) is the whole group's; facilitators change it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.inclusion.models import Asset
from powerwith.people.models import Person, RoleSpell

from . import forms, selectors, services, vocab
from .models import FollowUpReview, Handover, LegacyPart, StopAsk


def _url(name: str, access: Access, **kwargs: Any) -> str:
    return reverse(f"leaving:{name}", kwargs={"slug": access.journey.slug, **kwargs})


def _form_page(
    request: HttpRequest, form: Form, *, title: str, button: str, back: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "leaving/form_page.html",
        {"form": form, "title": title, "button": button, "back": back, **extra},
        status=400 if form.errors else 200,
    )


def _current_people(access: Access) -> Any:
    today = timezone.localdate()
    return (
        Person.objects.filter(journey=access.journey)
        .exclude(left_on__lt=today)
        .order_by("name", "id")
    )


# --- Overview ------------------------------------------------------------------------------


@journey_view("view")
def overview(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    legacy = selectors.legacy_of(journey)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "journey": journey,
        "legacy": legacy,
        "ends_on": selectors.end_of(journey, legacy),
        "reviews": selectors.reviews_due(journey, legacy),
        "today": today,
        "parts": LegacyPart.objects.filter(journey=journey).count(),
    }
    if access.can_manage:
        rows = selectors.stopped_rows(journey)
        context["stopped"] = len(rows)
        context["not_asked"] = sum(1 for r in rows if r.ask is None)
        context["handover_due"] = len([o for o in _occasions(access) if o["handover"] is None])
    return render(request, "leaving/overview.html", context)


# --- Why people stop coming ----------------------------------------------------------------


@journey_view("manage")
def stopped(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    asks = list(
        StopAsk.objects.filter(journey=journey)
        .select_related("person", "contribution", "decision")
        .order_by("-asked_on", "-id")
    )
    return render(
        request,
        "leaving/stopped.html",
        {
            "journey": journey,
            "rows": selectors.stopped_rows(journey),
            "asks": asks,
            "reasons": list(vocab.REASONS),
            "missed": selectors.missed_gatherings(journey),
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects.all(), access, pk=person_pk)
    form = forms.StopAskForm(request.POST or None, initial={"asked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.stop_ask_record(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect(_url("stopped", access))
    return _form_page(
        request,
        form,
        title=_("Why did %(name)s stop coming?") % {"name": person.name},
        button=_("Record"),
        back=_url("stopped", access),
        intro=_(
            "Ask in the way they are most likely to answer, and say they need not give a "
            "reason. What they say is kept for facilitators, and counted without names."
        ),
    )


@journey_view("manage")
@require_POST
def raise_reason(request: HttpRequest, access: Access, ask_pk: int) -> HttpResponse:
    record = owned(StopAsk.objects.select_related("person"), access, pk=ask_pk)
    try:
        contribution = services.stop_ask_raise(actor=request.user, ask=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_url("stopped", access))
    messages.success(request, _("Raised as a contribution. The group can now respond to it."))
    return redirect(contribution.get_absolute_url())


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def link_decision(request: HttpRequest, access: Access, ask_pk: int) -> HttpResponse:
    record = owned(StopAsk.objects.select_related("person", "decision"), access, pk=ask_pk)
    form = forms.DecisionLinkForm(
        request.POST or None, journey=access.journey, initial={"decision": record.decision_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stop_ask_link_decision(
                actor=request.user, ask=record, decision=form.cleaned_data["decision"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_url("stopped", access))
    return _form_page(
        request,
        form,
        title=_("Which decision answers what %(name)s said?") % {"name": record.person.name},
        button=_("Save"),
        back=_url("stopped", access),
        quote=record.in_their_words,
    )


@journey_view("manage")
@require_POST
def ask_remove(request: HttpRequest, access: Access, ask_pk: int) -> HttpResponse:
    record = owned(StopAsk.objects.select_related("person"), access, pk=ask_pk)
    services.stop_ask_remove(actor=request.user, ask=record)
    messages.success(request, _("Removed."))
    return redirect(_url("stopped", access))


# --- Handovers -----------------------------------------------------------------------------


def _occasions(access: Access) -> list[dict[str, Any]]:
    """Everyone who left or changed role, newest first, with their handover note if any."""
    journey = access.journey
    people = {p.pk: p for p in Person.objects.filter(journey=journey)}
    found: list[tuple[Person, str, Any]] = [
        (p, vocab.LEFT, p.left_on) for p in people.values() if p.left_on is not None
    ]
    first: set[int] = set()
    for spell in RoleSpell.objects.filter(journey=journey).order_by(
        "person_id", "started_on", "id"
    ):
        if spell.person_id in first:
            found.append((people[spell.person_id], vocab.ROLE_CHANGE, spell.started_on))
        first.add(spell.person_id)
    notes = {
        (h.person_id, h.occasion, h.on): h
        for h in Handover.objects.filter(journey=journey).select_related("handed_to")
    }
    rows = [
        {
            "person": p,
            "occasion": occ,
            "occasion_label": vocab.OCCASIONS.label(occ),
            "on": day,
            "handover": notes.get((p.pk, occ, day)),
        }
        for p, occ, day in found
    ]
    rows.sort(key=lambda r: (r["on"], r["person"].pk), reverse=True)
    return rows


@journey_view("manage")
def handovers(request: HttpRequest, access: Access) -> HttpResponse:
    rows = _occasions(access)
    for_notes = [r["handover"] for r in rows if r["handover"] is not None]
    reassigned = {}
    for h in Handover.objects.filter(pk__in=[h.pk for h in for_notes]).prefetch_related(
        "reassignments__to_person"
    ):
        reassigned[h.pk] = list(h.reassignments.all())
    for r in rows:
        if r["handover"] is not None:
            r["reassigned"] = reassigned.get(r["handover"].pk, [])
        elif r["occasion"] == vocab.LEFT:
            r["open"] = len(selectors.open_actions(r["person"]))
    return render(request, "leaving/handovers.html", {"journey": access.journey, "rows": rows})


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def handover_add(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects.all(), access, pk=person_pk)
    occasion = request.GET.get("occasion") or request.POST.get("occasion") or vocab.LEFT
    if occasion not in vocab.OCCASIONS:
        occasion = vocab.LEFT
    actions = selectors.open_actions(person)
    people = _current_people(access).exclude(pk=person.pk)
    form = forms.HandoverForm(request.POST or None, people=people, actions=actions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.handover_record(
                actor=request.user,
                person=person,
                occasion=occasion,
                knew_and_did=data["knew_and_did"],
                contacts=data["contacts"],
                unfinished=data["unfinished"],
                handed_to=data["handed_to"],
                reassign=form.reassign(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Handover recorded."))
            return redirect(_url("handovers", access))
    return _form_page(
        request,
        form,
        title=(
            _("Handover from %(name)s, who left")
            if occasion == vocab.LEFT
            else _("Handover from %(name)s, who changed role")
        )
        % {"name": person.name},
        button=_("Record the handover"),
        back=_url("handovers", access),
        intro=_(
            "What someone knew and did leaves with them unless it is written down and handed "
            "on. Their open actions below can each go to someone else."
        ),
        hidden={"occasion": occasion},
        no_actions=not actions,
    )


# --- Assets --------------------------------------------------------------------------------


@journey_view("view")
def assets(request: HttpRequest, access: Access) -> HttpResponse:
    rows = selectors.asset_rows(access.journey)
    return render(
        request,
        "leaving/assets.html",
        {
            "journey": access.journey,
            "kept": [r for r in rows if r["status"] != selectors.LEFT_WITH],
            "left": [r for r in rows if r["status"] == selectors.LEFT_WITH],
            "show_names": access.can_record,
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def asset_keep(request: HttpRequest, access: Access, asset_pk: int) -> HttpResponse:
    asset = owned(Asset.objects.select_related("person"), access, pk=asset_pk)
    form = forms.AssetKeepForm(
        request.POST or None,
        people=_current_people(access).exclude(pk=asset.person_id),
        initial={"on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_keep(actor=request.user, asset=asset, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Recorded: it stays with the group."))
            return redirect(_url("assets", access))
    return _form_page(
        request,
        form,
        title=_("Hand over “%(asset)s”") % {"asset": asset.description},
        button=_("Record"),
        back=_url("assets", access),
    )


# --- The end: funding, legacy plan, follow-up reviews --------------------------------------


@journey_view("view")
def legacy(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    record = selectors.legacy_of(journey)
    return render(
        request,
        "leaving/legacy.html",
        {
            "journey": journey,
            "legacy": record,
            "ends_on": selectors.end_of(journey, record),
            "parts": list(LegacyPart.objects.filter(journey=journey).select_related("owner")),
            "reviews": selectors.reviews_due(journey, record),
            "today": timezone.localdate(),
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def funding(request: HttpRequest, access: Access) -> HttpResponse:
    record = selectors.legacy_of(access.journey)
    form = forms.FundingForm(
        request.POST or None,
        initial={
            "funding_ends_on": record.funding_ends_on if record else None,
            "funder": record.funder if record else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_set(actor=request.user, journey=access.journey, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_url("legacy", access))
    return _form_page(
        request,
        form,
        title=_("The journey's funding"),
        button=_("Save"),
        back=_url("legacy", access),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, access: Access) -> HttpResponse:
    record = selectors.legacy_of(access.journey)
    form = forms.PlanForm(
        request.POST or None,
        initial={
            "agreed_on": (record.plan_agreed_on if record else None) or timezone.localdate(),
            "record_lives": record.record_lives if record else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.legacy_plan_save(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_url("legacy", access))
    return _form_page(
        request, form, title=_("The legacy plan"), button=_("Save"), back=_url("legacy", access)
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def part_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.PartForm(request.POST or None, people=_current_people(access))
    if request.method == "POST" and form.is_valid():
        try:
            services.legacy_part_add(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added to the plan."))
            return redirect(_url("legacy", access))
    return _form_page(
        request,
        form,
        title=_("Something that carries on"),
        button=_("Add"),
        back=_url("legacy", access),
    )


@journey_view("manage")
@require_POST
def part_remove(request: HttpRequest, access: Access, part_pk: int) -> HttpResponse:
    part = owned(LegacyPart.objects.all(), access, pk=part_pk)
    services.legacy_part_remove(actor=request.user, part=part)
    messages.success(request, _("Removed from the plan."))
    return redirect(_url("legacy", access))


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, access: Access) -> HttpResponse:
    done = set(
        FollowUpReview.objects.filter(journey=access.journey).values_list("months", flat=True)
    )
    first = next((m for m in vocab.REVIEW_MONTHS if m not in done), None)
    form = forms.ReviewForm(
        request.POST or None,
        initial={"months": str(first) if first else None, "done_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(actor=request.user, journey=access.journey, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Review recorded."))
            return redirect(_url("legacy", access))
    return _form_page(
        request,
        form,
        title=_("Record a follow-up review"),
        button=_("Record the review"),
        back=_url("legacy", access),
    )
