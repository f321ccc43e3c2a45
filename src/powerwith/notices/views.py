"""Pages for hearing back and the journey's notices. Thin: parse, call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id
from powerwith.people.models import Person

from . import compose, forms, letters, selectors, services, vocab
from .models import HearingBack, Notice


def _initial(person: Person) -> dict[str, Any]:
    hearing = HearingBack.objects.filter(person=person).first()
    if hearing is None:
        return {}
    return {
        "way": hearing.way,
        "email": hearing.email,
        "phone": hearing.phone,
        "address": hearing.address,
        "via": hearing.via_id,
        "consent": hearing.consent_on is not None,
        "consent_on": hearing.consent_on,
        "language": hearing.language,
        "easy_read": hearing.easy_read,
    }


def _hearing_page(
    request: HttpRequest, person: Person, *, own: bool, back: str, done: str
) -> HttpResponse:
    form = forms.HearingForm(
        request.POST if request.method == "POST" else None,
        person=person,
        own=own,
        initial=_initial(person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hearing_back_set(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved: how they hear back.") if not own else _("Saved."))
            return redirect(done)
    title = (
        _("How you hear back from %(title)s") % {"title": person.journey.title}
        if own
        else _("How %(name)s hears back") % {"name": person.name}
    )
    intro = (
        _(
            "When something you raised is answered, changed or closed, we can tell you. Your "
            "details are seen only by the group's facilitators, and go when you ask."
        )
        if own
        else _(
            "When something they raised is answered, changed or closed, we can tell them. "
            "These details are seen only by facilitators and by them, and go when they ask."
        )
    )
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": title,
            "button": _("Save"),
            "back": back,
            "intro": intro,
            "journey": None if own else person.journey,
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def hearing(request: HttpRequest, access: Access, person_pk: int) -> HttpResponse:
    person = owned(Person.objects.select_related("journey"), access, pk=person_pk)
    url = person.get_absolute_url()
    return _hearing_page(request, person, own=False, back=url, done=url)


@login_required
@require_http_methods(["GET", "POST"])
def hearing_mine(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Your own way of hearing back, for one of your entries in a journey's register."""
    user: Any = request.user  # signed in: login_required
    person = Person.objects.select_related("journey").filter(pk=person_pk, user=user).first()
    if person is None:
        raise Http404("No such entry")
    url = reverse("rights_account:mine")
    return _hearing_page(request, person, own=True, back=url, done=url)


@journey_view("manage")
def outbox(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    filters = forms.OutboxFilter(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = Paginator(selectors.outbox(journey, status=status), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/outbox.html",
        {
            "journey": journey,
            "filters": filters,
            "page": page,
            "counts": selectors.counts(journey),
            "timing": vocab.TIMINGS[services.timing_of(journey)],
            "failed": vocab.FAILED,
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def timing(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    form = forms.TimingForm(
        request.POST if request.method == "POST" else None,
        initial={"timing": services.timing_of(journey)},
    )
    back = reverse("notices:outbox", kwargs={"slug": journey.slug})
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_timing_set(actor=request.user, journey=journey, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved: when notices go."))
            return redirect(back)
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("When notices go"),
            "button": _("Save"),
            "back": back,
            "intro": _(
                "People who asked to hear back are told when the fate of something they "
                "raised changes. Choose whether each change goes at once, or several together."
            ),
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_POST
def retry(request: HttpRequest, access: Access, notice_pk: int) -> HttpResponse:
    notice = owned(Notice.objects, access, pk=notice_pk)
    try:
        services.notice_retry(actor=request.user, notice=notice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("It will be tried again in a moment."))
    return redirect(reverse("notices:outbox", kwargs={"slug": access.journey.slug}))


@journey_view("manage")
@require_POST
def retry_failed(request: HttpRequest, access: Access) -> HttpResponse:
    """Every notice that could not be sent, tried again at once (each once)."""
    again, skipped = services.notices_retry_failed(actor=request.user, journey=access.journey)
    if again:
        messages.success(
            request,
            ngettext(
                "%(n)s notice will be tried again in a moment.",
                "%(n)s notices will be tried again in a moment.",
                again,
            )
            % {"n": again},
        )
    elif not skipped:
        messages.info(request, _("There were no notices that could not be sent."))
    if skipped:
        messages.info(
            request,
            ngettext(
                "%(n)s notice was left: that person no longer wants to hear back.",
                "%(n)s notices were left: those people no longer want to hear back.",
                skipped,
            )
            % {"n": skipped},
        )
    return redirect(reverse("notices:outbox", kwargs={"slug": access.journey.slug}))


@journey_view("manage")
def by_hand(request: HttpRequest, access: Access) -> HttpResponse:
    """Letters waiting to be printed and posted, and news for members to pass on in person."""
    journey = access.journey
    post = selectors.by_person(selectors.waiting_by_hand(journey, vocab.POST))
    passing = selectors.by_person(selectors.waiting_by_hand(journey, vocab.MEMBER))
    return render(
        request,
        "notices/by_hand.html",
        {
            "journey": journey,
            "letters": post,
            "letter_ids": [r.pk for _p, rows in post for r in rows],
            "passing": [(p, compose.items(rows), [r.pk for r in rows]) for p, rows in passing],
        },
    )


@journey_view("manage")
def letters_pdf(request: HttpRequest, access: Access) -> HttpResponse:
    """Every letter waiting, one A4 page each, for a DL window envelope (notices/letters.py)."""
    rows = list(selectors.waiting_by_hand(access.journey, vocab.POST))
    if not rows:
        messages.info(request, _("There are no letters waiting."))
        return redirect(reverse("notices:by_hand", kwargs={"slug": access.journey.slug}))
    response = HttpResponse(
        letters.letters_pdf(access.journey, rows), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{access.journey.slug}-letters.pdf"'
    return response


@journey_view("manage")
@require_POST
def mark_done(request: HttpRequest, access: Access) -> HttpResponse:
    way = request.POST.get("way", "")
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("notice")) if i is not None]
    try:
        done = services.notices_mark_done(
            actor=request.user, journey=access.journey, way=way, notice_ids=ids
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("%(n)s notice marked as sent.", "%(n)s notices marked as sent.", done)
            % {"n": done},
        )
    return redirect(reverse("notices:by_hand", kwargs={"slug": access.journey.slug}))
