"""The address a request came from: the one answer used by the sign-in lockout (django-axes,
through ``AXES_CLIENT_IP_CALLABLE``) and by the rate limits (``common/ratelimit.py``).

Behind a proxy every request arrives from the proxy's own address, so without more every
visitor looks like one person: one person's wrong passwords would pause everyone. A proxy adds
the address it saw to the end of ``X-Forwarded-For``. Anyone can send that header with made-up
addresses in it, so it is read only when ``POWERWITH_TRUSTED_PROXY_COUNT`` says how many proxies
of ours stand in front of the app, and then only the entry the nearest of them wrote: the
count-th from the right. Entries further left were written by whoever sent the request.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or with ``POWERWITH_TRUSTED_PROXY_COUNT`` = N > 0
    the N-th entry from the right of ``X-Forwarded-For``. A request that did not come through
    all N proxies (too few entries) or carries nonsense is counted under the address it came
    from, never under one it claims."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    count: int = getattr(settings, "POWERWITH_TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < count:
        return remote
    return _valid(forwarded[-count]) or remote
