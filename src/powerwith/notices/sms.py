"""Text messages: a small provider interface, a console adapter, and GOV.UK Notify over HTTP.

``POWERWITH_SMS`` chooses: ``console`` (the default: the message is written to the log, for
development and the demo) or ``notify`` (GOV.UK Notify's SMS API, with
``POWERWITH_NOTIFY_API_KEY`` and ``POWERWITH_NOTIFY_SMS_TEMPLATE``; docs/notices.md). A
provider's ``send`` returns the provider's reference for the message or raises ``SmsError``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings

log = logging.getLogger(__name__)


class SmsError(Exception):
    """The text service refused or could not be reached; the words say why."""


class SmsProvider(Protocol):
    def send(self, phone: str, text: str) -> str: ...


class ConsoleSms:
    """Writes each text to the log (and keeps it on ``sent`` for tests and the shell)."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> str:
        ConsoleSms.sent.append((phone, text))
        log.warning("Text message to %s: %s", phone, text)
        return f"console-{len(ConsoleSms.sent)}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def notify_token(service_id: str, secret: str, now: float | None = None) -> str:
    """The JSON Web Token Notify asks for: HS256, issuer the service id, issued now."""
    header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}, separators=(",", ":")).encode())
    claims = _b64(
        json.dumps(
            {"iss": service_id, "iat": int(now if now is not None else time.time())},
            separators=(",", ":"),
        ).encode()
    )
    signing = f"{header}.{claims}".encode("ascii")
    signature = _b64(hmac.new(secret.encode(), signing, hashlib.sha256).digest())
    return f"{header}.{claims}.{signature}"


class NotifySms:
    """GOV.UK Notify: POST /v2/notifications/sms with a template whose body is ((message)).

    The API key is ``name-<service id>-<secret>`` (both 36-character UUIDs).
    """

    def __init__(self, api_key: str, template_id: str, base_url: str) -> None:
        if len(api_key) < 74:
            raise SmsError("POWERWITH_NOTIFY_API_KEY is not a Notify API key")
        self.service_id, self.secret = api_key[-73:-37], api_key[-36:]
        self.template_id, self.base_url = template_id, base_url.rstrip("/")

    def send(self, phone: str, text: str) -> str:
        body = json.dumps(
            {
                "phone_number": phone,
                "template_id": self.template_id,
                "personalisation": {"message": text},
            }
        ).encode()
        request = urllib.request.Request(
            self.base_url + "/v2/notifications/sms",
            data=body,
            method="POST",
            headers={
                "Authorization": "Bearer " + notify_token(self.service_id, self.secret),
                "Content-Type": "application/json",
                "User-Agent": "PowerWith",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode("utf-8", "replace")
            raise SmsError(f"Notify refused the text message ({exc.code}): {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise SmsError(f"Notify could not be reached ({exc})") from exc
        return str(answer.get("id", ""))


def provider() -> SmsProvider:
    kind = getattr(settings, "POWERWITH_SMS", "console")
    if kind == "notify":
        return NotifySms(
            settings.POWERWITH_NOTIFY_API_KEY,
            settings.POWERWITH_NOTIFY_SMS_TEMPLATE,
            settings.POWERWITH_NOTIFY_URL,
        )
    return ConsoleSms()
