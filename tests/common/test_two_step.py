"""Two-step sign-in: setting it up, signing in with a code or a recovery code, replay, the
same lockout and limits as passwords, turning it off, and who must use it."""

from __future__ import annotations

import re
from typing import Any

import pyotp
import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse

from powerwith.common import twostep
from powerwith.common.models import AuditEntry, RecoveryCode, TwoStep
from powerwith.common.twostep_views import NEW_KEY
from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Membership
from powerwith.organisations.models import Organisation, OrganisationRole
from tests.conftest import PASSWORD, World, client_for, make_user

pytestmark = pytest.mark.usefixtures("pinned_clock")

NOW = 1_800_000_000.0  # a 30-second step starts here (1_800_000_000 / 30 is whole)
CLIENT = "203.0.113.7"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The two-step clock, moved on by the test: ``clock.now = ...``."""

    class Clock:
        now = NOW

    monkeypatch.setattr(twostep, "clock", lambda: Clock.now)
    return Clock


def code_at(secret: str, when: float) -> str:
    return pyotp.TOTP(secret).at(when)


def turn_on(user: Any) -> tuple[str, list[str]]:
    """Two-step sign-in turned on for ``user`` through the service; (key, recovery codes)."""
    secret = twostep.new_secret()
    codes = twostep.two_step_turn_on(user=user, secret=secret, code=code_at(secret, NOW))
    return secret, codes


def password_step(email: str, *, next_url: str = "") -> tuple[Client, Any]:
    c = Client(REMOTE_ADDR=CLIENT)
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return c, c.post(reverse("login"), data)


def signed_in(c: Client) -> bool:
    return c.get(reverse("journeys:list")).status_code == 200


@pytest.mark.django_db
def test_setting_it_up_from_the_account_page(world: World, clock: Any) -> None:
    c = client_for(world.member)
    assert 'href="/accounts/two-step/"' in c.get(reverse("journeys:list")).content.decode()
    page = c.get(reverse("two_step")).content.decode()
    assert "Two-step sign-in is off for your account." in page

    r = c.get(reverse("two_step_set_up"))
    assert r.status_code == 200
    secret = c.session[NEW_KEY]
    page = r.content.decode()
    # The QR code is drawn in the page (no image request, no script), and the key is written
    # out in groups of four for typing.
    assert re.search(r'<svg role="img" aria-label="QR code for your authenticator app"', page)
    assert "style=" not in page.split('<div class="qr">')[1].split("</div>")[0]
    grouped = " ".join(secret[i : i + 4] for i in range(0, 32, 4))
    assert f"<code>{grouped}</code>" in page
    # The same key on a second look (reloading the page must not change it under the app).
    c.get(reverse("two_step_set_up"))
    assert c.session[NEW_KEY] == secret

    r = c.post(reverse("two_step_set_up"), {"code": "123456"})
    assert r.status_code == 400
    assert "That code is not right" in r.content.decode()
    assert not TwoStep.objects.filter(user=world.member).exists()

    r = c.post(reverse("two_step_set_up"), {"code": code_at(secret, NOW)})
    assert r.status_code == 302 and r["Location"] == reverse("two_step_codes")
    page = c.get(reverse("two_step_codes")).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "You will not see them again" in page
    # Shown once.
    again = c.get(reverse("two_step_codes")).content.decode()
    assert not re.findall(r"<li><code>", again)
    assert "Recovery codes are shown only once" in again

    two_step = TwoStep.objects.get(user=world.member)
    assert two_step.secret == secret
    stored = list(
        RecoveryCode.objects.filter(two_step=two_step).values_list("code_hash", flat=True)
    )
    assert len(stored) == 10
    for code in codes:  # only hashes are kept, and each code matches one of them
        plain = code.replace("-", "")
        assert all(plain not in h for h in stored)
        assert sum(check_password(plain, h) for h in stored) == 1
    page = c.get(reverse("two_step")).content.decode()
    assert "Two-step sign-in is on for your account" in page
    assert "You have 10 recovery codes left." in page
    line = AuditEntry.objects.get(action="two_step_on")
    assert (line.actor, line.journey, line.summary) == (
        world.member,
        None,
        "Turned on two-step sign-in",
    )


@pytest.mark.django_db
def test_the_password_alone_does_not_sign_in(world: World, clock: Any) -> None:
    secret, _ = turn_on(world.member)
    clock.now = NOW + 60
    c, r = password_step(world.member.email, next_url="/accounts/your-data/")
    assert r.status_code == 302 and r["Location"] == reverse("two_step_sign_in")
    assert not signed_in(c)
    page = c.get(reverse("two_step_sign_in")).content.decode()
    assert "Enter the code from your phone" in page
    assert 'autocomplete="one-time-code"' in page

    r = c.post(reverse("two_step_sign_in"), {"code": "000000"})
    assert r.status_code == 400
    assert "That code is not right" in r.content.decode()
    assert not signed_in(c)

    r = c.post(reverse("two_step_sign_in"), {"code": code_at(secret, clock.now)})
    assert r.status_code == 302 and r["Location"] == "/accounts/your-data/"
    assert signed_in(c)


@pytest.mark.django_db
def test_a_code_works_once(world: World, clock: Any) -> None:
    secret, _ = turn_on(world.member)
    clock.now = NOW + 90
    code = code_at(secret, clock.now)
    c, _ = password_step(world.member.email)
    c.post(reverse("two_step_sign_in"), {"code": code})
    assert signed_in(c)

    # Someone who saw the code, with the password, within the same 30 seconds: refused.
    c2, _ = password_step(world.member.email)
    r = c2.post(reverse("two_step_sign_in"), {"code": code})
    assert r.status_code == 400 and not signed_in(c2)
    # The previous step's code is older still: refused too.
    r = c2.post(reverse("two_step_sign_in"), {"code": code_at(secret, clock.now - 30)})
    assert r.status_code == 400 and not signed_in(c2)
    # The next code is fine.
    clock.now += 30
    c2.post(reverse("two_step_sign_in"), {"code": code_at(secret, clock.now)})
    assert signed_in(c2)


@pytest.mark.django_db
def test_a_recovery_code_works_once(world: World, clock: Any) -> None:
    _, codes = turn_on(world.member)
    c, _ = password_step(world.member.email)
    r = c.post(reverse("two_step_sign_in"), {"code": codes[3].upper().replace("-", " ")})
    assert r.status_code == 302
    page = c.get(reverse("journeys:list")).content.decode()
    assert "You signed in with a recovery code. It will not work again. You have 9 left" in page
    line = AuditEntry.objects.get(action="recovery_code_used")
    assert (line.actor, line.summary) == (world.member, "Signed in with a recovery code (9 left)")

    c2, _ = password_step(world.member.email)
    r = c2.post(reverse("two_step_sign_in"), {"code": codes[3]})
    assert r.status_code == 400 and not signed_in(c2)
    assert twostep.codes_left(TwoStep.objects.get(user=world.member)) == 9


@pytest.mark.django_db
def test_wrong_codes_pause_signing_in_as_wrong_passwords_do(
    world: World, clock: Any, settings: Any
) -> None:
    settings.AXES_ENABLED = True
    secret, _ = turn_on(world.member)
    clock.now = NOW + 300
    c, _ = password_step(world.member.email)
    for _n in range(7):
        assert c.post(reverse("two_step_sign_in"), {"code": "111111"}).status_code == 400
    r = c.post(reverse("two_step_sign_in"), {"code": "111111"})  # the eighth wrong try
    assert r.status_code == 429
    assert "Signing in is paused" in r.content.decode()
    # Now even the right code is refused from this address.
    r = c.post(reverse("two_step_sign_in"), {"code": code_at(secret, clock.now)})
    assert r.status_code == 429 and not signed_in(c)


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_addresss_limit(
    world: World, clock: Any, settings: Any
) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "sign_in": (3, 900)}
    secret, _ = turn_on(world.member)
    c, _ = password_step(world.member.email)
    for _n in range(3):
        c.post(reverse("two_step_sign_in"), {"code": "111111"})
    clock.now = NOW + 30
    r = c.post(reverse("two_step_sign_in"), {"code": code_at(secret, clock.now)})
    assert r.status_code == 429 and not signed_in(c)


@pytest.mark.django_db
def test_the_code_page_needs_the_password_first_and_not_long_ago(world: World, clock: Any) -> None:
    secret, _ = turn_on(world.member)
    c = Client()
    assert c.get(reverse("two_step_sign_in"))["Location"] == reverse("login")
    c, _ = password_step(world.member.email)
    clock.now = NOW + 11 * 60
    r = c.post(reverse("two_step_sign_in"), {"code": code_at(secret, clock.now)})
    assert r.status_code == 302 and r["Location"] == reverse("login")
    assert not signed_in(c)
    assert "More than 10 minutes went by" in c.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_turning_it_off_and_new_recovery_codes_need_a_current_code(
    world: World, clock: Any
) -> None:
    secret, old_codes = turn_on(world.member)
    c = client_for(world.member)
    page = c.get(reverse("two_step_renew")).content.decode()
    assert "Make new recovery codes?" in page
    assert c.post(reverse("two_step_renew"), {"code": "222222"}).status_code == 400
    # A recovery code does not make new recovery codes: only the app does.
    assert c.post(reverse("two_step_renew"), {"code": old_codes[0]}).status_code == 400
    clock.now = NOW + 30
    r = c.post(reverse("two_step_renew"), {"code": code_at(secret, clock.now)})
    assert r["Location"] == reverse("two_step_codes")
    new_codes = re.findall(r"<code>([a-z0-9-]{11})</code>", c.get(r["Location"]).content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert AuditEntry.objects.filter(action="recovery_codes_renew", actor=world.member).count() == 1

    assert "Turn off two-step sign-in?" in c.get(reverse("two_step_off")).content.decode()
    assert c.post(reverse("two_step_off"), {"code": code_at(secret, clock.now)}).status_code == 400
    clock.now += 30
    r = c.post(reverse("two_step_off"), {"code": code_at(secret, clock.now)})
    assert r["Location"] == reverse("two_step")
    assert not TwoStep.objects.filter(user=world.member).exists()
    assert not RecoveryCode.objects.exists()
    assert AuditEntry.objects.filter(action="two_step_off", actor=world.member).count() == 1
    # Signing in is one step again.
    c2, r = password_step(world.member.email)
    assert r["Location"] == reverse("journeys:list") and signed_in(c2)


@pytest.mark.django_db
def test_who_must_use_it_when_the_setting_is_on(world: World, settings: Any, clock: Any) -> None:
    settings.POWERWITH_REQUIRE_TWO_STEP = True
    staff = make_user("stella@example.org")
    staff.is_staff = True
    staff.save()
    org_admin = make_user("ada@example.org")
    org = Organisation.objects.create(name="Council", slug="council")
    OrganisationRole.objects.create(organisation=org, user=org_admin, role="admin")
    must = {world.facilitator, staff, org_admin}
    for user in (world.facilitator, world.member, world.observer, world.outsider, staff, org_admin):
        c, r = password_step(user.email)
        r = c.get(reverse("journeys:list"))
        if user in must:
            assert r.status_code == 302 and r["Location"] == reverse("two_step_set_up"), user
            page = c.get(r["Location"]).content.decode()
            assert "Your role needs two-step sign-in" in page
            assert c.get(reverse("rights_account:mine"))["Location"] == reverse("two_step_set_up")
        else:
            assert r.status_code == 200, user

    # Setting it up lets them in; signing out is always possible.
    c, _ = password_step(world.facilitator.email)
    c.get(reverse("two_step_set_up"))
    secret = c.session[NEW_KEY]
    r = c.post(reverse("two_step_set_up"), {"code": code_at(secret, clock.now)})
    assert r["Location"] == reverse("two_step_codes")
    assert c.get(reverse("two_step_codes")).status_code == 200
    assert signed_in(c)
    # Off: every page again.
    settings.POWERWITH_REQUIRE_TWO_STEP = False
    c, _ = password_step(staff.email)
    assert signed_in(c)


@pytest.mark.django_db
def test_a_member_made_facilitator_is_asked_at_their_next_sign_in(
    world: World, settings: Any
) -> None:
    settings.POWERWITH_REQUIRE_TWO_STEP = True
    c, _ = password_step(world.member.email)
    assert signed_in(c)
    Membership.objects.filter(user=world.member).update(role="facilitator")
    assert signed_in(c)  # this session goes on
    c2, _ = password_step(world.member.email)
    assert c2.get(reverse("journeys:list"))["Location"] == reverse("two_step_set_up")


@pytest.mark.django_db
def test_the_admins_sign_in_is_ours(world: World) -> None:
    r = Client().get("/admin/login/?next=/admin/auth/user/")
    assert r.status_code == 302
    assert r["Location"] == "/accounts/sign-in/?next=/admin/auth/user/"


@pytest.mark.django_db
def test_a_copy_says_it_is_on_and_closing_the_account_removes_it(world: World, clock: Any) -> None:
    from powerwith.rights import selectors

    secret, codes = turn_on(world.member)
    row = selectors.account_table(world.member)[0]
    assert row["Two-step sign-in"] == "on" and row["Recovery codes left"] == 10
    assert secret not in str(row) and not any(c in str(row) for c in codes)
    assert selectors.account_table(world.observer)[0]["Two-step sign-in"] == "off"

    journey_services.account_close(user=world.member, password=PASSWORD)
    assert not TwoStep.objects.exists() and not RecoveryCode.objects.exists()
