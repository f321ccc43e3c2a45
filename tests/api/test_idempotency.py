"""Changes through the API sent again with the same ``Idempotency-Key``: the first answer
again, nothing changed twice; the same key with another request refused; keys per token, kept
a day, forgotten with a revoked token; and the header in the OpenAPI document."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.test import Client
from django.utils import timezone

from powerwith.api import services
from powerwith.api.models import IdempotencyKey
from powerwith.common.models import AuditEntry
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.gatherings.models import SpeakingTurn
from powerwith.people.models import Person
from powerwith.rights import services as rights
from tests.conftest import World
from tests.insights.builders import came, gathering, person

DECISION = {
    "text": "New letters",
    "taken_by": "group_consensus",
    "rung": "co_designing",
    "decided_on": "2025-03-03",
    "where_outside": "The trust's board",
}


def token(user: Any, scope: str = "write") -> str:
    return services.token_create(actor=user, name="Sheet sync", scope=scope, days=30)[1]


def send(secret: str, path: str, body: Any, key: str | None = None, raw: bool = False) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    data = body if raw else json.dumps(body)
    return Client().post(f"/api/v1{path}", data, content_type="application/json", **headers)


def test_the_same_key_gets_the_first_answer_and_changes_nothing(db: Any, world: World) -> None:
    secret = token(world.member)
    path = f"/journeys/{world.journey.slug}/decisions"
    first = send(secret, path, DECISION, key="6f1c0e58-4d0b-4a8e-9a51-0c2b7d1f3e11")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    # The same body, its keys in another order and spaced otherwise: the same request.
    again_body = json.dumps(dict(reversed(list(DECISION.items()))), indent=2)
    again = send(secret, path, again_body, key="6f1c0e58-4d0b-4a8e-9a51-0c2b7d1f3e11", raw=True)
    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert Decision.objects.filter(journey=world.journey).count() == 1
    assert AuditEntry.objects.filter(journey=world.journey, action="decision_create").count() == 1
    # A new key is a new change; no key at all is too, as before.
    assert send(secret, path, DECISION, key="second").status_code == 201
    assert send(secret, path, DECISION).status_code == 201
    assert Decision.objects.filter(journey=world.journey).count() == 3


def test_the_same_key_with_another_request_is_refused(db: Any, world: World) -> None:
    secret = token(world.member)
    base = f"/journeys/{world.journey.slug}"
    assert send(secret, f"{base}/decisions", DECISION, key="k1").status_code == 201
    other = send(secret, f"{base}/decisions", {**DECISION, "text": "Other letters"}, key="k1")
    assert other.status_code == 422
    assert other.json() == {
        "detail": "This Idempotency-Key was sent before with a different request. Send a new "
        "key with each new change, and the same key only when you send the same change again.",
        "errors": {},
    }
    # Another call with the same key: refused the same way.
    person_ = {"name": "Ann", "role": "service_user", "joined_on": "2025-01-06"}
    assert send(secret, f"{base}/people", person_, key="k1").status_code == 422
    assert Decision.objects.filter(journey=world.journey).count() == 1
    assert not Person.objects.filter(journey=world.journey, name="Ann").exists()


def test_a_refused_change_keeps_no_key(db: Any, world: World) -> None:
    secret = token(world.member)
    path = f"/journeys/{world.journey.slug}/decisions"
    bad = send(secret, path, {**DECISION, "text": " "}, key="k2")
    assert bad.status_code == 400
    assert not IdempotencyKey.objects.exists()
    # Nothing was changed, so the same key may carry the change once it is put right.
    assert send(secret, path, DECISION, key="k2").status_code == 201
    # A read-only token's refusal keeps nothing either.
    assert send(token(world.member, "read"), path, DECISION, key="k3").status_code == 403
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["k2"]


def test_a_bad_key_is_a_400_naming_the_header(db: Any, world: World) -> None:
    secret = token(world.member)
    path = f"/journeys/{world.journey.slug}/decisions"
    for key in ("", "has space", "x" * 256):
        r = send(secret, path, DECISION, key=key)
        assert r.status_code == 400, key
        assert r.json() == {
            "detail": "Some of what was sent is not right.",
            "errors": {
                "Idempotency-Key": [
                    "Send a key of 1 to 255 letters, digits or signs, with no spaces, such as a "
                    "new random UUID for each change."
                ]
            },
        }
    assert Decision.objects.count() == 0
    assert send(secret, path, DECISION, key="x" * 255).status_code == 201


def test_keys_are_per_token_and_kept_a_day(db: Any, world: World) -> None:
    mine, theirs = token(world.member), token(world.facilitator)
    path = f"/journeys/{world.journey.slug}/decisions"
    assert send(mine, path, DECISION, key="same").status_code == 201
    # Another token's key of the same name is its own.
    assert send(theirs, path, DECISION, key="same").status_code == 201
    assert Decision.objects.count() == 2
    # A day later the key is forgotten: the same key makes the change again.
    IdempotencyKey.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert send(mine, path, DECISION, key="same").status_code == 201
    assert Decision.objects.count() == 3
    # Forgotten on the way: only the new one, and the other token's old one, are left.
    assert IdempotencyKey.objects.count() == 2


def test_a_revoked_token_forgets_its_keys(db: Any, world: World) -> None:
    stored, secret = services.token_create(
        actor=world.member, name="Sheet sync", scope="write", days=30
    )
    send(secret, f"/journeys/{world.journey.slug}/decisions", DECISION, key="k")
    assert IdempotencyKey.objects.filter(token=stored).count() == 1
    services.token_revoke(actor=world.member, token=stored)
    assert IdempotencyKey.objects.filter(token=stored).count() == 0


def test_a_repeat_needs_the_journey_still(db: Any, world: World) -> None:
    from powerwith.journeys import services as js
    from powerwith.journeys.models import Membership

    secret = token(world.member)
    path = f"/journeys/{world.journey.slug}/decisions"
    assert send(secret, path, DECISION, key="k").status_code == 201
    js.membership_remove(
        actor=world.facilitator,
        membership=Membership.objects.get(journey=world.journey, user=world.member),
    )
    assert send(secret, path, DECISION, key="k").json() == {"detail": "Not found.", "errors": {}}


def test_a_repeated_tap_and_contribution_count_once(db: Any, world: World) -> None:
    ann = person(world, "Ann", "service_user")
    g = gathering(world, datetime.date(2025, 2, 3))
    came(world, g, ann)
    secret = token(world.member)
    base = f"/journeys/{world.journey.slug}"
    tap = {"person_id": ann.pk}
    first = send(secret, f"{base}/gatherings/{g.pk}/turns", tap, key="tap-1")
    again = send(secret, f"{base}/gatherings/{g.pk}/turns", tap, key="tap-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["counted"] is True and again.content == first.content
    assert SpeakingTurn.objects.filter(gathering=g).count() == 1
    # The key is the tap's own token too, so the turn's own rule keeps it once even when the
    # kept answer is gone (forgotten after a day).
    assert SpeakingTurn.objects.get(gathering=g).client_token is not None
    IdempotencyKey.objects.all().delete()
    late = send(secret, f"{base}/gatherings/{g.pk}/turns", tap, key="tap-1")
    assert (late.status_code, late.json()["counted"]) == (200, False)
    assert SpeakingTurn.objects.filter(gathering=g).count() == 1

    anonymous = {"text": "Clearer letters", "channel": "paper", "anonymous": True}
    made = send(secret, f"{base}/contributions", anonymous, key="card-1")
    repeat = send(secret, f"{base}/contributions", anonymous, key="card-1")
    assert made.status_code == repeat.status_code == 201
    # The receipt code is in the first answer, so a client that lost it gets it again.
    assert repeat.json()["receipt_code"] == made.json()["receipt_code"] is not None
    assert Contribution.objects.filter(journey=world.journey).count() == 1


def test_erasing_someone_forgets_answers_naming_them(db: Any, world: World) -> None:
    secret = token(world.member)
    base = f"/journeys/{world.journey.slug}"
    body = {"name": "Siân Evans", "role": "service_user", "joined_on": "2025-01-06"}
    made = send(secret, f"{base}/people", body, key="p1")
    send(secret, f"{base}/decisions", DECISION, key="d1")
    assert IdempotencyKey.objects.count() == 2
    entry = Person.objects.get(pk=made.json()["id"])
    counts = rights.person_erase(actor=world.facilitator, person=entry)
    assert counts["API answers kept for a repeat"] == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["d1"]


def test_every_change_takes_the_header_in_the_schema(db: Any) -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    posts = [ops["post"] for ops in doc["paths"].values() if "post" in ops]
    assert len(posts) >= 16
    for op in posts:
        names = [p["name"] for p in op.get("parameters", []) if p["in"] == "header"]
        assert names == ["Idempotency-Key"], op["operationId"]
        assert {"409", "422"} <= set(op["responses"]), op["operationId"]
    gets = [ops["get"] for ops in doc["paths"].values() if "get" in ops]
    assert all(
        "Idempotency-Key" not in [p["name"] for p in op.get("parameters", [])] for op in gets
    )
