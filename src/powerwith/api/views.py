"""Your API tokens (signed in): make one, see it once, revoke one. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.forms import apply_errors

from . import forms, services, vocab
from .models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = forms.TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = forms.TokenForm(user=request.user)
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": list(
                ApiToken.objects.filter(user_id=request.user.pk or 0).prefetch_related("journeys")
            ),
            "scopes": list(vocab.SCOPES),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(user_id=request.user.pk or 0, pk=token_pk).first()
    if token is None:
        raise Http404("No such token")
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked: it no longer works."))
    return redirect("api_account:tokens")
