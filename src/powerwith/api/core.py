"""The REST API, version 1, under /api/v1/ (django-ninja; docs/api.md): its core. The calls
themselves are in ``api/routes/``, one module per part of the record, registered on ``api``
here by ``powerwith.api.api``.

Every call carries a personal access token (``Authorization: Bearer pw_…``), is counted by
``common.ratelimit.ApiThrottle``, and reaches a journey only through ``common.access`` (the
same gate and the same rules as the pages: someone who is not a member gets 404, a role too
low for a change gets 403). A token limited to some journeys answers for any other journey
exactly as for one its owner is not in (404). Reads show what the journey's pages show a
member; every write goes through the service the page uses (``<app>.services``), with its
checks and its log line, as the token's owner. Errors are JSON in one shape,
``{"detail": "...", "errors": {field: [messages]}}`` (``errors`` empty except on 400).
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation, ResponseObject
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser
from ninja.responses import Status
from ninja.security import HttpBearer

from powerwith.api import idempotency, services
from powerwith.api.models import ApiToken
from powerwith.common import access
from powerwith.common.middleware import NUL
from powerwith.common.ratelimit import ApiThrottle
from powerwith.common.services import API, through
from powerwith.journeys.models import Journey

# A path id beyond this is no row of ours (and would overflow a database integer).
BIGGEST_ID = 2**31 - 1


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return services.token_for(token)


class PowerWithAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The ids clients generated from the schema use, kept as they were when every call
        # lived in api.py ("powerwith_api_api_<call>"), whichever routes module holds it now.
        return f"powerwith_api_api_{operation.view_func.__name__}"

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """Every change (every POST) takes the ``Idempotency-Key`` header, handled in one place
        (``_writes``), so it is added to each of them here rather than to each call."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            post = operations.get("post")
            if post is None:
                continue
            post.setdefault("parameters", []).append(KEY_PARAMETER)
            for status, why in KEY_ERRORS.items():
                post["responses"][str(status)] = {
                    "description": why,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
        return schema


KEY_PARAMETER = {
    "name": idempotency.HEADER,
    "in": "header",
    "required": False,
    "description": "Your own id for this change (a new random UUID for each change). Sent "
    "again with the same request within 24 hours, it gets the first answer (the same status "
    "and body, with `Idempotent-Replayed: true`) and nothing changes. See docs/api.md.",
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": idempotency.LONGEST,
        "pattern": "^[\\x21-\\x7e]+$",
    },
}
KEY_ERRORS = {
    409: "Another request with this Idempotency-Key is under way.",
    422: "This Idempotency-Key was sent before with a different request.",
}


def _without_nul(value: Any) -> Any:
    """``value`` (parsed JSON) with every NUL character taken out of its strings, keys too."""
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


class NulFreeParser(Parser):
    """JSON bodies without NUL characters, as ``common.middleware.StripNulMiddleware`` does for
    the pages' forms: nobody types one, and PostgreSQL cannot store one in text (a server
    error). Everything else sent is kept."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return _without_nul(super().parse_body(request))


api = PowerWithAPI(
    title="PowerWith API",
    version="1",
    description="Read the journeys you are a member of, and record the everyday things in "
    "them, as their pages do. Every call needs a personal access token from your account "
    "page. See docs/api.md.",
    auth=TokenAuth(),
    throttle=[ApiThrottle()],
    parser=NulFreeParser(),
    urls_namespace="api-v1",
    docs_url=None,  # the interactive page loads scripts from a CDN, which our CSP refuses
)


# --- errors: one shape for every status -------------------------------------------------------


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="For 400: what to put right, by field (`__all__` when no one field).",
    )


def _error(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(
        request,
        401,
        "Send a live personal access token: Authorization: Bearer pw_… (make one on your "
        "account page).",
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # 429 from the throttle (django-ninja adds Retry-After), and any other it raises.
    detail = "Too many calls: wait and try again." if exc.status_code == 429 else str(exc)
    return _error(request, exc.status_code, detail)


@api.exception_handler(idempotency.KeyRefused)
def _key_refused(request: HttpRequest, exc: idempotency.KeyRefused) -> HttpResponse:
    return _error(request, exc.status, exc.detail, exc.errors)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "Not allowed.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "Not found.")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service refused what was sent: its messages, by field, as the page shows them."""
    raw = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    errors = {field: [str(m) for m in messages] for field, messages in raw.items()}
    return _error(request, 400, "Some of what was sent is not right.", errors)


@api.exception_handler(NinjaValidationError)
def _malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """What was sent is not of the shape the call takes (a missing field, a word where a
    number goes): the same 400, each problem under the name of its field."""
    errors: dict[str, list[str]] = {}
    for e in exc.errors:
        loc = [str(part) for part in e.get("loc", ()) if part not in ("body", "query", "path")]
        errors.setdefault(".".join(loc) or NON_FIELD_ERRORS, []).append(str(e.get("msg", "")))
    return _error(request, 400, "Some of what was sent is not right.", errors)


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 429: Error}


