"""Two-step sign-in: a six-digit code from an authenticator app (TOTP, RFC 6238, with pyotp)
after the password, or one of ten recovery codes.

Every write is here (``two_step_turn_on``, ``two_step_turn_off``, ``recovery_codes_renew``,
``two_step_check``), each with an audit line that names no one (the account is the line's
actor and object). Codes are checked against the steps either side of now (30 seconds each),
and a code of a step already used is refused (``TwoStep.last_step``), so a code seen once
cannot be used again. Recovery codes are stored only as password hashes (Django's hashers,
Argon2 in production) and each works once.

Who must use it (``POWERWITH_REQUIRE_TWO_STEP``): staff accounts, and anyone an app above
``common`` says must (``register_required``: journeys for facilitators, organisations for
their admins). ``common`` knows no domain app, so they register themselves from their
``AppConfig.ready``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

import pyotp
import segno
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import RecoveryCode, TwoStep
from .services import audit, invalid

ISSUER = "PowerWith"
RECOVERY_CODES = 10
# Letters and digits that cannot be mistaken for one another when copied from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10  # two groups of five: about 49 bits each

# The time, in seconds; tests move it on to the next 30-second step.
clock: Callable[[], float] = time.time

_required_by: list[Callable[[Any], bool]] = []


def register_required(check: Callable[[Any], bool]) -> None:
    """An app above ``common`` says which accounts must use two-step sign-in when
    ``POWERWITH_REQUIRE_TWO_STEP`` is on (one query each, at most)."""
    if check not in _required_by:
        _required_by.append(check)


def must_use(user: Any) -> bool:
    """Whether this account must have two-step sign-in before reaching any page."""
    if not settings.POWERWITH_REQUIRE_TWO_STEP or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or any(c(user) for c in _required_by))


def of(user: Any) -> TwoStep | None:
    """The account's two-step sign-in, or None when it is off."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TwoStep.objects.filter(user=user).first()


def is_on(user: Any) -> bool:
    return of(user) is not None


def codes_left(two_step: TwoStep) -> int:
    return two_step.recovery_codes.filter(used_at__isnull=True).count()


# --- a new key, shown as a QR code and written out --------------------------------------------


def new_secret() -> str:
    """A new key: 32 base32 characters (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(32)


def key_in_groups(secret: str) -> str:
    """The key in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, user: Any) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(secret: str, user: Any) -> SafeString:
    """The key as a QR code, inline SVG (no image request, no script, no inline style)."""
    svg = segno.make(provisioning_uri(secret, user), error="m").svg_inline(
        scale=5, dark="#0b0c0c", light="#ffffff", omitsize=False, svgclass="qr-code"
    )
    label = escape(_("QR code for your authenticator app"))
    # Tell assistive technology what the picture is; the key is also written out beside it.
    # segno writes the SVG from the key alone: nothing in it comes from a person.
    return format_html(
        '<div class="qr">{}</div>',
        mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)),
    )


# --- checking a code -----------------------------------------------------------------------------


def _digits(code: str) -> str:
    return "".join(code.split()).replace("-", "")


def _step_matching(secret: str, code: str, after: int) -> int | None:
    """The 30-second step (now, or one either side) whose code is ``code``, if later than
    ``after``."""
    totp = pyotp.TOTP(secret)
    now = int(clock() // totp.interval)
    for step in (now - 1, now, now + 1):
        if step > after and constant_time_compare(totp.generate_otp(step), code):
            return step
    return None


def is_six_digits(code: str) -> bool:
    code = _digits(code)
    return len(code) == 6 and code.isascii() and code.isdigit()


def _new_recovery_codes(two_step: TwoStep) -> list[str]:
    two_step.recovery_codes.all().delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODES)
    ]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(two_step=two_step, code_hash=make_password(code)) for code in codes
    )
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def _normal_recovery(code: str) -> str:
    return _digits(code).lower()


def _use(two_step: TwoStep, code: str) -> str | None:
    """Accept ``code`` for a locked ``two_step`` (a six-digit code not used before, or an unused
    recovery code, which is then used up): returns "code" or "recovery", or None."""
    if is_six_digits(code):
        step = _step_matching(two_step.secret, _digits(code), two_step.last_step)
        if step is None:
            return None
        two_step.last_step = step
        two_step.save(update_fields=["last_step"])
        return "code"
    typed = _normal_recovery(code)
    if len(typed) != RECOVERY_LENGTH:
        return None
    for rc in two_step.recovery_codes.filter(used_at__isnull=True).order_by("pk"):
        if check_password(typed, rc.code_hash):
            rc.used_at = timezone.now()
            rc.save(update_fields=["used_at"])
            return "recovery"
    return None


WRONG_CODE = (
    "That code is not right. Check your authenticator app and try again: each code works once."
)


@transaction.atomic
def two_step_turn_on(*, user: Any, secret: str, code: str) -> list[str]:
    """Turn on two-step sign-in with ``secret`` (shown to the person as a QR code) once they
    have typed a ``code`` their app made from it. Returns the ten recovery codes, to be shown
    once; only their hashes are kept."""
    if TwoStep.objects.filter(user=user).exists():
        raise invalid(None, _("Two-step sign-in is already on for your account."))
    if not is_six_digits(code):
        raise invalid("code", _("Enter the 6-digit code from your authenticator app."))
    step = _step_matching(secret, _digits(code), 0)
    if step is None:
        raise invalid(
            "code",
            _(
                "That code is not right. Check that the app shows PowerWith and the time on "
                "your phone is right, then try the newest code."
            ),
        )
    two_step = TwoStep.objects.create(user=user, secret=secret, last_step=step)
    codes = _new_recovery_codes(two_step)
    audit(
        journey=None,
        actor=user,
        action="two_step_on",
        obj=user,
        summary="Turned on two-step sign-in",
    )
    return codes


def _locked(user: Any) -> TwoStep:
    two_step = TwoStep.objects.select_for_update().filter(user=user).first()
    if two_step is None:
        raise invalid(None, _("Two-step sign-in is not on for your account."))
    return two_step


@transaction.atomic
def two_step_turn_off(*, user: Any, code: str) -> None:
    """Turn off two-step sign-in, with a current code (or a recovery code)."""
    two_step = _locked(user)
    if _use(two_step, code) is None:
        raise invalid("code", _(WRONG_CODE))
    two_step.delete()
    audit(
        journey=None,
        actor=user,
        action="two_step_off",
        obj=user,
        summary="Turned off two-step sign-in",
    )


@transaction.atomic
def recovery_codes_renew(*, user: Any, code: str) -> list[str]:
    """Ten new recovery codes in place of the old ones, with a current code from the app."""
    two_step = _locked(user)
    if not is_six_digits(code) or _use(two_step, code) is None:
        raise invalid("code", _(WRONG_CODE))
    codes = _new_recovery_codes(two_step)
    audit(
        journey=None,
        actor=user,
        action="recovery_codes_renew",
        obj=user,
        summary="Made new recovery codes for two-step sign-in",
    )
    return codes


@transaction.atomic
def two_step_check(*, user: Any, code: str) -> str | None:
    """The second step of signing in: "code" or "recovery" when ``code`` is right (a recovery
    code is then used up, and the log says so), None when it is not."""
    two_step = TwoStep.objects.select_for_update().filter(user=user).first()
    if two_step is None:
        return None
    used = _use(two_step, code)
    if used == "recovery":
        left = codes_left(two_step)
        audit(
            journey=None,
            actor=user,
            action="recovery_code_used",
            obj=user,
            summary=f"Signed in with a recovery code ({left} left)",
        )
    return used
