"""Reference populations from CSV: every error by line and column, and nothing half-imported."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.inclusion import csvimport, services
from powerwith.inclusion.models import ReferencePopulation, ReferenceShare

GOOD = (
    "characteristic,category,share\nage_band,18_24,11.5\nage_band,25_34,88.5\ndisability,yes,22.1\n"
)


def _errors(text: str) -> list[str]:
    return [str(e) for e in csvimport.parse(text).errors]


def test_good_file_with_bom_blank_lines_labels_and_case() -> None:
    text = (
        '\ufeffCharacteristic, Category ,SHARE\n\nAge,18 to 24,11.5%\r\nage_band,25_34,"88,5"\n\n'
    )
    parsed = csvimport.parse(text)
    assert parsed.errors == []
    assert [(s.characteristic, s.category, s.share, s.line) for s in parsed.shares] == [
        ("age_band", "18_24", Decimal("11.50"), 3),
        ("age_band", "25_34", Decimal("88.50"), 4),
    ]
    assert parsed.warnings == []


def test_every_error_by_line_and_column() -> None:
    text = (
        "characteristic,category,share\n"
        "age_band,18_24,11.5\n"  # 2 fine
        "age,teen,5\n"  # 3 bad category
        "wealth,rich,5\n"  # 4 bad characteristic
        "disability,yes,lots\n"  # 5 not a number
        "disability,no,120\n"  # 6 over 100
        "caring,yes,-3\n"  # 7 negative
        "age_band,18_24,12\n"  # 8 duplicate of line 2
        "lgbt,yes\n"  # 9 too few columns
        "\n"  # 10 blank: skipped
        "online,no,\n"  # 11 empty share
        "ethnicity,prefer_not,2\n"  # 12 "prefer not to say" is not a reference group
    )
    assert _errors(text) == [
        "Line 3, column \u201ccategory\u201d: \u201cteen\u201d is not a group of \u201cage_band\u201d. "
        "Use one of: under_18, 18_24, 25_34, 35_49, 50_64, 65_74, 75_plus.",
        "Line 4, column \u201ccharacteristic\u201d: \u201cwealth\u201d is not a characteristic we "
        "know. Use one of: age_band, disability, ethnicity, income, caring, online, lgbt, "
        "first_language.",
        "Line 5, column \u201cshare\u201d: \u201clots\u201d is not a number. Enter a share like 12.5.",
        "Line 6, column \u201cshare\u201d: A share must be between 0 and 100 (per cent); "
        "\u201c120\u201d is not.",
        "Line 7, column \u201cshare\u201d: A share must be between 0 and 100 (per cent); "
        "\u201c-3\u201d is not.",
        "Line 8, column \u201ccategory\u201d: \u201cage_band, 18_24\u201d is already on line 2. "
        "Keep one of them.",
        "Line 9: Each line needs 3 values (characteristic, category, share); this one has 2.",
        "Line 11, column \u201cshare\u201d: Enter the share.",
        "Line 12, column \u201ccategory\u201d: \u201cprefer_not\u201d is not a group of "
        "\u201cethnicity\u201d. Use one of: asian, black, mixed, white, other.",
    ]


def test_wrong_header() -> None:
    assert _errors("group,share\nage_band,18_24\n") == [
        "Line 1: The first line must be the header \u201ccharacteristic,category,share\u201d (or "
        "\u201ccharacteristic,category,count\u201d), not \u201cgroup,share\u201d."
    ]


def test_empty_and_header_only() -> None:
    assert _errors("") == ["The file is empty. It needs a header line and at least one row."]
    assert _errors("\ufeff\n\n") == [
        "The file is empty. It needs a header line and at least one row."
    ]
    assert _errors("characteristic,category,share\n") == [
        "The file has a header but no rows of figures."
    ]


def test_shares_over_100_rejected_under_100_warned() -> None:
    over = "characteristic,category,share\ndisability,yes,60\ndisability,no,41\n"
    assert _errors(over) == [
        "Line 3, column \u201cshare\u201d: The shares for \u201cDisability or long-term "
        "condition\u201d add up to 101.00%, which is more than 100%. Check them."
    ]
    # within half a point of 100 (rounding in published tables) is fine
    assert _errors("characteristic,category,share\ndisability,yes,60.3\ndisability,no,40\n") == []
    under = csvimport.parse("characteristic,category,share\ndisability,yes,22\n")
    assert under.errors == []
    assert under.warnings == [
        "The shares for \u201cDisability or long-term condition\u201d add up to 22.00%, not 100%. "
        "The groups you left out are not compared."
    ]


def test_counts_become_shares() -> None:
    parsed = csvimport.parse(
        "characteristic,category,count\ncaring,yes,1,200\ncaring,no,4800\n".replace(
            "1,200", '"1,200"'
        )
    )
    assert parsed.errors == []
    assert [(s.category, s.share, s.count) for s in parsed.shares] == [
        ("yes", Decimal("20.00"), 1200),
        ("no", Decimal("80.00"), 4800),
    ]
    assert _errors("characteristic,category,count\ncaring,yes,1.5\n") == [
        "Line 2, column \u201ccount\u201d: \u201c1.5\u201d is not a whole number of people. "
        "Enter a count like 1250."
    ]
    assert _errors("characteristic,category,count\ncaring,yes,0\ncaring,no,0\n") == [
        "Line 3, column \u201ccount\u201d: The counts for \u201ccaring\u201d add up to 0, so there "
        "are no shares to work out."
    ]


def test_not_utf8_and_too_big() -> None:
    text, error = csvimport.decode(b"characteristic,category,share\nethnicity,white,\xff9\n")
    assert text is None and str(error) == (
        "Line 2: This line has characters we cannot read. Save the file as \u201cCSV UTF-8\u201d "
        "and try again."
    )
    _text, error = csvimport.decode(b"x" * (csvimport.MAX_BYTES + 1))
    assert "too big" in str(error)


def test_service_imports_everything_or_nothing(world) -> None:
    data = (GOOD + "caring,maybe,3\n").encode()
    with pytest.raises(ValidationError) as exc:
        services.reference_import_csv(
            actor=world.facilitator,
            journey=world.journey,
            name="Borough",
            source="Census",
            data=data,
        )
    assert exc.value.message_dict["file"] == [
        "Line 5, column \u201ccategory\u201d: \u201cmaybe\u201d is not a group of \u201ccaring\u201d. "
        "Use one of: yes, no."
    ]
    assert not ReferencePopulation.objects.exists() and not ReferenceShare.objects.exists()

    population, warnings = services.reference_import_csv(
        actor=world.facilitator,
        journey=world.journey,
        name="Borough",
        source="Census",
        data=GOOD.encode(),
    )
    assert sorted((s.characteristic, s.category, s.share) for s in population.shares.all()) == [
        ("age_band", "18_24", Decimal("11.50")),
        ("age_band", "25_34", Decimal("88.50")),
        ("disability", "yes", Decimal("22.10")),
    ]
    assert len(warnings) == 1 and "Disability" in warnings[0]
    assert AuditEntry.objects.filter(action="reference_import_csv").count() == 1


def test_service_needs_a_source_and_a_manager(world) -> None:
    with pytest.raises(ValidationError) as exc:
        services.reference_import_csv(
            actor=world.facilitator,
            journey=world.journey,
            name="Borough",
            source=" ",
            data=GOOD.encode(),
        )
    assert "source" in exc.value.message_dict
    from powerwith.common.access import NotAllowed

    with pytest.raises(NotAllowed):
        services.reference_import_csv(
            actor=world.member, journey=world.journey, name="B", source="C", data=GOOD.encode()
        )


def test_import_page_shows_errors_and_keeps_input(world, client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.facilitator)
    url = reverse("inclusion:reference_import", kwargs={"slug": world.journey.slug})
    page = client.get(url)
    assert page.status_code == 200 and "characteristic,category,share" in page.content.decode()
    bad = SimpleUploadedFile("ref.csv", b"characteristic,category,share\nage_band,18_24,abc\n")
    r = client.post(
        url,
        {"name": "Borough residents", "source": "Census", "compare_with": "lived", "file": bad},
    )
    body = r.content.decode()
    assert r.status_code == 400
    assert "Line 2, column \u201cshare\u201d: \u201cabc\u201d is not a number." in body
    assert 'value="Borough residents"' in body
    assert not ReferencePopulation.objects.exists()
    r = client.post(url, {"name": "Borough", "source": "Census", "compare_with": "lived"})
    assert r.status_code == 400 and "Choose a CSV file to import." in r.content.decode()
    good = SimpleUploadedFile("ref.csv", GOOD.encode("utf-8-sig"))
    r = client.post(
        url, {"name": "Borough", "source": "Census", "compare_with": "lived", "file": good}
    )
    assert r.status_code == 302
    assert ReferenceShare.objects.count() == 3


@pytest.mark.parametrize("bad", ["²", "١٢", "99999999999", "-5"])
def test_a_count_that_is_not_a_plain_whole_number_is_an_error_not_a_crash(bad: str) -> None:
    # "²" passes str.isdigit() but int() refuses it; "١٢" int() reads as 12; 99999999999 is
    # more than the count column holds on PostgreSQL.
    assert _errors(f"characteristic,category,count\ncaring,yes,{bad}\ncaring,no,10\n") == [
        f"Line 2, column \u201ccount\u201d: \u201c{bad}\u201d is not a whole number of people. "
        "Enter a count like 1250."
    ]
