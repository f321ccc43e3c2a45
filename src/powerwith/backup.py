"""``powerwith backup FILE`` and ``powerwith restore FILE``: the whole site, in one file.

A backup is a ZIP holding:

- ``manifest.json``: the format, when it was made, the database it came from, every migration
  the database had applied, the number of rows of each table and a SHA-256 of every other file
  in the ZIP (so a damaged or edited backup is refused before anything is written);
- ``data/<app>.<model>.jsonl``: every row of every table, one JSON object a line (Django's
  ``jsonl`` serialiser), primary keys kept, so every link and address (``/j/<slug>/...``,
  a contribution's number) is the same after a restore. References to Django's content types
  and permissions are written by their natural keys, because those rows are made afresh by
  ``migrate`` and their numbers differ between databases;
- ``files/<name>``: every stored file (stories' media and board reports, named by a model's
  ``stored_file_fields``, and anything in a ``FileField``), under the
  same name it has in storage.

Left out on purpose: signed-in sessions (everyone signs in again after a restore), lockouts
and attempt counts (``axes``), the shared cache (figures are recomputed) and the task queue's
own rows (our outbox rows, which say what still has to be sent, are kept).

The format does not depend on the database (rows as JSON, not SQL), though the tests restore
each backup on the kind of database that made it. Restoring needs an empty database (it runs
``migrate`` first) and the same migrations as the backup: a backup made by another version of
PowerWith is refused with the list of differences, so nothing is half-restored. All rows are
written in one transaction; the files after it.

Imported before Django is set up (``powerwith.cli`` registers commands on import).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from typing import Any

from powerwith.cli import command, migrate, setup_django

FORMAT = "powerwith-backup/1"
USAGE_ERROR = 2

# Tables a backup leaves out (see the module's docstring for why).
SKIPPED_APPS = {"contenttypes", "sessions", "axes", "django_tasks_db"}
SKIPPED_MODELS = {"auth.permission"}


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why, in plain words."""


def _models() -> list[Any]:
    """Every model a backup holds, in an order where each comes after the ones it refers to."""
    from django.apps import apps
    from django.core import serializers

    wanted = [
        app for app in apps.get_app_configs() if app.label not in SKIPPED_APPS and app.models_module
    ]
    ordered = serializers.sort_dependencies([(app, None) for app in wanted], allow_cycles=True)
    return [
        m
        for m in ordered
        if m._meta.label_lower not in SKIPPED_MODELS
        and not m._meta.proxy
        and m._meta.managed
        and not m._meta.auto_created
    ]


