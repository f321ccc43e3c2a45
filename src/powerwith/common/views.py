"""Site-wide pages: home, sign-up through an invitation, error pages."""

from __future__ import annotations

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Membership

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
    inv = journey_services.invitation_for(token)
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
    """The access gate's 403: its explanation, and a way back to the journey the person is in
    (a 403 only ever reaches a member, so naming the journey gives nothing away)."""
    message = str(exception) if exception else ""
    ctx: dict[str, str] = {"message": message}
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match is not None else None
    if slug and request.user.is_authenticated:
        membership = (
            Membership.objects.filter(journey__slug=slug, user=request.user)
            .select_related("journey")
            .first()
        )
        if membership is not None:
            ctx["journey_url"] = membership.journey.get_absolute_url()
            ctx["journey_title"] = membership.journey.title
    return render(request, "403.html", ctx, status=403)
