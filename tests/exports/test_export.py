"""The journey export: exact contents on a small record, formats, the page and who may use it."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from powerwith import exports
from powerwith.common.models import AuditEntry
from powerwith.contributions import services as cs
from powerwith.gatherings import services as gs
from powerwith.journeys import services as js
from powerwith.people import services as ps
from tests.conftest import PASSWORD, World

D = datetime.date


@pytest.fixture
def record(world: World) -> dict[str, Any]:
    """A small journey: two people (one becomes a peer worker), a gathering, three contributions."""
    f, j = world.facilitator, world.journey
    js.definition_add(actor=f, journey=j, text="Working as equals.", agreed_on=D(2025, 1, 6))
    js.definition_add(
        actor=f, journey=j, text="Working as equals, honest about limits.", agreed_on=D(2025, 3, 3)
    )
    js.value_add(actor=f, journey=j, code="equality", chosen_on=D(2025, 1, 6))
    limit = js.limit_add(
        actor=f,
        journey=j,
        text="Waiting-time targets",
        set_by="law",
        why="Set nationally.",
        disclosed_on=D(2025, 2, 1),
    )
    trust = ps.organisation_create(
        actor=f, journey=j, name="Riverside Trust", kind="statutory_health"
    )
    ann = ps.person_create(
        actor=f,
        journey=j,
        name="Annabel Quist",
        role="service_user",
        joined_on=D(2025, 1, 6),
        online=False,
        contact="07700 900123",
    )
    nurse = ps.person_create(
        actor=f,
        journey=j,
        name="Nurse Zebedee",
        role="frontline_staff",
        joined_on=D(2025, 1, 6),
        paid=True,
        organisation=trust,
    )
    g = gs.gathering_create(
        actor=f,
        journey=j,
        title="Café morning",
        kind="informal_session",
        held_on=D(2025, 2, 4),
        venue_kind="community",
        starts_at=datetime.time(10, 30),
    )
    item = gs.agenda_item_add(actor=f, gathering=g, title="What matters", proposed_by=ann)
    gs.attendance_set(actor=f, gathering=g, statuses={ann.pk: "present", nurse.pk: "apologies"})
    gs.turn_record(actor=f, gathering=g, person=ann, seconds=40, agenda_item=item)
    gs.turn_record(actor=f, gathering=g, person=ann, seconds=20)
    a = cs.contribution_create(
        actor=world.member,
        journey=j,
        text="A quiet room for bad news",
        channel="paper",
        raised_by=ann,
        raised_on=D(2025, 2, 4),
        provenance="Written on a card",
        tags=["privacy", "diagnosis"],
        kind="praise",
    )
    b = cs.contribution_create(
        actor=f,
        journey=j,
        text="Somewhere private",
        channel="comment_box",
        anonymous=True,
        raised_on=D(2025, 2, 5),
    )
    c = cs.contribution_create(
        actor=f,
        journey=j,
        text="Shorter waits",
        channel="gathering",
        gathering=g,
        raised_by=ann,
        kind="problem",
    )
    cs.contribution_set_fate(
        actor=f, contribution=a, fate="considering", on=D(2025, 2, 10), owner=nurse
    )
    cs.contribution_set_fate(
        actor=f,
        contribution=a,
        fate="done",
        change_level="organisational_service",
        response="A quiet room is kept free.",
        on=D(2025, 4, 1),
    )
    cs.contribution_set_fate(
        actor=f, contribution=b, fate="merged", merged_into=a, on=D(2025, 2, 10)
    )
    cs.contribution_set_fate(
        actor=f, contribution=c, fate="not_possible", reason="National targets.", on=D(2025, 2, 11)
    )
    ps.person_change_role(
        actor=f, person=ann, role="peer_worker", paid=True, from_date=D(2025, 3, 1)
    )
    return {
        "ann": ann,
        "nurse": nurse,
        "g": g,
        "a": a,
        "b": b,
        "c": c,
        "limit": limit,
        "trust": trust,
    }


def test_core_tables_exact(
    world: World, record: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    j = world.journey
    with django_assert_max_num_queries(20):  # a fixed number, however big the journey
        t = exports.core_tables(j)
    r = record
    assert t["definitions"] == [
        {"version": 1, "agreed_on": D(2025, 1, 6), "text": "Working as equals."},
        {
            "version": 2,
            "agreed_on": D(2025, 3, 3),
            "text": "Working as equals, honest about limits.",
        },
    ]
    assert t["limits"] == [
        {
            "limit_id": r["limit"].pk,
            "on_or_off_the_table": "off",
            "text": "Waiting-time targets",
            "set_by": "law",
            "why": "Set nationally.",
            "shared_with_group_on": D(2025, 2, 1),
            "shared_by": "A01",  # the facilitator who recorded it with the date it was shared
            "withdrawn_on": None,
        }
    ]
    # People by code, in the order they were added; no names, no contact details.
    assert [(p["person_id"], p["role"], p["paid"], p["online"]) for p in t["people"]] == [
        ("P001", "peer_worker", True, False),
        ("P002", "frontline_staff", True, True),
    ]
    assert t["people"][1]["organisation_id"] == r["trust"].pk
    assert t["role_history"] == [
        {
            "person_id": "P001",
            "role": "service_user",
            "side": "lived",
            "paid": False,
            "started_on": D(2025, 1, 6),
            "ended_on": D(2025, 2, 28),
        },
        {
            "person_id": "P001",
            "role": "peer_worker",
            "side": "lived",
            "paid": True,
            "started_on": D(2025, 3, 1),
            "ended_on": None,
        },
        {
            "person_id": "P002",
            "role": "frontline_staff",
            "side": "professional",
            "paid": True,
            "started_on": D(2025, 1, 6),
            "ended_on": None,
        },
    ]
    # Accounts by code in user order: facilitator A01, member A02, observer A03.
    assert [a["account_id"] for a in t["accounts"]] == ["A01", "A02", "A03"]
    g = r["g"]
    assert t["agenda_items"] == [
        {
            "gathering_id": g.pk,
            "position": 1,
            "title": "What matters",
            "proposed_by": "P001",
            "proposer_role": "service_user",
            "proposer_side": "lived",
        }
    ]
    assert [(a["person_id"], a["status"]) for a in t["attendance"]] == [
        ("P001", "present"),
        ("P002", "apologies"),
    ]
    assert [
        (s["person_id"], s["seconds"], s["agenda_item_position"]) for s in t["speaking_turns"]
    ] == [
        ("P001", 40, 1),
        ("P001", 20, None),
    ]
    assert t["gatherings"][0]["starts_at"] == "10:30"
    rows = {row["contribution_id"]: row for row in t["contributions"]}
    a, b, c = r["a"], r["b"], r["c"]
    assert [row["contribution_id"] for row in t["contributions"]] == [a.pk, c.pk, b.pk]
    assert rows[a.pk]["raised_by"] == "P001"
    assert rows[a.pk]["entered_by"] == "A02"  # the member typed it in
    assert rows[a.pk]["tags"] == "diagnosis; privacy"
    assert rows[a.pk]["owner"] == "P002"
    assert (rows[a.pk]["fate"], rows[a.pk]["change_level"]) == ("done", "organisational_service")
    assert rows[a.pk]["response"] == "A quiet room is kept free."
    assert rows[b.pk]["raised_by"] == "" and rows[b.pk]["anonymous"] is True
    assert rows[b.pk]["merged_into"] == a.pk
    assert (rows[c.pk]["fate"], rows[c.pk]["fate_reason"]) == ("not_possible", "National targets.")
    assert [rows[x.pk]["kind"] for x in (a, b, c)] == ["praise", "", "problem"]
    history = [
        (h["contribution_id"], h["on"], h["from_fate"], h["to_fate"]) for h in t["fate_history"]
    ]
    assert history == [
        (a.pk, D(2025, 2, 4), "", "new"),
        (a.pk, D(2025, 2, 10), "new", "considering"),
        (a.pk, D(2025, 4, 1), "considering", "done"),
        (c.pk, D(2025, 2, 4), "", "new"),
        (c.pk, D(2025, 2, 11), "new", "not_possible"),
        (b.pk, D(2025, 2, 5), "", "new"),
        (b.pk, D(2025, 2, 10), "new", "merged"),
    ]
    assert t["tags"] == [
        {"name": "diagnosis", "kind": "theme", "contributions": 1},
        {"name": "privacy", "kind": "theme", "contributions": 1},
    ]
    codes = {(row["list"], row["code"]) for row in t["codes"]}
    assert ("fate", "not_possible") in codes and ("role", "peer_worker") in codes
    assert ("praise or problem", "praise") in codes and ("praise or problem", "problem") in codes


def _unzip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name.split("/", 1)[1]: zf.read(name).decode("utf-8") for name in zf.namelist()}


def test_zip_holds_readme_csv_and_json(world: World, record: dict[str, Any]) -> None:
    files = _unzip(exports.build_zip(world.journey))
    tables, _ = exports.all_tables(world.journey)  # with other apps' tables, if installed
    assert set(files) == {"README.txt", f"{world.journey.slug}.json"} | {
        f"{name}.csv" for name in tables
    }
    readme = files["README.txt"]
    for name in tables:
        assert f"{name}.csv" in readme
    assert "people.csv (2 rows)" in readme and "journey.csv (1 row)" in readme
    people = list(csv.DictReader(io.StringIO(files["people.csv"].lstrip("\ufeff"))))
    assert people[0] == {
        "person_id": "P001",
        "role": "peer_worker",
        "side": "lived",
        "paid": "yes",
        "organisation_id": "",
        "online": "no",
        "joined_on": "2025-01-06",
        "left_on": "",
        "left_reason": "",
        "has_account": "no",
    }
    doc = json.loads(files[f"{world.journey.slug}.json"])
    assert doc["format"] == "powerwith-export/1"
    assert doc["tables"]["people"][0]["paid"] is True
    assert doc["tables"]["people"][0]["left_on"] is None
    assert doc["tables"]["definitions"][1]["agreed_on"] == "2025-03-03"
    assert set(doc["files"]) == set(tables)
    for name, rows in tables.items():
        assert len(doc["tables"][name]) == len(rows)
        assert len(list(csv.reader(io.StringIO(files[f"{name}.csv"])))) == len(rows) + 1
    # Names, contact details and email addresses never leave.
    everything = "\n".join(files.values())
    for secret in ("Annabel", "Quist", "Zebedee", "07700", "@example.org"):
        assert secret not in everything


def test_other_apps_tables_join_the_export(
    world: World, record: dict[str, Any], monkeypatch: Any
) -> None:
    import types

    extra = types.ModuleType("powerwith.fake_export")
    extra.tables = lambda journey: {  # type: ignore[attr-defined]
        "ballots": [{"person_id": exports.person_ids(journey)[record["ann"].pk], "score": 3}],
        "people": [{"clash": True}],
    }
    extra.DESCRIPTIONS = {"ballots": "Each ballot."}  # type: ignore[attr-defined]
    monkeypatch.setattr(exports, "_modules", lambda: [extra])
    tables, descriptions = exports.all_tables(world.journey)
    assert tables["ballots"] == [{"person_id": "P001", "score": 3}]
    assert descriptions["ballots"] == "Each ballot."
    assert tables["fake_export_people"] == [{"clash": True}]  # never overwrites a core table
    assert tables["people"][0]["person_id"] == "P001"


def test_missing_export_modules_are_skipped() -> None:
    names = [m.__name__ for m in exports._modules()]
    assert set(names) <= set(exports.EXPORT_MODULES)


def test_page_and_download_for_the_facilitator(
    client: Any, world: World, record: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    url = reverse("exports:page", kwargs={"slug": world.journey.slug})
    assert url == f"/j/{world.journey.slug}/export/"
    client.login(username=world.facilitator.username, password=PASSWORD)
    with django_assert_max_num_queries(
        110
    ):  # other apps' export modules add their own (104 with issue 20's)
        page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Download the journey" in html
    assert "speaking_turns.csv" in html and 'href="?format=zip"' in html
    response = client.get(url, {"format": "zip"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{world.journey.slug}-'
    )
    assert "README.txt" in "".join(_unzip(response.content))
    as_json = client.get(url, {"format": "json"})
    assert json.loads(as_json.content)["journey"] == world.journey.slug
    log = AuditEntry.objects.filter(journey=world.journey, action="journey_export")
    assert log.count() == 2 and {e.actor for e in log} == {world.facilitator}


@pytest.mark.parametrize(
    ("role", "status"), [("outsider", 404), ("observer", 403), ("member", 403)]
)
def test_only_facilitators_may_export(
    client: Any, world: World, record: dict[str, Any], role: str, status: int
) -> None:
    url = reverse("exports:page", kwargs={"slug": world.journey.slug})
    client.login(username=world.user(role).username, password=PASSWORD)
    assert client.get(url).status_code == status
    assert client.get(url, {"format": "zip"}).status_code == status
    assert not AuditEntry.objects.filter(action="journey_export").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client: Any, world: World) -> None:
    url = reverse("exports:page", kwargs={"slug": world.journey.slug})
    response = client.get(url, {"format": "zip"})
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    assert client.get("/j/no-such-journey/export/").status_code == 302
