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
    assert "drwy’r API, gyda’r tocyn “Sheet sync”" in cy


def _token(user: Any, scope: str = "write") -> str:
    return services.token_create(actor=user, name="Sheet sync", scope=scope, days=30)[1]


def test_facilitators_open_and_close_votes_and_a_repeat_changes_nothing(
    db: Any, world: World
) -> None:
    from powerwith.decisions import services as ds

    vote = ds.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="What first",
        method="dot",
        labels=["A", "B"],
    )
    base = f"/journeys/{world.journey.slug}/votes/{vote.pk}"
    # A member with a read-and-write token, and the facilitator with a read-only one: the
    # pages' refusal, in the one error shape.
    refused = post(_token(world.member), f"{base}/open", {})
    assert refused.status_code == 403 and refused.json()["errors"] == {}
    assert post(_token(world.facilitator, "read"), f"{base}/open", {}).status_code == 403
    assert post(_token(world.outsider), f"{base}/open", {}).status_code == 404
    secret = _token(world.facilitator)
    first = post(secret, f"{base}/open", {})
    assert first.status_code == 200 and first.json()["changed"] is True
    assert first.json()["vote"]["state"] == "open"
    again = post(secret, f"{base}/open", {})
    assert again.status_code == 200 and again.json()["changed"] is False
    closed = post(secret, f"{base}/close", {})
    assert closed.json()["changed"] is True and closed.json()["vote"]["state"] == "closed"
    assert post(secret, f"{base}/close", {}).json()["changed"] is False
    lines = AuditEntry.objects.filter(journey=world.journey, action__in=["vote_open", "vote_close"])
    assert sorted((e.action, e.through, e.through_name) for e in lines) == [
        ("vote_close", "api", "Sheet sync"),
        ("vote_open", "api", "Sheet sync"),
    ]


def test_a_vote_with_one_item_is_not_opened(db: Any, world: World) -> None:
    from powerwith.decisions import services as ds

    vote = ds.vote_create(
        actor=world.facilitator, journey=world.journey, title="Only", method="dot", labels=["A"]
    )
    r = post(_token(world.facilitator), f"/journeys/{world.journey.slug}/votes/{vote.pk}/open", {})
    assert r.status_code == 400
    assert r.json()["errors"] == {
        "__all__": ["A vote needs at least two items. Add more items first."]
    }


def test_statement_rounds_closed_opened_and_moderated(db: Any, world: World) -> None:
    from powerwith.commonground import services as cg
    from powerwith.commonground.models import Statement

    rnd = cg.round_create(
        actor=world.facilitator, journey=world.journey, question="What matters?", statements=["A"]
    )
    statement = Statement.objects.get(round=rnd)
    base = f"/journeys/{world.journey.slug}/statement-rounds/{rnd.pk}"
    secret = _token(world.facilitator)
    assert post(_token(world.member), f"{base}/close", {}).status_code == 403
    assert post(secret, f"{base}/open", {}).json()["changed"] is False  # already open
    closed = post(secret, f"{base}/close", {})
    assert closed.status_code == 200 and closed.json()["round"]["is_open"] is False
    assert post(secret, f"{base}/close", {}).json()["changed"] is False
    assert post(secret, f"{base}/open", {}).json()["round"]["is_open"] is True
    url = f"{base}/statements/{statement.pk}/moderation"
    assert post(_token(world.member), url, {"moderation": "rejected"}).status_code == 403
    bad = post(secret, url, {"moderation": "pending"})
    assert (bad.status_code, bad.json()["errors"]) == (
        400,
        {"moderation": ["Choose to accept it or not."]},
    )
    done = post(secret, url, {"moderation": "rejected"}).json()
    assert (done["moderation"], done["changed"]) == ("rejected", True)
    assert post(secret, url, {"moderation": "rejected"}).json()["changed"] is False
    statement.refresh_from_db()
    assert statement.moderation == "rejected"
    assert post(
        secret, f"{base}/statements/999999/moderation", {"moderation": "accepted"}
    ).json() == {
        "detail": "Not found.",
        "errors": {},
    }
    assert (
        AuditEntry.objects.filter(
            journey=world.journey, action="statement_reject", through="api"
        ).count()
        == 1
    )


def test_decisions_and_people_through_the_services(db: Any, world: World) -> None:
    secret = _token(world.member)
    base = f"/journeys/{world.journey.slug}"
    bad = post(secret, f"{base}/decisions", {"text": " ", "taken_by": "x", "rung": "y"})
    assert (bad.status_code, bad.json()["errors"]) == (
        400,
        {"text": ["Write what was decided, in plain words."]},
    )
    made = post(
        secret,
        f"{base}/decisions",
        {
            "text": "New letters",
            "taken_by": "group_consensus",
            "rung": "co_designing",
            "decided_on": "2025-03-03",
            "where_outside": "The trust's board",
        },
    )
    assert made.status_code == 201
    assert (made.json()["text"], made.json()["rung"], made.json()["where_outside"]) == (
        "New letters",
        "co_designing",
        "The trust's board",
    )
    assert (
        post(
            _token(world.observer), f"{base}/decisions", {"text": "x", "taken_by": "x", "rung": "x"}
        ).status_code
        == 403
    )

    person = post(
        secret, f"{base}/people", {"name": "Ann", "role": "service_user", "joined_on": "2025-01-06"}
    )
    assert person.status_code == 201
    assert {k: person.json()[k] for k in ("name", "role", "side")} == {
        "name": "Ann",
        "role": "service_user",
        "side": "lived",
    }
    empty = post(secret, f"{base}/people/{person.json()['id']}", {"name": " "})
    assert empty.json()["errors"] == {
        "name": ["Enter a name. A first name or a pseudonym is fine."]
    }
    renamed = post(secret, f"{base}/people/{person.json()['id']}", {"name": "Annie"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Annie"
    lines = AuditEntry.objects.filter(
        journey=world.journey, action__in=["decision_create", "person_create", "person_update"]
    )
    assert sorted((e.action, e.through) for e in lines) == [
        ("decision_create", "api"),
        ("person_create", "api"),
        ("person_update", "api"),
    ]


def test_a_nul_character_in_a_body_is_taken_out(db: Any, world: World) -> None:
    """Schemathesis found this on PostgreSQL: a NUL (``\\x00``) in a JSON body's text reached the
    database, which cannot store one in text (a server error). It is taken out, as the pages'
    forms do (``common.middleware.StripNulMiddleware``), keys and values, at any depth."""
    secret = _token(world.member)
    base = f"/journeys/{world.journey.slug}"
    made = post(
        secret,
        f"{base}/contributions",
        {
            "text": "Clearer\x00 letters",
            "channel": "paper",
            "anonymous": True,
            "tags": ["Le\x00tters"],
        },
    )
    assert made.status_code == 201
    assert made.json()["text"] == "Clearer letters"
    detail = post(secret, f"{base}/contributions/{made.json()['id']}/fate", {"fate": "considering"})
    assert detail.json()["tags"] == ["Letters"]
