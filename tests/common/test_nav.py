"""The journey menu marks exactly one section as the current page."""

from django.test import RequestFactory

from powerwith.common.context import journey_nav


def _current(path: str, slug: str) -> list[str]:
    return [i["label"] for i in journey_nav(RequestFactory().get(path), slug) if i["current"]]


def test_one_current_section(world):
    slug = world.journey.slug
    assert _current(f"/j/{slug}/", slug) == ["Overview"]
    assert _current(f"/j/{slug}/contributions/", slug) == ["Contributions"]
    assert _current(f"/j/{slug}/contributions/you-said-we-did/", slug) == ["You said, we did"]
    assert _current(f"/j/{slug}/people/1/", slug) == ["People"]
    assert _current(f"/j/{slug}/members/", slug) == []
