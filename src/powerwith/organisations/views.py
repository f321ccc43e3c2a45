"""Organisation pages: your organisations, one organisation (its journeys, people and shared
question banks), adding one, and its people. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.forms import apply_errors

from . import forms, panels, selectors, services, vocab
from .access import OrgAccess, organisation_view
from .models import OrganisationRole


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    roles = list(
        OrganisationRole.objects.filter(user_id=request.user.pk or 0)
        .select_related("organisation")
        .order_by("organisation__name", "organisation__slug")
    )
    return render(request, "organisations/list.html", {"roles": roles})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Organisation added. You are its admin: you can now choose it as the host of "
                    "your journeys and add the people who act for it."
                ),
            )
            return redirect(organisation.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Add an organisation"),
            "intro": _(
                "Add the organisation that hosts your journeys, such as an NHS trust, a "
                "council or a charity. You will be its admin. Its journeys share its question "
                "banks, so only its admins can choose it as a journey's host."
            ),
            "button": _("Add the organisation"),
            "back": reverse("organisations:list"),
        },
        status=400 if form.errors else 200,
    )


@organisation_view("view")
def organisation_detail(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    org = access.organisation
    journeys, others = selectors.hosted_journeys_for(org, request.user)
    context = {
        "organisation": org,
        "access": access,
        "kind": vocab.KINDS.label(org.kind) if org.kind else "",
        "my_role": access.role,
        "journeys": journeys,
        "other_journeys": others,
        "role_terms": list(vocab.ROLES),
        # What apps above this one show here (insights: the view across its journeys).
        "panels": panels.panels(access, request.user),
    }
    if access.is_admin:
        context.update(
            roles=selectors.roles_of(org),
            banks=selectors.shared_banks(org),
            log=selectors.organisation_log(org),
            add_form=forms.MemberAddForm(),
        )
    return render(request, "organisations/detail.html", context)


@organisation_view("manage")
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    org = access.organisation
    form = forms.MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.organisation_add_member(
                actor=request.user, organisation=org, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s added as %(role)s.")
                % {"person": added.user, "role": added.get_role_display().lower()},
            )
            return redirect(org.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Add someone to %(organisation)s") % {"organisation": org.name},
            "intro": _("Give someone who already has an account a role in the organisation."),
            "button": _("Add them"),
            "back": org.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


@organisation_view("manage")
@require_POST
def member_edit(request: HttpRequest, access: OrgAccess, role_pk: int) -> HttpResponse:
    org = access.organisation
    role = OrganisationRole.objects.filter(organisation=org, pk=role_pk).first()
    if role is None:
        raise Http404("No such person in this organisation")
    try:
        if request.POST.get("remove"):
            services.organisation_remove_member(actor=request.user, role=role)
            messages.success(request, _("Removed from the organisation."))
        else:
            form = forms.RoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose admin or viewer."))
            services.organisation_change_role(
                actor=request.user, role=role, new_role=form.cleaned_data["role"]
            )
            messages.success(request, _("Role changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if not OrganisationRole.objects.filter(organisation=org, user_id=request.user.pk or 0).exists():
        return redirect("organisations:list")
    return redirect(org.get_absolute_url())
