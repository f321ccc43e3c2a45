"""Pages for people's rights: what we hold about a person (facilitators), what PowerWith holds
about you (your account), erasure with a plain confirmation, and a journey's retention."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.people.models import Person

from . import forms, selectors, services


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{timezone.localdate().isoformat()}.zip"'
    )
    return response


# The kinds of record every app's rights module names (their keys stay English: they name the
# files in the copy); the page shows each in the reader's language.
TABLE_NAMES = {
    "account": gettext_lazy("Account"),
    "journey access": gettext_lazy("Journey access"),
    "invitations": gettext_lazy("Invitations"),
    "register entry": gettext_lazy("Register entry"),
    "roles over time": gettext_lazy("Roles over time"),
    "log lines": gettext_lazy("Log lines"),
    "gatherings attended": gettext_lazy("Gatherings attended"),
    "speaking turns": gettext_lazy("Speaking turns"),
    "agenda items proposed": gettext_lazy("Agenda items proposed"),
    "contributions raised": gettext_lazy("Contributions raised"),
    "contributions they follow up": gettext_lazy("Contributions they follow up"),
    "votes cast": gettext_lazy("Votes cast"),
    "decisions they proposed": gettext_lazy("Decisions they proposed"),
    "co-design groups": gettext_lazy("Co-design groups"),
    "co-design actions": gettext_lazy("Co-design actions"),
    "named reflection answers": gettext_lazy("Named reflection answers"),
    "reflection rounds answered": gettext_lazy("Reflection rounds answered"),
    "views at an ending": gettext_lazy("Views at an ending"),
    "statement responses": gettext_lazy("Statement responses"),
    "every statement answer given": gettext_lazy("Every answer given to statements, with changes"),
    "statements written": gettext_lazy("Statements written"),
    "profile": gettext_lazy("Profile"),
    "support needs": gettext_lazy("Support needs"),
    "needs checked at gatherings": gettext_lazy("Needs checked at gatherings"),
    "assets": gettext_lazy("Assets"),
    "time given": gettext_lazy("Time given"),
    "expenses": gettext_lazy("Expenses"),
    "payments": gettext_lazy("Payments"),
    "training": gettext_lazy("Training"),
    "tasks": gettext_lazy("Tasks"),
}


def _summary(tables: selectors.Tables) -> list[dict[str, Any]]:
    return [
        {"name": TABLE_NAMES.get(name, name.capitalize()), "rows": len(rows)}
        for name, rows in tables.items()
    ]


@journey_view("manage")
def person_held(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    """What we hold about one person, with the download (``?format=zip``)."""
    person = owned(Person.objects.select_related("journey", "organisation"), access, pk=person_pk)
    if request.GET.get("format") == "zip":
        data = services.subject_access_for_facilitator(actor=request.user, person=person)
        return _download(data, f"what-we-hold-{person.pk}")
    entries = selectors.entries_for_facilitator(request.user, person)
    return render(
        request,
        "rights/person.html",
        {
            "journey": access.journey,
            "person": person,
            "entries": entries,
            "tables": _summary(selectors.held_tables(entries)),
            "erased": selectors.is_erased(person),
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    """Say plainly what goes and what stays, then erase."""
    person = owned(Person.objects.select_related("journey"), access, pk=person_pk)
    mentions = services.erase_mentions(actor=request.user, person=person)
    form = forms.FacilitatorEraseForm(
        request.POST if request.method == "POST" else None, mentions=mentions
    )
    if request.method == "POST" and form.is_valid():
        services.person_erase(
            actor=request.user,
            person=person,
            remove_words=form.cleaned_data["remove_words"],
            mentions=set(form.cleaned_data.get("mentions") or ()),
        )
        messages.success(request, _("Their personal data is erased. The group's record stays."))
        return redirect("people:detail", slug=access.journey.slug, person_pk=person.pk)
    return render(
        request,
        "rights/erase.html",
        {"journey": access.journey, "person": person, "form": form, "own": False},
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest, access: Access) -> HttpResponse:
    """When this journey's personal data is removed, and how long it is kept."""
    journey = access.journey
    current = journey.options.get("retention_days")
    form = forms.RetentionForm(
        request.POST if request.method == "POST" else None, initial={"days": current}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_set(
                actor=request.user, journey=journey, days=form.cleaned_data["days"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved how long personal data is kept."))
            return redirect("rights:retention", slug=journey.slug)
    return render(
        request,
        "rights/retention.html",
        {
            "journey": journey,
            "form": form,
            "days": selectors.retention_days(journey),
            "default_days": settings.POWERWITH_RETENTION_DAYS,
            "removal": selectors.removal_date(journey),
        },
        status=400 if form.errors else 200,
    )


# -- your account ------------------------------------------------------------------------------
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """What PowerWith holds about you, with the download (``?format=zip``)."""
    user: Any = request.user
    if request.GET.get("format") == "zip":
        return _download(services.subject_access_for_self(user=user), "what-powerwith-holds")
    entries = selectors.entries_of_user(user)
    return render(
        request,
        "rights/mine.html",
        {"entries": entries, "tables": _summary(selectors.held_tables(entries, user=user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def erase_mine(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Erase your own entry in one journey's register, after saying what goes and what stays."""
    user: Any = request.user  # signed in: login_required
    person = Person.objects.select_related("journey").filter(pk=person_pk, user=user).first()
    if person is None:
        raise Http404("No such entry")
    form = forms.SelfEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(
                actor=request.user, person=person, password=form.cleaned_data["password"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your entry in %(title)s is erased. Thank you for taking part.")
                % {"title": person.journey.title},
            )
            return redirect("rights_account:mine")
    return render(
        request,
        "rights/erase.html",
        {"journey": person.journey, "person": person, "form": form, "own": True},
        status=400 if form.errors else 200,
    )
