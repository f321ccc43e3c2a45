"""Responding by a round's link or QR code, with no account (``/s/<token>/``).

The link's token is the round's own random ``link_token``: an unknown token, or a round that
is not open by link, answers 404 to everyone. Whoever opens it becomes a pseudonymous
participant the first time they tap, one per browser: a signed cookie, limited to this
round's address, carries their random id. Nothing on these pages says anything about any
other participant (not how many there are, nor how anyone answered); they show the question,
the accepted statements and the visitor's own progress. A short code (``services.resume_code``)
lets them continue on another device. Writes are rate limited per client address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from powerwith.common.forms import apply_errors
from powerwith.common.ratelimit import client_key, hit, too_many

from . import forms, services
from .models import Participant, StatementRound, new_public_id
from .views import record_tap, respond_page

COOKIE = "pw_statements"
COOKIE_SALT = "powerwith.commonground.participant"
JOIN_SALT = "powerwith.commonground.join"
COOKIE_DAYS = 180


def _round(token: str) -> StatementRound:
    rnd = (
        StatementRound.objects.select_related("journey")
        .filter(link_token=token, open_by_link=True)
        .first()
    )
    if rnd is None:
        raise Http404("No such round")
    return rnd


def _participant(request: HttpRequest, rnd: StatementRound) -> Participant | None:
    public_id = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
    if not public_id:
        return None
    return Participant.objects.filter(round=rnd, public_id=public_id, person__isnull=True).first()


def _remember(response: HttpResponse, rnd: StatementRound, participant: Participant) -> None:
    response.set_signed_cookie(
        COOKIE,
        participant.public_id,
        salt=COOKIE_SALT,
        max_age=COOKIE_DAYS * 24 * 3600,
        path=reverse("round_link:respond", args=[rnd.link_token]),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _joined(request: HttpRequest, rnd: StatementRound) -> Participant:
    """The visitor's participant, made on their first tap from the id their page was given
    (signed), so two first taps at once make one participant."""
    found = _participant(request, rnd)
    if found is not None:
        return found
    try:
        public_id = signing.loads(
            request.POST.get("join", ""), salt=JOIN_SALT, max_age=7 * 24 * 3600
        )
    except signing.BadSignature:
        public_id = new_public_id()
    return services.participant_join(round=rnd, public_id=str(public_id))


def _page(
    request: HttpRequest,
    rnd: StatementRound,
    participant: Participant | None,
    *,
    form: forms.ProposeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    here = reverse("round_link:respond", args=[rnd.link_token])
    return respond_page(
        request,
        rnd,
        participant,
        post_url=here,
        add_url=reverse("round_link:add", args=[rnd.link_token]),
        signed_in=False,
        join_token="" if participant else signing.dumps(new_public_id(), salt=JOIN_SALT),
        form=form or forms.ProposeForm(),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    rnd = _round(token)
    if request.method != "POST":
        return _page(request, rnd, _participant(request, rnd))
    wait = hit("round_response", client_key(request))
    if wait is not None:
        return too_many(request, wait)
    participant = _joined(request, rnd)
    record_tap(request, rnd, participant)
    response = redirect(reverse("round_link:respond", args=[rnd.link_token]))
    _remember(response, rnd, participant)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, token: str) -> HttpResponse:
    """Write a statement of your own: it waits to be checked by a facilitator."""
    rnd = _round(token)
    if not rnd.participants_may_add:
        raise Http404("This round takes no new statements")
    if request.method != "POST":
        return redirect(reverse("round_link:respond", args=[rnd.link_token]) + "#add")
    wait = hit("round_statement", client_key(request))
    if wait is not None:
        return too_many(request, wait)
    form = forms.ProposeForm(request.POST)
    participant = _participant(request, rnd)
    if form.is_valid():
        participant = participant or _joined(request, rnd)
        try:
            services.statement_propose(participant=participant, text=form.cleaned_data["text"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you. A facilitator will check your statement."))
            response = redirect(reverse("round_link:respond", args=[rnd.link_token]))
            _remember(response, rnd, participant)
            return response
    return _page(request, rnd, participant, form=form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """Continue on this device with the code shown on another."""
    rnd = _round(token)
    form = forms.ContinueForm(request.POST or None)
    if request.method == "POST":
        wait = hit("round_code", client_key(request))
        if wait is not None:
            return too_many(request, wait)
        if form.is_valid():
            found = services.participant_by_code(round=rnd, code=form.cleaned_data["code"])
            if found is None:
                form.add_error(
                    "code", _("That code is not right for this round. Check it and try again.")
                )
            else:
                messages.success(request, _("Welcome back. You can carry on where you left off."))
                response = redirect(reverse("round_link:respond", args=[rnd.link_token]))
                _remember(response, rnd, found)
                return response
    return render(
        request,
        "commonground/resume.html",
        {"round": rnd, "form": form},
        status=400 if form.errors else 200,
    )
