"""The API's calls: figures: a journey's insights, and an organisation's view across its
journeys. Registered on ``core.api`` when ``powerwith.api.api`` imports this module;
docs/api.md."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.pagination import paginate

from powerwith.api.core import (
    ERRORS,
    Pages,
    _gate,
    _plain,
    _token,
    api,
)
from powerwith.insights.organisation import organisation_figures
from powerwith.insights.selectors import for_viewer, insights_for
from powerwith.organisations.access import require_organisation
from powerwith.organisations.models import Organisation, OrganisationRole

# --- figures ----------------------------------------------------------------------------------


@api.get(
    "/journeys/{journey_slug}/insights",
    response={200: dict[str, Any], **ERRORS},
    url_name="insights",
    tags=["journeys"],
)
def insights(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's figures over all time: the document of `powerwith insights --json`
    (docs/insights.md)."""
    a = _gate(request, journey_slug)
    # Sections for facilitators only (the care section) are left out for anyone else.
    return for_viewer(insights_for(a.journey), can_manage=a.can_manage)


# --- organisations: the view across their journeys -------------------------------------------


class OrganisationOut(Schema):
    slug: str
    name: str
    your_role: str = Field(description="admin or viewer.")


def _organisation(request: HttpRequest, org_slug: str) -> Any:
    """An organisation the token's owner has a role in (admin or viewer), as its page's gate
    (``organisations.access.require_organisation``). No role, no such organisation, or a token
    limited to chosen journeys: the same 404, so the API never says whether one exists."""
    token = _token(request)
    organisation = Organisation.objects.filter(slug=org_slug).first()
    if organisation is None or token.journeys.all():
        raise Http404("No such organisation")
    return require_organisation(token.user, organisation, "view")


@api.get(
    "/organisations",
    response={200: list[OrganisationOut], **ERRORS},
    url_name="organisations",
    tags=["organisations"],
)
@paginate(Pages)
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    """The organisations you have a role in, by name (none for a token limited to chosen
    journeys)."""
    token = _token(request)
    if token.journeys.all():
        return []
    roles = OrganisationRole.objects.filter(user=token.user).select_related("organisation")
    return [
        {"slug": r.organisation.slug, "name": r.organisation.name, "your_role": r.role}
        for r in roles.order_by("organisation__name", "organisation__slug")
    ]


@api.get(
    "/organisations/{org_slug}/insights",
    response={200: dict[str, Any], **ERRORS},
    url_name="organisation_insights",
    tags=["organisations"],
)
def organisation_insights(request: HttpRequest, org_slug: str) -> Any:
    """The view across the organisation's journeys, for anyone with a role in it: the document
    of `powerwith insights --organisation SLUG --json` (docs/insights.md, "The organisation's
    view"), as its page shows it to you. A journey has its own row only if you are a member of
    it; the others are added up, with counts of people and shares on fewer than 5 records
    hidden."""
    org = _organisation(request, org_slug)
    return _plain(organisation_figures(org.organisation, _token(request).user))
