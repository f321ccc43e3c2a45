"""The API: tokens (shown once, stored hashed, revoked, expired), the same access rules as the
pages on every call, the records and figures it reads, its schema, and its rate limit."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.api import services
from powerwith.api.models import ApiToken
from powerwith.common.models import AuditEntry
from powerwith.contributions.models import Contribution
from powerwith.decisions import services as ds
from powerwith.insights.selectors import for_viewer, insights_for
from tests.conftest import World, build_world, client_for
from tests.insights.builders import came, fate, gathering, person, raise_

D = datetime.date
NOT_FOUND = {"detail": "Not found.", "errors": {}}


def token(user: Any, scope: str = "read", days: int = 30) -> str:
    return services.token_create(actor=user, name="My script", scope=scope, days=days)[1]


def get(secret: str | None, path: str, **query: Any) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return Client().get(f"/api/v1{path}", query, **headers)


def seed(w: World) -> dict[str, Any]:
    ann = person(w, "Ann", "service_user")
    bob = person(w, "Bob", "frontline_staff")
    g = gathering(w, D(2025, 2, 3))
    came(w, g, ann, bob)
    c = raise_(w, "Clearer letters", "gathering", D(2025, 2, 3), by=ann, gathering=g)
    raise_(w, "Open later", "paper", D(2025, 2, 10))
    fate(w, c, "done", D(2025, 3, 1), change_level="organisational_service")
    d = ds.decision_create(
        actor=w.facilitator,
        journey=w.journey,
        text="New letters",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=D(2025, 3, 3),
        gathering=g,
    )
    return {"gathering": g, "contribution": c, "decision": d}


def test_a_token_is_shown_once_and_stored_hashed(db: Any, world: World) -> None:
    stored, secret = services.token_create(
        actor=world.member, name="Dashboard sync", scope="read", days=90
    )
    assert secret.startswith("pw_") and len(secret) > 40
    assert stored.digest == services.digest_of(secret) and secret not in stored.digest
    assert not ApiToken.objects.filter(digest=secret).exists()
    assert stored.prefix == secret[:10]
    assert stored.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    assert AuditEntry.objects.filter(action="api_token.create", actor=world.member).count() == 1


def test_the_account_page_makes_shows_once_and_revokes(db: Any, world: World) -> None:
    c = client_for(world.member)
    url = reverse("api_account:tokens")
    page = c.get(url)
    assert page.status_code == 200 and "None yet." in page.content.decode()
    bad = c.post(url, {"name": "", "scope": "read", "days": "90"})
    assert bad.status_code == 400
    made = c.post(url, {"name": "Sync", "scope": "write", "days": "7"})
    html = made.content.decode()
    t = ApiToken.objects.get(user=world.member)
    secret = html.split('<code class="token-secret">')[1].split("<")[0]
    assert services.digest_of(secret) == t.digest and t.scope == "write"
    # Shown once: the next page has its first characters only.
    again = c.get(url).content.decode()
    assert secret not in again and t.prefix in again
    assert get(secret, "/journeys").status_code == 200
    # Someone else cannot revoke it.
    other = client_for(world.observer).post(reverse("api_account:revoke", args=[t.pk]))
    assert other.status_code == 404
    c.post(reverse("api_account:revoke", args=[t.pk]))
    t.refresh_from_db()
    assert t.revoked_at is not None
    assert get(secret, "/journeys").status_code == 401


def test_without_a_live_token_every_call_is_refused(db: Any, world: World) -> None:
    assert get(None, "/journeys").status_code == 401
    assert get("pw_made-up", "/journeys").json() == {
        "detail": "Send a live personal access token: Authorization: Bearer pw_… (make one on "
        "your account page).",
        "errors": {},
    }
    old = token(world.member, days=1)
    ApiToken.objects.update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert get(old, "/journeys").status_code == 401
    world.member.is_active = False
    world.member.save()
    fresh = token(world.member)
    assert get(fresh, "/journeys").status_code == 401


def test_the_same_rules_as_the_pages(db: Any, world: World) -> None:
    seed(world)
    slug = world.journey.slug
    other = build_world("2", "Another journey")
    outsider = token(other.facilitator)
    for path in ("", "/gatherings", "/contributions", "/decisions", "/insights"):
        r = get(outsider, f"/journeys/{slug}{path}")
        assert r.status_code == 404 and r.json() == NOT_FOUND, path
        assert get(token(world.observer), f"/journeys/{slug}{path}").status_code == 200, path
    # A journey that does not exist answers the same as one you are not in.
    assert get(outsider, "/journeys/no-such-journey").json() == NOT_FOUND
    mine = get(outsider, "/journeys").json()
    assert [j["slug"] for j in mine["items"]] == [other.journey.slug]


def test_the_records_and_figures(db: Any, world: World, settings: Any) -> None:
    made = seed(world)
    slug = world.journey.slug
    secret = token(world.observer)
    j = get(secret, f"/journeys/{slug}").json()
    assert j == {
        "slug": slug,
        "title": "Better breast care",
        "purpose": "Improve the breast care service together.",
        "stages": ["co_design"],
        "level": "service",
        "started_on": "2025-01-06",
        "ended_on": None,
        "host": None,
        "your_role": "observer",
    }
    gs = get(secret, f"/journeys/{slug}/gatherings").json()
    assert gs["count"] == 1 and gs["items"][0]["id"] == made["gathering"].pk
    cs = get(secret, f"/journeys/{slug}/contributions").json()
    assert cs["count"] == 2
    first = cs["items"][0]
    assert first["id"] == made["contribution"].pk and first["fate"] == "done"
    assert first["change_level"] == "organisational_service"
    assert first["raiser_side"] == "lived" and "Ann" not in str(cs)
    assert cs["items"][1]["fate"] == "new" and cs["items"][1]["anonymous"] is True
    page = get(secret, f"/journeys/{slug}/contributions", limit=1, offset=1).json()
    assert page["count"] == 2 and [c["text"] for c in page["items"]] == ["Open later"]
    dec = get(secret, f"/journeys/{slug}/decisions").json()["items"]
    assert [(d["rung"], d["taken_by"]) for d in dec] == [("co_designing", "group_consensus")]
    settings.FIGURES_CACHE = False
    figures = get(secret, f"/journeys/{slug}/insights").json()
    # An observer gets the document without the sections for facilitators only (care).
    expected = for_viewer(insights_for(world.journey), can_manage=False)
    assert "care" not in figures["sections"] and "care" in insights_for(world.journey)["sections"]
    assert figures["sections"]["record"]["follow_through"]["acted_upon_rate"] == 0.5
    assert figures["sections"] == expected["sections"]
    assert figures["warnings"] == expected["warnings"]


def test_a_page_beyond_what_the_database_can_count_is_refused(db: Any, world: World) -> None:
    """Schemathesis found this: an offset past a 64-bit integer was a server error on SQLite."""
    secret = token(world.member)
    for query in ({"offset": 2**63}, {"offset": -1}, {"limit": 501}, {"limit": 0}):
        r = get(secret, "/journeys", **query)
        assert r.status_code == 400, query
        assert r.json()["detail"] == "Some of what was sent is not right.", query
        assert list(r.json()["errors"]) == list(query), query
    assert get(secret, "/journeys", limit=500, offset=2**31 - 1).json() == {"items": [], "count": 1}


def test_the_schema_is_served(db: Any) -> None:
    r = Client().get("/api/v1/openapi.json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["info"]["version"] == "1"
    j = "/api/v1/journeys/{journey_slug}"
    assert set(schema["paths"]) == {
        "/api/v1/journeys",
        j,
        j + "/people",
        j + "/members",
        j + "/invitations",
        j + "/gatherings",
        j + "/gatherings/{gathering_id}",
        j + "/gatherings/{gathering_id}/agenda",
        j + "/gatherings/{gathering_id}/attendance",
        j + "/gatherings/{gathering_id}/turns",
        j + "/contributions",
        j + "/contributions/{contribution_id}",
        j + "/contributions/{contribution_id}/fate",
        j + "/decisions",
        j + "/votes",
        j + "/votes/{vote_id}",
        j + "/votes/{vote_id}/ballot",
        j + "/statement-rounds",
        j + "/statement-rounds/{round_id}",
        j + "/statement-rounds/{round_id}/responses",
        j + "/reflection-rounds",
        j + "/reflection-rounds/{round_id}",
        j + "/insights",
        j + "/people/{person_id}",
        j + "/votes/{vote_id}/open",
        j + "/votes/{vote_id}/close",
        j + "/statement-rounds/{round_id}/open",
        j + "/statement-rounds/{round_id}/close",
        j + "/statement-rounds/{round_id}/statements/{statement_id}/moderation",
        j + "/decisions/{decision_id}",
        j + "/votes/{vote_id}/items",
        j + "/statement-rounds/{round_id}/statements",
        "/api/v1/organisations",
        "/api/v1/organisations/{org_slug}/insights",
    }
    # Every call says what each of its errors looks like: one shape for all.
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            for status in ("400", "401", "403", "404", "429"):
                ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (path, method, status)


def test_who_has_access_and_the_invitations_not_yet_used(db: Any, world: World) -> None:
    """The members page in figures: everyone in the journey sees who has access; only
    facilitators see the invitations not yet used, and never a link (none is kept)."""
    from powerwith.journeys import services as js

    inv = js.invitation_create(
        actor=world.facilitator, journey=world.journey, email="nia@example.org", role="observer"
    )
    used = js.invitation_create(
        actor=world.facilitator, journey=world.journey, email="ola@example.org", role="member"
    )
    from tests.conftest import make_user

    js.invitation_accept(user=make_user("ola@example.org", "Ola"), token=used.token or "")
    slug = world.journey.slug
    seen = get(token(world.observer), f"/journeys/{slug}/members").json()
    assert seen["count"] == 4
    rows = seen["items"]
    assert [r["role"] for r in rows] == ["facilitator", "member", "member", "observer"]
    assert {"name": "Ola", "role": "member", "person_id": None} in rows
    assert all(set(r) == {"name", "role", "person_id"} for r in rows)
    assert get(token(world.member), f"/journeys/{slug}/invitations").status_code == 403
    assert get(token(world.outsider), f"/journeys/{slug}/members").status_code == 404
    pending = get(token(world.facilitator), f"/journeys/{slug}/invitations").json()
    assert pending["count"] == 1
    (row,) = pending["items"]
    assert row["id"] == inv.pk and row["email"] == "nia@example.org" and row["role"] == "observer"
    assert inv.token and inv.token not in str(pending)
    assert "token" not in str(list(row))


def test_calls_are_rate_limited(db: Any, world: World, settings: Any) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "api": (2, 60)}
    secret = token(world.member)
    assert [get(secret, "/journeys").status_code for _ in range(3)] == [200, 200, 429]


def post(secret: str, path: str, body: dict[str, Any]) -> Any:
    return Client().post(
        f"/api/v1{path}",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


def test_writes_go_through_the_services_with_the_pages_rules(db: Any, world: World) -> None:
    slug = world.journey.slug
    base = f"/journeys/{slug}/contributions"
    body = {
        "text": "Quieter waiting room",
        "channel": "paper",
        "raised_on": "2025-02-10",
        "anonymous": True,
    }
    # A read-only token changes nothing, whatever the role; an observer cannot record.
    r = post(token(world.member), base, body)
    assert r.status_code == 403 and "read only" in r.json()["detail"]
    assert post(token(world.observer, "write"), base, body).status_code == 403
    other = build_world("2", "Another journey")
    assert post(token(other.facilitator, "write"), base, body).status_code == 404
    secret = token(world.member, "write")
    made = post(secret, base, body)
    assert made.status_code == 201
    c = made.json()
    assert (c["text"], c["channel"], c["raised_on"], c["fate"]) == (
        "Quieter waiting room",
        "paper",
        "2025-02-10",
        "new",
    )
    assert AuditEntry.objects.filter(journey=world.journey, actor=world.member).exists()
    bad = post(secret, base, {"text": " ", "channel": "paper", "anonymous": True})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {
        "text": ["Write what was raised, in the person's own words if you can."]
    }
    fate_url = f"{base}/{c['id']}/fate"
    no_level = post(secret, fate_url, {"fate": "done", "on": "2025-03-01"})
    assert no_level.status_code == 400 and "change_level" in no_level.json()["errors"]
    done = post(
        secret,
        fate_url,
        {"fate": "done", "on": "2025-03-01", "change_level": "organisational_service"},
    )
    assert done.status_code == 200
    assert (done.json()["fate"], done.json()["fate_changed_on"]) == ("done", "2025-03-01")
    # Another journey's contribution through this journey's address: not found.
    theirs = post(
        token(other.facilitator, "write"), f"/journeys/{other.journey.slug}/contributions", body
    )
    r = post(secret, f"{base}/{theirs.json()['id']}/fate", {"fate": "considering"})
    assert r.status_code == 404

    # Someone of the journey's register raised it: their side is kept, as on the page.
    ann = person(world, "Ann", "service_user")
    named = post(secret, base, {"text": "Bigger print", "channel": "paper", "raised_by_id": ann.pk})
    assert named.status_code == 201 and named.json()["raiser_side"] == "lived"
    stranger = person(other, "Stranger", "carer")
    r = post(secret, base, {"text": "x", "channel": "paper", "raised_by_id": stranger.pk})
    assert r.status_code == 400
    assert r.json()["errors"] == {"raised_by_id": ["Choose a person from this journey."]}


def test_praise_or_a_problem_is_written_and_read(db: Any, world: World) -> None:
    slug = world.journey.slug
    base = f"/journeys/{slug}/contributions"
    secret = token(world.member, "write")
    body = {"text": "Kind nurses", "channel": "paper", "anonymous": True, "kind": "praise"}
    made = post(secret, base, body)
    assert made.status_code == 201 and made.json()["kind"] == "praise"
    c = Contribution.objects.get(pk=made.json()["id"])
    assert c.kind == "praise"
    plain = post(secret, base, {"text": "Parking", "channel": "paper", "anonymous": True})
    assert plain.status_code == 201 and plain.json()["kind"] == ""
    bad = post(secret, base, {**body, "kind": "great"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {
        "kind": ["Choose whether it is praise or a problem, or neither."]
    }
    assert Contribution.objects.filter(journey=world.journey).count() == 2
    listed = get(token(world.observer), base).json()["items"]
    assert [(x["text"], x["kind"]) for x in listed] == [("Kind nurses", "praise"), ("Parking", "")]
    one = get(token(world.observer), f"{base}/{c.pk}").json()
    assert one["kind"] == "praise"
    # The list filtered as the contributions page filters it.
    only = get(token(world.observer), f"{base}?kind=praise").json()["items"]
    assert [x["text"] for x in only] == ["Kind nurses"]
    assert get(token(world.observer), f"{base}?kind=problem").json()["items"] == []
    wrong = get(token(world.observer), f"{base}?kind=great")
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"kind": ["Choose praise or problem, or leave it out."]}
