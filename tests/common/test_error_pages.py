"""Error pages: PowerWith's own, in plain words with a way back, in the demo as everywhere.

Django draws 500.html, 400.html and 403_csrf.html with no request and no database; these tests
draw them with the database blocked (no ``django_db`` mark), so a page that needed either fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests import db_template
from tests.conftest import World, client_for

ROOT = Path(__file__).resolve().parents[2]


def _plain(html: str) -> None:
    """Our page, not Django's: the site's stylesheet and a link to the start page."""
    assert 'href="/static/powerwith/app.css"' in html
    assert '<a href="/">Go to the start page</a>' in html
    assert "Django" not in html and "Traceback" not in html


def test_a_server_error_page_needs_no_request_and_no_database() -> None:
    from django.views.defaults import server_error

    r = server_error(RequestFactory().get("/"))
    html = r.content.decode()
    assert r.status_code == 500
    assert "<h1>Sorry, something went wrong on our side</h1>" in html
    assert "What you were doing may not have been saved." in html
    _plain(html)


def test_a_bad_request_page_needs_no_request_and_no_database() -> None:
    from django.views.defaults import bad_request

    r = bad_request(RequestFactory().get("/"), Exception("bad"))
    assert r.status_code == 400
    html = r.content.decode()
    assert "<h1>Sorry, something in that request was not right</h1>" in html
    _plain(html)


def test_an_expired_form_says_so_and_what_to_do() -> None:
    from django.views.csrf import csrf_failure

    r = csrf_failure(RequestFactory().post("/"), reason="CSRF cookie not set.")
    assert r.status_code == 403
    html = r.content.decode()
    assert "<h1>This form has expired</h1>" in html
    assert "Go back, reload the page, and send the form again." in html
    _plain(html)


def test_the_slow_down_page_needs_nothing_from_its_view() -> None:
    html = render_to_string("429.html")
    assert "<h1>Please wait a moment</h1>" in html
    assert "Try again in a few minutes. Nothing you typed was saved." in html
    _plain(html)


@pytest.mark.django_db
def test_a_missing_page_is_ours(client: Any) -> None:
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    html = r.content.decode()
    assert "<h1>Page not found</h1>" in html
    _plain(html)


@pytest.mark.django_db
def test_the_access_gates_403_explains_and_leads_back_to_the_journey(world: World) -> None:
    url = reverse("journeys:settings", kwargs={"slug": world.journey.slug})
    r = client_for(world.member).get(url)
    assert r.status_code == 403
    html = r.content.decode()
    assert "<h1>You cannot do that here</h1>" in html
    assert "You do not have permission to manage this journey (only its facilitators can)." in html
    assert f'<a href="{world.journey.get_absolute_url()}">Back to Better breast care</a>' in html
    assert '<li><a href="/journeys/">Go to your journeys</a></li>' in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "powerwith.config.settings.dev",
        "DATABASE_URL": "",
        "POWERWITH_VAR": str(tmp_path),
        "POWERWITH_HOME": str(tmp_path),
        **more,
    }
    env.pop("POWERWITH_DEBUG", None)
    env.update(more)
    return env


@pytest.mark.once
@pytest.mark.parametrize(("debug", "expected"), [(None, "False"), ("1", "True")])
def test_the_demo_settings_show_debug_pages_only_when_asked(
    tmp_path: Path, debug: str | None, expected: str
) -> None:
    env = _env(tmp_path, **({"POWERWITH_DEBUG": debug} if debug else {}))
    r = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.stdout.strip() == expected, r.stderr


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


@pytest.mark.once
def test_the_demo_server_serves_styles_and_scripts_and_our_error_pages(tmp_path: Path) -> None:
    """What `make demo` serves (cli.serve, with the dev settings and no POWERWITH_DEBUG): CSS
    and JavaScript, and PowerWith's 404 rather than Django's debug page."""
    port = _free_port()
    # Migrating a fresh file is tested by `powerwith demo` on a fresh database (tests/test_cli.py).
    db_template.copy_sqlite_to(tmp_path / "powerwith.sqlite3")
    code = (
        "from powerwith import cli; cli.setup_django(); cli.migrate(); "
        f"cli.serve('127.0.0.1', {port})"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", code],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/accounts/sign-in/", timeout=10)
                break
            except (urllib.error.URLError, OSError):  # not up yet, or too busy to answer yet
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode() if server.stderr else "no server")
                time.sleep(0.2)
        status, kind, body = _get(base + "/static/powerwith/app.css")
        assert (status, kind.split(";")[0]) == (200, "text/css")
        assert ".tap-grid" in body
        status, kind, body = _get(base + "/static/powerwith/htmx.min.js")
        assert status == 200 and "javascript" in kind
        status, kind, body = _get(base + "/no-such-page/")
        assert status == 404
        assert "<h1>Page not found</h1>" in body and "URLconf" not in body
    finally:
        server.terminate()
        server.wait(timeout=20)
