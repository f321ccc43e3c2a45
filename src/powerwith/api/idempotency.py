"""Changes through the API that are safe to send again: the ``Idempotency-Key`` request header
(docs/api.md, "Sending a change again").

A client that sent a change and heard nothing back (a timeout, a dropped connection) cannot
know whether it was made. It sends it again with the same key: if the first was made, it gets
the first answer (the same status and body) and nothing changes; if not, the change is made
now. The same key with a different request is refused (422), so a key reused by mistake never
answers for another change.

This is the API's transport, not the record: the change itself is still made (and logged) by
its page's service; here we only remember the answer. The key's row is written in the same
transaction as the change, before it, so:

- a change that fails (any refusal) leaves no row: nothing was changed, and the same key may
  be sent again once what was sent is put right;
- two requests with the same key at once: the second's insert waits on the unique constraint
  (``api_idempotency_key_once``) until the first commits, then gives the first's answer; had
  the first rolled back, the second makes the change itself.

Keys are scoped by token (two tokens may use the same key) and kept for ``KEEP``: each keyed
change forgets its token's keys older than that, the daily ``powerwith rights retention``
forgets everyone's (``rights.expire``), and a revoked token's keys go with it
(``services.token_revoke``).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.journeys.models import Journey

from .models import ApiToken, IdempotencyKey

HEADER = "Idempotency-Key"
KEEP = datetime.timedelta(hours=24)
LONGEST = 255
# Visible ASCII only: a key is an id (a UUID is the usual choice), and header values outside
# ASCII are read differently by different HTTP libraries.
_SHAPE = re.compile(rf"[\x21-\x7e]{{1,{LONGEST}}}")
REPLAYED = "Idempotent-Replayed"


class KeyRefused(Exception):
    """The key cannot be used: ``status`` (400 or 422) and a sentence saying why."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or {}


def request_digest(request: HttpRequest) -> str:
    """What the request asks for: its method, path and body (JSON compared by value, so the
    same body with its keys in another order or spaced otherwise is the same request)."""
    try:
        body = json.dumps(
            json.loads(request.body or b"null"), sort_keys=True, separators=(",", ":")
        )
    except ValueError:
        body = request.body.decode("latin-1")
    text = f"{request.method} {request.get_full_path()}\n{body}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def tap_token(request: HttpRequest, token: ApiToken) -> str | None:
    """A speaking turn's ``client_token`` made from the request's key (None without one):
    scoped by the API token, and 64 characters, as the turn's field holds."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    return hashlib.sha256(f"api {token.pk} {key}".encode()).hexdigest()


def checked(key: str) -> str:
    """The key as sent, or a 400 saying what a key must be."""
    if not _SHAPE.fullmatch(key):
        raise KeyRefused(
            400,
            "Some of what was sent is not right.",  # as every other 400 (core._invalid)
            {
                HEADER: [
                    _(
                        "Send a key of 1 to %(n)s letters, digits or signs, with no spaces, "
                        "such as a new random UUID for each change."
                    )
                    % {"n": LONGEST}
                ]
            },
        )
    return key


def once(
    request: HttpRequest,
    *,
    token: ApiToken,
    key: str,
    journey_slug: str | None,
    run: Callable[[], HttpResponse],
    may_see_again: Callable[[], object],
) -> HttpResponse:
    """Make the change (``run``, which answers with the response to send) once for this
    token's ``key``; a repeat of the same request gets the first answer, with the
    ``Idempotent-Replayed: true`` header, after ``may_see_again`` (the journey's gate, which
    raises if the token's owner may no longer see the journey)."""
    key = checked(key)
    digest = request_digest(request)
    IdempotencyKey.objects.filter(token=token, created_at__lt=timezone.now() - KEEP).delete()
    journey_id = (
        Journey.objects.filter(slug=journey_slug).values_list("pk", flat=True).first()
        if journey_slug
        else None
    )
    # Twice at most: a key seen taken whose row is gone by the time we read it was the
    # first's, rolled back just then (or forgotten as too old), so the change is ours to make.
    for _attempt in range(2):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotencyKey.objects.create(
                        token=token, key=key, journey_id=journey_id, request_digest=digest
                    )
            except IntegrityError:
                row = None
            if row is not None:
                response = run()
                row.status, row.body = response.status_code, response.content.decode()
                row.save(update_fields=["status", "body"])
                return response
        first = IdempotencyKey.objects.filter(token=token, key=key).first()
        if first is None:
            continue
        if first.request_digest != digest:
            raise KeyRefused(
                422,
                _(
                    "This Idempotency-Key was sent before with a different request. Send a new "
                    "key with each new change, and the same key only when you send the same "
                    "change again."
                ),
            )
        may_see_again()
        replay = HttpResponse(
            first.body, status=first.status, content_type="application/json; charset=utf-8"
        )
        replay[REPLAYED] = "true"
        return replay
    raise KeyRefused(
        409, _("Another request with this Idempotency-Key is under way. Try again shortly.")
    )
