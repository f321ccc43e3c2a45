"""Two-step sign-in and "where you are signed in" in Welsh (the project catalogue)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.welsh import get_welsh, welsh_client

pytestmark = pytest.mark.django_db


def test_two_step_and_sessions_pages_in_welsh() -> None:
    c = welsh_client(make_user("gwen@example.org", "Gwen"))
    page = get_welsh(c, reverse("two_step"))
    assert "Mewngofnodi dau gam" in page and "Trefnu mewngofnodi dau gam" in page
    assert "Two-step sign-in is off" not in page
    page = get_welsh(c, reverse("sessions"))
    assert "Ble rydych wedi mewngofnodi" in page and "Y ddyfais hon" in page
    assert "Where you are signed in" not in page
