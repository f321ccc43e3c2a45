"""A journey (or an organisation's journeys) as a Frictionless data package, and back.

``powerwith export SLUG --package DIR [--public]`` writes ``DIR/datapackage.json`` and one CSV
per table under ``DIR/data/``; ``powerwith import DIR`` reads a full package into this
PowerWith. The contract is docs/data-package.md.

Two forms, from one set of tables:

- **full**: every row of the journey's record, one table per model (``<app>.<model>.csv``),
  every column the model has except links to sign-in accounts, so another PowerWith can rebuild
  the journey. Rows are given package keys (1, 2, 3... per table, in the order of their ids),
  so ids can differ between servers while every link in the package still holds; importing a
  package and exporting it again gives the same package.
- **public**: the same tables with everything personal or unpublished taken out
  (``PUBLIC_DROPPED`` and ``_public_field``): no names, no contact details, no free text except
  what the group chose to publish, no anonymous answers, secret ballots or personal
  characteristics, which appear only as the export's suppressed counts
  (``exports.all_tables``'s ``inclusion_representation``).

The tables come from the models, not from a second hand-written list: the registry of
``exports.EXPORT_MODULES`` decides which apps are a journey's record, and each of those apps'
models (with the foundation's) is a table. Its CSV files are written by ``common.csvsafe``.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet

from powerwith.common import csvsafe
from powerwith.common.figures import figures_changed
from powerwith.common.services import audit
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Journey, Membership

PROFILE = "powerwith-journey/1"
JOURNEY = "journeys.journey"
ORGANISATION = "organisations.organisation"
ORG_TABLE = "organisations"

# The foundation's apps; every app with an export module in ``exports.EXPORT_MODULES`` joins them.
CORE_APPS = ["common", "journeys", "people", "gatherings", "contributions"]

# Models that are not the journey's record: accounts and how they sign in, memberships and
# invitations (an import makes people without accounts), the task queue, board reports' PDFs
# (made again on request), unsent answers kept for one person, and things with no journey.
LEFT_OUT = {
    "journeys.membership",
    "journeys.invitation",
    "reports.boardreport",
    "reflection.answerdraft",
    "common.readingchoice",
    "common.twostep",
    "common.recoverycode",
    "common.signedinsession",
}

# Log lines about this copy rather than the journey: an import writes one, and leaving it out of
# packages is what makes an import exported again equal the package it came from.
LOG_LEFT_OUT = {"journey_import"}

# Rows shared with other journeys, found on import by what they are rather than made again.
SHARED = {"reflection.questionbank", "reflection.question", "reflection.bankitem"}

# The order rows are numbered in, where the id's order would differ between servers: shared
# rows found again keep their old ids while the journey's own get new ones.
ROW_ORDER: dict[str, tuple[str, ...]] = {
    "reflection.questionbank": ("-builtin", "key", "version", "organisation__slug", "title", "pk"),
    "reflection.question": ("-builtin", "bank_key", "key", "version", "text", "pk"),
    "reflection.bankitem": ("bank__key", "bank__version", "position", "pk"),
}

# Id references inside JSON and in "kind + id" pairs: remapped like foreign keys.
JSON_KEYS = {
    ("decisions.ballotreceipt", "marks"): "decisions.voteoption",
    ("decisions.ballotpaper", "marks"): "decisions.voteoption",
}
TYPED_IDS: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("leaving.reassignment", "object_id"): (
        "kind",
        {
            "task": "inclusion.task",
            "group_action": "decisions.groupaction",
            "contribution": "contributions.contribution",
        },
    ),
}
AUDIT = "common.auditentry"

# What the public form leaves out whole, and why (docs/data-package.md says the same).
PUBLIC_DROPPED: dict[str, str] = {
    "common.auditentry": "the log's lines name people and quote what they typed",
    "reflection.anonymousanswerset": "anonymous answers are never published",
    "reflection.anonymousanswer": "anonymous answers are never published",
    "reflection.anonymousanswer_themes": "anonymous answers are never published",
    "reflection.namedanswerset": "people's answers to reflection rounds are theirs",
    "reflection.namedanswer": "people's answers to reflection rounds are theirs",
    "reflection.namedanswer_themes": "people's answers to reflection rounds are theirs",
    "reflection.receipt": "who answered an anonymous round",
    "reflection.endingview": "each person's view at the end, in their words",
    "decisions.ballotpaper": "secret ballots are never published",
    "decisions.ballotreceipt": "how each person voted",
    "inclusion.profile": "personal characteristics: published only as suppressed counts",
    "inclusion.supportneed": "health and access needs of named people",
    "inclusion.needcheck": "health and access needs of named people",
    "inclusion.payment": "money paid to each person",
    "inclusion.expenseclaim": "money paid to each person",
    "care.careflag": "who is in the care of a member of the group",
    "notices.hearingback": "how to reach each person",
    "notices.notice": "messages sent to each person",
    "notices.noticetiming": "settings of the messages sent to people",
    "commonground.participant": "statement rounds' participants are pseudonymous",
    "commonground.response": "each participant's votes in a statement round",
    "commonground.vote": "each participant's votes in a statement round, with their times",
    "stories.storyfile": "stories' recordings and photos need the teller's consent for each use",
    "stories.consent": "stories' recordings and photos need the teller's consent for each use",
    "stories.clip": "stories' recordings and photos need the teller's consent for each use",
    "leaving.stopask": "why a person stopped coming, in their words",
    "outreach.stakeholder": "names and contacts of people and groups not yet involved",
    "outreach.stakeholderstep": "names and contacts of people and groups not yet involved",
    "contributions.cardbatch": "printed feedback cards' codes let anyone read the answers",
    "contributions.feedbackcard": "printed feedback cards' codes let anyone read the answers",
    "gatherings.invitationmaker": "who was invited to each gathering",
}
# Free text the public form keeps: the journey's name and purpose (on its public pages), and
# contributions' words and the answers given where the group publishes them ("you said, we did").
PUBLIC_TEXT = {
    (JOURNEY, "title"),
    (JOURNEY, "purpose"),
    ("contributions.contribution", "text"),
    ("contributions.contribution", "response"),
    ("contributions.tag", "name"),
}
PUBLISHED_ONLY = {
    ("contributions.contribution", "text"),
    ("contributions.contribution", "response"),
}
# Tables the public form takes from the export (``exports.all_tables``): counts about personal
# characteristics with small groups suppressed, as the pages show them.
PUBLIC_SUMMARIES = ["inclusion_representation"]


class PackageError(Exception):
    """A package that cannot be written or read; ``problems`` lists each, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


