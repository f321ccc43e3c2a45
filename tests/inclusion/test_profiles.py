"""Profiles: consent, who can see them, reasons in the log, and erasure that leaves nothing in
any figure, page or export."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.common.access import NotAllowed
from powerwith.common.models import AuditEntry
from powerwith.exports import all_tables, to_json
from powerwith.inclusion import export, selectors, services
from powerwith.inclusion.models import Profile
from powerwith.insights.selectors import insights_for
from powerwith.journeys import services as js

from .helpers import came, crowd, gathering, person, profile

D1 = datetime.date(2025, 2, 1)


def _link(world, user, p):
    """Link an account to a person in the register (through the membership)."""
    membership = world.journey.memberships.get(user=user)
    js.membership_add(
        actor=world.facilitator, journey=world.journey, user=user, role=membership.role, person=p
    )


def _url(world, name, **kw):
    return reverse(f"inclusion:{name}", kwargs={"slug": world.journey.slug, **kw})


def test_person_saves_their_own_profile(world, client):
    ann = person(world, "Ann")
    _link(world, world.member, ann)
    client.force_login(world.member)
    r = client.get(_url(world, "my_profile"))
    assert r.status_code == 200 and "Save my answers" in r.content.decode()
    r = client.post(
        _url(world, "my_profile"),
        {"age_band": "50_64", "caring": "prefer_not", "ethnicity_text": "Scouse", "consent": "on"},
    )
    assert r.status_code == 302
    p = Profile.objects.get(person=ann)
    assert (p.age_band, p.caring, p.disability, p.ethnicity_text) == (
        "50_64",
        "prefer_not",
        "",
        "Scouse",
    )
    assert (p.consent_channel, p.consent_recorded_by) == ("self_online", world.member)
    entry = AuditEntry.objects.get(action="profile_save")
    assert entry.on_behalf_of == ann and entry.summary == "Profile saved by the person themselves."
    assert "50_64" not in entry.summary and "Scouse" not in entry.summary


def test_no_consent_no_profile(world, client):
    ann = person(world, "Ann", user=world.member)  # linked through Person.user
    client.force_login(world.member)
    r = client.post(_url(world, "my_profile"), {"age_band": "50_64"})
    body = r.content.decode()
    assert r.status_code == 400
    assert "Tick the box to say you agree to us keeping these answers." in body
    assert 'value="50_64" id="id_age_band_4" checked' in body  # the answer is kept
    assert not Profile.objects.filter(person=ann).exists()
    r = client.post(_url(world, "my_profile"), {"age_band": "ancient", "consent": "on"})
    assert r.status_code == 400 and "Choose one of the options for" in r.content.decode()


def test_user_not_in_the_register_is_told_so(world, client):
    client.force_login(world.observer)
    r = client.get(_url(world, "my_profile"))
    assert r.status_code == 200 and "not linked" in r.content.decode()
    r = client.post(_url(world, "my_profile"), {"consent": "on"})
    assert r.status_code == 200 and not Profile.objects.exists()


def test_another_member_cannot_see_or_change_a_profile(world, client):
    ann = person(world, "Ann")
    profile(world, ann, age_band="75_plus")
    client.force_login(world.member)
    assert client.get(_url(world, "profile_open", person_pk=ann.pk)).status_code == 403
    assert (
        client.post(
            _url(world, "profile_open", person_pk=ann.pk), {"reason": "curious"}
        ).status_code
        == 403
    )
    assert (
        client.post(_url(world, "profile_erase", person_pk=ann.pk), {"reason": "x"}).status_code
        == 403
    )
    assert client.get(_url(world, "profile_list")).status_code == 403
    # the member's own page shows nothing of Ann's (the member is not linked to anyone)
    assert "75 or over" not in client.get(_url(world, "my_profile")).content.decode()
    with pytest.raises(NotAllowed):
        services.profile_open(actor=world.member, person=ann, reason="curious")
    with pytest.raises(NotAllowed):
        services.profile_save(actor=world.member, person=ann, answers={}, consent=True, reason="x")
    with pytest.raises(NotAllowed):
        services.profile_erase(actor=world.member, person=ann, reason="x")


def test_facilitator_must_give_a_reason_which_is_logged(world, client):
    ann = person(world, "Ann")
    profile(world, ann, age_band="75_plus")
    client.force_login(world.facilitator)
    url = _url(world, "profile_open", person_pk=ann.pk)
    r = client.get(url)
    assert r.status_code == 200 and "75 or over" not in r.content.decode()
    r = client.post(url, {"reason": "  "})
    assert r.status_code == 400
    assert "Say why you need to see this profile. It is kept in the log." in r.content.decode()
    assert "75 or over" not in r.content.decode()
    assert not AuditEntry.objects.filter(action="profile_view").exists()
    r = client.post(url, {"reason": "She asked me to check her answers by phone"})
    assert r.status_code == 200 and "75 or over" in r.content.decode()
    entry = AuditEntry.objects.get(action="profile_view")
    assert entry.actor == world.facilitator and entry.on_behalf_of == ann
    assert entry.summary == "Opened the profile. Reason: She asked me to check her answers by phone"


def test_facilitator_fills_in_for_someone_not_online(world, client):
    bob = person(world, "Bob", online=False)
    client.force_login(world.facilitator)
    url = _url(world, "profile_edit", person_pk=bob.pk)
    r = client.post(url, {"age_band": "65_74", "consent": "on", "consent_channel": "phone"})
    body = r.content.decode()
    assert r.status_code == 400 and "Say why you are changing the profile for this person." in body
    r = client.post(
        url,
        {
            "age_band": "65_74",
            "consent": "on",
            "consent_channel": "phone",
            "reason": "By phone",
            "consent_given_on": "2099-01-01",
        },
    )
    assert r.status_code == 400 and "cannot be in the future" in r.content.decode()
    r = client.post(
        url,
        {
            "age_band": "65_74",
            "consent": "on",
            "consent_channel": "phone",
            "reason": "By phone",
            "consent_given_on": "2025-02-03",
        },
    )
    assert r.status_code == 302
    p = Profile.objects.get(person=bob)
    assert (p.consent_channel, p.consent_given_on) == ("phone", datetime.date(2025, 2, 3))
    assert AuditEntry.objects.get(action="profile_save").summary == (
        "Profile saved on their behalf. Reason: By phone"
    )
    with pytest.raises(ValidationError) as exc:
        services.profile_save(
            actor=world.facilitator,
            person=bob,
            answers={},
            consent=True,
            reason="x",
            consent_channel="self_online",
            consent_given_on=D1,
        )
    assert exc.value.message_dict == {
        "consent_channel": ["Choose how the person told you they agree."]
    }


@pytest.fixture
def counted(world):
    """Six people came; all shared a profile; Ann is the only carer."""
    people = crowd(world, 5)
    ann = person(world, "Ann")
    g = gathering(world, "Workshop", D1, stage="co_design")
    came(world, g, [*people, ann])
    for p in people:
        profile(world, p, caring="no", disability="yes")
    profile(
        world,
        ann,
        caring="yes",
        disability="yes",
        ethnicity="black",
        ethnicity_text="Nigerian British",
    )
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name="Borough", source="Census"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={
            ("caring", "yes"): Decimal(10),
            ("caring", "no"): Decimal(90),
            ("disability", "yes"): Decimal(20),
            ("ethnicity", "black"): Decimal(5),
        },
    )
    return ann


def _block(world):
    [pop] = selectors.representation(world.journey)
    return pop["blocks"][0]


def _disability_yes(world):
    ch = next(c for c in _block(world)["characteristics"] if c["code"] == "disability")
    return next(g for g in ch["groups"] if g["code"] == "yes")["count"]


def test_erasure_removes_the_profile_from_figures(world, counted):
    assert _block(world)["rests_on"] == 6 and _disability_yes(world) == 6
    services.profile_erase(actor=world.facilitator, person=counted, reason="She asked by phone")
    assert not Profile.objects.filter(person=counted).exists()  # deleted, not flagged
    assert _block(world)["rests_on"] == 5 and _disability_yes(world) == 5
    doc = insights_for(world.journey)["sections"]["inclusion"]
    assert doc["representation"][0]["blocks"][0]["rests_on"] == 5
    assert doc["profiles"] == {"people": 6, "profiles": 5}
    entry = AuditEntry.objects.get(action="profile_erase")
    assert entry.summary == "Profile erased on their behalf. Reason: She asked by phone"


def test_erasure_removes_the_profile_from_pages(world, counted, client):
    _link(world, world.member, counted)
    client.force_login(world.member)
    assert "Nigerian British" in client.get(_url(world, "my_profile")).content.decode()
    r = client.post(_url(world, "my_profile_erase"))
    assert r.status_code == 302
    assert not Profile.objects.filter(person=counted).exists()
    assert Profile.objects.filter(journey=world.journey).count() == 5
    mine = client.get(_url(world, "my_profile")).content.decode()
    assert "Nigerian British" not in mine and "Erase my profile" not in mine
    client.force_login(world.facilitator)
    overview = client.get(_url(world, "overview")).content.decode()
    assert "the 5 who shared a profile" in overview
    opened = client.post(
        _url(world, "profile_open", person_pk=counted.pk), {"reason": "checking erasure"}
    ).content.decode()
    assert "Nigerian British" not in opened and "has not shared a profile" in opened
    listing = client.get(_url(world, "profile_list")).content.decode()
    assert "5 of 6 people" in listing


def test_erasure_removes_the_profile_from_exports(world, counted):
    before = export.tables(world.journey)["inclusion_representation"]
    row = next(
        r
        for r in before
        if r["scope"] == "all" and r["characteristic"] == "disability" and r["group"] == "yes"
    )
    assert row["count"] == 6 and row["profiles"] == 6
    services.profile_erase(actor=world.facilitator, person=counted, reason="Asked")
    tables, descriptions = all_tables(world.journey)
    after = tables["inclusion_representation"]
    row = next(
        r
        for r in after
        if r["scope"] == "all" and r["characteristic"] == "disability" and r["group"] == "yes"
    )
    assert row["count"] == 5 and row["profiles"] == 5
    dump = to_json(world.journey, tables, descriptions)
    assert "Nigerian British" not in dump
    assert "inclusion_representation" in dump


def test_export_never_has_one_row_per_profile(world, counted):
    tables = export.tables(world.journey)
    dump = json.dumps(tables, default=str)
    assert "Nigerian British" not in dump and "Ann" not in dump
    # no table about profiles has a row per person
    for name in ("inclusion_representation", "inclusion_usual_suspects", "inclusion_needs"):
        assert all("person_id" not in r for r in tables[name])
    # Ann is the only carer: her group is hidden in the export, and so is its complement
    carers = [
        r
        for r in tables["inclusion_representation"]
        if r["characteristic"] == "caring" and r["scope"] == "all"
    ]
    assert {r["group"]: r["count"] for r in carers} == {"yes": None, "no": None}
    ethnic = [
        r
        for r in tables["inclusion_representation"]
        if r["characteristic"] == "ethnicity" and r["scope"] == "all"
    ]
    assert {r["group"]: r["count"] for r in ethnic}["black"] is None
