"""Organisations: creating one, adding people, changing and removing roles, the last admin,
the log, and the journeys and banks its page shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.journeys import services as journey_services
from powerwith.organisations import selectors, services
from powerwith.organisations.models import Organisation, OrganisationRole
from powerwith.reflection import services as reflection_services
from tests.conftest import build_world, client_for, make_user
from tests.reflection.helpers import builtin, question

from .helpers import build_org_world


def _roles(org: Organisation) -> list[tuple[str, str]]:
    return [(r.user.email, r.role) for r in selectors.roles_of(org)]


def test_create_makes_the_creator_admin_and_slugs_are_distinct(db: Any) -> None:
    ada, bea = make_user("ada@example.org"), make_user("bea@example.org")
    one = services.organisation_create(actor=ada, name="  Riverside Trust ", kind="health")
    two = services.organisation_create(actor=bea, name="Riverside Trust")
    assert (one.name, one.slug, one.kind, one.created_by) == (
        "Riverside Trust",
        "riverside-trust",
        "health",
        ada,
    )
    assert two.slug == "riverside-trust-2"
    assert _roles(one) == [("ada@example.org", "admin")]
    assert _roles(two) == [("bea@example.org", "admin")]
    line = AuditEntry.objects.get(object_type="Organisation", object_id=one.pk)
    assert (line.journey, line.actor, line.action, line.summary) == (
        None,
        ada,
        "organisation_create",
        "Organisation added: Riverside Trust",
    )


@pytest.mark.parametrize(
    ("name", "kind", "errors"),
    [
        (" ", "", {"name": ["Enter the name of the organisation."]}),
        ("x" * 201, "", {"name": ["Keep the name under 200 characters."]}),
        (
            "Trust",
            "bank",
            {"kind": ["Choose a kind of organisation from the list, or leave it empty."]},
        ),
    ],
)
def test_create_bad_input(db: Any, name: str, kind: str, errors: dict[str, list[str]]) -> None:
    with pytest.raises(ValidationError) as e:
        services.organisation_create(actor=make_user("ada@example.org"), name=name, kind=kind)
    assert e.value.message_dict == errors
    assert not Organisation.objects.exists()


def test_members_roles_and_the_last_admin(db: Any) -> None:
    w = build_org_world()
    org = w.organisation
    assert _roles(org) == [("ada@example.org", "admin"), ("vic@example.org", "viewer")]
    # Only admins change anything: a viewer gets 403, someone outside 404.
    with pytest.raises(PermissionDenied):
        services.organisation_add_member(
            actor=w.viewer, organisation=org, email=w.outsider.email, role="viewer"
        )
    with pytest.raises(Http404):
        services.organisation_add_member(
            actor=w.other_admin, organisation=org, email=w.outsider.email, role="admin"
        )
    for email, role, errors in (
        ("nobody@example.org", "viewer", "No account uses this email address."),
        ("VIC@example.org", "viewer", "This person is already in the organisation."),
        (w.outsider.email, "owner", "Choose admin or viewer."),
    ):
        with pytest.raises(ValidationError) as e:
            services.organisation_add_member(
                actor=w.admin, organisation=org, email=email, role=role
            )
        assert next(iter(e.value.message_dict.values()))[0].startswith(errors)
    ada = OrganisationRole.objects.get(organisation=org, user=w.admin)
    vic = OrganisationRole.objects.get(organisation=org, user=w.viewer)
    # The only admin can be neither demoted nor removed.
    with pytest.raises(ValidationError) as e:
        services.organisation_change_role(actor=w.admin, role=ada, new_role="viewer")
    assert e.value.message_dict == {
        "role": ["This is the organisation's only admin. Make someone else an admin first."]
    }
    with pytest.raises(ValidationError):
        services.organisation_remove_member(actor=w.admin, role=ada)
    services.organisation_change_role(actor=w.admin, role=vic, new_role="admin")
    services.organisation_change_role(actor=w.viewer, role=ada, new_role="viewer")
    services.organisation_remove_member(actor=w.viewer, role=ada)
    assert _roles(org) == [("vic@example.org", "admin")]
    assert [e.summary for e in selectors.organisation_log(org)] == [
        "ada@example.org removed",
        "ada@example.org is now viewer",
        "vic@example.org is now admin",
        "vic@example.org added as viewer",
        "Organisation added: Riverside Trust",
    ]


def test_an_organisations_banks_and_their_log(db: Any) -> None:
    """Edits from any journey the organisation hosts go to its banks, with a line in the
    journey and one in the organisation's log saying which journey."""
    w = build_world("1", "Breast care")
    org = services.organisation_create(actor=w.facilitator, name="Riverside Trust")
    journey_services.journey_update(
        actor=w.facilitator,
        journey=w.journey,
        title="Breast care",
        purpose="",
        host=org,
        stages=[],
        level="",
        started_on=w.journey.started_on,
        ended_on=None,
        public_you_said=False,
    )
    lenses = builtin("lenses")
    copy = reflection_services.question_remove(
        actor=w.facilitator, journey=w.journey, bank=lenses, question=question(lenses, "distinct")
    )
    summary = (
        f"{copy.title}, version 1 (Riverside Trust): Removed: {question(lenses, 'distinct').text}"
    )
    assert (
        AuditEntry.objects.filter(journey=w.journey, action="bank_version_create").get().summary
        == summary
    )
    assert (
        selectors.organisation_log(org)[0].summary
        == f"From the journey \u201cBreast care\u201d: {summary}"
    )
    assert selectors.shared_banks(org) == [copy]
    # The page shows them to admins; journeys are listed only to those who may open them.
    page = client_for(w.facilitator).get(org.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert copy.title in body and "Breast care" in body
    services.organisation_add_member(
        actor=w.facilitator, organisation=org, email=w.outsider.email, role="viewer"
    )
    seen = client_for(w.outsider).get(org.get_absolute_url())
    assert seen.context["journeys"] == [] and seen.context["other_journeys"] == 1
    assert "banks" not in seen.context and copy.title not in seen.content.decode()


def test_home_links_to_your_organisations(db: Any) -> None:
    w = build_org_world()
    c = client_for(w.viewer)
    assert reverse("organisations:list") in c.get(reverse("journeys:list")).content.decode()
    page = c.get(reverse("organisations:list"))
    assert [r.organisation.name for r in page.context["roles"]] == ["Riverside Trust"]
    r = c.post(reverse("organisations:create"), {"name": "", "kind": ""})
    assert r.status_code == 400
    assert r.context["form"].errors["name"] == ["Enter the name of the organisation."]
    r = c.post(reverse("organisations:create"), {"name": "Parks Friends", "kind": "voluntary"})
    made = Organisation.objects.get(name="Parks Friends")
    assert r.status_code == 302 and r["Location"] == made.get_absolute_url()
    assert _roles(made) == [("vic@example.org", "admin")]


def test_a_facilitator_who_is_not_its_admin_keeps_the_host(db: Any) -> None:
    w = build_world("1", "Breast care")
    org = services.organisation_create(actor=w.facilitator, name="Riverside Trust")
    journey_services.journey_update(
        actor=w.facilitator,
        journey=w.journey,
        title="Breast care",
        purpose="",
        host=org,
        stages=[],
        level="",
        started_on=w.journey.started_on,
        ended_on=None,
        public_you_said=False,
    )
    journey_services.membership_set_role(
        actor=w.facilitator,
        membership=w.journey.memberships.get(user=w.member),
        role="facilitator",
    )
    c = client_for(w.member)
    url = reverse("journeys:settings", kwargs={"slug": w.journey.slug})
    form = c.get(url).context["form"]
    assert [o.pk for o in form.fields["host"].queryset] == [org.pk]
    data = {"title": "Breast care together", "purpose": "", "stages": [], "level": ""}
    assert c.post(url, {**data, "host": str(org.pk)}).status_code == 302
    w.journey.refresh_from_db()
    assert (w.journey.title, w.journey.host) == ("Breast care together", org)
    # Once it has let go of the host, only an admin can choose it again.
    assert c.post(url, {**data, "host": ""}).status_code == 302
    r = c.post(url, {**data, "host": str(org.pk)})
    assert r.status_code == 400
    assert r.context["form"].errors["host"] == [
        "Choose an organisation you are an admin of, or no host organisation."
    ]
    log = list(
        w.journey.audit_entries.filter(action="journey_update").values_list("summary", flat=True)
    )
    assert log[:2] == ["Breast care together; no host organisation now", "Breast care together"]
