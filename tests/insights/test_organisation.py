"""The organisation's view across its journeys: exact figures, the same figures as each
journey's dashboard, who sees which journey, and a query count that does not grow with the
number of journeys."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerwith.decisions import services as ds
from powerwith.insights.organisation import SIGNS, organisation_figures
from powerwith.insights.selectors import insights_for
from powerwith.journeys import services as js
from powerwith.people import services as ps
from tests.conftest import World, client_for, make_user
from tests.insights.builders import came, fate, gathering, item, person, raise_, spoke
from tests.organisations.helpers import OrgWorld, build_org_world

D = datetime.date
TODAY = D(2025, 6, 1)


def hosted(o: OrgWorld, title: str) -> World:
    j = js.journey_create(actor=o.admin, title=title, host=o.organisation, started_on=D(2025, 1, 6))
    return World(journey=j, facilitator=o.admin, member=None, observer=None, outsider=o.outsider)


def fill(w: World, *, lived: int = 2, staff: int = 2, key: Any = None) -> dict[str, Any]:
    """One gathering on institutional premises, people who came and spoke, agenda items,
    contributions with fates and two decisions."""
    us = [person(w, f"Lived {i}", "service_user") for i in range(lived)]
    them = [person(w, f"Staff {i}", "frontline_staff") for i in range(staff)]
    if key is not None:
        us.append(person(w, "Shared", "service_user", network_key=key))
    g = gathering(w, D(2025, 2, 3))
    came(w, g, *us, *them)
    spoke(w, g, {us[0]: 1, them[0]: 3})
    item(w, g, "Parking", by=them[0])
    item(w, g, "Waiting room", by=us[0])
    item(w, g, "Letters", by=them[1] if staff > 1 else them[0])
    a = raise_(w, "Clearer letters", "gathering", D(2025, 2, 3), by=us[0], gathering=g)
    raise_(w, "Open later", "paper", D(2025, 2, 10))
    fate(w, a, "done", D(2025, 3, 1), change_level="organisational_service")
    ds.decision_create(
        actor=w.facilitator,
        journey=w.journey,
        text="Move the clinic",
        taken_by="organisation",
        rung="informing",
        decided_on=D(2025, 3, 2),
        where_outside="The trust's board",
    )
    ds.decision_create(
        actor=w.facilitator,
        journey=w.journey,
        text="New letters",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=D(2025, 3, 3),
        gathering=g,
    )
    return {"us": us, "them": them}


def test_exact_figures_for_a_journey_the_viewer_can_open(db: Any) -> None:
    o = build_org_world()
    w = hosted(o, "Clinic letters")
    fill(w)
    js.limit_add(
        actor=o.admin, journey=w.journey, text="The budget", set_by="funder", why="Fixed grant."
    )
    doc = organisation_figures(o.organisation, o.admin, today=TODAY)
    assert doc["organisation"] == {"slug": o.organisation.slug, "name": "Riverside Trust"}
    assert doc["others"] is None
    [row] = doc["journeys"]
    assert row["slug"] == w.journey.slug and row["title"] == "Clinic letters"
    assert row["people"] == 4
    assert row["people_by_side"] == {"lived": 2, "professional": 2}
    assert row["turns"] == 4 and row["turns_by_side"] == {"lived": 1, "professional": 3}
    assert row["voice_share"] == {"lived": 0.25, "professional": 0.75}
    assert row["agenda_items"] == 3 and row["agenda_lived_share"] == 0.333
    assert (row["raised"], row["done"], row["open"], row["unanswered"]) == (2, 1, 1, 1)
    assert row["acted_upon_rate"] == 0.5
    # Raised on 10 February, unanswered on 1 June: more than 30 days.
    assert row["unanswered_long"] == 1
    assert row["gatherings"] == 1 and row["institutional_share"] == 1.0
    assert row["decisions"] == 2
    assert row["decisions_by_rung"]["informing"] == 1
    assert row["decisions_by_rung"]["co_designing"] == 1
    assert row["lower_rungs"] == 1 and row["power_sharing_share"] == 0.5
    assert row["changes_by_level"]["organisational_service"] == 1 and row["changes"] == 1
    assert row["limits_hidden"] == 1
    # Too few turns, contributions, gatherings and decisions for the other signs.
    assert row["warnings"] == ["limits_undisclosed"]
    assert doc["programme"]["journeys"] == 1 and doc["programme"]["turns"] == 4


def test_the_same_figures_as_each_journeys_dashboard(db: Any, settings: Any) -> None:
    settings.FIGURES_CACHE = False
    o = build_org_world()
    worlds = [hosted(o, "First"), hosted(o, "Second")]
    fill(worlds[0])
    fill(worlds[1], lived=5, staff=1)
    doc = organisation_figures(o.organisation, o.admin)
    by_slug = {r["slug"]: r for r in doc["journeys"]}
    for w in worlds:
        full = insights_for(w.journey)
        rec, dec = full["sections"]["record"], full["sections"]["decisions"]["decisions"]
        row = by_slug[w.journey.slug]
        assert row["people"] == rec["room"]["people"]
        assert row["people_by_side"] == rec["room"]["by_side"]
        assert row["turns"] == rec["voice"]["turns"]
        assert row["voice_share"] == rec["voice"]["turns_share_by_side"]
        assert row["agenda_lived_share"] == rec["agenda"]["lived_share"]
        ft = rec["follow_through"]
        assert (row["raised"], row["done"], row["acted_upon_rate"]) == (
            ft["raised"],
            ft["done"],
            ft["acted_upon_rate"],
        )
        assert row["unanswered_long"] == ft["unanswered_long"]
        assert row["institutional_share"] == rec["venues"]["institutional_share"]
        assert row["decisions_by_rung"] == dec["by_rung"]
        assert row["lower_rungs_share"] == dec["lower_rungs_share"]
        assert row["changes_by_level"] == rec["changes"]["by_level"]
        fired = [x["code"] for x in full["warnings"] if x["fired"] and x["code"] in SIGNS]
        assert sorted(row["warnings"]) == sorted(fired)
    assert doc["programme"]["turns"] == 8 and doc["programme"]["journeys"] == 2


def test_journeys_the_viewer_cannot_open_are_only_added_up(db: Any) -> None:
    o = build_org_world()
    a, b = hosted(o, "First"), hosted(o, "Second")
    fill(a)
    fill(b, lived=5, staff=1)
    js.membership_add(actor=o.admin, journey=a.journey, user=o.viewer, role="observer")
    doc = organisation_figures(o.organisation, o.viewer, today=TODAY)
    assert [r["slug"] for r in doc["journeys"]] == [a.journey.slug]
    others = doc["others"]
    assert others["journeys"] == 1
    # Five people with lived experience and one member of staff: the one is hidden.
    assert others["people"] == 6
    assert others["people_by_side"] == {"lived": 5, "professional": None}
    # Shares resting on fewer than 5 records are hidden; counts of records are not.
    assert others["turns"] == 4 and others["voice_share"] == {"lived": None, "professional": None}
    assert others["raised"] == 2 and others["acted_upon_rate"] is None
    assert "title" not in others and "slug" not in others
    # Someone with no membership sees no journey's row at all.
    nobody = organisation_figures(o.organisation, o.admin.__class__(), today=TODAY)
    assert nobody["journeys"] == [] and nobody["others"]["journeys"] == 2


def test_usual_suspects_across_journeys(db: Any) -> None:
    import uuid

    o = build_org_world()
    worlds = [hosted(o, f"J{i}") for i in range(3)]
    key = uuid.uuid4()
    for w in worlds:
        fill(w, lived=3, staff=2, key=key)
        ps.organisation_create(
            actor=o.admin,
            journey=w.journey,
            name="Age UK" if w is worlds[0] else "age uk ",
            kind="voluntary",
        )
    doc = organisation_figures(o.organisation, o.admin, today=TODAY)
    us = doc["usual_suspects"]
    # 15 people in one journey each, and one person in all three.
    assert us["people"] == {"in_one": 15, "in_two": 0, "in_three_or_more": None}
    assert us["lived_people"] == {"in_one": 9, "in_two": 0, "in_three_or_more": None}
    assert us["organisations_in_several"] == 1
    assert us["organisations"][0]["journeys"] == 3


def test_the_room_and_the_usual_suspects_counted_in_one_pass(db: Any) -> None:
    """The figures read from the attendance rows in one pass: a person who changed side counts
    once on each side and once in all; apologies and "did not come" count as nobody; the
    share of attendances by people in several journeys; individuals on the lived side in one
    journey and the professional side in another."""
    import uuid

    o = build_org_world()
    a, b = hosted(o, "First"), hosted(o, "Second")
    keys = [uuid.uuid4() for _ in range(5)]
    changer = person(a, "Changer", "service_user")
    staff = person(a, "Staff", "frontline_staff")
    away = person(a, "Away", "service_user")
    for i in range(5):
        person(a, f"Quiet {i}", "service_user")
    # Five individuals in both journeys: lived experience in the first, staff in the second.
    lived = [person(a, f"Lived {i}", "service_user", network_key=k) for i, k in enumerate(keys)]
    movers = [person(b, f"Mover {i}", "frontline_staff", network_key=k) for i, k in enumerate(keys)]
    new = person(b, "New", "service_user")
    g1, g2 = gathering(a, D(2025, 2, 3)), gathering(a, D(2025, 3, 3))
    came(a, g1, changer, lived[0], staff)
    came(a, g1, away, status="apologies")
    spoke(a, g1, {changer: 2, lived[0]: 1, staff: 4})
    # From March the service user is a manager: the professional side.
    ps.person_change_role(actor=o.admin, person=changer, role="manager", from_date=D(2025, 3, 1))
    came(a, g2, changer, staff)
    came(a, g2, lived[0], status="absent")
    spoke(a, g2, {changer: 5})
    g3 = gathering(b, D(2025, 2, 10))
    came(b, g3, movers[0], new)
    spoke(b, g3, {movers[0]: 3, new: 1})

    doc = organisation_figures(o.organisation, o.admin, today=TODAY)
    rows = {r["title"]: r for r in doc["journeys"]}
    first, second = rows["First"], rows["Second"]
    assert first["people"] == 3
    assert first["people_by_side"] == {"lived": 2, "professional": 2}
    assert first["turns"] == 12 and first["turns_by_side"] == {"lived": 3, "professional": 9}
    assert second["people"] == 2 and second["people_by_side"] == {"lived": 1, "professional": 1}
    assert second["turns"] == 4 and second["turns_by_side"] == {"lived": 1, "professional": 3}
    assert doc["programme"]["turns"] == 16 and doc["programme"]["people"] == 5
    us = doc["usual_suspects"]
    # Seven attendances ("came"); two of them by the individual in both journeys.
    assert us["attendance_share_of_several"] == 0.286
    # Nine individuals in one journey, five in two.
    assert us["people"] == {"in_one": 9, "in_two": 5, "in_three_or_more": 0}
    # On the lived side (as the register has them now): the changer is a manager, and the
    # five in both journeys are on the lived side in one only.
    assert us["lived_people"] == {"in_one": 12, "in_two": 0, "in_three_or_more": 0}


def test_rows_that_put_one_person_in_two_journeys_gatherings_still_count_by_gathering(
    db: Any,
) -> None:
    """The services never record someone at another journey's gathering; if the rows ever
    say so (written by hand), each journey still counts who came to its own gatherings."""
    from powerwith.gatherings.models import Attendance

    o = build_org_world()
    a, b = hosted(o, "First"), hosted(o, "Second")
    x = person(a, "X", "service_user")
    g1, g2 = gathering(a, D(2025, 2, 3)), gathering(b, D(2025, 2, 4))
    came(a, g1, x)
    spoke(a, g1, {x: 2})
    Attendance.objects.create(gathering=g2, person=x, status="present", side="lived", turn_count=3)
    rows = {r["title"]: r for r in organisation_figures(o.organisation, o.admin)["journeys"]}
    for title, turns in (("First", 2), ("Second", 3)):
        assert rows[title]["people"] == 1
        assert rows[title]["people_by_side"] == {"lived": 1, "professional": 0}
        assert rows[title]["turns"] == turns and rows[title]["turns_by_side"]["lived"] == turns


@pytest.mark.parametrize("n", [3, 30])
def test_query_count_does_not_grow_with_journeys(db: Any, n: int) -> None:
    o = build_org_world()
    for i in range(n):
        w = hosted(o, f"Journey {i:02d}")
        if i < 3:
            fill(w)
    with CaptureQueriesContext(connection) as q:
        doc = organisation_figures(o.organisation, o.admin, today=TODAY)
    assert len(doc["journeys"]) == n
    assert len(q.captured_queries) == QUERIES


# 12 for the journeys' own figures, 13 for training, money, trials and leaving (3, 2, 2, 6) and
# 3 for the network of linked groups.
QUERIES = 28


def test_no_journeys(db: Any) -> None:
    o = build_org_world()
    viewer = make_user("v2@example.org")
    doc = organisation_figures(o.organisation, viewer, today=TODAY)
    assert doc["journeys"] == [] and doc["others"] is None
    assert doc["programme"]["journeys"] == 0


def test_the_organisation_page_shows_only_journeys_you_can_open(db: Any) -> None:
    o = build_org_world()
    a, b = hosted(o, "Clinic letters"), hosted(o, "Secret garden")
    fill(a)
    fill(b, lived=5, staff=1)
    js.membership_add(actor=o.admin, journey=a.journey, user=o.viewer, role="observer")
    page = client_for(o.viewer).get(o.organisation.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "Across its journeys" in html
    assert reverse("insights:dashboard", kwargs={"slug": a.journey.slug}) in html
    assert "Secret garden" not in html
    assert reverse("insights:dashboard", kwargs={"slug": b.journey.slug}) not in html
    assert "1 other journey" in html and "fewer than 5" in html
    assert "The journeys side by side" in html and "<table>" in html
    # The admin is in both: both rows, both links, no "other journeys" row.
    html = client_for(o.admin).get(o.organisation.get_absolute_url()).content.decode()
    assert "Secret garden" in html and "other journey" not in html


ROW_MAPS = {
    "people_by_side",
    "turns_by_side",
    "voice_share",
    "agenda_by_side",
    "decisions_by_rung",
    "changes_by_level",
    "journeys_by_stage",
    "warnings",
}


def test_every_key_of_the_document_is_documented(db: Any) -> None:
    from .doc_keys import documented, flatten

    o = build_org_world()
    a, b = hosted(o, "First"), hosted(o, "Second")
    fill(a)
    fill(b)
    js.membership_add(actor=o.admin, journey=a.journey, user=o.viewer, role="observer")
    doc = organisation_figures(o.organisation, o.viewer, today=TODAY)
    assert doc["journeys"] and doc["others"] and doc["usual_suspects"]["organisations"] == []
    known = documented()
    missing = []
    for path in sorted(flatten(doc)):
        parts = path.split(".")
        # Keys that are codes are documented as ``*``.
        parts = ["*" if i and parts[i - 1] in ROW_MAPS else part for i, part in enumerate(parts)]
        path = ".".join(parts)
        head, _, rest = path.partition(".")
        row = f"ROW.{rest}" if head in ("journeys[]", "others", "programme") and rest else ""
        if path not in known and row not in known:
            missing.append(path)
    assert missing == []
    # An organisation in several journeys' registers is documented too.
    assert "usual_suspects.organisations[].name" in known


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    from powerwith.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_prints_the_same_document(db: Any, capsys: Any) -> None:
    import json

    o = build_org_world()
    a, b = hosted(o, "First"), hosted(o, "Second")
    fill(a)
    fill(b, lived=5, staff=1)
    code, out, err = run(capsys, "insights", "--organisation", o.organisation.slug, "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    # The operator sees every journey as its own row.
    assert [r["slug"] for r in doc["journeys"]] == [a.journey.slug, b.journey.slug]
    assert doc["others"] is None
    page = organisation_figures(o.organisation, every_journey=True)
    assert {k: v for k, v in doc.items() if k != "generated_at"} == {
        k: v for k, v in page.items() if k != "generated_at"
    }
    code, out, _ = run(capsys, "insights", "--organisation", o.organisation.slug)
    assert code == 0
    assert (
        out.splitlines()[0]
        == f"Riverside Trust ({o.organisation.slug}): 2 journeys, 2 running, all time"
    )
    assert out.splitlines()[3].startswith(f"{a.journey.slug}\tturns by lived experience 25%")
    code, out, err = run(capsys, "insights", "--organisation", "nowhere", "--json")
    assert code == 2 and out == ""
    assert "there is no organisation “nowhere”" in err
    code, _, err = run(capsys, "insights", a.journey.slug, "--organisation", o.organisation.slug)
    assert code == 2 and "not both" in err
    code, _, err = run(capsys, "insights")
    assert code == 2 and "say which journey" in err


def test_organisations_one_a_line_slug_first(db: Any, capsys: Any) -> None:
    o = build_org_world()
    hosted(o, "First")
    code, out, _ = run(capsys, "organisations")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    by_slug = {line.split("\t")[0]: line.split("\t")[1:] for line in lines}
    assert by_slug[o.organisation.slug] == ["Riverside Trust", "health", "1 journey"]
