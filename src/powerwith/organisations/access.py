"""The gate for organisation pages and changes, in the same shape as the journey gate.

Someone with no role in an organisation gets 404 for its pages (never a hint that it exists);
a viewer asking to change something gets 403 with a plain explanation; signed-out visitors are
sent to sign in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import vocab
from .models import Organisation, OrganisationRole

OrgNeed = Literal["view", "manage"]


@dataclass(frozen=True)
class OrgAccess:
    organisation: Organisation
    role: OrganisationRole

    @property
    def is_admin(self) -> bool:
        return self.role.role == vocab.ADMIN


def role_for(user: Any, organisation: Organisation) -> OrganisationRole | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return OrganisationRole.objects.filter(organisation=organisation, user=user).first()


def is_admin(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return OrganisationRole.objects.filter(
        organisation=organisation, user=user, role=vocab.ADMIN
    ).exists()


def require_organisation(user: Any, organisation: Organisation, need: OrgNeed) -> OrgAccess:
    """404 for someone with no role in the organisation; 403 for a viewer asking to manage."""
    role = role_for(user, organisation)
    if role is None:
        raise Http404("No such organisation")
    access = OrgAccess(organisation=organisation, role=role)
    if need == "manage" and not access.is_admin:
        raise PermissionDenied(
            _("You do not have permission to manage this organisation (only its admins can).")
        )
    return access


V = TypeVar("V", bound=Callable[..., HttpResponse])


def organisation_view(
    need: OrgNeed = "view", *, write_need: OrgNeed | None = None
) -> Callable[[V], V]:
    """Decorate a view taking ``(request, access, **kwargs)``; the URL carries ``org_slug``."""

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, org_slug: str, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            level: OrgNeed = (
                need if request.method in ("GET", "HEAD", "OPTIONS") else (write_need or need)
            )
            organisation = Organisation.objects.filter(slug=org_slug).first()
            if organisation is None:
                raise Http404("No such organisation")
            access = require_organisation(request.user, organisation, level)
            return view(request, access, **kwargs)

        wrapper.organisation_need = need  # type: ignore[attr-defined]
        wrapper.organisation_write_need = write_need or need  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
