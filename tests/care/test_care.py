"""Power in care relationships (issue 20, item 9): a private flag seen only by facilitators,
counted only in suppressed figures."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from powerwith import exports
from powerwith.api import services as api_services
from powerwith.care import insights as ci
from powerwith.care import rights as cr
from powerwith.care import services as cs
from powerwith.care.models import CareFlag
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import merged, thresholds_for
from powerwith.people import services as ps
from tests.conftest import build_world, client_for
from tests.people.builders import person

SECRET = "Prefers feedback cards SECRETNOTE"


def ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def test_bad_input_is_named_per_field_and_only_facilitators_may_write(world):
    ann = person(world, "Ann")
    nia = person(world, "Nia", role="frontline_staff")
    other = build_world("2", "Another")
    stranger = ps.person_create(
        actor=other.facilitator,
        journey=other.journey,
        name="Stranger",
        role="carer",
        joined_on=ago(10),
    )
    for kw, field, message in (
        ({"person": None}, "person", "Choose the person from this journey's register."),
        ({"person": stranger}, "person", "Choose the person from this journey's register."),
        (
            {"person": ann, "carer": stranger},
            "carer",
            "Choose a member of the group from this journey's register.",
        ),
        (
            {"person": ann, "carer": ann},
            "carer",
            "Choose someone else: a person cannot be in their own care.",
        ),
        (
            {"person": ann, "started_on": ago(1), "ended_on": ago(5)},
            "ended_on",
            "The end must be on or after the start.",
        ),
        (
            {"person": ann, "support_offered_on": ago(-3)},
            "support_offered_on",
            "Enter a day that has already come, not one in the future.",
        ),
        (
            {"person": ann, "flagged_on": ago(-1)},
            "flagged_on",
            "The day it was recorded cannot be in the future.",
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            cs.care_flag_create(actor=world.facilitator, journey=world.journey, **kw)
        assert exc.value.message_dict == {field: [message]}
    for who in (world.member, world.observer, world.outsider):
        with pytest.raises((PermissionDenied, Http404)):
            cs.care_flag_create(actor=who, journey=world.journey, person=ann, carer=nia)
    assert CareFlag.objects.count() == 0


def _six_in_care(world):
    """Worked example, counted today:
    P1..P6 in the care of Nia now; P1..P5 offered independent support, P1 and P2 told about
    anonymous routes; P6 recorded 20 days ago, no support offered (waiting > 14 days).
    P7's care ended 3 days ago and P8 is recorded with a start next month... no: P8's flag
    starts in 10 days' time, so neither counts now.
    in_care 6; offered_support 5 (share 5/6 = 0.833); told 2 -> hidden (None), share None;
    waiting 1 -> hidden (None); the warning fires."""
    nia = person(world, "Nia", role="frontline_staff")
    people = [person(world, f"P{i}") for i in range(1, 9)]
    for i, p in enumerate(people[:5]):
        cs.care_flag_create(
            actor=world.facilitator,
            journey=world.journey,
            person=p,
            carer=nia,
            flagged_on=ago(30),
            support_offered_on=ago(28),
            routes_told_on=ago(28) if i < 2 else None,
            notes=SECRET,
        )
    cs.care_flag_create(
        actor=world.facilitator, journey=world.journey, person=people[5], flagged_on=ago(20)
    )
    cs.care_flag_create(
        actor=world.facilitator,
        journey=world.journey,
        person=people[6],
        carer=nia,
        flagged_on=ago(40),
        started_on=ago(100),
        ended_on=ago(3),
    )
    cs.care_flag_create(
        actor=world.facilitator,
        journey=world.journey,
        person=people[7],
        carer=nia,
        flagged_on=ago(1),
        started_on=ago(-10),
    )
    return nia, people


def test_worked_example_figures_are_suppressed_and_the_warning_fires(world):
    _six_in_care(world)
    data = ci.compute(world.journey, Period())
    assert {k: data[k] for k in data if k not in ("title", "explanation", "based_on")} == {
        "on": timezone.localdate().isoformat(),
        "in_care": 6,
        "offered_support": 5,
        "offered_support_share": 0.833,
        "told_anonymous_routes": None,
        "told_anonymous_routes_share": None,
        "waiting": None,
        "waiting_days": 14,
    }
    (w,) = ci.warnings(world.journey, Period(), data, thresholds_for(world.journey))
    assert (w.fired, w.evidence) == (True, {"anyone": True, "people": None})
    # With 30 days allowed, nobody has waited too long.
    world.journey.options = {"warnings": {"care_support_not_offered": {"days": 30}}}
    world.journey.save()
    th = thresholds_for(world.journey)
    (w,) = ci.warnings(world.journey, Period(), ci.compute(world.journey, Period()), th)
    assert w.fired is False
    # A period ending 25 days ago: P1-P5 and P7 were in care then (P6 not yet recorded).
    past = ci.compute(world.journey, Period(end=ago(25)))
    assert (past["in_care"], past["offered_support"]) == (6, 5)
    # Four people are never shown.
    CareFlag.objects.filter(person__name__in=["P1", "P2"]).delete()
    assert ci.compute(world.journey, Period())["in_care"] is None


def _export_text(world) -> str:
    with zipfile.ZipFile(io.BytesIO(exports.build_zip(world.journey))) as zf:
        return "\n".join(zf.read(n).decode() for n in zf.namelist())


def test_nobody_but_facilitators_sees_it_anywhere(world):
    _nia, people = _six_in_care(world)
    flag = CareFlag.objects.filter(notes=SECRET).first()
    slug = world.journey.slug
    person_url = reverse("people:detail", kwargs={"slug": slug, "person_pk": people[0].pk})
    pages = [
        reverse("people:list", kwargs={"slug": slug}),
        person_url,
        reverse("insights:dashboard", kwargs={"slug": slug}),
        reverse("inclusion:overview", kwargs={"slug": slug}),
        reverse("journeys:detail", kwargs={"slug": slug}),
    ]
    care_pages = [
        reverse("care:list", kwargs={"slug": slug}),
        reverse("care:create", kwargs={"slug": slug}),
        reverse("care:edit", kwargs={"slug": slug, "care_pk": flag.pk}),
    ]
    fac = client_for(world.facilitator)
    assert SECRET in fac.get(care_pages[2]).content.decode()
    assert "Power in care relationships" in fac.get(pages[2]).content.decode()
    assert "care" in fac.get(reverse("insights:json", kwargs={"slug": slug})).json()["sections"]
    for who, status in ((world.member, 403), (world.observer, 403), (world.outsider, 404)):
        c = client_for(who)
        for url in care_pages:
            assert c.get(url).status_code == status
        assert (
            c.post(reverse("care:remove", kwargs={"slug": slug, "care_pk": flag.pk})).status_code
            == status
        )
        for url in pages:
            text = c.get(url).content.decode()
            for word in (SECRET, "in care", "Power in care", "care relationship", "/care/"):
                assert word not in text, (who, url, word)
        r = c.get(reverse("insights:json", kwargs={"slug": slug}))
        if who is world.outsider:
            assert r.status_code == 404
            continue
        doc = r.json()
        assert "care" not in doc["sections"]
        assert all(w["section"] != "care" for w in doc["warnings"])
        assert "care_support_not_offered" not in r.content.decode()
        secret = api_services.token_create(actor=who, name="t", scope="read", days=5)[1]
        api = c.get(f"/api/v1/journeys/{slug}/insights", HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert api.status_code == 200 and "care" not in api.json()["sections"]
    secret = api_services.token_create(actor=world.facilitator, name="t", scope="read", days=5)[1]
    api = fac.get(f"/api/v1/journeys/{slug}/insights", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.json()["sections"]["care"]["in_care"] == 6
    # The public page never mentions it.
    public = client_for(world.outsider).get(reverse("public:you_said", kwargs={"slug": slug}))
    for word in (SECRET, "in the care of", "Power in care", "/care/"):
        assert word not in public.content.decode()
    # The export: one line of suppressed counts, nobody's code, no notes.
    text = _export_text(world)
    assert SECRET not in text
    assert "care_counts" in text
    assert "in_care,offered_support,told_anonymous_routes,waiting_for_support,waiting_days" in text
    assert f"{timezone.localdate().isoformat()},6,5,,,14" in text


def test_own_copy_has_it_the_carers_does_not_and_erasure_deletes_it(world):
    nia, people = _six_in_care(world)
    mine = cr.held(people[0])
    (row,) = mine["in the care of a member of the group (seen only by facilitators)"]
    assert (row["In the care of"], row["Notes"]) == ("Nia", SECRET)
    assert cr.held(nia) == {"in the care of a member of the group (seen only by facilitators)": []}
    got = cr.erase(people[0], actor=world.facilitator)
    assert got["care flags"] == 1
    assert not CareFlag.objects.filter(person=people[0]).exists()
    # The full insights document of a member still has no care section after all this.
    assert "care" in insights_for(world.journey)["sections"]


def test_demo_has_two_flags_hidden_in_the_figures_and_the_warning(db):
    from powerwith.journeys.models import Journey
    from tests import demo_snapshot

    demo_snapshot.load_demo()
    j = (
        Journey.objects.get(slug="ebcd-breast-care")
        if Journey.objects.filter(slug="ebcd-breast-care").exists()
        else next(j for j in Journey.objects.all() if j.care_flags.exists())
    )
    assert CareFlag.objects.filter(journey=j).count() == 2
    data = ci.compute(j, Period())
    assert (data["in_care"], data["offered_support"], data["waiting"]) == (None, None, None)
    (w,) = ci.warnings(j, Period(), data, thresholds_for(j))
    assert w.fired is True


@pytest.mark.parametrize(
    "days, lang, said",
    [
        (1, "en", "offered independent support within 1 day. Open"),
        (2, "en", "offered independent support within 2 days. Open"),
        (1, "cy", "o fewn 1 diwrnod. Agorwch"),
        (2, "cy", "o fewn 2 ddiwrnod. Agorwch"),
    ],
)
def test_days_are_whole_sentences_in_english_and_welsh(world, days, lang, said):
    """The number of days is part of a sentence with its plural (and Welsh's four forms)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    cs.care_flag_create(
        actor=world.facilitator,
        journey=world.journey,
        person=person(world, "P1"),
        flagged_on=ago(20),
    )
    th = merged({"care_support_not_offered": {"days": days}})
    with translation.override(lang):
        (w,) = ci.warnings(world.journey, Period(), ci.compute(world.journey, Period()), th)
        assert said in w.explanation
        figures = render_to_string("care/_figures.html", {"data": {"waiting_days": days}})
    heading = {
        ("en", 1): "Waiting more than 1 day for an offer of support",
        ("en", 2): "Waiting more than 2 days for an offer of support",
        ("cy", 1): "Yn aros mwy na 1 diwrnod am gynnig o gymorth",
        ("cy", 2): "Yn aros mwy na 2 ddiwrnod am gynnig o gymorth",
    }[(lang, days)]
    assert heading in figures
