"""The export page on a phone: readable, accessible, and the download gives a ZIP."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import _context, axe, sign_in
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


# The page's height on a 360px phone: about 3,900 px with one line per file (measured after the
# fix). With the files in a table, each description squeezed into a narrow third column, it was
# 19,730 px; with every description shown in full, still about 10,400 px. With issue 20's files
# it reached 5,569 px; files with nothing in them are now folded under one line (2,208 px).
PHONE_HEIGHT_LIMIT = 4_500


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_the_list_of_files_is_one_line_per_file_on_a_phone(
    browser: Any, live_server: Any, world: Any, width: int
) -> None:
    """One line per file (its name and rows), what it holds a tap away and then as wide as the
    page: no sideways scrolling and no page many screens tall of one-word lines."""
    ctx = _context(browser, {"width": width, "height": 740}, base_url=live_server.url)
    try:
        p = ctx.new_page()
        sign_in(p, world.facilitator.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/export/")
        axe(p)
        assert p.evaluate("document.documentElement.scrollWidth") <= width
        height = p.evaluate("document.documentElement.scrollHeight")
        print(f"export page at {width}px: {height}px high")
        assert height < PHONE_HEIGHT_LIMIT
        # Files with nothing in them yet are folded under one line (this journey has few
        # records, so most are); opened, each is listed like the rest.
        empty = p.locator("details.export-files__empty")
        assert re.fullmatch(
            r"\d+ files with nothing in them yet", empty.locator("> summary").inner_text()
        )
        assert not empty.locator(".export-files").is_visible()
        empty.locator("> summary").click()
        files = p.locator(".export-files details")
        assert files.count() >= 40
        people = files.filter(has=p.locator("summary", has_text=re.compile(r"^people\.csv,")))
        assert people.locator("summary").inner_text() == "people.csv, 0 rows"
        box = people.locator("summary").bounding_box()
        assert box is not None and box["height"] >= 44
        people.locator("summary").click()
        about = people.locator("p")
        assert "code" in about.inner_text().lower()
        # Opened, the description reads across the page, not down a sliver of it.
        main = p.locator("main").bounding_box()
        box = about.bounding_box()
        assert main is not None and box is not None and box["width"] >= main["width"] - 64
        axe(p)
    finally:
        ctx.close()


@pytest.mark.django_db(transaction=True)
def test_the_public_data_package_downloads_on_a_phone(phone: Any, world: Any) -> None:
    """The data package's links sit under the ZIP's, tall enough to tap, and give the package."""
    sign_in(phone, world.facilitator.email, PASSWORD)
    phone.goto(f"/j/{world.journey.slug}/export/")
    axe(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    button = phone.get_by_role("link", name="Download the public package")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    with phone.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith(f"{world.journey.slug}-public-package-")
    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as zf:
        assert "datapackage.json" in zf.namelist()
        assert "data/people.person.csv" in zf.namelist()
