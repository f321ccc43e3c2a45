"""The shared cache's configuration: `migrate` makes its table on a new database (so no
deployment can forget it), and POWERWITH_CACHE_URL moves it to Valkey/Redis."""

from __future__ import annotations

import os
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


# That `migrate` makes the cache's table is checked by `powerwith demo` on a fresh database
# (tests/test_cli.py), which migrates a fresh file anyway.


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
