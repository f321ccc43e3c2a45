"""The report for a board or funder: its page, its PDF (made by the task queue, or by
`powerwith report`), who may see and download it, and what it never says (anyone's name)."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from powerwith.cli import main
from powerwith.common.models import AuditEntry
from powerwith.contributions import services as cs
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.reports import content, pdf, services
from powerwith.reports.models import FAILED, QUEUED, READY, BoardReport
from tests.conftest import World, build_world, client_for
from tests.demo_snapshot import load_demo
from tests.insights.builders import came, gathering, person, raise_
from tests.notices.conftest import run_worker

D = datetime.date


def _text(data: bytes) -> tuple[list[str], pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages], reader


def flat(text: str) -> str:
    """The text with every run of spaces and line breaks as one space (the PDF wraps lines)."""
    return " ".join(text.split())


def _small_journey(world: World) -> dict[str, Any]:
    """Two people in the room, three things raised, one done with a response."""
    rose = person(world, "Rose Hill", "service_user")
    sam = person(world, "Sam Staff", "frontline_staff")
    g = gathering(world, D(2025, 3, 4))
    came(world, g, rose, sam)
    done = raise_(world, "Chairs in the waiting room are too low", "paper", D(2025, 3, 4), rose)
    raise_(world, "Letters arrive after the appointment", "paper", D(2025, 3, 5), rose)
    raise_(world, "Parking is hard", "paper", D(2025, 6, 1))
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=done,
        fate="done",
        change_level="organisational_service",
        response="We bought twelve higher chairs with arms.",
        on=D(2025, 3, 20),
    )
    return {"rose": rose, "sam": sam, "done": done}


@pytest.fixture
def tworld(transactional_db: Any) -> World:
    """A world in a database without a test transaction around it: the real worker
    (``db_worker``) closes its connection when it is done, which PostgreSQL's test
    transaction would not survive; each step here commits as in real use."""
    return build_world()


def page_url(world: World) -> str:
    return reverse("reports:page", kwargs={"slug": world.journey.slug})


def test_the_page_shows_the_report_for_a_chosen_period(world: World) -> None:
    _small_journey(world)
    r = client_for(world.observer).get(
        page_url(world), {"period": "dates", "from": "2025-03-01", "to": "2025-03-31"}
    )
    assert r.status_code == 200
    html = flat(r.content.decode())
    assert "Figures for 01 Mar 2025 to 31 Mar 2025" in html
    # Two things raised in March (the third is in June), one done: the insights figures.
    doc = insights_for(world.journey, Period(D(2025, 3, 1), D(2025, 3, 31)))
    ft = doc["sections"]["record"]["follow_through"]
    assert (ft["raised"], ft["done"], ft["open"]) == (2, 1, 1)
    assert "People raised 2 things: 1 done, 1 still open and 0 not possible" in html
    assert (
        "2 people came to at least one gathering: 1 with lived experience and 1 professionals."
        in html
    )
    assert "“Chairs in the waiting room are too low”" in html
    assert "We bought twelve higher chairs with arms." in html
    assert "Rose Hill" not in html and "Sam Staff" not in html
    # Members and observers see no button to make the PDF; facilitators do.
    assert "Make the PDF" not in html
    html = client_for(world.facilitator).get(page_url(world)).content.decode()
    assert "Make the PDF for all time" in html


def test_the_period_is_checked_with_the_dashboards_messages(world: World) -> None:
    r = client_for(world.member).get(
        page_url(world), {"period": "dates", "from": "2025-03-31", "to": "2025-03-01"}
    )
    assert r.status_code == 400
    assert "The end date must be the same as or after the start date." in r.content.decode()
    r = client_for(world.member).get(page_url(world), {"period": "dates"})
    assert r.status_code == 400
    assert "Enter a start date, an end date or both." in r.content.decode()


def test_the_demo_pdf_has_the_documents_figures_and_nobodys_name(db: Any) -> None:
    load_demo()
    journey = Journey.objects.get(slug="better-breast-care")
    data, pages = pdf.render_pdf(journey, language="en")
    texts, reader = _text(data)
    assert len(reader.pages) == pages
    for page in reader.pages:  # A4, in points
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for n, text in enumerate(texts, start=1):
        assert "Better breast care · Figures for all time" in text
        assert f"Page {n} of {pages}" in text
    whole = flat(" ".join(texts))

    doc = insights_for(journey, Period())
    record = doc["sections"]["record"]
    room, ft = record["room"], record["follow_through"]
    assert (
        f"{room['people']} people came to at least one gathering: {room['by_side']['lived']} "
        f"with lived experience and {room['by_side']['professional']} professionals. "
        f"Rests on {room['n']} records."
    ) in whole
    assert (
        f"People raised {ft['raised']} things: {ft['done']} done, {ft['open']} still open and "
        f"{ft['not_possible']} not possible"
    ) in whole
    voice = record["voice"]
    assert f"Lived experience share: {round(voice['turns_share_by_side']['lived'] * 100)}%" in whole
    assert f"Speaking turns: {voice['turns']}" in whole
    decisions = doc["sections"]["decisions"]["decisions"]
    assert (
        f"Of {decisions['total']} decisions, {decisions['inside_group']} were taken by the group "
        f"itself, and {decisions['power_sharing']} sat on the two steps"
    ) in whole
    # Every fired sign anyone in the journey may see; the care section's (facilitators only,
    # issue 20) never, since everyone who may see the dashboard may download the PDF.
    for sign in (w for w in doc["warnings"] if w["fired"]):
        assert (flat(sign["title"]) in whole) is (sign["section"] != "care"), sign["code"]
    assert any(w["fired"] and w["section"] == "care" for w in doc["warnings"])
    assert "PowerWith does not yet keep what the group said about a warning sign" in whole

    examples = content.examples(journey, Period())
    assert len(examples) == content.EXAMPLES
    for e in examples:
        assert flat(e["said"]) in whole
        assert flat(e["did"]) in whole

    names = list(Person.objects.filter(journey=journey).values_list("name", flat=True))
    assert names
    assert [n for n in names if n in whole] == []
    assert "No one is named in this report." in whole


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_made_by_the_worker_kept_and_downloaded_by_members(tworld: World) -> None:
    world = tworld
    _small_journey(world)
    c = client_for(world.facilitator)
    make = reverse("reports:make", kwargs={"slug": world.journey.slug})
    r = c.post(make, {"period": "dates", "from": "2025-03-01", "to": "2025-03-31"})
    # A double click: the same job, not a second one.
    r2 = c.post(make, {"period": "dates", "from": "2025-03-01", "to": "2025-03-31"})
    report = BoardReport.objects.get()
    status_url = reverse(
        "reports:status", kwargs={"slug": world.journey.slug, "report_pk": report.pk}
    )
    assert r.status_code == r2.status_code == 302
    assert r["Location"] == r2["Location"] == status_url
    assert DBTaskResult.objects.count() == 1
    assert (report.status, report.period_from, report.period_to) == (
        QUEUED,
        D(2025, 3, 1),
        D(2025, 3, 31),
    )

    waiting = c.get(status_url).content.decode()
    # No automatic reload (WCAG 2.2.1): "Check again" without JavaScript; with it, a static
    # script checks quietly and the status region announces the change.
    assert "http-equiv" not in waiting
    assert "The PDF is waiting to be made." in waiting
    assert f'class="button" href="{status_url}">Check again</a>' in waiting
    assert f'data-report-status="queued" data-report-check="{status_url}"' in waiting
    assert '<script src="/static/reports/report-status.js" defer></script>' in waiting

    run_worker()

    report.refresh_from_db()
    assert report.status == READY
    assert report.file_name.startswith("board-reports/")
    assert default_storage.exists(report.file_name)
    ready = client_for(world.observer).get(status_url).content.decode()
    assert "The PDF is ready" in ready
    assert "data-report-check" not in ready and "report-status.js" not in ready
    download = reverse(
        "reports:download", kwargs={"slug": world.journey.slug, "report_pk": report.pk}
    )
    got = client_for(world.observer).get(download)
    assert got.status_code == 200
    assert got["Content-Type"] == "application/pdf"
    texts, _reader = _text(b"".join(got.streaming_content))
    whole = flat(" ".join(texts))
    assert "Better breast care · Figures for 01 Mar 2025 to 31 Mar 2025" in whole
    assert "People raised 2 things: 1 done, 1 still open" in whole
    assert "Rose Hill" not in whole
    # Listed on the report's page with who asked; the journey's log says who asked.
    listed = client_for(world.member).get(page_url(world)).content.decode()
    assert download in listed and "Fran" in listed
    line = AuditEntry.objects.get(journey=world.journey, action="board_report_request")
    assert line.actor == world.facilitator
    assert line.summary == "Asked for the board report as a PDF, for 01 Mar 2025 to 31 Mar 2025"
    # Nobody outside the journey gets it.
    assert client_for(world.outsider).get(download).status_code == 404
    default_storage.delete(report.file_name)


@pytest.mark.django_db(transaction=True)
def test_a_failure_is_kept_with_its_reason_and_shown(
    tworld: World, settings: Any, tmp_path: Path
) -> None:
    world = tworld
    # A storage whose folder is a file: WeasyPrint makes the PDF, keeping it fails for real.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked)},
        },
    }
    report = services.report_request(actor=world.facilitator, journey=world.journey)
    assert DBTaskResult.objects.count() == 1
    run_worker()
    report.refresh_from_db()
    assert report.status == FAILED
    assert report.reason.startswith("The PDF could not be made: ")
    url = reverse("reports:status", kwargs={"slug": world.journey.slug, "report_pk": report.pk})
    html = client_for(world.member).get(url).content.decode()
    assert "The PDF could not be made." in html
    assert report.reason in html.replace("&#x27;", "'")
    # The failed one is not a job in the way: asking again makes a new one.
    again = services.report_request(actor=world.facilitator, journey=world.journey)
    assert again.pk != report.pk


def test_only_facilitators_may_ask_for_the_pdf_and_a_report_not_made_is_not_downloaded(
    world: World,
) -> None:
    make = reverse("reports:make", kwargs={"slug": world.journey.slug})
    for who in (world.observer, world.member):
        assert client_for(who).post(make, {"period": "all"}).status_code == 403
    assert BoardReport.objects.count() == 0
    report = services.report_request(actor=world.facilitator, journey=world.journey)
    download = reverse(
        "reports:download", kwargs={"slug": world.journey.slug, "report_pk": report.pk}
    )
    assert client_for(world.facilitator).get(download).status_code == 404
    status_url = reverse(
        "reports:status", kwargs={"slug": world.journey.slug, "report_pk": report.pk}
    )
    assert client_for(world.observer).get(status_url).status_code == 200
    assert client_for(world.outsider).get(status_url).status_code == 404
    assert client_for(world.outsider).get(page_url(world)).status_code == 404


def test_powerwith_report_writes_the_pdf(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_journey(world)
    out = tmp_path / "board.pdf"
    code = main(
        [
            "report",
            world.journey.slug,
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    texts, reader = _text(out.read_bytes())
    assert capsys.readouterr().out == (
        f"Wrote {out} ({len(reader.pages)} pages, {out.stat().st_size:,} bytes)\n"
    )
    whole = flat(" ".join(texts))
    assert "Report for the board Better breast care Figures for 01 Mar 2025 to 31 Mar 2025" in whole
    assert "People raised 2 things: 1 done, 1 still open and 0 not possible" in whole
    assert AuditEntry.objects.filter(action="board_report_command", actor=None).count() == 1

    assert main(["report", "no-such-journey", "--out", str(out)]) == 2
    assert "No journey called “no-such-journey”" in capsys.readouterr().err
    assert main(["report", world.journey.slug, "--from", "2025-04-01", "--to", "2025-03-01"]) == 2
    assert "The end date must be the same as or after the start date." in capsys.readouterr().err
    assert main(["report", world.journey.slug, "--from", "1st March"]) == 2
    assert re.search(r"is not a date", capsys.readouterr().err)


def test_each_demo_journey_has_its_board_report_ready_to_open(db: Any) -> None:
    """Made while the demo loads (no worker runs after `make demo`), and nothing left queued."""
    load_demo()
    reports = BoardReport.objects.select_related("journey").order_by("journey__slug")
    assert [(r.journey.slug, r.status, r.period_key, r.tries) for r in reports] == [
        ("better-breast-care", READY, "all", 1),
        ("clearer-clinic-letters", READY, "all", 1),
        ("northfield-together", READY, "all", 1),
    ]
    assert DBTaskResult.objects.count() == 0
    c = client_for(Journey.objects.get(slug="better-breast-care").created_by)
    for report in reports:
        r = c.get(
            reverse(
                "reports:download", kwargs={"slug": report.journey.slug, "report_pk": report.pk}
            )
        )
        assert r.status_code == 200
        texts, reader = _text(b"".join(r.streaming_content))
        assert len(reader.pages) == report.pages
        assert f"{report.journey.title} · Figures for all time" in texts[0]


def test_the_pdf_in_welsh(world: World) -> None:
    _small_journey(world)
    data, _pages = pdf.render_pdf(world.journey, language="cy")
    texts, _reader = _text(data)
    whole = flat(" ".join(texts))
    assert "Adroddiad i’r bwrdd" in whole
    assert "Cododd pobl 3 o bethau: 1 wedi’u gwneud, 2 yn dal ar agor" in whole
    assert "Tudalen 1 o " in texts[0]
