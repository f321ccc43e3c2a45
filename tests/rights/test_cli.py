"""`powerwith rights export` and `powerwith rights retention`."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from powerwith import cli
from powerwith.common.models import AuditEntry
from powerwith.journeys.models import Journey
from powerwith.people import services as people_services
from tests.conftest import World
from tests.rights.helpers import zip_texts


def test_the_officer_exports_one_person(world: World, tmp_path: Path, capsys: Any) -> None:
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Persephone",
        role="carer",
        joined_on=datetime.date(2025, 1, 6),
    )
    out = tmp_path / "copy.zip"
    args = ["rights", "export", "--journey", world.journey.slug, "--person", str(person.pk)]
    assert cli.main([*args, "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    files = {n.split("/", 1)[1]: t for n, t in zip_texts(out.read_bytes()).items()}
    assert files["register-entry.csv"].splitlines()[1].startswith("Better breast care,Persephone,")
    line = AuditEntry.objects.get(action="subject_access")
    assert (line.actor, line.summary) == (
        None,
        f"Made a copy of what we hold about register entry {person.pk} (from the command line)",
    )
    assert cli.main(["rights", "export", "--journey", "nope", "--person", "1", "--out", "x"]) == 2
    assert "No person 1 in a journey called \u201cnope\u201d" in capsys.readouterr().err


def test_retention_dry_run_changes_nothing(world: World, capsys: Any) -> None:
    Journey.objects.filter(pk=world.journey.pk).update(ended_on=datetime.date(2020, 1, 1))
    people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Persephone",
        role="carer",
        joined_on=datetime.date(2019, 1, 6),
    )
    assert cli.main(["rights", "retention", "--dry-run"]) == 0
    assert capsys.readouterr().out == (
        f"{world.journey.slug}: would erase the personal data of 1 entry\n"
    )
    assert not AuditEntry.objects.filter(action="person_erase").exists()
    assert cli.main(["rights", "retention"]) == 0
    assert capsys.readouterr().out == f"{world.journey.slug}: erased the personal data of 1 entry\n"
    assert AuditEntry.objects.filter(action="person_erase").count() == 1
