"""Inclusion pages: each form's bad input (specific message, typed value kept, nothing saved),
what each role sees, and query-count bounds on list and dashboard pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from powerwith.inclusion import services
from powerwith.inclusion.models import (
    Asset,
    AssetGap,
    ExpenseClaim,
    Payment,
    RecruitmentAction,
    ReferencePopulation,
    ReferenceShare,
    SupportNeed,
    Task,
    TimeGiven,
    Training,
)

from .helpers import came, crowd, gathering, person, profile

D = datetime.date


def url(world, name, **kw):
    return reverse(f"inclusion:{name}", kwargs={"slug": world.journey.slug, **kw})


def post(client, world, name, data, user=None, **kw):
    client.force_login(user or world.facilitator)
    return client.post(url(world, name, **kw), data)


def bad(response, message, kept=None):
    body = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert message in body, body[body.find("There is a problem") :][:1500]
    assert 'class="error-summary"' in body
    if kept:
        assert kept in body


@pytest.fixture
def ann(world):
    return person(world, "Ann")


def test_reference_forms(world, client):
    r = post(
        client, world, "reference_add", {"name": "Borough", "source": "", "compare_with": "lived"}
    )
    bad(r, "Say where the figures come from", kept='value="Borough"')
    assert not ReferencePopulation.objects.exists()
    r = post(
        client,
        world,
        "reference_add",
        {"name": "Borough", "source": "Census", "compare_with": "lived"},
    )
    assert r.status_code == 302
    pop = ReferencePopulation.objects.get()
    base = {"name": "Borough", "source": "Census", "compare_with": "lived"}
    r = post(
        client, world, "reference_edit", {**base, "disability__yes": "150"}, population_pk=pop.pk
    )
    bad(r, "Enter a share between 0 and 100 per cent.", kept='value="150"')
    r = post(
        client, world, "reference_edit", {**base, "disability__yes": "abc"}, population_pk=pop.pk
    )
    bad(r, "Enter the share for \u201cYes\u201d as a number, like 12.5.")
    r = post(
        client,
        world,
        "reference_edit",
        {**base, "disability__yes": "60", "disability__no": "45"},
        population_pk=pop.pk,
    )
    bad(r, "add up to 105.00%, which is more than 100%", kept='value="45"')
    assert not ReferenceShare.objects.exists()
    r = post(
        client,
        world,
        "reference_edit",
        {**base, "name": "Borough 2021", "disability__yes": "22"},
        population_pk=pop.pk,
    )
    assert r.status_code == 302
    assert list(ReferenceShare.objects.values_list("characteristic", "category", "share")) == [
        ("disability", "yes", Decimal("22.00"))
    ]
    page = client.get(url(world, "reference_list")).content.decode()
    assert "Borough 2021" in page and "22%" in page
    r = post(client, world, "reference_delete", {}, population_pk=pop.pk)
    assert r.status_code == 302 and not ReferencePopulation.objects.exists()


def test_recruitment_forms(world, client):
    base = {
        "group": "caring:yes",
        "target": "Young carers",
        "actions": "Visit the college",
        "planned_on": "2025-02-01",
    }
    r = post(client, world, "recruitment_add", base, user=world.member)
    bad(r, "Choose at least one way you will reach people.", kept="Visit the college")
    r = post(
        client,
        world,
        "recruitment_add",
        {**base, "channels": ["own_networks"], "group": "caring:maybe"},
    )
    bad(r, "Choose one of the options for \u201cWhich group do you want to reach?\u201d.")
    assert not RecruitmentAction.objects.exists()
    r = post(
        client,
        world,
        "recruitment_add",
        {
            **base,
            "channels": ["own_networks", "community_groups"],
            "networks": "Amina's mosque group",
        },
        user=world.member,
    )
    assert r.status_code == 302
    action = RecruitmentAction.objects.get()
    assert action.channels == ["own_networks", "community_groups"]
    edit = {**base, "channels": ["own_networks"], "outcome": "worked"}
    r = post(client, world, "recruitment_edit", edit, action_pk=action.pk)
    bad(r, "Enter the date you judged whether it worked.")
    r = post(
        client, world, "recruitment_edit", {**edit, "outcome_on": "2025-01-01"}, action_pk=action.pk
    )
    bad(r, "The outcome date cannot be before the plan was made.")
    r = post(
        client,
        world,
        "recruitment_edit",
        {**edit, "outcome_on": "2025-04-01", "outcome_notes": "Three came"},
        action_pk=action.pk,
    )
    assert r.status_code == 302
    action.refresh_from_db()
    assert (action.outcome, action.outcome_on) == ("worked", D(2025, 4, 1))


def test_plans_show_next_to_the_gap(world, client):
    people = crowd(world, 6)
    g = gathering(world, "Workshop", D(2025, 2, 1))
    came(world, g, people)
    for p in people:
        profile(world, p, caring="no")
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name="Borough", source="Census"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={("caring", "yes"): Decimal(40), ("caring", "no"): Decimal(60)},
    )
    services.recruitment_create(
        actor=world.facilitator,
        journey=world.journey,
        characteristic="caring",
        category="yes",
        target="Carers at the Tuesday group",
        channels=["own_networks"],
        actions="Ask Bev",
        planned_on=D(2025, 2, 2),
    )
    client.force_login(world.observer)
    page = client.get(url(world, "overview")).content.decode()
    gap = page[page.find('id="gaps"') :]
    assert "Caring responsibilities: Yes" in gap and "Carers at the Tuesday group" in gap
    assert gap.find("Caring responsibilities: Yes") < gap.find("Carers at the Tuesday group")
    assert "Missing: nobody from this group" in gap
    assert "Plan how to reach them" not in page  # observers do not record


def test_need_forms(world, client, ann):
    r = post(
        client,
        world,
        "need_add",
        {"person": ann.pk, "kind": "other", "since": "2025-02-01"},
        user=world.member,
    )
    bad(r, "Say what the need is.")
    r = post(
        client, world, "need_add", {"person": "999999", "kind": "transport", "since": "2025-02-01"}
    )
    bad(r, "Choose a person from the list.")
    r = post(client, world, "need_add", {"person": ann.pk, "kind": "transport", "since": "soon"})
    bad(r, "Enter a real date for \u201csince\u201d", kept='value="soon"')
    assert not SupportNeed.objects.exists()
    r = post(
        client,
        world,
        "need_add",
        {"person": ann.pk, "kind": "transport", "notes": "Lift from Kirkby", "since": "2025-02-01"},
    )
    assert r.status_code == 302
    need = SupportNeed.objects.get()
    r = post(client, world, "need_end", {"ended_on": "2025-01-01"}, need_pk=need.pk)
    bad(r, "It cannot end before it began (1 February 2025).")
    g = gathering(world, "Workshop", D(2025, 2, 10))
    page = client.get(url(world, "checklist", gathering_pk=g.pk)).content.decode()
    assert "Ann: Transport" in page and "Lift from Kirkby" in page
    r = post(client, world, "checklist", {f"outcome_{need.pk}": "maybe"}, gathering_pk=g.pk)
    bad(r, "Choose one of the options for \u201cWas it met? Transport for Ann\u201d.")
    r = post(
        client,
        world,
        "checklist",
        {
            f"arranged_{need.pk}": "on",
            f"outcome_{need.pk}": "not_met",
            f"note_{need.pk}": "Taxi did not come",
        },
        gathering_pk=g.pk,
    )
    assert r.status_code == 302
    assert need.checks.get().outcome == "not_met"


def test_my_needs(world, client, ann):
    ann.user = world.observer
    ann.save()
    client.force_login(world.observer)
    r = client.post(url(world, "my_need_add"), {"kind": "other", "since": "2025-02-01"})
    bad(r, "Say what the need is.")
    r = client.post(
        url(world, "my_need_add"), {"kind": "times", "notes": "Mornings", "since": "2025-02-01"}
    )
    assert r.status_code == 302
    need = SupportNeed.objects.get()
    page = client.get(url(world, "my_profile")).content.decode()
    assert "Times that work" in page and "Mornings" in page
    bob = person(world, "Bob")
    theirs = services.need_add(
        actor=world.facilitator, person=bob, kind="transport", since=D(2025, 2, 1)
    )
    r = client.post(url(world, "my_need_end"), {"need": theirs.pk})
    assert r.status_code == 302
    theirs.refresh_from_db()
    assert theirs.ended_on is None  # not hers to end
    client.post(url(world, "my_need_end"), {"need": need.pk})
    need.refresh_from_db()
    assert need.ended_on is not None


def test_asset_forms(world, client, ann):
    r = post(
        client,
        world,
        "asset_add",
        {"holder": f"p{ann.pk}", "kind": "skills", "description": "Drawing", "lived": "on"},
        user=world.member,
    )
    bad(r, "Only experience can be lived experience.", kept='value="Drawing"')
    r = post(client, world, "asset_add", {"holder": "", "kind": "skills", "description": "Drawing"})
    bad(r, "Choose a person or an organisation.")
    assert not Asset.objects.exists()
    r = post(
        client,
        world,
        "asset_add",
        {
            "holder": f"p{ann.pk}",
            "kind": "experience",
            "description": "Lived through the treatment",
            "lived": "on",
        },
    )
    assert r.status_code == 302
    client.force_login(world.observer)
    page = client.get(url(world, "assets")).content.decode()
    assert "Lived through the treatment" in page and "Ann" not in page  # no names for observers
    client.force_login(world.member)
    assert "Ann" in client.get(url(world, "assets")).content.decode()
    r = post(client, world, "gap_add", {"kind": "skills", "description": ""})
    bad(r, "Describe what the group lacks.")
    r = post(client, world, "gap_add", {"kind": "skills", "description": "Film-making"})
    gap = AssetGap.objects.get()
    r = post(client, world, "gap_found", {"found_on": "2099-01-01"}, gap_pk=gap.pk)
    bad(r, "The date cannot be in the future.")


def test_ledger_forms(world, client, ann):
    g = gathering(world, "Workshop", D(2025, 2, 1))
    r = post(
        client,
        world,
        "time_add",
        {"person": ann.pk, "on": "2025-02-01", "hours": "lots"},
        user=world.member,
    )
    bad(r, "Enter the hours as a number, like 1.5.", kept='value="lots"')
    r = post(client, world, "time_add", {"person": ann.pk, "on": "2025-02-01", "hours": "30"})
    bad(r, "Enter at most 24 hours.")
    r = post(
        client,
        world,
        "time_add",
        {"person": ann.pk, "gathering": g.pk, "on": "2025-02-01", "hours": "2.5", "paid": ""},
    )
    assert r.status_code == 302
    assert TimeGiven.objects.get().paid is False and TimeGiven.objects.get().gathering == g
    r = post(
        client,
        world,
        "expense_add",
        {"person": ann.pk, "description": "Bus", "amount": "4.555", "claimed_on": "2025-02-01"},
    )
    bad(r, "Enter the amount in pounds and pence, like 4.50.", kept='value="4.555"')
    r = post(
        client,
        world,
        "expense_add",
        {"person": ann.pk, "description": "Bus", "amount": "0", "claimed_on": "2025-02-01"},
    )
    bad(r, "Enter an amount more than £0.")
    assert not ExpenseClaim.objects.exists()
    r = post(
        client,
        world,
        "expense_add",
        {"person": ann.pk, "description": "Bus", "amount": "£4.50", "claimed_on": "2025-02-01"},
    )
    claim = ExpenseClaim.objects.get()
    assert claim.amount_pence == 450
    r = post(client, world, "expense_reimburse", {"reimbursed_on": "2025-01-20"}, claim_pk=claim.pk)
    bad(r, "It cannot be paid back before it was claimed (1 February 2025).")
    r = post(client, world, "expense_reimburse", {"reimbursed_on": "2025-02-15"}, claim_pk=claim.pk)
    claim.refresh_from_db()
    assert claim.days_to_reimburse == 14
    r = post(
        client,
        world,
        "payment_add",
        {"person": ann.pk, "kind": "payment", "hours": "2", "rate": "0", "paid_on": "2025-02-01"},
    )
    bad(r, "Enter the hourly rate, more than £0, like 12.21.")
    r = post(
        client,
        world,
        "payment_add",
        {
            "person": ann.pk,
            "kind": "voucher",
            "hours": "2",
            "rate": "12.21",
            "paid_on": "2025-02-01",
        },
    )
    assert Payment.objects.get().amount_pence == 2442
    r = post(
        client, world, "training_add", {"person": ann.pk, "title": "", "received_on": "2025-02-01"}
    )
    bad(r, "Enter what the training was")
    assert not Training.objects.exists()
    r = post(
        client,
        world,
        "task_add",
        {
            "person": ann.pk,
            "description": "Takes minutes",
            "since": "2025-02-01",
            "replaces_paid_role": "on",
        },
    )
    bad(r, "Say which paid role this used to be part of.", kept='value="Takes minutes"')
    assert not Task.objects.exists()
    page = client.get(url(world, "ledger")).content.decode()
    assert "£4.50" in page and "14 days" in page and "£24.42" in page


def test_erase_on_behalf_needs_a_reason(world, client, ann):
    profile(world, ann, age_band="50_64")
    r = post(client, world, "profile_erase", {"reason": ""}, person_pk=ann.pk)
    bad(r, "Say why you are erasing the profile for this person.")
    assert ann.inclusion_profile.pk


def test_pages_for_each_role(world, client, ann):
    client.force_login(world.observer)
    for name in ("overview", "reference_list", "assets", "my_profile"):
        assert client.get(url(world, name)).status_code == 200, name
    for name in ("needs_list", "ledger"):
        assert client.get(url(world, name)).status_code == 403, name
    client.force_login(world.member)
    for name in ("needs_list", "ledger"):
        assert client.get(url(world, name)).status_code == 200, name
    assert client.get(url(world, "profile_list")).status_code == 403


def _busy_journey(world, n):
    people = crowd(world, n, prefix=f"N{n}-")
    g = gathering(world, f"Workshop {n}", D(2025, 2, 1), stage="co_design")
    came(world, g, people)
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name=f"Ref {n}", source="Census"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={("disability", "yes"): Decimal(20), ("caring", "yes"): Decimal(10)},
    )
    for p in people:
        profile(world, p, disability="yes", caring="no")
        need = services.need_add(
            actor=world.facilitator, person=p, kind="transport", since=D(2025, 1, 10)
        )
        services.need_checks_save(
            actor=world.facilitator,
            gathering=g,
            arranged={need.pk: True},
            outcomes={need.pk: "not_met"},
        )
        services.asset_add(
            actor=world.facilitator,
            journey=world.journey,
            person=p,
            kind="skills",
            description="Drawing",
        )
        services.time_record(
            actor=world.facilitator, person=p, on=D(2025, 2, 1), hours=Decimal(2), gathering=g
        )
        services.expense_claim(
            actor=world.facilitator,
            person=p,
            description="Bus",
            amount_pence=300,
            claimed_on=D(2025, 2, 1),
        )
        services.task_record(
            actor=world.facilitator, person=p, description="Minutes", since=D(2025, 2, 1)
        )
        services.training_record(
            actor=world.facilitator, person=p, title="Chairing", received_on=D(2025, 2, 1)
        )
        services.payment_record(
            actor=world.facilitator,
            person=p,
            kind="voucher",
            hours=Decimal(1),
            rate_pence=1000,
            paid_on=D(2025, 2, 1),
        )
    services.recruitment_create(
        actor=world.facilitator,
        journey=world.journey,
        characteristic="caring",
        category="yes",
        target="Carers",
        channels=["own_networks"],
        actions="Ask",
        planned_on=D(2025, 2, 2),
    )
    return g


@pytest.mark.parametrize(
    "name",
    [
        "overview",
        "needs_list",
        "ledger",
        "assets",
        "reference_list",
        "profile_list",
        "my_profile",
        "checklist",
    ],
)
def test_query_counts_do_not_grow(world, client, django_assert_max_num_queries, name):
    client.force_login(world.facilitator)
    g = _busy_journey(world, 6)
    kwargs = {"gathering_pk": g.pk} if name == "checklist" else {}
    # 31 on the overview since tasks marked done are counted apart from those still going.
    with django_assert_max_num_queries(31):
        assert client.get(url(world, name, **kwargs)).status_code == 200
    g2 = _busy_journey(world, 12)
    kwargs = {"gathering_pk": g2.pk} if name == "checklist" else {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url(world, name, **{"gathering_pk": g.pk} if name == "checklist" else {}))
    with CaptureQueriesContext(connection) as big:
        client.get(url(world, name, **kwargs))
    assert len(big) <= len(small) + 2, (len(small), len(big))
