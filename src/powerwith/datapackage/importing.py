"""Importing a full data package (``powerwith import DIR``): checked whole first (``reading``),
then every row written in one transaction with new ids reserved up front."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from django.db import IntegrityError, models, transaction

from powerwith.common.db import refresh_statistics
from powerwith.common.figures import figures_changed
from powerwith.common.services import audit
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Journey, Membership

from .reading import read
from .schema import AUDIT, JOURNEY, JSON_KEYS, ORG_TABLE, TYPED_IDS, PackageError, tables


def _reserve(model: Any, count: int) -> list[int]:
    """``count`` new ids for ``model``, in increasing order, that nothing else will take."""
    from django.db import connection

    if count == 0:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, column, count],
            )
            return sorted(r[0] for r in cursor.fetchall())
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {table}")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = %s", [model._meta.db_table]
            )
            found = cursor.fetchone()
            top = max(top, found[0] if found else 0)
    return list(range(top + 1, top + 1 + count))


@transaction.atomic
def package_import(
    *, directory: str | Path, actor: Any = None, facilitator: Any = None
) -> list[Journey]:
    """Import the full package in ``directory`` into this PowerWith, whole or not at all.

    Checks the whole package first (``read``) and refuses it, listing every problem, if anything
    is wrong or a journey's slug is taken here. Then writes every row in one transaction with new
    ids reserved up front, so each link (foreign keys, ids inside JSON, the log's objects) is
    known before any row is written. Organisations are found by slug or created; built-in and
    organisations' question banks (and their questions) are found again rather than copied.
    People come without accounts; nobody is a member of the imported journey yet, except
    ``facilitator`` (an account of this PowerWith, found by the caller), who becomes each
    imported journey's facilitator in the same transaction."""
    from powerwith.organisations.models import Organisation
    from powerwith.reflection.models import BankItem, Question, QuestionBank

    desc, data = read(directory)
    slugs = [r["slug"] for r in data[JOURNEY]]
    taken = sorted(Journey.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if taken:
        raise PackageError(
            [
                f"data/{JOURNEY}.csv, field slug: there is already a journey called \u201c{s}\u201d "
                "here. Nothing was imported."
                for s in taken
            ]
        )
    files = _files_to_store(Path(directory), desc["powerwith"].get("files", []))
    orgs: dict[str, Any] = {}
    for row in data[ORG_TABLE]:
        org = Organisation.objects.filter(slug=row["slug"]).first()
        if org is None:
            org = Organisation.objects.create(
                slug=row["slug"], name=row["name"], kind=row["kind"] or ""
            )
        orgs[row["slug"]] = org

    all_tables = [t for t in tables()]
    new: dict[str, dict[object, object]] = {}  # table -> package key -> id here
    inserted: dict[str, set[object]] = defaultdict(set)  # package keys written afresh

    # Shared rows found again: built-in banks, organisations' banks, and their questions.
    matched_banks: dict[object, Any] = {}
    for row in data["reflection.questionbank"]:
        qs = QuestionBank.objects.none()
        if row["builtin"]:
            qs = QuestionBank.objects.filter(builtin=True, key=row["key"], version=row["version"])
        elif row["organisation"]:
            qs = QuestionBank.objects.filter(
                organisation=orgs[row["organisation"]], key=row["key"], version=row["version"]
            )
        bank = qs.first()
        if bank is not None:
            matched_banks[row["id"]] = bank
    banks_of_question: dict[object, list[object]] = defaultdict(list)
    for row in data["reflection.bankitem"]:
        banks_of_question[row["question"]].append(row["bank"])
    matched: dict[str, dict[object, object]] = defaultdict(dict)
    for key, bank in matched_banks.items():
        matched["reflection.questionbank"][key] = bank.pk
    for row in data["reflection.question"]:
        found_q = None
        if row["builtin"]:
            found_q = Question.objects.filter(
                builtin=True, bank_key=row["bank_key"], key=row["key"], version=row["version"]
            ).first()
        else:
            for bank_key in banks_of_question.get(row["id"], []):
                if bank_key in matched_banks:
                    found_q = Question.objects.filter(
                        items__bank=matched_banks[bank_key], key=row["key"], version=row["version"]
                    ).first()
                    break
        if found_q is not None:
            matched["reflection.question"][row["id"]] = found_q.pk
    for row in data["reflection.bankitem"]:
        if row["bank"] in matched_banks:
            item = BankItem.objects.filter(
                bank=matched_banks[row["bank"]], position=row["position"]
            ).first()
            matched["reflection.bankitem"][row["id"]] = item.pk if item else None

    for t in all_tables:
        if t.m2m is not None:
            continue
        rows = [r for r in data[t.name] if r["id"] not in matched[t.name]]
        if isinstance(t.model._meta.pk, models.UUIDField):
            ids: list[object] = [r["id"] for r in rows]
        else:
            ids = list(_reserve(t.model, len(rows)))
        new[t.name] = {**matched[t.name], **{r["id"]: pk for r, pk in zip(rows, ids, strict=True)}}
        inserted[t.name] = {r["id"] for r in rows}
    by_class: dict[str, list[str]] = defaultdict(list)
    for t in all_tables:
        if t.m2m is None:
            by_class[t.model.__name__].append(t.name)
    journeys_here = {j.slug: j.pk for j in Journey.objects.all()}
    journeys_here.update({r["slug"]: new[JOURNEY][r["id"]] for r in data[JOURNEY]})

    for t in all_tables:
        if t.m2m is not None:
            through = t.m2m.remote_field.through
            src = f"{t.model._meta.model_name}_id"
            dst = f"{t.m2m.m2m_reverse_field_name()}_id"
            left_name, right_name = t.columns[0].name, t.columns[1].name
            through.objects.bulk_create(
                [
                    through(
                        **{
                            src: new[t.columns[0].target][r[left_name]],
                            dst: new[t.columns[1].target][r[right_name]],
                        }
                    )
                    for r in data[t.name]
                ]
            )
            continue
        objs = []
        for row in data[t.name]:
            if row["id"] not in inserted[t.name]:
                continue
            values: dict[str, Any] = {t.model._meta.pk.attname: new[t.name][row["id"]]}
            for c in t.columns[1:]:
                value = row[c.name]
                f = c.field
                if c.kind == "ref":
                    value = None if value is None else new[c.target][value]
                elif c.kind == "org":
                    value = None if value is None else orgs[value].pk
                elif c.kind == "journey":
                    value = journeys_here.get(value) if value is not None else None
                else:
                    where = (t.name, c.name)
                    if where in JSON_KEYS and isinstance(value, dict):
                        target = new[JSON_KEYS[where]]
                        value = {str(target[int(k)]): v for k, v in value.items()}
                    elif where in TYPED_IDS and value is not None:
                        kind_field, targets = TYPED_IDS[where]
                        value = new.get(targets.get(row[kind_field], ""), {}).get(value, 0)
                    elif t.name == AUDIT and c.name == "object_id" and value is not None:
                        value = next(
                            (
                                new[n][value]
                                for n in by_class.get(row["object_type"], [])
                                if value in new[n]
                            ),
                            None,
                        )
                    if value is None and not f.null and not isinstance(f, models.JSONField):
                        value = "" if isinstance(f, models.CharField | models.TextField) else value
                values[f.attname] = value
            objs.append(t.model(**values))
        fields = [f for f in t.model._meta.concrete_fields]
        try:
            for start in range(0, len(objs), 500):
                t.model._base_manager._insert(objs[start : start + 500], fields=fields, raw=True)
        except IntegrityError as exc:
            raise PackageError(
                [f"data/{t.name}.csv: the rows break a rule of the database ({exc})."]
            ) from None
    # A journey's whole record just arrived in bulk: its figures are read next.
    refresh_statistics(
        *{
            (t.m2m.remote_field.through if t.m2m is not None else t.model)
            for t in all_tables
            if data[t.name]
        }
    )
    transaction.on_commit(lambda: _store_files(files))
    imported = list(Journey.objects.filter(slug__in=slugs).order_by("pk"))
    for journey in imported:
        figures_changed(journey)
        audit(
            journey=journey,
            actor=actor,
            action="journey_import",
            obj=journey,
            summary="Imported the journey's record from a data package "
            f"(PowerWith {desc.get('powerwith', {}).get('version', '?')}); people have no accounts yet",
        )
        if facilitator is not None:
            # Nobody can manage the journey yet, so no membership service's check could pass:
            # whoever runs the import (and holds the database) names its first facilitator.
            membership = Membership.objects.create(
                journey=journey, user=facilitator, role=j_vocab.FACILITATOR
            )
            audit(
                journey=journey,
                actor=actor,
                action="membership_add",
                obj=membership,
                summary=f"{facilitator} as facilitator, named when the journey was imported",
            )
    return imported


def _files_to_store(root: Path, names: list[str]) -> dict[str, bytes]:
    """The package's stored files that this PowerWith's storage does not hold yet; a name held
    with other content is refused (the rows would point at someone else's file)."""
    from django.core.files.storage import default_storage

    wanted: dict[str, bytes] = {}
    for name in names:
        content = (root / "files" / name).read_bytes()
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as fh:
                if fh.read() != content:
                    raise PackageError(
                        [
                            f"files/{name}: this PowerWith already keeps another file of that name. "
                            "Nothing was imported."
                        ]
                    )
            continue
        wanted[name] = content
    return wanted


def _store_files(files: dict[str, bytes]) -> None:
    """Put the imported stored files into storage, under their names (after the rows commit)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    for name, content in files.items():
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:  # someone stored a file of that name meanwhile: keep theirs, say so
            raise PackageError(
                [f"files/{name}: stored as {saved}, as the name was taken meanwhile."]
            )
