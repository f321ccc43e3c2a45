"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

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
from powerwith.people.models import Person

from . import forms, printing, selectors, services
from .models import GroundRule, Word, Wording


def _people(access: Access) -> list[Person]:
    return list(Person.objects.filter(journey=access.journey).order_by("name", "id"))


def _rules_url(access: Access, anchor: str = "") -> str:
    return reverse("groundrules:rules", kwargs={"slug": access.journey.slug}) + anchor


def _form_page(
    request: HttpRequest, form: Any, *, title: str, button: str, back: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "journeys/form_page.html",
        {"form": form, "title": title, "button": button, "intro": intro, "back": back},
        status=400 if form.errors else 200,
    )


@journey_view("view")
def rules(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "groundrules/rules.html",
        {
            "journey": access.journey,
            "words": list(selectors.words(access.journey)),
            **selectors.rules_page(access.journey),
        },
    )


@journey_view("view")
def wall(request: HttpRequest, access: Access) -> HttpResponse:
    """The agreed ground rules and the words, in large print for the wall; ``?format=pdf`` is
    the same as an A4 PDF made on the server, in the page's language."""
    agreed = list(selectors.agreed_rules(access.journey))
    words = list(selectors.words(access.journey))
    if request.GET.get("format") == "pdf":
        response = HttpResponse(
            printing.wall_pdf(access.journey, agreed, words), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{access.journey.slug}-ground-rules.pdf"'
        )
        return response
    return render(
        request,
        "groundrules/wall.html",
        {"journey": access.journey, "agreed": agreed, "words": words},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.GroundRuleForm(
        request.POST or None,
        people=_people(access),
        initial={"proposed_on": timezone.localdate(), "proposed_by": forms.THE_GROUP},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ground_rule_propose(
                actor=request.user, journey=access.journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if access.can_manage:
                messages.success(
                    request, _("Ground rule proposed. Record the day the group agrees it.")
                )
            else:
                messages.success(
                    request,
                    _("Ground rule proposed. A facilitator records when the group agrees it."),
                )
            return redirect(_rules_url(access, "#waiting"))
    return _form_page(
        request,
        form,
        title=_("Propose a ground rule"),
        button=_("Propose it"),
        back=_rules_url(access),
        intro=_(
            "Ground rules are how the group agrees to work together: listening, speaking, "
            "confidentiality, breaks. The group agrees each one before it applies."
        ),
    )


def _day_page(
    request: HttpRequest,
    access: Access,
    *,
    what: str,
    title: str,
    button: str,
    intro: str,
    act: Any,
    done: str,
    back: str,
) -> HttpResponse:
    form = forms.DayForm(request.POST or None, label=forms.day_label(what))
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data["day"])
        except ValidationError as exc:
            # The service names its own date field (agreed_on, retired_on): this form has one.
            if hasattr(exc, "error_dict"):
                exc = ValidationError({"day": [m for m in exc.messages]})
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return _form_page(request, form, title=title, button=button, back=back, intro=intro)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def rule_agree(request: HttpRequest, access: Access, rule_pk: int) -> HttpResponse:
    rule = owned(GroundRule.objects, access, pk=rule_pk)
    return _day_page(
        request,
        access,
        what="agree",
        title=_("The group agreed this ground rule"),
        button=_("Record that it was agreed"),
        intro=rule.text,
        act=lambda day: services.ground_rule_agree(actor=request.user, rule=rule, agreed_on=day),
        done=_("Recorded that the group agreed “%(rule)s”.") % {"rule": rule.text},
        back=_rules_url(access, "#agreed"),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def rule_retire(request: HttpRequest, access: Access, rule_pk: int) -> HttpResponse:
    rule = owned(GroundRule.objects, access, pk=rule_pk)
    return _day_page(
        request,
        access,
        what="retire",
        title=_("This ground rule no longer applies"),
        button=_("Record that it no longer applies"),
        intro=rule.text,
        act=lambda day: services.ground_rule_retire(actor=request.user, rule=rule, retired_on=day),
        done=_("Recorded that “%(rule)s” no longer applies. It stays in the record.")
        % {"rule": rule.text},
        back=_rules_url(access, "#ended"),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def word_add(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.WordForm(
        request.POST or None, people=_people(access), initial={"asked_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.word_add(actor=request.user, journey=access.journey, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added to the words we use."))
            return redirect(_rules_url(access, "#words"))
    return _form_page(
        request,
        form,
        title=_("Add a word we use"),
        button=_("Add the word"),
        back=_rules_url(access, "#words"),
        intro=_(
            "Any word or short name someone did not understand: write what it means in plain "
            "words, so nobody has to ask twice."
        ),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def word_edit(request: HttpRequest, access: Access, word_pk: int) -> HttpResponse:
    word = owned(Word.objects, access, pk=word_pk)
    form = forms.WordEditForm(
        request.POST or None, initial={"term": word.term, "meaning": word.meaning}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.word_update(actor=request.user, word=word, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_rules_url(access, "#words"))
    return _form_page(
        request,
        form,
        title=_("Change a word we use"),
        button=_("Save"),
        back=_rules_url(access, "#words"),
    )


@journey_view("manage")
@require_POST
def word_remove(request: HttpRequest, access: Access, word_pk: int) -> HttpResponse:
    word = owned(Word.objects, access, pk=word_pk)
    services.word_remove(actor=request.user, word=word)
    messages.success(request, _("Removed “%(term)s”.") % {"term": word.term})
    return redirect(_rules_url(access, "#words"))


@journey_view("view")
def framing(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "groundrules/framing.html",
        {"journey": access.journey, "kinds": selectors.framing(access.journey)},
    )


def _framing_url(access: Access) -> str:
    return reverse("groundrules:framing", kwargs={"slug": access.journey.slug})


@journey_view("record")
@require_http_methods(["GET", "POST"])
def wording_add(request: HttpRequest, access: Access) -> HttpResponse:
    kind = request.GET.get("kind", "")
    form = forms.WordingForm(
        request.POST or None,
        people=_people(access),
        initial={
            "kind": kind if kind in ("purpose", "problem") else "",
            "proposed_on": timezone.localdate(),
            "proposed_by": forms.THE_GROUP,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wording_propose(
                actor=request.user, journey=access.journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Wording proposed. Earlier wordings are kept."))
            return redirect(_framing_url(access))
    return _form_page(
        request,
        form,
        title=_("Propose a wording"),
        button=_("Propose it"),
        back=_framing_url(access),
        intro=_(
            "Who puts the purpose and the problem into words shapes everything after. Record "
            "who proposed each wording; a facilitator records when the group agrees it."
        ),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def wording_agree(request: HttpRequest, access: Access, wording_pk: int) -> HttpResponse:
    wording = owned(Wording.objects, access, pk=wording_pk)
    return _day_page(
        request,
        access,
        what="agree",
        title=_("The group agreed this wording"),
        button=_("Record that it was agreed"),
        intro=wording.text,
        act=lambda day: services.wording_agree(actor=request.user, wording=wording, agreed_on=day),
        done=_("Recorded that the group agreed this wording."),
        back=_framing_url(access),
    )
