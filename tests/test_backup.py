"""``powerwith backup`` and ``powerwith restore``: a restored site is the same site.

The round trip loads the demo, takes a backup, empties the database, restores it, and finds
every journey's figures (the insights JSON) and its export byte for byte the same, every row
back with its own id, and new rows numbered after the restored ones. The refusals check that
a damaged backup, a backup from another version and a database that is not empty are each
refused with a plain reason before anything is written.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from powerwith import backup, exports
from powerwith.cli import main
from powerwith.contributions.models import Contribution
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from tests import demo_snapshot
from tests.conftest import build_world


def _figures() -> dict[str, Any]:
    out = {}
    for journey in Journey.objects.order_by("slug"):
        doc = insights_for(journey)
        doc.pop("generated_at")
        out[journey.slug] = json.dumps(doc, sort_keys=True, default=str)
    return out


def _exports() -> dict[str, dict[str, Any]]:
    """Every file of every journey's export (the JSON without the moment it was made)."""
    out = {}
    for journey in Journey.objects.order_by("slug"):
        with zipfile.ZipFile(io.BytesIO(exports.build_zip(journey))) as zf:
            files: dict[str, Any] = {n: zf.read(n) for n in zf.namelist()}
        for name in files:
            if name.endswith(".json"):
                files[name] = json.loads(files[name])
                assert files[name].pop("exported_at")
        out[journey.slug] = files
    return out


def _empty_the_database() -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert not Journey.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db(transaction=True)
def test_restore_gives_back_the_same_site() -> None:
    demo_snapshot.load_demo()
    figures, exported = _figures(), _exports()
    people = dict(Person.objects.values_list("pk", "name"))
    users = sorted(get_user_model().objects.values_list("pk", "username", "password"))
    highest = Contribution.objects.order_by("-pk").values_list("pk", flat=True).first()
    from django.core.files.storage import default_storage

    from powerwith.reports.models import BoardReport
    from powerwith.stories.models import StoryFile

    # Stories' recordings and board reports' PDFs are kept through common.files (their rows
    # hold the storage's name, not a FileField): a backup must carry them too.
    names = [*StoryFile.objects.values_list("name", flat=True)]
    names += BoardReport.objects.exclude(file_name="").values_list("file_name", flat=True)
    stored = {n: default_storage.open(n, "rb").read() for n in names}
    assert len(stored) == StoryFile.objects.count() + 3  # the demo's three board reports
    buf = io.BytesIO()
    manifest = backup.write_backup(buf)
    assert manifest["rows"]["journeys.journey"] == 3
    assert manifest["rows"]["people.person"] == len(people)
    assert "sessions.session" not in manifest["rows"]
    assert "contenttypes.contenttype" not in manifest["rows"]

    _empty_the_database()
    for name in stored:  # a new machine: empty storage as well
        default_storage.delete(name)
    buf.seek(0)
    backup.restore_backup(buf)
    assert {n: default_storage.open(n, "rb").read() for n in stored} == stored

    assert dict(Person.objects.values_list("pk", "name")) == people
    assert sorted(get_user_model().objects.values_list("pk", "username", "password")) == users
    assert _figures() == figures
    assert _exports() == exported
    # New rows come after the restored ones (PostgreSQL's sequences were moved on).
    journey = Journey.objects.get(slug="better-breast-care")
    facilitator = journey.memberships.filter(role="facilitator").first()
    assert facilitator is not None
    from powerwith.contributions import services as contribution_services

    made = contribution_services.contribution_create(
        actor=facilitator.user,
        journey=journey,
        text="After the restore",
        channel="online",
        anonymous=True,
    )
    assert highest is not None and made.pk > highest


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data() -> None:
    build_world()
    buf = io.BytesIO()
    backup.write_backup(buf)
    before = Journey.objects.count()
    buf.seek(0)
    with pytest.raises(backup.BackupError, match="already holds data"):
        backup.restore_backup(buf)
    assert Journey.objects.count() == before


def _tampered(buf: io.BytesIO, change: Any) -> io.BytesIO:
    """A copy of the backup with ``change(name, data) -> data`` applied to each member."""
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, change(name, src.read(name)))
    out.seek(0)
    return out


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_or_foreign_backup() -> None:
    build_world()
    buf = io.BytesIO()
    backup.write_backup(buf)
    _empty_the_database()

    damaged = _tampered(
        buf,
        lambda name, data: (
            data.replace(b"Better breast care", b"Worse breast care")
            if name == "data/journeys.journey.jsonl"
            else data
        ),
    )
    with pytest.raises(backup.BackupError, match=r"journeys\.journey\.jsonl does not match"):
        backup.restore_backup(damaged)

    def older(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"].append(["journeys", "9999_from_the_future"])
        return json.dumps(manifest).encode()

    with pytest.raises(backup.BackupError, match=r"Only in the backup: journeys\.9999"):
        backup.restore_backup(_tampered(buf, older))

    with pytest.raises(backup.BackupError, match="not a ZIP file"):
        backup.restore_backup(io.BytesIO(b"hello"))
    assert not Journey.objects.exists()

    buf.seek(0)
    backup.restore_backup(buf)
    assert Journey.objects.get().title == "Better breast care"


@pytest.mark.django_db(transaction=True)
def test_the_commands(tmp_path: Path, capsys: Any) -> None:
    build_world()
    path = tmp_path / "site.zip"
    assert main(["backup", str(path)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert main(["restore", str(path)]) == 1
    assert "Nothing was restored. The database already holds data" in capsys.readouterr().err
    _empty_the_database()
    assert main(["restore", str(path)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "missing.zip")]) == 2
