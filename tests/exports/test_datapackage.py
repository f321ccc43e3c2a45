"""The journey as a Frictionless data package (``powerwith.datapackage``, docs/data-package.md):
both forms validate with the ``frictionless`` library, the public one holds nothing personal,
a full package imported into an empty place gives the same figures and exports to the same
package again, and a bad package is refused whole."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from frictionless import validate

from powerwith import datapackage
from powerwith.cli import main
from powerwith.common import files
from powerwith.contributions.models import Contribution
from powerwith.contributions.services import contribution_set_public
from powerwith.gatherings.models import Gathering
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.reflection.models import AnonymousAnswer
from powerwith.stories.models import StoryFile
from tests.conftest import World, client_for
from tests.demo_snapshot import load_demo

# Every test may touch the database (the module's packages are written in a transaction that is
# rolled back); marking them all lets pytest-django set the database up whichever runs first.
pytestmark = pytest.mark.django_db

SLUG = "better-breast-care"
# The ids the database gives (remapped by an import; the package's keys are not) and the time
# the document was made.
VOLATILE = {"generated_at", "id", "round"}


@dataclass
class Made:
    full: Path
    public: Path
    organisation: Path
    names: list[str]
    unpublished: list[str]
    anonymous: list[str]


@pytest.fixture(scope="module")
def made(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Made:
    """The demo's packages, written once for the module's read-only tests (then rolled back)."""
    root = tmp_path_factory.mktemp("packages")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        journey = Journey.objects.get(slug=SLUG)
        # One contribution kept off the public page, by its facilitator, through the service.
        kept = Contribution.objects.filter(journey=journey, off_public=False).exclude(text="")
        first = kept.order_by("pk").first()
        assert first is not None
        facilitator = journey.memberships.filter(role="facilitator").first()
        assert facilitator is not None
        contribution_set_public(actor=facilitator.user, contribution=first, off_public=True)
        datapackage.write([journey], root / "full")
        datapackage.write([journey], root / "public", public=True)
        assert journey.host is not None
        datapackage.write(list(Journey.objects.filter(host=journey.host)), root / "org")
        made = Made(
            root / "full",
            root / "public",
            root / "org",
            names=list(Person.objects.filter(journey=journey).values_list("name", flat=True)),
            unpublished=[
                *Contribution.objects.filter(journey=journey, off_public=True)
                .exclude(text="")
                .values_list("text", flat=True),
                *Gathering.objects.filter(journey=journey)
                .exclude(notes="")
                .values_list("notes", flat=True),
            ],
            anonymous=list(
                AnonymousAnswer.objects.filter(answer_set__round__journey=journey)
                .exclude(text="")
                .values_list("text", flat=True)
            ),
        )
        transaction.set_rollback(True)
    return made


def _rows(package: Path, name: str) -> list[dict[str, str]]:
    with open(package / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _all_text(package: Path) -> str:
    paths = [package / "datapackage.json", *sorted((package / "data").glob("*.csv"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


@pytest.mark.parametrize("form", ["full", "public", "organisation"])
def test_each_form_validates_with_frictionless(made: Made, form: str) -> None:
    report = validate(str(getattr(made, form) / "datapackage.json"))
    problems = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors][:10]
    assert report.valid, problems
    # Foreign keys were really checked: the descriptor declares them.
    desc = json.loads((getattr(made, form) / "datapackage.json").read_text())
    fks = {r["name"]: r["schema"].get("foreignKeys", []) for r in desc["resources"]}
    assert {
        "fields": ["gathering"],
        "reference": {"resource": "gatherings.gathering", "fields": ["id"]},
    } in fks["gatherings.attendance"]


def test_every_table_and_field_is_described(made: Made) -> None:
    desc = json.loads((made.full / "datapackage.json").read_text())
    assert desc["powerwith"]["form"] == "full"
    for res in desc["resources"]:
        assert res["description"].strip(), res["name"]
        for f in res["schema"]["fields"]:
            assert f["description"].strip(), (res["name"], f["name"])
    people = next(r for r in desc["resources"] if r["name"] == "people.person")["schema"]
    role = next(f for f in people["fields"] if f["name"] == "role")
    assert role["constraints"]["required"] is True
    assert "service_user" in role["constraints"]["enum"]
    assert people["primaryKey"] == ["id"]
    contributions = next(r for r in desc["resources"] if r["name"] == "contributions.contribution")[
        "schema"
    ]
    kind = next(f for f in contributions["fields"] if f["name"] == "kind")
    assert kind["type"] == "string"
    assert kind["constraints"] == {"enum": ["praise", "problem"]}
    assert kind["description"].startswith("Praise or problem: praise when it says something")


def test_both_forms_say_which_contributions_are_praise(made: Made) -> None:
    for package in (made.full, made.public):
        kinds = {row["kind"] for row in _rows(package, "contributions.contribution")}
        assert kinds == {"praise", "problem", ""}, package


def test_the_full_form_holds_names_and_the_public_form_none(made: Made) -> None:
    full = {r["name"] for r in _rows(made.full, "people.person")}
    assert {"Rosa", "Patricia", "Anil"} <= full
    public_people = _rows(made.public, "people.person")
    assert len(public_people) == len(full)
    for column in ("name", "contact", "left_reason", "network_key"):
        assert column in _rows(made.full, "people.person")[0]
        assert column not in public_people[0]
    text = _all_text(made.public)
    for name in made.names:
        assert f",{name}," not in text and f"\n{name}," not in text, name


def test_the_public_form_has_no_unpublished_words_and_no_anonymous_answers(made: Made) -> None:
    assert made.unpublished and made.anonymous  # the demo has both, so the test can fail
    full = _all_text(made.full)
    public = _all_text(made.public)
    for words in made.unpublished + made.anonymous:
        assert words in full or words.replace('"', '""') in full
        assert words not in public and words.replace('"', '""') not in public, words
    names = {
        r["name"] for r in json.loads((made.public / "datapackage.json").read_text())["resources"]
    }
    assert "reflection.anonymousanswer" not in names
    assert "decisions.ballotpaper" not in names
    assert "inclusion.profile" not in names
    # Statement rounds' votes, the latest and the history with its times, stay in the full
    # form only: nothing in the public one ties a vote to a participant.
    for table in ("commonground.participant", "commonground.response", "commonground.vote"):
        assert table not in names, table
    history = _rows(made.full, "commonground.vote")
    assert len(history) >= len(_rows(made.full, "commonground.response")) > 0
    assert {"participant", "statement", "vote", "cast_at"} <= set(history[0])
    # Personal characteristics only as the export's suppressed counts.
    assert "summary.inclusion_representation" in names


def test_the_organisation_package_holds_each_of_its_journeys(made: Made) -> None:
    slugs = [r["slug"] for r in _rows(made.organisation, "journeys.journey")]
    assert SLUG in slugs
    desc = json.loads((made.organisation / "datapackage.json").read_text())
    assert desc["powerwith"]["journeys"] == sorted(slugs) or set(
        desc["powerwith"]["journeys"]
    ) == set(slugs)


def _figures(journey: Journey) -> Any:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: strip(v) for k, v in value.items() if k not in VOLATILE and not k.endswith("_id")
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(json.dumps(insights_for(journey, Period()), default=str)))


@pytest.mark.django_db
def test_a_journey_comes_back_whole(
    tmp_path: Path, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Export, delete the journey, import: the same figures, and the same package again."""
    load_demo()
    journey = Journey.objects.get(slug=SLUG)
    people = Person.objects.filter(journey=journey).count()
    before = _figures(journey)
    assert main(["export", SLUG, "--package", str(tmp_path / "first")]) == 0
    stored = list(StoryFile.objects.filter(story__journey=journey).values_list("name", flat=True))
    assert stored  # the demo's stories have recordings and photos
    contents = {name: default_storage.open(name).read() for name in stored}
    for name in stored:  # as on another server: the files are not there
        files.discard(name)
    journey.delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["import", str(tmp_path / "first")]) == 0
    assert {name: default_storage.open(name).read() for name in stored} == contents
    assert f"Imported {SLUG}" in capsys.readouterr().out
    again = Journey.objects.get(slug=SLUG)
    assert Person.objects.filter(journey=again).count() == people
    assert not Person.objects.filter(journey=again, user__isnull=False).exists()
    assert _figures(again) == before
    datapackage.write([again], tmp_path / "second")
    first = sorted(p.relative_to(tmp_path / "first") for p in (tmp_path / "first").rglob("*.*"))
    second = sorted(p.relative_to(tmp_path / "second") for p in (tmp_path / "second").rglob("*.*"))
    assert first == second
    for name in first:
        assert (tmp_path / "first" / name).read_bytes() == (
            tmp_path / "second" / name
        ).read_bytes(), name


