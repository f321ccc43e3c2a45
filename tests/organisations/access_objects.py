"""How to make the objects that organisation URLs name (``org_slug``, ``role_pk``).

The journey access walk (tests/test_access_walk.py) needs nothing from this app: organisation
URLs take ``org_slug``, never a journey's ``slug``. tests/organisations/test_access.py walks
them with these makers, each taking an :class:`OrgWorld`."""

from __future__ import annotations

from typing import Any

from powerwith.organisations.models import OrganisationRole

from .helpers import OrgWorld

OBJECTS: dict[str, Any] = {}


def make_org_slug(w: OrgWorld) -> str:
    return w.organisation.slug


def make_role(w: OrgWorld) -> int:
    """The viewer's role (an admin may change or remove it)."""
    return OrganisationRole.objects.get(organisation=w.organisation, user=w.viewer).pk


ORG_OBJECTS = {"org_slug": make_org_slug, "role_pk": make_role}
