"""The reciprocity ledger: sums, medians, out of pocket, money in whole pence."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from powerwith.inclusion import forms, selectors, services
from powerwith.inclusion.templatetags.inclusion_tags import percent, pounds
from powerwith.people import services as ps

from .helpers import gathering, person

D = datetime.date


@pytest.fixture
def ledger(world):
    u1, u2, u3 = person(world, "Ula"), person(world, "Una"), person(world, "Uri")
    staff = person(world, "Sam", role="frontline_staff", paid=True)
    g = gathering(world, "Workshop", D(2025, 2, 1))
    f = world.facilitator
    services.time_record(actor=f, person=u1, on=D(2025, 2, 1), hours=Decimal("2.5"), gathering=g)
    services.time_record(actor=f, person=u2, on=D(2025, 2, 1), hours=Decimal("1.25"))
    services.time_record(actor=f, person=staff, on=D(2025, 2, 1), hours=Decimal("3"))
    c1 = services.expense_claim(
        actor=f, person=u1, description="Bus", amount_pence=450, claimed_on=D(2025, 2, 1)
    )
    services.expense_reimburse(actor=f, claim=c1, reimbursed_on=D(2025, 2, 11))  # 10 days
    c2 = services.expense_claim(
        actor=f, person=u1, description="Childcare", amount_pence=1200, claimed_on=D(2025, 2, 5)
    )
    services.expense_reimburse(actor=f, claim=c2, reimbursed_on=D(2025, 3, 7))  # 30 days
    services.expense_claim(
        actor=f,
        person=u2,
        description="Taxi",
        amount_pence=300,
        claimed_on=D(2025, 2, 1),
        paid_in_advance=True,
    )
    services.expense_claim(
        actor=f, person=u3, description="Train", amount_pence=800, claimed_on=D(2025, 2, 20)
    )
    c5 = services.expense_claim(
        actor=f, person=staff, description="Parking", amount_pence=2000, claimed_on=D(2025, 2, 1)
    )
    services.expense_reimburse(actor=f, claim=c5, reimbursed_on=D(2025, 2, 3))  # 2 days
    services.payment_record(
        actor=f,
        person=u1,
        kind="voucher",
        hours=Decimal("2.5"),
        rate_pence=1221,
        paid_on=D(2025, 2, 2),
    )
    services.training_record(actor=f, person=u2, title="Chairing", received_on=D(2025, 2, 10))
    services.task_record(
        actor=f,
        person=u1,
        description="Runs the drop-in",
        since=D(2025, 2, 1),
        replaces_paid_role=True,
        paid_role="Community development worker",
    )
    services.task_record(
        actor=f,
        person=staff,
        description="Covers reception",
        since=D(2025, 2, 1),
        replaces_paid_role=True,
        paid_role="Receptionist",
    )
    return {"u1": u1, "u2": u2, "u3": u3, "staff": staff}


def test_figures(world, ledger):
    r = selectors.reciprocity(world.journey)
    assert r["hours"] == {"unpaid": 3.75, "paid": 3.0, "entries": 3}
    assert r["expenses"] == {
        "claims": 5,
        "total_pence": 4750,
        "paid_in_advance": 1,
        "paid_back": 3,
        "unpaid_claimants": 3,
        "unpaid_claimants_met": 2,  # Ula (both paid back) and Una (paid in advance)
        "unpaid_met_share": 0.667,
        "median_days_to_pay_back": 10.0,  # of 10, 30 and 2
    }
    oop = r["out_of_pocket"]
    assert (oop["people"], oop["unpaid_people"], oop["claims"], oop["total_pence"]) == (
        1,
        1,
        1,
        800,
    )
    assert isinstance(oop["total_pence"], int)
    # 2.5 hours at £12.21 = £30.525, rounded half up to £30.53
    assert r["payments"]["voucher"] == {"count": 1, "total_pence": 3053, "hours": 2.5}
    assert r["payments"]["payment"] == {"count": 0, "total_pence": 0, "hours": 0.0}
    assert r["training"] == {"count": 1, "people": 1}
    # only the unpaid person's flagged task counts
    assert r["replaced_paid_roles"] == {"tasks": 1, "unpaid_people": 1}


def test_period(world, ledger):
    from powerwith.insights.period import Period

    r = selectors.reciprocity(world.journey, Period(D(2025, 2, 2), D(2025, 2, 28)))
    assert r["hours"]["entries"] == 0
    assert r["expenses"]["claims"] == 2  # Childcare (5 Feb) and Train (20 Feb)
    assert r["expenses"]["median_days_to_pay_back"] == 30.0
    assert r["out_of_pocket"]["total_pence"] == 800  # "now", whatever the period


def test_out_of_pocket_for_more_than_n_days(world, ledger):
    today = timezone.localdate()
    services.expense_claim(
        actor=world.facilitator,
        person=ledger["u2"],
        description="Lunch",
        amount_pence=650,
        claimed_on=today,
    )
    assert selectors.out_of_pocket(world.journey)["total_pence"] == 1450
    late = selectors.out_of_pocket(world.journey, older_than_days=14)
    assert (late["unpaid_people"], late["unpaid_total_pence"]) == (1, 800)


def test_paid_follows_the_role_on_the_day(world):
    pia = person(world, "Pia")
    ps.person_change_role(
        actor=world.facilitator, person=pia, role="peer_worker", paid=True, from_date=D(2025, 3, 1)
    )
    before = services.time_record(
        actor=world.facilitator, person=pia, on=D(2025, 2, 1), hours=Decimal(2)
    )
    after = services.time_record(
        actor=world.facilitator, person=pia, on=D(2025, 3, 2), hours=Decimal(2)
    )
    assert (before.paid, after.paid) == (False, True)
    forced = services.time_record(
        actor=world.facilitator, person=pia, on=D(2025, 3, 3), hours=Decimal(1), paid=False
    )
    assert forced.paid is False


def test_bad_input(world, ledger):
    f, u1 = world.facilitator, ledger["u1"]
    cases = [
        (
            lambda: services.time_record(actor=f, person=u1, on=D(2025, 2, 1), hours=Decimal(0)),
            {"hours": ["Enter a number of hours more than 0, like 2.5."]},
        ),
        (
            lambda: services.time_record(actor=f, person=u1, on=D(2025, 2, 1), hours=Decimal(25)),
            {"hours": ["Enter at most 24 hours."]},
        ),
        (
            lambda: services.time_record(
                actor=f, person=u1, on=D(2025, 2, 1), hours=Decimal("1.255")
            ),
            {"hours": ["Enter hours to at most two decimal places, like 1.25."]},
        ),
        (
            lambda: services.time_record(actor=f, person=u1, on=D(2099, 1, 1), hours=Decimal(1)),
            {"on": ["The date cannot be in the future."]},
        ),
        (
            lambda: services.expense_claim(
                actor=f, person=u1, description="Bus", amount_pence=0, claimed_on=D(2025, 2, 1)
            ),
            {"amount": ["Enter an amount more than £0."]},
        ),
        (
            lambda: services.expense_claim(
                actor=f, person=u1, description=" ", amount_pence=100, claimed_on=D(2025, 2, 1)
            ),
            {"description": ["Say what the expense was for, like \u201cbus fare\u201d."]},
        ),
        (
            lambda: services.payment_record(
                actor=f,
                person=u1,
                kind="cash",
                hours=Decimal(1),
                rate_pence=100,
                paid_on=D(2025, 2, 1),
            ),
            {"kind": ["Choose payment or voucher."]},
        ),
        (
            lambda: services.payment_record(
                actor=f,
                person=u1,
                kind="payment",
                hours=Decimal(1),
                rate_pence=0,
                paid_on=D(2025, 2, 1),
            ),
            {"rate": ["Enter the hourly rate, more than £0, like 12.21."]},
        ),
        (
            lambda: services.training_record(
                actor=f, person=u1, title="", received_on=D(2025, 2, 1)
            ),
            {"title": ["Enter what the training was, like \u201cChairing meetings\u201d."]},
        ),
        (
            lambda: services.task_record(
                actor=f,
                person=u1,
                description="Minutes",
                since=D(2025, 2, 1),
                replaces_paid_role=True,
            ),
            {"paid_role": ["Say which paid role this used to be part of."]},
        ),
    ]
    for call, expected in cases:
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.message_dict == expected
    claim = services.expense_claim(
        actor=f, person=u1, description="Bus", amount_pence=100, claimed_on=D(2025, 2, 10)
    )
    with pytest.raises(ValidationError) as exc:
        services.expense_reimburse(actor=f, claim=claim, reimbursed_on=D(2025, 2, 9))
    assert exc.value.message_dict == {
        "reimbursed_on": ["It cannot be paid back before it was claimed (10 February 2025)."]
    }
    advanced = services.expense_claim(
        actor=f,
        person=u1,
        description="Taxi",
        amount_pence=100,
        claimed_on=D(2025, 2, 10),
        paid_in_advance=True,
    )
    with pytest.raises(ValidationError):
        services.expense_reimburse(actor=f, claim=advanced, reimbursed_on=D(2025, 2, 11))


def test_members_record_observers_cannot(world, ledger):
    from powerwith.common.access import NotAllowed

    services.time_record(
        actor=world.member, person=ledger["u1"], on=D(2025, 2, 1), hours=Decimal(1)
    )
    with pytest.raises(NotAllowed):
        services.time_record(
            actor=world.observer, person=ledger["u1"], on=D(2025, 2, 1), hours=Decimal(1)
        )


def test_money_in_pounds_both_ways():
    assert [pounds(p) for p in (0, 5, 450, 123456, None)] == [
        "£0.00",
        "£0.05",
        "£4.50",
        "£1,234.56",
        "–",
    ]
    field = forms.PoundsField(label="Amount")
    assert [field.clean(t) for t in ("4.5", "£4.50", "1,200", "0.07", "12")] == [
        450,
        450,
        120000,
        7,
        1200,
    ]
    for bad in ("4.555", "four", "-3", "4.5.1"):
        with pytest.raises(ValidationError) as exc:
            field.clean(bad)
        assert exc.value.messages == ["Enter the amount in pounds and pence, like 4.50."]
    assert percent(0.2366, 1) == "23.7%" and percent(0.5) == "50%" and percent(None) == "–"
