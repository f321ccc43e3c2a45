"""Writing a data package: the journeys' rows in each table, given package keys, as CSV cells
(``common.csvsafe``), the descriptor, and the stored files of the full form; the public form
leaves out what ``schema.PUBLIC_DROPPED`` and ``_public_field`` say."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet

from powerwith.common import csvsafe
from powerwith.common.services import audit
from powerwith.journeys.models import Journey

from .schema import (
    AUDIT,
    JOURNEY,
    JSON_KEYS,
    LOG_LEFT_OUT,
    ORG_TABLE,
    PROFILE,
    PUBLIC_DROPPED,
    PUBLIC_SUMMARIES,
    PUBLIC_TEXT,
    PUBLISHED_ONLY,
    ROW_ORDER,
    TYPED_IDS,
    Column,
    PackageError,
    Table,
    _label,
    _models,
    _schema,
    tables,
)


def _scope(journeys: list[Journey]) -> dict[str, QuerySet[Any]]:
    """Each table's rows that belong to ``journeys``."""
    from powerwith.reflection.models import (
        AnonymousAnswer,
        BankItem,
        NamedAnswer,
        Question,
        QuestionBank,
        Round,
    )

    ids = [j.pk for j in journeys]
    found: dict[str, QuerySet[Any]] = {}
    for model in _models():
        label = _label(model)
        manager = model._default_manager
        if label == JOURNEY:
            qs = manager.filter(pk__in=ids)
        elif label == AUDIT:
            qs = manager.filter(journey__in=ids).exclude(action__in=LOG_LEFT_OUT)
        elif label == "reflection.questionbank":
            used = Q(pk__in=Round.objects.filter(journey__in=ids).values("bank"))
            if apps.is_installed("powerwith.training"):
                from powerwith.training.models import TrainingSession

                used |= Q(pk__in=TrainingSession.objects.filter(journey__in=ids).values("bank"))
            qs = QuestionBank.objects.filter(Q(journey__in=ids) | used)
            qs = QuestionBank.objects.filter(
                Q(pk__in=qs.values("pk")) | Q(pk__in=qs.values("derived_from"))
            )
        elif label == "reflection.bankitem":
            qs = BankItem.objects.filter(bank__in=found["reflection.questionbank"])
        elif label == "reflection.question":
            qs = Question.objects.none()  # read below, once the bank items are known
        elif any(f.name == "journey" for f in model._meta.concrete_fields):
            qs = manager.filter(journey__in=ids)
        else:
            parent = next(
                f
                for f in model._meta.concrete_fields
                if f.is_relation and not f.null and _label(f.related_model) in found
            )
            qs = manager.filter(**{f"{parent.name}__in": found[_label(parent.related_model)]})
        found[label] = qs
    # The question table comes before the bank items in the models' order: read it now.
    found["reflection.question"] = Question.objects.filter(
        Q(
            pk__in=BankItem.objects.filter(bank__in=found["reflection.questionbank"]).values(
                "question"
            )
        )
        | Q(
            pk__in=AnonymousAnswer.objects.filter(answer_set__round__journey__in=ids).values(
                "question"
            )
        )
        | Q(
            pk__in=NamedAnswer.objects.filter(answer_set__round__journey__in=ids).values("question")
        )
    )
    return found


