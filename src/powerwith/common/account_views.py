"""Your account: change your password, or set a new one when you have forgotten it.

Django's own views do the work (tokens, sessions, one use per link); these give them our forms,
words and pages. A forgotten password is answered by email; where the site has no mail server,
the page says to ask whoever runs it instead of pretending to send."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Membership

from .forms import (
    ChangePasswordForm,
    CloseAccountForm,
    ForgottenPasswordForm,
    NewPasswordForm,
    apply_errors,
)

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"


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
        "title": "Change your password",
        "button": "Change password",
        "back": reverse_lazy("journeys:list"),
        "intro": "You stay signed in here. Anywhere else you are signed in, you will need the "
        "new password.",
    }

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


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


class ForgottenPasswordSent(auth_views.PasswordResetDoneView):
    template_name = "common/account/forgotten_sent.html"


class NewPassword(_BadInputIs400, auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "common/account/new_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your new password is set. Sign in with it.")
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
            messages.success(request, "Your account is closed. Thank you for taking part.")
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
