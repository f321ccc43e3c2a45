"""Organisation pages read a fixed number of rows however many organisations, people or
journeys there are."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from powerwith.journeys import services as journey_services
from powerwith.organisations import services
from tests.conftest import client_for, make_user


def test_query_counts_do_not_grow(db: Any, django_assert_max_num_queries: Any) -> None:
    ada = make_user("ada@example.org")
    orgs = [services.organisation_create(actor=ada, name=f"Trust {i}") for i in range(6)]
    org = orgs[0]
    for i in range(12):
        services.organisation_add_member(
            actor=ada, organisation=org, email=make_user(f"p{i}@example.org").email, role="viewer"
        )
    for i in range(5):
        journey_services.journey_create(
            actor=ada, title=f"Journey {i}", host=org, started_on=datetime.date(2025, 1, 6)
        )
    c = client_for(ada)
    with django_assert_max_num_queries(8):
        page = c.get(reverse("organisations:list"))
    assert len(page.context["roles"]) == 6
    # 15 for the page itself (one is the signed-in session's check, common/sessions.py), and a
    # fixed number for the view across its journeys (tests/insights/test_organisation.py: the
    # same with 3 or 30 journeys).
    # 3 more for the network of linked groups (outreach/network.py, a fixed number too).
    with django_assert_max_num_queries(29):
        page = c.get(org.get_absolute_url())
    assert len(page.context["roles"]) == 13 and len(page.context["journeys"]) == 5
    with django_assert_max_num_queries(10):
        page = c.get(reverse("journeys:list"))
    assert "Trust 0" in page.content.decode()