def _ordered(label: str, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.order_by(*ROW_ORDER.get(label, ("pk",)))


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _text(value: object) -> object:
    """A value as a CSV cell in the package's own formats (numbers stay numbers)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal | int | float):
        return value
    return str(value)


@dataclass
class Package:
    """A package in memory: each resource's schema, description and rows of cells."""

    title: str
    public: bool
    resources: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[str, list[list[object]]] = field(default_factory=dict)


def build(journeys: list[Journey], *, public: bool = False, title: str = "") -> Package:
    """The package of ``journeys`` (full, or public) in memory."""
    found = _scope(journeys)
    all_tables = tables()
    keys: dict[str, dict[Any, object]] = {}
    by_class: dict[str, list[str]] = defaultdict(list)
    for t in all_tables:
        if t.m2m is None:
            pks = list(_ordered(t.name, found[t.name]).values_list("pk", flat=True))
            if isinstance(t.model._meta.pk, models.UUIDField):
                keys[t.name] = {pk: str(pk) for pk in pks}
            else:
                keys[t.name] = {pk: n for n, pk in enumerate(pks, start=1)}
            by_class[t.model.__name__].append(t.name)
    published = _published(journeys) if public else None
    package = Package(title=title or journeys[0].title, public=public)

    orgs: dict[str, Any] = {}
    for t in all_tables:
        if public and t.name in PUBLIC_DROPPED:
            continue
        cols = [c for c in t.columns if not public or _public_field(t, c)]
        rows: list[list[object]] = []
        if t.m2m is None:
            mapping = keys[t.name]
            for obj in _ordered(t.name, found[t.name]):
                row: list[object] = []
                for c in cols:
                    row.append(_cell(t, c, obj, keys, by_class, orgs, published, mapping))
                rows.append(row)
        else:
            through = t.m2m.remote_field.through
            src = f"{t.model._meta.model_name}_id"
            dst = f"{t.m2m.m2m_reverse_field_name()}_id"
            left, right = keys[_label(t.model)], keys[cols[1].target]
            pairs = through.objects.filter(**{f"{src}__in": list(left)}).values_list(src, dst)
            rows = sorted([left[a], right[b]] for a, b in pairs if b in right)
        package.rows[t.name] = rows
        schema = _schema(t, cols)
        if public:
            for spec in schema["fields"]:
                if (t.name, spec["name"]) in PUBLISHED_ONLY:
                    spec.get("constraints", {}).pop("required", None)
                    spec["description"] += (
                        " In the public form, empty unless the group publishes it on its "
                        '"you said, we did" page.'
                    )
        package.resources.append(
            {
                "name": t.name,
                "path": f"data/{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": t.description,
                "schema": schema,
            }
        )
    org_cols = ["slug", "name", "kind"]
    package.rows[ORG_TABLE] = [
        [o.slug, o.name, o.kind] for o in sorted(orgs.values(), key=lambda o: o.slug)
    ]
    package.resources.insert(
        0,
        {
            "name": ORG_TABLE,
            "path": f"data/{ORG_TABLE}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": "The organisations that host these journeys or own their question "
            "banks, by short name (slug). An import finds each by its slug, or creates it.",
            "schema": {
                "fields": [
                    {
                        "name": "slug",
                        "type": "string",
                        "description": "The organisation's short name, unique on a PowerWith.",
                        "constraints": {"required": True, "unique": True},
                    },
                    {
                        "name": "name",
                        "type": "string",
                        "description": "The organisation's name.",
                        "constraints": {"required": True},
                    },
                    {
                        "name": "kind",
                        "type": "string",
                        "description": "What kind of organisation it is (a code; empty if not said).",
                    },
                ][: len(org_cols)],
                "primaryKey": ["slug"],
                "missingValues": [""],
            },
        },
    )
    if public:
        _add_summaries(package, journeys)
    return package


def _published(journeys: list[Journey]) -> set[int]:
    """Contributions the group publishes on its "you said, we did" page."""
    from powerwith.contributions.models import Contribution

    return set(
        Contribution.objects.filter(
            journey__in=journeys, journey__public_you_said=True, off_public=False
        ).values_list("pk", flat=True)
    )


def _public_field(t: Table, c: Column) -> bool:
    """Whether the public form keeps column ``c``: keys, links, codes, numbers, dates and yes/no;
    free text only where ``PUBLIC_TEXT`` says it is published; never UUIDs (a person's
    ``network_key`` would link them across journeys) or JSON (it holds free text too)."""
    if c.kind == "ref":
        return c.target not in PUBLIC_DROPPED
    if c.kind != "value":
        return True
    f = c.field
    if (t.name, c.name) in PUBLIC_TEXT:
        return True
    if isinstance(f, models.UUIDField | models.JSONField | models.TextField):
        return False
    if isinstance(f, models.CharField) and not isinstance(f, models.SlugField):
        return bool(f.choices)
    return True


def _cell(
    t: Table,
    c: Column,
    obj: Any,
    keys: dict[str, dict[Any, object]],
    by_class: dict[str, list[str]],
    orgs: dict[str, Any],
    published: set[int] | None,
    mapping: dict[Any, object],
) -> object:
    if c.kind == "key":
        return mapping[obj.pk]
    if c.kind == "ref":
        pk = getattr(obj, c.field.attname)
        return "" if pk is None else keys[c.target].get(pk, "")
    if c.kind == "org":
        org = getattr(obj, c.name)
        if org is None:
            return ""
        orgs[org.slug] = org
        return str(org.slug)
    if c.kind == "journey":
        other = getattr(obj, c.name)
        return "" if other is None else str(other.slug)
    value = getattr(obj, c.field.attname)
    where = (t.name, c.name)
    if where in PUBLISHED_ONLY and published is not None and obj.pk not in published:
        return ""
    if where in JSON_KEYS and isinstance(value, dict):
        target = keys[JSON_KEYS[where]]
        value = {str(target.get(int(k), "")): v for k, v in value.items()}
    elif where in TYPED_IDS and value is not None:
        kind_field, targets = TYPED_IDS[where]
        target_label = targets.get(getattr(obj, kind_field), "")
        value = keys.get(target_label, {}).get(value, "")
    elif t.name == AUDIT and c.name == "object_id" and value is not None:
        value = next(
            (keys[n][value] for n in by_class.get(obj.object_type, []) if value in keys[n]), ""
        )
    if isinstance(c.field, models.JSONField):
        return "" if value is None else _json_text(value)
    return _text(value)


def _add_summaries(package: Package, journeys: list[Journey]) -> None:
    """The export's counts with small groups suppressed (``exports.all_tables``), one table for
    all the package's journeys, with a ``journey`` column."""
    from powerwith.exports import all_tables

    for name in PUBLIC_SUMMARIES:
        rows: list[dict[str, object]] = []
        description = ""
        for journey in journeys:
            found, descriptions = all_tables(journey)
            description = str(descriptions.get(name, ""))
            rows += [{"journey": journey.slug, **r} for r in found.get(name, [])]
        columns = list(rows[0]) if rows else ["journey"]
        fields = []
        for col in columns:
            values = [r[col] for r in rows if r.get(col) not in (None, "")]
            kind = (
                "integer"
                if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values)
                else "string"
            )
            fields.append(
                {
                    "name": col,
                    "type": kind,
                    "description": "The journey's short name (slug)."
                    if col == "journey"
                    else f"{col.replace('_', ' ').capitalize()}; empty where the group is too small to show.",
                }
            )
        package.rows[f"summary.{name}"] = [[_text(r.get(c)) for c in columns] for r in rows]
        package.resources.append(
            {
                "name": f"summary.{name}",
                "path": f"data/summary.{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description + " Groups of fewer than five people are left empty.",
                "schema": {"fields": fields, "missingValues": [""]},
            }
        )


