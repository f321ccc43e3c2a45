"""Two gunicorn servers, one PostgreSQL, one shared cache: the production topology, as processes.

README "Deploying" runs several stateless web servers in front of one database and one cache.
Here two real gunicorn servers (each with its own worker process, from
``powerwith.config.gunicorn_conf``) serve the test database on two ports, and the test goes
back and forth between them as a load balancer would:

- a session made by signing in on one server is good on the other (sessions in the database);
- figures the dashboard cached on one server are renewed when the other records a
  contribution (the journey's generation token is in the shared cache);
- wrong passwords sent to both servers add up to one client's limit (rate limits in the
  shared cache), so spreading tries over servers gains nothing.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.conftest import PASSWORD, World, build_world

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def servers() -> Iterator[list[str]]:
    if connection.vendor != "postgresql":
        pytest.skip(
            "The production topology is PostgreSQL's: run with DATABASE_URL=$(scripts/pg.sh)"
        )
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed (pip install '.[prod]')")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "powerwith.config.settings.test",
        "POWERWITH_WORKERS": "1",
        "POWERWITH_RATE_LIMITS": "sign_in=4/15m",
        "PYTHONPATH": str(ROOT / "src"),
    }
    procs, urls = [], []
    try:
        for _ in range(2):
            port = _free_port()
            env["POWERWITH_BIND"] = f"127.0.0.1:{port}"
            procs.append(
                subprocess.Popen(
                    [str(GUNICORN), "-c", "python:powerwith.config.gunicorn_conf"],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, proc in zip(urls, procs, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/accounts/sign-in/", timeout=5).read()
                    break
                except (urllib.error.URLError, ConnectionError):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        err = proc.stderr.read().decode() if proc.stderr else ""
                        raise AssertionError(f"gunicorn did not start on {url}: {err}") from None
                    time.sleep(0.2)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


class Browser:
    """One visitor: a cookie jar shared by requests to any server, no redirects followed."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, url: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def post_form(self, url: str, fields: dict[str, str]) -> tuple[int, str]:
        status, page = self.request(url)
        assert status == 200, (url, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, url
        return self.request(url, {"csrfmiddlewaretoken": token.group(1), **fields})


def _raised(browser: Browser, server: str, slug: str) -> int:
    status, body = browser.request(f"{server}/j/{slug}/dashboard/insights.json")
    assert status == 200, body[:300]
    return int(json.loads(body)["sections"]["record"]["follow_through"]["raised"])


def test_two_servers_share_sessions_figures_and_limits(servers: list[str]) -> None:
    world: World = build_world()
    slug = world.journey.slug
    a, b = servers

    fran = Browser()
    status, _ = fran.post_form(
        f"{a}/accounts/sign-in/", {"username": world.facilitator.username, "password": PASSWORD}
    )
    assert status == 302
    # Signed in on A; the same cookie is good on B.
    assert fran.request(f"{b}/j/{slug}/")[0] == 200

    # B computes and caches the figures; A records a contribution; B shows it at once.
    assert _raised(fran, b, slug) == 0
    assert _raised(fran, b, slug) == 0
    status, _ = fran.post_form(
        f"{a}/j/{slug}/contributions/new/",
        {
            "text": "The letters come after the appointment",
            "raised_by": "anonymous",
            "channel": "online",
        },
    )
    assert status == 302
    assert _raised(fran, b, slug) == 1
    assert _raised(fran, a, slug) == 1

    # Wrong passwords: two on each server make four, the limit; the fifth is refused on either.
    guesser = Browser()
    for server in (a, b, a, b):
        status, _ = guesser.post_form(
            f"{server}/accounts/sign-in/", {"username": "mo@example.org", "password": "wrong"}
        )
        assert status == 200  # the form again, with its message
    status, page = guesser.post_form(
        f"{b}/accounts/sign-in/", {"username": "mo@example.org", "password": PASSWORD}
    )
    assert status == 429, page[:300]
