"""A round out in Pol.is's own format: the same files and columns as Pol.is's exports, exactly
the votes cast, nobody named, and the analysis the same after importing the files again."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from powerwith.common.access import NotAllowed
from powerwith.common.models import AuditEntry
from powerwith.commonground import services
from powerwith.commonground.models import Response, Statement, Vote
from powerwith.commonground.polis import export_files, import_polis, round_export_polis
from powerwith.commonground.selectors import round_analysis
from tests.commonground.test_polis import CONVERSATIONS, SHARED
from tests.commonground.test_results import TEXTS, _client
from tests.conftest import World

pytestmark = pytest.mark.django_db

FILES = ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"]


def unzip(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {
            Path(name).name: list(csv.reader(io.StringIO(zf.read(name).decode())))
            for name in zf.namelist()
        }


def shared(conversation: str, name: str) -> list[list[str]]:
    with (SHARED / conversation / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _round(world: World) -> tuple[object, list[Statement]]:
    rnd = services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What matters?",
        statements=TEXTS[:3],
        participants_may_add=True,
    )
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    a = services.participant_join(round=rnd)
    b = services.paper_sheet_enter(
        actor=world.facilitator, round=rnd, side="lived", votes={sts[0]: -1, sts[2]: 0}
    )
    services.response_record(participant=a, statement=sts[0], vote=1)
    services.response_record(participant=a, statement=sts[1], vote=1)
    services.response_record(participant=a, statement=sts[1], vote=-1)  # a change of mind
    mine = services.statement_propose(participant=a, text="Later buses, please.")
    services.statement_moderate(actor=world.facilitator, statement=mine, moderation="rejected")
    assert b.pk > a.pk
    return rnd, [*sts, mine]


def test_the_files_have_pol_is_s_own_columns_and_exactly_the_votes_cast(world: World) -> None:
    rnd, _ = _round(world)
    files = unzip(round_export_polis(actor=world.facilitator, round=rnd))
    assert sorted(files) == sorted(FILES)
    for conversation in ("brexit-consensus", "vtaiwan.uberx"):
        for name in ("comments.csv", "votes.csv"):
            assert files[name][0] == shared(conversation, name)[0]
        theirs = shared(conversation, "participants-votes.csv")[0]
        assert files["participants-votes.csv"][0][:6] == theirs[:6]
        assert [row[0] for row in files["summary.csv"]] == [
            row[0] for row in shared(conversation, "summary.csv")
        ][: len(files["summary.csv"])]
    # Statements numbered from 0, with their words, tallies and Pol.is's moderation codes;
    # the participant who wrote one is a number, seeds have no author.
    assert [r[2:] for r in files["comments.csv"][1:]] == [
        ["0", "", "1", "1", "1", TEXTS[0]],
        ["1", "", "0", "1", "1", TEXTS[1]],
        ["2", "", "0", "0", "1", TEXTS[2]],
        ["3", "0", "0", "0", "-1", "Later buses, please."],
    ]
    # Every vote cast, oldest first, the change of mind included (the double tap is not a
    # vote): agree 1, disagree -1, pass 0; participants numbered by joining.
    assert [tuple(r[2:]) for r in files["votes.csv"][1:]] == [
        ("0", "1", "-1"),  # the paper sheet, entered first
        ("2", "1", "0"),
        ("0", "0", "1"),
        ("1", "0", "1"),
        ("1", "0", "-1"),  # the change of mind
    ]
    stamps = [int(r[0]) for r in files["votes.csv"][1:]]
    assert stamps == sorted(stamps)
    assert files["participants-votes.csv"][1:] == [
        ["0", "", "1", "2", "1", "1", "1", "-1", "", ""],
        ["1", "", "0", "2", "0", "1", "-1", "", "0", ""],
    ]
    assert files["summary.csv"][0] == ["topic", "What matters?"]
    assert dict(map(tuple, files["summary.csv"][1:]))["comments"] == "4"
    # No name, no random id, no side.
    blob = "".join(",".join(r) for rows in files.values() for r in rows)
    assert "lived" not in blob and world.facilitator.email not in blob
    line = AuditEntry.objects.get(journey=world.journey, action="round_export_polis")
    assert line.object_id == rnd.pk


def test_only_facilitators_download_it(world: World) -> None:
    rnd, _ = _round(world)
    with pytest.raises(NotAllowed):
        round_export_polis(actor=world.member, round=rnd)
    url = reverse(
        "commonground:polis_export",
        kwargs={"slug": world.journey.slug, "statement_round_pk": rnd.pk},
    )
    assert _client(world.member).get(url).status_code == 403
    r = _client(world.facilitator).get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert "attachment" in r["Content-Disposition"]
    results = reverse(
        "commonground:results", kwargs={"slug": world.journey.slug, "statement_round_pk": rnd.pk}
    )
    assert url in _client(world.facilitator).get(results).content.decode()
    assert url not in _client(world.member).get(results).content.decode()


@pytest.mark.parametrize("conversation", CONVERSATIONS)
def test_importing_the_export_gives_the_same_analysis(
    world: World, tmp_path: Path, conversation: str
) -> None:
    rnd = import_polis(SHARED / conversation, journey_slug=world.journey.slug)
    files = unzip(round_export_polis(actor=world.facilitator, round=rnd))
    folder = tmp_path / "again"
    folder.mkdir()
    for name, rows in files.items():
        with (folder / name).open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    again = import_polis(folder)
    first, second = round_analysis(rnd), round_analysis(again)
    # Statements are renumbered from 0 in the same order, so their names differ; the rest
    # is the same.
    for key in ("n_participants", "n_clustered", "n_statements", "groups"):
        assert first[key] == second[key], key
    assert [p["group"] for p in first["participants"]] == [
        p["group"] for p in second["participants"]
    ]
    assert [c["score"] for c in first["consensus"]] == [c["score"] for c in second["consensus"]]
    # Every vote line came in, went out and came back (brexit-consensus has 5,312 lines for
    # 5,303 latest votes): the history, not only the latest votes, in the same order.
    lines = shared(conversation, "votes.csv")[1:]
    assert len(files["votes.csv"]) - 1 == len(lines)
    assert Vote.objects.filter(participant__round=again).count() == len(lines)
    latest = {(r[2], r[3]) for r in lines}
    assert Response.objects.filter(participant__round=again).count() == len(latest)
    if conversation == "brexit-consensus":
        assert (len(lines), len(latest)) == (5312, 5303)
    # Out again: the same votes, in the same order (the round is in a journey of its own).
    out_again = list(csv.reader(io.StringIO(export_files(again, {})["votes.csv"])))
    assert [r[2:] for r in out_again] == [r[2:] for r in files["votes.csv"]]
