"""Site-wide pages: home, sign-up through an invitation, error pages."""

from __future__ import annotations

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Invitation, Membership

from . import ratelimit
from .forms import SignUpForm, apply_errors


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("journeys:list")
    return render(request, "common/home.html")


@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("lookup")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Join a journey from an invitation link: sign up (or use the signed-in account)."""
    inv = Invitation.objects.select_related("journey").filter(token=token).first()
    if inv is None:
        return render(request, "common/invitation_invalid.html", status=404)
    already_in = request.user.is_authenticated and (
        Membership.objects.filter(journey=inv.journey, user=request.user).exists()
    )
    closed = None if already_in else journey_services.invitation_closed_reason(inv)
    if closed:
        # Say so straight away, rather than after someone has filled in the form.
        return render(
            request,
            "common/invitation.html",
            {"inv": inv, "error": closed, "closed": True},
            status=410,
        )
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                membership = journey_services.invitation_accept(user=request.user, token=token)
            except ValidationError as exc:
                return render(
                    request,
                    "common/invitation.html",
                    {"inv": inv, "error": exc.messages[0]},
                    status=400,
                )
            return redirect(membership.journey.get_absolute_url())
        return render(request, "common/invitation.html", {"inv": inv})
    if request.method == "POST":
        wait = ratelimit.hit("sign_up", ratelimit.client_key(request))
        if wait is not None:
            return ratelimit.too_many(request, wait)
    form = SignUpForm(request.POST or None, initial={"email": inv.email})
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction: if joining fails, no account is left behind.
            with transaction.atomic():
                user = journey_services.user_create(
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    display_name=form.cleaned_data["name"],
                )
                membership = journey_services.invitation_accept(user=user, token=token)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(membership.journey.get_absolute_url())
    return render(
        request,
        "common/invitation.html",
        {"inv": inv, "form": form},
        status=400 if form.errors else 200,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception else ""
    return render(request, "403.html", {"message": message}, status=403)
