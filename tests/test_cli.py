"""The `powerwith` command: demo, journeys, export."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from powerwith import cli
from powerwith.demo import loader
from powerwith.journeys import services as journey_services
from powerwith.organisations import services as organisation_services
from tests.conftest import World, make_user

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake_demo(monkeypatch: Any) -> list[tuple[Any, ...]]:
    """Stand-ins for migrate, the loader and runserver, recording what the command asked for."""
    calls: list[tuple[Any, ...]] = []
    summary = loader.DemoSummary(
        facilitator_email=loader.FACILITATOR_EMAIL, password=loader.DEMO_PASSWORD
    )
    monkeypatch.setattr(cli, "migrate", lambda verbosity=0: calls.append(("migrate",)))
    monkeypatch.setattr(loader, "load_demo", lambda: calls.append(("load",)) or summary)
    import django.core.management

    monkeypatch.setattr(
        django.core.management,
        "call_command",
        lambda *a, **kw: calls.append(("call_command", *a, tuple(sorted(kw.items())))),
    )
    return calls


def test_demo_no_serve_loads_and_prints_the_sign_in(fake_demo: list[Any], capsys: Any) -> None:
    assert cli.main(["demo", "--no-serve"]) == 0
    assert fake_demo == [("migrate",), ("load",)]
    out = capsys.readouterr().out
    assert "Sign in as facilitator@demo.powerwith.invalid with password: powerwith-demo" in out


def test_demo_serves_on_the_port_asked_for(
    fake_demo: list[Any], capsys: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("PORT", "8123")
    assert cli.main(["demo"]) == 0
    assert fake_demo[-1] == (
        "call_command",
        "runserver",
        "127.0.0.1:8123",
        # Debug is off in the demo, so Django serves the CSS and scripts only when asked to.
        (("insecure_serving", True), ("use_reloader", False)),
    )
    assert cli.main(["demo", "--port", "9001"]) == 0
    assert fake_demo[-1][2] == "127.0.0.1:9001"
    out = capsys.readouterr().out
    assert "PowerWith demo at http://127.0.0.1:9001/" in out
    assert "Sign in as facilitator@demo.powerwith.invalid with password: powerwith-demo" in out


def test_demo_prints_its_public_pages(fake_demo: list[Any], capsys: Any, monkeypatch: Any) -> None:
    summary = loader.DemoSummary(
        facilitator_email=loader.FACILITATOR_EMAIL,
        password=loader.DEMO_PASSWORD,
        journeys=[loader.JourneySummary("better-breast-care", "Better breast care", 0, 0, 0, 0)],
    )
    monkeypatch.setattr(loader, "load_demo", lambda: summary)
    assert cli.main(["demo", "--port", "9001"]) == 0
    out = capsys.readouterr().out
    assert (
        "Public \u201cyou said, we did\u201d pages (no sign-in needed):\n"
        "  http://127.0.0.1:9001/p/better-breast-care/you-said-we-did/\n"
    ) in out


@pytest.mark.django_db
def test_journeys_prints_slug_first(world: World, capsys: Any) -> None:
    other = make_user("ada@example.org")
    council = organisation_services.organisation_create(actor=other, name="Council")
    journey_services.journey_create(
        actor=other, title="Northfield", host=council, slug="northfield"
    )
    assert cli.main(["journeys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{world.journey.slug}\tBetter breast care\t",
        "northfield\tNorthfield\tCouncil",
    ]


@pytest.mark.django_db
def test_export_writes_the_zip(world: World, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "record.zip"
    assert cli.main(["export", world.journey.slug, "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}
    assert {"README.txt", "people.csv", "contributions.csv", f"{world.journey.slug}.json"} <= names
    assert world.journey.audit_entries.filter(action="journey_export", actor=None).exists()


@pytest.mark.django_db
def test_export_unknown_journey(capsys: Any) -> None:
    assert cli.main(["export", "no-such-journey"]) == 2
    assert "No journey called \u201cno-such-journey\u201d" in capsys.readouterr().err


@pytest.mark.once  # its own SQLite file, whatever DATABASE_URL says
def test_demo_on_a_fresh_database(tmp_path: Path) -> None:
    """The console script end to end, as `make demo` runs it, on an empty SQLite file."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "powerwith.config.settings.dev",
        "DATABASE_URL": "",
        "POWERWITH_VAR": str(tmp_path),
        "POWERWITH_HOME": str(tmp_path),
    }
    script = Path(sys.executable).with_name("powerwith")
    began = time.monotonic()
    done = subprocess.run(
        [str(script), "demo", "--no-serve"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.monotonic() - began
    assert done.returncode == 0, done.stderr
    assert "better-breast-care: Better breast care" in done.stdout
    assert "northfield-together: Northfield Together" in done.stdout
    assert "Sign in as facilitator@demo.powerwith.invalid with password: powerwith-demo" in (
        done.stdout
    )
    assert (tmp_path / "powerwith.sqlite3").exists()
    # The migrations made the shared cache's table (a migration of common's, not a command).
    db = sqlite3.connect(tmp_path / "powerwith.sqlite3")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    assert "powerwith_cache" in tables
    listing = subprocess.run(
        [str(script), "journeys"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == [
        "better-breast-care",
        "clearer-clinic-letters",
        "northfield-together",
    ]
    print(f"powerwith demo --no-serve on a fresh SQLite: {seconds:.1f} s")
