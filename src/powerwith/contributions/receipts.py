"""Receipt codes: how someone who raised something anonymously hears back.

A code is 8 characters from Crockford's base32 alphabet (digits and capital letters without I,
L, O and U, which are read as 1, 1, 0 or not at all), shown as two groups of four,
``K7P4-3QX9``. Each character is drawn with ``secrets``: a code is never made from a person, a
time or an id, so it says nothing about who raised it or when. 32^8 is about 10^12 codes, and
the look-up page is rate limited, so guessing one is hopeless.

A code is typed in any case, with or without the dash or spaces, and the look-alikes O, I and L
are read as 0, 1 and 1, so a code read aloud or copied by hand still works.
"""

from __future__ import annotations

import secrets
from typing import Any

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SPACING = str.maketrans("", "", " -\u2010\u2011\u2012\u2013\u2014\t\n\r")


def new_code() -> str:
    """A fresh random code, kept without its dash (``K7P43QX9``)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str | None:
    """The code as kept, from what someone typed; None when it cannot be a code."""
    code = raw.upper().translate(_SPACING).translate(_LOOK_ALIKES)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def shown(code: str) -> str:
    """The code as printed and shown: two groups of four with a dash."""
    return f"{code[:4]}-{code[4:]}" if code else ""


def lookup_url(request: Any = None) -> str:
    """The full address of the look-up page: the site's address (``POWERWITH_SITE_URL``), else
    the one this request came to, else the path alone."""
    from django.conf import settings
    from django.urls import reverse

    path = reverse("receipt:lookup")
    if settings.POWERWITH_SITE_URL:
        return str(settings.POWERWITH_SITE_URL).rstrip("/") + path
    if request is not None:
        return str(request.build_absolute_uri(path))
    return path


def lookup_address(request: Any = None) -> str:
    """The look-up page's address as people type it: no ``https://``, no last slash."""
    url = lookup_url(request)
    for scheme in ("https://", "http://"):
        url = url.removeprefix(scheme)
    return url.rstrip("/") or "/receipt"
