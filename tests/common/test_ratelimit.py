"""Rate limits over the shared cache, and the client address they count by.

Forgotten-password emails per address and per client (finding 6), sign-up, public look-ups;
a limit reached through one app server holds on another (two cache connections over the same
table, two test clients with their own sessions); the database cache counts atomically and
keeps each count's expiry.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from powerwith.common import ratelimit
from powerwith.common.clientip import client_ip
from powerwith.config.settings.base import _rate_limits
from powerwith.journeys import services as journey_services
from tests.conftest import World, make_user

pytestmark = pytest.mark.usefixtures("pinned_clock")


def limits(settings: Any, **changes: tuple[int, int] | None) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, **changes}


# --- the client address -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "", "192.0.2.10"),
        (0, "198.51.100.1", "192.0.2.10"),  # no proxy trusted: the header is ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the right-most, added by our proxy
        (1, "198.51.100.1 , 2001:db8::1", "2001:db8::1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.7", "198.51.100.1"),  # a CDN, then our proxy
        (2, "198.51.100.1", "192.0.2.10"),  # came round a proxy: not what it claims
        (1, "not an address", "192.0.2.10"),
    ],
)
def test_client_address(settings: Any, count: int, forwarded: str, expected: str) -> None:
    settings.POWERWITH_TRUSTED_PROXY_COUNT = count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", **headers)
    assert client_ip(request) == expected


def test_ipv6_clients_are_counted_by_their_64_network() -> None:
    rf = RequestFactory()
    assert ratelimit.client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")) == (
        "2001:db8:1:2::/64"
    )
    assert ratelimit.client_key(rf.get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == "192.0.2.1"
    assert ratelimit.client_key(rf.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "a minute"),
        (60, "a minute"),
        (61, "2 minutes"),
        (899, "15 minutes"),
        (3599, "an hour"),
        (3601, "2 hours"),
    ],
)
def test_waits_in_words(seconds: int, words: str) -> None:
    assert ratelimit.wait_words(seconds) == words


def test_rate_limits_from_the_environment(settings: Any) -> None:
    known = set(settings.POWERWITH_RATE_LIMITS)
    assert _rate_limits("sign_in=5/15m, lookup=off,api=100/60,reset_address=2/h", known) == {
        "sign_in": (5, 900),
        "lookup": None,
        "api": (100, 60),
        "reset_address": (2, 3600),
    }
    assert _rate_limits("", known) == {}
    with pytest.raises(
        ImproperlyConfigured, match=r"no limit called 'signin'\. The limits are api"
    ):
        _rate_limits("signin=5/60", known)
    for wrong in ("sign_in=5", "sign_in=5/15min", "sign_in=0/60", "sign_in=many/60"):
        with pytest.raises(ImproperlyConfigured, match="write sign_in="):
            _rate_limits(wrong, known)


# --- forgotten passwords (finding 6) ------------------------------------------------------------


def ask_for_link(email: str, remote: str = "192.0.2.10") -> Any:
    return Client(REMOTE_ADDR=remote).post(reverse("password_forgotten"), {"email": email})


@pytest.mark.django_db
def test_forgotten_password_emails_to_one_address_are_limited(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for n in range(12):
        # From twelve addresses, so that only the limit per email address is at work.
        r = ask_for_link(world.member.email, remote=f"192.0.2.{n + 1}")
        # The same answer every time: nothing says whether the address has an account.
        assert r.status_code == 302 and r["Location"] == reverse("password_forgotten_sent")
    assert len(mail.outbox) == 3  # POWERWITH_RATE_LIMITS["reset_address"]: 3 an hour
    assert {m.to[0] for m in mail.outbox} == {world.member.email}
    # Another account's owner still gets their link.
    ask_for_link(world.observer.email)
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_forgotten_password_requests_from_one_client_are_limited(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for n in range(12):
        make_user(f"person{n}@example.org")
    for n in range(12):
        r = ask_for_link(f"person{n}@example.org")
        assert r.status_code == 302 and r["Location"] == reverse("password_forgotten_sent")
    assert len(mail.outbox) == 10  # POWERWITH_RATE_LIMITS["reset_client"]: 10 an hour
    ask_for_link("person11@example.org", remote="192.0.2.77")  # someone else
    assert len(mail.outbox) == 11


@pytest.mark.django_db
def test_email_addresses_never_appear_in_the_cache(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with connection.cursor() as cursor:
        # Start from an empty table: a test before this one on the same worker can leave a
        # committed key behind (once seen on PostgreSQL: a sign-in count from another test).
        cursor.execute("DELETE FROM powerwith_cache")
    ask_for_link(world.member.email)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM powerwith_cache")
        keys = [row[0] for row in cursor.fetchall()]
    # One count per client, one per address; the window's number ends each key. (The other
    # keys are the dashboard cache's generations of the journey built for the test.)
    assert {k.rsplit(":", 1)[0] for k in keys if ":ratelimit:" in k} == {
        ":1:ratelimit:reset_client:192.0.2.10",
        f":1:ratelimit:reset_address:{ratelimit.hashed(world.member.email)}",
    }
    assert ratelimit.hashed("MO@example.org ") == ratelimit.hashed("mo@example.org")
    assert not [k for k in keys if "@" in k]


# --- sign-up and look-ups -----------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_forms_from_one_client_are_limited(world: World, settings: Any) -> None:
    limits(settings, sign_up=(3, 3600))
    inv = journey_services.invitation_create(
        actor=world.facilitator, journey=world.journey, email="ada@example.org", role="member"
    )
    url = reverse("invitation", args=[inv.token])
    c = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(3):
        assert c.post(url, {"name": "", "email": "", "password": ""}).status_code == 400
    r = c.post(url, {"name": "Ada", "email": "ada@example.org", "password": "plum tractor 7"})
    assert r.status_code == 429
    assert "Try again in an hour." in r.content.decode()
    assert r["Retry-After"] == "3599"
    r = Client(REMOTE_ADDR="192.0.2.11").post(
        url, {"name": "Ada", "email": "ada@example.org", "password": "plum tractor lantern"}
    )
    assert r.status_code == 302


@pytest.mark.django_db
def test_public_look_ups_are_limited_and_shared_between_servers(
    world: World, settings: Any
) -> None:
    limits(settings, lookup=(3, 60))
    world.journey.public_you_said = True  # the facilitator chose to share it
    world.journey.save()
    url = reverse("public:you_said", args=[world.journey.slug])
    # Two browsers with their own sessions, as if each reached a different app server.
    first, second = Client(), Client()
    assert [first.get(url).status_code for _ in range(2)] == [200, 200]
    assert second.get(url).status_code == 200
    r = second.get(url)
    assert r.status_code == 429
    assert r["Retry-After"] == "59"
    page = r.content.decode()
    assert "Too many tries from here" in page and "Try again in a minute." in page
    assert first.get(url).status_code == 429
    # Invitation links, right or wrong, count as look-ups too.
    assert Client().get(reverse("invitation", args=["no-such-token"])).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.10").get(url).status_code == 200


@pytest.mark.django_db
def test_two_app_servers_see_the_same_counts(settings: Any) -> None:
    limits(settings, api=(2, 60))
    # Two cache connections over the one table: what two app servers each have.
    one, two = caches.create_connection("default"), caches.create_connection("default")
    assert one is not two and one is not cache
    key = "ratelimit-test"
    assert one.add(key, 0, 60) and not two.add(key, 0, 60)
    assert one.incr(key) == 1 and two.incr(key) == 2 and one.get(key) == 2
    assert ratelimit.hit("api", "192.0.2.10") is None
    assert ratelimit.hit("api", "192.0.2.10") is None
    assert ratelimit.hit("api", "192.0.2.10") == 59
    assert ratelimit.peek("api", "192.0.2.10") == 59
    assert ratelimit.peek("api", "192.0.2.11") is None


@pytest.mark.django_db
def test_api_throttle(settings: Any) -> None:
    limits(settings, api=(1, 60))
    throttle = ratelimit.ApiThrottle()
    request = RequestFactory().get("/api/", REMOTE_ADDR="192.0.2.10")
    assert throttle.allow_request(request) and throttle.wait() is None
    assert not throttle.allow_request(request)
    assert throttle.wait() == 59.0


@pytest.mark.django_db
def test_a_limit_can_be_switched_off(settings: Any) -> None:
    limits(settings, api=None)
    assert all(ratelimit.hit("api", "192.0.2.10") is None for _ in range(50))


# --- the database cache counts atomically -------------------------------------------------------


def _expires(key: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM powerwith_cache WHERE cache_key = %s", [cache.make_key(key)]
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_counting_keeps_the_expiry() -> None:
    cache.add("count", 0, timeout=3600)
    before = _expires("count")
    assert cache.incr("count") == 1
    assert cache.incr("count", 5) == 6
    assert cache.decr("count") == 5
    assert _expires("count") == before  # Django's own incr would have set 5 minutes
    with pytest.raises(ValueError):
        cache.incr("never-made")
    cache.set("gone", 1, timeout=-1)
    with pytest.raises(ValueError):
        cache.incr("gone")
    # Counting up makes a missing or expired count, for the time given, and keeps it after.
    assert cache.count_up("gone", 600) == 1
    assert cache.count_up("new", 600) == 1
    made = _expires("new")
    assert cache.count_up("new", 5) == 2
    assert _expires("new") == made and cache.get("new") == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
def test_counts_racing_on_postgresql_are_all_counted() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Concurrency needs PostgreSQL: SQLite admits one writer at a time, so nothing races. "
            "Run with DATABASE_URL=$(scripts/pg.sh)."
        )
    threads_n, each = 6, 15
    barrier = threading.Barrier(threads_n)
    errors: list[str] = []

    def counter() -> None:
        from django.db import connection as conn

        try:
            own = caches.create_connection("default")
            barrier.wait()
            for i in range(each):
                # Every thread starts by making the count, all at once; then they count on.
                own.count_up("race", 600) if i % 2 == 0 else own.incr("race")
        except Exception as exc:  # reported below
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()

    threads = [threading.Thread(target=counter) for _ in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.get("race") == threads_n * each