# -- which tables ------------------------------------------------------------------------------
@dataclass
class Column:
    name: str
    field: Any  # a Django field, or None for a package key or an m2m link
    kind: str  # "key", "value", "ref" (package key), "org" (slug), "journey" (slug)
    target: str = ""  # the resource a "ref" points at


@dataclass
class Table:
    name: str  # the model's label, or "<label>_<m2m field>"
    model: Any
    columns: list[Column]
    m2m: Any = None  # the ManyToManyField, for a link table
    description: str = ""


def _apps() -> list[str]:
    from powerwith.exports import EXPORT_MODULES

    names = list(CORE_APPS)
    for module in EXPORT_MODULES:
        app = module.split(".")[1]
        if app not in names and apps.is_installed(f"powerwith.{app}"):
            names.append(app)
    for extra in ("commonground", "notices"):  # record apps without a file in the ZIP export
        if extra not in names and apps.is_installed(f"powerwith.{extra}"):
            names.append(extra)
    return names


def _models() -> list[Any]:
    """The models of the journey's record, each after the ones it refers to."""
    wanted = [apps.get_app_config(a) for a in _apps()]
    ordered = serializers.sort_dependencies([(a, None) for a in wanted], allow_cycles=True)
    return [
        m
        for m in ordered
        if not m._meta.proxy
        and m._meta.managed
        and not m._meta.auto_created
        and m._meta.label_lower not in LEFT_OUT
    ]


