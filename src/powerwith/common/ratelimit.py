"""Rate limits: how often one client (or one email address) may do something, counted in the
shared cache so that a limit reached through one app server holds on every other.

Each limit is a number of tries in a fixed window of time (``POWERWITH_RATE_LIMITS``:
``{"sign_in": (20, 900), ...}``). A count lives under one cache key per scope, client and
window; it is counted with ``cache.incr`` and made with ``cache.add``, both atomic on
Valkey/Redis, or with ``count_up`` on the database cache (``common/cache.py``), so requests
arriving together cannot slip past the limit. Clients are told apart by ``common.clientip.client_ip`` (an IPv6 client
by its /64 network, which one household or phone usually has to itself). Email addresses are
never stored: their key is a keyed hash.

Views use ``@rate_limited(scope)`` (HTTP 429 with a plain page and ``Retry-After``), or
``hit``/``peek`` for finer control: sign-in counts only wrong tries (Django's
``user_login_failed`` signal, so every way of signing in counts, and ``SignInLimitBackend``
refuses them all once over the limit), and a forgotten-password
request that is over its limit gets the usual answer with no email sent, so the page never
says whether an account exists. The API can use ``ApiThrottle`` with django-ninja.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, ngettext
from ninja.throttling import BaseThrottle

from .clientip import client_ip

log = logging.getLogger("powerwith.ratelimit")

View = TypeVar("View", bound=Callable[..., HttpResponse])

# The time, in seconds; tests pin it so that no window ends in the middle of one.
clock: Callable[[], float] = time.time


def rate(scope: str) -> tuple[int, int] | None:
    """(tries, seconds) for a scope, or None when that limit is switched off."""
    found: tuple[int, int] | None = settings.POWERWITH_RATE_LIMITS.get(scope)
    return found


def client_key(request: HttpRequest) -> str:
    """Who is asking, for counting: the client's address, or its /64 network for IPv6."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def hashed(value: str) -> str:
    """A key for something that must not be stored as it is (an email address)."""
    return salted_hmac("powerwith.ratelimit", value.strip().lower()).hexdigest()[:32]


def _window(scope: str, ident: str) -> tuple[str, int, int] | None:
    limit = rate(scope)
    if limit is None:
        return None
    tries, seconds = limit
    now = clock()
    window = int(now // seconds)
    wait = max(1, math.ceil((window + 1) * seconds - now))
    return f"ratelimit:{scope}:{ident}:{window}", tries, wait


def _count(key: str, timeout: int) -> int:
    """Add one to a count, making it if need be. The database cache does both in one
    transaction (``count_up``); elsewhere counting first costs the least where the count
    already exists (most tries), and when two requests make it at once, one makes it and the
    other counts on it."""
    count_up = getattr(cache, "count_up", None)
    if count_up is not None:
        return int(count_up(key, timeout))
    for _ in range(3):
        try:
            return cache.incr(key)
        except ValueError:
            if cache.add(key, 1, timeout=timeout):
                return 1
    return cache.incr(key)


def hit(scope: str, ident: str) -> int | None:
    """Count one try. Returns the seconds to wait if this try is over the limit, else None."""
    found = _window(scope, ident)
    if found is None:
        return None
    key, tries, wait = found
    count = _count(key, wait + 60)
    if count > tries:
        log.warning("Rate limit %s reached by %s (%s tries)", scope, ident, count)
        return wait
    return None


def peek(scope: str, ident: str) -> int | None:
    """The seconds to wait if the limit is already used up, else None; counts nothing."""
    found = _window(scope, ident)
    if found is None:
        return None
    key, tries, wait = found
    return wait if cache.get(key, 0) >= tries else None


def wait_words(seconds: int) -> str:
    """How long to wait, in words: "a minute", "5 minutes", "an hour"."""
    minutes = math.ceil(seconds / 60)
    if minutes <= 1:
        return gettext("a minute")
    if minutes < 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = math.ceil(minutes / 60)
    if hours == 1:
        return gettext("an hour")
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


def too_many(request: HttpRequest, wait: int, *, title: str = "") -> HttpResponse:
    """HTTP 429 with a plain page saying when to try again, and ``Retry-After``."""
    response = render(
        request,
        "429.html",
        {"wait": wait_words(wait), "title": title or gettext("Too many tries from here")},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def rate_limited(scope: str, *, methods: tuple[str, ...] = ()) -> Callable[[View], View]:
    """Limit a view per client; ``methods`` (e.g. ``("POST",)``) counts only those."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not methods or request.method in methods:
                wait = hit(scope, client_key(request))
                if wait is not None:
                    return too_many(request, wait)
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorate


class ApiThrottle(BaseThrottle):
    """For the API (django-ninja's ``throttle=``): the ``api`` limit per client, counted in the
    shared cache like every other limit. django-ninja answers 429 with ``Retry-After``."""

    scope = "api"

    def __init__(self) -> None:
        self._wait: int | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        self._wait = hit(self.scope, client_key(request))
        return self._wait is None

    def wait(self) -> float | None:
        return float(self._wait) if self._wait is not None else None


# --- signing in, by whatever door (our page, the admin's, the API) ------------------------------


class SignInLimitBackend:
    """An authentication backend that only refuses: a client address that has sent too many
    wrong passwords lately (the ``sign_in`` limit) cannot sign in to any account until its
    window ends. Listed first in ``AUTHENTICATION_BACKENDS``, so every way of signing in is
    covered, not just our sign-in page (which also says so with a 429 page). It has no
    ``get_user``, so it never holds anyone's session."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        if request is not None and peek("sign_in", client_key(request)) is not None:
            raise PermissionDenied("Too many wrong passwords from this address")


def count_wrong_password(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Receives ``user_login_failed``: one more wrong try from this client address."""
    if request is not None:
        hit("sign_in", client_key(request))
