"""Stories in Welsh: the list, a story, the emotional map and marking how a moment felt, read
with Welsh chosen, show the Welsh catalogue's words (the feelings included) and none of the
English sentences it translates; every entry is translated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from powerwith.demo import ebcd
from powerwith.stories.models import Story
from tests import demo_snapshot
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db

APP = "stories"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_story_pages_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    kw = {"slug": ebcd.SLUG}
    page = get_welsh(c, reverse("stories:list", kwargs=kw))
    assert_welsh(page, APP, expect=["Straeon", "Cofnodi stori"])
    page = get_welsh(c, reverse("stories:feelings", kwargs=kw))
    assert_welsh(page, APP, expect=["Y map emosiynau"])
    page = get_welsh(c, reverse("stories:feeling_mark", kwargs=kw))
    assert_welsh(page, APP, expect=["Wedi cael rhyddhad", "Pryderus", "Wedi dychryn", "Cryf iawn"])
    page = get_welsh(c, reverse("stories:touchpoints", kwargs=kw))
    assert_welsh(page, APP, expect=["Pwyntiau cyswllt"])
    story = Story.objects.filter(journey__slug=ebcd.SLUG, withdrawn_on__isnull=True).first()
    assert story is not None
    page = get_welsh(c, reverse("stories:detail", kwargs={**kw, "story_pk": story.pk}))
    assert_welsh(page, APP, expect=["Caniatâd"])
