"""The everyday writes the pages had and the API lacked: correcting a recorded decision,
preparing a vote (its items) and opening it, opening a statement round with its seed
statements and adding more. Each through the page's service, with its rules, messages and log
line ("through the API")."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.api import services
from powerwith.common.models import AuditEntry
from powerwith.commonground.models import Statement
from powerwith.contributions import services as cs
from powerwith.decisions import services as ds
from powerwith.decisions.models import Decision, Vote
from tests.api.test_api import post
from tests.conftest import World

D = datetime.date


def token(user: Any, scope: str = "write") -> str:
    return services.token_create(actor=user, name="Sheet sync", scope=scope, days=30)[1]


def _lines(world: World, *actions: str) -> list[tuple[str, str, str]]:
    return sorted(
        (e.action, e.through, e.through_name)
        for e in AuditEntry.objects.filter(journey=world.journey, action__in=actions)
    )


def test_a_recorded_decision_is_corrected(db: Any, world: World) -> None:
    c = cs.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="Clearer letters",
        channel="paper",
        anonymous=True,
    )
    d = ds.decision_create(
        actor=world.facilitator,
        journey=world.journey,
        text="New leters",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=D(2025, 3, 3),
        where_outside="The trust's board",
        answers=[c],
    )
    base = f"/journeys/{world.journey.slug}/decisions/{d.pk}"
    fixed = {
        "text": "New letters",
        "taken_by": "organisation",
        "rung": "consulting",
        "decided_on": "2025-03-04",
        "where_outside": "The trust's board",
    }
    # An observer cannot; a read-only token cannot; anyone outside gets "not found".
    assert post(token(world.observer), base, fixed).status_code == 403
    assert post(token(world.member, "read"), base, fixed).status_code == 403
    assert post(token(world.outsider), base, fixed).json() == {"detail": "Not found.", "errors": {}}
    bad = post(token(world.member), base, {**fixed, "text": " "})
    assert (bad.status_code, bad.json()["errors"]) == (
        400,
        {"text": ["Write what was decided, in plain words."]},
    )
    done = post(token(world.member), base, fixed)
    assert done.status_code == 200
    assert {k: done.json()[k] for k in ("id", "text", "taken_by", "rung", "decided_on")} == {
        "id": d.pk,
        "text": "New letters",
        "taken_by": "organisation",
        "rung": "consulting",
        "decided_on": "2025-03-04",
    }
    d.refresh_from_db()
    assert (d.text, d.rung, d.decided_on) == ("New letters", "consulting", D(2025, 3, 4))
    # What it answers stays as it was.
    assert list(d.answers.all()) == [c]
    assert Decision.objects.filter(journey=world.journey).count() == 1
    assert _lines(world, "decision_update") == [("decision_update", "api", "Sheet sync")]
    # A decision that is not this journey's: not found.
    missing = post(token(world.member), f"/journeys/{world.journey.slug}/decisions/999999", fixed)
    assert missing.status_code == 404


def test_a_vote_is_prepared_and_opened(db: Any, world: World) -> None:
    c = cs.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="Clearer letters",
        channel="paper",
        anonymous=True,
        tags=["Letters"],
    )
    secret = token(world.facilitator)
    base = f"/journeys/{world.journey.slug}/votes"
    body = {
        "title": "What first",
        "method": "dot",
        "dots": 2,
        "contribution_ids": [c.pk],
        "themes": ["Letters"],
    }
    # Members record, but preparing a vote is the facilitators'.
    refused = post(token(world.member), base, body)
    assert refused.status_code == 403
    assert post(secret, base, {**body, "themes": ["Parking"]}).json()["errors"] == {
        "themes": ["Choose themes of this journey, by their names."]
    }
    assert post(secret, base, {**body, "contribution_ids": [999999]}).json()["errors"] == {
        "contribution_ids": ["Choose contributions of this journey that are still open."]
    }
    assert post(secret, base, {**body, "title": " "}).json()["errors"] == {
        "title": ["Give the vote a short name, like “What should we work on first?”."]
    }
    assert Vote.objects.filter(journey=world.journey).count() == 0
    made = post(secret, base, body)
    assert made.status_code == 201
    vote = made.json()
    assert (vote["title"], vote["state"], vote["method"], vote["dots"]) == (
        "What first",
        "draft",
        "dot",
        2,
    )
    assert [(o["label"], o["contribution_id"]) for o in vote["options"]] == [
        ("Clearer letters", c.pk),
        ("Letters", None),
    ]
    items = f"{base}/{vote['id']}/items"
    assert post(token(world.member), items, {"labels": ["Parking"]}).status_code == 403
    added = post(secret, items, {"labels": ["Parking", " ", "Parking"]})
    assert added.status_code == 200
    assert [o["label"] for o in added.json()["options"]] == [
        "Clearer letters",
        "Letters",
        "Parking",
    ]
    # Nothing new: the page's message.
    assert post(secret, items, {"labels": ["Parking"]}).json()["errors"] == {
        "labels": ["Choose or write at least one item that is not on the vote already."]
    }
    opened = post(secret, f"{base}/{vote['id']}/open", {})
    assert opened.json()["vote"]["state"] == "open"
    # Once open, its items can no longer change.
    late = post(secret, items, {"labels": ["Food"]})
    assert late.status_code == 400
    assert late.json()["errors"] == {
        "__all__": [
            "This vote has opened, so its items and rules can no longer change. Close it and "
            "start a new vote if they must."
        ]
    }
    assert _lines(world, "vote_create", "vote_option_add", "vote_open") == [
        ("vote_create", "api", "Sheet sync"),
        ("vote_open", "api", "Sheet sync"),
        ("vote_option_add", "api", "Sheet sync"),
    ]


def test_a_statement_round_is_opened_with_seed_statements(db: Any, world: World) -> None:
    c = cs.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="Clearer letters",
        channel="paper",
        anonymous=True,
    )
    secret = token(world.facilitator)
    base = f"/journeys/{world.journey.slug}/statement-rounds"
    body = {
        "question": "What matters most?",
        "statements": ["Parking is hard.", " "],
        "contribution_ids": [c.pk],
    }
    assert post(token(world.member), base, body).status_code == 403
    empty = post(secret, base, {"question": "What matters most?"})
    assert empty.json()["errors"] == {
        "statements": ["Write at least one statement, or choose something people raised."]
    }
    made = post(secret, base, body)
    assert made.status_code == 201
    rnd = made.json()
    assert (rnd["question"], rnd["is_open"], rnd["accepting"]) == (
        "What matters most?",
        True,
        True,
    )
    assert [s["text"] for s in rnd["statements"]] == ["Parking is hard.", "Clearer letters"]
    assert Statement.objects.get(round_id=rnd["id"], text="Clearer letters").contribution == c
    more = f"{base}/{rnd['id']}/statements"
    assert post(token(world.member), more, {"statements": ["x"]}).status_code == 403
    assert post(secret, more, {"statements": [" "]}).json()["errors"] == {
        "statements": ["Write at least one statement."]
    }
    # One too long: none is added.
    long = post(secret, more, {"statements": ["Food is cold.", "x" * 1000]})
    assert long.status_code == 400 and list(long.json()["errors"]) == ["statements"]
    assert Statement.objects.filter(round_id=rnd["id"]).count() == 2
    added = post(secret, more, {"statements": ["Food is cold.", "Signs are small."]})
    assert added.status_code == 201
    assert [s["text"] for s in added.json()] == ["Food is cold.", "Signs are small."]
    assert Statement.objects.filter(round_id=rnd["id"]).count() == 4
    assert _lines(world, "round_create", "statement_add") == [
        ("round_create", "api", "Sheet sync"),
        ("statement_add", "api", "Sheet sync"),
        ("statement_add", "api", "Sheet sync"),
    ]


def test_a_vote_s_rules_change_while_it_is_prepared(db: Any, world: World) -> None:
    vote = ds.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="What first",
        method="dot",
        labels=["A", "B"],
    )
    secret = token(world.facilitator)
    url = f"/journeys/{world.journey.slug}/votes/{vote.pk}"
    rules = {"title": "What comes first", "method": "score", "score_max": 4, "secret": True}
    assert post(token(world.member), url, rules).status_code == 403
    assert post(secret, url, {**rules, "score_max": 11}).json()["errors"] == {
        "score_max": ["The highest score must be between 1 and 10."]
    }
    changed = post(secret, url, {**rules, "hide_results": False})
    assert changed.status_code == 200
    got = changed.json()
    assert (got["title"], got["method"], got["score_max"], got["secret"]) == (
        "What comes first",
        "score",
        4,
        True,
    )
    # Its items are untouched; a secret vote hides its results whatever was sent.
    assert [o["label"] for o in got["options"]] == ["A", "B"]
    assert Vote.objects.get(pk=vote.pk).hide_results is True
    post(secret, f"{url}/open", {})
    late = post(secret, url, rules)
    assert late.status_code == 400 and list(late.json()["errors"]) == ["__all__"]
    assert _lines(world, "vote_update") == [("vote_update", "api", "Sheet sync")]
