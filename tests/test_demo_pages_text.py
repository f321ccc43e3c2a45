"""What a person reads on the main pages of the demo: no "1 contributions" (plurals agree with
their number) and no ISO dates (2026-12-06): dates are written "6 December 2026" or
"6 Dec 2026" (common/dates.py). ISO dates stay in exports, JSON, CSV and <time datetime>."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from powerwith.common.context import JOURNEY_SECTIONS
from tests import demo_snapshot
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

NOUNS = (
    "people|persons|contributions|gatherings|limits|points|things|answers|votes|rounds|"
    "questions|decisions|items|turns|days|members|times|ballots|groups|needs|organisations|"
    "records|changes|hours|values|actions|comments|reflections|meetings|sessions|options|"
    "workshops|tasks|claims|payments|weeks|months|years|others|spells|roles|tags|dots|"
    "accounts|invitations|banks|endings|replies|responses|events|issues|ideas|steps"
)
ONE_PLURAL = re.compile(rf"(?<![\d.,])\b1 ({NOUNS})\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Left for the dashboard's own templates (not changed here): the day of each vote in the
# decisions section (decisions/templates/decisions/insights.html shows the JSON's ISO text).
KNOWN = re.compile(r"from professionals, \d{4}-\d{2}-\d{2}\.")


def visible_text(page: str) -> str:
    """The words on the page: without scripts, styles, tags or attributes (so no value="..."
    of a date box and no <time datetime>)."""
    page = re.sub(r"(?is)<(script|style|textarea)\b.*?</\1>", " ", page)
    # A cell, a heading or a paragraph ends a phrase: "1" in one cell and "Turns" in the next
    # heading are not "1 Turns".
    page = re.sub(
        r"(?is)</?(td|th|tr|caption|p|li|div|h[1-6]|dt|dd|section|ul|ol|table|br|label)\b[^>]*>",
        " | ",
        page,
    )
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def pages(slug: str) -> list[str]:
    from powerwith.contributions.models import Contribution
    from powerwith.gatherings.models import Gathering
    from powerwith.people.models import Person

    urls = []
    for _, name in JOURNEY_SECTIONS:
        urls.append(reverse(name, kwargs={"slug": slug}))
    urls += [
        reverse("journeys:members", kwargs={"slug": slug}),
        reverse("contributions:you_said", kwargs={"slug": slug}),
        reverse("decisions:votes", kwargs={"slug": slug}),
        reverse("decisions:groups", kwargs={"slug": slug}),
    ]
    for g in Gathering.objects.filter(journey__slug=slug).order_by("-held_on")[:3]:
        urls.append(g.get_absolute_url())
    for c in Contribution.objects.filter(journey__slug=slug).order_by("raised_on")[:3]:
        urls.append(c.get_absolute_url())
    for p in Person.objects.filter(journey__slug=slug).order_by("id")[:3]:
        urls.append(reverse("people:detail", kwargs={"slug": slug, "person_pk": p.pk}))
    return urls


def test_demo_pages_agree_in_number_and_write_dates_for_people() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = client_for(user)
    problems: list[str] = []
    for slug in ("better-breast-care", "northfield-together"):
        for url in pages(slug):
            r = c.get(url)
            assert r.status_code == 200, url
            text = KNOWN.sub("", visible_text(r.content.decode()))
            problems += [f"{url}: “{m.group(0)}”" for m in ONE_PLURAL.finditer(text)]
            problems += [f"{url}: ISO date {m.group(0)}" for m in ISO_DATE.finditer(text)]
    assert not problems, "\n".join(problems)


def test_the_checks_can_fail() -> None:
    assert ONE_PLURAL.search(visible_text("<p>1 limits</p>"))
    assert not ONE_PLURAL.search(visible_text("<p>21 limits, 1 limit, 1.5 days</p>"))
    assert ISO_DATE.search(visible_text("<td>2026-12-06</td>"))
    assert not ISO_DATE.search(
        visible_text('<input value="2026-12-06"><time datetime="2026-12-06">6 Dec 2026</time>')
    )
