"""The report for a board or funder, on a phone and a desktop: the demo journey's report with
its charts, the period chooser, and asking for the PDF (the page that says it is being made,
with "Check again"); accessible, and it fits."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.reports import services
from powerwith.reports.models import QUEUED, READY, BoardReport
from tests import demo_snapshot
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in, tall_enough

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("where", ["phone", "page"])
def test_the_board_report_page(where: str, request: Any, db: Any) -> None:
    page = request.getfixturevalue(where)
    demo = demo_snapshot.load_demo()
    journey = demo.journeys[0]
    sign_in(page, demo.facilitator_email, demo.password)
    page.goto(f"/j/{journey.slug}/dashboard/")
    follow(page.get_by_role("link", name="Report for a board or funder"))
    assert page.locator("h1").inner_text() == "Report for the board"
    assert page.locator(".report-body svg").count() >= 3  # the dashboard's own charts
    assert "No one is named in this report." in page.content()
    axe(page)
    no_sideways_scroll(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"board report at {page.viewport_size['width']}px: {height}px high")

    # A period the dashboard refuses is refused here with the same message, next to the field.
    page.locator(".period-chooser summary").click()
    page.get_by_label("Between these dates").check()
    page.locator("#id_from").fill("2025-03-31")
    page.locator("#id_to").fill("2025-03-01")
    follow(page.get_by_role("button", name="Show these figures"))
    assert "The end date must be the same as or after the start date." in page.content()
    axe(page)
    no_sideways_scroll(page)

    page.goto(f"/j/{journey.slug}/dashboard/board-report/")
    button = page.get_by_role("button", name="Make the PDF for all time")
    tall_enough(button)
    follow(button)
    # The demo's own report is ready, so this asks for a new one.
    assert BoardReport.objects.filter(journey__slug=journey.slug, status=READY).count() == 1
    waiting = BoardReport.objects.get(journey__slug=journey.slug, status=QUEUED)
    assert page.locator("h1").inner_text() == "The report as a PDF"
    status = page.get_by_role("status")
    assert "The PDF is waiting to be made." in status.inner_text()
    # No automatic reload (WCAG 2.2.1), so axe has no exception here: "Check again" works
    # without JavaScript, and with it the page checks by itself and says so.
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.get_by_text("This page checks by itself every few seconds").is_visible()
    axe(page)
    no_sideways_scroll(page)
    tall_enough(page.get_by_role("link", name="Check again"))
    follow(page.get_by_role("link", name="Check again"))
    assert "The PDF is waiting to be made." in page.get_by_role("status").inner_text()
    # The worker makes it: the page, left alone, says so in its status region (announced
    # politely) without reloading, and offers the download.
    page.evaluate("window.notReloaded = true")
    services.report_make(report_id=waiting.pk)
    page.get_by_role("link", name="Download the PDF").wait_for(timeout=60000)
    assert "The PDF is ready" in page.get_by_role("status").inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert not page.get_by_text("This page checks by itself every few seconds").is_visible()
    axe(page)
    no_sideways_scroll(page)
