"""A vote's ballot papers as a PDF: one a page, one for each person in the register, the items
in the order the paper ballot page types them in, a box for each shaped by the way of voting,
and the name and date that typing a paper ballot in asks for."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from powerwith.decisions.models import BallotPaper, BallotReceipt
from powerwith.people import services as ps
from tests.decisions.helpers import VoteWorld, open_vote, option_ids
from tests.pdftext import a4, flat, read
from tests.welsh import welsh_client

pytestmark = pytest.mark.django_db


def _url(vote: Any) -> str:
    return reverse(
        "decisions:ballot_papers", kwargs={"slug": vote.journey.slug, "vote_pk": vote.pk}
    )


def _pdf(vw: VoteWorld, vote: Any) -> tuple[list[str], Any]:
    from tests.conftest import client_for

    r = client_for(vw.f).get(_url(vote))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == (
        f'attachment; filename="{vote.journey.slug}-ballot-papers-{vote.pk}.pdf"'
    )
    return read(r.content)


def test_one_ballot_paper_a_page_for_each_person(vw: VoteWorld) -> None:
    ps.person_leave(
        actor=vw.f, person=vw.people["Flo"], left_on=datetime.date(2025, 2, 1), reason="Moved"
    )
    vote = open_vote(vw, method="approval", question="Which should we work on first?")
    texts, reader = _pdf(vw, vote)
    assert len(reader.pages) == 11  # twelve in the register, one has left
    assert a4(reader) == {(595, 842)}
    for text in texts:
        page = flat(text)
        assert page.startswith(
            "Ballot paper Better breast care: What first?, Joint event, 3 March 2025"
        )
        assert "Which should we work on first?" in page
        assert "Tick every item you would be happy to work on." in page
        # The items numbered in the order the paper ballot page lists them.
        assert "1 Waiting times 2 Parking 3 Being told results 4 Ward food" in page
        assert "Your name:" in page and "Date:" in page
        assert "In this vote, the group can see how each person voted." in page
        assert f"Ballot paper for vote {vote.pk}: What first?" in page
    # Nobody's name is printed: each person writes their own.
    whole = flat(" ".join(texts))
    assert not [n for n in vw.people if f" {n} " in f" {whole} "]
    # Nothing was cast by printing.
    assert BallotReceipt.objects.count() == BallotPaper.objects.count() == 0


@pytest.mark.parametrize(
    ("kw", "how", "heading"),
    [
        (
            {"method": "dot", "dots": 3, "stacking": True},
            "You have 3 dots. Write how many dots you give each item in its box",
            "Dots",
        ),
        (
            {"method": "dot", "dots": 2, "stacking": False},
            "You have 2 dots. Tick up to 2 items, one dot each.",
            "Tick",
        ),
        (
            {"method": "ranked"},
            "Write 1 in the box of your first choice, 2 for your second, and so on.",
            "Your order",
        ),
        (
            {"method": "score", "score_max": 4},
            "Tick one box for each item: 0 is lowest, 4 highest.",
            "Score",
        ),
    ],
)
def test_each_way_of_voting_says_how_to_mark_it(
    vw: VoteWorld, kw: dict[str, Any], how: str, heading: str
) -> None:
    vote = open_vote(vw, **kw)
    texts, _reader = _pdf(vw, vote)
    page = flat(texts[0])
    assert how in page
    assert f"No. Item {heading}" in page
    if kw["method"] == "score":
        assert "0 1 2 3 4" in page


def test_a_secret_ballot_says_the_name_is_not_kept_with_the_marks(vw: VoteWorld) -> None:
    vote = open_vote(vw, secret=True)
    texts, _reader = _pdf(vw, vote)
    assert "This is a secret ballot: your name is not kept with your marks" in flat(texts[0])


def test_in_welsh(vw: VoteWorld) -> None:
    vote = open_vote(vw, method="approval")
    with translation.override("cy"):
        r = welsh_client(vw.f).get(_url(vote), HTTP_ACCEPT_LANGUAGE="cy")
    whole = flat(" ".join(read(r.content)[0]))
    assert "Papur pleidleisio" in whole
    assert "Ticiwch bob eitem y byddech chi’n hapus i weithio arni." in whole


def test_who_may_print_them(vw: VoteWorld) -> None:
    from tests.conftest import client_for

    vote = open_vote(vw)
    w = vw.world
    assert client_for(w.member).get(_url(vote)).status_code == 403
    assert client_for(w.outsider).get(_url(vote)).status_code == 404
    page = client_for(vw.f).get(vote.get_absolute_url()).content.decode()
    assert f'href="{_url(vote)}" download>Ballot papers to print (PDF)</a>' in page
    assert option_ids(vote)
