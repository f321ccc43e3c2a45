"""Every value of the dashboard a person sees is a label and a formatted value: never an
identifier such as ``professional_share`` or a raw fraction such as 0.636."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

from powerwith.demo.loader import FACILITATOR_EMAIL
from powerwith.insights import labels, registry, thresholds
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from tests.conftest import client_for
from tests.demo_snapshot import load_demo

# A snake_case identifier (two or more words joined by "_") or a fraction with three or more
# decimal places, the way the JSON holds shares.
RAW = re.compile(r"\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b|\b\d\.\d{3,}\b")


def visible_text(page: str) -> str:
    """The text of a page as a person reads it (tags, attributes and comments left out)."""
    body = page[page.index("<main") :]
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def sign(code: str, evidence: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    return {
        "section": "record",
        "code": code,
        "title": "T",
        "fired": True,
        "explanation": "e",
        "research": "r",
        "question": "q",
        "based_on": "b",
        "evidence": evidence,
        "thresholds": limits,
    }


def test_each_kind_of_value_is_formatted() -> None:
    assert labels.show("share", 0.636) == "64%"
    assert labels.show("count", 885) == "885"
    assert labels.show("count", None) == "none yet"
    assert labels.show("small", None) == "fewer than 5"
    assert labels.show("days", 19.5) == "19.5 days"
    assert labels.show("days", 1) == "1 day"
    assert labels.show("pence", 1130) == "£11.30"
    assert labels.show("pence", 123456) == "£1,234.56"
    assert labels.show("ratio", 0.443) == "0.44"
    assert labels.show("scale", 2.3) == "2.3 out of 5"
    assert labels.show("date", "2026-08-25") == "25 August 2026"
    assert labels.show("groups", ["Age: 35 to 49 (Borough)"]) == "Age: 35 to 49 (Borough)"
    assert labels.show("yes_no", True) == "yes"
    old = {"id": 3, "text": "Chairs", "raised_on": "2025-02-04", "days": 30}
    assert (
        labels.show("contribution", old)
        == "\u201cChairs\u201d, raised on 4 February 2025 (30 days ago)"
    )


def test_a_warning_signs_figures_and_thresholds_have_labels() -> None:
    w = sign(
        "professionals_hold_voice",
        {"professional_share": 0.636, "turns": 885},
        {"share": 0.6, "min_turns": 20},
    )
    page = render_to_string("insights/_evidence.html", {"w": w})
    assert "<dt>Professionals' share of speaking turns</dt><dd>64%</dd>" in html.unescape(page)
    assert "<dt>Speaking turns</dt><dd>885</dd>" in page
    assert "<dt>Fewest turns before warning</dt><dd>20</dd>" in page
    assert "<dt>Professionals&#x27; share of speaking turns</dt><dd>60%</dd>" in page
    assert not RAW.search(visible_text("<main>" + page))


def test_an_evidence_key_called_items_renders() -> None:
    """Evidence may use any key, even the name of a dict method."""
    page = render_to_string("insights/_evidence.html", {"w": sign("x", {"items": 3}, {})})
    assert "<dt>Items</dt><dd>3</dd>" in page


@pytest.fixture
def demo(db: Any) -> list[Journey]:
    load_demo()
    return list(Journey.objects.order_by("slug"))


def test_every_key_of_every_warning_sign_has_a_label(demo: list[Journey]) -> None:
    codes = set()
    for journey in demo:
        for w in insights_for(journey)["warnings"]:
            codes.add(w["code"])
            for key in w["evidence"]:
                assert labels.evidence_info(w["code"], key), (w["code"], key)
            for name in w["thresholds"]:
                known = [
                    getattr(m, "THRESHOLD_INFO", {}).get(w["code"], {}) for m in registry.sections()
                ]
                assert any(name in k for k in known), (w["code"], name)
    assert codes == set(thresholds.defaults())


def test_the_demo_dashboard_shows_no_raw_keys_or_fractions(demo: list[Journey]) -> None:
    """The report opens every "Show more" and every warning sign's figures, so this reads
    every value the dashboard can show, for both demo journeys."""
    client = client_for(get_user_model().objects.get(email=FACILITATOR_EMAIL))
    for journey in demo:
        page = client.get(
            reverse("insights:dashboard", kwargs={"slug": journey.slug}) + "?report=1"
        ).content.decode()
        assert page.count("warning-box warning-sign") >= 5
        text = visible_text(page)
        assert journey.title in text
        assert RAW.findall(text) == []
