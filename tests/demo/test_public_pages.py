"""The README sends people to the demo's public "you said, we did" pages: they must answer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from powerwith.journeys.models import Journey
from tests import demo_snapshot

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.django_db
def test_the_readmes_public_demo_pages_answer_after_loading_the_demo(client: Any) -> None:
    links = re.findall(r"http://127\.0\.0\.1:8000(/p/[\w-]+/you-said-we-did/)", README.read_text())
    assert links == [
        "/p/better-breast-care/you-said-we-did/",
        "/p/northfield-together/you-said-we-did/",
    ]
    demo_snapshot.load_demo()
    for path in links:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "You said" in r.content.decode()
    assert set(Journey.objects.filter(public_you_said=True).values_list("slug", flat=True)) == {
        "better-breast-care",
        "northfield-together",
    }
