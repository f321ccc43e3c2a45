"""Contribution pages: the list, raising one on someone's behalf, its fate and history, and
"you said, we did". Thin: parse, call a service or selector, render."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.common.ratelimit import rate_limited
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey
from powerwith.journeys.selectors import limits_line
from powerwith.people import services as people_services
from powerwith.people.models import Person

from . import cards as cards_module
from . import forms, receipts, selectors, services, vocab
from .models import CardBatch, Contribution

PAGE_SIZE = 50


def receipt_message(request: HttpRequest, code: str) -> str:
    """What is said on screen when an anonymous contribution is saved: its code, and why to
    keep it. Shown once, here; the code is not on the contribution's page."""
    return gettext(
        "Its receipt code is %(code)s. Give it to whoever raised it and ask them to keep it: "
        "it is the only way they can hear what happens, because nobody knows who raised it. "
        "They can type it in at %(address)s to see what became of it."
    ) % {"code": receipts.shown(code), "address": receipts.lookup_address(request)}


def _people(journey: Journey) -> list[Person]:
    return list(Person.objects.filter(journey=journey).order_by("name", "id"))


@journey_view("view")
def contribution_list(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    tags = selectors.journey_tags(journey)
    filters = forms.ContributionFilterForm(request.GET or None, tags=tags)
    chosen: dict[str, Any] = {}
    if filters.is_valid():
        d = filters.cleaned_data
        chosen = {
            "fate": d["fate"],
            "channel": d["channel"],
            "tag": int(d["tag"]) if d["tag"] else None,
            "side": d["side"],
            "kind": d["kind"],
            "open_only": d["open"],
        }
    qs = selectors.contributions_list(journey, **chosen)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "contributions/list.html",
        {
            "journey": journey,
            "page": page,
            "filters": filters,
            "filtered": any(chosen.values()),
            "fate_counts": selectors.fate_counts(journey),
        },
    )


CREATE_PAGE = {
    "title": _("Record something someone raised"),
    "button": _("Save"),
    "another": _("Save and record another"),
    "intro": _(
        "Anything anyone raised, however it reached you: said in a meeting, written on a card, "
        "told on the phone. You are recording it on their behalf; their words stay theirs."
    ),
    "based_on": _(
        "Whitehead / Centre for Loneliness Studies 2021 (comment boxes, phone calls, "
        "questionnaires); the citizenship essay (making the voices of people living with "
        "disadvantage visible)."
    ),
}


def _add_person(
    request: HttpRequest, journey: Journey, form: forms.ContributionForm
) -> Person | None:
    """The form's second button: add someone to the register from the name and role typed in,
    through the people service. Their mistakes go next to the two fields."""
    name = request.POST.get("new_name", "")
    role = request.POST.get("new_role", "")
    try:
        return people_services.person_create(
            actor=request.user,
            journey=journey,
            name=name,
            role=role,
            joined_on=timezone.localdate(),
        )
    except ValidationError as exc:
        form.is_valid()  # so the form has its errors dict; the rest is not checked yet
        form.errors.clear()
        renamed = {f"new_{k}": v for k, v in exc.message_dict.items()}
        apply_errors(form, ValidationError(renamed))
        return None


