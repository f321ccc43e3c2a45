"""A long round is answered one part at a time ("Part 2 of 5"), with "Save and come back
later": a named round's unsent answers are kept with the person on the server; an anonymous
round's only in the person's browser (a signed cookie), never in the database. The answers are
sent through the usual service only from the last part. One "based on" note per round."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.reflection import paging
from powerwith.reflection.models import (
    AnonymousAnswerSet,
    AnswerDraft,
    NamedAnswerSet,
    Receipt,
)
from powerwith.reflection.selectors import bank_questions
from tests.conftest import World, client_for
from tests.reflection.conftest import link
from tests.reflection.helpers import builtin, open_round, people, question

pytestmark = pytest.mark.django_db


def _url(world: World, rnd: Any) -> str:
    return reverse("reflection:round", kwargs={"slug": world.journey.slug, "round_pk": rnd.pk})


def _fields(html: str) -> dict[str, str]:
    """What a browser would send back: the hidden fields, the ticked options and the text in
    the boxes."""
    sent = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    for tag in re.findall(r"<input [^>]*checked[^>]*>", html):
        name, value = re.search(r'name="(\w+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and value:
            sent[name.group(1)] = value.group(1)
    sent.update(re.findall(r'<textarea name="(\w+)"[^>]*>\s*([^<]*)</textarea>', html))
    return {k: v for k, v in sent.items() if v}


def _names(html: str) -> list[str]:
    return sorted(set(re.findall(r'name="(q_\d+)"', html)))


def test_power_audit_comes_in_five_parts_by_area() -> None:
    from powerwith.reflection.services import banks_sync

    banks_sync()
    parts = paging.split_parts(bank_questions(builtin("power_audit")))
    assert [len(p) for p in parts] == [7, 5, 4, 5, 7]
    assert [{q.area for q in p} for p in parts] == [
        {"who_involved"},
        {"interaction"},
        {"interaction"},
        {"structures"},
        {"changes"},
    ]


def test_anonymous_round_part_by_part_and_kept_only_in_the_browser(world: World) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    who, speak, real = (question(bank, k) for k in ("who_range", "speak_freely", "real_change"))
    c = client_for(world.member)
    url = _url(world, rnd)
    page = c.get(url).content.decode()
    assert "Part 1 of 5" in page
    assert len(_names(page)) == 7 and f"q_{who.pk}" in _names(page)
    assert f"q_{speak.pk}" not in _names(page)
    # One "based on" note for the round, not one under every question.
    assert page.count("based on: ") + page.count("Based on: ") == 1
    assert "kept only in this browser, not on our server" in page

    r = c.post(url, {**_fields(page), f"q_{who.pk}": "4", "action": "next"})
    page = r.content.decode()
    assert r.status_code == 200 and "Part 2 of 5" in page
    assert f"q_{speak.pk}" in _names(page)
    r = c.post(url, {**_fields(page), f"q_{speak.pk}": "2", "action": "back"})
    page = r.content.decode()
    assert "Part 1 of 5" in page
    assert _fields(page)[f"q_{who.pk}"] == "4"

    # Save and come back later: nothing in the database, a cookie in the browser.
    audit_before = AuditEntry.objects.count()
    r = c.post(url, {**_fields(page), "action": "later"})
    assert r.status_code == 302
    cookie = r.cookies[paging.cookie_name(rnd.pk)]
    assert cookie["path"] == url and cookie["httponly"]
    assert not AnswerDraft.objects.exists()
    assert not AnonymousAnswerSet.objects.exists() and not Receipt.objects.exists()
    assert AuditEntry.objects.count() == audit_before
    assert paging.from_cookie(rnd.pk, world.member.pk, cookie.value) == (
        {f"q_{who.pk}": "4", f"q_{speak.pk}": "2"},
        0,
    )

    # Back again: the answers are there, and someone else on this browser does not see them.
    page = c.get(url).content.decode()
    assert "Your unsent answers are here." in page
    assert paging.from_cookie(rnd.pk, world.facilitator.pk, cookie.value) is None
    for n in range(1, 5):
        r = c.post(url, {**_fields(page), "action": "next"})
        page = r.content.decode()
        assert f"Part {n + 1} of 5" in page
    assert "Send my answers" in page and "Save and continue" not in page
    r = c.post(url, {**_fields(page), f"q_{real.pk}": "5", "action": "send"})
    assert r.status_code == 302
    assert r.cookies[paging.cookie_name(rnd.pk)].value == ""  # deleted
    (s,) = AnonymousAnswerSet.objects.all()
    assert {a.question_id: a.rating for a in s.answers.all()} == {
        who.pk: 4,
        speak.pk: 2,
        real.pk: 5,
    }
    assert Receipt.objects.filter(round=rnd, person=ann).count() == 1


def test_named_round_keeps_unsent_answers_with_the_person(world: World) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, anonymous=False, title="Named audit")
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    who = question(bank, "who_range")
    c = client_for(world.member)
    url = _url(world, rnd)
    page = c.get(url).content.decode()
    assert "kept with your name until you send them" in page
    r = c.post(url, {**_fields(page), f"q_{who.pk}": "5", "action": "next"})
    r = c.post(url, {**_fields(r.content.decode()), "action": "later"})
    assert r.status_code == 302 and paging.cookie_name(rnd.pk) not in r.cookies
    draft = AnswerDraft.objects.get(round=rnd, person=ann)
    assert (draft.values, draft.part) == ({f"q_{who.pk}": "5"}, 1)
    page = c.get(url).content.decode()
    assert "Part 2 of 5" in page and "Your unsent answers are here." in page
    for _ in range(3):
        page = c.post(url, {**_fields(page), "action": "next"}).content.decode()
    r = c.post(url, {**_fields(page), "action": "send"})
    assert r.status_code == 302
    assert not AnswerDraft.objects.exists()
    (s,) = NamedAnswerSet.objects.filter(round=rnd)
    assert {a.question_id: a.rating for a in s.answers.all()} == {who.pk: 5}


def test_sending_nothing_comes_back_on_the_last_part(world: World) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    c = client_for(world.member)
    url = _url(world, rnd)
    page = c.get(url).content.decode()
    for _ in range(4):
        page = c.post(url, {**_fields(page), "action": "next"}).content.decode()
    r = c.post(url, {**_fields(page), "action": "send"})
    assert r.status_code == 400
    assert "Answer at least one question before you send your answers." in r.content.decode()
    assert "Part 5 of 5" in r.content.decode()


def test_a_required_question_is_asked_for_on_its_own_part(world: World) -> None:
    lived = open_round(world, builtin("lived_roles"), anonymous=False, title="Peer check-in")
    (pat,) = people(world, "peer_worker", 1, "Pat")
    link(world, world.member, pat)
    c = client_for(world.member)
    url = _url(world, lived)
    page = c.get(url).content.decode()
    parts = paging.split_parts(bank_questions(lived.bank))
    action = "send" if len(parts) == 1 else "next"
    r = c.post(url, {**_fields(page), "action": action, "consent": "private"})
    assert r.status_code == 400
    assert "Choose the description that fits best." in r.content.decode()
    assert "Part 1 of" in r.content.decode()
