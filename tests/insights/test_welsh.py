"""The power dashboard in Welsh: figures, warning signs and their explanations, the records and
thresholds pages; the JSON stays English (a contract for tools)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import translation

from powerwith.insights import core, thresholds
from powerwith.journeys import services as journey_services
from powerwith.organisations import services as org_services
from tests.conftest import client_for, make_user
from tests.welsh import catalogue, english_left, get_welsh, welsh_client, welsh_get, welsh_text

from .conftest import SceneA


def url(scene: SceneA, rest: str = "") -> str:
    return f"/j/{scene.w.journey.slug}/dashboard/{rest}"


def test_catalogue_is_complete() -> None:
    entries = [e for e in catalogue("insights") if not e.obsolete]
    assert len(entries) > 350
    assert [e.msgid for e in entries if not e.translated()] == []


def test_dashboard_in_welsh_with_its_warning_signs(scene: SceneA) -> None:
    w = scene.w
    w.journey.options = {"warnings": {"professionals_hold_voice": {"share": 0.5, "min_turns": 1}}}
    w.journey.save()
    c = client_for(w.observer)
    english = c.get(url(scene)).content.decode()
    assert "Professionals hold most of the voice" in english

    page = welsh_text(welsh_get(c, url(scene)))
    assert "<h1>Dangosfwrdd grym</h1>" in page
    assert '<h2 id="summary-h">Yn fyr</h2>' in page
    # 2, the ground rules' two (the scene meets with no ground rules and no words list), and
    # two more of issue 20's: no map of who should be involved, no expected outcomes.
    assert '<h3 id="warnings-h">6 arwydd rhybudd</h3>' in page
    assert "Mae’r grŵp yn cyfarfod heb reolau sylfaenol y cytunwyd arnynt" in page
    # The warning sign: its title, the sentence built from the figures, question and research.
    assert "Gweithwyr proffesiynol sy’n siarad fwyaf" in page
    assert (
        "Cymerodd pobl a oedd yno oherwydd eu swydd 57% o’r 14 tro siarad a gofnodwyd yn y cyfnod hwn."
        in page
    )
    assert "Cwestiwn i’r grŵp:" in page
    assert "Beth allen ni ei newid er mwyn i bobl â phrofiad bywyd siarad mwy" in page
    assert "Cyfran gweithwyr proffesiynol o’r troeon siarad" in page  # its evidence, labelled
    assert ">Pwy sydd yn yr ystafell</h3>" in page
    assert "Yn seiliedig ar: Farr 2018 (pwy sy’n cymryd rhan" in page
    # Up to the end of the foundation section (the sections after it are other apps', with
    # catalogues of their own).
    assert english_left("insights", page[: page.index('<h2 id="sec-decisions"')]) == []
    # The English page is still English: each language has its own copy in the cache.
    again = c.get(url(scene)).content.decode()
    assert "Professionals hold most of the voice" in again and "Dangosfwrdd" not in again


def test_records_and_thresholds_in_welsh(scene: SceneA) -> None:
    c = client_for(scene.w.facilitator)
    page = welsh_text(welsh_get(c, url(scene, "records/voice/")))
    assert "Cyfran y llais: y cofnodion" in page
    assert english_left("insights", page) == []
    page = welsh_text(welsh_get(c, url(scene, "thresholds/")))
    assert "<h1>Pryd mae arwyddion rhybudd yn ymddangos</h1>" in page
    assert "Lleiafswm troeon cyn rhybuddio" in page
    # The foundation's warning signs come first; the other sections' settings are their
    # apps' own catalogues.
    others = [code for code in thresholds.defaults() if code not in core.DEFAULT_THRESHOLDS]
    with translation.override("cy"):
        first_other = thresholds.title(others[0])
    assert english_left("insights", page[: page.index(first_other)]) == []


def test_json_stays_english_for_a_welsh_reader(scene: SceneA) -> None:
    c = client_for(scene.w.observer)
    doc = welsh_get(c, url(scene, "insights.json")).json()
    assert doc["sections"]["record"]["room"]["title"] == "Who is in the room"
    titles = {w["code"]: w["title"] for w in doc["warnings"]}
    assert titles["professionals_hold_voice"] == "Professionals hold most of the voice"


def test_the_organisation_view_across_journeys_in_welsh(db: Any) -> None:
    ada = make_user("ada@example.org")
    org = org_services.organisation_create(actor=ada, name="Trust")
    for i in range(2):
        journey_services.journey_create(
            actor=ada, title=f"Journey {i}", host=org, started_on=datetime.date(2025, 1, 6)
        )
    page = get_welsh(welsh_client(ada), org.get_absolute_url())
    assert "Ar draws ei deithiau" in page and "Y teithiau ochr yn ochr" in page
    assert "Pob taith" in page and "Yr un hen wynebau" in page
    assert "Across its journeys" not in page and "The journeys side by side" not in page
