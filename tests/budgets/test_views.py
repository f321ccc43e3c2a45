"""Budget pages: forms keep what was typed and say what is wrong (GOV.UK error summary), each
role sees what it may do, removing a line, and query counts that do not grow with the list."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerwith.budgets import services
from powerwith.budgets.models import Budget, Spending
from tests.conftest import World, client_for

from .helpers import build_money, decide

D = datetime.date


def url(w: World, name: str, **kw: object) -> str:
    return reverse(f"budgets:{name}", kwargs={"slug": w.journey.slug, **kw})


def bad(response, message: str, kept: str = "") -> None:
    body = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert 'class="error-summary"' in body
    assert message in body, body[body.find("There is a problem") :][:1500]
    if kept:
        assert kept in body


BUDGET = {
    "name": "Small grants",
    "amount_pence": "£1,250.50",
    "source": "Harbour Health Charity",
    "final_say": "group",
    "starts_on": "2025-01-01",
    "ends_on": "",
    "notes": "",
}


def test_add_a_budget_typed_in_pounds(world: World) -> None:
    c = client_for(world.facilitator)
    r = c.post(url(world, "create"), BUDGET)
    budget = Budget.objects.get()
    assert r.status_code == 302 and r["Location"] == budget.get_absolute_url()
    assert budget.amount_pence == 125_050 and budget.ends_on is None
    page = c.get(budget.get_absolute_url()).content.decode()
    assert "£1,250.50" in page and "The group itself" in page


def test_budget_form_errors(world: World) -> None:
    c = client_for(world.facilitator)
    bad(
        c.post(url(world, "create"), {**BUDGET, "amount_pence": "12,30"}),
        "Use a full stop between pounds and pence, like £12.30.",
        kept='value="12,30"',
    )
    bad(
        c.post(url(world, "create"), {**BUDGET, "amount_pence": ""}),
        "Enter the amount of the budget.",
    )
    bad(
        c.post(url(world, "create"), {**BUDGET, "source": ""}),
        "Say where the money comes from: choose an organisation or write its name.",
    )
    bad(
        c.post(url(world, "create"), {**BUDGET, "final_say": "x"}),
        "Choose one of the options for who holds the final say.",
    )
    bad(
        c.post(url(world, "create"), {**BUDGET, "ends_on": "2024-01-01"}),
        "The end date must be on or after the start date.",
    )
    bad(
        c.post(url(world, "create"), {**BUDGET, "amount_pence": "20000000"}),
        "That is more than £10,000,000. Check the amount.",
    )
    assert not Budget.objects.exists()


def test_spending_form_and_edit(world: World) -> None:
    money = build_money(world)
    c = client_for(world.member)
    add = url(world, "spending_add", budget_pk=money.grants.pk)
    form = c.get(add).content.decode()
    assert "Print our own leaflet" in form  # decisions to link to
    bad(
        c.post(add, {"what": "Tea", "amount_pence": "3.456", "spent_on": "2025-02-01"}),
        "Enter pence as two figures at most, like £12.30.",
        kept='value="3.456"',
    )
    bad(
        c.post(add, {"what": "Tea", "amount_pence": "3", "spent_on": "2024-02-01"}),
        "This budget starts on 1 January 2025. Enter a date on or after it.",
    )
    r = c.post(
        add,
        {
            "what": "Tea",
            "amount_pence": "£3.50",
            "spent_on": "2025-02-01",
            "decision": money.decisions["d1"].pk,
            "another": "1",
        },
    )
    assert r.status_code == 302 and r["Location"] == add
    line = Spending.objects.get(what="Tea")
    assert line.amount_pence == 350 and line.decision == money.decisions["d1"]
    edit = url(world, "spending_edit", budget_pk=money.grants.pk, spending_pk=line.pk)
    assert 'value="3.50"' in c.get(edit).content.decode()
    r = c.post(edit, {"what": "Tea", "amount_pence": "4", "spent_on": "2025-02-01", "decision": ""})
    line.refresh_from_db()
    assert line.amount_pence == 400 and line.decision is None
    # The line under another budget's address is not found.
    wrong = url(world, "spending_edit", budget_pk=money.running.pk, spending_pk=line.pk)
    assert c.get(wrong).status_code == 404
    r = c.post(url(world, "spending_remove", budget_pk=money.grants.pk, spending_pk=line.pk))
    assert r.status_code == 302 and not Spending.objects.filter(pk=line.pk).exists()


def test_what_each_role_sees(world: World) -> None:
    money = build_money(world)
    detail = money.grants.get_absolute_url()
    observer = client_for(world.observer).get(detail).content.decode()
    assert "Record spending" not in observer and "Change the budget" not in observer
    assert "Leaflets" in observer
    member = client_for(world.member).get(detail).content.decode()
    assert "Record spending" in member and "Change the budget" not in member
    facilitator = client_for(world.facilitator).get(url(world, "list")).content.decode()
    assert "Add a budget" in facilitator
    assert client_for(world.member).get(url(world, "create")).status_code == 403
    assert client_for(world.outsider).get(url(world, "list")).status_code == 404


def test_overspent_is_shown(world: World) -> None:
    money = build_money(world)
    services.spending_add(
        actor=world.facilitator,
        budget=money.grants,
        what="Big print run",
        amount_pence=90_000,
        spent_on=D(2025, 4, 1),
    )
    c = client_for(world.observer)
    assert "Overspent by £50.00." in c.get(money.grants.get_absolute_url()).content.decode()
    assert "Overspent by £50.00" in c.get(url(world, "list")).content.decode()


def test_the_decisions_page_links_here(world: World) -> None:
    page = (
        client_for(world.observer)
        .get(reverse("decisions:list", kwargs={"slug": world.journey.slug}))
        .content.decode()
    )
    assert url(world, "list") in page


def _queries(c, address: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(address).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow(world: World) -> None:
    money = build_money(world)
    c = client_for(world.facilitator)
    list_before = _queries(c, url(world, "list"))
    detail_before = _queries(c, money.grants.get_absolute_url())
    for n in range(6):
        b = services.budget_create(
            actor=world.facilitator,
            journey=world.journey,
            name=f"Fund {n}",
            amount_pence=1000,
            final_say="advises",
            starts_on=D(2025, 1, 1),
            source="Trust",
        )
        services.spending_add(
            actor=world.facilitator, budget=b, what="Tea", amount_pence=100, spent_on=D(2025, 2, 1)
        )
        services.spending_add(
            actor=world.facilitator,
            budget=money.grants,
            what=f"Item {n}",
            amount_pence=100,
            spent_on=D(2025, 2, 1),
            decision=decide(world, f"Buy item {n}", "engaging", D(2025, 1, 9)),
        )
    assert _queries(c, url(world, "list")) == list_before
    assert _queries(c, money.grants.get_absolute_url()) == detail_before
