"""Reading ids and whole numbers from what a browser sends (``common.inputs``), the id-checking
choice fields (``common.forms``) and the NUL-stripping middleware."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from powerwith.common import forms as common_forms
from powerwith.common.inputs import MAX_INT, parse_id, parse_int
from powerwith.common.middleware import StripNulMiddleware
from powerwith.people.models import Person
from tests.conftest import World


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        ("1", 1),
        (str(MAX_INT), MAX_INT),
        (str(MAX_INT + 1), None),
        ("99999999999999999999999", None),
        ("0", None),
        ("-1", None),
        ("²", None),
        ("١٢", None),
        ("1e9", None),
        (" 12", None),
        ("12\n", None),
        ("+12", None),
        ("", None),
        (None, None),
        (["1"], None),
        (True, None),
        (7, 7),
    ],
)
def test_parse_id(raw: Any, expected: int | None) -> None:
    assert parse_id(raw) == expected


def test_parse_int_keeps_to_its_range() -> None:
    assert parse_int("-5") == -5
    assert parse_int("-5", low=0) is None
    assert parse_int("101", low=0, high=100) is None
    assert parse_int("100", low=0, high=100) == 100
    assert parse_int("-9223372036854775808") == -(2**63)
    assert parse_int("-9223372036854775809") is None


@given(st.text())
def test_parse_int_never_raises_and_reads_only_ascii_digits(raw: str) -> None:
    value = parse_int(raw)
    if value is not None:
        assert raw == str(value)


def _people_field(world: World, many: bool) -> Any:
    qs = Person.objects.filter(journey=world.journey)
    if many:
        return common_forms.ModelMultipleChoiceField(queryset=qs)
    return common_forms.ModelChoiceField(queryset=qs)


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["99999999999999999999999", "²", "١٢", "0", "-1", "abc"])
def test_choice_fields_refuse_what_cannot_be_an_id_without_a_query(
    world: World, bad: str, django_assert_num_queries: Any
) -> None:
    from django.core.exceptions import ValidationError

    for many, value in ((False, bad), (True, ["1", bad])):
        field = _people_field(world, many)
        with django_assert_num_queries(0), pytest.raises(ValidationError) as caught:
            field.clean(value)
        assert caught.value.code == ("invalid_pk_value" if many else "invalid_choice")


def test_nul_is_taken_out_of_the_query_and_the_form() -> None:
    seen: dict[str, Any] = {}

    def view(request: Any) -> Any:
        seen["get"] = request.GET.getlist("q")
        seen["post"] = dict(request.POST.lists())
        return None

    request = RequestFactory().post("/?q=a%00b&q=c", {"na\x00me": "Fr\x00an", "x": ["1", "2"]})
    StripNulMiddleware(view)(request)
    assert seen == {"get": ["ab", "c"], "post": {"name": ["Fran"], "x": ["1", "2"]}}


@pytest.mark.django_db
def test_a_nul_in_what_is_typed_is_taken_out_and_the_rest_is_kept(world: World) -> None:
    c = Client()
    c.force_login(world.facilitator)
    r = c.post(
        f"/j/{world.journey.slug}/agreement/definition/",
        {"text": "Working\x00 as equals.", "agreed_on": "2025-02-03"},
    )
    assert r.status_code == 302
    assert world.journey.definitions.first().text == "Working as equals."


def test_every_form_chooses_records_with_the_id_checking_fields() -> None:
    """Django's own ModelChoiceField hands a huge id to the database (a server error on SQLite):
    forms use common.forms' fields instead."""
    import re
    from pathlib import Path

    import powerwith

    root = Path(powerwith.__file__).parent
    own = root / "common" / "forms.py"
    django_field = re.compile(r"\b(?:forms|djforms)\.Model(?:Multiple)?ChoiceField\b")
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        if path != own
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if django_field.search(line)
    ]
    assert found == []
