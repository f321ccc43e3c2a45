"""The API token page in Welsh: its words, the scopes' labels (lazy) and a complete catalogue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.welsh import get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_complete() -> None:
    assert untranslated("api") == []


def test_token_page_in_welsh() -> None:
    page = get_welsh(
        welsh_client(make_user("gwen@example.org", "Gwen")), reverse("api_account:tokens")
    )
    assert "Eich tocynnau API" in page and "Darllen yn unig" in page and "Gwneud y tocyn" in page
    assert "Your API tokens" not in page and "Read only" not in page
