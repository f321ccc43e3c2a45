"""Walk every organisation URL (found in the URL configuration, not listed by hand) as its
admin, its viewer, another organisation's admin, a signed-in outsider and a signed-out visitor.

- signed out: sent to sign in (also for an organisation that does not exist);
- another organisation's admin and an outsider: 404, never a hint the organisation exists;
- viewer: 403 where the view needs an admin, otherwise the page works;
- admin: the page works (POSTs are rolled back, so every visitor meets the same objects).
- a person of another organisation in this organisation's URL: 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests.test_access_walk import ALL_ROUTES, SIGN_IN, Route

from .access_objects import ORG_OBJECTS
from .helpers import OrgWorld, build_org_world

# The pages; the API's organisation calls (token, not session) are walked by
# tests/test_access_matrix.py with every kind of token.
ORG_ROUTES = [
    r for r in ALL_ROUTES if "org_slug" in r.converters and not r.name.startswith("api-v1:")
]
RANK = {"viewer": 1, "admin": 2}
NEED_RANK = {"view": 1, "manage": 2}


def _client(user: Any = None) -> Client:
    c = Client(raise_request_exception=True)
    if user is not None:
        c.force_login(user)
    return c


def _status(c: Client, method: str, url: str) -> int:
    with transaction.atomic():
        r = c.get(url) if method == "GET" else c.post(url, {})
        transaction.set_rollback(True)
    return int(r.status_code)


def _url(route: Route, w: OrgWorld, **over: Any) -> str:
    values = {k: ORG_OBJECTS[k](w) for k in route.kwargs}
    return route.url({**values, **over})


def test_the_walk_finds_the_organisation_pages() -> None:
    names = {r.name for r in ORG_ROUTES}
    assert names == {
        "organisations:detail",
        "organisations:member_add",
        "organisations:member_edit",
    }
    assert all(k in ORG_OBJECTS for r in ORG_ROUTES for k in r.kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ORG_ROUTES, ids=lambda r: r.route)
def test_organisation_url(route: Route) -> None:
    w = build_org_world()
    need = route.view.organisation_need
    write_need = route.view.organisation_write_need
    url = _url(route, w)
    missing = _url(route, w, org_slug="no-such-organisation")
    problems = []
    for method in ("GET", "POST"):
        for u in (url, missing):
            r = _client().get(u) if method == "GET" else _client().post(u, {})
            if not (r.status_code == 302 and r["Location"].startswith(SIGN_IN)):
                problems.append(f"{method} {u} signed out: {r.status_code}")
        for who in ("other_admin", "outsider"):
            status = _status(_client(w.user(who)), method, url)
            if status != 404:
                problems.append(f"{method} as {who}: {status}, expected 404")
        if _status(_client(w.admin), method, missing) != 404:
            problems.append(f"{method} of an unknown organisation as admin: not 404")
        for who in ("viewer", "admin"):
            status = _status(_client(w.user(who)), method, url)
            wanted = NEED_RANK[need if method == "GET" else write_need]
            if RANK[who] < wanted and status != 403:
                problems.append(f"{method} as {who}: {status}, expected 403")
            if RANK[who] >= wanted and status in (403, 404, 500):
                problems.append(f"{method} as {who}: {status}, expected the page to work")
    assert not problems, f"{route.route}:\n  " + "\n  ".join(problems)


@pytest.mark.django_db
def test_another_organisations_person_is_not_found() -> None:
    ours, theirs = build_org_world(), build_org_world("2")
    route = next(r for r in ORG_ROUTES if "role_pk" in r.kwargs)
    url = route.url({"org_slug": ours.organisation.slug, "role_pk": ORG_OBJECTS["role_pk"](theirs)})
    assert _status(_client(ours.admin), "POST", url) == 404
