"""The organisation's view through the API: the document of `powerwith insights --organisation
SLUG --json`, for anyone with a role in the organisation, with the page's rules on journeys
they cannot open; anyone else, and a token limited to journeys, as for no such organisation."""

from __future__ import annotations

import json
from typing import Any

from powerwith.api import services
from powerwith.journeys import services as js
from tests.api.test_api import NOT_FOUND, get
from tests.insights.test_organisation import fill, hosted, run
from tests.organisations.helpers import build_org_world


def secret(user: Any, journeys: Any = ()) -> str:
    return services.token_create(
        actor=user, name="Report", scope="read", days=30, journeys=journeys
    )[1]


def without_time(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "generated_at"}


def test_the_organisation_view_as_the_command_line_prints_it(db: Any, capsys: Any) -> None:
    o = build_org_world()
    a, b = hosted(o, "First"), hosted(o, "Second")
    fill(a)
    fill(b, lived=5, staff=1)
    url = f"/organisations/{o.organisation.slug}/insights"
    # The admin facilitates both journeys: every journey is their own row, as the operator's.
    answer = get(secret(o.admin), url)
    assert answer.status_code == 200
    code, out, _err = run(capsys, "insights", "--organisation", o.organisation.slug, "--json")
    assert code == 0
    assert without_time(answer.json()) == without_time(json.loads(out))
    assert [r["slug"] for r in answer.json()["journeys"]] == [a.journey.slug, b.journey.slug]

    # The viewer is an observer of the first journey only: the second is added up, its
    # counts of people under 5 hidden.
    js.membership_add(actor=o.admin, journey=a.journey, user=o.viewer, role="observer")
    doc = get(secret(o.viewer), url).json()
    assert [r["slug"] for r in doc["journeys"]] == [a.journey.slug]
    assert doc["others"]["journeys"] == 1
    assert doc["others"]["people_by_side"] == {"lived": 5, "professional": None}
    assert doc["others"]["turns"] == 4
    assert doc["programme"]["journeys"] == 2
    assert b.journey.slug not in json.dumps(doc)

    listed = get(secret(o.viewer), "/organisations").json()
    assert listed == {
        "items": [{"slug": o.organisation.slug, "name": "Riverside Trust", "your_role": "viewer"}],
        "count": 1,
    }


def test_anyone_else_as_for_no_such_organisation(db: Any) -> None:
    o = build_org_world()
    w = hosted(o, "First")
    url = f"/organisations/{o.organisation.slug}/insights"
    # Another organisation's admin, someone in no organisation, a journey's member without a
    # role in its host, and the organisation's own viewer with a token limited to a journey.
    js.membership_add(actor=o.admin, journey=w.journey, user=o.outsider, role="member")
    js.membership_add(actor=o.admin, journey=w.journey, user=o.viewer, role="observer")
    for token in (
        secret(o.other_admin),
        secret(o.outsider),
        secret(o.viewer, journeys=[w.journey]),
    ):
        for path in (url, "/organisations/no-such-organisation/insights"):
            r = get(token, path)
            assert (r.status_code, r.json()) == (404, NOT_FOUND)
    assert get(secret(o.viewer, journeys=[w.journey]), "/organisations").json() == {
        "items": [],
        "count": 0,
    }
    assert get(None, url).status_code == 401
