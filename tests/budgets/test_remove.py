"""Deleting a budget entered by mistake: a confirmation page, refused while it has lines of
spending (they are the record of money spent), a log line, facilitators only."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from powerwith.budgets import services
from powerwith.budgets.models import Budget, Spending
from powerwith.common.models import AuditEntry
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db
D = datetime.date
REFUSAL = (
    "This budget has 1 line of spending. Remove it first if it was entered by mistake: a budget "
    "that was spent from is part of the record."
)


def _budget(w: World, name: str = "Small grants") -> Budget:
    return services.budget_create(
        actor=w.facilitator,
        journey=w.journey,
        name=name,
        amount_pence=100_000,
        final_say="group",
        starts_on=D(2025, 1, 1),
        source="Harbour Health Charity",
    )


def _url(w: World, budget: Budget) -> str:
    return reverse("budgets:remove", kwargs={"slug": w.journey.slug, "budget_pk": budget.pk})


def test_delete_through_the_confirmation_page(world: World) -> None:
    b = _budget(world)
    c = client_for(world.facilitator)
    detail = reverse("budgets:detail", kwargs={"slug": world.journey.slug, "budget_pk": b.pk})
    assert _url(world, b) in c.get(detail).content.decode()
    page = c.get(_url(world, b)).content.decode()
    assert "Delete the budget “Small grants”?" in page and "Yes, delete the budget" in page
    r = c.post(_url(world, b))
    assert r.status_code == 302
    assert r["Location"] == reverse("budgets:list", kwargs={"slug": world.journey.slug})
    assert not Budget.objects.filter(pk=b.pk).exists()
    line = AuditEntry.objects.get(action="budget_remove")
    assert line.summary == "Small grants: 100000 pence" and line.actor == world.facilitator


def test_refused_while_it_has_spending(world: World) -> None:
    b = _budget(world)
    line = services.spending_add(
        actor=world.facilitator,
        budget=b,
        what="Room hire",
        amount_pence=5_000,
        spent_on=D(2025, 2, 1),
    )
    c = client_for(world.facilitator)
    page = c.get(_url(world, b)).content.decode()
    assert REFUSAL in page and "Yes, delete the budget" not in page
    r = c.post(_url(world, b))
    assert r.status_code == 409 and REFUSAL in r.content.decode()
    with pytest.raises(ValidationError) as caught:
        services.budget_remove(actor=world.facilitator, budget=b)
    assert caught.value.messages == [REFUSAL]
    assert Budget.objects.filter(pk=b.pk).exists() and Spending.objects.filter(pk=line.pk).exists()
    # Once the line is removed, the budget can go.
    services.spending_remove(actor=world.facilitator, spending=line)
    services.budget_remove(actor=world.facilitator, budget=b)
    assert not Budget.objects.filter(pk=b.pk).exists()


def test_by_role(world: World) -> None:
    b = _budget(world)
    for user in (world.member, world.observer):
        assert client_for(user).get(_url(world, b)).status_code == 403
        assert client_for(user).post(_url(world, b)).status_code == 403
    assert client_for(world.outsider).post(_url(world, b)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.budget_remove(actor=world.member, budget=b)
    assert Budget.objects.filter(pk=b.pk).exists()
