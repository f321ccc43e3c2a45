"""Leaving's pages: what each role sees, the forms (kept input, messages on the field), the
"What's next" panel, the export and people's rights."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerwith.exports import all_tables
from powerwith.leaving import rights, services
from powerwith.leaving.models import FollowUpReview, Handover, LegacyPart, StopAsk
from powerwith.people import services as ps
from tests.conftest import client_for
from tests.insights.builders import D


def url(w: Any, name: str, **kw: Any) -> str:
    return reverse(f"leaving:{name}", kwargs={"slug": w.journey.slug, **kw})


def text(response: Any) -> str:
    """The page without its random CSRF tokens, so that a check that a name is absent cannot
    fail on a token that happens to contain it (one held "P4")."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_the_pages_for_a_facilitator(
    scene: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    w, p = scene["w"], scene["p"]
    c = client_for(w.facilitator)
    with django_assert_max_num_queries(40):
        page = text(c.get(url(w, "stopped")))
    assert "Mondays clash with my dialysis." in page
    assert "Nothing done about it yet" in page
    assert "Record asking" not in page  # all three were asked
    page = text(c.get(url(w, "overview")))
    assert "3 people have stopped coming." in page
    assert "1 person who left or changed role has no handover note." in page
    page = text(c.get(url(w, "handovers")))
    assert "Ran the room bookings." in page and "Estates desk" in page
    assert "Draft the new signs (Signs) → P8" in page
    assert "?occasion=role_change" in page  # P3 still needs one
    page = text(c.get(url(w, "assets")))
    assert "Meeting rooms" in page and "P4, left 28 Jan 2025" in page
    assert c.get(url(w, "legacy")).status_code == 200
    for name in ("funding", "plan", "part_add", "review"):
        assert c.get(url(w, name)).status_code == 200
    assert c.get(url(w, "ask", person_pk=p[2].pk)).status_code == 200
    assert (
        c.get(url(w, "handover_add", person_pk=p[3].pk) + "?occasion=role_change").status_code
        == 200
    )


def test_members_and_observers(scene: dict[str, Any]) -> None:
    w = scene["w"]
    member, observer = client_for(w.member), client_for(w.observer)
    assert member.get(url(w, "stopped")).status_code == 403
    assert member.get(url(w, "handovers")).status_code == 403
    page = text(observer.get(url(w, "overview")))
    assert "stopped coming" not in page and "The funding ends on 31 August 2025." in page
    page = text(observer.get(url(w, "assets")))
    assert "Meeting rooms" in page and "P4" not in page and "Record a handover" not in page
    page = text(observer.get(url(w, "legacy")))
    assert "Change the funding" not in page


def test_asking_through_the_form(stays: dict[str, Any]) -> None:
    w, p = stays["w"], stays["p"]
    c = client_for(w.facilitator)
    page = text(c.get(url(w, "stopped")))
    assert page.count("Record asking") == 3
    data = {
        "asked_on": "2025-02-01",
        "asked_how": "phone",
        "answer": "answered",
        "in_their_words": "",
    }
    r = c.post(url(w, "ask", person_pk=p[2].pk), {**data, "reasons": ["costs"]})
    assert r.status_code == 400
    assert "Write what they said, in their words." in text(r)
    assert 'value="costs" checked' in text(r) or "checked" in text(r)
    r = c.post(
        url(w, "ask", person_pk=p[2].pk),
        {**data, "in_their_words": "Bus fares", "reasons": ["costs"]},
    )
    assert r.status_code == 302
    ask = StopAsk.objects.get()
    assert (ask.reasons, ask.side, ask.recorded_by) == (["costs"], "lived", w.facilitator)
    r = c.post(url(w, "raise", ask_pk=ask.pk))
    ask.refresh_from_db()
    assert r.status_code == 302 and r["Location"] == ask.contribution.get_absolute_url()
    r = c.post(url(w, "ask_remove", ask_pk=ask.pk))
    assert r.status_code == 302 and not StopAsk.objects.exists()


def test_handover_form_reassigns(scene: dict[str, Any]) -> None:
    w, p = scene["w"], scene["p"]
    c = client_for(w.facilitator)
    form_url = url(w, "handover_add", person_pk=p[4].pk)
    Handover.objects.all().delete()
    page = text(c.get(form_url + "?occasion=left"))
    key = f"reassign_contribution-{scene['owned'].pk}"
    assert f'name="{key}"' in page and "Parking is hard" in page
    r = c.post(form_url, {"occasion": "left", "knew_and_did": "", key: str(p[1].pk)})
    assert r.status_code == 400 and "Write what they knew and did." in text(r)
    r = c.post(form_url, {"occasion": "left", "knew_and_did": "Rooms", key: str(p[1].pk)})
    assert r.status_code == 302
    scene["owned"].refresh_from_db()
    assert scene["owned"].owner == p[1]


