"""The shared cache's configuration: `migrate` makes its table on a new database (so no
deployment can forget it), and POWERWITH_CACHE_URL moves it to Valkey/Redis."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def _run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("POWERWITH_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        env={
            **base,
            "POWERWITH_HOME": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "powerwith.config.settings.dev",
            **env,
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.once
def test_migrate_makes_the_cache_table(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    r = _run(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0)",
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(tmp_path / "var" / "powerwith.sqlite3")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "powerwith_cache" in tables


@pytest.mark.once
def test_a_cache_url_moves_the_cache_to_redis(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.core.cache import caches; "
        "cache = caches['default']; print(type(cache).__module__, type(cache).__name__)"
    )
    r = _run(code, tmp_path)
    assert r.stdout.strip() == "powerwith.common.cache DatabaseCache", r.stderr
    r = _run(code, tmp_path, POWERWITH_CACHE_URL="redis://cache.internal:6379/0")
    assert r.stdout.strip() == "django_redis.cache RedisCache", r.stderr
