"""One migrated test database per ``make test``, copied by every pytest process that needs one.

Migrating an empty database through every app's migrations costs about 30 seconds of CPU, and
``scripts/test.sh`` starts several pytest processes per database (two xdist workers for the
suite and two for the browser tests). When it sets ``POWERWITH_TEST_TEMPLATES`` (a folder of its
own, removed when it ends), the first process to need a database migrates it as usual and
keeps a copy (a template); every later one, in this pytest run or a later one of the same
``scripts/test.sh``, starts from a copy of that template instead of migrating again:

- SQLite: the template is a file; each process's in-memory test database is filled from it with
  SQLite's backup API.
- PostgreSQL: the template is a database (``POWERWITH_TEST_TEMPLATE_NAME``); each process's test
  database is made with ``CREATE DATABASE ... TEMPLATE``. ``scripts/test.sh`` drops it at the end.

A file lock makes the others wait while the first one migrates. Without the variable (a plain
``pytest`` run) nothing changes. The migrations themselves are still run once per database per
``make test``; each migration test runs the few it needs on an empty database of its own
(``tests/empty_db.py``).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import MethodType
from typing import Any

from django.conf import settings
from django.db import connections


def install(alias: str = "default") -> None:
    """Make ``alias``'s test database come from the shared template (if the variable is set)."""
    folder = os.environ.get("POWERWITH_TEST_TEMPLATES")
    if not folder:
        return
    creation = connections[alias].creation
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    original = creation.create_test_db
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)

    def create_test_db(
        self: Any,
        verbosity: int = 1,
        autoclobber: bool = False,
        serialize: bool = True,
        keepdb: bool = False,
    ) -> str:
        with _locked(where / f"{vendor}.lock"):
            ready = where / f"{vendor}.ready"
            if ready.exists():
                return _from_template(self, vendor, where, serialize)
            name = original(
                verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb
            )
            _make_template(self, vendor, where, name)
            ready.write_text(name)
            return str(name)

    creation.create_test_db = MethodType(create_test_db, creation)  # type: ignore[method-assign]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def copy_sqlite_to(path: Path) -> bool:
    """Put a copy of the migrated SQLite database at ``path`` (for a test that starts the app in
    a subprocess on its own file and needs it migrated, not the migrations themselves). Returns
    False, and copies nothing, when there is no template yet."""
    folder = os.environ.get("POWERWITH_TEST_TEMPLATES")
    if not folder or not (Path(folder) / "sqlite.ready").exists():
        return False
    source = sqlite3.connect(Path(folder) / "sqlite.db")
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return True


def _template_name() -> str:
    return os.environ.get("POWERWITH_TEST_TEMPLATE_NAME", f"powerwith_template_{os.getppid()}")


def _make_template(creation: Any, vendor: str, where: Path, name: str) -> None:
    """Keep a copy of the freshly migrated test database ``name``."""
    conn = creation.connection
    if vendor == "sqlite":
        conn.ensure_connection()
        part = where / "sqlite.db.part"
        target = sqlite3.connect(part)
        try:
            conn.connection.backup(target)
        finally:
            target.close()
        part.rename(where / "sqlite.db")
        return
    # CREATE DATABASE ... TEMPLATE needs every connection to the source closed.
    conn.close()
    conn.close_pool()
    with creation._nodb_cursor() as cursor:
        quote = conn.ops.quote_name
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(_template_name())}")
        cursor.execute(f"CREATE DATABASE {quote(_template_name())} WITH TEMPLATE {quote(name)}")


# The in-memory SQLite database lives as long as one connection to it is open: this one holds it
# from the copy until Django's own connection (never closed for an in-memory test database) opens.
_holders: list[sqlite3.Connection] = []


def _from_template(creation: Any, vendor: str, where: Path, serialize: bool) -> str:
    """What ``create_test_db`` does, with the copy in place of the migrations."""
    conn = creation.connection
    name = creation._get_test_db_name()
    if vendor == "postgresql":
        test = conn.settings_dict.setdefault("TEST", {})
        test["TEMPLATE"] = _template_name()
        try:
            creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        finally:
            del test["TEMPLATE"]
    else:
        creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        source = sqlite3.connect(where / "sqlite.db")
        if creation.is_in_memory_db(name):
            holder = sqlite3.connect(name, uri=True, check_same_thread=False)
            _holders.append(holder)
        else:
            holder = sqlite3.connect(name)
        try:
            source.backup(holder)
        finally:
            source.close()
            if not creation.is_in_memory_db(name):
                holder.close()
    conn.close()
    settings.DATABASES[conn.alias]["NAME"] = name
    conn.settings_dict["NAME"] = name
    if serialize:
        conn._test_serialized_contents = creation.serialize_db_to_string()
    conn.ensure_connection()
    return str(name)
