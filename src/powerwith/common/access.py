"""The one permission gate: what a user may see or do in a journey.

Every journey view is wrapped in :func:`journey_view`; every service that changes a journey calls
:func:`require`. Views and the API never look a journey up any other way. Someone with no
membership gets 404 (never a hint that the journey exists); a member without enough rights for a
change gets 403 with a plain explanation.
"""

from __future__ import annotations

import contextvars
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from powerwith.journeys import vocab
from powerwith.journeys.models import Journey, Membership

from .inputs import parse_id

Need = Literal["view", "record", "manage"]

# Refusals, for spotting someone probing journeys: ids only, never a name or an email address.
# At warning level, as Django logs every 403 and 404 (by path alone).
log = logging.getLogger("powerwith.access")

_RANK = {vocab.OBSERVER: 1, vocab.MEMBER: 2, vocab.FACILITATOR: 3}
_NEED_RANK: dict[str, int] = {"view": 1, "record": 2, "manage": 3}
_REFUSALS = {
    "view": _("You do not have permission to see this journey."),
    "record": _(
        "You do not have permission to record things in this journey "
        "(members and facilitators can)."
    ),
    "manage": _("You do not have permission to manage this journey (only its facilitators can)."),
}


class NotAllowed(PermissionDenied):
    """A member tried something their role in the journey does not allow."""


@dataclass(frozen=True)
class Access:
    journey: Journey
    membership: Membership | None
    role: str  # facilitator / member / observer, or "public"

    def can(self, need: Need) -> bool:
        return _RANK.get(self.role, 0) >= _NEED_RANK[need]

    @property
    def can_record(self) -> bool:
        return self.can("record")

    @property
    def can_manage(self) -> bool:
        return self.can("manage")


# The membership a journey view's gate read, for the rest of that request only: the service
# the view calls checks the same user in the same journey again (``require``), and asking the
# database twice was a query of every write (bench/README.md, "CPU per write"). Set by
# ``journey_view`` around the view and reset when it returns; forgotten as soon as any
# membership is saved or deleted, so a change of role or a removal inside the request is seen.
_gate: contextvars.ContextVar[tuple[int, int, Membership] | None] = contextvars.ContextVar(
    "powerwith_gate", default=None
)


def _forget_gate(sender: Any, **kwargs: Any) -> None:
    _gate.set(None)


post_save.connect(_forget_gate, sender=Membership, dispatch_uid="powerwith_access_gate_save")
post_delete.connect(_forget_gate, sender=Membership, dispatch_uid="powerwith_access_gate_delete")


def membership_for(user: Any, journey: Journey) -> Membership | None:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    seen = _gate.get()
    if seen is not None and seen[0] == user.pk and seen[1] == journey.pk:
        return seen[2]
    return Membership.objects.filter(journey=journey, user=user).first()


def check(user: Any, journey: Journey, need: Need) -> Access:
    """Return the user's access to ``journey``; 404 for outsiders, 403 if the role is too low."""
    membership = membership_for(user, journey)
    if membership is None:
        log.warning(
            "Access refused: user %s is not in journey %s (needs %s)",
            getattr(user, "pk", None),
            journey.pk,
            need,
        )
        raise Http404("No such journey")
    access = Access(journey=journey, membership=membership, role=membership.role)
    if not access.can(need):
        log.warning(
            "Access refused: user %s is %s in journey %s (needs %s)",
            user.pk,
            membership.role,
            journey.pk,
            need,
        )
        raise NotAllowed(str(_REFUSALS[need]))
    return access


def require(user: Any, journey: Journey, need: Need) -> Access:
    """For services: the same rule as :func:`check`."""
    return check(user, journey, need)


def get_journey(user: Any, slug: str, need: Need) -> Access:
    journey = Journey.objects.filter(slug=slug).first()
    if journey is None:
        raise Http404("No such journey")
    return check(user, journey, need)


def journeys_for(user: Any) -> Any:
    """The journeys a user can see (a queryset)."""
    if not getattr(user, "is_authenticated", False):
        return Journey.objects.none()
    return Journey.objects.filter(memberships__user=user)


# HttpResponseBase: a view may stream (common.files.file_response).
V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def journey_view(need: Need = "view", *, write_need: Need | None = None) -> Callable[[V], V]:
    """Decorate a view taking ``(request, access, **kwargs)``; the URL carries ``slug``.

    ``need`` applies to reading (GET/HEAD); ``write_need`` (default: ``need``) to POST and
    other unsafe methods. The levels are kept on the view so tests can walk every URL and
    check each role against them.
    """

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                # Same answer whether or not the journey exists: sign in first.
                return redirect_to_login(request.get_full_path())
            level: Need = (
                need if request.method in ("GET", "HEAD", "OPTIONS") else (write_need or need)
            )
            access = get_journey(request.user, slug, level)
            if any(isinstance(v, int) and parse_id(v) is None for v in kwargs.values()):
                # /j/.../99999999999999999999999/: no record has such an id, and the database
                # cannot even be asked (SQLite raises OverflowError).
                raise Http404("No such record")
            request.journey_access = access  # type: ignore[attr-defined]
            assert access.membership is not None  # check() refused anyone without one
            gate = _gate.set((request.user.pk, access.journey.pk, access.membership))
            try:
                return view(request, access, **kwargs)
            finally:
                _gate.reset(gate)

        wrapper.journey_need = need  # type: ignore[attr-defined]
        wrapper.journey_write_need = write_need or need  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def owned(queryset: Any, access: Access, **lookup: Any) -> Any:
    """Fetch one object of the journey, 404 if it belongs to another journey."""
    obj = queryset.filter(journey=access.journey, **lookup).first()
    if obj is None:
        raise Http404("Not found in this journey")
    # It is in this journey (the filter above): reuse the journey already loaded instead of
    # fetching it again the first time a service reads ``obj.journey``.
    obj.journey = access.journey
    return obj
