"""Security settings and fixes from the review in docs/security.md: each test names the
requirement it proves."""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import PASSWORD, World, make_user
from tests.test_settings_and_infra import PROD, django_admin


@pytest.mark.django_db
def test_sign_in_ignores_the_case_of_the_email_address() -> None:
    """Accounts are stored in lower case; someone typing MO@Example.org still gets in."""
    make_user("mo@example.org", "Mo")
    r = Client().post("/accounts/sign-in/", {"username": "  MO@Example.org ", "password": PASSWORD})
    assert r.status_code == 302
    assert r["Location"] == "/journeys/"


@pytest.mark.django_db
def test_an_account_made_in_mixed_case_still_signs_in_as_typed() -> None:
    """An account made outside sign-up (``createsuperuser``) keeps the case it was given."""
    make_user("Admin@Example.org", "Ada")
    r = Client().post("/accounts/sign-in/", {"username": "Admin@Example.org", "password": PASSWORD})
    assert r.status_code == 302


@pytest.mark.django_db
def test_a_wrong_password_in_another_case_is_still_wrong() -> None:
    make_user("mo@example.org", "Mo")
    r = Client().post("/accounts/sign-in/", {"username": "MO@example.org", "password": "nope"})
    assert r.status_code == 200
    assert "_auth_user_id" not in r.wsgi_request.session


@pytest.mark.django_db
def test_every_page_sends_the_security_headers() -> None:
    """ASVS 3.4: CSP, no framing, no sniffing, referrer only to ourselves, own window."""
    r = Client().get("/accounts/sign-in/")
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.once
def test_production_cookies_are_host_only_secure_and_http_only(tmp_path: Path) -> None:
    """ASVS 3.3.1, 3.3.2, 3.3.4: the cookies carry the ``__Host-`` prefix (Secure, no Domain,
    Path=/), the session cookie is HttpOnly and both are SameSite=Lax."""
    names = [
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "SESSION_COOKIE_DOMAIN",
        "CSRF_COOKIE_DOMAIN",
        "SESSION_COOKIE_PATH",
        "CSRF_COOKIE_PATH",
        "SECURE_REFERRER_POLICY",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    r = django_admin(
        ["shell", "-c", code], tmp_path, POWERWITH_SECRET_KEY=secrets.token_urlsafe(50), **PROD
    )
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_DOMAIN": None,
        "CSRF_COOKIE_DOMAIN": None,
        "SESSION_COOKIE_PATH": "/",
        "CSRF_COOKIE_PATH": "/",
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    }


@pytest.mark.django_db
def test_messages_set_no_cookie() -> None:
    """ASVS 3.3.3: the "your password has been changed" message travels in the session, not in
    a third cookie without the ``__Host-`` prefix."""
    from tests.conftest import client_for

    user = make_user("mo@example.org", "Mo")
    c = client_for(user)
    r = c.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer new phrase",
            "new_password2": "a much longer new phrase",
        },
    )
    assert r.status_code == 302
    assert "messages" not in r.cookies
    assert "Your password has been changed." in c.get("/journeys/").content.decode()


@pytest.mark.django_db
def test_the_gate_logs_each_refusal_without_naming_anyone(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """ASVS 16.3.2: a refusal by the access gate is logged with ids only (no email, no name)."""
    from tests.conftest import client_for

    url = f"/j/{world.journey.slug}/agreement/settings/"
    with caplog.at_level(logging.INFO, logger="powerwith.access"):
        assert client_for(world.outsider).get(url).status_code == 404
        assert client_for(world.member).get(url).status_code == 403
        assert client_for(world.facilitator).get(url).status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "powerwith.access"]
    j = world.journey.pk
    assert lines == [
        f"Access refused: user {world.outsider.pk} is not in journey {j} (needs manage)",
        f"Access refused: user {world.member.pk} is member in journey {j} (needs manage)",
    ]


@pytest.mark.django_db
def test_signed_in_pages_are_not_kept_by_browsers_or_proxies(world: World) -> None:
    """ASVS 14.3.2, 14.2.2: a page for a signed-in visitor says ``no-store``, so a shared
    computer's back button or a proxy does not show a journey after signing out; public pages
    and static files keep their ordinary caching."""
    from tests.conftest import client_for

    r = client_for(world.member).get(f"/j/{world.journey.slug}/")
    assert r.status_code == 200
    assert r["Cache-Control"] == "private, no-store"
    home = Client().get("/")
    assert home.status_code == 200
    assert "Cache-Control" not in home


@pytest.mark.django_db
def test_the_content_security_policy_closes_base_and_object() -> None:
    """ASVS 3.4.3: no <base> pointing elsewhere, no plugins."""
    csp = Client().get("/accounts/sign-in/")["Content-Security-Policy"]
    assert "base-uri 'self'" in csp
    assert "object-src 'none'" in csp


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("PowerWith2026!", True),
        ("power-with-journey", True),
        ("Coproduction123", True),
        ("facilitator facilitator", True),
        ("my long journey home by the sea", False),
        ("correct horse battery staple", False),
    ],
)
def test_passwords_made_of_words_about_the_site_are_refused(password: str, refused: bool) -> None:
    """ASVS 6.1.2, 6.2.11: the documented list of context words (``passwords.CONTEXT_WORDS``)
    cannot make up a password; a passphrase that merely contains one is fine."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
    except ValidationError as exc:
        assert refused, exc.messages
        assert exc.messages == [
            "That password is mostly words about this site, so it is easy to guess. Choose another."
        ]
    else:
        assert not refused
