"""The demo, built once per test process and put back for each test that reads it.

Loading the demo through the services takes several seconds (it writes every record the way a
user would, with audit lines and role snapshots), and about thirty tests read it: loading it
for each of them was most of the suite's time. The first call in a process runs the real
loader inside a transaction, copies every row it wrote, and rolls it back; every call (the
first included) then writes those rows back with plain INSERTs inside the test's own
transaction, which the test's rollback removes as usual. So each test still starts from an
empty database and sees exactly what ``powerwith demo`` makes.

Under ``scripts/test.sh`` the first process of the run to load the demo also leaves its snapshot
in the run's folder (``POWERWITH_TEST_TEMPLATES``, see tests/db_template.py), and the other test
processes on the same database, starting from the same rows, take it from there instead of
loading the demo again: each load is some fifteen seconds of a busy machine, and every worker
of both suites and of the browser tests used to make its own.

The loader's own tests still call the real loader (tests/demo/test_loader.py, ``powerwith demo``
in tests/test_cli.py); loading twice puts this copy in place first, then loads the real demo
over it.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from powerwith.demo import loader
from powerwith.demo.loader import DemoSummary
from tests.db_template import _locked

# Not part of the demo: the migrations' own record, and the shared cache (the dashboards of
# the demo start afresh, as after a real load).
SKIP = {"django_migrations", "powerwith_cache", "django_session"}


@dataclass
class _Table:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    replace: bool  # the loader changed or removed rows that were there before: write it whole


# Keyed by the loader's arguments and the extensions it runs (a test may run only one).
_Snapshot = tuple[dict[str, _Table], dict[str, bytes], DemoSummary]
_snapshots: dict[tuple[datetime.date | None, int, tuple[str, ...]], _Snapshot] = {}


def _stored_files(folder: str = "") -> list[str]:
    """Every file in the test storage (in memory): the demo's stories' media are files."""
    folders, files = default_storage.listdir(folder)
    found = [f"{folder}/{f}" if folder else f for f in files]
    for sub in folders:
        found += _stored_files(f"{folder}/{sub}" if folder else sub)
    return found


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _read(cursor: CursorWrapper) -> dict[str, tuple[list[str], str, list[tuple[Any, ...]]]]:
    """Every table: its columns, its primary key column and its rows."""
    found = {}
    for name in connection.introspection.table_names(cursor):
        if name in SKIP:
            continue
        cursor.execute(f"SELECT * FROM {_quote(name)}")
        columns = [d[0] for d in cursor.description]
        rows = [tuple(_adapt(v) for v in r) for r in cursor.fetchall()]
        pk = connection.introspection.get_primary_key_column(cursor, name) or columns[0]
        found[name] = (columns, pk, rows)
    return found


def _shared_file(before: Any, today: datetime.date | None, seed: int) -> Path | None:
    """Where the processes of one ``scripts/test.sh`` run share their snapshots (the folder of
    ``tests/db_template.py``), or None outside one. The name holds everything the loader's rows
    depend on: the database, the day, the seed, the extensions, and the rows that were already
    there (every table, whole: a browser test's emptied database and a suite test's differ)."""
    folder = os.environ.get("POWERWITH_TEST_TEMPLATES")
    if not folder:
        return None
    day = today or timezone.localdate()
    what = repr((connection.vendor, day, seed, tuple(loader.EXTENSIONS), sorted(before.items())))
    return Path(folder) / f"demo-{hashlib.sha256(what.encode()).hexdigest()[:24]}.pickle"


def _capture(today: datetime.date | None, seed: int) -> _Snapshot:
    """The snapshot: from the file another test process of this run left, else by running the
    real loader (and leaving the file for the others). A file lock makes a process wait while
    another loads, instead of loading at the same time."""
    with connection.cursor() as cursor:
        before = _read(cursor)
    shared = _shared_file(before, today, seed)
    if shared is None:
        return _load_and_capture(before, today, seed)
    with _locked(shared.with_suffix(".lock")):
        if shared.exists():
            kept: _Snapshot = pickle.loads(shared.read_bytes())
            return kept
        snapshot = _load_and_capture(before, today, seed)
        part = shared.with_suffix(".part")
        part.write_bytes(pickle.dumps(snapshot))
        part.rename(shared)
        return snapshot


def _load_and_capture(before: Any, today: datetime.date | None, seed: int) -> _Snapshot:
    """Run the real loader inside a transaction and keep what it changed against ``before``
    (every table as it was, read by :func:`_capture`), then roll it back."""
    tables: dict[str, _Table] = {}
    with transaction.atomic():
        files_before = set(_stored_files())
        with connection.cursor() as cursor:
            summary = loader.load_demo(today=today, seed=seed)
            after = _read(cursor)
        # A later real load removes the files of the demo it replaces (not rolled back with the
        # database), so the snapshot keeps their bytes and puts back any that went.
        files = {}
        for name in set(_stored_files()) - files_before:
            with default_storage.open(name, "rb") as f:
                files[name] = f.read()
        for name, (columns, pk, rows) in after.items():
            at = columns.index(pk)
            old = {r[at]: r for r in before.get(name, ([], pk, []))[2]}
            if not old:
                if rows:
                    tables[name] = _Table(columns, rows, replace=False)
                continue
            new_pks = {r[at] for r in rows}
            changed = any(r[at] in old and old[r[at]] != r for r in rows) or any(
                k not in new_pks for k in old
            )
            if changed:
                tables[name] = _Table(columns, rows, replace=True)
            else:
                added = [r for r in rows if r[at] not in old]
                if added:
                    tables[name] = _Table(columns, added, replace=False)
        transaction.set_rollback(True)
    return tables, files, summary


def _adapt(value: Any) -> Any:
    """A value read back from SQLite in the form its driver writes (PostgreSQL's takes all)."""
    if connection.vendor != "sqlite":
        return value
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.time):
        return connection.ops.adapt_timefield_value(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _models_of(names: set[str]) -> list[Any]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in names]


def load_demo(*, today: datetime.date | None = None, seed: int = loader.SEED) -> DemoSummary:
    """The same as ``powerwith.demo.loader.load_demo`` on an empty test database, quickly."""
    key = (today, seed, tuple(loader.EXTENSIONS))
    if key not in _snapshots:
        _snapshots[key] = _capture(today, seed)
    tables, files, summary = _snapshots[key]
    for name, content in files.items():
        if not default_storage.exists(name):
            saved = default_storage.save(name, ContentFile(content))
            assert saved == name, (saved, name)
    with transaction.atomic(), connection.cursor() as cursor:
        for name, table in tables.items():
            if table.replace:
                cursor.execute(f"DELETE FROM {_quote(name)}")
            columns = ", ".join(_quote(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {_quote(name)} ({columns}) VALUES ({marks})", table.rows
            )
        # PostgreSQL: the next id of each table after the rows put back (SQLite keeps its own).
        for sql in connection.ops.sequence_reset_sql(no_style(), _models_of(set(tables))):
            cursor.execute(sql)
    return summary
