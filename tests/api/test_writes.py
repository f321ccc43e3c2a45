"""The API's writes say so in the journey's log: every POST call marks its audit lines as
"through the API" with the token's name (never the token); the pages' lines do not."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.api import api as api_module
from powerwith.api import services
from powerwith.common.models import AuditEntry
from powerwith.gatherings import services as gs
from tests.api.test_api import post
from tests.conftest import World, client_for
from tests.welsh import get_welsh, welsh_client

GATHERING = {
    "title": "Coffee morning",
    "kind": "informal_session",
    "held_on": "2025-02-04",
    "venue_kind": "community",
}


def test_every_write_call_marks_its_log_lines() -> None:
    posts = [
        (path, op.view_func)
        for path, router in api_module.api._routers[0][1].path_operations.items()
        for op in router.operations
        if "POST" in op.methods
    ]
    assert len(posts) >= 8
    assert [path for path, view in posts if not getattr(view, "through_api", False)] == []


def test_a_change_through_the_api_says_so_in_the_log(db: Any, world: World) -> None:
    _stored, secret = services.token_create(
        actor=world.member, name="Sheet sync", scope="write", days=30
    )
    made = post(secret, f"/journeys/{world.journey.slug}/gatherings", GATHERING)
    assert made.status_code == 201
    # The same change on the page's service, outside the API: no mark.
    gs.gathering_create(
        actor=world.member,
        journey=world.journey,
        title="Walk",
        kind="informal_session",
        held_on=datetime.date(2025, 2, 5),
        venue_kind="community",
    )
    lines = AuditEntry.objects.filter(journey=world.journey, action="gathering_create").order_by(
        "id"
    )
    assert [(e.actor, e.through, e.through_name) for e in lines] == [
        (world.member, "api", "Sheet sync"),
        (world.member, "", ""),
    ]
    assert secret not in str(list(AuditEntry.objects.values_list()))
    page = client_for(world.facilitator).get(f"/j/{world.journey.slug}/log/").content.decode()
    assert page.count("through the API, with the token “Sheet sync”") == 1
    # Welsh readers see it in Welsh.
    cy = get_welsh(welsh_client(world.facilitator), f"/j/{world.journey.slug}/log/")
    assert "drwy'r API, gyda'r tocyn “Sheet sync”" in cy