def _applied_migrations() -> list[list[str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _known_migrations() -> list[list[str]]:
    """Every migration this version of PowerWith has (all applied after ``migrate``)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted([app, name] for app, name in loader.disk_migrations)


def _file_names() -> list[str]:
    """The names of every stored file a row refers to, without repeats: any ``FileField``, and
    any text field a model names in ``stored_file_fields`` (files kept through
    ``common.files``, whose rows hold the storage's name: stories' media, board reports)."""
    from django.db import models

    names: set[str] = set()
    for model in _models():
        marked = set(getattr(model, "stored_file_fields", ()))
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) or field.name in marked:
                names.update(
                    n
                    for n in model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                    if n
                )
    return sorted(names)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_backup(out: io.BufferedIOBase | Any) -> dict[str, Any]:
    """Write the whole site as a backup ZIP into ``out``; return its manifest.

    Read inside one transaction, so the rows agree with each other even while people use the
    site (on PostgreSQL a repeatable-read snapshot would be stricter; one transaction is what
    SQLite offers and is consistent there because writers wait).
    """
    from django.conf import settings
    from django.core import serializers
    from django.core.files.storage import default_storage
    from django.db import connection, transaction

    from powerwith import __version__

    counts: dict[str, int] = {}
    hashes: dict[str, str] = {}
    with transaction.atomic(), zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for model in _models():
            label = model._meta.label_lower
            buf = io.StringIO()
            qs = model._default_manager.order_by("pk")
            count = qs.count()
            serializers.serialize(
                "jsonl",
                qs.iterator(chunk_size=2000),
                stream=buf,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=False,
            )
            data = buf.getvalue().encode()
            name = f"data/{label}.jsonl"
            zf.writestr(name, data)
            counts[label] = count
            hashes[name] = _sha256(data)
        for file_name in _file_names():
            if not default_storage.exists(file_name):
                raise BackupError(
                    f"The stored file \u201c{file_name}\u201d is named in the database but is "
                    "missing from storage, so the backup would be incomplete. Nothing was written."
                )
            with default_storage.open(file_name, "rb") as fh:
                content = fh.read()
            name = f"files/{file_name}"
            zf.writestr(name, content)
            hashes[name] = _sha256(content)
        manifest = {
            "format": FORMAT,
            "powerwith_version": __version__,
            "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "time_zone": settings.TIME_ZONE,
            "migrations": _applied_migrations(),
            "rows": counts,
            "sha256": hashes,
        }
        zf.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    """The backup's manifest, after checking that every file in it is whole."""
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except KeyError:
        raise BackupError("This file has no manifest.json: it is not a PowerWith backup.") from None
    except ValueError:
        raise BackupError("The backup's manifest.json is damaged (it is not JSON).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"This backup's format is \u201c{manifest.get('format')}\u201d; this version of "
            f"PowerWith reads \u201c{FORMAT}\u201d."
        )
    listed = set(manifest.get("sha256", {}))
    present = set(zf.namelist()) - {"manifest.json"}
    if listed != present:
        missing = sorted(listed - present)
        extra = sorted(present - listed)
        raise BackupError(
            "The backup does not hold the files its manifest lists"
            + (f"; missing: {', '.join(missing[:5])}" if missing else "")
            + (f"; not listed: {', '.join(extra[:5])}" if extra else "")
            + "."
        )
    for name, digest in manifest["sha256"].items():
        if _sha256(zf.read(name)) != digest:
            raise BackupError(f"The backup is damaged: {name} does not match its checksum.")
    return manifest


def _holds_data() -> list[str]:
    """What is already in the database, as words (empty when the database is empty)."""
    found = []
    for model in _models():
        n = model._default_manager.count()
        if n:
            found.append(f"{n} {model._meta.verbose_name_plural}")
    return found


def _lines(zf: zipfile.ZipFile, name: str) -> Iterator[str]:
    with zf.open(name) as fh:
        for raw in io.TextIOWrapper(fh, encoding="utf-8"):
            if raw.strip():
                yield raw


def restore_backup(source: io.BufferedIOBase | Any) -> dict[str, Any]:
    """Restore a backup into this (empty) database and storage; return its manifest.

    Checks everything it can before writing anything: the file is a whole PowerWith backup, the
    migrations match this version's, the database is empty, no stored file would be
    overwritten. Then every row in one transaction (foreign keys checked at the end), the
    sequences moved past the restored ids (PostgreSQL), the shared cache emptied, and the files.
    """
    from django.core import serializers
    from django.core.cache import caches
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management.color import no_style
    from django.db import connection, transaction

    try:
        zf = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise BackupError("This file is not a ZIP file, so it is not a PowerWith backup.") from None
    with zf:
        manifest = read_manifest(zf)
        migrate()
        theirs = {tuple(m) for m in manifest["migrations"]}
        ours = {tuple(m) for m in _known_migrations()}
        if theirs != ours:
            only_theirs = sorted(f"{a}.{n}" for a, n in theirs - ours)
            only_ours = sorted(f"{a}.{n}" for a, n in ours - theirs)
            raise BackupError(
                "This backup was made by a different version of PowerWith "
                f"({manifest.get('powerwith_version')}), so its tables may not match. "
                + (f"Only in the backup: {', '.join(only_theirs[:8])}. " if only_theirs else "")
                + (f"Only in this version: {', '.join(only_ours[:8])}. " if only_ours else "")
                + "Restore it with the version that made it, then upgrade."
            )
        held = _holds_data()
        if held:
            raise BackupError(
                "The database already holds data ("
                + ", ".join(held[:4])
                + "). Restore only into an empty database: make a new one and restore there."
            )
        files = [n for n in manifest["sha256"] if n.startswith("files/")]
        clashes = [n for n in files if default_storage.exists(n.removeprefix("files/"))]
        if clashes:
            raise BackupError(
                "Storage already holds files with the backup's names (for example "
                f"\u201c{clashes[0].removeprefix('files/')}\u201d). Restore into empty storage."
            )
        by_label = {m._meta.label_lower: m for m in _models()}
        unknown = sorted(set(manifest["rows"]) - set(by_label))
        if unknown:
            raise BackupError(f"The backup holds tables this version lacks: {', '.join(unknown)}.")
        restored: dict[str, int] = {}
        saved: list[str] = []
        try:
            with transaction.atomic():
                with connection.constraint_checks_disabled():
                    deferred = []
                    for label in by_label:
                        name = f"data/{label}.jsonl"
                        if name not in manifest["sha256"]:
                            continue
                        n = 0
                        for obj in serializers.deserialize(
                            "jsonl", _lines(zf, name), handle_forward_references=True
                        ):
                            obj.save()
                            if obj.deferred_fields:
                                deferred.append(obj)
                            n += 1
                        restored[label] = n
                    for obj in deferred:
                        obj.save_deferred_fields()
                # Every row is in: now check every reference at once.
                connection.check_constraints()
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(
                        no_style(), list(by_label.values())
                    ):
                        cursor.execute(sql)
                expected = {k: v for k, v in manifest["rows"].items() if v}
                got = {k: v for k, v in restored.items() if v}
                if expected != got:
                    raise BackupError(
                        f"The backup's row counts do not match what was read ({expected} "
                        f"against {got})."
                    )
                # The files last, still inside the transaction: if one cannot be stored, the
                # rows are rolled back and the files already stored are removed.
                for name in files:
                    wanted = name.removeprefix("files/")
                    stored = default_storage.save(wanted, ContentFile(zf.read(name)))
                    saved.append(stored)
                    if stored != wanted:
                        raise BackupError(
                            f"Storage renamed {wanted} to {stored}; the links would break."
                        )
        except BaseException:
            for stored in saved:
                default_storage.delete(stored)
            raise
        # Figures cached before the restore belong to another database's rows.
        for alias in caches:
            caches[alias].clear()
    return manifest


def _backup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="where to write the backup (a .zip file; - for standard output)")


@command("backup", "write the whole site (every table and stored file) to one ZIP", _backup_args)
def cmd_backup(args: argparse.Namespace) -> int:
    setup_django()
    try:
        if args.file == "-":
            buf = io.BytesIO()
            manifest = write_backup(buf)
            sys.stdout.buffer.write(buf.getvalue())
            return 0
        with open(args.file, "wb") as fh:
            manifest = write_backup(fh)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    rows = sum(manifest["rows"].values())
    files = sum(1 for n in manifest["sha256"] if n.startswith("files/"))
    print(f"Wrote {args.file}: {rows:,} rows in {len(manifest['rows'])} tables, {files} files.")
    return 0


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a backup written by `powerwith backup`")


@command("restore", "restore a backup into an empty database (runs migrate first)", _restore_args)
def cmd_restore(args: argparse.Namespace) -> int:
    setup_django()
    try:
        with open(args.file, "rb") as fh:
            manifest = restore_backup(fh)
    except FileNotFoundError:
        print(f"No file called \u201c{args.file}\u201d.", file=sys.stderr)
        return USAGE_ERROR
    except BackupError as exc:
        print(f"Nothing was restored. {exc}", file=sys.stderr)
        return 1
    rows = sum(manifest["rows"].values())
    print(f"Restored {rows:,} rows from a backup made {manifest['made_at']}.")
    return 0
