"""Inclusion pages. Thin: parse, call a service or selector, render.

Who sees what: the overview and the reference populations are aggregates (small groups hidden)
for everyone in the journey. A profile is seen only by its person ("my profile") and by
facilitators who give a reason (logged). Support needs and the ledger name people, so they are
for members and facilitators. Observers see the asset map without names.
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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id
from powerwith.gatherings.models import Gathering
from powerwith.insights.period import Period
from powerwith.people.models import Organisation, Person

from . import csvimport, forms, selectors, services, vocab
from .insights import compute
from .models import (
    Asset,
    AssetGap,
    ExpenseClaim,
    Payment,
    RecruitmentAction,
    ReferencePopulation,
    SupportNeed,
    Task,
    TimeGiven,
    Training,
)

TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"


def _url(name: str, access: Access, **kwargs: Any) -> str:
    return reverse(f"inclusion:{name}", kwargs={"slug": access.journey.slug, **kwargs})


def _form_page(
    request: HttpRequest,
    form: Form,
    *,
    title: str,
    button: str,
    back: str,
    intro: str = "",
    based_on: str = "",
    multipart: bool = False,
    template: str = "inclusion/form_page.html",
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "button": button,
            "back": back,
            "intro": intro,
            "based_on": based_on,
            "multipart": multipart,
            **extra,
        },
        status=400 if form.errors else 200,
    )


def _people(access: Access) -> list[Person]:
    return list(Person.objects.filter(journey=access.journey).order_by("name", "id"))


def _gatherings(access: Access) -> list[Gathering]:
    return list(Gathering.objects.filter(journey=access.journey).order_by("-held_on", "-id")[:100])


def _pick(options: list[Any], value: Any) -> Any:
    if not value:
        return None
    return next((o for o in options if str(o.pk) == str(value)), None)


# --- Overview ----------------------------------------------------------------------------------


@journey_view("view")
def overview(request: HttpRequest, access: Access) -> HttpResponse:
    data = compute(access.journey, Period())
    plans = selectors.recruitment_by_group(access.journey)
    gap_rows = [
        {**gap, "plans": plans.get((gap["characteristic"], gap["category"]), [])}
        for gap in data["gaps"]
    ]
    return render(
        request,
        "inclusion/overview.html",
        {
            "journey": access.journey,
            "data": data,
            "gap_rows": gap_rows,
            "plans": [a for rows in plans.values() for a in rows],
            "status_words": selectors.STATUS_WORDS,
            "me": selectors.linked_person(request.user, access.journey),
        },
    )


# --- My profile --------------------------------------------------------------------------------


def _profile_initial(profile: Any) -> dict[str, Any]:
    if profile is None:
        return {}
    initial = profile.answers()
    initial["ethnicity_text"] = profile.ethnicity_text
    initial["first_language_text"] = profile.first_language_text
    initial["consent"] = True
    return initial


def _profile_answers(form: Form) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "answers": {code: data.get(code) or "" for code in vocab.CHARACTERISTICS.codes},
        "ethnicity_text": data.get("ethnicity_text") or "",
        "first_language_text": data.get("first_language_text") or "",
        "consent": bool(data.get("consent")),
    }


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def my_profile(request: HttpRequest, access: Access) -> HttpResponse:
    """The signed-in person's own profile and support needs (any role in the journey)."""
    person = selectors.linked_person(request.user, access.journey)
    if person is None:
        return render(request, "inclusion/not_linked.html", {"journey": access.journey})
    profile = selectors.profile_of(person)
    form = forms.ProfileForm(request.POST or None, initial=_profile_initial(profile))
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(actor=request.user, person=person, **_profile_answers(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect(_url("my_profile", access))
    needs = list(SupportNeed.objects.filter(person=person, ended_on__isnull=True))
    return render(
        request,
        "inclusion/my_profile.html",
        {
            "journey": access.journey,
            "person": person,
            "profile": profile,
            "form": form,
            "needs": needs,
            "need_form": forms.NeedForm(initial={"since": timezone.localdate()}),
        },
        status=400 if form.errors else 200,
    )


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def my_profile_erase(request: HttpRequest, access: Access) -> HttpResponse:
    person = selectors.linked_person(request.user, access.journey)
    if person is None:
        return render(request, "inclusion/not_linked.html", {"journey": access.journey})
    if request.method == "POST":
        services.profile_erase(actor=request.user, person=person)
        messages.success(request, _("Your profile has been erased. Nothing of it is kept."))
        return redirect(_url("my_profile", access))
    return render(
        request,
        "inclusion/erase.html",
        {"journey": access.journey, "own": True, "back": _url("my_profile", access)},
    )


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def my_need_add(request: HttpRequest, access: Access) -> HttpResponse:
    person = selectors.linked_person(request.user, access.journey)
    if person is None:
        return render(request, "inclusion/not_linked.html", {"journey": access.journey})
    form = forms.NeedForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.need_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added. The people organising gatherings will see it."))
            return redirect(_url("my_profile", access))
    return _form_page(
        request,
        form,
        title=_("Something you need to take part"),
        button=_("Add"),
        back=_url("my_profile", access),
        intro=_(
            "Tell us what would make it easier for you to come and take part. The people who "
            "organise gatherings see this list, so they can arrange it."
        ),
        based_on=_("%(toolkit)s, activity 7: what stakeholders need to be included.")
        % {"toolkit": TOOLKIT},
    )


@journey_view("view", write_need="view")
@require_POST
def my_need_end(request: HttpRequest, access: Access) -> HttpResponse:
    person = selectors.linked_person(request.user, access.journey)
    need_pk = parse_id(request.POST.get("need"))
    need = (
        SupportNeed.objects.filter(person=person, pk=need_pk).first()
        if person is not None and need_pk
        else None
    )
    if need is None:
        messages.error(request, _("That need is not on your list. Reload the page."))
        return redirect(_url("my_profile", access))
    try:
        services.need_end(actor=request.user, need=need, ended_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Taken off your list."))
    return redirect(_url("my_profile", access))


# --- Profiles, for facilitators ----------------------------------------------------------------


@journey_view("manage")
def profile_list(request: HttpRequest, access: Access) -> HttpResponse:
    people = list(
        Person.objects.filter(journey=access.journey)
        .select_related("inclusion_profile")
        .order_by("name", "id")
    )
    rows = [(p, hasattr(p, "inclusion_profile")) for p in people]
    return render(
        request,
        "inclusion/profile_list.html",
        {"journey": access.journey, "rows": rows, "consented": sum(1 for _p, c in rows if c)},
    )


def _person(access: Access, person_pk: int) -> Person:
    person: Person = owned(Person.objects, access, pk=person_pk)
    return person


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def profile_open(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    """A facilitator opens a profile: first a reason, which goes into the log."""
    person = _person(access, person_pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            profile = services.profile_open(actor=request.user, person=person, reason=reason)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            edit = forms.ProfileOnBehalfForm(
                initial={
                    **_profile_initial(profile),
                    "reason": reason,
                    "consent_channel": profile.consent_channel if profile else "",
                    "consent_given_on": profile.consent_given_on if profile else None,
                }
            )
            return render(
                request,
                "inclusion/profile_view.html",
                {
                    "journey": access.journey,
                    "person": person,
                    "profile": profile,
                    "rows": selectors.profile_rows(profile) if profile else [],
                    "form": edit,
                    "reason": reason,
                },
            )
    return _form_page(
        request,
        form,
        title=_("See %(name)s's profile") % {"name": person.name},
        button=_("Open the profile"),
        back=_url("profile_list", access),
        intro=_(
            "A profile is private. Only the person and facilitators who say why can see it. "
            "Open it only when you need to, for example to enter answers they gave on paper."
        ),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = _person(access, person_pk)
    if request.method == "GET":
        return redirect(_url("profile_open", access, person_pk=person.pk))
    form = forms.ProfileOnBehalfForm(request.POST)
    if form.is_valid():
        try:
            services.profile_save(
                actor=request.user,
                person=person,
                consent_channel=form.cleaned_data.get("consent_channel") or "",
                consent_given_on=form.cleaned_data.get("consent_given_on"),
                reason=form.cleaned_data.get("reason") or "",
                **_profile_answers(form),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s's profile is saved.") % {"name": person.name})
            return redirect(_url("profile_list", access))
    return render(
        request,
        "inclusion/profile_view.html",
        {
            "journey": access.journey,
            "person": person,
            "profile": None,
            "rows": [],
            "form": form,
            "reason": request.POST.get("reason", ""),
            "editing": True,
        },
        status=400,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def profile_erase(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = _person(access, person_pk)
    form = forms.EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_erase(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s's profile has been erased.") % {"name": person.name}
            )
            return redirect(_url("profile_list", access))
    return render(
        request,
        "inclusion/erase.html",
        {
            "journey": access.journey,
            "own": False,
            "person": person,
            "form": form,
            "back": _url("profile_list", access),
        },
        status=400 if form.errors else 200,
    )


# --- Reference populations ---------------------------------------------------------------------


@journey_view("view")
def reference_list(request: HttpRequest, access: Access) -> HttpResponse:
    populations = list(
        ReferencePopulation.objects.filter(journey=access.journey).prefetch_related("shares")
    )
    return render(
        request,
        "inclusion/reference_list.html",
        {
            "journey": access.journey,
            "populations": [(p, _share_table(p)) for p in populations],
            "characteristics": [
                (t, vocab.reference_categories(t.code)) for t in vocab.CHARACTERISTICS
            ],
        },
    )


def _share_table(population: ReferencePopulation) -> list[tuple[str, list[tuple[str, Any]]]]:
    by_char: dict[str, list[tuple[str, Any]]] = {}
    for s in population.shares.all():
        by_char.setdefault(s.characteristic, []).append(
            (vocab.categories(s.characteristic).label(s.category), s.share)
        )
    return [(t.label, by_char[t.code]) for t in vocab.CHARACTERISTICS if t.code in by_char]


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def reference_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            population = services.reference_create(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved. Now enter the shares you know."))
            return redirect(_url("reference_edit", access, population_pk=population.pk))
    return _form_page(
        request,
        form,
        title=_("Add a reference population"),
        button=_("Continue"),
        back=_url("reference_list", access),
        intro=_(
            "Who would you expect to see taking part? For example the people living in the "
            "area, or the people who use the service. You will enter their shares next."
        ),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def reference_import(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.ReferenceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if not upload:
            form.add_error("file", _("Choose a CSV file to import."))
        else:
            data = upload.read(csvimport.MAX_BYTES + 1)
            try:
                population, warnings = services.reference_import_csv(
                    actor=request.user,
                    journey=access.journey,
                    name=form.cleaned_data["name"],
                    source=form.cleaned_data["source"],
                    compare_with=form.cleaned_data["compare_with"],
                    data=data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Imported “%(name)s”.") % {"name": population.name})
                for w in warnings:
                    messages.warning(request, w)
                return redirect(_url("reference_list", access))
    return _form_page(
        request,
        form,
        title=_("Import a reference population from a CSV file"),
        button=_("Import"),
        back=_url("reference_list", access),
        intro=_(
            "Every row is checked before anything is saved. If any row is wrong, nothing is "
            "imported and you see every problem with its line and column."
        ),
        multipart=True,
        template="inclusion/reference_import.html",
        characteristics=[(t, vocab.reference_categories(t.code)) for t in vocab.CHARACTERISTICS],
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def reference_edit(request: HttpRequest, access: Access, population_pk: int) -> HttpResponse:
    population = owned(ReferencePopulation.objects, access, pk=population_pk)
    initial = {
        "name": population.name,
        "source": population.source,
        "compare_with": population.compare_with,
    }
    for s in population.shares.all():
        initial[services.share_field(s.characteristic, s.category)] = s.share
    about = forms.ReferenceForm(request.POST or None, initial=initial)
    shares = forms.SharesForm(request.POST or None, initial=initial)
    if request.method == "POST":
        about_ok, shares_ok = about.is_valid(), shares.is_valid()
        if about_ok and shares_ok:
            try:
                services.reference_update(
                    actor=request.user, population=population, **about.cleaned_data
                )
                warnings = services.reference_set_shares(
                    actor=request.user, population=population, shares=shares.shares()
                )
            except ValidationError as exc:
                apply_errors(shares if _is_share_error(exc) else about, exc)
            else:
                messages.success(request, _("Saved."))
                for w in warnings:
                    messages.warning(request, w)
                return redirect(_url("reference_list", access))
    errors = bool(about.errors or shares.errors)
    return render(
        request,
        "inclusion/reference_edit.html",
        {"journey": access.journey, "population": population, "form": about, "shares": shares},
        status=400 if errors else 200,
    )


def _is_share_error(exc: ValidationError) -> bool:
    return hasattr(exc, "error_dict") and any("__" in k for k in exc.error_dict)


@journey_view("manage")
@require_POST
def reference_delete(request: HttpRequest, access: Access, population_pk: int) -> HttpResponse:
    population = owned(ReferencePopulation.objects, access, pk=population_pk)
    services.reference_delete(actor=request.user, population=population)
    messages.success(request, _("Deleted “%(name)s”.") % {"name": population.name})
    return redirect(_url("reference_list", access))


# --- Recruitment -------------------------------------------------------------------------------


@journey_view("record")
@require_http_methods(["GET", "POST"])
def recruitment_add(request: HttpRequest, access: Access) -> HttpResponse:
    group = request.GET.get("group", "")
    form = forms.RecruitmentForm(
        request.POST or None, initial={"group": group, "planned_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        characteristic, category = form.split_group()
        data = {k: v for k, v in form.cleaned_data.items() if k != "group"}
        try:
            services.recruitment_create(
                actor=request.user,
                journey=access.journey,
                characteristic=characteristic,
                category=category,
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Recruitment plan saved. It shows next to the gap."))
            return redirect(_url("overview", access) + "#gaps")
    return _form_page(
        request,
        form,
        title=_("Plan how to reach a missing group"),
        button=_("Save the plan"),
        back=_url("overview", access),
        intro=_(
            "People who answer open calls are often the same few. Reach the people who are "
            "missing through places they already go and people they already trust."
        ),
        based_on=_("%(toolkit)s (recruitment through people's own networks).")
        % {"toolkit": TOOLKIT},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def recruitment_edit(request: HttpRequest, access: Access, action_pk: int) -> HttpResponse:
    action = owned(RecruitmentAction.objects, access, pk=action_pk)
    initial = {
        "group": f"{action.characteristic}:{action.category}",
        "target": action.target,
        "channels": action.channels,
        "networks": action.networks,
        "actions": action.actions,
        "planned_on": action.planned_on,
        "outcome": action.outcome,
        "outcome_on": action.outcome_on,
        "outcome_notes": action.outcome_notes,
    }
    form = forms.RecruitmentUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        characteristic, category = form.split_group()
        data = {k: v for k, v in form.cleaned_data.items() if k != "group"}
        try:
            services.recruitment_update(
                actor=request.user,
                action=action,
                characteristic=characteristic,
                category=category,
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_url("overview", access) + "#gaps")
    return _form_page(
        request,
        form,
        title=_("Recruitment plan: did it work?"),
        button=_("Save"),
        back=_url("overview", access),
    )


# --- Support needs -----------------------------------------------------------------------------


@journey_view("record")
def needs_list(request: HttpRequest, access: Access) -> HttpResponse:
    needs = list(
        SupportNeed.objects.filter(journey=access.journey, ended_on__isnull=True).select_related(
            "person"
        )
    )
    return render(
        request,
        "inclusion/needs.html",
        {
            "journey": access.journey,
            "needs": needs,
            "gatherings": _gatherings(access)[:20],
            "summary": selectors.needs_summary(access.journey),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest, access: Access) -> HttpResponse:
    people = _people(access)
    form = forms.NeedForPersonForm(
        request.POST or None,
        initial={"since": timezone.localdate(), "person": request.GET.get("person", "")},
    )
    form.set_people(people)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = _pick(people, data.pop("person"))
        try:
            services.need_add(actor=request.user, person=person, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Need added."))
            return redirect(_url("needs_list", access))
    return _form_page(
        request,
        form,
        title=_("Add something a person needs to take part"),
        button=_("Add"),
        back=_url("needs_list", access),
        based_on=_("%(toolkit)s, activity 7: what stakeholders need to be included.")
        % {"toolkit": TOOLKIT},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def need_end(request: HttpRequest, access: Access, need_pk: int) -> HttpResponse:
    need = owned(SupportNeed.objects.select_related("person"), access, pk=need_pk)
    form = forms.EndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.need_end(actor=request.user, need=need, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Taken off the list."))
            return redirect(_url("needs_list", access))
    return _form_page(
        request,
        form,
        title=_("No longer needed: %(need)s for %(name)s")
        % {"need": vocab.NEEDS.label(need.kind).lower(), "name": need.person.name},
        button=_("Take off the list"),
        back=_url("needs_list", access),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = owned(Gathering.objects, access, pk=gathering_pk)
    rows = selectors.gathering_needs(gathering)
    form = forms.ChecklistForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        arranged, outcomes, notes = form.values()
        try:
            services.need_checks_save(
                actor=request.user,
                gathering=gathering,
                arranged=arranged,
                outcomes=outcomes,
                notes=notes,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Checklist saved."))
            return redirect(_url("checklist", access, gathering_pk=gathering.pk))
    return render(
        request,
        "inclusion/checklist.html",
        {
            "journey": access.journey,
            "gathering": gathering,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


# --- Assets ------------------------------------------------------------------------------------


@journey_view("view")
def assets(request: HttpRequest, access: Access) -> HttpResponse:
    rows = list(
        Asset.objects.filter(journey=access.journey).select_related("person", "organisation")
    )
    by_kind = [(k, [a for a in rows if a.kind == k.code]) for k in vocab.ASSET_KINDS]
    return render(
        request,
        "inclusion/assets.html",
        {
            "journey": access.journey,
            "by_kind": by_kind,
            "map": selectors.asset_map(access.journey),
            "holders": selectors.HOLDERS,
            "gaps": list(AssetGap.objects.filter(journey=access.journey)),
            "show_names": access.can_record,
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def asset_add(request: HttpRequest, access: Access) -> HttpResponse:
    people = _people(access)
    organisations = list(Organisation.objects.filter(journey=access.journey))
    form = forms.AssetForm(request.POST or None)
    form.set_holders(people, organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        holder = data.pop("holder")
        person = _pick(people, holder[1:]) if holder.startswith("p") else None
        organisation = _pick(organisations, holder[1:]) if holder.startswith("o") else None
        try:
            services.asset_add(
                actor=request.user,
                journey=access.journey,
                person=person,
                organisation=organisation,
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added to the map."))
            return redirect(_url("assets", access))
    return _form_page(
        request,
        form,
        title=_("Add to the asset map"),
        button=_("Add"),
        back=_url("assets", access),
        intro=_(
            "Everyone brings something. People without a job title often undervalue what they "
            "know and can do: their lived experience counts too."
        ),
        based_on=_("%(toolkit)s, activity 5: mapping your assets.") % {"toolkit": TOOLKIT},
    )


@journey_view("record")
@require_POST
def asset_remove(request: HttpRequest, access: Access, asset_pk: int) -> HttpResponse:
    asset = owned(Asset.objects, access, pk=asset_pk)
    services.asset_remove(actor=request.user, asset=asset)
    messages.success(request, _("Removed from the map."))
    return redirect(_url("assets", access))


@journey_view("record")
@require_http_methods(["GET", "POST"])
def gap_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.GapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_gap_add(actor=request.user, journey=access.journey, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added to the list of things to look for."))
            return redirect(_url("assets", access) + "#gaps")
    return _form_page(
        request,
        form,
        title=_("Something the group lacks"),
        button=_("Add"),
        back=_url("assets", access),
        based_on=_("%(toolkit)s, activity 5: mapping your assets.") % {"toolkit": TOOLKIT},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def gap_found(request: HttpRequest, access: Access, gap_pk: int) -> HttpResponse:
    gap = owned(AssetGap.objects, access, pk=gap_pk)
    form = forms.GapFoundForm(request.POST or None, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_gap_found(
                actor=request.user,
                gap=gap,
                found_on=form.cleaned_data["found_on"],
                note=form.cleaned_data["found_note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Marked as found."))
            return redirect(_url("assets", access) + "#gaps")
    return _form_page(
        request,
        form,
        title=_("Found: %(description)s") % {"description": gap.description},
        button=_("Save"),
        back=_url("assets", access),
    )


@journey_view("record")
@require_POST
def gap_remove(request: HttpRequest, access: Access, gap_pk: int) -> HttpResponse:
    gap = owned(AssetGap.objects, access, pk=gap_pk)
    services.asset_gap_remove(actor=request.user, gap=gap)
    messages.success(request, _("Removed."))
    return redirect(_url("assets", access) + "#gaps")


# --- Ledger ------------------------------------------------------------------------------------


LEDGER_REMOVE_SAYS = gettext_lazy(
    "This deletes the line from the ledger and cannot be undone: only do it for a line entered "
    "by mistake. The journey’s log keeps a note that it was removed."
)


@journey_view("record")
def ledger(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "inclusion/ledger.html",
        {
            "journey": access.journey,
            "ledger_says": LEDGER_REMOVE_SAYS,
            "figures": selectors.reciprocity(access.journey, Period()),
            **selectors.ledger(access.journey),
        },
    )


def _ledger_form(
    request: HttpRequest,
    access: Access,
    form_class: type[Any],
    save: Any,
    *,
    title: str,
    success: str,
    intro: str = "",
    with_gathering: bool = False,
) -> HttpResponse:
    people = _people(access)
    gatherings = _gatherings(access) if with_gathering else []
    form = form_class(
        request.POST or None,
        initial={
            "person": request.GET.get("person", ""),
            **{
                f: timezone.localdate()
                for f in ("on", "claimed_on", "paid_on", "received_on", "since")
            },
        },
    )
    form.set_people(people)
    if with_gathering:
        forms.set_gatherings(form, gatherings)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["person"] = _pick(people, data["person"])
        if with_gathering:
            data["gathering"] = _pick(gatherings, data.get("gathering"))
        try:
            save(request.user, data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(_url("ledger", access))
    return _form_page(
        request,
        form,
        title=title,
        button=_("Save"),
        back=_url("ledger", access),
        intro=intro,
        based_on=_("%(toolkit)s (reciprocity); Farr 2018 (paying people properly).")
        % {"toolkit": TOOLKIT},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def time_add(request: HttpRequest, access: Access) -> HttpResponse:
    def save(actor: Any, d: dict[str, Any]) -> None:
        paid = {"yes": True, "no": False}.get(d.pop("paid") or "")
        services.time_record(actor=actor, paid=paid, **d)

    return _ledger_form(
        request,
        access,
        forms.TimeForm,
        save,
        title=_("Record time given"),
        success=_("Time recorded."),
        with_gathering=True,
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def expense_add(request: HttpRequest, access: Access) -> HttpResponse:
    def save(actor: Any, d: dict[str, Any]) -> None:
        services.expense_claim(actor=actor, amount_pence=d.pop("amount"), **d)

    return _ledger_form(
        request,
        access,
        forms.ExpenseForm,
        save,
        title=_("Record an expense claim"),
        success=_("Claim recorded."),
        intro=_("Paying expenses in advance, or on the day, means nobody is out of pocket."),
        with_gathering=True,
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def payment_add(request: HttpRequest, access: Access) -> HttpResponse:
    def save(actor: Any, d: dict[str, Any]) -> None:
        services.payment_record(actor=actor, rate_pence=d.pop("rate"), **d)

    return _ledger_form(
        request,
        access,
        forms.PaymentForm,
        save,
        title=_("Record a payment or voucher for time"),
        success=_("Payment recorded."),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def training_add(request: HttpRequest, access: Access) -> HttpResponse:
    def save(actor: Any, d: dict[str, Any]) -> None:
        services.training_record(actor=actor, **d)

    return _ledger_form(
        request,
        access,
        forms.TrainingForm,
        save,
        title=_("Record training received"),
        success=_("Training recorded."),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def task_add(request: HttpRequest, access: Access) -> HttpResponse:
    def save(actor: Any, d: dict[str, Any]) -> None:
        services.task_record(actor=actor, **d)

    return _ledger_form(
        request,
        access,
        forms.TaskForm,
        save,
        title=_("Record a task someone does"),
        success=_("Task recorded."),
        intro=_(
            "Flag tasks that used to be part of someone's paid job: unpaid people taking over "
            "paid work is a warning sign."
        ),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def expense_reimburse(request: HttpRequest, access: Access, claim_pk: int) -> HttpResponse:
    claim = owned(ExpenseClaim.objects.select_related("person"), access, pk=claim_pk)
    form = forms.ReimburseForm(
        request.POST or None, initial={"reimbursed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expense_reimburse(actor=request.user, claim=claim, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Marked as paid back."))
            return redirect(_url("ledger", access))
    return _form_page(
        request,
        form,
        title=_("Paid back: %(description)s for %(name)s")
        % {"description": claim.description, "name": claim.person.name},
        button=_("Save"),
        back=_url("ledger", access),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def task_done(request: HttpRequest, access: Access, task_pk: int) -> HttpResponse:
    task = owned(Task.objects.select_related("person"), access, pk=task_pk)
    form = forms.TaskDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_mark_done(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Marked as done."))
            return redirect(_url("ledger", access) + "#tasks")
    return _form_page(
        request,
        form,
        title=_("Done: %(description)s (%(name)s)")
        % {"description": task.description, "name": task.person.name},
        button=_("Mark as done"),
        back=_url("ledger", access),
    )


def _remove(request: HttpRequest, access: Access, model: Any, pk: int) -> HttpResponse:
    entry = owned(model.objects, access, pk=pk)
    services.ledger_remove(actor=request.user, entry=entry)
    messages.success(request, _("Removed from the ledger."))
    return redirect(_url("ledger", access))


@journey_view("record")
@require_POST
def time_remove(request: HttpRequest, access: Access, time_pk: int) -> HttpResponse:
    return _remove(request, access, TimeGiven, time_pk)


@journey_view("record")
@require_POST
def expense_remove(request: HttpRequest, access: Access, claim_pk: int) -> HttpResponse:
    return _remove(request, access, ExpenseClaim, claim_pk)


@journey_view("record")
@require_POST
def payment_remove(request: HttpRequest, access: Access, payment_pk: int) -> HttpResponse:
    return _remove(request, access, Payment, payment_pk)


@journey_view("record")
@require_POST
def training_remove(request: HttpRequest, access: Access, training_pk: int) -> HttpResponse:
    return _remove(request, access, Training, training_pk)


@journey_view("record")
@require_POST
def task_remove(request: HttpRequest, access: Access, task_pk: int) -> HttpResponse:
    return _remove(request, access, Task, task_pk)
