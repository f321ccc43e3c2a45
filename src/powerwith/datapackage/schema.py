"""Which tables a data package has, and each one's Frictionless table schema.

The tables come from the models, not from a second hand-written list: the registry of
``exports.EXPORT_MODULES`` decides which apps are a journey's record, and each of those apps'
models (with the foundation's) is a table. The constants here say what is left out, what the
public form drops, and which ids hide outside foreign keys; writing, reading and importing all
follow them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import models

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
    "gatherings.invitationmaker": "who drew up each gathering's invitation list",
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
