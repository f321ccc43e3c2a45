"""Pages of the register of people and organisations. Thin: parse, call a service, render."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors

from . import forms, selectors, services, vocab
from .models import Organisation, Person


def _form_page(
    request: HttpRequest, form: djforms.Form, *, title: str, button: str, back: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "common/form_page.html",
        {"form": form, "title": title, "button": button, "back": back, **extra},
        status=400 if form.errors else 200,
    )


@journey_view("view")
def person_list(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    filters = forms.PeopleFilterForm(request.GET or None)
    status, side, role = "current", "", ""
    if filters.is_valid():
        status = filters.cleaned_data["status"] or "current"
        side, role = filters.cleaned_data["side"], filters.cleaned_data["role"]
    people = list(selectors.people_list(journey, status=status, side=side, role=role))
    return render(
        request,
        "people/list.html",
        {
            "journey": journey,
            "people": people,
            "filters": filters,
            "filtered": bool(side or role or status != "current"),
            "status": status,
            "counts": selectors.people_counts(journey),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    form = forms.PersonForm(
        request.POST or None,
        journey=journey,
        initial={"joined_on": timezone.localdate(), "online": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                actor=request.user, journey=journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added to the register.") % {"name": person.name})
            if request.POST.get("another"):
                return redirect("people:create", slug=journey.slug)
            return redirect(person.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Add a person"),
        button=_("Add person"),
        back=reverse("people:list", kwargs={"slug": journey.slug}),
        intro=_(
            "Anyone who takes part, with or without an account. Many people in a group are not online: add them here and record what they say on their behalf."
        ),
        another=_("Add and then add another person"),
        based_on=_(
            "Whitehead / Centre for Loneliness Studies 2021 (identifying stakeholders); Farr 2018 (who is involved, paid and unpaid)."
        ),
    )


@journey_view("view")
def person_detail(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects.select_related("organisation", "user"), access, pk=person_pk)
    return render(
        request,
        "people/detail.html",
        {"journey": access.journey, "person": person, **selectors.person_record(person)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects, access, pk=person_pk)
    form = forms.PersonEditForm(
        request.POST or None,
        journey=access.journey,
        initial={
            "name": person.name,
            "is_pseudonym": person.is_pseudonym,
            "organisation": person.organisation_id,
            "contact": person.contact,
            "online": person.online,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Details saved."))
            return redirect(person.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Change %(name)s’s details") % {"name": person.name},
        button=_("Save details"),
        back=person.get_absolute_url(),
        intro=_("To change their role, use “Change role” on their page, so the history is kept."),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def person_change_role(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects, access, pk=person_pk)
    form = forms.RoleChangeForm(
        request.POST or None,
        journey=access.journey,
        initial={"role": person.role, "paid": person.paid, "from_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_change_role(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is now recorded as %(role)s. Their earlier role is kept in the history."
                )
                % {
                    "name": person.name,
                    "role": vocab.ROLES.label(form.cleaned_data["role"]).lower(),
                },
            )
            return redirect(person.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Change %(name)s’s role") % {"name": person.name},
        button=_("Change role"),
        back=person.get_absolute_url(),
        intro=(
            _(
                "Now: %(role)s, %(side)s, paid. People’s roles change, for example someone who used the service becomes a peer worker. Figures count people by the role they held at the time."
            )
            if person.paid
            else _(
                "Now: %(role)s, %(side)s, unpaid. People’s roles change, for example someone who used the service becomes a peer worker. Figures count people by the role they held at the time."
            )
        )
        % {"role": person.role_label, "side": person.side_label.lower()},
        based_on=_(
            "Chauhan, Croft & Spyridonidis 2022 (service users employed in co-production roles)."
        ),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def person_leave(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects, access, pk=person_pk)
    form = forms.LeaveForm(
        request.POST or None, journey=access.journey, initial={"left_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_leave(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Recorded that %(name)s has left.") % {"name": person.name})
            return redirect(person.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("%(name)s has stopped taking part") % {"name": person.name},
        button=_("Record that they left"),
        back=person.get_absolute_url(),
        intro=_(
            "Their record stays: what they said and did still counts. You can record that they came back later."
        ),
        based_on=_(
            "Whitehead / Centre for Loneliness Studies 2021 (warning signs: people disengage when influence is not genuine)."
        ),
    )


@journey_view("record")
@require_POST
def person_rejoin(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects, access, pk=person_pk)
    services.person_rejoin(actor=request.user, person=person)
    messages.success(
        request, _("Welcome back: %(name)s is taking part again.") % {"name": person.name}
    )
    return redirect(person.get_absolute_url())


@journey_view("view")
def organisation_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "people/organisations.html",
        {
            "journey": access.journey,
            "organisations": list(selectors.organisations_list(access.journey)),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.OrganisationForm(request.POST or None, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added.") % {"name": org.name})
            return redirect("people:organisations", slug=access.journey.slug)
    return _form_page(
        request,
        form,
        title=_("Add an organisation"),
        button=_("Add organisation"),
        back=reverse("people:organisations", kwargs={"slug": access.journey.slug}),
        intro=_(
            "Organisations involved: charities, the NHS, the council, funders, local businesses. Large organisations often take the final say, so it helps to see who is here."
        ),
        based_on=_(
            "Whitehead / Centre for Loneliness Studies 2021 (identifying stakeholders: organisations)."
        ),
    )


@journey_view("view")
def organisation_detail(request: HttpRequest, access: Access, organisation_pk: int) -> HttpResponse:
    org = owned(Organisation.objects, access, pk=organisation_pk)
    return render(
        request,
        "people/organisation_detail.html",
        {
            "journey": access.journey,
            "org": org,
            "people": list(org.people.order_by("left_on", "name")),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, access: Access, organisation_pk: int) -> HttpResponse:
    org = owned(Organisation.objects, access, pk=organisation_pk)
    form = forms.OrganisationForm(
        request.POST or None,
        journey=access.journey,
        initial={"name": org.name, "kind": org.kind, "notes": org.notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:organisation", slug=access.journey.slug, organisation_pk=org.pk)
    return _form_page(
        request,
        form,
        title=_("Change %(name)s") % {"name": org.name},
        button=_("Save"),
        back=reverse(
            "people:organisation",
            kwargs={"slug": access.journey.slug, "organisation_pk": org.pk},
        ),
    )