@pytest.mark.django_db
def test_a_taken_slug_is_refused(made: Made, capsys: Any) -> None:
    load_demo()
    assert main(["import", str(made.full)]) == 1
    err = capsys.readouterr().err
    assert f"there is already a journey called \u201c{SLUG}\u201d here" in err
    assert "nothing was written" in err
    assert Journey.objects.filter(slug=SLUG).count() == 1


def _broken(made: Made, tmp_path: Path) -> Path:
    copy = tmp_path / "broken"
    shutil.copytree(made.full, copy)
    return copy


def _edit(path: Path, row: int, column: str, value: str) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    lines[row - 1][lines[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(lines)


@pytest.mark.django_db
def test_a_bad_package_is_refused_whole_with_each_problem(made: Made, tmp_path: Path) -> None:
    bad = _broken(made, tmp_path)
    _edit(bad / "data/gatherings.attendance.csv", 2, "gathering", "99999")  # broken link
    _edit(bad / "data/gatherings.speakingturn.csv", 3, "seconds", "ten")  # bad type
    _edit(bad / "data/people.person.csv", 4, "role", "king")  # not a code
    (bad / "data/stories.feeling.csv").unlink()  # missing file
    desc = json.loads((bad / "datapackage.json").read_text())
    wrong = next(r for r in desc["resources"] if r["name"] == "budgets.budget")
    wrong["schema"]["fields"][1]["name"] = "renamed"  # schema mismatch
    (bad / "datapackage.json").write_text(json.dumps(desc))
    with pytest.raises(datapackage.PackageError) as caught:
        datapackage.package_import(directory=bad)
    problems = caught.value.problems
    assert (
        "data/gatherings.attendance.csv, row 2, field gathering: it points at 99999, which is "
        "not in data/gatherings.gathering.csv."
    ) in problems
    assert (
        "data/gatherings.speakingturn.csv, row 3, field seconds: \u201cten\u201d is not a whole number."
        in problems
    )
    assert any(
        p.startswith(
            "data/people.person.csv, row 4, field role: \u201cking\u201d is not one of its codes"
        )
        for p in problems
    )
    assert "data/stories.feeling.csv: the file is missing." in problems
    assert any(
        p.startswith("data/budgets.budget.csv: its schema's fields are id, renamed,")
        for p in problems
    )
    assert len(problems) == 5, problems
    assert not Journey.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_public_package_is_not_imported(made: Made) -> None:
    with pytest.raises(datapackage.PackageError) as caught:
        datapackage.package_import(directory=made.public)
    assert "only a full package can be imported" in caught.value.problems[0]


@pytest.mark.django_db
def test_the_export_page_offers_both_packages(world: World) -> None:
    client = client_for(world.facilitator)
    page = client.get(f"/j/{world.journey.slug}/export/")
    assert 'href="?format=package"' in page.content.decode()
    assert 'href="?format=public"' in page.content.decode()
    full = client.get(f"/j/{world.journey.slug}/export/?format=package")
    assert full["Content-Type"] == "application/zip"
    assert "-full-package-" in full["Content-Disposition"]
    public = client.get(f"/j/{world.journey.slug}/export/?format=public")
    assert "-public-package-" in public["Content-Disposition"]
    assert (
        client_for(world.member).get(f"/j/{world.journey.slug}/export/?format=public").status_code
        == 403
    )


@pytest.mark.django_db
def test_import_names_an_existing_account_as_facilitator(made: Made, capsys: Any) -> None:
    from powerwith.common.models import AuditEntry
    from powerwith.journeys.models import Membership
    from tests.conftest import make_user

    load_demo()
    Journey.objects.get(slug=SLUG).delete()
    # No such account: refused before anything is read, nothing imported.
    assert main(["import", str(made.full), "--facilitator", "nobody@example.org"]) == 1
    err = capsys.readouterr().err
    assert "No account here uses \u201cnobody@example.org\u201d, so nothing was imported." in err
    assert not Journey.objects.filter(slug=SLUG).exists()

    fay = make_user("fay@example.org", "Fay")
    assert main(["import", str(made.full), "--facilitator", "FAY@example.org"]) == 0
    assert f"Imported {SLUG}" in capsys.readouterr().out
    journey = Journey.objects.get(slug=SLUG)
    assert list(Membership.objects.filter(journey=journey).values_list("user", "role")) == [
        (fay.pk, "facilitator")
    ]
    line = AuditEntry.objects.filter(journey=journey).order_by("-id").first()
    assert line is not None and line.action == "membership_add" and line.actor is None
    assert line.summary == f"{fay} as facilitator, named when the journey was imported"
    assert client_for(fay).get(f"/j/{SLUG}/people/").status_code == 200