def _label(model: Any) -> str:
    return str(model._meta.label_lower)


def tables() -> list[Table]:
    """Every table of a full package, in the order an import writes them."""
    found: list[Table] = []
    models_ = _models()
    labels = {_label(m) for m in models_}
    for model in models_:
        label = _label(model)
        cols = [Column("id", model._meta.pk, "key")]
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue
            if f.is_relation:
                target = _label(f.related_model)
                if target == ORGANISATION:
                    cols.append(Column(f.name, f, "org"))
                elif target == JOURNEY and label != JOURNEY and f.name != "journey":
                    cols.append(Column(f.name, f, "journey"))
                elif target in labels:
                    cols.append(Column(f.name, f, "ref", target))
                continue  # accounts (and anything outside the record) are left out
            cols.append(Column(f.name, f, "value"))
        found.append(Table(label, model, cols, description=_table_description(model)))
    for model in models_:
        for m2m in model._meta.many_to_many:
            if not m2m.remote_field.through._meta.auto_created:
                continue  # a model of its own, already a table
            target = _label(m2m.related_model)
            if target not in labels:
                continue
            label = _label(model)
            found.append(
                Table(
                    f"{label}_{m2m.name}",
                    model,
                    [
                        Column(model._meta.model_name, None, "ref", label),
                        Column(m2m.name, None, "ref", target),
                    ],
                    m2m=m2m,
                    description=f"Links between {model._meta.verbose_name_plural} and "
                    f"{m2m.related_model._meta.verbose_name_plural}: {m2m.verbose_name}.",
                )
            )
    return found


def _table_description(model: Any) -> str:
    from powerwith.exports import CORE_DESCRIPTIONS

    own = {
        JOURNEY: CORE_DESCRIPTIONS["journey"],
        "people.person": "Everyone in the register of people, with their names and contact "
        "details (the full form only). Role, side and pay are as they are now.",
        "people.rolespell": CORE_DESCRIPTIONS["role_history"],
        "gatherings.gathering": CORE_DESCRIPTIONS["gatherings"],
        "gatherings.agendaitem": CORE_DESCRIPTIONS["agenda_items"],
        "gatherings.attendance": CORE_DESCRIPTIONS["attendance"],
        "gatherings.speakingturn": CORE_DESCRIPTIONS["speaking_turns"],
        "contributions.fatechange": CORE_DESCRIPTIONS["fate_history"],
        "journeys.definitionversion": CORE_DESCRIPTIONS["definitions"],
        "journeys.journeyvalue": CORE_DESCRIPTIONS["values"],
        "people.organisation": CORE_DESCRIPTIONS["organisations"],
        AUDIT: "The journey's log: who did what and when (the account is left out).",
    }
    if _label(model) in own:
        return str(own[_label(model)])
    doc = (model.__doc__ or "").strip()
    if doc and not doc.startswith(f"{model.__name__}("):
        return " ".join(doc.split("\n\n")[0].split())
    return f"The journey's {model._meta.verbose_name_plural}."


