"""Outreach pages. Thin: parse, call a service or selector, render.

Who sees what: the map names people from outside the register, so it is for members and
facilitators (observers see its figures on the dashboard, without names). Linked groups are
organisations, not people: everyone in the journey sees them; members and facilitators keep
them. Taking an entry off the map altogether is for facilitators.
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
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import apply_errors
from powerwith.insights.period import Period

from . import forms, selectors, services, vocab
from .models import JointActivity, LinkedGroup, Stakeholder, StakeholderStep

TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"


def _url(name: str, access: Access, **kwargs: Any) -> str:
    return reverse(f"outreach:{name}", kwargs={"slug": access.journey.slug, **kwargs})


def _form_page(
    request: HttpRequest, form: Form, *, title: str, button: str, back: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "common/form_page.html",
        {"form": form, "title": title, "button": button, "back": back, "intro": intro},
        status=400 if form.errors else 200,
    )


# --- The stakeholder map ----------------------------------------------------------------------


@journey_view("record")
def map_list(request: HttpRequest, access: Access) -> HttpResponse:
    entries = selectors.entries_for(access.journey)
    by_kind = []
    for term in vocab.KINDS:
        rows = [e for e in entries if e.kind == term.code]
        if rows:
            by_kind.append((term, rows))
    return render(
        request,
        "outreach/map.html",
        {
            "journey": access.journey,
            "by_kind": by_kind,
            "figures": selectors.map_figures(access.journey, Period()),
            "statuses": list(vocab.STATUSES),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.StakeholderForm(
        request.POST or None,
        journey=access.journey,
        initial={"planned_on": timezone.localdate(), "kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.stakeholder_create(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added to the map of who should be involved."))
            return redirect(_url("entry", access, stakeholder_pk=entry.pk))
    return _form_page(
        request,
        form,
        title=_("Add someone who should be involved"),
        button=_("Add to the map"),
        back=_url("map", access),
        intro=_(
            "Think of the people your work affects who are not here yet: service users who are "
            "seldom heard, carers, front-line staff, unions, user-led groups, commissioners."
        ),
    )


@journey_view("record")
def entry_detail(request: HttpRequest, access: Access, stakeholder_pk: int) -> HttpResponse:
    entry = owned(
        Stakeholder.objects.select_related("approacher", "person"), access, pk=stakeholder_pk
    )
    form = forms.StepForm(initial={"on": timezone.localdate()})
    return render(
        request,
        "outreach/entry.html",
        {
            "journey": access.journey,
            "entry": entry,
            "steps": list(entry.steps.order_by("on", "id")),
            "form": form,
            "agreed": entry.status == vocab.AGREED,
            "kind": vocab.KINDS[entry.kind],
            "how": vocab.HOW.label(entry.how) if entry.how else "",
            "form_label": vocab.FORMS.label(entry.form),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, access: Access, stakeholder_pk: int) -> HttpResponse:
    entry = owned(Stakeholder.objects, access, pk=stakeholder_pk)
    initial = {
        "name": entry.name,
        "form": entry.form,
        "kind": entry.kind,
        "why": entry.why,
        "approacher": entry.approacher_id,
        "how": entry.how,
        "how_notes": entry.how_notes,
        "planned_on": entry.planned_on,
    }
    form = forms.StakeholderForm(request.POST or None, journey=access.journey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_update(actor=request.user, stakeholder=entry, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_url("entry", access, stakeholder_pk=entry.pk))
    return _form_page(
        request,
        form,
        title=_("Change this entry"),
        button=_("Save"),
        back=_url("entry", access, stakeholder_pk=entry.pk),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def entry_record(request: HttpRequest, access: Access, stakeholder_pk: int) -> HttpResponse:
    entry = owned(Stakeholder.objects, access, pk=stakeholder_pk)
    form = forms.StepForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_record(actor=request.user, stakeholder=entry, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved what happened."))
            return redirect(_url("entry", access, stakeholder_pk=entry.pk))
    return _form_page(
        request,
        form,
        title=_("What happened with %(name)s?") % {"name": entry.name},
        button=_("Save what happened"),
        back=_url("entry", access, stakeholder_pk=entry.pk),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, access: Access, stakeholder_step_pk: int) -> HttpResponse:
    step = owned(
        StakeholderStep.objects.select_related("stakeholder"), access, pk=stakeholder_step_pk
    )
    entry = step.stakeholder
    form = forms.StepForm(
        request.POST or None,
        initial={"status": step.status, "on": step.on, "reason": step.reason, "notes": step.notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_step_update(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved what happened."))
            return redirect(_url("entry", access, stakeholder_pk=entry.pk))
    return _form_page(
        request,
        form,
        title=_("Change what happened with %(name)s") % {"name": entry.name},
        button=_("Save what happened"),
        back=_url("entry", access, stakeholder_pk=entry.pk),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def entry_join(request: HttpRequest, access: Access, stakeholder_pk: int) -> HttpResponse:
    entry = owned(Stakeholder.objects, access, pk=stakeholder_pk)
    back = _url("entry", access, stakeholder_pk=entry.pk)
    if entry.status != vocab.AGREED or entry.person_id is not None:
        return confirm_page(
            request,
            title=_("Add %(name)s to the register") % {"name": entry.name},
            button="",
            back=back,
            refusal=(
                _("They are already in the register.")
                if entry.person_id is not None
                else _("Record that they agreed before adding them to the register.")
            ),
            warning=False,
        )
    form = forms.JoinForm(
        request.POST or None,
        journey=access.journey,
        initial={
            "name": entry.name if entry.form == vocab.PERSON else "",
            "joined_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.stakeholder_join(
                actor=request.user,
                stakeholder=entry,
                person=data["person"],
                name=data["name"],
                role=data["role"],
                joined_on=data["joined_on"],
                contact=data["contact"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is in the register now.") % {"name": person.name})
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Add %(name)s to the register") % {"name": entry.name},
        button=_("Add to the register"),
        back=back,
        intro=_(
            "Their entry on the map, with everything that happened, stays and is linked to "
            "their entry in the register. For an organisation or a group, add the person who "
            "will take part."
        ),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def entry_remove(request: HttpRequest, access: Access, stakeholder_pk: int) -> HttpResponse:
    entry = owned(Stakeholder.objects, access, pk=stakeholder_pk)
    if request.method == "POST":
        services.stakeholder_remove(actor=request.user, stakeholder=entry)
        messages.success(request, _("Taken off the map."))
        return redirect(_url("map", access))
    return confirm_page(
        request,
        title=_("Take %(name)s off the map?") % {"name": entry.name},
        button=_("Yes, take them off the map"),
        back=_url("entry", access, stakeholder_pk=entry.pk),
        points=[
            _("The entry and everything recorded about approaching them are deleted."),
            _("The journey's log keeps a line saying an entry was taken off, without the name."),
            _("If they joined the register, their entry there stays."),
        ],
        undo=_("This cannot be undone. Do it when someone asks to be taken off, or for a mistake."),
    )


# --- Groups that link up ----------------------------------------------------------------------


@journey_view("view")
def group_list(request: HttpRequest, access: Access) -> HttpResponse:
    groups = selectors.groups_for(access.journey)
    return render(
        request,
        "outreach/groups.html",
        {
            "journey": access.journey,
            "groups": groups,
            "figures": selectors.link_figures(access.journey, Period()),
            "linked_from": list(
                LinkedGroup.objects.filter(other_journey=access.journey)
                .select_related("journey")
                .filter(journey__memberships__user_id=int(request.user.pk or 0))
                .order_by("journey__title", "id")
            ),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.GroupForm(
        request.POST or None,
        journey=access.journey,
        user=request.user,
        initial={"since": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = services.linked_group_create(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved. Now add what you have done together."))
            return redirect(_url("group", access, linked_group_pk=group.pk))
    return _form_page(
        request,
        form,
        title=_("Add a group or network you work with"),
        button=_("Save the group"),
        back=_url("groups", access),
        intro=_(
            "User-led groups, campaigns, networks and other co-production groups: who you "
            "work with, so the work joins up and the organisation can see the network."
        ),
    )


@journey_view("view")
def group_detail(request: HttpRequest, access: Access, linked_group_pk: int) -> HttpResponse:
    group = owned(LinkedGroup.objects.select_related("other_journey"), access, pk=linked_group_pk)
    other = group.other_journey
    can_open_other = other is not None and other.memberships.filter(user=request.user).exists()
    return render(
        request,
        "outreach/group.html",
        {
            "journey": access.journey,
            "group": group,
            "activities": list(group.activities.order_by("-on", "-id")),
            "form": forms.ActivityForm(initial={"on": timezone.localdate()}),
            "other": other if can_open_other else None,
            "other_hidden": other is not None and not can_open_other,
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, access: Access, linked_group_pk: int) -> HttpResponse:
    group = owned(LinkedGroup.objects, access, pk=linked_group_pk)
    initial = {
        "name": group.name,
        "kind": group.kind,
        "about": group.about,
        "website": group.website,
        "other_journey": group.other_journey_id,
        "since": group.since,
        "ended_on": group.ended_on,
    }
    form = forms.GroupForm(
        request.POST or None, journey=access.journey, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.linked_group_update(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_url("group", access, linked_group_pk=group.pk))
    return _form_page(
        request,
        form,
        title=_("Change this group"),
        button=_("Save"),
        back=_url("group", access, linked_group_pk=group.pk),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_remove(request: HttpRequest, access: Access, linked_group_pk: int) -> HttpResponse:
    group = owned(LinkedGroup.objects, access, pk=linked_group_pk)
    refusal = services.linked_group_remove_refusal(group)
    if request.method == "POST" and not refusal:
        services.linked_group_remove(actor=request.user, group=group)
        messages.success(request, _("Group deleted."))
        return redirect(_url("groups", access))
    return confirm_page(
        request,
        title=_("Delete %(name)s from the groups you work with?") % {"name": group.name},
        button=_("Yes, delete the group"),
        back=_url("group", access, linked_group_pk=group.pk),
        points=[
            _("The group is deleted, and no longer shown in the organisation's network."),
            _("The journey's log keeps a line saying the group was deleted."),
        ],
        undo=_("This cannot be undone. Do it only for a group entered by mistake."),
        refusal=refusal,
        status=409 if refusal and request.method == "POST" else 200,
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest, access: Access, linked_group_pk: int) -> HttpResponse:
    group = owned(LinkedGroup.objects, access, pk=linked_group_pk)
    form = forms.ActivityForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.joint_activity_add(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved what you did together."))
            return redirect(_url("group", access, linked_group_pk=group.pk))
    return _form_page(
        request,
        form,
        title=_("What did you do with %(name)s?") % {"name": group.name},
        button=_("Save"),
        back=_url("group", access, linked_group_pk=group.pk),
    )


@journey_view("record")
@require_POST
def activity_remove(request: HttpRequest, access: Access, joint_activity_pk: int) -> HttpResponse:
    activity = owned(JointActivity.objects.select_related("group"), access, pk=joint_activity_pk)
    group = activity.group
    services.joint_activity_remove(actor=request.user, activity=activity)
    messages.success(request, _("Removed."))
    return redirect(_url("group", access, linked_group_pk=group.pk))
