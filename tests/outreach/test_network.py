"""The organisation's network panel: groups of the journeys the viewer is part of, the others
only added up, shared groups named only through the viewer's own journeys, a fixed number of
queries whatever the number of journeys."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from powerwith.journeys import services as journey_services
from powerwith.organisations import services as org_services
from powerwith.outreach import services
from powerwith.outreach.network import network_figures
from tests.conftest import make_user

D = datetime.date


def _link(actor, journey, name, kind="user_led", acts=0):
    g = services.linked_group_create(
        actor=actor, journey=journey, name=name, kind=kind, since=D(2025, 1, 1)
    )
    for i in range(acts):
        services.joint_activity_add(actor=actor, group=g, on=D(2025, 2, 1 + i), what="Together")
    return g


@pytest.fixture
def org(db):
    admin = make_user("ada@example.org", "Ada")
    other = make_user("bo@example.org", "Bo")
    viewer = make_user("vi@example.org", "Vi")
    org = org_services.organisation_create(actor=admin, name="Riverside Trust")
    org_services.organisation_add_member(
        actor=admin, organisation=org, email=other.email, role="admin"
    )
    org_services.organisation_add_member(
        actor=admin, organisation=org, email=viewer.email, role="viewer"
    )
    mine = journey_services.journey_create(actor=admin, title="Mine", host=org)
    theirs = journey_services.journey_create(actor=other, title="Theirs", host=org)
    third = journey_services.journey_create(actor=other, title="Third", host=org)
    _link(admin, mine, "Carers Together", acts=2)
    _link(admin, mine, "Faster Diagnosis Now", kind="campaign")
    _link(other, theirs, "  carers together ", acts=1)
    _link(other, theirs, "Secret Society", kind="network", acts=1)
    _link(other, third, "Secret Society", kind="network")
    return {"org": org, "admin": admin, "viewer": viewer, "mine": mine}


def test_network_for_someone_in_one_journey(org):
    doc = network_figures(org["org"], org["admin"])
    assert (
        doc["journeys"],
        doc["journeys_with_links"],
        doc["links"],
        doc["groups"],
        doc["activities"],
    ) == (
        3,
        3,
        5,
        3,
        4,
    )
    assert doc["yours"] == [
        {
            "slug": org["mine"].slug,
            "title": "Mine",
            "groups": [
                {
                    "name": "Carers Together",
                    "kind": "user_led",
                    "kind_label": "User-led group",
                    "current": True,
                    "activities": 2,
                    "journeys_linked": 2,
                },
                {
                    "name": "Faster Diagnosis Now",
                    "kind": "campaign",
                    "kind_label": "Campaign",
                    "current": True,
                    "activities": 0,
                    "journeys_linked": 1,
                },
            ],
            "activities": 2,
        }
    ]
    assert doc["shared"] == [
        {"name": "Carers Together", "journeys": 2, "your_journeys": ["Mine"], "activities": 3}
    ]
    assert doc["shared_not_yours"] == 1  # Secret Society: only journeys Ada is not part of
    assert doc["others"] == {"journeys": 2, "links": 3, "activities": 2}


def test_the_page_names_no_group_of_journeys_the_viewer_cannot_open(
    client, org, django_assert_max_num_queries
):
    client.force_login(org["viewer"])
    url = reverse("organisations:detail", kwargs={"org_slug": org["org"].slug})
    page = client.get(url).content.decode()
    assert "Groups and networks the journeys work with" in page
    assert "Secret Society" not in page and "Carers Together" not in page
    client.force_login(org["admin"])
    page = client.get(url).content.decode()
    assert "Carers Together" in page and "Secret Society" not in page
    for i in range(5):
        j = journey_services.journey_create(actor=org["admin"], title=f"More {i}", host=org["org"])
        _link(org["admin"], j, f"Group {i}", acts=1)
    with django_assert_max_num_queries(3):
        network_figures(org["org"], org["admin"])
