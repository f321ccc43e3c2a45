"""Find every journey URL in the URL configuration and make what it points at.

Every URL whose route takes a ``slug`` (the /j/<slug>/... pages) is found by walking Django's
URL resolver, not from a hand-written list, so a new page cannot escape the checks. For each
one we fill in the URL's keyword arguments (``slug`` is the test journey's; every other one,
such as ``limit_pk``, comes from an ``OBJECTS`` dict in some ``tests/<app>/access_objects.py``,
mapping the kwarg's name to ``make(world) -> value``, which creates the object in
``world.journey`` through the services and returns its pk, or for a kwarg that is not an object,
such as an indicator's code, returns a valid value).

``tests/test_access_matrix.py`` asks each of these pages as every kind of visitor, GET and
POST (signed out: sent to sign in, also for a journey that does not exist; not a member: 404;
observer, member, facilitator: 403 below the view's ``journey_need`` or
``journey_write_need``, otherwise the page works). Here:

- an object of another journey in this journey's URL: 404;
- the public pages (/p/<slug>/...): 404 unless the facilitator chose to share them, and never
  a person's name.
"""

from __future__ import annotations

import datetime
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import World, build_world

NEED_RANK = {"view": 1, "record": 2, "manage": 3}
SIGN_IN = "/accounts/sign-in/"


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "j/<slug:slug>/agreement/limits/<int:limit_pk>/"
    name: str  # e.g. "journeys:limit_edit"
    view: Callable[..., Any]
    converters: dict[str, Any]

    @property
    def kwargs(self) -> list[str]:
        return list(self.converters)

    def url(self, values: dict[str, Any]) -> str:
        def fill(m: re.Match[str]) -> str:
            name = m.group(2)
            return str(self.converters[name].to_url(values[name]))

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, self.route)


def _walk(patterns: list[Any], prefix: str = "", ns: str = "", conv: Any = None) -> Iterator[Route]:
    conv = dict(conv or {})
    for p in patterns:
        pattern = p.pattern
        route = str(pattern)
        if not hasattr(pattern, "converters"):
            # A regular-expression route: used by the admin only, which takes no slug.
            if "slug" in pattern.regex.groupindex:
                raise AssertionError(f"regex URL with a slug cannot be walked: {prefix}{route}")
            continue
        here = {**conv, **pattern.converters}
        if isinstance(p, URLResolver):
            sub_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _walk(p.url_patterns, prefix + route, sub_ns, here)
        elif isinstance(p, URLPattern):
            yield Route(prefix + route, f"{ns}{p.name or '?'}", p.callback, here)


ALL_ROUTES = list(_walk(get_resolver().url_patterns))
JOURNEY_ROUTES = [r for r in ALL_ROUTES if "slug" in r.converters and not r.route.startswith("p/")]
PUBLIC_ROUTES = [r for r in ALL_ROUTES if "slug" in r.converters and r.route.startswith("p/")]


