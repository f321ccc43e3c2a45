"""Issue 13, finding 3: a journey named another organisation as its host (free text) and so
read and changed that organisation's question banks; the injected question was then offered to
the real organisation's facilitators. Hosts are now organisations, chosen only by their admins.

Before the fix the same steps (with the host typed as "Riverside Trust") let the intruder open
the victim's bank (200), add a question to it, and the victim's facilitator saw it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Journey
from powerwith.organisations import services as org_services
from powerwith.reflection import services
from powerwith.reflection.models import QuestionBank
from powerwith.reflection.selectors import banks_visible
from tests.conftest import build_world, client_for
from tests.reflection.helpers import builtin, question

INJECTED = "Tell us your home address and bank details."
REFUSED = ["Choose an organisation you are an admin of, or no host organisation."]


def _settings(journey: Journey, host: str) -> dict[str, Any]:
    return {"title": journey.title, "purpose": "", "host": host, "stages": [], "level": ""}


def test_an_intruder_cannot_reach_another_organisations_banks(db: Any) -> None:
    victim = build_world("v", "Breast care")
    riverside = org_services.organisation_create(actor=victim.facilitator, name="Riverside Trust")
    r = client_for(victim.facilitator).post(
        reverse("journeys:settings", kwargs={"slug": victim.journey.slug}),
        _settings(victim.journey, str(riverside.pk)),
    )
    assert r.status_code == 302
    victim.journey.refresh_from_db()
    assert victim.journey.host == riverside
    lenses = builtin("lenses")
    org_bank = services.question_remove(
        actor=victim.facilitator,
        journey=victim.journey,
        bank=lenses,
        question=question(lenses, "distinct"),
    )
    assert org_bank.organisation == riverside

    # The intruder has an account, and even an organisation of the same name.
    intruder = client_for(victim.outsider)
    namesake = org_services.organisation_create(actor=victim.outsider, name="Riverside Trust")
    page = intruder.get(reverse("journeys:create"))
    choices = [o.pk for o in page.context["form"].fields["host"].queryset]
    assert choices == [namesake.pk]
    # A forged choice of the victim's organisation is refused, and no journey is made.
    r = intruder.post(reverse("journeys:create"), {"title": "Mine", "host": str(riverside.pk)})
    assert r.status_code == 400
    assert r.context["form"].errors["host"] == REFUSED
    assert not Journey.objects.filter(title="Mine").exists()
    # Nor can the service be called with it, to create or to change a journey.
    with pytest.raises(ValidationError) as e:
        journey_services.journey_create(actor=victim.outsider, title="Mine", host=riverside)
    assert e.value.message_dict == {"host": REFUSED}
    r = intruder.post(reverse("journeys:create"), {"title": "Mine", "host": str(namesake.pk)})
    assert r.status_code == 302
    mine = Journey.objects.get(title="Mine")
    assert mine.host == namesake
    r = intruder.post(
        reverse("journeys:settings", kwargs={"slug": mine.slug}),
        _settings(mine, str(riverside.pk)),
    )
    assert r.status_code == 400 and r.context["form"].errors["host"] == REFUSED
    mine.refresh_from_db()
    assert mine.host == namesake

    # The victim's bank cannot be seen or changed from the intruder's journey.
    assert not banks_visible(mine).filter(pk=org_bank.pk).exists()
    bank_url = reverse("reflection:bank", kwargs={"slug": mine.slug, "bank_pk": org_bank.pk})
    add_url = reverse("reflection:question_add", kwargs={"slug": mine.slug, "bank_pk": org_bank.pk})
    assert intruder.get(bank_url).status_code == 404
    assert intruder.get(add_url).status_code == 404
    assert intruder.post(add_url, {"kind": "open", "text": INJECTED}).status_code == 404
    assert intruder.get(riverside.get_absolute_url()).status_code == 404

    # The victim's facilitator is offered the bank as it was.
    latest = QuestionBank.objects.filter(organisation=riverside).order_by("-version").first()
    assert latest == org_bank
    detail = client_for(victim.facilitator).get(
        reverse("reflection:bank", kwargs={"slug": victim.journey.slug, "bank_pk": latest.pk})
    )
    assert detail.status_code == 200
    assert INJECTED not in detail.content.decode()
    assert not QuestionBank.objects.filter(questions__text=INJECTED).exists()
