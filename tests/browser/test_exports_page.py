"""The export page on a phone: readable, accessible, and the download gives a ZIP."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe, sign_in
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_facilitator_downloads_the_record_on_a_phone(phone: Any, world: Any) -> None:
    sign_in(phone, world.facilitator.email, PASSWORD)
    phone.goto(f"/j/{world.journey.slug}/export/")
    assert phone.locator("h1").inner_text() == "Download the journey's record"
    axe(phone)
    # Nothing wider than the phone's screen except inside the scrolling table.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    button = phone.get_by_role("link", name="Download the ZIP (spreadsheets and JSON)")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    with phone.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith(f"{world.journey.slug}-")
    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as zf:
        assert any(name.endswith("/README.txt") for name in zf.namelist())
