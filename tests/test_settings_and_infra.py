"""The settings and the project's plumbing: production refuses unsafe configuration and passes
Django's deployment checks, static files collect, migrations match the models, the test tree
is importable, and the `powerwith` command is wired up."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def django_admin(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("POWERWITH_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**base, "POWERWITH_HOME": str(tmp_path), **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


PROD = {
    "DJANGO_SETTINGS_MODULE": "powerwith.config.settings.prod",
    "POWERWITH_ALLOWED_HOSTS": "powerwith.example.org",
}


@pytest.mark.once
def test_production_refuses_the_development_key(tmp_path: Path) -> None:
    r = django_admin(["check"], tmp_path, **PROD)
    assert r.returncode != 0
    assert "Set POWERWITH_SECRET_KEY for production." in r.stderr


@pytest.mark.once
def test_production_passes_the_deployment_checks(tmp_path: Path) -> None:
    key = secrets.token_urlsafe(50)
    r = django_admin(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        POWERWITH_SECRET_KEY=key,
        **PROD,
    )
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.once
def test_production_static_files_collect(tmp_path: Path) -> None:
    """The manifest storage fails on a stylesheet pointing at a file that does not exist."""
    r = django_admin(
        ["collectstatic", "--noinput", "-v", "0"],
        tmp_path,
        POWERWITH_SECRET_KEY=secrets.token_urlsafe(50),
        **PROD,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists()
    assert (tmp_path / "staticfiles" / "powerwith" / "app.css").exists()


@pytest.mark.once
def test_an_empty_database_url_means_the_embedded_sqlite(tmp_path: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        env={
            **os.environ,
            "DATABASE_URL": "",
            "DJANGO_SETTINGS_MODULE": "powerwith.config.settings.dev",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.stdout.strip() == "django.db.backends.sqlite3", r.stderr


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"models changed without a migration (makemigrations --check: {exc.code})")


@pytest.mark.once
def test_every_test_folder_is_a_package() -> None:
    """Without __init__.py, two test files with the same name in different folders clash."""
    missing = [
        str(d.relative_to(ROOT))
        for d in (ROOT / "tests").rglob("*")
        if d.is_dir() and d.name != "__pycache__" and any(d.glob("test_*.py"))
        if not (d / "__init__.py").exists()
    ]
    assert not missing, f"add __init__.py to: {', '.join(missing)}"


@pytest.mark.once
def test_the_powerwith_command_lists_its_commands(capsys: Any) -> None:
    from powerwith.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("demo", "journeys", "manage"):
        assert name in out


@pytest.mark.django_db
def test_powerwith_journeys_prints_the_slug_first(world: Any, capsys: Any) -> None:
    from powerwith.cli import main

    assert main(["journeys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [world.journey.slug]


def test_the_gunicorn_settings_preload_the_app_and_freeze_it_for_the_collector() -> None:
    import gc

    from powerwith.config import gunicorn_conf

    assert gunicorn_conf.preload_app is True
    assert gunicorn_conf.wsgi_app == "powerwith.config.wsgi:application"
    gc.unfreeze()
    try:
        gunicorn_conf.when_ready(server=None)
        assert gc.get_freeze_count() > 1000  # Django and the apps, loaded by now
    finally:
        gc.unfreeze()
