"""Representation against a reference population: exact figures, statuses, stages, small-group
suppression (primary and secondary), and the usual suspects."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from powerwith.gatherings import services as gs
from powerwith.inclusion import selectors, services
from powerwith.insights.selectors import insights_for
from powerwith.journeys import services as js
from powerwith.organisations import services as orgs
from powerwith.people import services as ps
from tests.conftest import build_world

from .helpers import came, crowd, gathering, person, profile

D1 = datetime.date(2025, 2, 1)
D2 = datetime.date(2025, 3, 1)


def _reference(world, **shares):
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name="Borough", source="Census 2021"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={tuple(k.split("__")): Decimal(v) for k, v in shares.items()},
    )
    return pop


def _groups(block, characteristic):
    ch = next(c for c in block["characteristics"] if c["code"] == characteristic)
    return ch, {g["code"]: g for g in ch["groups"]}


@pytest.fixture
def ten(world):
    """12 people with lived experience came to a co-design workshop; 10 shared a profile:
    disability 5 yes / 5 no; everyone aged 65-74; caring 2 yes, 7 no, 1 prefer not to say.
    Two staff came too, with profiles (not counted against a lived-experience reference)."""
    people = crowd(world, 12)
    staff = crowd(world, 2, prefix="S", role="frontline_staff")
    g = gathering(world, "Workshop", D1, stage="co_design")
    came(world, g, people + staff)
    for i, p in enumerate(people[:10]):
        caring = "yes" if i < 2 else ("prefer_not" if i == 9 else "no")
        profile(world, p, disability="yes" if i < 5 else "no", age_band="65_74", caring=caring)
    for s in staff:
        profile(world, s, disability="yes", age_band="25_34", caring="no")
    _reference(
        world,
        disability__yes="22",
        disability__no="78",
        age_band__18_24="12",
        age_band__65_74="10",
        caring__yes="75",
        caring__no="25",
    )
    return people


def test_shares_intervals_and_statuses(world, ten):
    [pop] = selectors.representation(world.journey)
    overall = pop["blocks"][0]
    assert (overall["participants"], overall["rests_on"]) == (12, 10)

    ch, g = _groups(overall, "disability")
    assert ch["answered"] == 10
    # 5 of 10: 23.66% to 76.34%. Reference 22% is below it: over; 78% above it: under.
    assert g["yes"] == {
        "code": "yes",
        "label": "Yes",
        "reference_share": 0.22,
        "count": 5,
        "share": 0.5,
        "low": 0.237,
        "high": 0.763,
        "status": "over",
    }
    assert g["no"]["status"] == "under"

    _ch, g = _groups(overall, "age_band")
    # Nobody aged 18-24 of 10: 0% to 27.8%, which still reaches 12%: too few to tell.
    assert g["18_24"]["count"] == 0 and g["18_24"]["high"] == 0.278
    assert g["18_24"]["status"] == "too_few"
    assert g["65_74"]["count"] == 10 and g["65_74"]["low"] == 0.722
    assert g["65_74"]["status"] == "over"
    assert g["25_34"]["status"] == "no_reference"  # no reference share given


def test_small_groups_are_hidden_with_their_complement(world, ten):
    [pop] = selectors.representation(world.journey)
    ch, g = _groups(pop["blocks"][0], "caring")
    # 9 answered (one preferred not to say): 2 carers (hidden, fewer than 5), 7 not carers
    # (hidden too, or 9 - 7 would give the 2 away).
    assert ch["answered"] == 9
    assert g["yes"]["count"] is None and g["yes"]["share"] is None and g["yes"]["low"] is None
    assert g["no"]["count"] is None and g["no"]["share"] is None
    # Reference 75% is above 73.3%, the top of the interval for 4 of 9 (the most a hidden group can
    # be), so "under-represented" reveals nothing more than "fewer than 5".
    assert g["yes"]["status"] == "under"
    assert g["no"]["status"] == "unknown"


def test_stage_blocks(world, ten):
    later = crowd(world, 3, prefix="L")
    g = gathering(world, "Evaluation", D2, stage="co_evaluation")
    came(world, g, later + ten[:2])
    for p in later:
        profile(world, p, disability="yes")
    [pop] = selectors.representation(world.journey)
    scopes = [b["scope"] for b in pop["blocks"]]
    assert scopes == ["all", "co_design", "co_evaluation"]
    evaluation = pop["blocks"][2]
    # 5 took part at the evaluation, all with profiles: 3 + 2 -> shown (5 is not small)
    assert (evaluation["participants"], evaluation["rests_on"]) == (5, 5)
    ch, g = _groups(evaluation, "disability")
    assert ch["answered"] == 5 and g["yes"]["count"] == 5 and g["no"]["count"] == 0
    overall = pop["blocks"][0]
    assert (overall["participants"], overall["rests_on"]) == (15, 13)


def test_too_few_profiles_shows_nothing(world):
    people = crowd(world, 6)
    g = gathering(world, "Café", D1)
    came(world, g, people)
    for p in people[:4]:
        profile(world, p, disability="yes")
    _reference(world, disability__yes="20")
    [pop] = selectors.representation(world.journey)
    block = pop["blocks"][0]
    assert block["participants"] == 6 and block["rests_on"] is None
    ch, g = _groups(block, "disability")
    assert ch["suppressed"] and g["yes"]["count"] is None and g["yes"]["status"] == "unknown"


def test_compare_with_everyone_counts_staff(world, ten):
    pop = services.reference_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Everyone",
        source="Staff survey",
        compare_with="everyone",
    )
    services.reference_set_shares(
        actor=world.facilitator, population=pop, shares={("disability", "yes"): Decimal("20")}
    )
    data = {p["population"]["name"]: p for p in selectors.representation(world.journey)}
    block = data["Everyone"]["blocks"][0]
    assert (block["participants"], block["rests_on"]) == (14, 12)
    _ch, g = _groups(block, "disability")
    assert g["yes"]["count"] == 7  # 5 + the two staff


def test_gaps(world, ten):
    gaps = {
        (g["characteristic"], g["category"]): g
        for g in selectors.gaps(selectors.representation(world.journey))
    }
    # Nobody aged 18-24 of 10 answers is "too few to tell" against 12%, so not a gap.
    assert set(gaps) == {("disability", "no"), ("caring", "yes")}
    assert {g["status"] for g in gaps.values()} == {"under"}


@pytest.fixture
def ten_older(world):
    """10 people with lived experience came, all aged 65-74 with a profile. The reference:
    25-34 3%, 18-24 27%, 35-49 28%, 65-74 42%."""
    people = crowd(world, 10)
    came(world, gathering(world, "Workshop", D1), people)
    for p in people:
        profile(world, p, age_band="65_74")
    _reference(
        world, age_band__25_34="3", age_band__18_24="27", age_band__35_49="28", age_band__65_74="42"
    )
    return people


def test_nobody_from_a_group_is_missing_only_when_chance_cannot_explain_it(world, ten_older):
    """0 of 10 gives a Wilson interval from 0 to z²/(n + z²) = 3.8416 / 13.8416 = 0.27754.
    A reference share inside it (3%, 27%) is "too few to tell"; only one above it (28%) is
    "missing". 10 of 10 gives 1 / 1.38416 = 0.7225 to 1: 42% is below, over-represented."""
    [pop] = selectors.representation(world.journey)
    _ch, g = _groups(pop["blocks"][0], "age_band")
    assert g["25_34"] == {
        "code": "25_34",
        "label": "25 to 34",
        "reference_share": 0.03,
        "count": 0,
        "share": 0.0,
        "low": 0.0,
        "high": 0.278,
        "status": "too_few",
    }
    assert g["18_24"]["status"] == "too_few"  # 27% is below 27.754%
    assert g["35_49"]["status"] == "missing"  # 28% is above it
    assert (g["65_74"]["low"], g["65_74"]["status"]) == (0.722, "over")
    assert selectors.STATUS_WORDS[g["25_34"]["status"]] == "Too few to tell"
    gaps = selectors.gaps(selectors.representation(world.journey))
    assert [(x["category"], x["status"]) for x in gaps] == [("35_49", "missing")]


def test_the_missing_warning_only_for_a_group_chance_cannot_explain(world, ten_older):
    world.journey.options = {"warnings": {"reference_group_missing": {"min_reference_share": 0.01}}}
    world.journey.save(update_fields=["options"])
    doc = insights_for(world.journey)
    [sign] = [w for w in doc["warnings"] if w["code"] == "reference_group_missing"]
    assert sign["fired"]
    assert sign["evidence"]["groups"] == ["Age: 35 to 49 (Borough)"]  # not 25-34 or 18-24


def test_query_count_does_not_grow(world, ten, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        selectors.representation(world.journey)


# --- usual suspects ----------------------------------------------------------------------------


def _council(world, *others):
    """An organisation made by ``world``'s facilitator, with the others' facilitators as admins."""
    council = orgs.organisation_create(actor=world.facilitator, name="Kirkby Council")
    for w in others:
        orgs.organisation_add_member(
            actor=world.facilitator, organisation=council, email=w.facilitator.email, role="admin"
        )
    return council


def test_usual_suspects(world):
    other = build_world("2", "Parks plan")
    third = build_world("3", "Libraries")
    council = _council(world, other, third)
    js.journey_update(
        actor=world.facilitator,
        journey=world.journey,
        title=world.journey.title,
        purpose="",
        host=council,
        stages=["co_design"],
        level="service",
        started_on=datetime.date(2025, 1, 6),
        ended_on=None,
        public_you_said=False,
    )
    js.journey_update(
        actor=other.facilitator,
        journey=other.journey,
        title="Parks plan",
        purpose="",
        host=council,
        stages=[],
        level="",
        started_on=datetime.date(2025, 1, 1),
        ended_on=None,
        public_you_said=False,
    )
    js.journey_update(
        actor=third.facilitator,
        journey=third.journey,
        title="Libraries",
        purpose="",
        host=council,
        stages=[],
        level="",
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2024, 6, 1),  # over before this journey began: not concurrent
        public_you_said=False,
    )
    # Another organisation with the same name, running at the same time: not the same host.
    namesake = build_world("4", "Bus routes")
    js.journey_update(
        actor=namesake.facilitator,
        journey=namesake.journey,
        title="Bus routes",
        purpose="",
        host=orgs.organisation_create(actor=namesake.facilitator, name="Kirkby Council"),
        stages=[],
        level="",
        started_on=datetime.date(2025, 1, 1),
        ended_on=None,
        public_you_said=False,
    )
    people = crowd(world, 12)
    # 6 of them also in the parks journey (same individual, same network key)
    for p in people[:6]:
        ps.person_create(
            actor=other.facilitator,
            journey=other.journey,
            name=p.name,
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
            network_key=p.network_key,
        )
        ps.person_create(
            actor=third.facilitator,
            journey=third.journey,
            name=p.name,
            role="service_user",
            joined_on=datetime.date(2024, 1, 6),
            network_key=p.network_key,
        )
        ps.person_create(
            actor=namesake.facilitator,
            journey=namesake.journey,
            name=p.name,
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
            network_key=p.network_key,
        )
    g1, g2 = gathering(world, "One", D1), gathering(world, "Two", D2)
    came(world, g1, people)
    came(world, g2, people[:6])
    us = selectors.usual_suspects(world.journey)
    assert (us["host_organisation"], us["concurrent_journeys"]) == ("Kirkby Council", 1)
    assert (us["in_this_only"], us["in_two"], us["in_three_or_more"]) == (6, 6, 0)
    assert us["people_in_two_or_more_share"] == 0.5
    # 18 attendances, 12 of them by the 6 people in two journeys
    assert us["attendances"] == 18 and us["attendance_share_in_two_or_more"] == 0.667
    # A member of staff who came, and someone who sent apologies, change nothing; the
    # dashboard, which counts from the attendance it has already read, agrees.
    came(world, g2, [person(world, "Sam", "manager")])
    gs.attendance_set(actor=world.facilitator, gathering=g2, statuses={people[6].pk: "apologies"})
    assert selectors.usual_suspects(world.journey) == us
    assert insights_for(world.journey)["sections"]["inclusion"]["usual_suspects"] == us


def test_usual_suspects_small_groups_hidden(world):
    other = build_world("2", "Other")
    trust = _council(world, other)
    world.journey.host = other.journey.host = trust
    world.journey.save()
    other.journey.save()
    people = crowd(world, 8)
    for p in people[:2]:
        ps.person_create(
            actor=other.facilitator,
            journey=other.journey,
            name=p.name,
            role="carer",
            joined_on=datetime.date(2025, 1, 6),
            network_key=p.network_key,
        )
    us = selectors.usual_suspects(world.journey)
    # 6 in this one only, 2 in two: the 2 is hidden and so is the 6 (8 - 6 = 2)
    assert (us["in_this_only"], us["in_two"], us["in_three_or_more"]) == (None, None, 0)
    assert us["people_in_two_or_more_share"] is None


def test_person_helper(world):
    assert person(world, "Ann").side == "lived"