def _load_objects() -> dict[str, Callable[[World], Any]]:
    """Merge the OBJECTS dicts of every tests/<app>/access_objects.py."""
    merged: dict[str, Callable[[World], Any]] = {}
    where: dict[str, str] = {}
    for path in sorted(Path(__file__).parent.glob("*/access_objects.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_objects")
        for kwarg, make in getattr(module, "OBJECTS", {}).items():
            if kwarg in merged and merged[kwarg] is not make:
                raise AssertionError(
                    f"{kwarg} is provided by both {where[kwarg]} and {module.__name__}"
                )
            merged[kwarg], where[kwarg] = make, module.__name__
    return merged


OBJECTS = _load_objects()


def _fill(route: Route, w: World) -> dict[str, Any]:
    values: dict[str, Any] = {"slug": w.journey.slug}
    for kwarg in route.kwargs:
        if kwarg == "slug":
            continue
        make = OBJECTS.get(kwarg)
        if make is None:
            pytest.fail(
                f"{route.route} ({route.name}) takes {kwarg!r} but no tests/<app>/access_objects.py "
                f"says how to make one: add OBJECTS = {{{kwarg!r}: make_...}}"
            )
        values[kwarg] = make(w)
    return values


def _client(user: Any = None) -> Client:
    c = Client(raise_request_exception=True)
    if user is not None:
        c.force_login(user)
    return c


def _call(c: Client, method: str, url: str, who: str) -> int:
    try:
        response = c.get(url) if method == "GET" else c.post(url, {})
    except Exception as exc:  # a crash is a 500: say where
        raise AssertionError(f"{method} {url} as {who} crashed: {exc!r}") from exc
    return int(response.status_code)


def _gate(route: Route) -> tuple[str, str]:
    need = getattr(route.view, "journey_need", None)
    write_need = getattr(route.view, "journey_write_need", None)
    assert need in NEED_RANK and write_need in NEED_RANK, (
        f"{route.route} ({route.name}) is a journey URL but its view is not decorated with "
        "@journey_view(...) from powerwith.common.access"
    )
    return str(need), str(write_need)


def test_the_walk_finds_the_journey_pages() -> None:
    names = {r.name for r in JOURNEY_ROUTES}
    assert {"journeys:detail", "journeys:agreement", "journeys:limit_edit"} <= names
    assert all(r.route.startswith("j/<slug:slug>/") for r in JOURNEY_ROUTES), [
        r.route for r in JOURNEY_ROUTES if not r.route.startswith("j/<slug:slug>/")
    ]


def _id(route: Route) -> str:
    return route.route


# Routes naming an object of the journey (``<int:thing_pk>``); other kwargs, such as an
# indicator's code, name no object of a particular journey.
OBJECT_ROUTES = [r for r in JOURNEY_ROUTES if any(k.endswith("_pk") for k in r.kwargs)]


@pytest.mark.django_db
@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_id)
def test_another_journeys_object_is_not_found(route: Route, world: World) -> None:
    """An object of journey B in journey A's URL answers 404, even to A's facilitator: all of
    the URL's objects from B, and each one from B among A's others (a turn of another journey's
    gathering under this journey's gathering)."""
    _gate(route)
    ours = _fill(route, world)
    other = build_world("2", "Another journey entirely")
    theirs = _fill(route, other)
    swaps = [dict(theirs)] + [
        {**ours, k: theirs[k]}
        for k in route.kwargs
        if k.endswith("_pk") and len(route.kwargs) > 2 and theirs[k] != ours[k]
    ]
    c = _client(world.facilitator)
    problems = []
    for values in swaps:
        url = route.url({**values, "slug": world.journey.slug})
        status = _call(c, "GET", url, "facilitator")
        method = "GET"
        if status == 405:  # changes only: try the change, which must find nothing
            with transaction.atomic():
                status = _call(c, "POST", url, "facilitator")
                method = "POST"
                transaction.set_rollback(True)
        if status != 404:
            foreign = [k for k in route.kwargs if k != "slug" and values[k] == theirs[k]]
            problems.append(f"{method} with another journey's {', '.join(foreign)}: {status}")
    assert not problems, f"{route.route} ({route.name}): " + "; ".join(problems)


def test_every_object_kwarg_has_a_maker() -> None:
    """Named here too, so one missing maker shows up once with the URLs that need it."""
    missing = sorted(
        {
            f"{k} (used by {r.route})"
            for r in JOURNEY_ROUTES + PUBLIC_ROUTES
            for k in r.kwargs
            if k != "slug" and k not in OBJECTS
        }
    )
    assert not missing, "no tests/<app>/access_objects.py makes: " + ", ".join(missing)


# --- public pages -----------------------------------------------------------------------------

SECRET_NAME = "Zebedee Quillfeather"


def _public_world(world: World) -> None:
    """A person with a distinctive name who raised something, so their name could leak."""
    from powerwith.contributions import services as cs
    from powerwith.people import services as ps

    person = ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=SECRET_NAME,
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    cs.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="The waiting room chairs hurt after an hour.",
        channel="paper",
        raised_by=person,
        raised_on=datetime.date(2025, 2, 3),
    )


def test_the_walk_finds_the_public_pages() -> None:
    assert "public:you_said" in {r.name for r in PUBLIC_ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=_id)
def test_public_page(route: Route, world: World) -> None:
    _public_world(world)
    values = _fill(route, world)
    url = route.url(values)
    missing = route.url({**values, "slug": "no-such-journey"})
    # Not shared: 404 for everyone outside, signed in or not; unknown journeys too.
    assert _client().get(url).status_code == 404
    assert _client(world.outsider).get(url).status_code == 404
    assert _client().get(missing).status_code == 404

    world.journey.public_you_said = True
    world.journey.save(update_fields=["public_you_said"])
    r = _client().get(url)
    assert r.status_code == 200, f"{route.route}: {r.status_code} when shared"
    body = r.content.decode()
    users = (world.facilitator, world.member, world.observer)
    for secret in (SECRET_NAME, *[u.email for u in users]):
        assert secret not in body, f"{route.route} shows {secret!r} on a public page"
    for name in ("Fran", "Olu"):  # the accounts' display names
        assert not re.search(rf"\b{name}\b", body), f"{route.route} shows {name!r}"
    assert "The waiting room chairs hurt" in body or route.name != "public:you_said"
