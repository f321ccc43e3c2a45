"""Your account: change your password, or set a new one when you have forgotten it.

Django's own views do the work (tokens, sessions, one use per link); these give them our forms,
words and pages. A forgotten password is answered by email; where the site has no mail server,
the page says to ask whoever runs it instead of pretending to send.

Signing in is guarded twice: django-axes pauses one account from one client address after
repeated wrong passwords (``locked_out`` is its page), and the ``sign_in`` rate limit caps wrong
passwords from one address across all accounts. Forgotten-password emails are limited per
address and per client (``common/ratelimit.py``)."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Membership

from . import ratelimit, sessions, twostep, twostep_views
from .confirm import confirm_page
from .forms import (
    ChangePasswordForm,
    CloseAccountForm,
    ForgottenPasswordForm,
    NewPasswordForm,
    SignInForm,
    apply_errors,
)
from .inputs import parse_id

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"

log = logging.getLogger("powerwith.accounts")


def can_email() -> bool:
    """Whether a forgotten-password email would reach anyone (the console counts when
    developing or running the demo)."""
    return settings.DEBUG or settings.EMAIL_BACKEND != CONSOLE_EMAIL


class _BadInputIs400:
    """A form sent back with mistakes answers 400, as every other form of ours does."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class ChangePassword(_BadInputIs400, auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "common/form_page.html"
    success_url = reverse_lazy("journeys:list")
    extra_context = {
        "title": _("Change your password"),
        "button": _("Change password"),
        "back": reverse_lazy("journeys:list"),
        "intro": _(
            "You stay signed in here. Anywhere else you are signed in is signed out, and "
            "will need the new password."
        ),
    }

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Everywhere else this account is signed in is signed out (Django already refuses their
        # old password's sessions; this takes them off "Where you are signed in" too).
        sessions.sessions_end_others(user=form.user, keep=sessions.current_hash(self.request))
        messages.success(self.request, gettext("Your password has been changed."))
        return response


def sign_in_name(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account a sign-in is for, as the lockout counts it (django-axes'
    ``AXES_USERNAME_CALLABLE``): accounts are their email address in lower case."""
    data = credentials if credentials is not None else request.POST
    return str(data.get("username") or "").strip().lower()


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The page django-axes shows once an account is paused for this client address."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 3600
    until = timezone.localtime() + datetime.timedelta(seconds=seconds)
    response = render(
        request,
        "common/account/locked_out.html",
        {"wait": ratelimit.wait_words(seconds), "until": until},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


class SignIn(auth_views.LoginView):
    """Django's sign-in, refusing (429, with a page saying when to try again) a client address
    that has sent too many wrong passwords lately, whichever accounts they were for. Wrong
    passwords are counted by ``ratelimit.count_wrong_password``; right ones never are, so a
    room of people signing in over one wifi is not held up."""

    template_name = "common/login.html"
    authentication_form = SignInForm

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = ratelimit.peek("sign_in", ratelimit.client_key(request))
        if wait is not None:
            return ratelimit.too_many(request, wait, title=gettext("Signing in is paused"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        """With two-step sign-in on, the right password only leads to the code page."""
        user = form.get_user()
        if twostep.is_on(user):
            return twostep_views.start_second_step(self.request, user, self.get_success_url())
        return super().form_valid(form)


def admin_sign_in(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's sign-in page is ours: the same two steps and limits, one way in."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class ForgottenPassword(_BadInputIs400, auth_views.PasswordResetView):
    form_class = ForgottenPasswordForm
    template_name = "common/account/forgotten.html"
    email_template_name = "common/account/new_password_email.txt"
    subject_template_name = "common/account/new_password_subject.txt"
    success_url = reverse_lazy("password_forgotten_sent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "can_email": can_email()}

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_email():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        # Over a limit, the answer is the same "check your email" page with no email sent, so
        # the page never says whether an address has an account. Both counts go up either way.
        client = ratelimit.client_key(self.request)
        too_often_here = ratelimit.hit("reset_client", client)
        too_often_there = ratelimit.hit(
            "reset_address", ratelimit.hashed(form.cleaned_data["email"])
        )
        if too_often_here is not None or too_often_there is not None:
            log.warning(
                "No forgotten-password email sent: too many requests %s",
                "from this client" if too_often_here is not None else "for this address",
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class ForgottenPasswordSent(auth_views.PasswordResetDoneView):
    template_name = "common/account/forgotten_sent.html"


class NewPassword(_BadInputIs400, auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "common/account/new_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever can read the account's email may sign in again at once, even where signing
        # in to it had been paused after wrong passwords.
        from axes.utils import reset as axes_reset

        axes_reset(username=form.user.username)
        sessions.sessions_end_others(user=form.user, keep=None)
        messages.success(self.request, gettext("Your new password is set. Sign in with it."))
        return response


@login_required
@require_http_methods(["GET", "POST"])
def close_account(request: HttpRequest) -> HttpResponse:
    """Close your own account, after saying plainly what stays and what goes."""
    user: Any = request.user  # signed in: login_required
    blockers = journey_services.account_close_blockers(user)
    form = CloseAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            journey_services.account_close(user=user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            logout(request)
            messages.success(request, gettext("Your account is closed. Thank you for taking part."))
            return redirect("home")
    memberships = Membership.objects.filter(user=user).select_related("journey")
    return render(
        request,
        "common/account/close.html",
        {
            "form": form,
            "blockers": blockers,
            "memberships": memberships.order_by("journey__title"),
        },
        status=400 if form.errors else 200,
    )


# --- Where you are signed in ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def where_signed_in(request: HttpRequest) -> HttpResponse:
    """Every place this account is signed in, this device marked, each one to sign out."""
    here = sessions.current_hash(request)
    # This device first, then the others, the most recently used first.
    rows = sorted(sessions.live(request.user), key=lambda r: r.key_hash != here)
    return render(
        request,
        "common/account/sessions.html",
        {
            "rows": rows,
            "here": here,
            "others": sum(1 for r in rows if r.key_hash != here),
            "idle": settings.POWERWITH_SESSION_IDLE_MINUTES,
            "max_hours": settings.POWERWITH_SESSION_MAX_HOURS,
        },
    )


@login_required
@require_http_methods(["POST"])
def session_end(request: HttpRequest) -> HttpResponse:
    """Sign out one other device (asked in its row first)."""
    pk = parse_id(request.POST.get("session"))
    if pk is None:
        return render(request, "400.html", status=400)
    ended = sessions.session_end(
        user=request.user, session_pk=pk, keep=sessions.current_hash(request)
    )
    if ended:
        messages.success(request, _("That device is signed out."))
    else:
        messages.info(request, _("That device was already signed out."))
    return redirect("sessions")


@login_required
@require_http_methods(["GET", "POST"])
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    """Sign out everywhere but here, after asking."""
    here = sessions.current_hash(request)
    others = sessions.live(request.user).exclude(key_hash=here or "").count()
    if request.method == "POST":
        sessions.sessions_end_others(user=request.user, keep=here)
        messages.success(request, gettext("You are signed out everywhere else."))
        return redirect("sessions")
    return confirm_page(
        request,
        title=gettext("Sign out everywhere else?"),
        facts=[
            ngettext(
                "You are signed in on %(n)s other device or browser.",
                "You are signed in on %(n)s other devices or browsers.",
                others,
            )
            % {"n": others}
        ],
        points=[
            gettext("Every other device or browser is signed out the next time it opens a page."),
            gettext("You stay signed in here."),
        ],
        undo=gettext("You can sign in again on any of them with your password."),
        button=gettext("Sign out everywhere else"),
        back=reverse("sessions"),
        refusal=None if others else gettext("You are not signed in anywhere else."),
    )
