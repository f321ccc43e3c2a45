"""Cleaning what every request sends, before any view sees it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

NUL = "\x00"


def _without_nul(data: QueryDict) -> QueryDict:
    """``data`` with every NUL character taken out of its keys and values (the same object when
    there is none, which is almost always)."""
    if not any(NUL in k or any(NUL in v for v in vs) for k, vs in data.lists()):
        return data
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    clean._mutable = False
    return clean


class StripNulMiddleware:
    """Takes NUL characters out of the query string and the posted form.

    No one can type a NUL (``\\x00``): it comes only from broken programs or someone probing.
    PostgreSQL cannot store one in text (a server error), and Django's text fields would refuse
    the whole form in words that are not ours. Taking it out keeps everything else the person
    sent, on every page at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A fresh QueryDict is as immutable as Django's own (see _without_nul).
        request.GET = _without_nul(request.GET)  # type: ignore[assignment]
        if request.method == "POST":
            request.POST = _without_nul(request.POST)  # type: ignore[assignment]
        return self.get_response(request)


class TwoStepRequired:
    """With ``POWERWITH_REQUIRE_TWO_STEP`` on, an account that must use two-step sign-in
    (staff, organisation admins, facilitators: ``common.twostep.must_use``) and has not set it
    up is sent to set it up before it reaches any page. Whether a session needs it is worked
    out once per session (a few small queries) and kept in it; a facilitator made during a
    session is asked at their next sign-in."""

    # Pages reachable before setting it up: the set-up itself, its codes, and signing out.
    ALLOWED = ("two_step_set_up", "two_step_codes", "logout")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        user = getattr(request, "user", None)
        if settings.POWERWITH_REQUIRE_TWO_STEP and user is not None and user.is_authenticated:
            from . import twostep
            from .twostep_views import STATE

            state = request.session.get(STATE)
            if state is None:
                if twostep.is_on(user):
                    state = "ok"
                else:
                    state = "needed" if twostep.must_use(user) else "free"
                request.session[STATE] = state
            if state == "needed" and not self._allowed(request):
                from django.contrib import messages
                from django.shortcuts import redirect

                messages.info(
                    request,
                    _(
                        "Your role needs two-step sign-in. Set it up now: it takes a couple "
                        "of minutes and a phone with an authenticator app."
                    ),
                )
                return redirect("two_step_set_up")
        return self.get_response(request)

    def _allowed(self, request: HttpRequest) -> bool:
        from django.conf import settings
        from django.urls import Resolver404, resolve

        if settings.STATIC_URL and request.path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(request.path_info).url_name in self.ALLOWED
        except Resolver404:
            return False
