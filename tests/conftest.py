"""Shared test fixtures: real users, a journey with one account per role, built through services.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points at one
(``make test`` does both).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import django.middleware.csrf as django_csrf
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import settings as hypothesis_settings

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Journey
from tests import db_template

PASSWORD = "correct horse battery staple"

# Hypothesis fails an example that takes longer than 200 ms unless told otherwise: a timing
# check, which a busy machine (CI, or two suites side by side) fails now and then. Tests here
# check results, never speed (speed is for `make bench`).
hypothesis_settings.register_profile("powerwith", deadline=None)
hypothesis_settings.load_profile("powerwith")

# Each form on a page carries a CSRF token: 64 random letters and digits, new on every page.
# A test checking that a short word is *not* on a page ("Bob", "P4") failed now and then on a
# token that happened to hold it. In tests every CSRF secret and mask is a string of "a"s, so
# every token is "aaa…a": Django's checks (the token's format, and that it matches the cookie)
# still run and pass or fail as before, and no token can hold a word. Live-server browser
# tests run in this process, so their pages get the same tokens.
django_csrf._get_new_csrf_string = lambda: "a" * django_csrf.CSRF_SECRET_LENGTH  # type: ignore[attr-defined]

# One id per pytest run, shared with its xdist workers (they inherit the environment), so that
# several runs against the same PostgreSQL server (engineers working side by side, or a
# developer's server) never drop each other's test databases.
RUN_ID = os.environ.setdefault("POWERWITH_TEST_RUN", str(os.getpid()))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    from django.conf import settings

    for db in settings.DATABASES.values():
        if "postgresql" in db["ENGINE"]:
            test = db.setdefault("TEST", {})
            name = test.get("NAME") or f"test_{db['NAME']}"
            test["NAME"] = f"{name}_{RUN_ID}"
    # Under scripts/test.sh, one migrated database is copied instead of migrating in each process.
    db_template.install()


def make_user(email: str, name: str = "") -> Any:
    User = get_user_model()
    return User.objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        first_name=name or email.split("@")[0].title(),
    )


def client_for(user: Any) -> Client:
    """A test client signed in as ``user``."""
    c = Client()
    c.force_login(user)
    return c


@dataclass
class World:
    journey: Journey
    facilitator: Any
    member: Any
    observer: Any
    outsider: Any

    def user(self, role: str) -> Any:
        return getattr(self, role)


def build_world(tag: str = "", title: str = "Better breast care") -> World:
    """A journey with a facilitator, a member, an observer and an outsider (all with accounts).

    ``tag`` makes the accounts distinct so that a test can build a second, unrelated world
    (e.g. ``build_world("2", "Another journey")``: fran2@example.org and so on).
    """
    facilitator = make_user(f"fran{tag}@example.org", "Fran")
    member = make_user(f"mo{tag}@example.org", "Mo")
    observer = make_user(f"olu{tag}@example.org", "Olu")
    outsider = make_user(f"xander{tag}@example.org", "Xander")
    journey = journey_services.journey_create(
        actor=facilitator,
        title=title,
        purpose="Improve the breast care service together.",
        stages=["co_design"],
        level="service",
        started_on=datetime.date(2025, 1, 6),
    )
    journey_services.membership_add(actor=facilitator, journey=journey, user=member, role="member")
    journey_services.membership_add(
        actor=facilitator, journey=journey, user=observer, role="observer"
    )
    return World(
        journey=journey,
        facilitator=facilitator,
        member=member,
        observer=observer,
        outsider=outsider,
    )


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the site's language. A request in Welsh leaves Welsh active in its
    thread (Django's LocaleMiddleware activates, never deactivates), which would otherwise
    follow into the next test's direct calls of services and forms."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_shared_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with an empty shared cache (rate-limit counts). The cache is a table
    in the test database: a test in a transaction loses its rows when it is rolled back, but
    tests that commit (live server, ``transactional_db``) would leave counts for the next
    test, and emptying the tables between them leaves out the cache's."""
    names = set(request.fixturenames)
    if not names & {"transactional_db", "live_server", "page", "phone"}:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.core.cache import cache

    cache.clear()


# A moment one second into a window of every size the rate limits use (a minute, 15 minutes,
# an hour): 1,800,000,000 seconds is a whole number of hours.
RATE_LIMIT_NOW = 1_800_000_001.0


@pytest.fixture
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> float:
    """Rate limits count in fixed windows of time; pinning their clock keeps a test's tries in
    one window (so none can end halfway through) and makes each wait exact."""
    from powerwith.common import ratelimit

    monkeypatch.setattr(ratelimit, "clock", lambda: RATE_LIMIT_NOW)
    return RATE_LIMIT_NOW


# Tests that take many times longer than the rest (the fuzzer walks every page; the loader's
# tests load the demo through the real loader). They run first, so that with several workers
# none of them is left running alone at the end while the other workers wait.
SLOW_FIRST = (
    "tests/test_fuzz.py::test_bad_input_never_makes_a_server_error",  # six shards
    "tests/demo/test_loader.py",  # loads the demo over itself: the one real second load
    "tests/test_cli.py::test_demo_on_a_fresh_database",
    # Every shared Pol.is conversation out and back in (vtaiwan.uberx: 50,000 vote lines).
    "tests/commonground/test_polis_export.py::test_importing_the_export_gives_the_same_analysis",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))  # stable: order kept
