"""Where an account is signed in, and how long a sign-in lasts.

Every sign-in (Django's ``user_logged_in``, whatever the door) gets a ``SignedInSession`` row
holding a SHA-256 hash of the session's key, when it started, when it was last used and a
plain summary of the browser. ``SessionLimits`` (middleware) reads that row on each signed-in
request, one query by a unique index, and signs the session out:

- when it has not been used for ``POWERWITH_SESSION_IDLE_MINUTES`` (default 60);
- when it started more than ``POWERWITH_SESSION_MAX_HOURS`` ago (default 12);
- when its row is gone: signed out from "Where you are signed in" on another device, or after
  a change of password (``sessions_end_others``).

The row's last use is written at most once a minute, so a busy page costs one small read, not
a write. A session's key changes when its password is changed (Django's
``update_session_auth_hash``); the session carries the hash it was tracked under (``SID``), so
the row follows it. Sessions from before this existed are tracked from their next request.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SignedInSession

SID = "powerwith_session_id"
TOUCH_EVERY = datetime.timedelta(minutes=1)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def idle_limit() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.POWERWITH_SESSION_IDLE_MINUTES)


def max_age() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.POWERWITH_SESSION_MAX_HOURS)


# --- a plain summary of the browser ---------------------------------------------------------

_BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("iPhone", "an iPhone"),
    ("iPad", "an iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "a Mac"),
    ("Macintosh", "a Mac"),
    ("Linux", "Linux"),
]


def device_summary(user_agent: str) -> str:
    """ "Firefox on Windows", "Safari on an iPhone": enough to recognise a device, nothing more
    of the browser's header is kept."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if re.search(re.escape(mark), user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "An unknown browser")


# --- tracking -----------------------------------------------------------------------------------


def track(request: HttpRequest, user: Any) -> None:
    """A new sign-in: a row for this session (receives ``user_logged_in``)."""
    session = request.session
    if session.session_key is None:
        session.save()
    key = session.session_key
    assert key is not None
    now = timezone.now()
    h = key_hash(key)
    SignedInSession.objects.update_or_create(
        key_hash=h,
        defaults={
            "user": user,
            "started_at": now,
            "last_used_at": now,
            "device": device_summary(request.headers.get("User-Agent", ""))[:80],
        },
    )
    session[SID] = h


def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        track(request, user)


def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Receives ``user_logged_out``: this session's row goes with it."""
    if request is None or not hasattr(request, "session"):
        return
    stored = request.session.get(SID)
    if stored:
        SignedInSession.objects.filter(key_hash=stored).delete()
    key = request.session.session_key
    if key:
        SignedInSession.objects.filter(key_hash=key_hash(key)).delete()


def current_hash(request: HttpRequest) -> str | None:
    """The hash of this request's session as tracked, following a key changed by a new
    password."""
    key = request.session.session_key
    if not key:
        return None
    h = key_hash(key)
    stored = request.session.get(SID)
    if isinstance(stored, str) and stored != h:
        SignedInSession.objects.filter(key_hash=stored).update(key_hash=h)
        request.session[SID] = h
    return h


def check(request: HttpRequest, user: Any) -> str | None:
    """Why this signed-in session must end now ("idle", "too_long", "ended"), or None; notes
    its use."""
    if SID not in request.session:
        track(request, user)  # signed in before sessions were tracked
        return None
    h = current_hash(request)
    row = (
        SignedInSession.objects.filter(key_hash=h, user=user)
        .values_list("pk", "started_at", "last_used_at")
        .first()
    )
    if row is None:
        return "ended"
    pk, started_at, last_used_at = row
    now = timezone.now()
    if now - last_used_at > idle_limit():
        return "idle"
    if now - started_at > max_age():
        return "too_long"
    if now - last_used_at >= TOUCH_EVERY:
        SignedInSession.objects.filter(pk=pk).update(last_used_at=now)
    return None


def _minutes_words(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return _("an hour") if hours == 1 else _("%(n)s hours") % {"n": hours}
    return _("%(n)s minutes") % {"n": minutes}


def ending_message(reason: str, *, posted: bool) -> str:
    if reason == "idle":
        said = _("You were signed out because you had not used PowerWith for %(time)s.") % {
            "time": _minutes_words(settings.POWERWITH_SESSION_IDLE_MINUTES)
        }
    elif reason == "too_long":
        said = _(
            "You were signed out because you had been signed in for %(time)s, the longest "
            "PowerWith keeps anyone signed in."
        ) % {"time": _minutes_words(settings.POWERWITH_SESSION_MAX_HOURS * 60)}
    else:
        said = _("You were signed out: this device was signed out from another one.")
    if posted:
        said += " " + _(
            "What you had just sent was not saved. Sign in, and you will be back on the page "
            "to send it again."
        )
    return said


class SessionLimits:
    """Signs out a session that has been idle too long, has lasted too long, or was signed out
    elsewhere; the next page is the sign-in page saying why, with ``next`` kept. A form sent
    then is not saved: the message says so, and ``next`` leads back to its page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            reason = check(request, user)
            if reason is not None:
                return self._sign_out(request, reason)
        return self.get_response(request)

    def _sign_out(self, request: HttpRequest, reason: str) -> HttpResponse:
        posted = request.method not in ("GET", "HEAD")
        back = request.path if posted else request.get_full_path()
        logout(request)
        messages.info(request, ending_message(reason, posted=posted))
        response = redirect_to_login(back)
        if request.headers.get("HX-Request") == "true":
            # htmx would swap the sign-in page into a part of the page: send the whole window.
            hx = HttpResponse(status=204)
            hx["HX-Redirect"] = response["Location"]
            return hx
        return response


# --- "Where you are signed in" ----------------------------------------------------------------


def live(user: Any) -> Any:
    """The account's sessions that can still be used, the most recently used first."""
    now = timezone.now()
    return SignedInSession.objects.filter(
        user=user, last_used_at__gte=now - idle_limit(), started_at__gte=now - max_age()
    ).order_by("-last_used_at", "-pk")


@transaction.atomic
def session_end(*, user: Any, session_pk: int, keep: str | None) -> bool:
    """Sign out one of the account's other sessions (never ``keep``, this one): it is signed
    out on its next request. Returns whether there was such a session."""
    found = SignedInSession.objects.filter(user=user, pk=session_pk)
    if keep:
        found = found.exclude(key_hash=keep)
    return found.delete()[0] > 0


@transaction.atomic
def sessions_end_others(*, user: Any, keep: str | None) -> int:
    """Sign out every session of the account but ``keep`` (this one; None: every one), as after
    a new password. Returns how many. Old rows of sessions already over their limits go too."""
    found = SignedInSession.objects.filter(user=user)
    if keep:
        found = found.exclude(key_hash=keep)
    return found.delete()[0]
