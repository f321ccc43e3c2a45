"""How a person reads the site: English or Welsh, and easy read (docs/translation.md).

The choice is made with two small forms in the site header that work without JavaScript.
Anyone's choice is kept in a cookie; a signed-in person's is also kept on their account
(`ReadingChoice`), copied into their session when they sign in so that no page asks the
database for it. The account's choice wins over the cookie, so it follows them to any browser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .models import ReadingChoice

EASY_READ_COOKIE = "powerwith_easy_read"
# Keys in the session of a signed-in person, copied from their account when they sign in.
SESSION_LANGUAGE = "powerwith_language"
SESSION_EASY_READ = "powerwith_easy_read"
COOKIE_AGE = 60 * 60 * 24 * 365


def language_codes() -> set[str]:
    return {code for code, _ in settings.LANGUAGES}


def offered_or_site(chosen: str | None) -> str:
    """The language someone chose, when the site offers it; else the site's language."""
    return chosen if chosen in language_codes() else settings.LANGUAGE_CODE


def html_lang(code: str) -> str:
    """A language code as HTML's ``lang`` writes it: "en-gb" -> "en-GB", "cy" -> "cy"."""
    lang, _, region = code.partition("-")
    return f"{lang}-{region.upper()}" if region else lang


def is_easy_read(request: HttpRequest) -> bool:
    """Whether this request asked for easy read (set by :class:`ReadingMiddleware`)."""
    return bool(getattr(request, "easy_read", False))


class ReadingMiddleware:
    """Applies a signed-in person's saved language and easy read, over the browser's cookie.

    Sits after LocaleMiddleware (which has already chosen from the cookie or Accept-Language)
    and after the session and authentication middleware. It reads only the session, which the
    signed-in pages load anyway: no query of its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        easy = request.COOKIES.get(EASY_READ_COOKIE) == "1"
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            language = session.get(SESSION_LANGUAGE)
            if language in language_codes():
                translation.activate(language)
                request.LANGUAGE_CODE = language
            saved_easy = session.get(SESSION_EASY_READ)
            if saved_easy is not None:
                easy = bool(saved_easy)
        request.easy_read = easy  # type: ignore[attr-defined]
        return self.get_response(request)


def copy_to_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On signing in, bring the account's reading choice into the new session."""
    if request is None or not hasattr(request, "session"):
        return
    choice = ReadingChoice.objects.filter(user=user).first()
    if choice is None:
        return
    if choice.language:
        request.session[SESSION_LANGUAGE] = choice.language
    if choice.easy_read is not None:
        request.session[SESSION_EASY_READ] = choice.easy_read


def _remember(request: HttpRequest, **fields: Any) -> None:
    """Keep the choice on a signed-in person's account and in their session."""
    if not request.user.is_authenticated:
        return
    from .services import reading_choose

    reading_choose(user=request.user, **fields)
    if "language" in fields:
        request.session[SESSION_LANGUAGE] = fields["language"]
    if "easy_read" in fields:
        request.session[SESSION_EASY_READ] = fields["easy_read"]


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """Django's own ``set_language`` (a POST with CSRF, back to the page it came from, the
    cookie set), and the choice kept on the account of whoever is signed in."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if language in language_codes():
        _remember(request, language=language)
    return response


@require_POST
def choose_easy_read(request: HttpRequest) -> HttpResponse:
    """Easy read on ("1") or off ("0"): a cookie, and the account of whoever is signed in.
    Goes back to the page it came from, as choosing a language does."""
    wanted = request.POST.get("easy_read") == "1"
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        EASY_READ_COOKIE,
        "1" if wanted else "0",
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    _remember(request, easy_read=wanted)
    return response
