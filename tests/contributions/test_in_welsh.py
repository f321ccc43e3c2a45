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


# --- feedback cards and the receipt look-up (issue 16) in Welsh -------------------------------


def test_cards_their_pdf_typing_in_and_the_look_up_in_welsh(world) -> None:
    import io
    import re

    from pypdf import PdfReader

    from powerwith.contributions import receipts
    from powerwith.contributions.models import CardBatch
    from tests.conftest import client_for

    def url(name: str, **kw: int) -> str:
        return reverse(f"contributions:{name}", kwargs={"slug": world.journey.slug, **kw})

    c = client_for(world.facilitator)
    c.post(reverse("set_language"), {"language": "cy", "next": "/"})
    page = c.get(url("cards")).content.decode()
    assert '<html lang="cy">' in page and "<h1>Cardiau adborth</h1>" in page
    assert "Gwneud y cardiau" in page and "Feedback cards" not in page
    c.post(url("cards"), {"count": "1"})
    batch = CardBatch.objects.get()
    # The cards are printed in the language of the page that asked for them.
    pdf = PdfReader(io.BytesIO(c.get(url("cards_pdf", batch_pk=batch.pk)).content))
    flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    assert "Dywedwch wrthym beth rydych chi" in flat and "Tell us what you think" not in flat
    typing = c.get(url("card_type_in")).content.decode()
    assert "<h1>Teipio cerdyn adborth i mewn</h1>" in typing
    code = batch.cards.get().code
    r = c.post(url("card_type_in"), {"code": receipts.shown(code), "text": "Mwy o gadeiriau"})
    assert r.status_code == 302
    # Signed out, a Welsh browser: the look-up page and its answer.
    public = Client(HTTP_ACCEPT_LANGUAGE="cy")
    look = public.get("/receipt/").content.decode()
    assert "Beth ddigwyddodd i’r hyn a godwyd gennych" in look and "Chwilio" in look
    answer = public.post("/receipt/", {"code": receipts.shown(code)}).content.decode()
    assert f"Wedi’i godi yn “{world.journey.title}”" in answer
    assert "Mwy o gadeiriau" in answer
    wrong = public.post("/receipt/", {"code": "ZZZZ-ZZZZ"}).content.decode()
    assert "What became" not in wrong and '<html lang="cy">' in wrong
