"""Reflection in a real browser: a member answers an anonymous round on a 360px phone (after
a mistake), and the round, results and lived-experience pages pass an axe-core scan."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.reflection import services
from powerwith.reflection.models import AnonymousAnswerSet, Receipt
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World
from tests.reflection.conftest import link
from tests.reflection.helpers import builtin, enter, people, question

pytestmark = pytest.mark.django_db(transaction=True)


def test_answer_an_anonymous_round_on_a_phone(phone: Any, world: World) -> None:
    bank = builtin("power_audit")
    rnd = services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        title="Spring power audit",
        anonymous=True,
        opens_on=datetime.date(2025, 3, 3),
    )
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    speak = question(bank, "speak_freely")
    sign_in(phone, world.member.email, PASSWORD)

    phone.goto(f"/j/{world.journey.slug}/reflection/")
    follow(phone.get_by_role("link", name="Answer now"))
    # Anonymous is said before any question; the 28 questions come in parts.
    privacy = phone.locator(".privacy-box")
    assert "This round is anonymous" in privacy.inner_text()
    first_question = phone.locator(".answer-form .question").first
    assert privacy.bounding_box()["y"] < first_question.bounding_box()["y"]
    assert phone.inner_text("#answer-progress") == "Part 1 of 5"
    assert phone.locator(".answer-form .question").count() == 7
    assert phone.locator(".based-on").count() == 1
    no_sideways_scroll(phone)
    axe(phone)
    phone.get_by_label(
        "Who is not in the room who should be? What would help them take part?"
    ).fill("People who work shifts")
    follow(phone.get_by_role("button", name="Save and continue"))
    assert phone.inner_text("#answer-progress") == "Part 2 of 5"

    # Tap answers: the whole label is a big target.
    option = phone.locator(f"label[for=id_q_{speak.pk}_1]")
    box = option.bounding_box()
    assert box["height"] >= 44
    option.tap()

    # Stop and come back later: kept in this browser only.
    assert "kept only in this browser, not on our server" in phone.inner_text("main")
    follow(phone.get_by_role("button", name="Save and come back later"))
    assert "Saved in this browser only" in phone.inner_text(".notifications")
    assert not AnonymousAnswerSet.objects.filter(round=rnd).exists()
    follow(phone.get_by_role("link", name="Answer now"))
    assert "Your unsent answers are here." in phone.inner_text("main")
    assert phone.inner_text("#answer-progress") == "Part 2 of 5"
    assert phone.is_checked(f"#id_q_{speak.pk}_1")
    axe(phone)
    for n in (3, 4, 5):
        follow(phone.get_by_role("button", name="Save and continue"))
        assert phone.inner_text("#answer-progress") == f"Part {n} of 5"
    no_sideways_scroll(phone)
    follow(phone.get_by_role("button", name="Back to part 4"))
    follow(phone.get_by_role("button", name="Save and continue"))
    follow(phone.get_by_role("button", name="Send my answers"))
    assert "Your answers are saved, with no link to you." in phone.inner_text(".notifications")
    assert "You have answered this round" in phone.inner_text("main")

    sets = list(AnonymousAnswerSet.objects.filter(round=rnd))
    assert len(sets) == 1 and sets[0].side == "lived" and sets[0].channel == "online"
    answers = {a.question_id: a for a in sets[0].answers.all()}
    assert answers[speak.pk].rating == 2  # the second option: disagree
    assert Receipt.objects.filter(round=rnd, person=ann).count() == 1

    # Coming back to the round: answered, once (a resent form counts once: test_views).
    phone.goto(f"/j/{world.journey.slug}/reflection/rounds/{rnd.pk}/")
    assert "You have answered this round" in phone.inner_text("main")
    assert AnonymousAnswerSet.objects.filter(round=rnd).count() == 1


def test_results_and_lived_experience_pages_pass_axe(page: Any, world: World) -> None:
    bank = builtin("power_audit")
    rnd = services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        title="Spring power audit",
        anonymous=True,
        opens_on=datetime.date(2025, 3, 3),
    )
    speak = question(bank, "speak_freely")
    barriers = question(bank, "barriers_open")
    for p in people(world, "frontline_staff", 5, "Nurse"):
        enter(world, rnd, {speak.pk: services.Answer(rating=5)}, person=p)
    for p in people(world, "service_user", 5, "Patient"):
        enter(
            world,
            rnd,
            {speak.pk: services.Answer(rating=2), barriers.pk: services.Answer(text="Too early")},
            person=p,
        )
    services.round_close(actor=world.facilitator, round=rnd)

    lived = builtin("lived_roles")
    check_in = services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=lived,
        title="Peer check-in",
        anonymous=False,
        opens_on=datetime.date(2025, 3, 3),
    )
    (pat,) = people(world, "peer_worker", 1, "Pat")
    link(world, world.facilitator, pat, role="facilitator")

    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/reflection/rounds/{rnd.pk}/results/")
    assert page.locator("h1").inner_text() == "Results: Spring power audit"
    assert "Difference 3.00" in page.inner_text("main")
    axe(page)
    page.goto(f"/j/{world.journey.slug}/reflection/rounds/{check_in.pk}/")
    page.get_by_label("What I say is treated as expert knowledge", exact=False).check()
    page.get_by_label("My experience is treated as a kind of expertise", exact=False).check()
    page.get_by_label("I am seen as a peer", exact=False).check()
    axe(page)
    follow(page.get_by_role("button", name="Send my answers"))
    page.goto(f"/j/{world.journey.slug}/reflection/lived-experience/")
    assert "Your expertise is being built in" in page.inner_text("main")
    axe(page)
    for path in (
        "",
        "banks/",
        f"banks/{bank.pk}/",
        "endings/",
        "endings/new/",
        f"rounds/{rnd.pk}/themes/",
        f"rounds/{check_in.pk}/paper/",
        "rounds/new/",
    ):
        page.goto(f"/j/{world.journey.slug}/reflection/{path}")
        axe(page)
