"""An organisation with an admin, a viewer and a second organisation, built through services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from powerwith.organisations import services
from powerwith.organisations.models import Organisation
from tests.conftest import make_user


@dataclass
class OrgWorld:
    organisation: Organisation
    admin: Any
    viewer: Any
    other_admin: Any  # admin of another organisation only
    outsider: Any  # an account in no organisation

    def user(self, who: str) -> Any:
        return getattr(self, who)


def build_org_world(tag: str = "") -> OrgWorld:
    admin = make_user(f"ada{tag}@example.org", "Ada")
    viewer = make_user(f"vic{tag}@example.org", "Vic")
    other_admin = make_user(f"oona{tag}@example.org", "Oona")
    outsider = make_user(f"xavi{tag}@example.org", "Xavi")
    org = services.organisation_create(actor=admin, name="Riverside Trust", kind="health")
    services.organisation_add_member(
        actor=admin, organisation=org, email=viewer.email, role="viewer"
    )
    services.organisation_create(actor=other_admin, name="Northfield Council")
    return OrgWorld(org, admin, viewer, other_admin, outsider)
