"""Two-step sign-in pages: setting it up, the codes for a lost phone, turning it off, and the
second step of signing in (``common/twostep.py`` does the work).

Signing in with two-step sign-in on: the password step (``account_views.SignIn``) does not sign
in; it remembers in the session who typed the right password (``PENDING``) and sends them here
for a code. Wrong codes count exactly as wrong passwords do: django-axes' lockout of the account
from that client address and the ``sign_in`` limit of the address (both through Django's
``user_login_failed``, which ``common.apps`` and axes listen to). Only the right code signs in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import ratelimit, twostep
from .confirm import confirm_page
from .forms import TwoStepCodeForm, apply_errors

# Session keys. PENDING: who typed the right password and waits for a code (with when, the
# backend that said yes, and where to go next). NEW_KEY: a key being set up, until confirmed.
# NEW_CODES: recovery codes just made, shown once. STATE: whether this session has passed (or
# needs) two-step sign-in, for ``TwoStepRequired``.
PENDING = "powerwith_two_step_pending"
NEW_KEY = "powerwith_two_step_new_key"
NEW_CODES = "powerwith_two_step_new_codes"
STATE = "powerwith_two_step"
PENDING_SECONDS = 10 * 60


def start_second_step(request: HttpRequest, user: Any, next_url: str) -> HttpResponse:
    """The password was right and the account has two-step sign-in: ask for a code."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "at": twostep.clock(),
        "next": next_url,
    }
    return redirect("two_step_sign_in")


def _pending_user(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or twostep.clock() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    pk = pending.get("user")
    if not isinstance(pk, int):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    return (user, pending) if user is not None else None


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    found = _pending_user(request)
    if found is None:
        if request.session.pop(PENDING, None) is not None:
            messages.info(
                request,
                _("More than 10 minutes went by. Sign in again with your password, then the code."),
            )
        return redirect("login")
    user, pending = found
    form = TwoStepCodeForm(request.POST if request.method == "POST" else None, recovery=True)
    if request.method == "POST":
        from axes.handlers.proxy import AxesProxyHandler

        from .account_views import locked_out

        wait = ratelimit.peek("sign_in", ratelimit.client_key(request))
        if wait is not None:
            return ratelimit.too_many(request, wait, title=_("Signing in is paused"))
        credentials = {"username": user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return locked_out(request, credentials=credentials)
        if form.is_valid():
            used = twostep.two_step_check(user=user, code=form.cleaned_data["code"])
            if used is not None:
                del request.session[PENDING]
                login(request, user, backend=pending["backend"])
                request.session[STATE] = "ok"
                if used == "recovery":
                    left = twostep.codes_left(user.two_step)
                    messages.warning(
                        request,
                        _(
                            "You signed in with a recovery code. It will not work again. "
                            "You have %(left)s left: make new ones from your account page "
                            "if you are running out."
                        )
                        % {"left": left},
                    )
                return redirect(_safe_next(request, pending.get("next", "")))
            # A wrong code counts as a wrong password would (axes, and the address's limit);
            # axes' middleware answers with its page once the account is paused here.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.add_error("code", _(twostep.WRONG_CODE))
    return render(
        request,
        "common/account/two_step_sign_in.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def two_step(request: HttpRequest) -> HttpResponse:
    """Your account's two-step sign-in: on or off, and what you can do about it."""
    current = twostep.of(request.user)
    return render(
        request,
        "common/account/two_step.html",
        {
            "two_step": current,
            "codes_left": twostep.codes_left(current) if current else 0,
            "must": twostep.must_use(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_step_set_up(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), then confirm with a code from the app."""
    if twostep.is_on(request.user):
        return redirect("two_step")
    secret = request.session.get(NEW_KEY)
    if not isinstance(secret, str) or len(secret) != 32:
        secret = twostep.new_secret()
        request.session[NEW_KEY] = secret
    form = TwoStepCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twostep.two_step_turn_on(
                user=request.user, secret=secret, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            del request.session[NEW_KEY]
            request.session[NEW_CODES] = codes
            request.session[STATE] = "ok"
            return redirect("two_step_codes")
    return render(
        request,
        "common/account/two_step_set_up.html",
        {
            "form": form,
            "qr": twostep.qr_svg(secret, request.user),
            "key": twostep.key_in_groups(secret),
            "must": twostep.must_use(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def two_step_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes just made: shown on this page once, never again."""
    codes = request.session.pop(NEW_CODES, None)
    return render(request, "common/account/two_step_codes.html", {"codes": codes})


def _code_confirm(
    request: HttpRequest,
    *,
    title: str,
    button: str,
    points: list[str],
    undo: str,
    recovery: bool,
    action: Any,
) -> HttpResponse:
    if not twostep.is_on(request.user):
        return redirect("two_step")
    form = TwoStepCodeForm(request.POST if request.method == "POST" else None, recovery=recovery)
    if request.method == "POST" and form.is_valid():
        try:
            return action(form.cleaned_data["code"])
        except ValidationError as exc:
            apply_errors(form, exc)
    return confirm_page(
        request,
        title=title,
        button=button,
        back=reverse("two_step"),
        points=points,
        undo=undo,
        form=form,
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_step_off(request: HttpRequest) -> HttpResponse:
    """Turn two-step sign-in off, with a current code (or a recovery code: a lost phone)."""

    def turn_off(code: str) -> HttpResponse:
        twostep.two_step_turn_off(user=request.user, code=code)
        request.session.pop(STATE, None)  # asked again: it may be needed
        messages.success(request, _("Two-step sign-in is off."))
        return redirect("two_step")

    points = [
        _("Signing in will need only your email address and password."),
        _("Your recovery codes will stop working."),
    ]
    if twostep.must_use(request.user):
        points.append(
            _(
                "Your role needs two-step sign-in, so you will be asked to set it up again "
                "straight away, for example on a new phone."
            )
        )
    return _code_confirm(
        request,
        title=_("Turn off two-step sign-in?"),
        button=_("Turn off two-step sign-in"),
        points=points,
        undo=_("You can turn it on again at any time, with a new QR code."),
        recovery=True,
        action=turn_off,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_step_renew(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes in place of the old ones, with a current code from the app."""

    def renew(code: str) -> HttpResponse:
        request.session[NEW_CODES] = twostep.recovery_codes_renew(user=request.user, code=code)
        return redirect("two_step_codes")

    return _code_confirm(
        request,
        title=_("Make new recovery codes?"),
        button=_("Make new recovery codes"),
        points=[
            _("You will get 10 new recovery codes, shown once."),
            _("Your old recovery codes will stop working, including any you have not used."),
        ],
        undo=_("The old codes cannot be brought back."),
        recovery=False,
        action=renew,
    )
