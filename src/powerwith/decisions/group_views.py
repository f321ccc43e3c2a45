"""Pages of co-design groups: forming one, its members, gatherings and actions, and closing it.
Thin, as ``views.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id
from powerwith.contributions.models import Contribution
from powerwith.gatherings import services as gathering_services
from powerwith.gatherings.models import Gathering

from . import forms, selectors, services
from .models import CoDesignGroup, GroupAction
from .views import VOTE_BASED_ON, _form_page, _status, _url

# --- co-design groups --------------------------------------------------------------------------


def _group(access: Access, group_pk: int) -> CoDesignGroup:
    return owned(CoDesignGroup.objects.select_related("item"), access, pk=group_pk)


@journey_view("view")
def group_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "decisions/groups.html",
        {"journey": access.journey, "groups": selectors.group_list(access.journey)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if item_pk := parse_id(request.GET.get("item")):
        item = Contribution.objects.filter(journey=journey, pk=item_pk).first()
        if item is not None:
            initial = {"item": item.pk, "name": f"{item.text[:60]} group"}
    form = forms.GroupCreateForm(request.POST or None, initial=initial, journey=journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["members"] = list(data["members"])
        try:
            group = services.group_create(actor=request.user, journey=journey, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Co-design group formed."))
            return redirect(group.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Form a co-design group"),
        intro=_(
            "A small group of people with lived experience and staff who work on one item until something changes."
        ),
        based_on=VOTE_BASED_ON,
        button=_("Form group"),
        back=_url("groups", access),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    initial = {
        "name": group.name,
        "purpose": group.purpose,
        "members": [p.pk for p in group.members.all()],
    }
    form = forms.GroupForm(request.POST or None, initial=initial, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["members"] = list(data["members"])
        try:
            services.group_update(actor=request.user, group=group, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(group.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Change “%(name)s”") % {"name": group.name},
        button=_("Save"),
        back=group.get_absolute_url(),
    )


@journey_view("view")
def group_detail(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    item = group.item
    return render(
        request,
        "decisions/group.html",
        {
            "group": group,
            "members": list(group.members.all()),
            "gatherings": list(group.gatherings.order_by("held_on", "id")),
            "actions": list(group.actions.select_related("who")),
            "item_votes": selectors.item_votes(item) if item is not None else [],
            "item_decisions": list(item.decisions.order_by("decided_on", "id")) if item else [],
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_close(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = forms.GroupCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_close(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The group has closed. Record what changed as a decision, so the item shows it."),
            )
            return redirect(group.get_absolute_url())
    not_done = group.actions.filter(done_on__isnull=True).count()
    return confirm_page(
        request,
        title=_("Close “%(name)s”?") % {"name": group.name},
        lead=_("Close the group when its work is finished."),
        facts=[
            ngettext(
                "%(n)s of its actions is not done yet.",
                "%(n)s of its actions are not done yet.",
                not_done,
            )
            % {"n": not_done}
            if not_done
            else _("All its actions are done.")
        ],
        points=[
            _("No new actions can be added to it."),
            _("Its record stays: who was in it, its meetings and its actions."),
        ],
        undo=_("A closed group cannot be reopened: if the work starts again, form a new group."),
        refusal=(
            _("This group already closed on %(date)s.")
            % {"date": dateformat.format(group.closed_on, "d F Y")}
            if group.closed_on
            else None
        ),
        form=form,
        button=_("Close the group"),
        back=group.get_absolute_url(),
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_gathering_add(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = forms.GroupGatheringForm(
        request.POST or None, initial={"title": f"{group.name} meeting"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            gathering = gathering_services.gathering_create(
                actor=request.user, journey=access.journey, group=group, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Gathering recorded for the group. Add who came and what was said.")
            )
            return redirect(gathering.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Record a gathering of “%(name)s”") % {"name": group.name},
        button=_("Record gathering"),
        back=group.get_absolute_url(),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_gathering_link(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = forms.LinkGatheringForm(request.POST or None)
    form.fields["gathering"].queryset = Gathering.objects.filter(  # type: ignore[attr-defined]
        journey=access.journey, group__isnull=True
    ).order_by("-held_on", "-id")
    if request.method == "POST" and form.is_valid():
        try:
            services.group_gatherings_add(
                actor=request.user, group=group, gatherings=[form.cleaned_data["gathering"]]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Gathering linked to the group."))
            return redirect(group.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Link a gathering to “%(name)s”") % {"name": group.name},
        intro=_(
            "If a meeting of this group was recorded before the group was set up, link it here."
        ),
        button=_("Link gathering"),
        back=group.get_absolute_url(),
    )


def _action(group: CoDesignGroup, action_pk: int) -> GroupAction:
    action = GroupAction.objects.filter(group=group, pk=action_pk).select_related("who").first()
    if action is None:
        raise Http404(_("No such action in this group"))
    return action


@journey_view("record")
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = forms.ActionForm(request.POST or None, journey=access.journey)
    del form.fields["done_on"]
    if request.method == "POST" and form.is_valid():
        try:
            services.group_action_add(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect(group.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Add an action for “%(name)s”") % {"name": group.name},
        button=_("Add action"),
        back=group.get_absolute_url(),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def action_edit(
    request: HttpRequest, access: Access, group_pk: int, group_action_pk: int
) -> HttpResponse:
    group = _group(access, group_pk)
    action = _action(group, group_action_pk)
    initial = {
        "what": action.what,
        "who": action.who_id,
        "due_on": action.due_on,
        "done_on": action.done_on,
    }
    form = forms.ActionForm(request.POST or None, initial=initial, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(group.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Change this action"),
        button=_("Save"),
        back=group.get_absolute_url(),
    )
