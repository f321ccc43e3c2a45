"""What one write request asks the database (bench/README.md, "CPU per write"): the membership
is read once per request, by the journey view's gate, and reused by the service's own check;
a change of membership inside the request is seen at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerwith.common.access import NotAllowed, journey_view, membership_for, require
from powerwith.gatherings.models import SpeakingTurn
from powerwith.journeys.models import Membership
from tests.people.builders import gathering, person

pytestmark = pytest.mark.django_db


def _membership_reads(queries: CaptureQueriesContext) -> int:
    return sum('FROM "journeys_membership"' in q["sql"] for q in queries.captured_queries)


def test_a_tap_reads_the_membership_once_and_asks_nothing_first(world, client):
    ann = person(world, "Ann")
    g = gathering(world)
    client.force_login(world.member)
    tap = reverse("gatherings:tap", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk})
    with CaptureQueriesContext(connection) as queries:
        r = client.post(tap, {"person": ann.pk, "client_token": "tap-1"})
    assert r.status_code == 302
    assert _membership_reads(queries) == 1
    # An untimed tap does not look its token up before recording it: the service does.
    lookups = [q for q in queries.captured_queries if "tap-1" in q["sql"] and "SELECT" in q["sql"]]
    assert len(lookups) == 1
    # Sent again with its token: still one turn.
    r = client.post(tap, {"person": ann.pk, "client_token": "tap-1"})
    assert r.status_code == 302
    assert SpeakingTurn.objects.filter(client_token="tap-1").count() == 1


def test_a_change_of_membership_inside_the_request_is_seen(world):
    seen: list[str] = []

    @journey_view("record")
    def view(request, access):
        require(request.user, access.journey, "record")  # from the gate, no query
        m = Membership.objects.get(journey=access.journey, user=request.user)
        m.role = "observer"
        m.save()
        with pytest.raises(NotAllowed):
            require(request.user, access.journey, "record")
        seen.append("refused")
        m.delete()
        assert membership_for(request.user, access.journey) is None
        seen.append("gone")
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().post("/")
    request.user = world.member
    with CaptureQueriesContext(connection) as queries:
        assert view(request, slug=world.journey.slug).status_code == 200
    assert seen == ["refused", "gone"]
    assert _membership_reads(queries) >= 3  # the gate, the refused check, the one after delete


def test_the_gate_is_forgotten_when_the_view_returns(world):
    @journey_view("view")
    def view(request, access):
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = world.member
    view(request, slug=world.journey.slug)
    # An UPDATE sends no signal: only the gate's reset can make the next check read again.
    Membership.objects.filter(journey=world.journey, user=world.member).update(role="observer")
    with CaptureQueriesContext(connection) as queries, pytest.raises(NotAllowed):
        require(world.member, world.journey, "record")
    assert _membership_reads(queries) == 1
