"""A new, empty database for a test of one data migration.

A migration test used to take the test database back to the migration before the one it
checks and then forward again to the latest: Django unapplies every later migration of every
app on the way down and applies them all again on the way up, about a minute and a half of each
suite for each such test. On an empty database, going forward to the migration before takes a
handful of migrations (the ones it depends on), and to the one checked a few more.

:func:`empty_database` points Django's default connection at a database of the same kind as the
tests' (an SQLite file, or a PostgreSQL database on the same server) for the length of a
``with`` block, then puts back the test database's connection as it was and removes the empty
one. It holds only the shared cache's table, as ``migrate`` makes it first. Use it from a test
without the ``django_db`` mark, through ``django_db_blocker.unblock()`` and the
``django_db_setup`` fixture: the block runs outside any transaction, as migrations need, and
nothing is left in the test database for a flush to clear. :func:`migrate_to` takes it to the
migrations a test names and gives back the models as they were then.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@contextmanager
def empty_database() -> Iterator[None]:
    conn = connection
    assert not conn.in_atomic_block, "an empty database needs a test without the django_db mark"
    saved_name = conn.settings_dict["NAME"]
    held = conn.connection  # the test database's own connection, kept open (in-memory SQLite)
    folder: tempfile.TemporaryDirectory[str] | None = None
    if conn.vendor == "sqlite":
        folder = tempfile.TemporaryDirectory(prefix="powerwith-empty-")
        name = str(Path(folder.name) / "empty.sqlite3")
    else:
        name = f"{saved_name}_empty"[:63]
        with conn._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {conn.ops.quote_name(name)}")
            cursor.execute(f"CREATE DATABASE {conn.ops.quote_name(name)}")
    conn.connection = None
    conn.settings_dict["NAME"] = name
    try:
        # The shared cache's table, which ``migrate`` makes first (common/apps.py): every row a
        # migration writes marks its journey's figures as changed in it (common/figures.py).
        call_command("createcachetable", verbosity=0)
        yield
    finally:
        conn.close()  # the empty database's connection (a file or a server database: closed)
        conn.settings_dict["NAME"] = saved_name
        conn.connection = held
        if folder is not None:
            folder.cleanup()
        else:
            with conn._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {conn.ops.quote_name(name)}")


def migrate_to(targets: list[tuple[str, str]]) -> Any:
    """Migrate the database to ``targets`` (app label, migration name) and return the app
    registry of the models as they were at those migrations."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps
