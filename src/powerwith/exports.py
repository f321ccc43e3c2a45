"""A journey's whole record in open formats, so what was learned outlives staff and funding.

The export is a ZIP holding one CSV file per table, the same tables in one JSON file, and a
README.txt explaining every file in plain English. It is built from tables:

- the foundation's (journey, agreement, people, gatherings, contributions...) by ``core_tables``;
- each module in ``EXPORT_MODULES`` that exists adds its own. Such a module exposes
  ``tables(journey) -> dict[str, list[dict[str, object]]]`` (table name -> rows, each row a dict
  of column -> value: str, int, float, bool, None, date or datetime) and ``DESCRIPTIONS``
  (table name -> one or two plain-English sentences for the README). People are never named in
  an export: use :func:`person_ids` and :func:`account_ids` so every table refers to the same
  person by the same code. Small groups in figures about personal characteristics or anonymous
  answers stay suppressed (``common.privacy``), as on the pages.

Based on: Whitehead / Centre for Loneliness Studies 2021 (staff leaving take knowledge with them;
plan and share your journey); the citizenship essay (projects die when funding ends).
"""

from __future__ import annotations

import datetime
import importlib
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise

from powerwith.common import csvsafe
from powerwith.common.access import Access, journey_view, require
from powerwith.common.services import audit
from powerwith.common.vocab import Vocabulary
from powerwith.contributions import vocab as contribution_vocab
from powerwith.contributions.models import Contribution, FateChange, Tag
from powerwith.gatherings import vocab as gathering_vocab
from powerwith.gatherings.models import AgendaItem, Attendance, Gathering, SpeakingTurn
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey, Membership
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Organisation, Person, RoleSpell

EXPORT_MODULES = [
    "powerwith.contributions.export",
    "powerwith.gatherings.export",
    "powerwith.decisions.export",
    "powerwith.reflection.export",
    "powerwith.inclusion.export",
    "powerwith.budgets.export",
    "powerwith.care.export",
    "powerwith.outreach.export",
    "powerwith.leaving.export",
    "powerwith.groundrules.export",
    "powerwith.plans.export",
    "powerwith.stories.export",
    "powerwith.trials.export",
    "powerwith.training.export",
]

Row = dict[str, object]
Tables = dict[str, list[Row]]

CORE_DESCRIPTIONS: dict[str, str] = {
    "journey": "One line about the journey: its name, purpose, who hosts it, the stages of the "
    "co-production cycle and the level it works at, and when it started.",
    "definitions": "Every version of the group's own definition of co-production, oldest first. "
    "Earlier versions are kept because how the words changed is part of the story.",
    "values": "The values the group chose, in its own words.",
    "limits": "What is on the table and what is not: each limit, who set it (the funder, the law, "
    "the organisation or the group), why, when it was shared with the whole group and which account recorded that (A01...; "
    "empty if not recorded). Members and observers see a limit only once it has been shared.",
    "organisations": "The organisations taking part, by name and kind.",
    "people": "Everyone in the register of people, without their names or contact details: each "
    "has a code (P001, P002...) used in every other file. Role, side (lived experience or "
    "professional) and pay are as they are now; when they joined and, if they left, when and why.",
    "role_history": "Each person's roles over time. Someone who used the service may later be "
    "employed as a peer worker; figures count people by the role they held at the time.",
    "accounts": "The sign-in accounts that recorded things, as codes (A01, A02...), with the "
    "person code of the account's owner where they are in the register.",
    "gatherings": "Every gathering: meetings, workshops, café sessions, walks, phone rounds, "
    "surveys; when, where (kind of venue), how accessible, at which stage.",
    "agenda_items": "Each agenda item of each gathering and who proposed it, with the role and "
    "side they held that day: this shows who set the agenda.",
    "attendance": "Who came to each gathering, who sent apologies and who did not come, with "
    "the role and side they held that day.",
    "speaking_turns": "Every speaking turn recorded: who spoke, at which gathering, with the role "
    "and side they held that day, and for how long when it was timed.",
    "contributions": "Everything anyone raised, in their words: when, through which channel, "
    "whose words they are (or anonymous), how it reached the group, its tags, whether it is "
    "praise or a problem (kind: praise, problem, or empty when neither), and what became of "
    "it (its fate, the reason, the level of change, and the answer given), and whether it is kept "
    'off the public "you said, we did" page (off_public_page).',
    "fate_history": "Every change in every contribution's fate, in order, with the day, the "
    "reason and who recorded it. Nothing anyone raised disappears without a trace.",
    "tags": "The tags used on contributions: touchpoints (moments in someone's journey through "
    "the service) and themes, with how many contributions carry each.",
    "codes": "What every code used in the other files means (roles, sides, channels, fates, "
    "levels of change...), in plain English.",
}

README_INTRO = """\
{title}: everything the group recorded in PowerWith
Exported on {exported} from the journey "{slug}".

This folder is the journey's record in open formats, so that what the group learned outlives
changes of staff and the end of funding. Every CSV file opens in a spreadsheet (LibreOffice,
Excel, Google Sheets); {slug}.json holds the same tables in one file for programs.

People are not named in the lists of this export. Each person has a code (P001, P002...)
used in every file, so you can follow someone through the record without knowing who they
are. Contact details and sign-in email addresses are never exported. What people said and the
answers given are exported as they were written, so read them before sharing this publicly.
Dates are written year-month-day; codes such as "service_user" are explained in codes.csv.

So that nothing typed into PowerWith can run as a formula in a spreadsheet, a piece of text
in a CSV file that begins with = + - @ ' a tab or a line break has one ' put in front of it
(numbers are left as they are). Remove that first ' to get the text as it was typed. The JSON
file holds every value exactly as it was typed, without the ': programs read JSON, spreadsheets
do not run it.

The files:
"""


# -- shared helpers for every export module ----------------------------------------------------
def person_ids(journey: Journey) -> dict[int, str]:
    """Person pk -> pseudonymous code (P001...), the same in every table of an export."""
    ids = Person.objects.filter(journey=journey).order_by("pk").values_list("pk", flat=True)
    return {pk: f"P{n:03d}" for n, pk in enumerate(ids, start=1)}


def account_ids(journey: Journey) -> dict[int, str]:
    """User pk -> pseudonymous code (A01...) for the accounts that are or were members."""
    users = Membership.objects.filter(journey=journey).order_by("user_id")
    ids = sorted(set(users.values_list("user_id", flat=True)))
    return {pk: f"A{n:02d}" for n, pk in enumerate(ids, start=1)}


def _label(vocab: Vocabulary, code: str) -> str:
    return vocab.label(code) if code else ""


# -- the foundation's tables -------------------------------------------------------------------
def core_tables(journey: Journey) -> Tables:
    """The foundation's record of ``journey`` as tables (see ``CORE_DESCRIPTIONS``)."""
    people = person_ids(journey)
    accounts = account_ids(journey)

    def who(pk: int | None) -> str:
        return people.get(pk, "") if pk is not None else ""

    def account(pk: int | None) -> str:
        if pk is None:
            return ""
        return accounts.get(pk, "A00")  # A00: someone no longer a member

    tables: Tables = {}
    tables["journey"] = [
        {
            "slug": journey.slug,
            "title": journey.title,
            "purpose": journey.purpose,
            "host_organisation": journey.host.name if journey.host else "",
            "stages": "; ".join(journey.stages),
            "level": journey.level,
            "started_on": journey.started_on,
            "ended_on": journey.ended_on,
            "you_said_we_did_public": journey.public_you_said,
        }
    ]
    tables["definitions"] = [
        {"version": n, "agreed_on": d.agreed_on, "text": d.text}
        for n, d in enumerate(journey.definitions.order_by("agreed_on", "id"), start=1)
    ]
    tables["values"] = [
        {"name": v.name, "code": v.code, "meaning": v.meaning, "chosen_on": v.chosen_on}
        for v in journey.values.order_by("chosen_on", "id")
    ]
    tables["limits"] = [
        {
            "limit_id": lim.pk,
            "on_or_off_the_table": lim.table,
            "text": lim.text,
            "set_by": lim.set_by,
            "why": lim.why,
            "shared_with_group_on": lim.disclosed_on,
            "shared_by": accounts.get(lim.shared_by_id, "") if lim.shared_by_id else "",
            "withdrawn_on": lim.withdrawn_on,
        }
        for lim in journey.limits.order_by("id")
    ]
    tables["organisations"] = [
        {"organisation_id": o.pk, "name": o.name, "kind": o.kind}
        for o in Organisation.objects.filter(journey=journey).order_by("id")
    ]
    tables["people"] = [
        {
            "person_id": people[p.pk],
            "role": p.role,
            "side": p.side,
            "paid": p.paid,
            "organisation_id": p.organisation_id,
            "online": p.online,
            "joined_on": p.joined_on,
            "left_on": p.left_on,
            "left_reason": p.left_reason,
            "has_account": p.user_id is not None,
        }
        for p in Person.objects.filter(journey=journey).order_by("pk")
    ]
    tables["role_history"] = [
        {
            "person_id": people[s.person_id],
            "role": s.role,
            "side": s.side,
            "paid": s.paid,
            "started_on": s.started_on,
            "ended_on": s.ended_on,
        }
        for s in RoleSpell.objects.filter(journey=journey).order_by("person_id", "started_on", "id")
    ]
    member_person = dict(
        Membership.objects.filter(journey=journey).values_list("user_id", "person_id")
    )
    tables["accounts"] = [
        {"account_id": code, "person_id": who(member_person.get(pk))}
        for pk, code in sorted(accounts.items(), key=lambda kv: kv[1])
    ]
    gatherings = (
        Gathering.objects.filter(journey=journey).select_related("group").order_by("held_on", "id")
    )
    tables["gatherings"] = [
        {
            "gathering_id": g.pk,
            "title": g.title,
            "kind": g.kind,
            "format": g.format,
            "held_on": g.held_on,
            "starts_at": g.starts_at.strftime("%H:%M") if g.starts_at else None,
            "venue_kind": g.venue_kind,
            "venue_name": g.venue_name,
            "accessibility": g.accessibility,
            "stage": g.stage,
            "codesign_group": g.group.name if g.group_id and g.group else "",
            "notes": g.notes,
        }
        for g in gatherings
    ]
    tables["agenda_items"] = [
        {
            "gathering_id": a.gathering_id,
            "position": a.position,
            "title": a.title,
            "proposed_by": who(a.proposed_by_id),
            "proposer_role": a.proposer_role,
            "proposer_side": a.proposer_side,
        }
        for a in AgendaItem.objects.filter(gathering__journey=journey).order_by(
            "gathering__held_on", "gathering_id", "position", "id"
        )
    ]
    tables["attendance"] = [
        {
            "gathering_id": a.gathering_id,
            "person_id": who(a.person_id),
            "status": a.status,
            "role": a.role,
            "side": a.side,
        }
        for a in Attendance.objects.filter(gathering__journey=journey).order_by(
            "gathering__held_on", "gathering_id", "person_id"
        )
    ]
    tables["speaking_turns"] = [
        {
            "gathering_id": t.gathering_id,
            "person_id": who(t.person_id),
            "role": t.role,
            "side": t.side,
            "seconds": t.seconds,
            "agenda_item_position": t.agenda_item.position if t.agenda_item else None,
            "started_at": t.started_at,
        }
        for t in SpeakingTurn.objects.filter(gathering__journey=journey)
        .select_related("agenda_item")
        .order_by("gathering__held_on", "gathering_id", "started_at", "id")
    ]
    contributions = (
        Contribution.objects.filter(journey=journey)
        .prefetch_related("tags")
        .order_by("raised_on", "id")
    )
    tables["contributions"] = [
        {
            "contribution_id": c.pk,
            "raised_on": c.raised_on,
            "text": c.text,
            "channel": c.channel,
            "gathering_id": c.gathering_id,
            "raised_by": who(c.raised_by_id),
            "anonymous": c.anonymous,
            "raiser_role": c.raiser_role,
            "raiser_side": c.raiser_side,
            "entered_by": account(c.entered_by_id),
            "provenance": c.provenance,
            "tags": "; ".join(sorted(t.name for t in c.tags.all())),
            "kind": c.kind,
            "fate": c.fate,
            "fate_reason": c.fate_reason,
            "change_level": c.change_level,
            "merged_into": c.merged_into_id,
            "owner": who(c.owner_id),
            "first_response_on": c.first_response_on,
            "fate_changed_on": c.fate_changed_on,
            "response": c.response,
            "off_public_page": c.off_public,
        }
        for c in contributions
    ]
    tables["fate_history"] = [
        {
            "contribution_id": h.contribution_id,
            "on": h.on,
            "from_fate": h.from_fate,
            "to_fate": h.to_fate,
            "reason": h.reason,
            "change_level": h.change_level,
            "merged_into": h.merged_into_id,
            "decision_id": h.decision_id,
            "recorded_by": account(h.by_id),
        }
        for h in FateChange.objects.filter(contribution__journey=journey).order_by(
            "contribution__raised_on", "contribution_id", "at", "id"
        )
    ]
    tag_counts: dict[int, int] = {}
    for tag_id in Contribution.tags.through.objects.filter(
        contribution__journey=journey
    ).values_list("tag_id", flat=True):
        tag_counts[tag_id] = tag_counts.get(tag_id, 0) + 1
    tables["tags"] = [
        {"name": t.name, "kind": t.kind, "contributions": tag_counts.get(t.pk, 0)}
        for t in Tag.objects.filter(journey=journey).order_by("kind", "name")
    ]
    tables["codes"] = codes_table()
    return tables


CODE_LISTS: list[tuple[str, Vocabulary]] = [
    ("role", people_vocab.ROLES),
    ("side", people_vocab.SIDES),
    ("organisation kind", people_vocab.ORGANISATION_KINDS),
    ("stage", journey_vocab.STAGES),
    ("level", journey_vocab.LEVELS),
    ("value", journey_vocab.VALUES),
    ("limit set by", journey_vocab.LIMIT_SETTERS),
    ("on or off the table", journey_vocab.TABLE_SIDES),
    ("gathering kind", gathering_vocab.KINDS),
    ("format", gathering_vocab.FORMATS),
    ("venue kind", gathering_vocab.VENUES),
    ("attendance", gathering_vocab.ATTENDANCE),
    ("channel", contribution_vocab.CHANNELS),
    ("fate", contribution_vocab.FATES),
    ("level of change", contribution_vocab.CHANGE_LEVELS),
    ("tag kind", contribution_vocab.TAG_KINDS),
    ("praise or problem", contribution_vocab.KINDS),
]


def codes_table() -> list[Row]:
    return [
        {"list": name, "code": t.code, "label": t.label, "meaning": t.explanation}
        for name, vocab in CODE_LISTS
        for t in vocab
    ]


# -- putting it together -----------------------------------------------------------------------
def _modules() -> list[Any]:
    found = []
    for name in EXPORT_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return found


def all_tables(journey: Journey) -> tuple[Tables, dict[str, str]]:
    """Every table of the journey's export and its plain-English description."""
    tables = core_tables(journey)
    descriptions = dict(CORE_DESCRIPTIONS)
    for module in _modules():
        app = module.__name__.split(".")[1]
        more = getattr(module, "DESCRIPTIONS", {})
        for name, rows in module.tables(journey).items():
            key = name if name not in tables else f"{app}_{name}"
            tables[key] = rows
            descriptions[key] = more.get(name, f"A table from the {app} part of PowerWith.")
    return tables, descriptions


def json_value(value: object) -> object:
    """A value as JSON holds it (a label marked for translation as text, in the reader's
    language; a spreadsheet cell is escaped as text too, through ``_cell``)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Promise):  # a label marked for translation
        return str(value)
    return value


def _cell(value: object) -> object:
    """A value as a spreadsheet cell: empty for nothing, yes/no for true/false. Numbers stay
    numbers, so ``csvsafe`` writes them as they are and escapes only text."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return json_value(value)


def to_csv(rows: list[Row], columns: Iterable[str] | None = None) -> str:
    """A table as CSV, through the one safe writer (``common.csvsafe``): text that a spreadsheet
    would run as a formula gets a ' in front."""
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    return csvsafe.rows_to_csv([cols, *([_cell(row.get(c)) for c in cols] for row in rows)])


def to_json(journey: Journey, tables: Tables, descriptions: dict[str, str]) -> str:
    doc = {
        "format": "powerwith-export/1",
        "journey": journey.slug,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "files": {name: str(text) for name, text in descriptions.items()},
        "tables": {
            name: [{k: json_value(v) for k, v in row.items()} for row in rows]
            for name, rows in tables.items()
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


def readme(journey: Journey, tables: Tables, descriptions: dict[str, str]) -> str:
    lines = [
        README_INTRO.format(
            title=journey.title, slug=journey.slug, exported=timezone.localdate().isoformat()
        )
    ]
    for name in tables:
        n = len(tables[name])
        lines.append(f"{name}.csv ({n} {'row' if n == 1 else 'rows'})")
        lines.append(f"    {descriptions.get(name, '')}")
        lines.append("")
    lines.append(f"{journey.slug}.json")
    lines.append("    All the tables above in one JSON file, with these descriptions.")
    lines.append("")
    return "\n".join(lines)


def build_zip(journey: Journey) -> bytes:
    """The journey's export: README.txt, one CSV per table, and one JSON file, in a ZIP."""
    tables, descriptions = all_tables(journey)
    folder = f"{journey.slug}-{timezone.localdate().isoformat()}"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{folder}/README.txt", readme(journey, tables, descriptions))
        for name, rows in tables.items():
            # A byte-order mark so spreadsheet programs read the accents and symbols right.
            zf.writestr(f"{folder}/{name}.csv", "\ufeff" + to_csv(rows))
        zf.writestr(f"{folder}/{journey.slug}.json", to_json(journey, tables, descriptions))
    return buf.getvalue()


def export_download(*, actor: Any, journey: Journey, kind: str = "zip") -> bytes:
    """The export for a facilitator to download; the download is written to the journey's log."""
    require(actor, journey, "manage")
    if kind == "json":
        tables, descriptions = all_tables(journey)
        data = to_json(journey, tables, descriptions).encode()
    else:
        data = build_zip(journey)
    audit(
        journey=journey,
        actor=actor,
        action="journey_export",
        obj=journey,
        summary=f"Downloaded the journey's record ({kind.upper()})",
    )
    return data


# -- the page ----------------------------------------------------------------------------------
@journey_view("manage")
def export_page(request: HttpRequest, access: Access) -> HttpResponse:
    """What the export holds, and the download links (``?format=zip`` or ``?format=json``; the
    data package, ``?format=package`` or ``?format=public``, from ``powerwith.datapackage``)."""
    journey = access.journey
    kind = request.GET.get("format", "")
    if kind in ("package", "public"):
        from powerwith import datapackage  # the layer above: it reads this module's registry

        data = datapackage.package_zip(actor=request.user, journey=journey, public=kind == "public")
        stamp = timezone.localdate().isoformat()
        name = f"{journey.slug}-{'public' if kind == 'public' else 'full'}-package-{stamp}.zip"
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if kind in ("zip", "json"):
        data = export_download(actor=request.user, journey=journey, kind=kind)
        stamp = timezone.localdate().isoformat()
        if kind == "zip":
            response = HttpResponse(data, content_type="application/zip")
        else:
            response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{journey.slug}-{stamp}.{kind}"'
        return response
    tables, descriptions = all_tables(journey)
    files = [
        {"name": f"{name}.csv", "rows": len(rows), "about": descriptions.get(name, "")}
        for name, rows in tables.items()
    ]
    context = {
        "journey": journey,
        "files_with_rows": [f for f in files if f["rows"]],
        "empty_files": [f for f in files if not f["rows"]],
    }
    return render(request, "exports/page.html", context)
