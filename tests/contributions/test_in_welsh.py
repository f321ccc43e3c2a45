"""Contribution pages and the public "you said, we did" page in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from powerwith.contributions import services as cs
from powerwith.contributions import vocab
from powerwith.contributions.forms import ContributionForm
from tests.people.builders import contribution, person


def _public_page(world, client: Client, **headers: str) -> str:
    ann = person(world, "Zebedee Quill", "carer")
    a = contribution(world, "Chairs hurt", raised_by=ann)
    b = contribution(world, "Seats are too hard")
    cs.contribution_set_fate(actor=world.facilitator, contribution=b, fate="merged", merged_into=a)
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=a,
        fate="done",
        change_level="organisational_service",
        response="New chairs in the waiting room.",
    )
    contribution(world, "Open at weekends")
    world.journey.public_you_said = True
    world.journey.save()
    url = reverse("public:you_said", kwargs={"slug": world.journey.slug})
    return client.get(url, **headers).content.decode()


def test_the_public_page_follows_the_readers_browser(world, client: Client) -> None:
    page = _public_page(world, client, HTTP_ACCEPT_LANGUAGE="cy")
    assert '<html lang="cy">' in page
    assert f"<h1>Dywedoch chi, gwnaethom ni: {world.journey.title}</h1>" in page
    assert "<strong>2</strong> bwynt wedi’u codi" in page  # two points: soft mutation
    assert "Gwnaethom ni:</strong> New chairs in the waiting room." in page  # the group's words
    assert "Codwyd hefyd gan 1 arall:" in page
    assert "Heb gael ateb eto (1)" in page
    assert "Zebedee" not in page and "You said" not in page


def test_the_public_page_follows_the_chosen_language(world, client: Client) -> None:
    client.post(reverse("set_language"), {"language": "cy", "next": "/"})
    page = _public_page(world, client, HTTP_ACCEPT_LANGUAGE="en-GB")
    assert "<strong>1</strong> wedi’u gwneud" in page
    assert "Lefel y newid: gwasanaeth y sefydliad" in page


@pytest.mark.django_db
def test_fates_and_form_words_are_read_in_the_active_language() -> None:
    with translation.override("cy"):
        assert vocab.FATES.label("not_possible") == "Dim yn bosibl"
        assert dict(vocab.CHANNELS.choices)["paper"] == "Ffurflen bapur"
        form = ContributionForm(people=[], gatherings=[])
        assert str(form.fields["text"].label) == "Beth a godwyd"
    assert vocab.FATES.label("not_possible") == "Not possible"