# --- pagination -------------------------------------------------------------------------------


class Pages(LimitOffsetPagination):
    """``?limit=`` (1 to 500, 100 unless said) and ``?offset=`` (from 0): a number outside
    these is a 400, never a query the database cannot run."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=BIGGEST_ID)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)


# --- the gate ---------------------------------------------------------------------------------


def _token(request: HttpRequest) -> ApiToken:
    return request.auth  # type: ignore[attr-defined]


def _gate(request: HttpRequest, journey_slug: str, need: access.Need = "view") -> access.Access:
    """The pages' gate for the token's owner. A journey the token is not for is "not found",
    as one its owner is not in; a change also needs a read-and-write token (asked after the
    gate, so a journey you are not in is still only "not found")."""
    token = _token(request)
    try:
        journey = Journey.objects.select_related("host").get(slug=journey_slug)
    except Journey.DoesNotExist:
        raise Http404("No such journey") from None
    if not services.token_reaches(token, journey):
        raise Http404("No such journey")
    a = access.get_journey(token.user, journey_slug, need)
    if need != "view" and token.scope != "write":
        raise PermissionDenied(
            "This token is read only: make a read-and-write token to change things."
        )
    return a


def _write_gate(request: HttpRequest, journey_slug: str) -> access.Access:
    """For a change that anyone in the journey may make for themselves (their own ballot,
    their own response), as on the page: observers too, with a read-and-write token."""
    a = _gate(request, journey_slug, "view")
    if _token(request).scope != "write":
        raise PermissionDenied(
            "This token is read only: make a read-and-write token to change things."
        )
    return a


V = Callable[..., Any]


def _writes(view: V) -> V:
    """Mark a write call: every audit line its services write says the change came through
    the API, with the token's name (``common.services.through``), as the journey's log shows.
    ``tests/api/test_writes.py`` checks every POST call carries it. Sent with an
    ``Idempotency-Key``, the change is made once and a repeat gets the first answer
    (``api.idempotency``)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        token = _token(request)
        with through(API, token.name):
            key = request.headers.get(idempotency.HEADER)
            if key is None:
                return view(request, *args, **kwargs)
            slug = kwargs.get("journey_slug")
            return idempotency.once(
                request,
                token=token,
                key=key,
                journey_slug=slug,
                run=lambda: _rendered(wrapper, request, view(request, *args, **kwargs)),
                may_see_again=lambda: _gate(request, slug) if slug else None,
            )

    wrapper.through_api = True  # type: ignore[attr-defined]
    # django-ninja reads the call's types from the wrapper, whose module (this one) does not
    # define the call's own schemas: hand it the call's signature with its types resolved.
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper


def _rendered(call: V, request: HttpRequest, result: Any) -> HttpResponse:
    """The response django-ninja would send for ``result``, made here so that its body can be
    kept for a repeat: checked and shaped by the call's own response schema for its status
    (django-ninja passes a response through as it is)."""
    if isinstance(result, HttpResponse):
        return result
    status, value = (200, result)
    if isinstance(result, Status):
        status, value = result.status_code, result.value
    model = call._ninja_operation.response_models[status]  # type: ignore[attr-defined]
    context = {"request": request, "response_status": status}
    data = model.model_validate(ResponseObject(value), context=context).model_dump(context=context)[
        "response"
    ]
    return api.create_response(request, data, status=status)


def _one(queryset: Any, a: access.Access, pk: int) -> Any:
    """An object of this journey by id (``common.access.owned``), or 404."""
    if not 0 < pk <= BIGGEST_ID:
        raise Http404("No such thing")
    return access.owned(queryset, a, pk=pk)


def _chosen(rows: Any, pk: int | None, field: str, message: str) -> Any:
    """The row with id ``pk`` among ``rows`` (already limited to the journey or gathering), or
    None when no id was sent; an id that is not one of them is a 400 on ``field``."""
    if pk is None:
        return None
    found = rows.filter(pk=pk).first() if 0 < pk <= BIGGEST_ID else None
    if found is None:
        raise ValidationError({field: [message]})
    return found


def _chosen_all(rows: Any, pks: list[int], field: str, message: str) -> list[Any]:
    """The rows with these ids among ``rows``, in the order sent (each once); an id that is
    not one of them is a 400 on ``field``, as ``_chosen``."""
    wanted = list(dict.fromkeys(pks))
    if any(not 0 < pk <= BIGGEST_ID for pk in wanted):
        raise ValidationError({field: [message]})
    found = {row.pk: row for row in rows.filter(pk__in=wanted)} if wanted else {}
    if len(found) != len(wanted):
        raise ValidationError({field: [message]})
    return [found[pk] for pk in wanted]


def _plain(value: Any) -> Any:
    """Lazy words, dates and fractions as JSON has them."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))