@journey_view("record")
@require_http_methods(["GET", "POST"])
def contribution_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    people = list(Person.objects.filter(journey=journey, left_on__isnull=True).order_by("name"))
    gatherings = list(Gathering.objects.filter(journey=journey).order_by("-held_on", "-id")[:200])
    back = reverse("contributions:list", kwargs={"slug": journey.slug})
    initial: dict[str, Any] = {}
    wanted = request.GET.get("gathering", "")
    if wanted and any(str(g.pk) == wanted for g in gatherings):
        initial = {"gathering": wanted, "channel": "gathering"}
    if request.method == "POST":
        # Someone who has left can still have raised something before they left.
        people = _people(journey)
    adding = (
        request.method == "POST"
        and bool(request.POST.get("add_person"))
        # Enter pressed in any box sends the form's first button, this one: with no name
        # typed for a new person, it means "save".
        and bool(request.POST.get("new_name", "").strip() or request.POST.get("new_role"))
    )
    form = forms.ContributionForm(
        request.POST or None, people=people, gatherings=gatherings, initial=initial
    )
    if adding:
        person = _add_person(request, journey, form)
        if person is not None:
            messages.success(
                request,
                gettext(
                    "Added %(name)s to the register and chose them below. "
                    "Check the rest, then save."
                )
                % {"name": person.name},
            )
            kept = {k: v for k, v in request.POST.items() if k not in form.NEW_PERSON_FIELDS}
            kept["raised_by"] = str(person.pk)
            form = forms.ContributionForm(
                people=_people(journey), gatherings=gatherings, initial=kept
            )
    elif request.method == "POST" and form.is_valid():
        try:
            c = services.contribution_create(
                actor=request.user, journey=journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Recorded. It will appear on “you said, we did”."))
            if c.receipt_code:
                messages.success(request, receipt_message(request, c.receipt_code))
            if request.POST.get("another"):
                url = reverse("contributions:create", kwargs={"slug": journey.slug})
                if c.gathering_id:
                    url += f"?gathering={c.gathering_id}"
                return redirect(url)
            return redirect(c.get_absolute_url())
    return render(
        request,
        "contributions/create.html",
        {
            "form": form,
            "back": back,
            "open_new_person": bool(adding and form.errors),
            **CREATE_PAGE,
        },
        status=400 if form.errors else 200,
    )


def _fate_form(c: Contribution, data: Any = None, *, journey: Journey) -> forms.FateForm:
    from powerwith.decisions.models import Decision

    decisions = list(Decision.objects.filter(journey=journey).order_by("-decided_on", "-id")[:200])
    suggested = "" if c.fate == vocab.NEW else c.fate
    if c.fate == vocab.NEW:
        suggested = vocab.CONSIDERING
    return forms.FateForm(
        data,
        people=_people(journey),
        targets=selectors.merge_targets(c),
        decisions=decisions,
        initial={
            "fate": suggested,
            "owner": str(c.owner_id) if c.owner_id else "",
            "response": c.response,
            "change_level": c.change_level,
            "on": timezone.localdate(),
        },
        prefix="fate",
    )


@journey_view("view")
def contribution_detail(request: HttpRequest, access: Access, contribution_pk: int) -> HttpResponse:
    c = owned(
        Contribution.objects.select_related(
            "raised_by", "gathering", "owner", "entered_by", "merged_into"
        ),
        access,
        pk=contribution_pk,
    )
    ctx: dict[str, Any] = {
        "journey": access.journey,
        "c": c,
        "may_set_public": services.may_set_public(request.user, c),
        **selectors.contribution_detail(c),
    }
    if access.can_record:
        ctx["fate_form"] = _fate_form(c, journey=access.journey)
        ctx["limits_line"] = limits_line(access.journey, can_manage=access.can_manage)
    return render(request, "contributions/detail.html", ctx)


@journey_view("record")
@require_http_methods(["GET", "POST"])
def contribution_fate(request: HttpRequest, access: Access, contribution_pk: int) -> HttpResponse:
    c = owned(Contribution.objects, access, pk=contribution_pk)
    form = _fate_form(c, request.POST or None, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        if kwargs["response"] == c.response:
            kwargs["response"] = None  # unchanged
        if kwargs["owner"] == c.owner:
            kwargs["owner"] = False  # unchanged
        try:
            services.contribution_set_fate(actor=request.user, contribution=c, **kwargs)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            c.refresh_from_db()
            messages.success(
                request,
                gettext("Saved: it is now “%(fate)s”.") % {"fate": str(c.fate_label).lower()},
            )
            return redirect(c.get_absolute_url())
    return render(
        request,
        "contributions/fate.html",
        {
            "journey": access.journey,
            "c": c,
            "form": form,
            "limits_line": limits_line(access.journey, can_manage=access.can_manage),
        },
        status=400 if form.errors else 200,
    )


@journey_view("view", write_need="view")
@require_POST
def contribution_public(request: HttpRequest, access: Access, contribution_pk: int) -> HttpResponse:
    """Keep it off the public "you said, we did" page, or put it back (facilitators and the
    person who raised it; the service checks)."""
    c = owned(
        Contribution.objects.select_related("raised_by", "journey"), access, pk=contribution_pk
    )
    if not services.may_set_public(request.user, c):
        # Whether you may depends on who raised it, not on your role: say so on its page.
        messages.error(
            request,
            gettext(
                "Only a facilitator or the person who raised it can choose whether it is public."
            ),
        )
        return redirect(c.get_absolute_url() + "#public")
    off = request.POST.get("off_public") == "1"
    services.contribution_set_public(actor=request.user, contribution=c, off_public=off)
    messages.success(
        request,
        gettext("Kept off the public page. People in this journey still see it.")
        if off
        else gettext("It will be on the public page when the group shares it."),
    )
    return redirect(c.get_absolute_url() + "#public")


@journey_view("record")
@require_http_methods(["GET", "POST"])
def contribution_edit(request: HttpRequest, access: Access, contribution_pk: int) -> HttpResponse:
    c = owned(Contribution.objects, access, pk=contribution_pk)
    form = forms.ContributionEditForm(
        request.POST or None,
        people=_people(access.journey),
        initial={
            "text": c.text,
            "tags": ", ".join(t.name for t in c.tags.all() if t.kind != vocab.TOUCHPOINT),
            "touchpoints": ", ".join(
                t.name
                for t in sorted(c.tags.all(), key=lambda t: t.position)
                if t.kind == vocab.TOUCHPOINT
            ),
            "owner": str(c.owner_id) if c.owner_id else "",
            "provenance": c.provenance,
            "kind": c.kind,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_update(
                actor=request.user, contribution=c, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Saved."))
            return redirect(c.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Correct this contribution"),
            "button": _("Save"),
            "back": c.get_absolute_url(),
            "intro": _(
                "To say what happened to it, use “What has happened to it” on its page, "
                "so the history is kept."
            ),
        },
        status=400 if form.errors else 200,
    )


@journey_view("view")
def you_said(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "contributions/you_said.html",
        {"journey": access.journey, "public": False, **selectors.you_said(access.journey)},
    )


@rate_limited("lookup")
def you_said_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public "you said, we did" page: only when the facilitator chose to share it; no names."""
    journey = Journey.objects.filter(slug=slug, public_you_said=True).first()
    if journey is None:
        raise Http404("No such page")
    return render(
        request,
        "contributions/you_said.html",
        {"journey": journey, "public": True, **selectors.you_said(journey, public=True)},
    )


@rate_limited("lookup")
@require_http_methods(["GET", "POST"])
def receipt_lookup(request: HttpRequest) -> HttpResponse:
    """The public look-up: anyone with a receipt code sees what became of that contribution,
    signed out, with no names. The code travels in a POST, never in the address, so it is not
    kept in browser histories or server logs."""
    form = forms.ReceiptForm(request.POST if request.method == "POST" else None)
    found = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        found = selectors.receipt_lookup(code)
        if found is None:
            form.add_error(
                "code",
                gettext(
                    "Nothing has the receipt code %(code)s. Check it against your card or the "
                    "screen you saw it on."
                )
                % {"code": receipts.shown(code)},
            )
    return render(
        request,
        "contributions/receipt.html",
        {"form": form, "found": found, "address": receipts.lookup_address(request)},
        status=400 if form.errors else 200,
    )


# --- Feedback cards (facilitators): print a batch, type in the ones that come back ---


def _cards_page(request: HttpRequest, access: Access, form: forms.CardPrintForm) -> HttpResponse:
    journey = access.journey
    batches = list(
        CardBatch.objects.filter(journey=journey)
        .select_related("gathering")
        .annotate(
            card_count=Count("cards"),
            typed_in=Count("cards", filter=Q(cards__typed_in_at__isnull=False)),
        )
    )
    return render(
        request,
        "contributions/cards_page.html",
        {"journey": journey, "form": form, "batches": batches},
        status=400 if form.errors else 200,
    )


def _recent_gatherings(journey: Journey) -> list[Gathering]:
    return list(Gathering.objects.filter(journey=journey).order_by("-held_on", "-id")[:200])


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def cards(request: HttpRequest, access: Access) -> HttpResponse:
    """Feedback cards: print a batch for a gathering, and every batch printed so far."""
    journey = access.journey
    gatherings = _recent_gatherings(journey)
    initial = {}
    wanted = request.GET.get("gathering", "")
    if any(str(g.pk) == wanted for g in gatherings):
        initial["gathering"] = wanted
    form = forms.CardPrintForm(
        request.POST if request.method == "POST" else None, gatherings=gatherings, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.cards_print(
                actor=request.user, journey=journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            n = batch.cards.count()
            messages.success(
                request,
                ngettext(
                    "%(n)s card made. Download it below and print it.",
                    "%(n)s cards made. Download them below and print them.",
                    n,
                )
                % {"n": n},
            )
            return redirect(reverse("contributions:cards", kwargs={"slug": journey.slug}))
    return _cards_page(request, access, form)


@journey_view("manage")
def cards_pdf(request: HttpRequest, access: Access, batch_pk: int) -> HttpResponse:
    """A batch of cards as a PDF (the same codes every time it is downloaded)."""
    batch = owned(CardBatch.objects.select_related("journey", "gathering"), access, pk=batch_pk)
    response = HttpResponse(cards_module.cards_pdf(batch, request), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{access.journey.slug}-cards-{batch.pk}.pdf"'
    )
    return response


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def card_type_in(request: HttpRequest, access: Access) -> HttpResponse:
    """Type in a card that came back: it becomes an anonymous contribution on paper."""
    journey = access.journey
    if request.method == "POST":
        form = forms.CardTypeInForm(request.POST)
    else:
        form = forms.CardTypeInForm(initial={"token": secrets.token_hex(16)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.card_type_in(
                actor=request.user,
                journey=journey,
                code=d["code"],
                text=d["text"],
                token=d["token"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("Card %(code)s typed in. It is now on the list of contributions.")
                % {"code": receipts.shown(c.receipt_code or "")},
            )
            return redirect(reverse("contributions:card_type_in", kwargs={"slug": journey.slug}))
    return render(
        request,
        "contributions/card_type_in.html",
        {"journey": journey, "form": form},
        status=400 if form.errors else 200,
    )