def test_legacy_forms_and_whats_next(scene: dict[str, Any]) -> None:
    w, p = scene["w"], scene["p"]
    c = client_for(w.facilitator)
    front = text(c.get(reverse("journeys:detail", kwargs={"slug": w.journey.slug})))
    assert "Make a legacy plan" in front and "The funding ended on 31 August 2025." in front
    assert "The 6-month follow-up review" in front and "It was due on 28 February 2026." in front
    member_front = text(
        client_for(w.member).get(reverse("journeys:detail", kwargs={"slug": w.journey.slug}))
    )
    assert "Make a legacy plan" not in member_front
    r = c.post(url(w, "plan"), {"agreed_on": "2025-08-01", "record_lives": ""})
    assert r.status_code == 400
    r = c.post(
        url(w, "plan"), {"agreed_on": "2025-08-01", "record_lives": "The trust's shared drive"}
    )
    assert r.status_code == 302
    r = c.post(url(w, "part_add"), {"what": "The café", "owner": str(p[1].pk), "owner_other": ""})
    assert r.status_code == 302, text(r)[text(r).find("error-message") :][:300]
    part = LegacyPart.objects.get()
    r = c.post(url(w, "review"), {"months": "6", "done_on": "2026-03-01", "found": "Still going"})
    assert r.status_code == 302, text(r)[text(r).find("error-message") :][:300]
    assert FollowUpReview.objects.get().months == 6
    front = text(c.get(reverse("journeys:detail", kwargs={"slug": w.journey.slug})))
    assert "Make a legacy plan" not in front and "The 6-month follow-up review" not in front
    page = text(c.get(url(w, "legacy")))
    assert "The café: P1" in page and "Still going" in page
    assert c.post(url(w, "part_remove", part_pk=part.pk)).status_code == 302
    r = c.post(url(w, "funding"), {"funding_ends_on": "", "funder": ""})
    assert r.status_code == 302
    assert "Make a legacy plan" not in text(
        c.get(reverse("journeys:detail", kwargs={"slug": w.journey.slug}))
    )


def test_export_names_nobody_and_leaves_out_their_words(scene: dict[str, Any]) -> None:
    tables, descriptions = all_tables(scene["w"].journey)
    asked = tables["leaving_asked"]
    assert [a["reasons"] for a in asked] == [
        "times_places;health_caring",
        "",
        "not_heard;nothing_changed",
    ]
    flat = repr({k: v for k, v in tables.items() if k.startswith("leaving_")})
    assert "dialysis" not in flat and "Estates desk" not in flat and "P4'" not in flat
    assert tables["leaving_handovers"][0]["knew_and_did"] == "Ran the room bookings."
    assert sorted(r["where_now"] for r in tables["leaving_assets"]) == [
        "handed_over",
        "in_group",
        "in_group",
        "left_with",
    ]
    assert [r["due_on"] for r in tables["leaving_reviews"]] == [D(2026, 2, 28), D(2026, 8, 31)]
    assert all(k in descriptions for k in tables if k.startswith("leaving_"))


def test_rights_copy_and_erase(scene: dict[str, Any]) -> None:
    w, p = scene["w"], scene["p"]
    held = rights.held(p[2])
    assert (
        held["asked why they stopped coming"][0]["In their words"]
        == "Mondays clash with my dialysis."
    )
    assert rights.held(p[4])["handovers"][0]["Contacts"] == "Estates desk, ext 4410"
    services.legacy_part_add(actor=w.facilitator, journey=w.journey, what="P4's rota", owner=p[1])
    done = rights.erase(p[4], actor=w.facilitator, remove_words=True)
    assert done["handover notes removed"] == 1
    h = Handover.objects.get()
    assert (h.knew_and_did, h.contacts, h.occasion) == ("", "", "left")
    assert LegacyPart.objects.get().what == f"Erased person {p[4].pk}'s rota"
    done = rights.erase(p[2], actor=w.facilitator)
    ask = StopAsk.objects.get(person=p[2])
    assert ask.in_their_words == "" and ask.reasons == ["times_places", "health_caring"]
    assert rights.erase(p[2], actor=w.facilitator)["words on why they stopped removed"] == 0


def test_today_is_used_for_assets(scene: dict[str, Any]) -> None:
    # A person who leaves in the future still holds their assets today.
    w, p = scene["w"], scene["p"]
    ps.person_leave(
        actor=w.facilitator, person=p[1], left_on=timezone.localdate().replace(year=2099)
    )
    page = text(client_for(w.facilitator).get(url(w, "assets")))
    assert "Bus routes" in page.split("Still in the group")[1]