# -- types and descriptions --------------------------------------------------------------------
def _type(f: Any) -> dict[str, Any]:
    if isinstance(f, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(f, models.AutoField | models.BigAutoField | models.IntegerField):
        out: dict[str, Any] = {"type": "integer"}
        if isinstance(
            f,
            models.PositiveIntegerField
            | models.PositiveSmallIntegerField
            | models.PositiveBigIntegerField,
        ):
            out["constraints"] = {"minimum": 0}
        return out
    if isinstance(f, models.DecimalField | models.FloatField):
        return {"type": "number"}
    if isinstance(f, models.DateTimeField):
        return {"type": "datetime"}
    if isinstance(f, models.DateField):
        return {"type": "date"}
    if isinstance(f, models.TimeField):
        return {"type": "time"}
    if isinstance(f, models.DurationField):
        return {"type": "duration"}
    if isinstance(f, models.JSONField):
        default = f.default() if callable(f.default) else f.default
        return {
            "type": "array"
            if isinstance(default, list)
            else "object"
            if isinstance(default, dict)
            else "any"
        }
    if isinstance(f, models.UUIDField):
        return {"type": "string", "format": "uuid"}
    return {"type": "string"}


def _words(f: Any) -> str:
    name = str(f.verbose_name)
    text = name[:1].upper() + name[1:]
    if f.help_text:
        text += f": {f.help_text}"
    return text.rstrip(".") + "."


def _schema_field(table: Table, col: Column) -> dict[str, Any]:
    f = col.field
    spec: dict[str, Any]
    if col.kind == "key":
        if isinstance(f, models.UUIDField):
            spec = {"type": "string", "format": "uuid"}
            about = "This row's key: a random id, kept as it is."
        else:
            spec = {"type": "integer"}
            about = (
                "This row's key in the package (1, 2, 3...), used by other files to point at it."
            )
        return {
            "name": col.name,
            **spec,
            "description": about,
            "constraints": {"required": True, "unique": True},
        }
    if col.kind in ("org", "journey"):
        what = "organisation" if col.kind == "org" else "journey"
        about = f"{_words(f)} The {what}'s short name (slug)" + (
            ": the organisations file lists it."
            if col.kind == "org"
            else ", which may be outside this package."
        )
        spec = {"name": col.name, "type": "string", "description": about}
        if not f.null:
            spec["constraints"] = {"required": True}
        return spec
    if col.kind == "ref":
        target_key_uuid = isinstance(apps.get_model(col.target)._meta.pk, models.UUIDField)
        spec = {"name": col.name, "type": "string" if target_key_uuid else "integer"}
        if f is None:
            spec["description"] = f"The key of a row in {col.target}.csv."
            spec["constraints"] = {"required": True}
        else:
            spec["description"] = f"{_words(f)} The key of a row in {col.target}.csv" + (
                "; empty for none." if f.null else "."
            )
            if not f.null:
                spec["constraints"] = {"required": True}
        return spec
    spec = {"name": col.name, **_type(f)}
    about = _words(f)
    constraints: dict[str, Any] = dict(spec.pop("constraints", {}))
    if f.choices and spec["type"] == "string":
        constraints["enum"] = [str(c) for c, _label in f.flatchoices]
        about += " One of the codes listed in this field's enum."
    required = not f.null and not (f.blank and spec["type"] in ("string", "any", "array", "object"))
    if required:
        constraints["required"] = True
    if f.unique and table.name != JOURNEY:
        constraints["unique"] = True
    if (table.name, col.name) in TYPED_IDS:
        kind_field, targets = TYPED_IDS[(table.name, col.name)]
        about += (
            f" The key of the row it is about, in the file its {kind_field} names ("
            + ", ".join(f"{k}: {t}.csv" for k, t in targets.items())
            + ")."
        )
    if (table.name, col.name) in JSON_KEYS:
        about += f" Its keys are keys of rows in {JSON_KEYS[(table.name, col.name)]}.csv."
    if table.name == AUDIT and col.name == "object_id":
        about += " The key, in this package, of the row the line is about; empty if it is not in the package."
    if spec["type"] == "datetime":
        about += " Date and time in UTC."
    if constraints:
        spec["constraints"] = constraints
    spec["description"] = about
    return spec


def _schema(table: Table, fields: list[Column]) -> dict[str, Any]:
    names = {c.name for c in fields}
    schema: dict[str, Any] = {
        "fields": [_schema_field(table, c) for c in fields],
        "missingValues": [""],
    }
    if table.m2m is None:
        schema["primaryKey"] = ["id"]
    fks = []
    for c in fields:
        if c.kind == "ref" and c.name in names:
            fks.append(
                {
                    "fields": [c.name],
                    "reference": {
                        "resource": "" if c.target == table.name else c.target,
                        "fields": ["id"],
                    },
                }
            )
        if c.kind == "org":
            fks.append(
                {"fields": [c.name], "reference": {"resource": ORG_TABLE, "fields": ["slug"]}}
            )
    if fks:
        schema["foreignKeys"] = fks
    return schema


# -- reading the journey's rows -----------------------------------------------------------------
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


# -- reading a package back ---------------------------------------------------------------------
def expected_resources() -> dict[str, dict[str, Any]]:
    """Each resource of a full package, by name, with the schema this PowerWith writes."""
    found = {
        t.name: {"table": t, "schema": _schema(t, t.columns), "path": f"data/{t.name}.csv"}
        for t in tables()
    }
    return {
        ORG_TABLE: {
            "table": None,
            "schema": {"fields": [{"name": n, "type": "string"} for n in ("slug", "name", "kind")]},
            "path": f"data/{ORG_TABLE}.csv",
        },
        **found,
    }


def _parse(cell: str, spec: dict[str, Any]) -> object:
    """``cell`` read as ``spec``'s type; ValueError (a plain-English reason) if it is not one."""
    kind = spec["type"]
    if kind == "integer":
        if not cell.lstrip("-").isascii() or not cell.lstrip("-").isdigit():
            raise ValueError("is not a whole number")
        return int(cell)
    if kind == "number":
        try:
            return decimal.Decimal(cell)
        except decimal.InvalidOperation:
            raise ValueError("is not a number") from None
    if kind == "boolean":
        if cell not in ("true", "false"):
            raise ValueError("is not true or false")
        return cell == "true"
    try:
        if kind == "date":
            return datetime.date.fromisoformat(cell)
        if kind == "datetime":
            value = datetime.datetime.fromisoformat(cell)
            if value.tzinfo is None:
                raise ValueError
            return value
        if kind == "time":
            return datetime.time.fromisoformat(cell)
    except ValueError:
        raise ValueError(f"is not a {kind} (write it as in the other rows)") from None
    text = csvsafe.unescape(cell)
    if kind in ("array", "object", "any"):
        try:
            return json.loads(text)
        except ValueError:
            raise ValueError("is not JSON") from None
    if spec.get("format") == "uuid":
        try:
            return str(uuid.UUID(text))
        except ValueError:
            raise ValueError("is not a UUID") from None
    return text


def read(directory: str | Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The package in ``directory``, checked against this PowerWith's tables: its descriptor and
    each resource's rows (column -> value). Raises PackageError listing every problem, each with
    its file, row and field."""
    root = Path(directory)
    problems: list[str] = []
    try:
        desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(
            [f"{root}: there is no datapackage.json, so this is not a data package."]
        ) from None
    except ValueError:
        raise PackageError(["datapackage.json: it is damaged (it is not JSON)."]) from None
    meta = desc.get("powerwith", {}) if isinstance(desc, dict) else {}
    if meta.get("format") != PROFILE:
        raise PackageError(
            [f"datapackage.json: this is not a PowerWith journey package ({PROFILE})."]
        )
    if meta.get("form") != "full":
        raise PackageError(
            [
                "datapackage.json: this is a public package; only a full package can be imported "
                "(the public form leaves out what is needed to rebuild a journey)."
            ]
        )
    theirs = {r.get("name"): r for r in desc.get("resources", []) if isinstance(r, dict)}
    ours = expected_resources()
    for name in sorted(str(n) for n in set(theirs) - set(ours)):
        problems.append(f"datapackage.json: the table {name} is not one this PowerWith has.")
    for name in ours:
        if name not in theirs:
            problems.append(f"datapackage.json: the table {name} is missing.")
    data: dict[str, list[dict[str, Any]]] = {}
    for name, want in ours.items():
        res = theirs.get(name)
        if res is None:
            continue
        path = want["path"]
        fields = want["schema"]["fields"]
        names = [f["name"] for f in fields]
        their_fields = [f.get("name") for f in res.get("schema", {}).get("fields", [])]
        if their_fields != names:
            problems.append(
                f"{path}: its schema's fields are {', '.join(map(str, their_fields)) or 'none'}; "
                f"this PowerWith expects {', '.join(names)}."
            )
            continue
        their_types = [f.get("type") for f in res["schema"]["fields"]]
        for f, t in zip(fields, their_types, strict=True):
            if f["type"] != t:
                problems.append(
                    f"{path}: field {f['name']} is of type {t}; it should be {f['type']}."
                )
        try:
            with open(root / path, encoding="utf-8-sig", newline="") as fh:
                lines = list(csv.reader(fh))
        except FileNotFoundError:
            problems.append(f"{path}: the file is missing.")
            continue
        except UnicodeDecodeError:
            problems.append(f"{path}: the file is not UTF-8 text.")
            continue
        if not lines or lines[0] != names:
            problems.append(f"{path}, row 1: the header should be {','.join(names)}.")
            continue
        rows: list[dict[str, Any]] = []
        seen: dict[str, set[object]] = defaultdict(set)
        for n, line in enumerate(lines[1:], start=2):
            if len(line) != len(names):
                problems.append(
                    f"{path}, row {n}: it has {len(line)} cells; it should have {len(names)}."
                )
                continue
            row: dict[str, Any] = {}
            for f, cell in zip(fields, line, strict=True):
                cons = f.get("constraints", {})
                where = f"{path}, row {n}, field {f['name']}"
                if cell == "":
                    if cons.get("required"):
                        problems.append(f"{where}: it is empty, and it must be filled in.")
                    row[f["name"]] = None
                    continue
                try:
                    value = _parse(cell, f)
                except ValueError as exc:
                    problems.append(f"{where}: \u201c{cell[:60]}\u201d {exc}.")
                    continue
                if "enum" in cons and value not in cons["enum"]:
                    problems.append(
                        f"{where}: \u201c{cell[:60]}\u201d is not one of its codes ({', '.join(cons['enum'][:12])})."
                    )
                if "minimum" in cons and isinstance(value, int) and value < cons["minimum"]:
                    problems.append(f"{where}: {value} is below {cons['minimum']}.")
                if cons.get("unique"):
                    key = value if not isinstance(value, dict | list) else json.dumps(value)
                    if key in seen[f["name"]]:
                        problems.append(
                            f"{where}: \u201c{cell[:60]}\u201d is already in another row; it must be unique."
                        )
                    seen[f["name"]].add(key)
                row[f["name"]] = value
            rows.append(row)
        data[name] = rows
    # Foreign keys: every link must point at a row of the package.
    for name, want in ours.items():
        for fk in want["schema"].get("foreignKeys", []):
            col = fk["fields"][0]
            target = fk["reference"]["resource"] or name
            tcol = fk["reference"]["fields"][0]
            if name not in data or target not in data:
                continue
            there = {r[tcol] for r in data[target]}
            for n, row in enumerate(data[name], start=2):
                value = row.get(col)
                if value is not None and value not in there:
                    problems.append(
                        f"{want['path']}, row {n}, field {col}: it points at {value}, which is "
                        f"not in {ours[target]['path']}."
                    )
    files = meta.get("files", [])
    if not isinstance(files, list) or not all(isinstance(n, str) for n in files):
        problems.append("datapackage.json: its list of files is damaged.")
    else:
        for name in files:
            inside = (root / "files" / name).resolve()
            if not inside.is_relative_to((root / "files").resolve()) or not inside.is_file():
                problems.append(f"files/{name}: the file is missing.")
    if problems:
        raise PackageError(problems)
    return desc, data


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
