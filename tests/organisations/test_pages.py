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
    # 3 more for the network of linked groups (outreach/network.py, a fixed number too), and 13
    # for training, money, trials and leaving across the journeys (3, 2, 2, 6; grouped, fixed).
    with django_assert_max_num_queries(42):
        page = c.get(org.get_absolute_url())
    assert len(page.context["roles"]) == 13 and len(page.context["journeys"]) == 5
    with django_assert_max_num_queries(10):
        page = c.get(reverse("journeys:list"))
    assert "Trust 0" in page.content.decode()


def test_removing_someone_asks_first(db: Any) -> None:
    """Issue 14, item 1: "Remove" sat next to "Change role" in one form, so one stray tap took
    someone out of the organisation. Now it only opens a question; the red button inside does it."""
    import re

    from powerwith.organisations.models import OrganisationRole

    ada = make_user("ada@example.org")
    org = services.organisation_create(actor=ada, name="Trust")
    services.organisation_add_member(
        actor=ada, organisation=org, email=make_user("bo@example.org").email, role="viewer"
    )
    page = client_for(ada).get(org.get_absolute_url()).content.decode()
    bo = OrganisationRole.objects.get(user__email="bo@example.org")
    action = reverse("organisations:member_edit", kwargs={"org_slug": org.slug, "role_pk": bo.pk})
    forms = re.findall(
        r'<form method="post" action="' + re.escape(action) + r'".*?</form>', page, re.S
    )
    # The role form no longer holds a remove button...
    assert any('name="role"' in f and 'name="remove"' not in f for f in forms)
    # ...which is now only inside a closed question that says what will happen.
    confirm = re.search(r'<details class="confirm-inline">(.*?)</details>', page, re.S)
    assert confirm is not None and 'name="remove"' in confirm.group(1)
    assert "Their place in each journey stays as it is" in confirm.group(1)
    assert OrganisationRole.objects.filter(pk=bo.pk).exists()