def descriptor(package: Package, journeys: list[Journey]) -> dict[str, Any]:
    from powerwith import __version__

    form = "public" if package.public else "full"
    slugs = [j.slug for j in journeys]
    return {
        "profile": "tabular-data-package",
        "name": ("-".join(slugs) if len(slugs) == 1 else f"{slugs[0]}-and-{len(slugs) - 1}-more")[
            :100
        ]
        .lower()
        .replace("_", "-")
        + f"-{form}",
        "title": package.title,
        "description": (
            "A journey's record from PowerWith, the co-production tool: every table of the "
            "record, in the full form an import can rebuild the journey from."
            if not package.public
            else "A journey's record from PowerWith, the co-production tool, in its public "
            "form: no names, contact details, anonymous answers or secret ballots, free text "
            "only where the group publishes it, personal characteristics only as counts with "
            "small groups left out."
        ),
        "licenses": [],
        "powerwith": {"format": PROFILE, "form": form, "journeys": slugs, "version": __version__},
        "resources": package.resources,
    }


def write(
    journeys: list[Journey], directory: str | Path, *, public: bool = False, title: str = ""
) -> Path:
    """Write the package of ``journeys`` into ``directory`` (made if missing); return the
    path of its ``datapackage.json``."""
    if not journeys:
        raise PackageError(["There is no journey to export."])
    package = build(journeys, public=public, title=title)
    root = Path(directory)
    (root / "data").mkdir(parents=True, exist_ok=True)
    for res in package.resources:
        names = [f["name"] for f in res["schema"]["fields"]]
        text = csvsafe.rows_to_csv([names, *package.rows[res["name"]]])
        (root / res["path"]).write_text(text, encoding="utf-8", newline="")
    desc = descriptor(package, journeys)
    if not public:
        desc["powerwith"]["files"] = _copy_files(journeys, root)
    path = root / "datapackage.json"
    path.write_text(json.dumps(desc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _stored_names(journeys: list[Journey]) -> list[str]:
    """The names of the stored files the journeys' rows hold (``stored_file_fields``)."""
    found = _scope(journeys)
    names: set[str] = set()
    for model in _models():
        for name in getattr(model, "stored_file_fields", ()):
            names.update(n for n in found[_label(model)].values_list(name, flat=True) if n)
    return sorted(names)


def _copy_files(journeys: list[Journey], root: Path) -> list[str]:
    """Copy the journeys' stored files (stories' recordings and photos) into ``root/files/``."""
    from django.core.files.storage import default_storage

    names = _stored_names(journeys)
    for name in names:
        if not default_storage.exists(name):
            raise PackageError(
                [f"The stored file {name} is missing, so the package would be incomplete."]
            )
        target = root / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as fh:
            target.write_bytes(fh.read())
    return names


def package_export(
    *,
    actor: Any,
    journeys: list[Journey],
    directory: str | Path,
    public: bool = False,
    title: str = "",
) -> Path:
    """Write the package of ``journeys`` (full or public) into ``directory``, and a line in each
    journey's log. ``actor`` None is the command line (whoever runs it holds the database);
    anyone else must be able to manage each journey."""
    from powerwith.common.access import require

    if actor is not None:
        for journey in journeys:
            require(actor, journey, "manage")
    path = write(journeys, directory, public=public, title=title)
    form = "public" if public else "full"
    for journey in journeys:
        audit(
            journey=journey,
            actor=actor,
            action="journey_export",
            obj=journey,
            summary=f"Exported the journey's record as a data package ({form} form)",
        )
    return path


def package_zip(*, actor: Any, journey: Journey, public: bool) -> bytes:
    """The journey's package (full or public) as one ZIP, for the export page's download."""
    import io
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as tmp:
        package_export(actor=actor, journeys=[journey], directory=tmp, public=public)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(Path(tmp).rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(tmp).as_posix())
    return buf.getvalue()
